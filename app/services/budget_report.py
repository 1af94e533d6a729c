"""A visit's (or a project's) budget, loaded once and worked out for every view of it.

The Budget tab, the budget PDF, the spreadsheet and the project report all start here, so
the cents they show come from one computation (``app.domain.budget_totals``). The rows are
read as plain columns, not ORM objects: a visit with thousands of lines loads in a few
tens of milliseconds, and the totals can be recomputed (another margin, an edited line)
without touching the database.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from app.domain.budget_totals import (
    DEFAULT_MARGIN,
    Amounts,
    BudgetWarning,
    LineIn,
    SourceIn,
    Totals,
    add,
    compute,
    grant_at_rate,
    grant_excess,
)
from app.domain.money import from_minor
from app.domain.rates import DEFAULT_RULE, RateBook
from app.i18n import _
from app.services.base import NotFound, visit_by_ref
from app.services.delegate_costs import (
    Delegate,
    DelegateCosts,
    delegate_costs,
    load_delegates,
    project_delegate_costs,
)
from db.engine import Database
from db.models import BudgetLine, ExchangeRate, FundingSource, Project, Visit


@dataclass(frozen=True)
class RateRow:
    currency: str
    per_base: Decimal
    date: dt.date | None
    source: str | None
    kind: str = "plan"  # plan, ecb (a day's), inforeuro (a month's)
    version: int | None = None  # the row's version counter, as read


@dataclass(frozen=True)
class ProjectInfo:
    id: int
    code: str
    title: str | None
    programme: str | None
    funder: str | None
    period_start: dt.date | None
    period_end: dt.date | None
    grant_rate: Decimal | None
    acknowledgement: str | None
    awarded: Decimal | None = None  # the grant awarded, in ``currency``
    currency: str = "EUR"  # what the project reports in
    rate_rule: str = DEFAULT_RULE  # which rate an actual converts at
    fixed_rates: dict[str, Decimal] = field(default_factory=dict)  # units per euro


@dataclass
class VisitBudget:
    """Everything a budget view shows of one visit, amounts as ``Decimal``."""

    visit_id: int
    code: str
    title: str
    translations: dict[str, Any]
    start_date: dt.date
    end_date: dt.date
    country: str | None
    city: str | None
    base_currency: str
    project: ProjectInfo | None
    rates: list[RateRow]
    sources: list[SourceIn]
    lines: list[LineIn]
    margin: Decimal = DEFAULT_MARGIN
    dated: list[RateRow] = field(default_factory=list)  # ECB days, InforEuro months
    status: str = "draft"
    delegates: list[Delegate] = field(default_factory=list)  # the people taking part
    totals: Totals = field(init=False)
    book: RateBook = field(init=False)

    def __post_init__(self) -> None:
        self.recompute()

    @property
    def cancelled(self) -> bool:
        return self.status == "cancelled"

    def rate_book(self) -> RateBook:
        """The visit's plan and dated rates under its project's rule."""
        return _book(self.base_currency, self.rates, self.dated, self.project)

    def recompute(self, margin: Decimal | None = None) -> Totals:
        """Work the totals out again (after a change of margin or of ``lines``)."""
        if margin is not None:
            self.margin = margin
        self.book = self.rate_book()
        self.totals = compute(
            self.lines,
            base=self.base_currency,
            rates=self.book,
            sources=self.sources,
            margin=self.margin,
            grant_rate=self.project.grant_rate if self.project else None,
        )
        return self.totals

    @property
    def warnings(self) -> list[BudgetWarning]:
        return self.totals.warnings

    @property
    def delegate_costs(self) -> DelegateCosts | None:
        """The totals per delegate and per sending organisation (``None``: nobody takes
        part)."""
        return delegate_costs(self.totals, self.delegates)

    @property
    def grant(self) -> Amounts:
        """Planned and actual of the lines of the sources marked as grants."""
        return add(self.totals.by_source.get(s.key, Amounts()) for s in self.sources if s.is_grant)

    def title_in(self, lang: str) -> str:
        """The title in a document's language when the visit has one, else as written."""
        other = (self.translations or {}).get(lang) or {}
        return other.get("title") or self.title

    def source_name(self, key: str | None) -> str:
        for source in self.sources:
            if source.key == key:
                return source.name
        return ""

    def rate_of(self, currency: str | None) -> RateRow | None:
        for rate in self.rates:
            if rate.currency == currency:
                return rate
        return None


