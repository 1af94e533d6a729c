"""The rules of Cabinet Regulation No. 969 the allowance calculator keeps (issue 12, part
3), on the four-day Trondheim visit of thirteen delegates (tests/budget/norway_visit.py):
a delegate with no return journey is warned of and counted to the visit's (or their) end;
a rate table dated inside the trip changes the allowance from that day; a visit we host
pays its guests no Latvian allowance; a discount paid as planned is not "above planned"."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from sqlalchemy import select

from app.services.allowances import (
    allowance_plan,
    import_allowance_rates,
    save_allowance_inputs,
    write_allowance_lines,
)
from app.services.budget import create_exchange_rate
from app.services.people import update_participation
from db.models import BudgetLine, Participation
from tests.budget.conftest import pdf_text
from tests.budget.norway_visit import CODE, flight, norway_visit


def line_rows(db, visit_id: int) -> list[tuple[int | None, D, D]]:
    with db.read() as session:
        return [
            (x.person_id, x.quantity, x.unit_price)
            for x in session.scalars(
                select(BudgetLine)
                .where(BudgetLine.visit_id == visit_id, BudgetLine.category == "daily_allowance")
                .order_by(BudgetLine.position)
            )
        ]


def test_a_delegate_with_no_return_journey_is_warned_and_counted_to_the_end(db) -> None:
    trip = norway_visit(db, legs=False)
    karlis = trip.people[7]  # Kārlis Ābele stays on in Norway: no flight home booked
    flight(db, trip.visit_id, "Rīga", "2027-10-27T06:50", "Trondheim", "2027-10-27T09:40")
    flight(
        db,
        trip.visit_id,
        "Trondheim",
        "2027-10-30T18:00",
        "Rīga",
        "2027-10-30T21:30",
        passengers=[p for p in trip.people if p != karlis],
    )
    plan = allowance_plan(db, CODE)
    him = plan.of(karlis)
    assert (him.departure, him.return_day, him.allowance.amount) == (
        dt.date(2027, 10, 27),
        dt.date(2027, 10, 30),
        D("280.00"),
    )  # not one day, 70,00
    assert plan.warnings == [
        "Kārlis Ābele: no return journey; the allowance is counted to Oct 30, 2027"
    ]
    assert plan.total == D("3640.00")
    # He leaves the visit on the 29th: counted to then.
    with db.read() as session:
        part = session.scalar(
            select(Participation).where(
                Participation.visit_id == trip.visit_id, Participation.person_id == karlis
            )
        )
    update_participation(db, part.id, None, departs="2027-10-29")
    plan = allowance_plan(db, CODE)
    assert (plan.of(karlis).days, plan.of(karlis).allowance.amount) == (3, D("210.00"))
    assert plan.total == D("3570.00")
    assert plan.of(trip.people[-1]).allowance.amount == D("280.00")  # the others: 4 days


def test_a_rate_dated_inside_the_trip_applies_from_that_day(db, tmp_path) -> None:
    from app.documents.allowance_statement import write_allowance_statement

    trip = norway_visit(db)
    import_allowance_rates(
        db,
        "country,daily,accommodation_cap,valid_from,source\n"
        "NO,80,170,2027-10-29,MK noteikumi Nr. 969 (grozījumi)\n",
    )
    ilze = trip.people[1]
    save_allowance_inputs(db, trip.visit_id, reduced={ilze: {dt.date(2027, 10, 29)}})
    plan = allowance_plan(db, CODE)
    # 27–28 October at 70,00, 29–30 at 80,00: 2 × 70 + 2 × 80 = 300,00 a delegate
    assert {plan.of(p).allowance.amount for p in trip.people if p != ilze} == {D("300.00")}
    # Ilze's 29th is reduced at 30 % of the new rate: 2 × 70 + 1 × 80 + 1 × 24 = 244,00
    assert plan.of(ilze).allowance.amount == D("244.00")
    assert plan.total == D("3844.00")  # 12 × 300 + 244
    assert write_allowance_lines(db, plan).written == 27  # two a delegate, three for Ilze
    rows = line_rows(db, trip.visit_id)
    assert [r[1:] for r in rows if r[0] == ilze] == [
        (D(2), D("70.00")),
        (D(1), D("80.00")),
        (D(1), D("24.00")),
    ]
    assert sum(q * p for _, q, p in rows) == D("3844.00")
    assert allowance_plan(db, CODE).lines_warning is None  # lines and table agree
    path = write_allowance_statement(plan, plan.of(ilze), tmp_path / "ilze.pdf", "en")
    text = pdf_text(path)
    assert "2 × €70.00 + 0 × €21.00 + 1 × €80.00 + 1 × €24.00 = €244.00" in text
    assert (
        "Legal source MK noteikumi Nr. 969, 1. pielikums; MK noteikumi Nr. 969 (grozījumi)"
    ) in text
    assert "30 Oct 2027 Daily rate €80.00" in text or "Oct 30, 2027 Daily rate €80.00" in text


def test_a_visit_we_host_pays_its_guests_no_latvian_allowance(db) -> None:
    trip = norway_visit(
        db,
        code="NO-RIX-2027",
        title="Trondheimas delegācija Rīgā",
        direction="incoming",
        country="LV",
        city="Rīga",
        timezone="Europe/Riga",
    )
    plan = allowance_plan(db, "NO-RIX-2027")
    assert plan.hosted and plan.total == D("0.00") and len(plan.travellers) == 13
    assert all(t.allowance is None and t.problem is None for t in plan.travellers)
    assert plan.warnings == ["This is a visit we host: its guests get no Latvian daily allowances."]
    assert write_allowance_lines(db, plan).written == 0
    assert line_rows(db, trip.visit_id) == []


def test_a_discount_paid_as_planned_is_not_above_planned(db) -> None:
    from app.services.budget import create_budget_line
    from app.services.budget_report import visit_budget

    trip = norway_visit(db)
    create_budget_line(
        db,
        trip.visit_id,
        category="accommodation",
        currency="EUR",
        description="Grupas atlaide viesnīcā “Britannia”",
        quantity="1",
        unit_price="-150.00",
        actual_amount="-150.00",
        actual_paid=True,
    )
    create_budget_line(
        db,
        trip.visit_id,
        category="accommodation",
        currency="EUR",
        description="Viesnīca, 3 naktis",
        unit="night",
        quantity="3",
        unit_price="120.00",
        actual_amount="360.00",
        actual_paid=True,
    )
    budget = visit_budget(db, CODE)
    assert [w.kind for w in budget.totals.warnings if w.kind == "over_planned"] == []
    assert (budget.totals.overall.planned, budget.totals.overall.actual) == (
        D("210.00"),
        D("210.00"),
    )
    # A discount that did not come (0 paid against −150 planned) is above planned.
    create_budget_line(
        db,
        trip.visit_id,
        category="accommodation",
        currency="EUR",
        description="Atlaide, kas netika piešķirta",
        quantity="1",
        unit_price="-100.00",
        actual_amount="0.00",
        actual_paid=True,
    )
    over = [w.text for w in visit_budget(db, CODE).totals.warnings if w.kind == "over_planned"]
    assert over == [
        "“Atlaide, kas netika piešķirta”: actual €0.00 is more than 10 % above planned -€100.00"
    ]


def test_the_budget_pdf_and_workbook_show_each_rate_of_the_trip(db, tmp_path) -> None:
    """The per-person table of the budget PDF (a line per rate) and the Allowances sheet
    (read back with pypdf and openpyxl): days × one rate would not make 300,00, so both
    rates are shown."""
    from openpyxl import load_workbook

    from app.documents.budget_pdf import write_budget_pdf
    from app.documents.budget_xlsx import write_budget_xlsx
    from app.services.budget_report import visit_budget

    norway_visit(db)
    import_allowance_rates(
        db, "country,daily,accommodation_cap,valid_from,source\nNO,80,170,2027-10-29,grozījumi\n"
    )
    plan = allowance_plan(db, CODE)
    budget = visit_budget(db, CODE)
    text = pdf_text(write_budget_pdf(budget, tmp_path / "b.pdf", "en", allowances=plan))
    assert "Kārlis Ābele 27 Oct 2027 30 Oct 2027 4 0 €70.00 €80.00 €21.00 €24.00 €300.00" in text
    assert "Legal source: MK noteikumi Nr. 969, 1. pielikums; grozījumi" in text
    book = load_workbook(write_budget_xlsx(budget, tmp_path / "b.xlsx", "lv", allowances=plan))
    sheet = book[book.sheetnames[-1]]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    people = [r for r in rows if r[0] and r[4] == 4]
    assert len(people) == 13
    assert {(r[6], r[7], r[8]) for r in people} == {
        ("70,00\xa0€, 80,00\xa0€", "21,00\xa0€, 24,00\xa0€", 300)
    }
    assert {r[9] for r in people} == {"MK noteikumi Nr. 969, 1. pielikums; grozījumi"}


def test_a_nok_visits_hotel_night_is_compared_with_the_cap_in_euros(db) -> None:
    """1 300 NOK a night in a visit kept in NOK, against a cap of 100 €: converted at the
    plan's rate (1 NOK = 0.085477 €) it is 111,12 €, said in euros (it said "NOK")."""
    from app.services.budget import create_budget_line

    trip = norway_visit(
        db,
        base_currency="NOK",
        rates="country,daily,accommodation_cap,valid_from,source\nNO,70,100,2011-11-01,x\n",
    )
    create_exchange_rate(db, trip.visit_id, currency="EUR", per_base="0.085477")
    create_budget_line(
        db,
        trip.visit_id,
        category="accommodation",
        currency="NOK",
        description="Britannia",
        unit="night",
        quantity="39",
        unit_price="1300",
    )
    create_budget_line(
        db,
        trip.visit_id,
        category="accommodation",
        currency="NOK",
        description="Scandic",
        unit="night",
        quantity="3",
        unit_price="1100",
    )
    plan = allowance_plan(db, CODE)
    assert plan.cap_warnings == [
        "“Britannia”: a night costs €111.12, €11.12 above the accommodation cap of €100.00"
    ]  # Scandic: 94,02 €
