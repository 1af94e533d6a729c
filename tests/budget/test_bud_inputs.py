"""Signs of a budget line as the visit file contract has them: quantities ≥ 0 (zero
allowed), unit prices of either sign (a discount or refund line nets the totals)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from app.domain.validation import Invalid
from app.services.budget import create_budget_line
from app.services.budget_report import visit_budget


def test_quantity_zero_is_kept_and_a_negative_one_is_refused(demo) -> None:
    visit = visit_budget(demo, "DEMO-BERGEN-2014")
    before = visit.totals.overall.planned
    create_budget_line(
        demo,
        visit.visit_id,
        category="other",
        description="Atcelts",
        quantity="0",
        unit_price="100",
        currency="EUR",
    )
    with pytest.raises(Invalid) as caught:
        create_budget_line(
            demo, visit.visit_id, category="other", quantity="-1", unit_price="100", currency="EUR"
        )
    assert caught.value.path == "quantity"
    after = visit_budget(demo, "DEMO-BERGEN-2014")
    assert after.totals.overall.planned == before
    assert len(after.lines) == len(visit.lines) + 1


def test_a_discount_line_with_a_negative_unit_price_nets_the_total(demo) -> None:
    visit = visit_budget(demo, "DEMO-BERGEN-2014")
    create_budget_line(
        demo,
        visit.visit_id,
        category="accommodation",
        description="Grupas atlaide",
        quantity="1",
        unit_price="-150.00",
        currency="EUR",
    )
    after = visit_budget(demo, "DEMO-BERGEN-2014")
    assert after.totals.overall.planned == visit.totals.overall.planned - D("150.00")