def _project(session: Any, project_id: int | None) -> ProjectInfo | None:
    if project_id is None:
        return None
    p = session.get(Project, project_id)
    if p is None or p.deleted_at is not None:
        return None
    fixed = {str(c): Decimal(str(v)) for c, v in (p.fixed_rates or {}).items()}
    return ProjectInfo(
        p.id,
        p.code,
        p.title,
        p.programme,
        p.funder,
        p.period_start,
        p.period_end,
        p.grant_rate,
        p.acknowledgement,
        from_minor(p.awarded_minor) if p.awarded_minor is not None else None,
        p.currency or "EUR",
        p.rate_rule or DEFAULT_RULE,
        fixed,
    )


def _book(
    base: str, rates: list[RateRow], dated: list[RateRow], project: ProjectInfo | None
) -> RateBook:
    return RateBook.build(
        base,
        ((r.currency, r.per_base, r.date) for r in rates),
        ((r.kind, r.currency, r.date, r.per_base) for r in dated if r.date is not None),
        rule=project.rate_rule if project else DEFAULT_RULE,
        fixed_per_euro=project.fixed_rates if project else None,
    )


def _rate_rows(session: Any, visit_id: int) -> tuple[list[RateRow], list[RateRow]]:
    """The visit's live plan rates and its dated rates (ECB days, InforEuro months)."""
    every = [
        RateRow(*row)
        for row in session.execute(
            select(
                ExchangeRate.currency,
                ExchangeRate.per_base,
                ExchangeRate.date,
                ExchangeRate.source,
                ExchangeRate.kind,
                ExchangeRate.version,
            )
            .where(ExchangeRate.visit_id == visit_id, ExchangeRate.deleted_at.is_(None))
            .order_by(ExchangeRate.currency, ExchangeRate.kind, ExchangeRate.date)
        )
    ]
    return [r for r in every if r.kind == "plan"], [r for r in every if r.kind != "plan"]


def visit_rate_book(session: Any, visit: Visit) -> RateBook:
    """The visit's rate book, read in the caller's transaction: the one every converted
    amount of the visit comes from (the budget, its documents, the allowance lines)."""
    rates, dated = _rate_rows(session, visit.id)
    return _book(visit.base_currency, rates, dated, _project(session, visit.project_id))


def _load(session: Any, visit: Visit, margin: Decimal) -> VisitBudget:
    rates, dated = _rate_rows(session, visit.id)
    sources = [
        SourceIn(
            str(row.id),
            row.name,
            row.share,
            bool(row.is_grant),
            from_minor(row.cap_minor) if row.cap_minor is not None else None,
        )
        for row in session.execute(
            select(
                FundingSource.id,
                FundingSource.name,
                FundingSource.share,
                FundingSource.is_grant,
                FundingSource.cap_minor,
            )
            .where(FundingSource.visit_id == visit.id, FundingSource.deleted_at.is_(None))
            .order_by(FundingSource.position, FundingSource.id)
        )
    ]
    live = {s.key for s in sources}
    lines = []
    for r in session.execute(
        select(
            BudgetLine.id,
            BudgetLine.category,
            BudgetLine.description,
            BudgetLine.funding_source_id,
            BudgetLine.eligible,
            BudgetLine.quantity,
            BudgetLine.unit,
            BudgetLine.unit_price,
            BudgetLine.currency,
            BudgetLine.actual_minor,
            BudgetLine.actual_currency,
            BudgetLine.actual_document,
            BudgetLine.actual_date,
            BudgetLine.actual_paid,
            BudgetLine.shares,
            BudgetLine.person_id,
        )
        .where(BudgetLine.visit_id == visit.id, BudgetLine.deleted_at.is_(None))
        .order_by(BudgetLine.position, BudgetLine.id)
    ):
        key = str(r.funding_source_id) if r.funding_source_id is not None else None
        lines.append(
            LineIn(
                r.id,
                r.category,
                r.description,
                key if key in live else None,
                bool(r.eligible),
                r.quantity,
                r.unit,
                r.unit_price,
                r.currency,
                from_minor(r.actual_minor) if r.actual_minor is not None else None,
                r.actual_currency,
                r.actual_document,
                r.actual_date,
                bool(r.actual_paid),
                line_shares(r.shares, live),
                r.person_id,
            )
        )
    return VisitBudget(
        visit.id,
        visit.code,
        visit.title,
        dict(visit.translations or {}),
        visit.start_date,
        visit.end_date,
        visit.country,
        visit.city,
        visit.base_currency,
        _project(session, visit.project_id),
        rates,
        sources,
        lines,
        margin,
        dated,
        visit.status,
        load_delegates(session, visit.id),
    )


