"""Funding shares per line (issue 12): a line shared 85/15 between the grant and own funds;
the visit's default share on new lines, daily-allowance lines included."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from app.domain.validation import Invalid
from app.services.budget import create_budget_line, create_funding_source
from app.services.budget_report import visit_budget
from db.models import Visit


@pytest.fixture
def visit(db):
    with db.write() as s:
        v = Visit(
            code="SHARE-2027",
            title="Dalītas pozīcijas",
            timezone="Europe/Riga",
            start_date=dt.date(2027, 4, 6),
            end_date=dt.date(2027, 4, 9),
        )
        s.add(v)
        s.flush()
        return v.id


def test_a_new_line_takes_the_visits_default_share_to_the_cent(db, visit) -> None:
    grant = create_funding_source(db, visit, name="EEZ grants", share="85")
    own = create_funding_source(db, visit, name="Pašu līdzekļi", share="15")
    line = create_budget_line(
        db,
        visit,
        category="travel",
        quantity="3",
        unit_price="33.33",
        currency="EUR",
        actual_amount="99.99",
    )
    assert line.shares == [
        {"source": grant.id, "percent": "85"},
        {"source": own.id, "percent": "15"},
    ]
    b = visit_budget(db, visit)
    assert b.totals.by_source[str(grant.id)].planned == D("84.99")
    assert b.totals.by_source[str(own.id)].planned == D("15.00")
    assert b.totals.by_source[str(grant.id)].actual == D("84.99")
    assert b.grant.planned == D("84.99")


def test_shares_must_add_up_and_name_the_visits_sources(db, visit) -> None:
    grant = create_funding_source(db, visit, name="EEZ grants", share="85")
    with pytest.raises(Invalid, match="100"):
        create_budget_line(
            db,
            visit,
            category="travel",
            quantity="1",
            unit_price="10",
            currency="EUR",
            shares=[{"source": grant.id, "percent": "80"}],
        )
    with pytest.raises(Invalid):
        create_budget_line(
            db,
            visit,
            category="travel",
            quantity="1",
            unit_price="10",
            currency="EUR",
            shares=[{"source": 9999, "percent": "100"}],
        )
    one = create_budget_line(
        db,
        visit,
        category="travel",
        quantity="1",
        unit_price="10",
        currency="EUR",
        funding_source_id=grant.id,
    )
    assert one.shares is None  # wholly one source's: no default share


def test_a_source_above_its_cap_is_warned(db, visit) -> None:
    grant = create_funding_source(db, visit, name="EEZ grants", cap="100.00")
    create_budget_line(
        db,
        visit,
        category="travel",
        quantity="1",
        unit_price="100.01",
        currency="EUR",
        funding_source_id=grant.id,
        actual_amount="99.00",
    )
    texts = [
        w.text.replace("\xa0", " ")
        for w in visit_budget(db, visit).warnings
        if w.kind == "source_cap"
    ]
    assert texts == [
        "Source “EEZ grants”: planned €100.01, €0.01 more than its cap of €100.00"
    ]  # the paid 99,00 € is within it
