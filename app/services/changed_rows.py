"""The rows a step of many rows changed, so that its undo and redo touch those rows only.

An import or a re-pricing changes some rows of a table that several people share: a
visit's exchange rates on an office database (or one SQLite file open in two windows),
the allowance-rate table. Putting the whole table back as it was before the step would
also take back what a colleague saved after it — a rate a finance officer typed, gone
without a word. So the step notes, in its own transaction (``watch``), each row it added,
changed or deleted: its values before and after, and the version counter it left the row
at. Undo puts back those rows only (``put_back``), redo puts them forward again; either
refuses, changing nothing (``StaleStep``), when one of them was changed since by someone
else — its version moved on, or someone added a row in the place a row comes back to.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from app.i18n import _
from app.services.base import ServiceError, StaleEdit
from db.engine import Database
from db.models.base import utcnow

Values = tuple[Any, ...]
Describe = Callable[[Any], str]  # a row → what a message calls it ("the NOK plan rate")


@dataclass(frozen=True)
class RowChange:
    """One row a step changed: its ``fields`` before and after (None: not live then) and
    the version counter the last do, undo or redo left it at."""

    row_id: int
    before: Values | None
    after: Values | None
    version: int


@dataclass(frozen=True)
class ChangedRows:
    """The rows of one table (``cls``) a step changed, oldest id first."""

    cls: type
    fields: tuple[str, ...]
    rows: tuple[RowChange, ...] = ()


class StaleStep(StaleEdit):
    """A row the step changed was changed by someone else since: nothing was undone (or
    redone). ``what`` names the row, as ``Describe`` does."""

    def __init__(self, what: str | None, undo: bool) -> None:
        what = what or _("a row this step changed")
        if undo:
            message = _("Someone else changed {what} after this step; nothing was undone.")
        else:
            message = _(
                "Someone else changed {what} after this step was undone; nothing was redone."
            )
        ServiceError.__init__(self, message.format(what=what))


def _values(row: Any, fields: Sequence[str]) -> Values | None:
    return None if row.deleted_at is not None else tuple(getattr(row, f) for f in fields)


def watch(
    session: Session, cls: type, fields: tuple[str, ...], *where: Any
) -> Callable[[], ChangedRows]:
    """Note the rows of ``cls`` matching ``where`` (deleted ones too) at the start of a
    step's transaction; the function returned, called at its end in the same transaction,
    says which of them the step added or changed."""
    table: Any = cls  # a mapped class with Editable's columns
    query = select(table).where(*where).order_by(table.id)
    query = query.execution_options(include_deleted=True)
    seen = {row.id: (row.version, _values(row, fields)) for row in session.scalars(query)}

    def changed() -> ChangedRows:
        session.flush()
        rows = []
        for row in session.scalars(query):
            version, before = seen.get(row.id, (None, None))
            after = _values(row, fields)
            if row.version != version or after != before:
                rows.append(RowChange(row.id, before, after, row.version))
        return ChangedRows(cls, fields, tuple(rows))

    return changed


def put_back(db: Database, changed: ChangedRows, describe: Describe, *, undo: bool) -> ChangedRows:
    """Give the rows of ``changed`` their values before the step (``undo``) or after it
    (redo), in one transaction; the same rows with the versions now theirs, for the next
    undo or redo. ``StaleStep`` naming the row (nothing changed) when one of them is no
    longer at the version the step left, or comes back where someone else added a row."""
    culprit: list[str] = []  # what the row coming back is called, should it clash

    try:
        with db.write() as session:
            table: Any = changed.cls
            rows: dict[int, Any] = {
                row.id: row
                for row in session.scalars(
                    select(table)
                    .where(table.id.in_([c.row_id for c in changed.rows]))
                    .execution_options(include_deleted=True)
                )
            }
            for change in changed.rows:
                row = rows.get(change.row_id)
                if row is None or row.version != change.version:
                    raise StaleStep(describe(row) if row is not None else None, undo)
            stamp = utcnow()
            wanted = {c.row_id: c.before if undo else c.after for c in changed.rows}
            for row_id, values in wanted.items():
                if values is None and rows[row_id].deleted_at is None:
                    rows[row_id].deleted_at = stamp
            session.flush()  # first the rows that go: a row may come back in the place of one
            for row_id, values in wanted.items():
                row = rows[row_id]
                if values is None:
                    continue
                for name, value in zip(changed.fields, values, strict=True):
                    if getattr(row, name) != value:
                        setattr(row, name, value)
                if row.deleted_at is not None:
                    row.deleted_at = None
                    culprit[:] = [describe(row)]
                    session.flush()  # a live row added in its place since: refused naming it
            session.flush()
            culprit.clear()
            return replace(
                changed,
                rows=tuple(replace(c, version=rows[c.row_id].version) for c in changed.rows),
            )
    except StaleDataError:  # a colleague's transaction committed while this one ran
        raise StaleStep(_moved_on(db, changed, describe), undo) from None
    except IntegrityError:
        raise StaleStep(culprit[0] if culprit else None, undo) from None


def _moved_on(db: Database, changed: ChangedRows, describe: Describe) -> str | None:
    """What the first row of ``changed`` no longer at its version is called, read after
    the refused transaction (None when none is found)."""
    table: Any = changed.cls
    expected = {c.row_id: c.version for c in changed.rows}
    with db.read() as session:
        for row in session.scalars(
            select(table)
            .where(table.id.in_(list(expected)))
            .order_by(table.id)
            .execution_options(include_deleted=True)
        ):
            if row.version != expected[row.id]:
                return describe(row)
    return None