def line_shares(stored: Any, live: set[str]) -> tuple[tuple[str, Decimal], ...] | None:
    """A line's stored shares ([{"source": 3, "percent": "85"}]) as (key, percent) pairs
    of live sources; ``None`` when the line is not shared. A deleted source's part goes
    to no source, so the line still adds up to 100 %."""
    if not stored:
        return None
    pairs = []
    for item in stored:
        key = str(item.get("source"))
        pairs.append((key if key in live else "", Decimal(str(item.get("percent", "0")))))
    return tuple((k or None, pct) for k, pct in pairs)  # type: ignore[misc]


def visit_budget(
    db: Database, visit: int | str, *, margin: Decimal = DEFAULT_MARGIN
) -> VisitBudget:
    """The visit's budget (by id or code) with its totals and warnings."""
    with db.read() as session:
        return _load(session, visit_by_ref(session, visit), margin)


def budget_in(session: Any, visit: Visit, *, margin: Decimal = DEFAULT_MARGIN) -> VisitBudget:
    """The visit's budget read in the caller's transaction (a change computed from it and
    written in the same transaction cannot be based on figures someone changed since)."""
    return _load(session, visit, margin)


# --- a project: its visits together against its grant ---------------------------------


@dataclass
class ProjectVisit:
    """A visit as the project counts it: its lines in the project's currency, converted
    at the visit's own rate for that currency (a NOK visit's 29 500 NOK is not 29 500 €).
    Reads through to the visit's budget for everything else (code, title, dates…)."""

    budget: VisitBudget
    totals: Totals
    book: RateBook | None = None  # the visit's rates counted in the project's currency

    def __getattr__(self, name: str) -> Any:
        return getattr(self.__dict__["budget"], name)

    @property
    def grant(self) -> Amounts:
        return add(
            self.totals.by_source.get(s.key, Amounts()) for s in self.budget.sources if s.is_grant
        )


@dataclass
class ProjectBudget:
    """A project's visits side by side, for the funder's report, in ``currency``.

    ``grant`` sums the lines of each visit's sources marked as grants (as in
    ``compute``); ``grant_at_rate`` is what the grant rate allows of the eligible costs;
    ``own`` the rest (own funds and lines with no source). Cancelled visits, and visits
    with no rate for the project's currency, are listed apart and not counted.
    """

    project: ProjectInfo
    visits: list[ProjectVisit]
    overall: Amounts
    eligible: Amounts
    grant: Amounts
    warnings: list[str]
    cancelled: list[VisitBudget] = field(default_factory=list)
    unconverted: list[VisitBudget] = field(default_factory=list)
    ineligible: Amounts = field(default_factory=Amounts)
    by_category: dict[str, Amounts] = field(default_factory=dict)
    by_source: dict[str, Amounts] = field(default_factory=dict)  # by source name

    @property
    def delegate_costs(self) -> DelegateCosts | None:
        """The counted visits per sending organisation, in the project's currency."""
        return project_delegate_costs((v.totals, v.budget.delegates) for v in self.visits)

    @property
    def grant_at_rate(self) -> Amounts:
        rate = self.project.grant_rate
        if rate is None:
            return Amounts()
        return Amounts(
            grant_at_rate(self.eligible.planned, rate), grant_at_rate(self.eligible.actual, rate)
        )

    @property
    def own(self) -> Amounts:
        """Everything the grant does not pay: own funds, co-financing, lines with no
        source; its variance and exchange difference too (the row printed 0,00 € as
        its variance beside a grant row that did not add up to the total's)."""
        overall, grant = self.overall, self.grant
        return Amounts(
            overall.planned - grant.planned,
            overall.actual - grant.actual,
            variance=overall.variance - grant.variance,
            exchange=overall.exchange - grant.exchange,
        )

    @property
    def remaining(self) -> Decimal | None:
        """The award less the grant actually spent."""
        awarded = self.project.awarded
        return None if awarded is None else awarded - self.grant.actual

    @property
    def used(self) -> Decimal | None:
        """The percentage of the award spent (actual grant), one decimal."""
        awarded = self.project.awarded
        if not awarded:
            return None
        return (self.grant.actual * 100 / awarded).quantize(Decimal("0.1"))

    @property
    def base_currency(self) -> str:
        return self.project.currency


