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
from decimal import Decimal

from app.domain.money import MissingRate, actual_base, planned_base
from app.i18n import N_, _, ngettext
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


@dataclass(frozen=True)
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


def compute(lines: Iterable[LineIn], *, base: str, rates: Mapping[str, Decimal],
            sources: Sequence[SourceIn] = (), margin: Decimal = DEFAULT_MARGIN,
            grant_rate: Decimal | None = None) -> Totals:
    """Convert every line and add them up; collect the warnings.

    ``margin`` is the percentage by which a line's actual may exceed its planned amount
    before it is flagged. ``grant_rate`` is the project's grant rate; the first funding
    source is taken as the grant (the funder's money comes first in every demo and every
    seed visit) and its share may not exceed the rate.
    """
    by_category: dict[str, Amounts] = {}
    by_source: dict[str | None, Amounts] = {s.key: Amounts() for s in sources}
    overall, eligible, ineligible = Amounts(), Amounts(), Amounts()
    warnings: list[BudgetWarning] = []
    missing: dict[str, list[LineIn]] = {}
    limit = margin / HUNDRED
    outs: list[LineOut] = []
    for line in lines:
        out = convert(line, base, rates)
        outs.append(out)
        if out.planned is None:
            missing.setdefault(line.currency, []).append(line)
        if line.actual_amount is not None and out.actual is None:
            missing.setdefault(line.actual_currency or line.currency, []).append(line)
        overall.add(out)
        (eligible if line.eligible else ineligible).add(out)
        by_category.setdefault(line.category, Amounts()).add(out)
        by_source.setdefault(line.funding, Amounts()).add(out)
        if (out.planned is not None and out.actual is not None
                and out.actual > out.planned + out.planned * limit):
            warnings.append(BudgetWarning("over_planned", _(
                "“{line}”: actual {actual} {base} is more than {margin} % above planned "
                "{planned} {base}").format(line=line_name(line), actual=out.actual,
                                           margin=margin, planned=out.planned, base=base),
                line.id))
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
    warnings.extend(_source_warnings(totals, sources, grant_rate))
    return totals


def _source_warnings(totals: Totals, sources: Sequence[SourceIn],
                     grant_rate: Decimal | None) -> list[BudgetWarning]:
    found: list[BudgetWarning] = []
    shares = [s.share for s in sources if s.share is not None]
    if shares and sum(shares) != HUNDRED:
        found.append(BudgetWarning("shares_sum", _(
            "The funding sources' shares add up to {sum} %, not 100 %").format(
            sum=sum(shares))))
    for source in sources:
        if source.share is None:
            continue
        for actual in (False, True):
            part = totals.share_of(source.key, actual=actual)
            if part is None or abs(part - source.share) <= SHARE_TOLERANCE:
                continue
            # "% o…" would read as a printf conversion to gettext tools: say it otherwise.
            text = (_("Actual: {name} is meant to cover {share} % but its paid lines make "
                      "{part} %") if actual else
                    _("Planned: {name} is meant to cover {share} % but its lines make "
                      "{part} %"))
            found.append(BudgetWarning("share_differs", text.format(
                name=source.name, share=source.share, part=part.quantize(Decimal("0.1")))))
    if grant_rate is not None and sources:
        grant = sources[0]
        if grant.share is not None and grant.share > grant_rate:
            found.append(BudgetWarning("grant_rate", _(
                "{name} is meant to cover {share} %, more than the project's grant rate "
                "of {rate} %").format(name=grant.name, share=grant.share, rate=grant_rate)))
        part = totals.share_of(grant.key)
        if part is not None and part > grant_rate + SHARE_TOLERANCE and (
                grant.share is None or grant.share <= grant_rate):
            found.append(BudgetWarning("grant_rate", _(
                "Planned: {name}'s lines make {part} %, more than the project's grant rate "
                "of {rate} %").format(name=grant.name,
                                                  part=part.quantize(Decimal("0.1")),
                                                  rate=grant_rate)))
    return found


def add(amounts: Iterable[Amounts]) -> Amounts:
    """The sum of several totals (a project's visits)."""
    out = Amounts()
    for a in amounts:
        out.planned += a.planned
        out.actual += a.actual
        out.lines += a.lines
    return out
