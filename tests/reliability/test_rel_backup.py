"""Backups a coordinator can rely on: backup then restore brings the data back, restore keeps
what it replaced, and ``check`` finds what SQLite's integrity check alone would miss."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from sqlalchemy import select

from db.models import Visit


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


def test_backup_then_restore_brings_the_data_back(cli, db, db_path, tmp_path):
    add_visit(db, "BEFORE")  # still in the WAL: the backup must include it
    backup = tmp_path / "copies" / "monday.db"
    run = cli("--db", db_path, "backup", "--out", backup)
    assert run.code == 0 and str(backup) in run.out

    add_visit(db, "AFTER")
    with db.write() as s:
        s.scalars(select(Visit).where(Visit.code == "BEFORE")).one().title = "Pārrakstīts"
    run = cli("--db", db_path, "restore", backup)
    assert run.code == 0, run.err
    assert codes(db) == ["BEFORE"]
    with db.read() as s:
        assert s.scalar(select(Visit.title)) == "Vizīte BEFORE"


def test_restore_keeps_a_copy_of_what_it_replaced(cli, db, db_path, tmp_path):
    add_visit(db, "OLD")
    backup = tmp_path / "b.db"
    assert cli("--db", db_path, "backup", "--out", backup).code == 0
    add_visit(db, "NEWER")
    run = cli("--db", db_path, "restore", backup)
    assert run.code == 0
    kept_line = [line for line in run.out.splitlines() if "kept" in line]
    assert len(kept_line) == 1
    kept = Path(kept_line[0].rsplit(" ", 1)[1].rstrip("."))
    assert kept.is_file() and kept.parent == db_path.parent / "backups"
    con = sqlite3.connect(kept)
    try:
        assert sorted(r[0] for r in con.execute("SELECT code FROM visit")) == ["NEWER", "OLD"]
    finally:
        con.close()


def test_restore_refuses_a_file_that_is_not_a_backup(cli, db, db_path, tmp_path):
    add_visit(db, "MINE")
    junk = tmp_path / "junk.db"
    junk.write_text("this is not a database\n" * 100)
    run = cli("--db", db_path, "restore", junk)
    assert run.code == 2 and run.err.count("\n") == 1 and str(junk) in run.err
    empty = tmp_path / "empty.db"
    sqlite3.connect(empty).close()
    assert cli("--db", db_path, "restore", empty).code == 2
    assert cli("--db", db_path, "restore", tmp_path / "missing.db").code == 2
    assert codes(db) == ["MINE"]
    assert not (db_path.parent / "backups").exists()


def test_restore_refuses_a_backup_from_a_newer_program(cli, db, db_path, tmp_path):
    add_visit(db, "MINE")
    backup = tmp_path / "future.db"
    assert cli("--db", db_path, "backup", "--out", backup).code == 0
    con = sqlite3.connect(backup)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    add_visit(db, "LATER")
    run = cli("--db", db_path, "restore", backup)
    assert run.code == 2 and "newer version" in run.err
    assert codes(db) == ["LATER", "MINE"]


def test_backup_refuses_to_overwrite_the_database_itself(cli, db, db_path):
    add_visit(db, "MINE")
    run = cli("--db", db_path, "backup", "--out", db_path)
    assert run.code == 2
    assert codes(db) == ["MINE"]


def test_backup_of_a_missing_database_says_so(cli, tmp_path):
    run = cli("--db", tmp_path / "nowhere.db", "backup", "--out", tmp_path / "b.db")
    assert run.code == 2 and "nowhere.db" in run.err
    assert not (tmp_path / "nowhere.db").exists()


def test_check_says_ok_on_a_healthy_database(cli, db, db_path):
    add_visit(db, "OK")
    run = cli("--db", db_path, "check")
    assert run.code == 0 and run.out.strip() == "ok"


def test_check_finds_an_orphan_row(cli, db, db_path):
    add_visit(db, "V")
    db.dispose()
    con = sqlite3.connect(db_path)
    con.execute("PRAGMA foreign_keys=OFF")
    con.execute(
        "INSERT INTO participation (visit_id, person_id, role, status, version, created_at,"
        " updated_at) VALUES (999, 888, 'delegate', 'invited', 1, '2024-01-01', '2024-01-01')"
    )
    con.commit()
    con.close()
    run = cli("--db", db_path, "check")
    assert run.code == 1
    assert "participation" in run.out
    assert "problem" in run.err


def test_check_finds_a_damaged_file(cli, db, db_path):
    for i in range(200):
        add_visit(db, f"V{i:03d}")
    db.dispose()
    con = sqlite3.connect(db_path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    data = bytearray(db_path.read_bytes())
    page = 4096
    # Scribble over the middle of the file, past the schema page.
    for offset in range(page * 3 + 100, min(len(data), page * 6), 7):
        data[offset] = 0xA5
    db_path.write_bytes(bytes(data))
    run = cli("--db", db_path, "check")
    assert run.code == 1
    assert run.out.strip() != "ok" and run.out.strip() != ""
