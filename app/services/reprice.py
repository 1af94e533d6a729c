"""Re-pricing a visit's plan: the explicit step that gives the plan other rates.

The plan keeps the rates it was made with; importing rates never changes them (issue 12).
When finance wants the plan at other rates — the ECB's of a day, a month's InforEuro, the
project's fixed rates — it is this separate step, asked for on purpose and undone as one
(it notes the plan rates it changed: ``rate_steps``, so undo touches those only).
It takes the rates the visit already holds (imported files store them), so what it does
can be shown first: each plan rate before and after, and the planned total before and
after. A plan currency with no held rate of that day keeps its rate and is named.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from app.domain.validation import Invalid
from app.i18n import _
from app.services.base import ServiceError, StaleEdit, visit_by_ref
from app.services.changed_rows import ChangedRows
from app.services.ecb_rates import ReportedFigures
from app.services.rate_steps import watch_rates
from db.engine import Database
from db.models import ExchangeRate

if TYPE_CHECKING:
    from app.services.budget_report import VisitBudget

_NAMED = {"ecb": "ECB", "inforeuro": "InforEuro"}


def source_name(kind: str) -> str:
    """The rate's source as stored and shown beside it: the publisher's name, or "fixed
    rate" in the user's language (a stored English code word read as English in Latvian)."""
    return _NAMED.get(kind) or _("fixed rate")


@dataclass(frozen=True)
class RepriceAt:
    """Where the new plan rates come from: held ECB rates of a day, InforEuro rates of a
    month (its first day), or the project's fixed rates (no date)."""

    kind: str
    date: dt.date | None = None


@dataclass
class Repricing:
    at: RepriceAt
    changes: list[tuple[str, Decimal, Decimal]] = field(default_factory=list)  # cur, old, new
    kept: list[str] = field(default_factory=list)  # plan currencies without a rate there
    planned_before: Decimal = Decimal("0.00")
    planned_after: Decimal = Decimal("0.00")
    base: str = "EUR"
    # The plan rates it was worked out from: currency → the row's version counter.
    versions: dict[str, int | None] = field(default_factory=dict)
    # The rate rows it changed, noted in the re-pricing's own transaction (what undo and
    # redo put back, ``rate_steps``): None for a preview.
    written: ChangedRows | None = None

    def same_plan(self, other: Repricing) -> bool:
        """Whether ``other`` was worked out from the same plan rates to the same changes."""
        return (self.versions, self.changes, self.kept) == (
            other.versions,
            other.changes,
            other.kept,
        )


class StalePlan(StaleEdit):
    """The plan's rates changed since the re-pricing the user agreed to was shown."""

    def __init__(self) -> None:
        ServiceError.__init__(
            self,
            _(
                "The plan's rates were changed by someone else after the re-pricing was "
                "shown; nothing was re-priced. Look at the re-pricing again."
            ),
        )


def choices(db: Database, visit_ref: int | str) -> list[RepriceAt]:
    """What the plan can be re-priced at: each held ECB day and InforEuro month, newest
    first, then the project's fixed rates when it has some for the plan's currencies."""
    from app.services.budget_report import visit_budget

    budget = visit_budget(db, visit_ref)
    held = sorted(
        {(r.kind, r.date) for r in budget.dated if r.date is not None},
        key=lambda k: (k[1], k[0]),
        reverse=True,
    )
    out = [RepriceAt(kind, day) for kind, day in held]
    plan = {r.currency for r in budget.rates}
    if plan & set(budget.book.fixed):
        out.append(RepriceAt("fixed"))
    return out


def repricing(db: Database, visit_ref: int | str, at: RepriceAt) -> Repricing:
    """What re-pricing at ``at`` would do, changing nothing: ``Invalid`` when it would
    change no rate."""
    from app.services.budget_report import visit_budget

    return _worked_out(visit_budget(db, visit_ref), at)


def _worked_out(budget: VisitBudget, at: RepriceAt) -> Repricing:
    from app.services.budget_report import RateRow

    result = Repricing(
        at,
        planned_before=budget.totals.overall.planned,
        base=budget.base_currency,
        versions={r.currency: r.version for r in budget.rates},
    )
    if at.kind == "fixed":
        new = dict(budget.book.fixed)
    else:
        new = {
            r.currency: r.per_base for r in budget.dated if r.kind == at.kind and r.date == at.date
        }
    rows = []
    for rate in budget.rates:
        value = new.get(rate.currency)
        if value is None:
            result.kept.append(rate.currency)
            rows.append(rate)
            continue
        if value != rate.per_base:
            result.changes.append((rate.currency, rate.per_base, value))
        rows.append(RateRow(rate.currency, value, at.date, source_name(at.kind)))
    if not result.changes:
        raise Invalid(
            _(
                "the plan already has these rates, or none are held for that day; "
                "nothing to re-price"
            )
        )
    budget.rates = rows
    result.planned_after = budget.recompute().overall.planned
    return result


def reprice_plan(
    db: Database,
    visit_ref: int | str,
    at: RepriceAt,
    *,
    reported_ok: bool = False,
    shown: Repricing | None = None,
) -> Repricing:
    """Give the plan the rates of ``at``: worked out and written in one transaction, so
    a colleague's change on a shared database cannot fall between the reading and the
    writing (it read the plan before its write transaction began, and so could write over
    a rate changed in between). ``shown``: the preview (``repricing``) the user agreed to;
    when the plan's rates are no longer the ones it was worked out from, ``StalePlan`` and
    nothing changes. A row changed by a transaction that commits while this one runs
    (PostgreSQL) fails its version check: ``StalePlan`` too. A reported visit is re-priced
    only when ``reported_ok`` says so on purpose."""
    from app.services.budget_report import budget_in

    try:
        with db.write() as session:
            visit = visit_by_ref(session, visit_ref)
            if visit.status == "reported" and not reported_ok:
                raise ReportedFigures(
                    _(
                        "{code} is reported: re-pricing its plan changes the figures it was "
                        "reported with; nothing was changed (re-price it on purpose to change "
                        "them)"
                    ).format(code=visit.code)
                )
            result = _worked_out(budget_in(session, visit), at)
            if shown is not None and not shown.same_plan(result):
                raise StalePlan()
            changed_rates = watch_rates(session, visit.id)
            changed = {currency: new for currency, _old, new in result.changes}
            for row in session.scalars(
                select(ExchangeRate).where(
                    ExchangeRate.visit_id == visit.id,
                    ExchangeRate.kind == "plan",
                    ExchangeRate.deleted_at.is_(None),
                    ExchangeRate.currency.in_(changed),
                )
            ):
                if row.version != result.versions.get(row.currency):
                    raise StalePlan()
                row.per_base, row.date, row.source = (
                    changed[row.currency],
                    at.date,
                    source_name(at.kind),
                )
            result.written = changed_rates()
    except StaleDataError:
        raise StalePlan() from None
    return result
