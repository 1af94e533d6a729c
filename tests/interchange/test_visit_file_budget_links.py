"""The visit file carries what the budget's figures rest on (issue 12): the dated rates the
payments convert at, each line's funding shares, the sources' grant marker and cap, and the
person a daily-allowance line is for; it reads them back, and a file without them (written
before) still imports, its allowance lines bound by the names they give.

The journey: the Trondheim visit (tests/budget/norway_visit.py) gets an 85/15 grant and
own-funds split, a hotel in NOK paid at the ECB rate of its day, allowance lines for its
thirteen delegates (two called Anna Bērziņa, one renamed), one advance paid; it is exported,
imported into another database and exported again."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from decimal import Decimal as D

import pytest
from sqlalchemy import select

from app.interchange.visit_file import export_visit, import_visit
from app.services.allowances import (
    allowance_plan,
    import_allowance_rates,
    write_allowance_lines,
)
from app.services.budget import create_budget_line, create_exchange_rate, update_budget_line
from app.services.budget_report import visit_budget
from app.services.ecb_rates import put_rates, rate_values
from app.services.people import update_person
from db.engine import Database
from db.models import BudgetLine, FundingSource, Person
from tests.budget.norway_visit import CODE, RATES, norway_visit


@pytest.fixture
def other_db(tmp_path, template_db):
    path = tmp_path / "other.db"
    shutil.copyfile(template_db, path)
    database = Database(f"sqlite:///{path}")
    yield database
    database.dispose()


def trondheim_budget(db) -> tuple[int, list[int]]:
    from app.services.budget import create_funding_source

    trip = norway_visit(db)
    grant = create_funding_source(
        db, trip.visit_id, name="EEZ un Norvēģijas granti", share="85", cap="3000.00"
    )
    create_funding_source(db, trip.visit_id, name="LPS pašu līdzekļi", share="15")
    # Not a grant although its name does not say so: the marker must travel.
    create_funding_source(db, trip.visit_id, name="Trondheimas kommune", is_grant=False)
    create_exchange_rate(
        db, trip.visit_id, currency="NOK", per_base="11.699", date="2027-09-30", source="ECB"
    )
    put_rates(
        db,
        trip.visit_id,
        {
            **rate_values(db, trip.visit_id),
            ("ecb", "NOK", dt.date(2027, 10, 28)): (D("11.7125"), dt.date(2027, 10, 28), "ECB"),
            ("ecb", "NOK", dt.date(2027, 10, 29)): (D("11.7460"), dt.date(2027, 10, 29), "ECB"),
            ("inforeuro", "NOK", dt.date(2027, 10, 1)): (
                D("11.6500"),
                dt.date(2027, 10, 1),
                "InforEuro",
            ),
        },
    )
    create_budget_line(
        db,
        trip.visit_id,
        category="accommodation",
        currency="NOK",
        description="Britannia, 3 naktis × 13 istabas",
        unit="night",
        quantity="39",
        unit_price="1290",
        funding_source_id=grant.id,
        actual_amount="50310.00",
        actual_date="2027-10-30",
        actual_paid=True,
    )
    update_person(db, trip.people[2], None, family_name="Ozoliņa-Bērziņa")  # Ērika
    write_allowance_lines(db, allowance_plan(db, CODE))  # 85/15 on each line: no source given
    with db.read() as session:
        anna = session.scalars(
            select(BudgetLine).where(BudgetLine.person_id == trip.people[-1])
        ).one()
    update_budget_line(
        db,
        anna.id,
        None,
        actual_amount="280.00",
        actual_document="AVANSS-13",
        actual_date="2027-10-29",
        actual_paid=True,
    )
    return trip.visit_id, trip.people


def figures(db) -> tuple[D, D, D | None, D]:
    b = visit_budget(db, CODE)
    return (
        b.totals.overall.planned,
        b.totals.overall.actual,
        b.totals.overall.exchange,
        allowance_plan(db, CODE).total,
    )


def bound(db) -> list[tuple[str, str, int | None, tuple[tuple[str, str], ...]]]:
    """(person uuid, description, paid cents, shares by source name) of allowance lines."""
    with db.read() as session:
        names = {s.id: s.name for s in session.scalars(select(FundingSource))}
        rows = session.execute(
            select(Person.uuid, BudgetLine.description, BudgetLine.actual_minor, BudgetLine.shares)
            .join(Person, Person.id == BudgetLine.person_id, isouter=True)
            .where(BudgetLine.category == "daily_allowance")
            .order_by(BudgetLine.position)
        ).all()
    return [
        (uuid, text, paid, tuple((names[s["source"]], s["percent"]) for s in shares or ()))
        for uuid, text, paid, shares in rows
    ]


def test_the_file_carries_dated_rates_shares_and_people_and_reads_them_back(db, other_db):
    trondheim_budget(db)
    before = figures(db)
    # planned: 39 × 1 290 NOK at 11.699 = 4 300,37 € + 13 × 280 = 3 640 € → 7 940,37 €;
    # paid: 50 310 NOK on 30 October at the ECB rate of the 29th (11.7460) = 4 283,16 €
    # (−17,21 € exchange difference) + Anna's advance 280 € → 4 563,16 €
    assert before == (D("7940.37"), D("4563.16"), D("-17.21"), D("3640.00"))
    shares = {
        k: (a.planned, a.actual)
        for k, a in visit_budget(db, CODE).totals.by_source.items()
        if a.planned
    }
    assert sorted(shares.values()) == [
        (D("546.00"), D("42.00")),  # 15 % of 3 640 and 280
        (D("7394.37"), D("4521.16")),
    ]  # hotel + 85 %
    text = export_visit(db, CODE)
    doc = json.loads(text)
    rates = doc["budget"]["rates"]
    assert rates[0] == {
        "currency": "NOK",
        "per_base": "11.699",
        "date": "2027-09-30",
        "source": "ECB",
    }
    assert [(r["kind"], r["date"], r["per_base"]) for r in rates[1:]] == [
        ("ecb", "2027-10-28", "11.7125"),
        ("ecb", "2027-10-29", "11.7460"),
        ("inforeuro", "2027-10-01", "11.6500"),
    ]
    sources = {s["key"]: s for s in doc["budget"]["funding_sources"]}
    grant, own, kommune = doc["budget"]["funding_sources"]
    assert (grant.get("cap"), "grant" in grant, "grant" in own, kommune["grant"]) == (
        "3000.00",
        False,
        False,
        False,
    )
    people = {p["key"]: f"{p['given_name']} {p['family_name']}" for p in doc["people"]}
    allowance = [line for line in doc["budget"]["lines"] if line["category"] == "daily_allowance"]
    assert len(allowance) == 13
    assert all(
        line["shares"]
        == [{"funding": grant["key"], "percent": "85"}, {"funding": own["key"], "percent": "15"}]
        for line in allowance
    )
    assert [people[line["person"]] for line in allowance][:3] == [
        "Kārlis Ābele",
        "Anna Bērziņa",
        "Anna Bērziņa",
    ]
    annas = [line for line in allowance if people[line["person"]] == "Anna Bērziņa"]
    assert annas[0]["person"] != annas[1]["person"]
    assert [("actual" in line) for line in annas] == [False, True]
    assert "Ērika Ozoliņa-Bērziņa" in people.values() and set(sources) >= {grant["key"]}

    import_visit(other_db, text)
    assert export_visit(other_db, CODE) == text  # byte for byte
    import_allowance_rates(other_db, RATES)  # the rate table is the program's, not the file's
    assert figures(other_db) == before
    assert allowance_plan(other_db, CODE).lines_warning is None
    assert bound(other_db) == bound(db)
    with other_db.read() as session:
        row = session.scalars(
            select(FundingSource).where(FundingSource.name == "Trondheimas kommune")
        ).one()
        assert row.is_grant is False


def test_a_file_written_before_these_fields_still_imports(db, other_db):
    trondheim_budget(db)
    doc = json.loads(export_visit(db, CODE))
    doc["budget"]["rates"] = [r for r in doc["budget"]["rates"] if "kind" not in r]
    for source in doc["budget"]["funding_sources"]:
        source.pop("cap", None)
        source.pop("grant", None)
    for line in doc["budget"]["lines"]:
        line.pop("shares", None)
        line.pop("person", None)
    result = import_visit(other_db, json.dumps(doc, ensure_ascii=False))
    assert result.warnings == [] or all("unknown field" not in w for w in result.warnings)
    lines = bound(other_db)
    assert len(lines) == 13 and all(shares == () for *_, shares in lines)
    # bound by the name each line gives; the two Annas cannot be told apart: unbound
    unbound = [text for uuid, text, _paid, _shares in lines if uuid is None]
    assert unbound == ["Daily allowance: Anna Bērziņa, 4 × €70.00"] * 2
    import_allowance_rates(other_db, RATES)
    assert figures(other_db)[3] == D("3640.00")
    # the planned total is the same; without the dated rates the hotel's 50 310 NOK
    # convert at the plan's 11.699 (4 300,37 €, no exchange difference): 4 580,37 € paid
    assert figures(other_db)[:3] == (D("7940.37"), D("4580.37"), D("0.00"))


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (
            lambda d: d["budget"]["lines"][1].update(shares=[{"funding": "nav", "percent": "100"}]),
            "budget.lines[1].shares[0].funding: refers to nav, which is not in the file",
        ),
        (
            lambda d: d["budget"]["lines"][1]["shares"][0].update(percent="80"),
            "budget.lines[1].shares: the shares add up to 95 %, not 100 %",
        ),
        (
            lambda d: d["budget"]["lines"][1].update(person="nav-tāda"),
            "budget.lines[1].person: refers to nav-tāda, which is not in the file",
        ),
        (
            lambda d: d["budget"]["rates"].append(dict(d["budget"]["rates"][1])),
            "budget.rates[4].date: a second ecb rate for NOK on 10/28/2027",
        ),
        (lambda d: d["budget"]["rates"][1].pop("date"), "budget.rates[1].date: is required"),
    ],
)
def test_a_broken_link_is_one_sentence_and_nothing_is_imported(db, other_db, change, problem):
    from app.domain.validation import Invalid

    trondheim_budget(db)
    doc = json.loads(export_visit(db, CODE))
    change(doc)
    with pytest.raises(Invalid) as caught:
        import_visit(other_db, json.dumps(doc, ensure_ascii=False))
    assert str(caught.value) == problem
    with other_db.read() as session:
        assert session.scalars(select(BudgetLine)).first() is None
