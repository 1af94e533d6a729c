"""A database another window holds open (here, or on another computer of a shared folder) can
be opened for reading only: the user is asked, the window says why it is read-only, every
editing control is disabled, and what the other window saves is seen after Reload.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from app.services.visits import create_visit
from app.storage import url_for
from db.engine import Database
from ui.app import acquire_lock, lock_or_read_only, open_or_explain
from ui.main_window import MainWindow


@pytest.fixture
def asked(monkeypatch) -> list[str]:
    """Every question answered Yes; the questions kept."""
    questions: list[str] = []

    def question(parent, title, text, *args, **kwargs):
        questions.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    return questions


def add_visit(db, code: str) -> None:
    create_visit(
        db,
        code=code,
        title=f"Vizīte {code}",
        country="NO",
        city="Bergen",
        timezone="Europe/Oslo",
        start_date=dt.date(2026, 4, 6),
        end_date=dt.date(2026, 4, 9),
    )


def test_a_database_held_by_another_computer_may_be_opened_for_reading(
    db_path: Path, asked, monkeypatch
):
    (db_path.parent / f"{db_path.name}.lock").write_text(
        "4242\nstudyvisit\noffice-pc\n0123456789abcdef\nboot\n", encoding="utf-8"
    )
    assert lock_or_read_only(db_path) == (None, True)
    assert "office-pc" in asked[0] and "Open it for reading only?" in asked[0]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    assert lock_or_read_only(db_path) is None  # declined: not opened at all


def test_reading_a_database_another_window_is_changing(qtbot, db, db_path, asked):
    other_window = acquire_lock(db_path)  # the window that has it open for changes
    assert other_window is not None
    try:
        add_visit(db, "FIRST")
        lock, reading_only = lock_or_read_only(db_path)
        assert lock is None and reading_only
        reader = open_or_explain(url_for(db_path), reading_only=True)
        assert reader is not None and reader.read_only
        window = MainWindow(reader)
        qtbot.addWidget(window)
        assert "open for changes in another window" in window.read_only_banner.text()
        assert not window.new_action.isEnabled() and not window.restore_action.isEnabled()
        assert window.visits_page.shown_codes() == ["FIRST"]
        add_visit(db, "SECOND")  # saved by the other window meanwhile
        window.reload()
        assert sorted(window.visits_page.shown_codes()) == ["FIRST", "SECOND"]
        reader.dispose()
    finally:
        other_window.unlock()


def test_open_another_database_offers_reading_one_that_is_held(qtbot, db, db_path, tmp_path, asked):
    import shutil

    other = tmp_path / "other.db"
    shutil.copyfile(db_path, other)
    writer = Database(f"sqlite:///{other}")
    add_visit(writer, "THEIRS")
    held = acquire_lock(other)  # a window elsewhere has it open
    own = acquire_lock(db_path)
    window = MainWindow(db, lock=own)
    qtbot.addWidget(window)
    try:
        assert window.switch_database(str(other))
        assert window.read_only and window.visits_page.shown_codes() == ["THEIRS"]
        assert not window.visits_page.new_button.isEnabled()
        assert window.lock is None
        freed = acquire_lock(db_path)  # the first database is free again
        assert freed is not None
        freed.unlock()
    finally:
        held.unlock()
        writer.dispose()
        window.db.dispose()


def test_a_writable_database_opened_next_is_editable_again(qtbot, db, db_path, tmp_path, asked):
    import shutil

    from ui import read_only

    free = tmp_path / "free.db"
    shutil.copyfile(db_path, free)
    held = acquire_lock(db_path)  # another window has the first one open
    try:
        reader = open_or_explain(url_for(db_path), reading_only=True)
        window = MainWindow(reader)
        qtbot.addWidget(window)
        assert not window.visits_page.new_button.isEnabled()
        assert read_only._guard is not None and id(window) in read_only._locked
        assert window.switch_database(str(free))
        assert not window.read_only and window.visits_page.new_button.isEnabled()
        assert window.new_action.isEnabled()
        assert id(window) not in read_only._locked  # the guard stops when none is left
    finally:
        held.unlock()
        if window.lock is not None:
            window.lock.unlock()
        window.db.dispose()
