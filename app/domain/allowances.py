"""Daily allowances for a business trip: days, reduced days and the amount.

The rules (Latvian practice for official travel abroad, Cabinet Regulation No. 969): every
calendar day from departure to return counts, both inclusive; on a day when the host gives
free accommodation and three meals only a reduced share of the country's daily allowance is
paid (30 % unless the organisation decides otherwise). Amounts are ``Decimal`` in EUR and
rounded half up to cents: the reduced rate once, then days × rate. A rate that changes
during the trip (a new table in force from a day inside it) applies day by day: the trip is
counted in periods, one per rate, each rounded as a line of its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from app.domain.money import round_cents

DEFAULT_REDUCED_SHARE = Decimal(30)  # percent of the daily allowance on reduced days
# The most the rules allow on those days (Regulation No 969, p. 13: "up to 30 %").
REDUCED_SHARE_LIMIT = Decimal(30)


def trip_days(departure: dt.date, return_day: dt.date) -> list[dt.date]:
    """Every calendar day of the trip, departure and return included."""
    if return_day < departure:
        raise ValueError(f"return {return_day} before departure {departure}")
    return [departure + dt.timedelta(days=n) for n in range((return_day - departure).days + 1)]


def reduced_rate(daily: Decimal, share: Decimal = DEFAULT_REDUCED_SHARE) -> Decimal:
    """The allowance for a day with free accommodation and meals (``share`` in percent)."""
    if not Decimal(0) <= share <= Decimal(100):
        raise ValueError(f"share {share} is not a percentage")
    return round_cents(daily * share / 100)


@dataclass(frozen=True)
class Period:
    """The days of a trip at one daily rate (the whole trip unless the rate changed)."""

    daily: Decimal
    share: Decimal
    days: tuple[dt.date, ...]
    reduced_days: tuple[dt.date, ...]

    @property
    def full_days(self) -> int:
        return len(self.days) - len(self.reduced_days)

    @property
    def reduced(self) -> Decimal:
        return reduced_rate(self.daily, self.share)

    @property
    def full_amount(self) -> Decimal:
        return round_cents(self.daily * self.full_days)

    @property
    def reduced_amount(self) -> Decimal:
        return round_cents(self.reduced * len(self.reduced_days))


@dataclass(frozen=True)
class Allowance:
    """One traveller's allowance: which days at which rate, and the amount.

    ``daily`` is the rate in force on the day of departure; ``later_rates`` the rates that
    come into force on a later day of the trip, as (first day, daily), oldest first.
    """

    departure: dt.date
    return_day: dt.date
    daily: Decimal
    share: Decimal
    full_days: int
    reduced_days: tuple[dt.date, ...]
    later_rates: tuple[tuple[dt.date, Decimal], ...] = ()

    @property
    def days(self) -> int:
        return self.full_days + len(self.reduced_days)

    @property
    def reduced(self) -> Decimal:
        """The reduced rate on the day of departure (see ``reduced_on`` for another day)."""
        return reduced_rate(self.daily, self.share)

    def daily_on(self, day: dt.date) -> Decimal:
        """The daily rate in force on ``day`` of the trip."""
        rate = self.daily
        for first, daily in self.later_rates:
            if first <= day:
                rate = daily
        return rate

    def reduced_on(self, day: dt.date) -> Decimal:
        return reduced_rate(self.daily_on(day), self.share)

    @property
    def periods(self) -> tuple[Period, ...]:
        """The trip's days grouped by the rate in force, in order (one period usually)."""
        cut = set(self.reduced_days)
        found: list[Period] = []
        for day in trip_days(self.departure, self.return_day):
            rate = self.daily_on(day)
            if not found or found[-1].daily != rate:
                found.append(Period(rate, self.share, (), ()))
            last = found[-1]
            found[-1] = Period(
                rate,
                self.share,
                (*last.days, day),
                (*last.reduced_days, day) if day in cut else last.reduced_days,
            )
        return tuple(found)

    @property
    def full_amount(self) -> Decimal:
        return sum((p.full_amount for p in self.periods), Decimal("0.00"))

    @property
    def reduced_amount(self) -> Decimal:
        return sum((p.reduced_amount for p in self.periods), Decimal("0.00"))

    @property
    def amount(self) -> Decimal:
        return self.full_amount + self.reduced_amount


def allowance(
    departure: dt.date,
    return_day: dt.date,
    daily: Decimal,
    *,
    reduced: Iterable[dt.date] = (),
    share: Decimal = DEFAULT_REDUCED_SHARE,
    later_rates: Iterable[tuple[dt.date, Decimal]] = (),
) -> Allowance:
    """The allowance for a trip; reduced days outside the trip are ignored, as are rates
    that come into force after it (or on its first day: ``daily`` is that day's)."""
    days = trip_days(departure, return_day)
    wanted = set(reduced)
    cut = tuple(d for d in days if d in wanted)
    reduced_rate(daily, share)  # checks the share
    changes = tuple(
        sorted((first, rate) for first, rate in later_rates if departure < first <= return_day)
    )
    return Allowance(departure, return_day, daily, share, len(days) - len(cut), cut, changes)


def over_cap(night_price: Decimal, cap: Decimal | None) -> Decimal | None:
    """How much a hotel night costs above the accommodation cap (None when within it)."""
    if cap is None or night_price <= cap:
        return None
    return night_price - cap


def person_named(description: str | None, names: Mapping[str, int | None]) -> int | str | None:
    """Whom an allowance line's description names: a person id, the name itself when two
    people share it (someone is named, nobody can say who), else ``None``.

    The calculator writes "…: {name}, {days} × {rate}", so a name counts only followed by a
    comma (or ending the text), longest name first: "Liene Ozola" is not found in "Liene
    Ozola-Kalniņa, 4 × …". Lines are bound by person id; this reads only lines that are
    not (typed by hand, or from a visit file written before the binding).
    """
    text = (description or "").rstrip()
    for name in sorted((n for n in names if n), key=len, reverse=True):
        if f"{name}," in text or text.endswith(name):
            person = names[name]
            return name if person is None else person
    return None
