"""A group allowance payment made in NOK or PLN after the trip, spread over the delegates'
lines: it converts to euros as the budget converts it, at the rate of its payment day under
the project's rule (the ECB rate in force at the start of that day), never at the plan's.

Before: 11 500 NOK paid on Friday 5 November 2027 showed 1 022,22 € in the budget (ECB
11.2500 of Thursday 4 November) and became 982,99 € once spread (plan 11.699): making the
allowance lines again took 39,23 € out of the actual total."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from sqlalchemy import select

from app import i18n
from app.services.allowances import allowance_plan, write_allowance_lines
from app.services.budget import (
    create_budget_line,
    create_exchange_rate,
    update_budget_line,
)
from app.services.budget_report import visit_budget
from app.services.ecb_rates import import_ecb_rates
from db.models import BudgetLine
from tests.budget.norway_visit import CODE, norway_visit

GROUP_ORDER = "LPS rīkojums Nr. 2-5/77"

# ECB reference rates (units per euro) around the visit and after it, newest first; test
# figures, not the ECB's. Friday 5 Nov takes Thursday's rate, Monday 8 Nov Friday's.
HISTORY = {
    "2027-11-08": ("11.3100", "4.2950"),
    "2027-11-05": ("11.2900", "4.2800"),
    "2027-11-04": ("11.2500", "4.2700"),
    "2027-11-03": ("11.2200", "4.2650"),
    "2027-10-27": ("11.6100", "4.3100"),
    "2027-10-26": ("11.6500", "4.3150"),
    "2027-10-25": ("11.6400", "4.3200"),
}


def _visit(db, *, currency: str, amount: str, paid_on: dt.date | None) -> int:
    """The Trondheim visit with plan rates NOK 11.699, PLN 4.3150, Ilze Bērziņa's own
    advance paid, one group payment for everyone, then the ECB history imported."""
    trd = norway_visit(db)
    for cur, rate in (("NOK", "11.699"), ("PLN", "4.3150")):
        create_exchange_rate(
            db, trd.visit_id, currency=cur, per_base=D(rate), date=dt.date(2027, 10, 1)
        )
    # The lines made before the trip; Ilze's advance recorded on hers
    write_allowance_lines(db, allowance_plan(db, CODE))
    ilze = next(x for x in _lines(db, trd.visit_id) if x.person_id == trd.people[1])
    update_budget_line(
        db,
        ilze.id,
        ilze.version,
        actual_amount=D("1100.00"),
        actual_currency="NOK",
        actual_date=dt.date(2027, 10, 26),
        actual_document="Avansa rīkojums Nr. 12",
        actual_paid=True,
    )
    create_budget_line(
        db,
        trd.visit_id,
        category="daily_allowance",
        description="Dienas nauda visai delegācijai",
        quantity=D(1),
        unit="lump_sum",
        unit_price=D(0),
        currency="EUR",
        actual_amount=D(amount),
        actual_currency=currency,
        actual_date=paid_on,
        actual_document=GROUP_ORDER,
        actual_paid=True,
    )
    history = "Date,USD,NOK,PLN,\n" + "".join(
        f"{day},1.1500,{nok},{pln},\n" for day, (nok, pln) in HISTORY.items()
    )
    import_ecb_rates(db, trd.visit_id, history)
    return trd.visit_id


def _lines(db, visit_id: int) -> list[BudgetLine]:
    with db.read() as s:
        return list(
            s.scalars(
                select(BudgetLine)
                .where(
                    BudgetLine.visit_id == visit_id,
                    BudgetLine.category == "daily_allowance",
                    BudgetLine.deleted_at.is_(None),
                )
                .order_by(BudgetLine.position)
            )
        )


def _allowance_actual(db) -> D:
    return visit_budget(db, CODE).totals.by_category["daily_allowance"].actual


@pytest.mark.parametrize(
    ("currency", "amount", "paid_on", "euros", "at_plan", "rate_day", "note"),
    [
        # Friday after the trip: Thursday's ECB rate, 11 500 / 11.25
        (
            "NOK",
            "11500.00",
            dt.date(2027, 11, 5),
            D("1022.22"),
            D("982.99"),
            dt.date(2027, 11, 4),
            "The group payment of NOK11,500.00 was spread over 12 lines: "
            "€1,022.22 (rate: ECB, 11/04/2027).",
        ),
        # Monday: Friday's rate, 4 300 / 4.28
        (
            "PLN",
            "4300.00",
            dt.date(2027, 11, 8),
            D("1004.67"),
            D("996.52"),
            dt.date(2027, 11, 5),
            "The group payment of PLN4,300.00 was spread over 12 lines: "
            "€1,004.67 (rate: ECB, 11/05/2027).",
        ),
    ],
)
def test_a_group_payment_converts_at_the_rate_of_its_day(
    db, currency, amount, paid_on, euros, at_plan, rate_day, note
) -> None:
    visit_id = _visit(db, currency=currency, amount=amount, paid_on=paid_on)
    before = visit_budget(db, CODE)
    group = next(x for x in before.totals.lines if x.line.actual_document == GROUP_ORDER)
    assert (group.actual, group.rate.date, group.rate.fallback) == (euros, rate_day, None)
    # Ilze's own advance: 1 100 NOK on Tuesday 26 October at Monday's 11.64
    assert _allowance_actual(db) == euros + D("94.50")

    result = write_allowance_lines(db, allowance_plan(db, CODE))
    assert result.spread == 1 and result.notes == [note]
    lines = _lines(db, visit_id)
    assert len(lines) == 13 and all(x.person_id for x in lines)  # the group line is gone
    spread = [x for x in lines if x.actual_document == GROUP_ORDER]
    assert len(spread) == 12  # everyone but Ilze, who has her own advance
    assert sum(x.actual_minor for x in spread) == int(euros * 100) != int(at_plan * 100)
    assert {(x.actual_currency, x.actual_date, x.actual_paid) for x in spread} == {
        ("EUR", paid_on, True)
    }
    ilze = next(x for x in lines if x.actual_document == "Avansa rīkojums Nr. 12")
    assert (ilze.actual_minor, ilze.actual_currency) == (110000, "NOK")
    # Not a cent of the budget's actual moved
    assert _allowance_actual(db) == euros + D("94.50")


def test_the_note_is_latvian_in_a_latvian_window(db) -> None:
    _visit(db, currency="NOK", amount="11500.00", paid_on=dt.date(2027, 11, 5))
    i18n.set_language("lv")
    result = write_allowance_lines(db, allowance_plan(db, CODE))
    assert result.notes == [
        "Grupas maksājums 11\xa0500,00\xa0NOK sadalīts 12 pozīcijām: 1\xa0022,22\xa0€ "
        "(kurss: ECB, 04.11.2027)."
    ]


@pytest.mark.parametrize(
    ("paid_on", "note"),
    [
        # after the last rate the file held (8 November): the budget warns and takes an
        # earlier rate; spreading would hide that in the lines' euros
        (
            dt.date(2027, 12, 15),
            "The group payment of NOK11,500.00 was kept on its own line: no NOK rate for "
            "its payment day 12/15/2027 is held; import the rates, then make the lines again.",
        ),
        (
            None,
            "The group payment of NOK11,500.00 was kept on its own line: it has no payment "
            "date, so the rate it converts at to euros is not known.",
        ),
    ],
)
def test_a_payment_without_its_days_rate_is_kept_and_says_why(db, paid_on, note) -> None:
    visit_id = _visit(db, currency="NOK", amount="11500.00", paid_on=paid_on)
    total = _allowance_actual(db)
    result = write_allowance_lines(db, allowance_plan(db, CODE))
    assert result.spread == 0 and result.notes == [note]
    kept = [x for x in _lines(db, visit_id) if x.actual_document == GROUP_ORDER]
    assert [(x.actual_minor, x.actual_currency, x.quantity) for x in kept] == [
        (1150000, "NOK", D(0))
    ]
    assert _allowance_actual(db) == total


def test_a_nok_visits_group_payment_takes_the_euros_rate_of_its_day(db) -> None:
    """A visit counting in NOK: the group paid 11 500 NOK on Friday 5 November. The
    allowance lines are in euros, so the spread needs the euro's rate of Thursday; the
    ECB import stores it (it stored only the rates of currencies paid in, none here, and
    the payment stayed on its line however often the rates were imported)."""
    trd = norway_visit(db, base_currency="NOK")
    create_exchange_rate(
        db, trd.visit_id, currency="EUR", per_base=D("0.0855"), date=dt.date(2027, 10, 1)
    )
    create_budget_line(
        db,
        trd.visit_id,
        category="daily_allowance",
        description="Dienas nauda visai delegācijai",
        quantity=D(1),
        unit="lump_sum",
        unit_price=D(0),
        currency="EUR",
        actual_amount=D("11500.00"),
        actual_currency="NOK",
        actual_date=dt.date(2027, 11, 5),
        actual_document=GROUP_ORDER,
        actual_paid=True,
    )
    history = "Date,USD,NOK,PLN,\n" + "".join(
        f"{day},1.1500,{nok},{pln},\n" for day, (nok, pln) in HISTORY.items()
    )
    import_ecb_rates(db, trd.visit_id, history)
    assert _allowance_actual(db) == D("11500.00")  # NOK, the visit's own currency
    result = write_allowance_lines(db, allowance_plan(db, CODE))
    # 11 500 NOK at 1 / 11.25 = 0.088889 EUR per NOK (the ECB's cross rate, six places)
    assert result.notes == [
        "The group payment of NOK11,500.00 was spread over 13 lines: €1,022.22 "
        "(rate: ECB, 11/04/2027)."
    ]
    spread = [x for x in _lines(db, trd.visit_id) if x.actual_document == GROUP_ORDER]
    assert sum(x.actual_minor for x in spread) == 102222
    # Back in NOK line by line at the same rate: not an øre moved
    assert _allowance_actual(db) == D("11500.00")
