"""Which exchange rate an amount converts at: the plan's, or the rate of a payment's date.

A visit holds one *plan* rate per currency (the rate the approved plan was made with) and
any number of *dated* rates: ECB reference rates by day, InforEuro accounting rates by month.
The plan converts at the plan rate, always. An actual (a payment) converts under the
project's rule (issue 12):

- ``ecb`` (default): the ECB reference rate in force at the start of the transaction day,
  i.e. the latest rate published *before* that day (Friday's payment: Thursday's rate;
  Monday's: Friday's) — the Latvian practice, "spēkā saimnieciskā darījuma dienas sākumā";
- ``inforeuro``: the Commission's monthly rate of the payment's month;
- ``fixed``: one rate per currency set for the project;
- ``plan``: the plan's rate.

A payment without a date converts at the plan rate (warned); when the rate the rule asks
for is not held, the latest held before it is used — at worst the plan's — with a warning.
Rates are ``per_base``: units of the currency for one unit of the visit's base currency.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

PLAN, ECB, INFOREURO, FIXED = "plan", "ecb", "inforeuro", "fixed"
RULES = (ECB, INFOREURO, FIXED, PLAN)
DEFAULT_RULE = ECB
ONE = Decimal(1)

# Why an actual did not convert at the rate its rule asks for (``RateUsed.fallback``).
UNDATED = "undated"  # the payment has no date: the plan rate
EARLIER = "earlier"  # no rate held for the day (month): the latest earlier one
NO_RATE = "no_rate"  # nothing dated held before the day: the plan rate


@dataclass(frozen=True, slots=True)
class RateUsed:
    """The rate an amount converted at: its value, date and kind (``plan``, ``ecb``…)."""

    per_base: Decimal
    date: dt.date | None
    kind: str
    fallback: str | None = None  # UNDATED / EARLIER / NO_RATE when the rule was not met


@cache
def _easter(year: int) -> dt.date:
    from dateutil.easter import easter

    return easter(year)


def ecb_publishes(day: dt.date) -> bool:
    """Whether the ECB publishes reference rates that day (TARGET2 calendar: weekdays but
    1 January, Good Friday, Easter Monday, 1 May, 25 and 26 December)."""
    if day.weekday() >= 5 or (day.month, day.day) in ((1, 1), (5, 1), (12, 25), (12, 26)):
        return False
    easter = _easter(day.year)
    return day not in (easter - dt.timedelta(days=2), easter + dt.timedelta(days=1))


def ecb_rate_day(day: dt.date) -> dt.date:
    """The date of the ECB rate in force at the start of ``day``: the last publication
    day before it (a Monday: the Friday before; the Tuesday after Easter: Thursday)."""
    previous = day - dt.timedelta(days=1)
    while not ecb_publishes(previous):
        previous -= dt.timedelta(days=1)
    return previous


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


@dataclass
class RateBook:
    """A visit's rates and the project's rule; answers "which rate for this amount"."""

    base: str
    plan: dict[str, RateUsed] = field(default_factory=dict)
    rule: str = DEFAULT_RULE
    fixed: dict[str, Decimal] = field(default_factory=dict)  # per_base, the fixed rule's
    pinned: frozenset[str] = frozenset()  # currencies whose actuals take the plan rate
    # kind → currency → (sorted dates, rates in the same order)
    _dated: dict[str, dict[str, tuple[list[dt.date], list[Decimal]]]] = field(default_factory=dict)
    _memo: dict[tuple[str, dt.date | None], RateUsed | None] = field(default_factory=dict)

    @classmethod
    def of(cls, base: str, rates: Mapping[str, Decimal] | RateBook) -> RateBook:
        """A book from plan rates alone (``{"NOK": 11.699}``, the plan rule), or the book."""
        if isinstance(rates, RateBook):
            return rates
        return cls(base, {cur: RateUsed(per, None, PLAN) for cur, per in rates.items()}, rule=PLAN)

    @classmethod
    def build(
        cls,
        base: str,
        plan: Iterable[tuple[str, Decimal, dt.date | None]],
        dated: Iterable[tuple[str, str, dt.date, Decimal]] = (),
        *,
        rule: str | None = None,
        fixed_per_euro: Mapping[str, Decimal] | None = None,
    ) -> RateBook:
        """A visit's book: its plan rates (currency, per_base, date), its dated rates
        (kind, currency, date, per_base), its project's rule and the project's fixed
        rates, which are units per euro and are re-based here on the visit's currency.
        The budget, the project report and the statistics all build their book here."""
        fixed: dict[str, Decimal] = {}
        if fixed_per_euro:
            per_eur = dict(fixed_per_euro)
            per_eur.setdefault("EUR", ONE)
            pivot = per_eur.get(base)
            if pivot is not None:
                fixed = {c: v / pivot for c, v in per_eur.items() if c != base}
        book = cls(
            base,
            {currency: RateUsed(per_base, day, PLAN) for currency, per_base, day in plan},
            rule or DEFAULT_RULE,
            fixed,
        )
        book.add_dated(dated)
        return book

    def add_dated(self, rows: Iterable[tuple[str, str, dt.date, Decimal]]) -> None:
        """Dated rates as (kind, currency, date, per_base); InforEuro dates are months."""
        collected: dict[str, dict[str, dict[dt.date, Decimal]]] = {}
        for kind, currency, day, per_base in rows:
            collected.setdefault(kind, {}).setdefault(currency, {})[day] = per_base
        for kind, by_currency in collected.items():
            target = self._dated.setdefault(kind, {})
            for currency, days in by_currency.items():
                merged = dict(zip(*target.get(currency, ([], [])), strict=True))
                merged.update(days)
                ordered = sorted(merged)
                target[currency] = (ordered, [merged[d] for d in ordered])
        self._memo.clear()

    def dated(self, kind: str, currency: str) -> list[tuple[dt.date, Decimal]]:
        dates, values = self._dated.get(kind, {}).get(currency, ([], []))
        return list(zip(dates, values, strict=True))

    def planned(self, currency: str) -> RateUsed | None:
        """The plan's rate (``None``: the currency has none); the base is 1."""
        if currency == self.base:
            return RateUsed(ONE, None, PLAN)
        return self.plan.get(currency)

    def actual(self, currency: str, day: dt.date | None) -> RateUsed | None:
        """The rate a payment in ``currency`` made on ``day`` converts at under the rule."""
        key = (currency, day)
        if key in self._memo:
            return self._memo[key]
        found = self._actual(currency, day)
        self._memo[key] = found
        return found

    def _actual(self, currency: str, day: dt.date | None) -> RateUsed | None:
        if currency == self.base:
            return RateUsed(ONE, day, PLAN)
        plan = self.plan.get(currency)
        if self.rule == PLAN or currency in self.pinned:
            return plan
        if day is None:
            return RateUsed(plan.per_base, plan.date, PLAN, UNDATED) if plan else None
        if self.rule == FIXED:
            fixed = self.fixed.get(currency)
            if fixed is not None:
                return RateUsed(fixed, None, FIXED)
            return RateUsed(plan.per_base, plan.date, PLAN, NO_RATE) if plan else None
        if self.rule == INFOREURO:
            wanted, kind = month_start(day), INFOREURO
        else:
            wanted, kind = ecb_rate_day(day), ECB
        dates, values = self._dated.get(kind, {}).get(currency, ([], []))
        # The rate of the wanted day (month), else the latest before it — never one
        # published later than the day it is wanted for.
        at = bisect.bisect_right(dates, wanted) - 1
        if at >= 0:
            return RateUsed(values[at], dates[at], kind, None if dates[at] == wanted else EARLIER)
        return RateUsed(plan.per_base, plan.date, PLAN, NO_RATE) if plan else None

    def rebased(self, currency: str) -> RateBook | None:
        """The same book counting in ``currency`` (a project's): every rate divided by the
        visit's plan rate of ``currency``; ``None`` when the visit has no such rate."""
        if currency == self.base:
            return self
        pivot = self.plan.get(currency)
        if pivot is None:
            return None
        p = pivot.per_base
        book = RateBook(
            currency,
            {
                c: RateUsed(r.per_base / p, r.date, r.kind)
                for c, r in self.plan.items()
                if c != currency
            },
            self.rule,
            {c: v / p for c, v in self.fixed.items() if c != currency},
            frozenset({self.base}),
        )
        book.plan[self.base] = RateUsed(ONE / p, pivot.date, PLAN)
        book._dated = {
            kind: {
                c: (dates, [v / p for v in values])
                for c, (dates, values) in by_cur.items()
                if c != currency
            }
            for kind, by_cur in self._dated.items()
        }
        return book