def totals_in(v: VisitBudget, currency: str) -> Totals | None:
    """The visit's totals in another currency (a project's; EUR for the statistics), at
    the visit's own rates (``None``: the visit has no rate for it)."""
    if v.base_currency == currency:
        return v.totals
    book = v.book.rebased(currency)
    if book is None:
        return None
    return compute(
        v.lines,
        base=currency,
        rates=book,
        sources=v.sources,
        margin=v.margin,
        grant_rate=v.project.grant_rate if v.project else None,
    )


def project_budget(db: Database, code: str, *, margin: Decimal = DEFAULT_MARGIN) -> ProjectBudget:
    """All live visits of the project with this code (or id), oldest first."""
    text = str(code).strip()
    with db.read() as session:
        project = session.scalars(select(Project).where(Project.code == text)).first()
        if project is None and text.isdigit():
            project = session.get(Project, int(text))
        if project is None or project.deleted_at is not None:
            raise NotFound(_("No project with the code “{code}”.").format(code=text))
        info = _project(session, project.id)
        assert info is not None
        loaded = [
            _load(session, v, margin)
            for v in session.scalars(
                select(Visit)
                .where(Visit.project_id == project.id)
                .order_by(Visit.start_date, Visit.code)
            )
        ]
    currency = info.currency
    warnings: list[str] = []
    visits: list[ProjectVisit] = []
    cancelled: list[VisitBudget] = []
    unconverted: list[VisitBudget] = []
    for v in loaded:
        if v.cancelled:
            cancelled.append(v)
            continue
        totals = totals_in(v, currency)
        book = v.book.rebased(currency)
        if totals is None or book is None:
            unconverted.append(v)
            warnings.append(
                _(
                    "{code}: the visit counts in {base} and has no rate for "
                    "{currency}; it is left out of the project's totals."
                ).format(code=v.code, base=v.base_currency, currency=currency)
            )
            continue
        visits.append(ProjectVisit(v, totals, book))
        warnings.extend(f"{v.code}: {w.text}" for w in v.warnings)
    grant = add(v.grant for v in visits)
    eligible = add(v.totals.eligible for v in visits)
    overall = add(v.totals.overall for v in visits)
    by_category: dict[str, Amounts] = {}
    by_source: dict[str, Amounts] = {}
    for pv in visits:
        for cat, amounts in pv.totals.by_category.items():
            by_category[cat] = add([by_category.get(cat, Amounts()), amounts])
        for key, amounts in pv.totals.by_source.items():
            name = pv.budget.source_name(key) or _("No source")
            by_source[name] = add([by_source.get(name, Amounts()), amounts])
    if info.grant_rate is not None:
        # The project's grant against its cap, planned and actual: the funder's question.
        # The paid side is compared once every line of every visit is paid, as a visit's
        # own rule does: while invoices are still coming in it would warn for nothing.
        outcomes = [o for v in visits for o in v.totals.lines]
        settled = bool(outcomes) and all(o.actual is not None for o in outcomes)
        for actual in (False, True) if settled else (False,):
            excess = grant_excess(
                grant.actual if actual else grant.planned,
                eligible.actual if actual else eligible.planned,
                info.grant_rate,
                currency,
                actual=actual,
            )
            if excess is not None:
                warnings.append(excess.text)
    if info.awarded is not None:
        from app.i18n import format_money

        for amount, sentence in (
            (
                grant.planned,
                _("Grant, planned: {grant}, {excess} more than the grant awarded, {awarded}"),
            ),
            (
                grant.actual,
                _("Grant, actual: {grant}, {excess} more than the grant awarded, {awarded}"),
            ),
        ):
            if amount > info.awarded:
                warnings.append(
                    sentence.format(
                        grant=format_money(amount, currency),
                        excess=format_money(amount - info.awarded, currency),
                        awarded=format_money(info.awarded, currency),
                    )
                )
    return ProjectBudget(
        info,
        visits,
        overall,
        eligible,
        grant,
        warnings,
        cancelled,
        unconverted,
        add(v.totals.ineligible for v in visits),
        by_category,
        by_source,
    )
