"""A visit's budget worked out: each line in the base currency, totals and warnings.

Pure arithmetic on plain values, so the window, the PDF, the spreadsheet and the project
report all show the same cents: each line is converted (``amount / per_base``) and rounded
half up to cents once; every total is a sum of those rounded lines (visit file contract,
``budget``). Problems a finance officer must see — a currency without a rate, shares that
do not add up, overspending — are warnings; they never stop a total from being shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from typing import Any

from app.domain.money import CENT, MAX_AMOUNT, fits, in_base
from app.domain.rates import EARLIER, NO_RATE, UNDATED, RateBook, RateUsed
from app.i18n import N_, _, current_language, format_date, format_money, ngettext
from db.enums import BUDGET_CATEGORIES

ZERO = Decimal("0.00")
HUNDRED = Decimal(100)
SHARE_TOLERANCE = Decimal(1)  # percentage points (contract: "more than one point")
DEFAULT_MARGIN = Decimal(10)  # % that actual may exceed planned before a warning


@dataclass(frozen=True)
class LineIn:
    """One budget line as stored: amounts in their own currency."""

    id: int | None
    category: str
    description: str | None
    funding: str | None  # the funding source's key (its id as text in the database)
    eligible: bool
    quantity: Decimal
    unit: str | None
    unit_price: Decimal
    currency: str
    actual_amount: Decimal | None = None
    actual_currency: str | None = None
    actual_document: str | None = None
    actual_date: dt.date | None = None
    actual_paid: bool = False
    # Shared between sources: ((source key, percent), ...) adding up to 100; None: the
    # whole line is ``funding``'s.
    shares: tuple[tuple[str, Decimal], ...] | None = None
    person: int | None = None  # the participant a daily-allowance line is for


@dataclass(frozen=True)
class SourceIn:
    key: str
    name: str
    share: Decimal | None  # percent of the visit's total it is meant to cover
    is_grant: bool = False  # counted against the project's grant rate
    cap: Decimal | None = None  # the most it may pay, in the base currency


@dataclass(slots=True)
class LineOut:
    """A line in the base currency; ``None`` where its currency has no rate.

    ``rate`` is the rate the actual converted at (its date and kind); ``exchange`` the
    exchange difference: the actual at that rate minus the actual at the plan's rate.
    """

    line: LineIn
    planned: Decimal | None
    actual: Decimal | None
    rate: RateUsed | None = None
    exchange: Decimal | None = None

    @property
    def variance(self) -> Decimal | None:
        """Actual minus planned (positive: more was spent than planned)."""
        if self.planned is None or self.actual is None:
            return None
        return self.actual - self.planned


@dataclass
class Amounts:
    """Planned and actual sums of rounded lines; ``actual`` counts lines with an actual.

    ``variance`` is the sum of the lines' variances — of the lines with both a plan and an
    actual, as the variance column shows them — so the column adds up to its total (an
    unpaid line's blank is not a minus of its plan). ``exchange`` sums the exchange
    differences.
    """

    planned: Decimal = ZERO
    actual: Decimal = ZERO
    lines: int = 0
    variance: Decimal = ZERO
    exchange: Decimal = ZERO

    def add(self, out: LineOut) -> None:
        self.lines += 1
        if out.planned is not None:
            self.planned += out.planned
        if out.actual is not None:
            self.actual += out.actual
            if out.planned is not None:
                self.variance += out.actual - out.planned
        if out.exchange is not None:
            self.exchange += out.exchange


@dataclass(frozen=True)
class BudgetWarning:
    """Something to look at; ``kind`` is stable for code, ``text`` is for people."""

    kind: str
    text: str
    line_id: int | None = None


class _OverPlanned(BudgetWarning):
    """A line spent above its plan; the text is written when first read.

    A budget being drafted can have a thousand of them, and the totals are recomputed
    after every edit: formatting each sentence up front took as long as the arithmetic.
    """

    def __init__(
        self,
        template: str,
        line: LineIn,
        actual: Decimal,
        planned: Decimal,
        margin: str,
        base: str,
        lang: str,
    ) -> None:
        object.__setattr__(self, "kind", "over_planned")
        object.__setattr__(self, "line_id", line.id)
        object.__setattr__(self, "_args", (template, line, actual, planned, margin, base, lang))

    def __getattr__(self, name: str) -> Any:
        if name != "text":
            raise AttributeError(name)
        template, line, actual, planned, margin, base, lang = self.__dict__["_args"]
        # Money as the window shows it ("1 720,00 €"), in the language of the computation.
        text = template.format(
            line=line_name(line),
            actual=format_money(actual, base, lang),
            margin=margin,
            planned=format_money(planned, base, lang),
        )
        object.__setattr__(self, "text", text)
        return text


@dataclass
class Totals:
    lines: list[LineOut]
    overall: Amounts
    eligible: Amounts
    ineligible: Amounts
    by_category: dict[str, Amounts]  # in the order of the category list
    by_source: dict[str | None, Amounts]  # sources in their order; None = no source
    warnings: list[BudgetWarning] = field(default_factory=list)

    def share_of(self, key: str | None, *, actual: bool = False) -> Decimal | None:
        """The percentage of the overall total that a source's lines make."""
        whole = self.overall.actual if actual else self.overall.planned
        part = self.by_source.get(key)
        if not whole or part is None:
            return None
        return (part.actual if actual else part.planned) * HUNDRED / whole


CATEGORY_LABELS = {
    "travel": N_("Travel"),
    "accommodation": N_("Accommodation"),
    "daily_allowance": N_("Daily allowances"),
    "local_transport": N_("Local transport"),
    "interpretation": N_("Interpretation"),
    "venue": N_("Venue"),
    "catering": N_("Catering"),
    "insurance": N_("Insurance"),
    "visa": N_("Visas"),
    "gifts": N_("Gifts"),
    "other": N_("Other costs"),
}


def category_label(code: str) -> str:
    """The category as the interface language says it (``travel`` → ``Ceļa izdevumi``)."""
    return _(CATEGORY_LABELS[code]) if code in CATEGORY_LABELS else code


@cache
def _decimal_mark(lang: str) -> str:
    from babel import Locale

    return str(Locale.parse(lang).number_symbols.get("latn", {}).get("decimal", "."))


def num(value: Decimal, places: str | None = None) -> str:
    """A number in a warning with the interface language's decimal mark (``92,6``)."""
    if places is not None:
        value = value.quantize(Decimal(places), rounding=ROUND_HALF_UP)
    return str(value).replace(".", _decimal_mark(current_language()))


def line_name(line: LineIn) -> str:
    return line.description or category_label(line.category)


def convert(line: LineIn, base: str, rates: Mapping[str, Decimal] | RateBook) -> LineOut:
    """The line's planned amount at the plan's rate and its actual at the rate of its
    date under the book's rule, in the base currency (each rounded once)."""
    book = RateBook.of(base, rates)
    rate = book.planned(line.currency)
    raw = line.quantity * line.unit_price
    too_large = rate is not None and not fits(raw, rate.per_base)
    planned = None if rate is None or too_large else in_base(raw, rate.per_base)
    actual = exchange = used = None
    if line.actual_amount is not None:
        currency = line.actual_currency or line.currency
        used = book.actual(currency, line.actual_date)
        if used is not None and not fits(line.actual_amount, used.per_base):
            too_large = True
        elif used is not None:
            actual = in_base(line.actual_amount, used.per_base)
            plan = book.planned(currency)
            if plan is not None:
                exchange = actual - in_base(line.actual_amount, plan.per_base)
    if too_large:  # beyond MAX_AMOUNT: left out whole, as ``compute`` leaves it
        return LineOut(line, None, None)
    return LineOut(line, planned, actual, used, exchange)


def split(amount: Decimal, shares: tuple[tuple[str, Decimal], ...]) -> list[Decimal]:
    """An amount parted by percent to the cent: each part rounded half up, the last
    share takes what is left, so the parts add up to the amount exactly."""
    parts = [in_base(amount * pct / HUNDRED, Decimal(1)) for _key, pct in shares[:-1]]
    return [*parts, amount - sum(parts, ZERO)]


def compute(
    lines: Iterable[LineIn],
    *,
    base: str,
    rates: Mapping[str, Decimal] | RateBook,
    sources: Sequence[SourceIn] = (),
    margin: Decimal = DEFAULT_MARGIN,
    grant_rate: Decimal | None = None,
) -> Totals:
    """Convert every line and add them up; collect the warnings.

    ``rates`` is the visit's rate book (plan rates and dated rates under the project's
    rule), or plain plan rates (``{"NOK": Decimal("11.699")}``). ``margin`` is the
    percentage by which a line's actual may exceed its planned amount before it is
    flagged. ``grant_rate`` is the project's grant rate: the sources marked ``is_grant``
    together may not be meant to cover more than it, nor may their lines make more.
    """
    book = RateBook.of(base, rates)
    warnings: list[BudgetWarning] = []
    missing: dict[str, list[LineIn]] = {}
    oversized: list[LineIn] = []  # an amount beyond MAX_AMOUNT: left out, warned
    fallbacks: dict[str, list[tuple[LineIn, RateUsed]]] = {}
    limit = margin / HUNDRED
    outs: list[LineOut] = []
    # One accumulator per (category, source, eligible): a budget has few of them, so the
    # loop does one dictionary step per line and the totals are added up afterwards.
    groups: dict[tuple[str, str | None, bool], list[Any]] = {}
    over_text = _("“{line}”: actual {actual} is more than {margin} % above planned {planned}")
    margin_text = num(margin)
    lang = current_language()
    planned_rates: dict[str, RateUsed | None] = {}
    for line in lines:
        # convert(), inlined: the totals of 5,000 lines are recomputed after every edit.
        currency = line.currency
        planned: Decimal | None
        raw = line.quantity * line.unit_price
        if currency == base:
            planned = in_base(raw, ONE) if fits(raw) else None
        else:
            if currency not in planned_rates:
                planned_rates[currency] = book.planned(currency)
            prate = planned_rates[currency]
            planned = (
                None
                if prate is None or not fits(raw, prate.per_base)
                else in_base(raw, prate.per_base)
            )
        too_large = planned is None and (currency == base or bool(planned_rates[currency]))
        actual = exchange = used = None
        paid = line.actual_amount
        if paid is not None:
            paid_in = line.actual_currency or currency
            if paid_in == base:
                if fits(paid):
                    actual = in_base(paid, ONE)
                    exchange = ZERO
                else:
                    too_large = True
            else:
                used = book.actual(paid_in, line.actual_date)
                if used is not None and not fits(paid, used.per_base):
                    too_large, used = True, None
                elif used is not None:
                    actual = in_base(paid, used.per_base)
                    if paid_in not in planned_rates:
                        planned_rates[paid_in] = book.planned(paid_in)
                    prate = planned_rates[paid_in]
                    if prate is not None:
                        exchange = (
                            ZERO
                            if prate.per_base == used.per_base
                            else actual - in_base(paid, prate.per_base)
                        )
                    if used.fallback is not None:
                        fallbacks.setdefault(used.fallback, []).append((line, used))
        if too_large:  # left out whole: a plan without its payment would mislead
            planned = actual = exchange = used = None
        out = LineOut(line, planned, actual, used, exchange)
        outs.append(out)
        if too_large:
            oversized.append(line)
        elif planned is None:
            missing.setdefault(currency, []).append(line)
        if actual is None:
            if paid is not None and not too_large:
                missing.setdefault(line.actual_currency or currency, []).append(line)
        elif planned is not None and actual - planned > abs(planned) * limit:
            # abs: a discount (−150 planned) paid as planned is not "above planned"
            warnings.append(_OverPlanned(over_text, line, actual, planned, margin_text, base, lang))
        varied = (actual - planned) if actual is not None and planned is not None else None
        if line.shares:
            # A shared line: each source its percent of the plan and of the actual; its
            # variance is its actual part less its planned part, so that a source's row
            # adds up across (parting the variance on its own gave 20,45 € beside an
            # actual − planned of 20,44 €).
            count = 1
            none: list[Decimal | None] = [None] * len(line.shares)
            parts = zip(
                line.shares,
                split(planned, line.shares) if planned is not None else none,
                split(actual, line.shares) if actual is not None else none,
                split(exchange, line.shares) if exchange is not None else none,
                strict=True,
            )
            for (key, _pct), p_part, a_part, x_part in parts:
                _accumulate(
                    groups,
                    (line.category, key, line.eligible),
                    p_part,
                    a_part,
                    a_part - p_part if a_part is not None and p_part is not None else None,
                    x_part,
                    count,
                )
                count = 0  # the line is counted once, with its first source
        else:
            _accumulate(
                groups,
                (line.category, line.funding, line.eligible),
                planned,
                actual,
                varied,
                exchange,
                1,
            )
    by_category: dict[str, Amounts] = {}
    by_source: dict[str | None, Amounts] = {s.key: Amounts() for s in sources}
    overall, eligible, ineligible = Amounts(), Amounts(), Amounts()
    for (cat, funding, is_eligible), (p_sum, a_sum, count, v_sum, x_sum) in groups.items():
        for target in (
            overall,
            eligible if is_eligible else ineligible,
            by_category.setdefault(cat, Amounts()),
            by_source.setdefault(funding, Amounts()),
        ):
            target.planned += p_sum
            target.actual += a_sum
            target.lines += count
            target.variance += v_sum
            target.exchange += x_sum
    for currency, affected in missing.items():
        warnings.append(
            BudgetWarning(
                "missing_rate",
                ngettext(
                    "{currency} has no exchange rate: {count} line is left out of the totals "
                    "(“{line}”)",
                    "{currency} has no exchange rate: {count} lines are left out of the totals, "
                    "the first “{line}”",
                    len(affected),
                ).format(currency=currency, count=len(affected), line=line_name(affected[0])),
                affected[0].id,
            )
        )
    if oversized:
        warnings.append(
            BudgetWarning(
                "too_large",
                ngettext(
                    "{count} line has an amount beyond what the program can hold ({limit} at most) "
                    "and is left out of the totals (“{line}”)",
                    "{count} lines have an amount beyond what the program can hold ({limit} at "
                    "most) and are left out of the totals, the first “{line}”",
                    len(oversized),
                ).format(
                    count=len(oversized),
                    limit=format_money(MAX_AMOUNT, base, lang),
                    line=line_name(oversized[0]),
                ),
                oversized[0].id,
            )
        )
    warnings.extend(_rate_warnings(fallbacks, lang))
    ordered = {c: by_category[c] for c in BUDGET_CATEGORIES if c in by_category}
    ordered.update({c: a for c, a in by_category.items() if c not in ordered})
    if None in by_source and not by_source[None].lines and not by_source[None].planned:
        del by_source[None]
    totals = Totals(outs, overall, eligible, ineligible, ordered, by_source, warnings)
    warnings.extend(_source_warnings(totals, sources, grant_rate, base))
    return totals


ONE = Decimal(1)


def _accumulate(
    groups: dict[tuple[str, str | None, bool], list[Any]],
    key: tuple[str, str | None, bool],
    planned: Decimal | None,
    actual: Decimal | None,
    varied: Decimal | None,
    exchange: Decimal | None,
    count: int,
) -> None:
    group = groups.get(key)
    if group is None:
        group = groups[key] = [ZERO, ZERO, 0, ZERO, ZERO]
    if planned is not None:
        group[0] += planned
    if actual is not None:
        group[1] += actual
    group[2] += count
    if varied is not None:
        group[3] += varied
    if exchange is not None:
        group[4] += exchange


def _rate_warnings(
    fallbacks: dict[str, list[tuple[LineIn, RateUsed]]], lang: str
) -> list[BudgetWarning]:
    """One warning per reason an actual did not convert at its rule's rate."""
    found: list[BudgetWarning] = []
    for reason in (UNDATED, EARLIER, NO_RATE):
        affected = fallbacks.get(reason)
        if not affected:
            continue
        line, used = affected[0]
        n = len(affected)
        if reason == UNDATED:
            text = ngettext(
                "{count} actual has no date: converted at the plan's rate (“{line}”)",
                "{count} actuals have no date: converted at the plan's rate, the first “{line}”",
                n,
            )
        elif reason == EARLIER:
            text = ngettext(
                "No rate held for the day of {count} actual: the latest earlier rate, of "
                "{date}, used (“{line}”)",
                "No rate held for the day of {count} actuals: the latest earlier rates "
                "used, the first of {date} (“{line}”)",
                n,
            )
        else:
            text = ngettext(
                "No dated rate held for {count} actual: converted at the plan's rate (“{line}”)",
                "No dated rate held for {count} actuals: converted at the plan's rate, "
                "the first “{line}”",
                n,
            )
        found.append(
            BudgetWarning(
                f"rate_{reason}",
                text.format(
                    count=n,
                    line=line_name(line),
                    date=format_date(used.date, lang) if used.date else "—",
                ),
                line.id,
            )
        )
    return found


def _side(amounts: Amounts | None, actual: bool) -> Decimal:
    if amounts is None:
        return ZERO
    return amounts.actual if actual else amounts.planned


def grant_at_rate(eligible: Decimal, grant_rate: Decimal) -> Decimal:
    """The most the grant covers: the grant rate of the eligible costs, half up to cents."""
    return (eligible * grant_rate / HUNDRED).quantize(CENT, rounding=ROUND_HALF_UP)


def grant_excess(
    grant: Decimal,
    eligible: Decimal,
    grant_rate: Decimal,
    base: str,
    *,
    names: str | None = None,
    count: int = 1,
    actual: bool = False,
) -> BudgetWarning | None:
    """A warning when the grant's lines cost more than the grant rate of the eligible
    costs allows (``None`` when they do not); ``names`` the grant sources, if known."""
    cap = grant_at_rate(eligible, grant_rate)
    if grant <= cap:
        return None
    part = num(grant * HUNDRED / eligible, "0.1") if eligible else "—"
    values = {
        "part": part,
        "rate": num(grant_rate),
        "grant": format_money(grant, base),
        "cap": format_money(cap, base),
        "excess": format_money(grant - cap, base),
    }
    # No "% " before a letter: gettext tools would read "% o…" as a printf conversion.
    if names is None:
        text = (
            _(
                "Grant, actual: {grant}, {excess} more than the grant rate ({rate} %) "
                "allows of the eligible costs, {cap} (a share of {part} %)"
            )
            if actual
            else _(
                "Grant, planned: {grant}, {excess} more than the grant rate ({rate} %) "
                "allows of the eligible costs, {cap} (a share of {part} %)"
            )
        )
    elif actual:
        text = ngettext(
            "Grant source “{name}”: its paid lines make {grant}, {excess} more than the "
            "project's grant rate ({rate} %) allows of the eligible costs, {cap} (a share "
            "of {part} %)",
            "Grant sources “{name}”: their paid lines make {grant}, {excess} more than the "
            "project's grant rate ({rate} %) allows of the eligible costs, {cap} (a share "
            "of {part} %)",
            count,
        )
    else:
        text = ngettext(
            "Grant source “{name}”: its planned lines make {grant}, {excess} more than the "
            "project's grant rate ({rate} %) allows of the eligible costs, {cap} (a share "
            "of {part} %)",
            "Grant sources “{name}”: their planned lines make {grant}, {excess} more than "
            "the project's grant rate ({rate} %) allows of the eligible costs, {cap} (a "
            "share of {part} %)",
            count,
        )
    return BudgetWarning("grant_rate", text.format(name=names, **values))


def _source_warnings(
    totals: Totals, sources: Sequence[SourceIn], grant_rate: Decimal | None, base: str
) -> list[BudgetWarning]:
    found: list[BudgetWarning] = []
    shares = [s.share for s in sources if s.share is not None]
    if shares and sum(shares) != HUNDRED:
        found.append(
            BudgetWarning(
                "shares_sum",
                _("The funding sources' shares add up to {sum} %, not 100 %").format(
                    sum=num(sum(shares, Decimal(0)))
                ),
            )
        )
    # The paid shares are compared once everything is paid: while invoices are still
    # arriving, a source whose lines are paid first would be flagged for nothing.
    settled = all(o.actual is not None for o in totals.lines)
    for source in sources:
        if source.share is None:
            continue
        for actual in (False, True) if settled else (False,):
            part = totals.share_of(source.key, actual=actual)
            if part is None or abs(part - source.share) <= SHARE_TOLERANCE:
                continue
            # "% o…" would read as a printf conversion to gettext tools: say it otherwise.
            # The name stands apart («…»), so no Latvian word has to agree with it.
            text = (
                _("Source “{name}”: share {share} %, its paid lines make {part} %")
                if actual
                else _("Source “{name}”: share {share} %, its planned lines make {part} %")
            )
            found.append(
                BudgetWarning(
                    "share_differs",
                    text.format(name=source.name, share=num(source.share), part=num(part, "0.1")),
                )
            )
    for source in sources:
        amounts = totals.by_source.get(source.key)
        if source.cap is None or amounts is None:
            continue
        for amount, sentence in (
            (
                amounts.planned,
                _("Source “{name}”: planned {amount}, {excess} more than its cap of {cap}"),
            ),
            (
                amounts.actual,
                _("Source “{name}”: paid {amount}, {excess} more than its cap of {cap}"),
            ),
        ):
            if amount > source.cap:
                found.append(
                    BudgetWarning(
                        "source_cap",
                        sentence.format(
                            name=source.name,
                            amount=format_money(amount, base),
                            excess=format_money(amount - source.cap, base),
                            cap=format_money(source.cap, base),
                        ),
                    )
                )
    grants = [s for s in sources if s.is_grant]
    if grant_rate is not None and grants:
        names = "”, “".join(s.name for s in grants)
        shares = [s.share for s in grants if s.share is not None]
        share = sum(shares, Decimal(0)) if shares else None
        if share is not None and share > grant_rate:
            found.append(
                BudgetWarning(
                    "grant_rate",
                    ngettext(
                        "Grant source “{name}”: share {share} %, more than the project's grant "
                        "rate of {rate} %",
                        "Grant sources “{name}”: shares {share} % together, more than the "
                        "project's grant rate of {rate} %",
                        len(grants),
                    ).format(name=names, share=num(share), rate=num(grant_rate)),
                )
            )
        # The grant rate is the funder's cap on the eligible costs: any cent of grant lines
        # above it is a warning (the one-point tolerance is for a source's share only).
        settled = settled and bool(totals.lines)
        for actual in (False, True) if settled else (False,):
            warning = grant_excess(
                sum((_side(totals.by_source.get(s.key), actual) for s in grants), ZERO),
                _side(totals.eligible, actual),
                grant_rate,
                base,
                names=names,
                count=len(grants),
                actual=actual,
            )
            if warning is not None and (actual or share is None or share <= grant_rate):
                found.append(warning)
    return found


def add(amounts: Iterable[Amounts]) -> Amounts:
    """The sum of several totals (a project's visits)."""
    out = Amounts()
    for a in amounts:
        out.planned += a.planned
        out.actual += a.actual
        out.lines += a.lines
        out.variance += a.variance
        out.exchange += a.exchange
    return out
