"""Fixtures of the desktop tests: a window on a database with a visit, dialogs answered."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal as D

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


@pytest.fixture
def bergen_2027(db) -> Callable[..., int]:
    """Builds the budget tests' Bergen visit (6–9 April 2027, counted in EUR) in ``db``
    and returns its id: project LV07/EEZ-2027 "Sadarbība", the plan's NOK rate 11.699 of
    30 March (so the hotel's 11 699 NOK is 1 000,00 €), a grant "EEZ granti" and the hotel
    line it funds.

    ``rule``: the new project's rate rule (None: the default, the ECB rate of the payment's
    morning), or ``project_id``: a project the test made itself. ``status``: the visit's.
    ``ecb``: ECB rates of given days held for the payments ({day: "11.25"}). ``paid``: the
    hotel paid 11 500 NOK on 20 May 2027, six weeks after the trip (else only planned).
    """
    from app.services import projects
    from db.models import BudgetLine, ExchangeRate, FundingSource, Visit

    def build(
        *,
        rule: str | None = "inforeuro",
        project_id: int | None = None,
        status: str | None = None,
        ecb: dict[dt.date, str] | None = None,
        paid: bool = True,
    ) -> int:
        if project_id is None:
            project_id = projects.create_project(
                db, code="LV07/EEZ-2027", title="Sadarbība", rate_rule=rule
            ).id
        with db.write() as s:
            v = Visit(
                code="BERGEN-2027",
                title="Pieredzes vizīte Bergenā",
                timezone="Europe/Oslo",
                start_date=dt.date(2027, 4, 6),
                end_date=dt.date(2027, 4, 9),
                base_currency="EUR",
                project_id=project_id,
            )
            if status is not None:
                v.status = status
            s.add(v)
            s.flush()
            s.add(
                ExchangeRate(
                    visit_id=v.id,
                    currency="NOK",
                    per_base=D("11.699"),
                    date=dt.date(2027, 3, 30),
                    source="ECB",
                )
            )
            for day, rate in (ecb or {}).items():
                s.add(
                    ExchangeRate(
                        visit_id=v.id,
                        currency="NOK",
                        kind="ecb",
                        per_base=D(rate),
                        date=day,
                        source="ECB",
                    )
                )
            grant = FundingSource(visit_id=v.id, name="EEZ granti", is_grant=True)
            s.add(grant)
            s.flush()
            hotel = BudgetLine(
                visit_id=v.id,
                category="accommodation",
                description="Viesnīca",
                funding_source_id=grant.id,
                quantity=D(1),
                unit_price=D("11699"),
                currency="NOK",
            )
            if paid:
                hotel.actual_minor = 1150000
                hotel.actual_currency = "NOK"
                hotel.actual_date = dt.date(2027, 5, 20)
                hotel.actual_paid = True
            s.add(hotel)
            return v.id

    return build


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
