"""File → Restore from a backup is ``studyvisit restore``'s own operation (app.backups): the
window refuses what the command line refuses, in the same sentence, and touches nothing.

A foreign SQLite file was once swapped in by the window while the command line refused it
(issue 14); a backup from a newer program and a database another computer holds open are
refused the same way; the window's own lock is no obstacle to a good backup.
"""

from __future__ import annotations

import datetime as dt
import sqlite3

from sqlalchemy import select

from db.models import Visit
from ui.app import acquire_lock
from ui.main_window import MainWindow


def add_visit(db, code: str) -> None:
    with db.write() as s:
        s.add(
            Visit(
                code=code,
                title=f"Vizīte {code}",
                timezone="Europe/Riga",
                start_date=dt.date(2024, 4, 2),
                end_date=dt.date(2024, 4, 5),
            )
        )


def codes(db) -> list[str]:
    with db.read() as s:
        return sorted(s.scalars(select(Visit.code)))


def window_on(qtbot, db, db_path):
    lock = acquire_lock(db_path)  # as the program holds it while the window is open
    assert lock is not None
    window = MainWindow(db, lock=lock)
    qtbot.addWidget(window)
    return window, lock


def cli_sentence(cli, db_path, backup) -> str:
    """What ``studyvisit restore`` says of ``backup`` (its one line, without the newline)."""
    run = cli("--db", db_path, "restore", backup)
    assert run.code == 2 and run.err.count("\n") == 1, run.err
    return run.err.strip()


def test_the_window_refuses_a_foreign_sqlite_file_in_the_command_lines_words(
    qtbot, cli, db, db_path, tmp_path, warnings_shown, answer_yes
):
    add_visit(db, "MINE")
    foreign = tmp_path / "recipes.db"  # another program's database: sound, but not ours
    con = sqlite3.connect(foreign)
    con.execute("CREATE TABLE recipe (id INTEGER PRIMARY KEY, name TEXT)")
    con.execute("INSERT INTO recipe (name) VALUES ('Pīrāgi')")
    con.commit()
    con.close()
    said = cli_sentence(cli, db_path, foreign)
    assert "not a Study Visit Planner backup" in said

    window, lock = window_on(qtbot, db, db_path)
    try:
        assert window.restore(str(foreign)) is False
    finally:
        lock.unlock()
    assert warnings_shown == [said]  # the same sentence, the same one home
    assert answer_yes == []  # refused before "Replace the database…?" is asked
    assert codes(window.db) == ["MINE"]
    assert not (db_path.parent / "backups").exists()  # nothing was kept: nothing touched


def test_the_window_refuses_a_backup_from_a_newer_program(
    qtbot, cli, db, db_path, tmp_path, warnings_shown, answer_yes
):
    add_visit(db, "MINE")
    backup = tmp_path / "future.db"
    assert cli("--db", db_path, "backup", "--out", backup).code == 0
    con = sqlite3.connect(backup)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    said = cli_sentence(cli, db_path, backup)

    window, lock = window_on(qtbot, db, db_path)
    try:
        assert window.restore(str(backup)) is False
    finally:
        lock.unlock()
    assert warnings_shown == [said] and "newer version" in said
    assert codes(window.db) == ["MINE"]


def test_the_window_refuses_while_another_computer_holds_the_database(
    qtbot, db, db_path, tmp_path, warnings_shown, answer_yes
):
    """The lock of a program on another computer (a shared folder) is kept as a refusal;
    only the window's own lock is passed over."""
    add_visit(db, "MINE")
    window = MainWindow(db)
    qtbot.addWidget(window)
    backup = tmp_path / "b.db"
    assert window.back_up(str(backup)) == str(backup)
    (db_path.parent / f"{db_path.name}.lock").write_text(
        "4242\nstudyvisit\noffice-pc\n0123456789abcdef\nboot\n", encoding="utf-8"
    )
    assert window.restore(str(backup)) is False
    assert len(warnings_shown) == 1 and "office-pc" in warnings_shown[0]
    assert "4242" in warnings_shown[0]
    assert not (db_path.parent / "backups").exists()


def test_the_window_restores_a_good_backup_while_holding_its_own_lock(
    qtbot, db, db_path, tmp_path, warnings_shown, answer_yes
):
    add_visit(db, "BEFORE")
    window, lock = window_on(qtbot, db, db_path)
    try:
        backup = tmp_path / "b.db"
        assert window.back_up(str(backup)) == str(backup)
        add_visit(window.db, "AFTER")
        assert window.restore(str(backup)) is True
    finally:
        lock.unlock()
    assert warnings_shown == []
    assert codes(window.db) == ["BEFORE"]
    kept = list((db_path.parent / "backups").glob("*.before-restore.*.db"))
    assert len(kept) == 1  # what it replaced was kept first
    assert str(kept[0]) in window.statusBar().currentMessage()  # and says where, as the CLI
    window.db.dispose()


def test_a_restore_that_fails_says_so_keeps_the_database_and_returns_false(
    qtbot, db, db_path, tmp_path, warnings_shown, answer_yes
):
    """A file named like the backups folder stops the copy of what would be replaced: one
    sentence, the database as it was, and the window does not claim a restore."""
    add_visit(db, "BEFORE")
    window, lock = window_on(qtbot, db, db_path)
    try:
        backup = tmp_path / "b.db"
        assert window.back_up(str(backup)) == str(backup)
        add_visit(window.db, "AFTER")
        (db_path.parent / "backups").write_text("not a folder", encoding="utf-8")
        assert window.restore(str(backup)) is False
    finally:
        lock.unlock()
    assert len(warnings_shown) == 1 and "Errno" not in warnings_shown[0]
    assert codes(window.db) == ["AFTER", "BEFORE"] or codes(window.db) == ["BEFORE", "AFTER"]
    window.db.dispose()
