"""Money rules: Decimal end to end, conversion by the visit's rates, rounding half up once
per line, totals as sums of rounded lines (the visit file contract, ``budget``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import overload

CENT = Decimal("0.01")
# The largest amount the program holds: 15 significant digits with the cents, which is what
# a spreadsheet cell keeps exactly (and far beyond any study visit). A line whose amount, or
# its conversion to the visit's base currency, goes beyond it is refused when entered.
MAX_AMOUNT = Decimal("999999999999.99")
_HUGE = Decimal(10) ** 20


def fits(amount: Decimal, per_base: Decimal = Decimal(1)) -> bool:
    """Whether ``amount`` and its conversion at ``per_base`` (``amount / per_base``), each
    rounded to cents as the budget rounds them, stay within ``MAX_AMOUNT``."""
    size = abs(amount)
    if size < MAX_AMOUNT and (per_base >= 1 or size < MAX_AMOUNT * per_base):
        return True  # below the limit before rounding: rounding cannot pass it
    if size >= _HUGE or size >= _HUGE * per_base:
        return False  # so large that rounding it to cents would overflow the context
    return in_base(size, Decimal(1)) <= MAX_AMOUNT and in_base(size, per_base) <= MAX_AMOUNT


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


def convert(
    amount: Decimal, currency: str, to: str, base: str, rates: Mapping[str, Decimal]
) -> Decimal:
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


def planned_base(
    quantity: Decimal, unit_price: Decimal, currency: str, base: str, rates: Mapping[str, Decimal]
) -> Decimal:
    """A line's planned amount in the base currency, rounded half up to cents once."""
    return in_base(quantity * unit_price, rate_of(currency, base, rates))


def actual_base(amount: Decimal, currency: str, base: str, rates: Mapping[str, Decimal]) -> Decimal:
    return in_base(amount, rate_of(currency, base, rates))


def total(amounts: Iterable[Decimal]) -> Decimal:
    return sum(amounts, Decimal("0.00"))
