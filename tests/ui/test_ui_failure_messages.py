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
            sqlite3.OperationalError("attempt to write a readonly database"))
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
