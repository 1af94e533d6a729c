"""Undo and redo of the calculator (the window's "Make allowance lines"): the lines
written go and the lines replaced come back, as the same rows, in one transaction.
"""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.i18n import _
from app.services import crud
from app.services.base import ServiceError, get_live
from app.services.changed_rows import ChangedRows, put_back
from db.engine import Database
from db.models import (
    BudgetLine,
    Visit,
)
from db.models.base import utcnow


def allowance_line_ids(db: Database, visit_id: int) -> frozenset[int]:
    """The visit's live daily-allowance lines: what ``apply_allowance_lines`` replaces.

    The window reads them before and after writing so that undo can take back exactly the
    lines written and bring back exactly the lines replaced (same rows, same ids).
    """
    with db.read() as session:
        return frozenset(
            session.scalars(
                select(BudgetLine.id).where(
                    BudgetLine.visit_id == visit_id,
                    BudgetLine.category == "daily_allowance",
                    BudgetLine.deleted_at.is_(None),
                )
            )
        )


def switch_allowance_lines(
    db: Database, visit_id: int, *, hide: Collection[int], show: Collection[int]
) -> None:
    """Hide some budget lines of a visit and bring back others, in one transaction.

    Undo and redo of the calculator: the written lines go and the replaced ones return (or
    the other way round), so the budget is never seen with both or neither.
    """
    wanted = set(hide) | set(show)

    def work(session: Session) -> None:
        get_live(session, Visit, visit_id)
        rows = {
            row.id: row
            for row in session.scalars(
                select(BudgetLine)
                .where(BudgetLine.id.in_(wanted), BudgetLine.visit_id == visit_id)
                .execution_options(include_deleted=True)
            )
        }
        if wanted - rows.keys():
            raise ServiceError(
                _(
                    "Some daily-allowance lines of this visit no longer exist; "
                    "make the allowance lines again."
                )
            )
        now = utcnow()
        for line_id in hide:
            if rows[line_id].deleted_at is None:
                rows[line_id].deleted_at = now
        for line_id in show:
            rows[line_id].deleted_at = None

    crud.transaction(db, work)


def line_named(line: BudgetLine) -> str:
    """What a message calls a budget line (as the Budget tab's questions do)."""
    return _("the budget line “{line}”").format(line=line.description or "")


def put_allowance_lines_back(db: Database, lines: ChangedRows, *, undo: bool) -> ChangedRows:
    """Undo (or redo) the calculator on the lines it hid and wrote: refused, changing
    nothing, when a colleague changed one of them since (``changed_rows``)."""
    return put_back(db, lines, line_named, undo=undo)
