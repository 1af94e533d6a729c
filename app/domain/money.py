"""Money rules: Decimal end to end, conversion by the visit's rates, rounding half up once
per line, totals as sums of rounded lines (the visit file contract, ``budget``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import overload

CENT = Decimal("0.01")


def round_cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


@overload
def to_minor(amount: Decimal) -> int: ...
@overload
def to_minor(amount: None) -> None: ...
@overload
def to_minor(amount: Decimal | None) -> int | None: ...


def to_minor(amount: Decimal | None) -> int | None:
    """Cents as an integer (``None`` stays ``None``); the amount must already have at most
    two decimals: nothing is rounded or cut here (``1.005`` is an error, not 100 cents)."""
    if amount is None:
        return None
    cents = amount * 100
    if cents != cents.to_integral_value():
        raise ValueError(f"{amount} has more than two decimals")
    return int(cents)


def from_minor(minor: int) -> Decimal:
    return Decimal(minor).scaleb(-2)


class MissingRate(KeyError):
    """A currency the visit has no rate for."""


def in_base(amount: Decimal, per_base: Decimal) -> Decimal:
    """THE conversion: an amount at a rate (units per one of the base: 1 EUR = 11.699 NOK)
    in the base currency, rounded half up to cents once. Every budget figure, allowance
    and project total converts here."""
    value = amount if per_base == 1 else amount / per_base
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def convert(amount: Decimal, currency: str, to: str, base: str,
            rates: Mapping[str, Decimal]) -> Decimal:
    """An amount in ``currency`` in another currency ``to`` through the visit's rates (both
    against its ``base``), rounded half up to cents once (``in_base`` at the cross rate).
    ``MissingRate`` when either has no rate."""
    if currency == to:
        return in_base(amount, Decimal(1))
    return in_base(amount, rate_of(currency, base, rates) / rate_of(to, base, rates))


def rate_of(currency: str, base: str, rates: Mapping[str, Decimal]) -> Decimal:
    """The rate of ``currency`` (1 for the base); ``MissingRate`` when there is none."""
    if currency == base:
        return Decimal(1)
    try:
        return rates[currency]
    except KeyError:
        raise MissingRate(currency) from None


def planned_base(quantity: Decimal, unit_price: Decimal, currency: str, base: str,
                 rates: Mapping[str, Decimal]) -> Decimal:
    """A line's planned amount in the base currency, rounded half up to cents once."""
    return in_base(quantity * unit_price, rate_of(currency, base, rates))


def actual_base(amount: Decimal, currency: str, base: str,
                rates: Mapping[str, Decimal]) -> Decimal:
    return in_base(amount, rate_of(currency, base, rates))


def total(amounts: Iterable[Decimal]) -> Decimal:
    return sum(amounts, Decimal("0.00"))
