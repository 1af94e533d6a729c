"""Daily-allowance lines are bound to the participant by id (issue 12, part 3): making,
re-making and paying them follows the person, never the name in the description.

The journey: a finance officer makes the allowance lines of a four-day visit to Trondheim
for thirteen delegates, pays two advances (one to the second of two delegates both called
Anna Bērziņa), the coordinator corrects a surname, marks a reduced day and one delegate
cancels; each time the lines are made again and every euro paid stays with its person."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from sqlalchemy import select

from app.services.allowances import (
    allowance_plan,
    save_allowance_inputs,
    write_allowance_lines,
)
from app.services.budget import update_budget_line
from app.services.people import update_participation, update_person
from db.models import BudgetLine, Participation
from tests.budget.norway_visit import CODE, norway_visit


def lines(db, visit_id: int) -> list[BudgetLine]:
    with db.read() as session:
        return list(
            session.scalars(
                select(BudgetLine)
                .where(BudgetLine.visit_id == visit_id, BudgetLine.category == "daily_allowance")
                .order_by(BudgetLine.position)
            )
        )


def paid(db, visit_id: int) -> list[tuple[int | None, str, D, int, str]]:
    """(person, description, quantity, cents, document) of every line with a payment."""
    return [
        (x.person_id, x.description, x.quantity, x.actual_minor, x.actual_document)
        for x in lines(db, visit_id)
        if x.actual_minor is not None
    ]


def test_payments_follow_the_person_through_a_rename_namesakes_and_a_cancellation(db):
    trip = norway_visit(db)
    gints, ilze, erika = trip.people[:3]
    first_anna, second_anna = trip.people[-2:]
    made = write_allowance_lines(db, allowance_plan(db, CODE))
    assert made.written == 13
    made_lines = lines(db, trip.visit_id)
    # one line a delegate, bound to them, 4 days (27–30 October) × 70,00 €
    assert sorted(x.person_id for x in made_lines) == sorted(trip.people)
    assert {(x.quantity, x.unit_price) for x in made_lines} == {(D(4), D("70.00"))}
    assert sum(x.quantity * x.unit_price for x in made_lines) == D("3640.00")

    by_person = {x.person_id: x for x in made_lines}
    update_budget_line(
        db,
        by_person[second_anna].id,
        None,
        actual_amount="280.00",
        actual_document="AVANSS-12",
        actual_date="2027-10-20",
        actual_paid=True,
    )
    update_budget_line(
        db, by_person[erika].id, None, actual_amount="250.50", actual_document="AVANSS-3"
    )

    # A corrected surname: the line's name changes, its payment stays.
    update_person(db, erika, None, family_name="Ozoliņa-Bērziņa")
    again = write_allowance_lines(db, allowance_plan(db, CODE))
    assert (again.written, again.spread, again.notes) == (13, 0, [])
    assert paid(db, trip.visit_id) == [  # in the Latvian order of surnames
        (second_anna, "Daily allowance: Anna Bērziņa, 4 × €70.00", D(4), 28000, "AVANSS-12"),
        (erika, "Daily allowance: Ērika Ozoliņa-Bērziņa, 4 × €70.00", D(4), 25050, "AVANSS-3"),
    ]
    assert not any(
        x.actual_minor for x in lines(db, trip.visit_id) if x.person_id in (first_anna, ilze)
    )

    # A reduced day on the 29th for the second Anna: two lines, the advance on the first.
    save_allowance_inputs(db, trip.visit_id, reduced={second_anna: {dt.date(2027, 10, 29)}})
    write_allowance_lines(db, allowance_plan(db, CODE))
    annas = [
        (x.quantity, x.unit_price, x.actual_minor)
        for x in lines(db, trip.visit_id)
        if x.person_id == second_anna
    ]
    assert annas == [(D(3), D("70.00"), 28000), (D(1), D("21.00"), None)]  # 210 + 21 = 231

    # Gints cancels after his advance was paid: his line stays, bound, planning nothing.
    update_budget_line(
        db,
        next(x.id for x in lines(db, trip.visit_id) if x.person_id == gints),
        None,
        actual_amount="280.00",
        actual_document="AVANSS-1",
        actual_paid=True,
    )
    with db.read() as session:
        part = session.scalar(
            select(Participation).where(
                Participation.visit_id == trip.visit_id, Participation.person_id == gints
            )
        )
    update_participation(db, part.id, None, status="cancelled")
    plan = allowance_plan(db, CODE)
    assert plan.total == D("3311.00")  # 11 × 280 + 231
    result = write_allowance_lines(db, plan)
    assert (result.written, result.spread) == (13, 0)  # 11 delegates + Anna's two lines
    kept = [x for x in lines(db, trip.visit_id) if x.person_id == gints]
    assert [(x.quantity, x.actual_minor, x.actual_document) for x in kept] == [
        (D(0), 28000, "AVANSS-1")
    ]
    planned = sum(x.quantity * x.unit_price for x in lines(db, trip.visit_id))
    assert planned == D("3311.00")
    assert sum(x.actual_minor or 0 for x in lines(db, trip.visit_id)) == 28000 + 25050 + 28000


def test_an_unbound_hand_made_line_is_read_by_its_name_once_then_bound(db):
    """A line typed by hand ("Dienas nauda: Ilze Bērziņa") is not bound; its payment goes
    to the one participant it names, on a bound line, so a later rename keeps it."""
    from app.services.budget import create_budget_line

    trip = norway_visit(db)
    ilze = trip.people[1]
    create_budget_line(
        db,
        trip.visit_id,
        category="daily_allowance",
        currency="EUR",
        description="Dienas nauda: Ilze Bērziņa",
        quantity="4",
        unit_price="70",
        actual_amount="280.00",
        actual_document="RĒĶ-4",
    )
    write_allowance_lines(db, allowance_plan(db, CODE))
    update_person(db, ilze, None, given_name="Ilze Marija")
    write_allowance_lines(db, allowance_plan(db, CODE))
    assert paid(db, trip.visit_id) == [
        (ilze, "Daily allowance: Ilze Marija Bērziņa, 4 × €70.00", D(4), 28000, "RĒĶ-4")
    ]
