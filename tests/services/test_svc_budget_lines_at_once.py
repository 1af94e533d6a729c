"""Several budget lines given a funding source or category at once: one transaction, all
or none, and the values they had for undo."""

from __future__ import annotations

import datetime as dt

import pytest

from app.domain.validation import Invalid
from app.services import budget, visits
from app.services.base import StaleEdit


@pytest.fixture
def lines(db):
    visit = visits.create_visit(
        db,
        code="LPR-TRD",
        title="Vidzeme–Trondheima",
        timezone="Europe/Oslo",
        start_date=dt.date(2027, 5, 4),
        end_date=dt.date(2027, 5, 7),
    )
    grant = budget.create_funding_source(db, visit.id, name="EEZ grants", share="85")
    own = budget.create_funding_source(db, visit.id, name="Pašu līdzekļi", share="15")
    made = [
        budget.create_budget_line(
            db,
            visit.id,
            category=category,
            description=f"R{n}",
            quantity="1",
            unit_price="10",
            currency="EUR",
            funding_source_id=grant.id if n % 2 else None,
        )
        for n, category in enumerate(["travel", "accommodation", "catering", "other"] * 3)
    ]
    return visit, grant, own, made


def test_lines_change_together_and_say_what_they_were(db, lines):
    visit, _grant, own, made = lines
    chosen = made[5:]  # later rows
    versions = budget.budget_line_versions(db, visit.id)
    result = budget.set_budget_lines(
        db, {line.id: {"funding_source_id": own.id} for line in chosen}, versions
    )
    after = {line.id: line for line in budget.list_budget_lines(db, visit.id)}
    assert all(after[line.id].funding_source_id == own.id for line in chosen)
    assert all(after[line.id].funding_source_id != own.id for line in made[:5])
    assert {i: before["funding_source_id"] for i, (_v, before) in result.items()} == {
        line.id: line.funding_source_id for line in chosen
    }
    back = budget.set_budget_lines(
        db,
        {i: before for i, (_v, before) in result.items()},
        {i: version for i, (version, _b) in result.items()},
    )
    assert {i: b["funding_source_id"] for i, (_v, b) in back.items()} == {
        line.id: own.id for line in chosen
    }
    assert [line.funding_source_id for line in budget.list_budget_lines(db, visit.id)] == [
        line.funding_source_id for line in made
    ]


def test_one_refused_line_changes_none(db, lines):
    visit, _grant, _own, made = lines
    versions = budget.budget_line_versions(db, visit.id)
    budget.update_budget_line(db, made[7].id, None, description="mainīts")  # someone else
    with pytest.raises(StaleEdit):
        budget.set_budget_lines(db, {line.id: {"category": "other"} for line in made}, versions)
    with pytest.raises(Invalid):
        budget.set_budget_lines(db, {made[0].id: {"category": "<b>nav</b>"}}, {})
    with pytest.raises(Invalid):
        budget.set_budget_lines(db, {made[0].id: {"unit_price": "1"}}, {})
    with pytest.raises(Invalid):
        budget.set_budget_lines(db, {made[0].id: {"funding_source_id": 999}}, {})
    assert [line.category for line in budget.list_budget_lines(db, visit.id)] == [
        line.category for line in made
    ]
