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

from app.domain.money import CENT, MissingRate, actual_base, planned_base
from app.i18n import N_, _, current_language, format_money, ngettext
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


@dataclass(frozen=True)
class SourceIn:
    key: str
    name: str
    share: Decimal | None  # percent of the visit's total it is meant to cover
    is_grant: bool = False  # counted against the project's grant rate


@dataclass(slots=True)
class LineOut:
    """A line in the base currency; ``None`` where its currency has no rate."""

    line: LineIn
    planned: Decimal | None
    actual: Decimal | None

    @property
    def variance(self) -> Decimal | None:
        """Actual minus planned (positive: more was spent than planned)."""
        if self.planned is None or self.actual is None:
            return None
        return self.actual - self.planned


@dataclass
class Amounts:
    """Planned and actual sums of rounded lines; ``actual`` counts lines with an actual."""

    planned: Decimal = ZERO
    actual: Decimal = ZERO
    lines: int = 0

    @property
    def variance(self) -> Decimal:
        return self.actual - self.planned

    def add(self, out: LineOut) -> None:
        self.lines += 1
        if out.planned is not None:
            self.planned += out.planned
        if out.actual is not None:
            self.actual += out.actual


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

    def __init__(self, template: str, line: LineIn, actual: Decimal, planned: Decimal,
                 margin: str, base: str, lang: str) -> None:
        object.__setattr__(self, "kind", "over_planned")
        object.__setattr__(self, "line_id", line.id)
        object.__setattr__(self, "_args", (template, line, actual, planned, margin, base,
                                           lang))

    def __getattr__(self, name: str) -> Any:
        if name != "text":
            raise AttributeError(name)
        template, line, actual, planned, margin, base, lang = self.__dict__["_args"]
        # Money as the window shows it ("1 720,00 €"), in the language of the computation.
        text = template.format(line=line_name(line), actual=format_money(actual, base, lang),
                               margin=margin, planned=format_money(planned, base, lang))
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


def convert(line: LineIn, base: str, rates: Mapping[str, Decimal]) -> LineOut:
    """The line's planned and actual amounts in the base currency (rounded once each)."""
    try:
        planned: Decimal | None = planned_base(line.quantity, line.unit_price, line.currency,
                                               base, rates)
    except MissingRate:
        planned = None
    actual: Decimal | None = None
    if line.actual_amount is not None:
        try:
            actual = actual_base(line.actual_amount, line.actual_currency or line.currency,
                                 base, rates)
        except MissingRate:
            actual = None
    return LineOut(line, planned, actual)


def _convert(line: LineIn, base: str, rates: Mapping[str, Decimal]) -> LineOut:
    """``convert`` without the function calls (the totals of 5,000 lines in ~20 ms)."""
    amount = line.quantity * line.unit_price
    planned: Decimal | None
    if line.currency == base:
        planned = amount.quantize(CENT, rounding=ROUND_HALF_UP)
    else:
        per_base = rates.get(line.currency)
        planned = None if per_base is None else (amount / per_base).quantize(
            CENT, rounding=ROUND_HALF_UP)
    actual: Decimal | None = None
    paid = line.actual_amount
    if paid is not None:
        currency = line.actual_currency or line.currency
        if currency == base:
            actual = paid.quantize(CENT, rounding=ROUND_HALF_UP)
        else:
            per_base = rates.get(currency)
            if per_base is not None:
                actual = (paid / per_base).quantize(CENT, rounding=ROUND_HALF_UP)
    return LineOut(line, planned, actual)


def compute(lines: Iterable[LineIn], *, base: str, rates: Mapping[str, Decimal],
            sources: Sequence[SourceIn] = (), margin: Decimal = DEFAULT_MARGIN,
            grant_rate: Decimal | None = None) -> Totals:
    """Convert every line and add them up; collect the warnings.

    ``margin`` is the percentage by which a line's actual may exceed its planned amount
    before it is flagged. ``grant_rate`` is the project's grant rate: the sources marked
    ``is_grant`` together may not be meant to cover more than it, nor may their lines make
    more than it.
    """
    warnings: list[BudgetWarning] = []
    missing: dict[str, list[LineIn]] = {}
    limit = margin / HUNDRED
    outs: list[LineOut] = []
    # One accumulator per (category, source, eligible): a budget has few of them, so the
    # loop does one dictionary step per line and the totals are added up afterwards.
    groups: dict[tuple[str, str | None, bool], list[Any]] = {}
    over_text = _("“{line}”: actual {actual} is more than {margin} % above planned "
                  "{planned}")
    margin_text = num(margin)
    lang = current_language()
    for line in lines:
        out = _convert(line, base, rates)
        outs.append(out)
        planned, actual = out.planned, out.actual
        if planned is None:
            missing.setdefault(line.currency, []).append(line)
        if actual is None:
            if line.actual_amount is not None:
                missing.setdefault(line.actual_currency or line.currency, []).append(line)
        elif planned is not None and actual > planned + planned * limit:
            warnings.append(_OverPlanned(over_text, line, actual, planned, margin_text, base,
                                         lang))
        key = (line.category, line.funding, line.eligible)
        group = groups.get(key)
        if group is None:
            group = groups[key] = [ZERO, ZERO, 0]
        if planned is not None:
            group[0] += planned
        if actual is not None:
            group[1] += actual
        group[2] += 1
    by_category: dict[str, Amounts] = {}
    by_source: dict[str | None, Amounts] = {s.key: Amounts() for s in sources}
    overall, eligible, ineligible = Amounts(), Amounts(), Amounts()
    for (cat, funding, is_eligible), (planned_sum, actual_sum, count) in groups.items():
        for target in (overall, eligible if is_eligible else ineligible,
                       by_category.setdefault(cat, Amounts()),
                       by_source.setdefault(funding, Amounts())):
            target.planned += planned_sum
            target.actual += actual_sum
            target.lines += count
    for currency, affected in missing.items():
        warnings.append(BudgetWarning("missing_rate", ngettext(
            "{currency} has no exchange rate: {count} line is left out of the totals "
            "(“{line}”)",
            "{currency} has no exchange rate: {count} lines are left out of the totals, "
            "the first “{line}”", len(affected)).format(
            currency=currency, count=len(affected), line=line_name(affected[0])),
            affected[0].id))
    ordered = {c: by_category[c] for c in BUDGET_CATEGORIES if c in by_category}
    ordered.update({c: a for c, a in by_category.items() if c not in ordered})
    if None in by_source and not by_source[None].lines:
        del by_source[None]
    totals = Totals(outs, overall, eligible, ineligible, ordered, by_source, warnings)
    warnings.extend(_source_warnings(totals, sources, grant_rate, base))
    return totals


