"""Undoing "Make daily-allowance lines" while a colleague records a payment on one.

Four days in Trondheim, October 2027, thirteen delegates (``norway_visit``). A makes the
allowance lines; B, the finance officer in another window on the same file, records the
advance paid to Gints Kalniņš on his new line. Before, A's undo hid that line (and the
payment with it) without a word; now it is refused in one sentence naming the line,
changing nothing. A change of B's elsewhere in the budget does not stop the undo.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from decimal import Decimal as D
from pathlib import Path

import pytest
from sqlalchemy import select

from app import i18n
from app.operations.allowances import MakeAllowanceLines
from app.services.allowances import allowance_plan
from app.services.base import StaleEdit
from app.services.budget import create_budget_line, update_budget_line
from db.engine import Database
from db.models import BudgetLine
from tests.budget.norway_visit import CODE, norway_visit


def lines(db: Database, visit_id: int) -> dict[int, tuple]:
    with db.read() as session:
        return {
            line.id: (line.category, line.description, line.actual_minor)
            for line in session.scalars(select(BudgetLine).where(BudgetLine.visit_id == visit_id))
        }


def content(path: Path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return list(con.iterdump())
    finally:
        con.close()


@pytest.fixture
def two_windows(db_path: Path):
    a, b = (Database(f"sqlite:///{db_path}") for _ in range(2))
    yield a, b
    a.dispose()
    b.dispose()


def made(a: Database) -> tuple[int, MakeAllowanceLines, dict[int, tuple]]:
    trip = norway_visit(a)
    before = lines(a, trip.visit_id)
    step = MakeAllowanceLines(a, allowance_plan(a, CODE))
    step.do()
    assert step.written is not None and step.written.written == 13
    return trip.visit_id, step, before


def gints_line(db: Database, visit_id: int) -> BudgetLine:
    with db.read() as session:
        return next(
            line
            for line in session.scalars(
                select(BudgetLine).where(
                    BudgetLine.visit_id == visit_id, BudgetLine.category == "daily_allowance"
                )
            )
            if "Kalniņš" in (line.description or "")
        )


def test_a_colleagues_line_elsewhere_stands_through_undo_and_redo(two_windows) -> None:
    a, b = two_windows
    visit_id, step, before = made(a)
    made_lines = lines(a, visit_id)
    taxi = create_budget_line(
        b,
        visit_id,
        category="local_transport",
        description="Taksometrs Værnes–Trondheim",
        quantity=D(1),
        unit_price=D("35.00"),
        currency="EUR",
    )
    step.undo()
    assert lines(a, visit_id) == {**before, taxi.id: lines(b, visit_id)[taxi.id]}
    step.do()
    assert lines(a, visit_id) == {**made_lines, taxi.id: lines(b, visit_id)[taxi.id]}


@pytest.mark.parametrize(
    ("lang", "refusal"),
    [
        (
            "en",
            "Someone else changed the budget line “{line}” after this step; nothing was undone.",
        ),
        ("lv", "Kāds cits pēc šī soļa mainīja budžeta rindu “{line}”; nekas netika atsaukts."),
    ],
)
def test_undo_is_refused_over_a_payment_recorded_on_a_new_line(
    two_windows, db_path, lang, refusal
) -> None:
    a, b = two_windows
    visit_id, step, _before = made(a)
    line = gints_line(b, visit_id)
    update_budget_line(
        b,
        line.id,
        line.version,
        actual_amount=D("280.00"),
        actual_date=dt.date(2027, 10, 25),
        actual_paid=True,
        actual_document="Avansa norēķins Nr. 41",
    )
    i18n.set_language(lang)
    before = content(db_path)
    with pytest.raises(StaleEdit) as refused:
        step.undo()
    assert str(refused.value) == refusal.format(line=line.description)
    assert content(db_path) == before
    assert lines(a, visit_id)[line.id][2] == 28000
