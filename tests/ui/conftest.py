"""Fixtures of the desktop tests: a window on a database with a visit, dialogs answered."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QMessageBox


@pytest.fixture
def answer_yes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every "Delete …?" question answered Yes; the questions asked are kept."""
    asked: list[str] = []

    def question(parent, title, text, *args, **kwargs):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


@pytest.fixture
def warnings_shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda parent, title, text, *a, **k: shown.append(text)
    )
    return shown


@pytest.fixture
def visit(db):
    """A four-day visit to Bergen with two confirmed delegates."""
    from app.services.people import add_participant, create_person
    from app.services.visits import create_visit

    made = create_visit(
        db,
        code="LPS-BERGEN",
        title="LPS valde Bergenā",
        country="NO",
        city="Bergen",
        timezone="Europe/Oslo",
        start_date=dt.date(2026, 4, 6),
        end_date=dt.date(2026, 4, 9),
    )
    for given, family in (("Jānis", "Bērziņš"), ("Anna", "Čakste")):
        person = create_person(db, given_name=given, family_name=family)
        add_participant(db, made.id, person.id, status="confirmed")
    return made


def open_tab(qtbot, db, visit_id: int, name: str, *, shown: bool = False):
    """A main window on ``db`` with the visit open at its tab ``name``: (window, tab).

    ``shown``: keyboard shortcuts need a shown, active window."""
    from ui.main_window import MainWindow

    window = MainWindow(db)
    qtbot.addWidget(window)
    if shown:
        window.show()
        qtbot.waitExposed(window)
    window.open_visit(visit_id)
    tab = window.workspace._tab(name)
    window.workspace.tabs.setCurrentWidget(tab)
    if shown:
        window.activateWindow()
    return window, tab


def open_budget(qtbot, db, visit_id: int, *, shown: bool = False):
    """The Budget tab of the visit in a new main window: (window, tab)."""
    return open_tab(qtbot, db, visit_id, "budget", shown=shown)


def open_programme(qtbot, db, visit):
    """The Programme tab of ``visit`` in a new main window: (window, tab)."""
    return open_tab(qtbot, db, visit.id, "programme")