def _side(amounts: Amounts | None, actual: bool) -> Decimal:
    if amounts is None:
        return ZERO
    return amounts.actual if actual else amounts.planned


def grant_at_rate(eligible: Decimal, grant_rate: Decimal) -> Decimal:
    """The most the grant covers: the grant rate of the eligible costs, half up to cents."""
    return (eligible * grant_rate / HUNDRED).quantize(CENT, rounding=ROUND_HALF_UP)


def grant_excess(grant: Decimal, eligible: Decimal, grant_rate: Decimal, base: str, *,
                 names: str | None = None, count: int = 1,
                 actual: bool = False) -> BudgetWarning | None:
    """A warning when the grant's lines cost more than the grant rate of the eligible
    costs allows (``None`` when they do not); ``names`` the grant sources, if known."""
    cap = grant_at_rate(eligible, grant_rate)
    if grant <= cap:
        return None
    part = num(grant * HUNDRED / eligible, "0.1") if eligible else "—"
    values = {"part": part, "rate": num(grant_rate),
              "grant": format_money(grant, base), "cap": format_money(cap, base),
              "excess": format_money(grant - cap, base)}
    # No "% " before a letter: gettext tools would read "% o…" as a printf conversion.
    if names is None:
        text = (_("Grant, actual: {grant}, {excess} more than the grant rate ({rate} %) "
                  "allows of the eligible costs, {cap} (a share of {part} %)") if actual else
                _("Grant, planned: {grant}, {excess} more than the grant rate ({rate} %) "
                  "allows of the eligible costs, {cap} (a share of {part} %)"))
    elif actual:
        text = ngettext(
            "Grant source “{name}”: its paid lines make {grant}, {excess} more than the "
            "project's grant rate ({rate} %) allows of the eligible costs, {cap} (a share "
            "of {part} %)",
            "Grant sources “{name}”: their paid lines make {grant}, {excess} more than the "
            "project's grant rate ({rate} %) allows of the eligible costs, {cap} (a share "
            "of {part} %)", count)
    else:
        text = ngettext(
            "Grant source “{name}”: its planned lines make {grant}, {excess} more than the "
            "project's grant rate ({rate} %) allows of the eligible costs, {cap} (a share "
            "of {part} %)",
            "Grant sources “{name}”: their planned lines make {grant}, {excess} more than "
            "the project's grant rate ({rate} %) allows of the eligible costs, {cap} (a "
            "share of {part} %)", count)
    return BudgetWarning("grant_rate", text.format(name=names, **values))


def _source_warnings(totals: Totals, sources: Sequence[SourceIn],
                     grant_rate: Decimal | None, base: str) -> list[BudgetWarning]:
    found: list[BudgetWarning] = []
    shares = [s.share for s in sources if s.share is not None]
    if shares and sum(shares) != HUNDRED:
        found.append(BudgetWarning("shares_sum", _(
            "The funding sources' shares add up to {sum} %, not 100 %").format(
            sum=num(sum(shares, Decimal(0))))))
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
            text = (_("Source “{name}”: share {share} %, its paid lines make {part} %")
                    if actual else
                    _("Source “{name}”: share {share} %, its planned lines make {part} %"))
            found.append(BudgetWarning("share_differs", text.format(
                name=source.name, share=num(source.share), part=num(part, "0.1"))))
    grants = [s for s in sources if s.is_grant]
    if grant_rate is not None and grants:
        names = "”, “".join(s.name for s in grants)
        shares = [s.share for s in grants if s.share is not None]
        share = sum(shares, Decimal(0)) if shares else None
        if share is not None and share > grant_rate:
            found.append(BudgetWarning("grant_rate", ngettext(
                "Grant source “{name}”: share {share} %, more than the project's grant "
                "rate of {rate} %",
                "Grant sources “{name}”: shares {share} % together, more than the "
                "project's grant rate of {rate} %", len(grants)).format(
                name=names, share=num(share), rate=num(grant_rate))))
        # The grant rate is the funder's cap on the eligible costs: any cent of grant lines
        # above it is a warning (the one-point tolerance is for a source's share only).
        settled = settled and bool(totals.lines)
        for actual in (False, True) if settled else (False,):
            warning = grant_excess(
                sum((_side(totals.by_source.get(s.key), actual) for s in grants), ZERO),
                _side(totals.eligible, actual), grant_rate, base, names=names,
                count=len(grants), actual=actual)
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
    return out
