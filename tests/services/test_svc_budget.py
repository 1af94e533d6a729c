"""Budget: funding sources, exchange rates, lines (exact decimals), allowance rates."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from app.domain.validation import Invalid
from app.services import budget, visits
from app.services.base import Duplicate, NotFound, ServiceError, StaleEdit


@pytest.fixture
def visit(db):
    return visits.create_visit(
        db,
        code="V",
        title="Bergen",
        timezone="Europe/Oslo",
        start_date="2024-04-02",
        end_date="2024-04-05",
    )


def test_funding_source_round(db, visit):
    grant = budget.create_funding_source(
        db, visit.id, name="EEA & Norway Grants", share="85", cap="12000.50"
    )
    own = budget.create_funding_source(db, visit.id, name="LPS")
    assert (grant.position, own.position) == (1, 2)
    assert grant.share == Decimal("85") and grant.cap_minor == 1200050
    changed = budget.update_funding_source(db, grant.id, grant.version, share="85.5")
    assert str(changed.share) == "85.5"
    with pytest.raises(StaleEdit):
        budget.update_funding_source(db, grant.id, grant.version, share="80")
    with pytest.raises(Invalid) as err:
        budget.update_funding_source(db, grant.id, None, share="100.01")
    assert err.value.path == "share"
    budget.delete_funding_source(db, grant.id)
    assert [s.name for s in budget.list_funding_sources(db, visit.id)] == ["LPS"]
    assert budget.restore_funding_source(db, grant.id).uuid == grant.uuid


def test_one_rate_per_currency_per_visit(db, visit):
    rate = budget.create_exchange_rate(
        db, visit.id, currency="NOK", per_base="11.6250", date="2024-03-28", source="ECB"
    )
    assert str(rate.per_base) == "11.6250" and rate.date == dt.date(2024, 3, 28)
    with pytest.raises(Duplicate, match="NOK"):
        budget.create_exchange_rate(db, visit.id, currency="NOK", per_base="11.7")
    with pytest.raises(Invalid) as err:
        budget.create_exchange_rate(db, visit.id, currency="EUR", per_base="1")
    assert err.value.path == "currency" and "base currency" in err.value.message
    with pytest.raises(Invalid) as err:
        budget.create_exchange_rate(db, visit.id, currency="SEK", per_base=11.5)
    assert err.value.path == "per_base" and "string" in err.value.message
    with pytest.raises(Invalid) as err:
        budget.create_exchange_rate(db, visit.id, currency="SEK", per_base="0")
    assert err.value.path == "per_base"
    budget.delete_exchange_rate(db, rate.id)
    second = budget.create_exchange_rate(db, visit.id, currency="NOK", per_base="11.70")
    with pytest.raises(Duplicate):
        budget.restore_exchange_rate(db, rate.id)
    assert [r.id for r in budget.list_exchange_rates(db, visit.id)] == [second.id]


def test_line_needs_a_rate_for_its_currency(db, visit):
    with pytest.raises(Invalid) as err:
        budget.create_budget_line(
            db,
            visit.id,
            category="accommodation",
            quantity="36",
            unit_price="1250.00",
            currency="NOK",
        )
    assert err.value.path == "currency" and "NOK" in err.value.message
    budget.create_exchange_rate(db, visit.id, currency="NOK", per_base="11.6250")
    line = budget.create_budget_line(
        db,
        visit.id,
        category="accommodation",
        quantity="36",
        unit="night",
        unit_price="1250.00",
        currency="NOK",
        actual_amount="44100.00",
        actual_paid=True,
    )
    assert line.actual_currency == "NOK" and line.actual_minor == 4410000
    with pytest.raises(Invalid) as err:
        budget.update_budget_line(db, line.id, line.version, actual_currency="PLN")
    assert err.value.path == "actual_currency"


def test_line_round_keeps_decimals_exactly(db, visit):
    line = budget.create_budget_line(
        db,
        visit.id,
        category="daily_allowance",
        description="Dienas nauda <4 dienas> & 🙂",
        quantity="11.6250",
        unit_price="1.005",
        currency="EUR",
    )
    again = budget.get_budget_line(db, line.id)
    assert (str(again.quantity), str(again.unit_price)) == ("11.6250", "1.005")
    assert again.eligible and again.position == 1
    assert again.description == "Dienas nauda <4 dienas> & 🙂"
    changed = budget.update_budget_line(db, line.id, line.version, eligible=False)
    with pytest.raises(StaleEdit):
        budget.update_budget_line(db, line.id, line.version, quantity="2")
    budget.delete_budget_line(db, line.id)
    assert budget.list_budget_lines(db, visit.id) == []
    back = budget.restore_budget_line(db, line.id)
    assert back.uuid == line.uuid and back.eligible is False and changed.version == 2


def test_line_field_rules(db, visit):
    base = dict(category="travel", quantity="1", unit_price="200", currency="EUR")
    for field, value in (
        ("quantity", "-1"),
        ("quantity", "1.1234567"),
        ("unit", "kg"),
        ("category", "fun"),
        ("actual_amount", "1.005"),
        ("funding_source_id", 77),
        ("currency", "EURO"),
    ):
        with pytest.raises(Invalid) as err:
            budget.create_budget_line(db, visit.id, **{**base, field: value})
        assert err.value.path == field, (field, value)
    assert budget.list_budget_lines(db, visit.id) == []


def test_a_rate_in_use_cannot_go(db, visit):
    rate = budget.create_exchange_rate(db, visit.id, currency="NOK", per_base="11.6250")
    budget.create_budget_line(
        db, visit.id, category="venue", quantity="1", unit_price="5000", currency="NOK"
    )
    with pytest.raises(ServiceError, match="NOK"):
        budget.delete_exchange_rate(db, rate.id)
    with pytest.raises(ServiceError, match="NOK"):
        budget.update_exchange_rate(db, rate.id, rate.version, currency="SEK")
    assert budget.get_exchange_rate(db, rate.id).currency == "NOK"


def test_funding_source_of_another_visit_is_refused(db, visit):
    other = visits.create_visit(
        db,
        code="W",
        title="Poznań",
        timezone="Europe/Warsaw",
        start_date="2013-11-13",
        end_date="2013-11-14",
    )
    theirs = budget.create_funding_source(db, other.id, name="European Commission")
    with pytest.raises(Invalid) as err:
        budget.create_budget_line(
            db,
            visit.id,
            category="travel",
            quantity="1",
            unit_price="1",
            currency="EUR",
            funding_source_id=theirs.id,
        )
    assert err.value.path == "funding_source_id"


def test_allowance_rates(db):
    rate = budget.create_allowance_rate(
        db,
        country="NO",
        daily="65.00",
        accommodation_cap="180.00",
        valid_from="2023-01-01",
        source="MK noteikumi Nr. 969 & <pielikums>",
    )
    assert (rate.daily_minor, rate.accommodation_cap_minor) == (6500, 18000)
    newer = budget.create_allowance_rate(db, country="NO", daily="70", valid_from="2024-07-01")
    with pytest.raises(Duplicate, match="NO"):
        budget.create_allowance_rate(db, country="NO", daily="1", valid_from="2024-07-01")
    assert budget.allowance_rate_on(db, "NO", dt.date(2024, 4, 2)).id == rate.id
    assert budget.allowance_rate_on(db, "NO", dt.date(2024, 8, 1)).id == newer.id
    assert budget.allowance_rate_on(db, "NO", dt.date(2020, 1, 1)) is None
    changed = budget.update_allowance_rate(db, rate.id, rate.version, daily="66.50")
    assert changed.daily_minor == 6650
    with pytest.raises(StaleEdit):
        budget.update_allowance_rate(db, rate.id, rate.version, daily="1")
    with pytest.raises(Invalid) as err:
        budget.create_allowance_rate(db, country="XX", daily="1", valid_from="2024-01-01")
    assert err.value.path == "country"
    budget.delete_allowance_rate(db, newer.id)
    assert [r.id for r in budget.list_allowance_rates(db, country="no")] == [rate.id]
    budget.restore_allowance_rate(db, newer.id)
    with pytest.raises(NotFound):
        budget.get_allowance_rate(db, 999)


def test_a_funding_source_is_a_grant_unless_its_name_says_own_funds(db, visit):
    grant = budget.create_funding_source(db, visit.id, name="EEA & Norway Grants")
    own = budget.create_funding_source(db, visit.id, name="LPS pašu līdzekļi")
    chosen = budget.create_funding_source(db, visit.id, name="LPS", is_grant=False)
    assert (grant.is_grant, own.is_grant, chosen.is_grant) == (True, False, False)
    marked = budget.update_funding_source(db, own.id, own.version, is_grant=True)
    assert marked.is_grant is True
    renamed = budget.update_funding_source(db, marked.id, marked.version, name="Pašu")
    assert renamed.is_grant is True  # the user's choice stays when only the name changes
    with pytest.raises(Invalid) as err:
        budget.update_funding_source(db, grant.id, None, is_grant="yes")
    assert err.value.path == "is_grant"
