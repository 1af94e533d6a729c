"""The window's messages for failures nobody foresaw: one sentence, no SQL, no stored value,
the log file named; the work saved before is said to be safe."""

from __future__ import annotations

import sqlite3

from PySide6.QtWidgets import QMessageBox
from sqlalchemy.exc import OperationalError

from app.failures import log_path


def _database_error() -> OperationalError:
    try:
        raise OperationalError(
            "INSERT INTO person (given_name, date_of_birth, id_document) VALUES (?, ?, ?)",
            ("Anna", "1980-05-01", "LV1234567"),
            sqlite3.OperationalError("attempt to write a readonly database"),
        )
    except OperationalError as exc:
        return exc


def test_show_error_and_the_last_resort_hide_the_sql_and_the_values(qtbot, monkeypatch):
    from ui.app import report_unexpected
    from ui.widgets.messages import show_error

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda p, t, text, *a, **k: shown.append(text))
    monkeypatch.setattr(QMessageBox, "critical", lambda p, t, text, *a, **k: shown.append(text))
    error = _database_error()
    assert "LV1234567" in str(error)  # what used to be shown
    show_error(None, error)
    report_unexpected(type(error), error, error.__traceback__)
    assert len(shown) == 2
    for text in shown:
        assert "cannot be written to" in text and str(log_path()) in text
        for leak in ("LV1234567", "1980", "Anna", "INSERT", "SQL"):
            assert leak not in text
    assert "Everything saved before this is safe" in shown[1]
    logged = log_path().read_text(encoding="utf-8")
    assert "INSERT INTO person" in logged and "str(9)" in logged
    assert "LV1234567" not in logged and "Anna" not in logged


def test_a_lock_from_another_computer_and_a_read_only_folder_are_said_as_such(
    qtbot, db_path, tmp_path
):
    import os
    import shutil
    import subprocess

    import pytest

    from ui.app import acquire_lock, lock_problem

    (db_path.parent / f"{db_path.name}.lock").write_text(
        "4242\nstudyvisit\noffice-pc\n0123\nboot\n", encoding="utf-8"
    )
    assert acquire_lock(db_path) is None
    message = lock_problem(db_path)
    assert "office-pc" in message and f"{db_path.name}.lock" in message
    assert "already open in another" not in message

    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("needs root for a read-only mount")
    shelf = tmp_path / "shelf"
    shelf.mkdir()
    shutil.copyfile(db_path, shelf / "old.db")
    ro = tmp_path / "ro"
    ro.mkdir()
    subprocess.run(["mount", "--bind", str(shelf), str(ro)], check=True)
    try:
        subprocess.run(["mount", "-o", "remount,bind,ro", str(ro)], check=True)
        assert acquire_lock(ro / "old.db") is None
        message = lock_problem(ro / "old.db")
        assert "cannot be written to" in message and "already open" not in message
    finally:
        subprocess.run(["umount", "-l", str(ro)], check=False)


def test_the_window_speaks_of_menus_and_the_command_line_of_options(
    qtbot, cli, tmp_path, monkeypatch
):
    from ui.app import open_or_explain

    junk = tmp_path / "junk.db"
    junk.write_text("not a database\n" * 200)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda p, t, text, *a, **k: shown.append(text))
    assert open_or_explain(f"sqlite:///{junk}") is None
    assert len(shown) == 1 and "--db" not in shown[0] and "studyvisit" not in shown[0]
    assert "Restore from a backup" in shown[0]
    run = cli("--db", junk, "visits", "list")
    assert run.code == 2 and "--db" in run.err and "studyvisit restore" in run.err
    folder = tmp_path / "a-folder"
    folder.mkdir()
    run = cli("--db", folder, "visits", "list")
    assert run.code == 2 and "is a folder" in run.err and "--db" in run.err
