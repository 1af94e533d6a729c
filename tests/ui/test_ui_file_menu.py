"""File menu: back up now, open another database (one window per file), directory counts."""

from __future__ import annotations

import shutil

from app.demo import load_demo
from db.engine import Database
from ui.app import acquire_lock
from ui.main_window import MainWindow


def test_back_up_now_writes_a_usable_copy(qtbot, db, tmp_path):
    from db.backup import check_file

    load_demo(db)
    window = MainWindow(db)
    qtbot.addWidget(window)
    target = tmp_path / "copies" / "monday.db"
    assert window.back_up(str(target)) == str(target)
    assert check_file(target) == []
    assert "monday.db" in window.statusBar().currentMessage()


def test_open_another_database_switches_and_moves_the_lock(qtbot, db, db_path, tmp_path):
    other = tmp_path / "other.db"
    shutil.copyfile(db_path, other)
    other_db = Database(f"sqlite:///{other}")
    load_demo(other_db)
    other_db.dispose()
    lock = acquire_lock(db_path)
    window = MainWindow(db, lock=lock)
    qtbot.addWidget(window)
    assert window.visits_page.shown_codes() == []
    assert window.switch_database(str(other))
    assert len(window.visits_page.shown_codes()) == 6
    released = acquire_lock(db_path)  # the first file is free again
    assert released is not None
    released.unlock()
    assert acquire_lock(other) is None  # and the new one is held
    window.lock.unlock()
    window.db.dispose()


def test_directory_pages_count_their_rows_in_the_status_bar(qtbot, db):
    load_demo(db)
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    window.show_section("people")
    assert window.statusBar().currentMessage().endswith(" people")
    window.show_section("institutions")
    assert window.statusBar().currentMessage().endswith(" institutions")


def test_an_unexpected_error_is_a_message_not_a_crash(monkeypatch, capsys, qapp):
    from PySide6.QtWidgets import QMessageBox

    from ui.app import report_unexpected

    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    try:
        raise KeyError("visit")
    except KeyError as error:
        report_unexpected(KeyError, error, error.__traceback__)
    assert "KeyError" in shown[0] and "saved" in shown[0]
    from app.failures import log_path

    # kept for whoever reports it, in the log file the message names (not on stderr)
    assert str(log_path()) in shown[0]
    assert "test_an_unexpected_error_is_a_message_not_a_crash" in log_path().read_text()
