"""Money rules: Decimal end to end, conversion by the visit's rates, rounding half up once
per line, totals as sums of rounded lines (the visit file contract, ``budget``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def round_cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def to_minor(amount: Decimal) -> int:
    """Cents as an integer; the amount must already have at most two decimals."""
    cents = amount * 100
    if cents != cents.to_integral_value():
        raise ValueError(f"{amount} has more than two decimals")
    return int(cents)


def from_minor(minor: int) -> Decimal:
    return Decimal(minor).scaleb(-2)


class MissingRate(KeyError):
    """A currency the visit has no rate for."""


def to_base(amount: Decimal, currency: str, base: str, rates: Mapping[str, Decimal]) -> Decimal:
    """Convert, unrounded: ``base = amount / per_base`` (1 EUR = 9.4325 NOK)."""
    if currency == base:
        return amount
    try:
        per_base = rates[currency]
    except KeyError:
        raise MissingRate(currency) from None
    return amount / per_base


def planned_base(quantity: Decimal, unit_price: Decimal, currency: str, base: str,
                 rates: Mapping[str, Decimal]) -> Decimal:
    """A line's planned amount in the base currency, rounded half up to cents once."""
    return round_cents(to_base(quantity * unit_price, currency, base, rates))


def actual_base(amount: Decimal, currency: str, base: str,
                rates: Mapping[str, Decimal]) -> Decimal:
    return round_cents(to_base(amount, currency, base, rates))


def total(amounts: Iterable[Decimal]) -> Decimal:
    return sum(amounts, Decimal("0.00"))
