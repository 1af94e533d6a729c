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
from app.i18n import _
from app.services.base import NotFound, visit_by_ref
from db.engine import Database
from db.models import BudgetLine, ExchangeRate, FundingSource, Project, Visit


@dataclass(frozen=True)
class RateRow:
    currency: str
    per_base: Decimal
    date: dt.date | None
    source: str | None


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
    totals: Totals = field(init=False)

    def __post_init__(self) -> None:
        self.recompute()

    def recompute(self, margin: Decimal | None = None) -> Totals:
        """Work the totals out again (after a change of margin or of ``lines``)."""
        if margin is not None:
            self.margin = margin
        self.totals = compute(
            self.lines, base=self.base_currency,
            rates={r.currency: r.per_base for r in self.rates}, sources=self.sources,
            margin=self.margin,
            grant_rate=self.project.grant_rate if self.project else None)
        return self.totals

    @property
    def warnings(self) -> list[BudgetWarning]:
        return self.totals.warnings

    @property
    def grant(self) -> Amounts:
        """Planned and actual of the lines of the sources marked as grants."""
        return add(self.totals.by_source.get(s.key, Amounts())
                   for s in self.sources if s.is_grant)

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
    return ProjectInfo(p.id, p.code, p.title, p.programme, p.funder, p.period_start,
                       p.period_end, p.grant_rate, p.acknowledgement)


def _load(session: Any, visit: Visit, margin: Decimal) -> VisitBudget:
    rates = [RateRow(*row) for row in session.execute(
        select(ExchangeRate.currency, ExchangeRate.per_base, ExchangeRate.date,
               ExchangeRate.source)
        .where(ExchangeRate.visit_id == visit.id, ExchangeRate.deleted_at.is_(None))
        .order_by(ExchangeRate.currency))]
    sources = [SourceIn(str(row.id), row.name, row.share, bool(row.is_grant))
               for row in session.execute(
        select(FundingSource.id, FundingSource.name, FundingSource.share,
               FundingSource.is_grant)
        .where(FundingSource.visit_id == visit.id, FundingSource.deleted_at.is_(None))
        .order_by(FundingSource.position, FundingSource.id))]
    live = {s.key for s in sources}
    lines = []
    for r in session.execute(
            select(BudgetLine.id, BudgetLine.category, BudgetLine.description,
                   BudgetLine.funding_source_id, BudgetLine.eligible, BudgetLine.quantity,
                   BudgetLine.unit, BudgetLine.unit_price, BudgetLine.currency,
                   BudgetLine.actual_minor, BudgetLine.actual_currency,
                   BudgetLine.actual_document, BudgetLine.actual_date,
                   BudgetLine.actual_paid)
            .where(BudgetLine.visit_id == visit.id, BudgetLine.deleted_at.is_(None))
            .order_by(BudgetLine.position, BudgetLine.id)):
        key = str(r.funding_source_id) if r.funding_source_id is not None else None
        lines.append(LineIn(
            r.id, r.category, r.description, key if key in live else None,
            bool(r.eligible), r.quantity, r.unit, r.unit_price, r.currency,
            from_minor(r.actual_minor) if r.actual_minor is not None else None,
            r.actual_currency, r.actual_document, r.actual_date, bool(r.actual_paid)))
    return VisitBudget(
        visit.id, visit.code, visit.title, dict(visit.translations or {}), visit.start_date,
        visit.end_date, visit.country, visit.city, visit.base_currency,
        _project(session, visit.project_id), rates, sources, lines, margin)


def visit_budget(db: Database, visit: int | str, *,
                 margin: Decimal = DEFAULT_MARGIN) -> VisitBudget:
    """The visit's budget (by id or code) with its totals and warnings."""
    with db.read() as session:
        return _load(session, visit_by_ref(session, visit), margin)


# --- a project: its visits together against its grant ---------------------------------

@dataclass
class ProjectBudget:
    """A project's visits side by side, for the funder's report.

    ``grant`` sums the lines of each visit's sources marked as grants (as in
    ``compute``); ``grant_at_rate`` is what the grant rate allows of the eligible costs.
    """

    project: ProjectInfo
    visits: list[VisitBudget]
    overall: Amounts
    eligible: Amounts
    grant: Amounts
    warnings: list[str]

    @property
    def grant_at_rate(self) -> Amounts:
        rate = self.project.grant_rate
        if rate is None:
            return Amounts()
        return Amounts(grant_at_rate(self.eligible.planned, rate),
                       grant_at_rate(self.eligible.actual, rate))

    @property
    def base_currency(self) -> str:
        currencies = {v.base_currency for v in self.visits}
        return currencies.pop() if len(currencies) == 1 else "EUR"


def project_budget(db: Database, code: str, *,
                   margin: Decimal = DEFAULT_MARGIN) -> ProjectBudget:
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
        visits = [_load(session, v, margin) for v in session.scalars(
            select(Visit).where(Visit.project_id == project.id)
            .order_by(Visit.start_date, Visit.code))]
    warnings: list[str] = []
    bases = {v.base_currency for v in visits}
    if len(bases) > 1:
        warnings.append(_("The visits keep their budgets in different base currencies "
                          "({currencies}); the project totals add them as they are.").format(
            currencies=", ".join(sorted(bases))))
    for v in visits:
        warnings.extend(f"{v.code}: {w.text}" for w in v.warnings)
    grant = add(v.grant for v in visits)
    eligible = add(v.totals.eligible for v in visits)
    if info.grant_rate is not None:
        # The project's grant against its cap, planned and actual: the funder's question.
        base = bases.pop() if len(bases) == 1 else "EUR"
        # The paid side is compared once every line of every visit is paid, as a visit's
        # own rule does: while invoices are still coming in it would warn for nothing.
        outcomes = [o for v in visits for o in v.totals.lines]
        settled = bool(outcomes) and all(o.actual is not None for o in outcomes)
        for actual in (False, True) if settled else (False,):
            excess = grant_excess(grant.actual if actual else grant.planned,
                                  eligible.actual if actual else eligible.planned,
                                  info.grant_rate, base, actual=actual)
            if excess is not None:
                warnings.append(excess.text)
    return ProjectBudget(info, visits, add(v.totals.overall for v in visits), eligible,
                         grant, warnings)
