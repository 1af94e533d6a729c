"""The steps every entity service repeats: clean the fields, one transaction, reload.

Each entity module describes its rows once with an ``Entity`` (which fields exist and how
each is checked, by the rules of ``app.services.field_rules``; which are required; the
whole-row rules) and calls ``create``, ``update``, ``delete``, ``restore``, ``fetch`` and
``listing`` from here. That keeps the transaction,
version check, soft-delete stamp and error mapping in one place, so that every entity
behaves the same for the window's undo stack and for scripts.

Whole-row rules run in two phases: ``check`` before anything is written (pure rules such as
start before end, with autoflush off so an invalid row never reaches a database CHECK), and
``verify`` after the flush, for rules that compare the row with others (rooming list).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from sqlalchemy import func, inspect, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from app.domain.validation import Invalid
from app.i18n import _
from app.services.base import (
    Duplicate,
    NotFound,
    ServiceError,
    StaleEdit,
    expect_version,
    get_any,
    get_live,
)
from db.engine import Database
from db.models.base import Editable, utcnow

T = TypeVar("T", bound=Editable)
R = TypeVar("R")  # whatever a transaction's work returns (a row, a result, None)
Check = Callable[[Session, Any], None]


@dataclass(frozen=True)
class Entity(Generic[T]):
    """How one kind of row is edited.

    ``spec`` maps each settable field to a function returning its clean value (or raising
    ``Invalid``). Fields that are not plain columns (a list of attendees, an amount kept as
    minor units) are handed to ``relate`` after the columns are set. ``parent`` is the
    owning row's class and foreign-key column, checked to be live on create. ``children``
    gives the rows deleted (and restored) together with this one.
    """

    cls: type[T]
    label: str  # marked with N_, translated where shown
    spec: Mapping[str, Callable[[Any], Any]]
    required: tuple[str, ...] = ()
    parent: tuple[type[Editable], str] | None = None
    relate: Callable[[Session, Any, dict[str, Any]], None] | None = None
    check: Check | None = None
    verify: Check | None = None
    loads: tuple[Any, ...] = ()
    children: Callable[[Any], Iterable[Editable]] | None = None
    order_by: tuple[Any, ...] = field(default_factory=tuple)


def clean(entity: Entity[Any], fields: Mapping[str, Any]) -> dict[str, Any]:
    """Each field through its rule; the first problem is raised with the field as its path."""
    out: dict[str, Any] = {}
    for name, value in fields.items():
        rule = entity.spec.get(name)
        if rule is None:
            raise Invalid(_("is not a field of {what}").format(what=_(entity.label))).at(name)
        try:
            out[name] = rule(value)
        except Invalid as problem:
            raise nest(problem, name) from None
    return out


def nest(problem: Invalid, outer: str) -> Invalid:
    """Put ``outer`` in front of the problem's path (``rooms`` + ``[1].occupants``)."""
    inner = problem.path
    if not inner:
        problem.path = outer
    elif outer:
        problem.path = outer + (inner if inner.startswith("[") else "." + inner)
    return problem


def _columns(cls: type[Any]) -> set[str]:
    return {attr.key for attr in inspect(cls).column_attrs}


def _set(session: Session, entity: Entity[Any], row: Any, values: dict[str, Any]) -> None:
    columns = _columns(entity.cls)
    rest = {}
    for name, value in values.items():
        if name in columns:
            setattr(row, name, value)
        else:
            rest[name] = value
    if rest:
        if entity.relate is None:  # pragma: no cover - a spec without its relate hook
            raise AttributeError(f"{entity.cls.__name__} cannot set {sorted(rest)}")
        entity.relate(session, row, rest)
    if entity.check is not None:
        entity.check(session, row)


def live_row(session: Session, entity: Entity[T], row_id: int) -> T:
    row = session.get(entity.cls, row_id)
    if row is None or row.deleted_at is not None:
        raise NotFound(_("{what} {id} was not found.").format(what=_(entity.label), id=row_id))
    return row


def reload(session: Session, entity: Entity[T], row_id: int) -> T:
    """The row as committed, with what callers need loaded, usable after the session ends."""
    session.flush()
    stmt = (
        select(entity.cls)
        .where(entity.cls.id == row_id)
        .options(*entity.loads)
        .execution_options(populate_existing=True)
    )
    return session.scalars(stmt).one()


def _integrity(problem: IntegrityError) -> ServiceError:
    """A constraint the rules above should have caught first, told as plainly as we can."""
    if "UNIQUE" in str(problem.orig).upper():
        return Duplicate(_("This would duplicate a record that already exists."))
    return ServiceError(
        _("The change breaks a rule of the database and was not saved: {detail}").format(
            detail=problem.orig
        )
    )


def set_exactly(
    session: Session,
    rows: Iterable[Any],
    wanted: Mapping[Any, tuple[Any, ...]],
    key: Callable[[Any], Any],
    fields: tuple[str, ...],
    make: Callable[[Any], Any],
) -> None:
    """Make the live ``rows`` exactly ``wanted`` (key → values of ``fields``).

    Undo and redo of a table import (exchange rates, allowance rates): a row not wanted is
    deleted, a wanted one takes its values, and a row brought back is its old row (same
    id, the latest deleted one of that key) rather than a new one; only a key never seen
    gets a new row from ``make``. ``rows`` must include the deleted ones, oldest first.
    """
    rows = list(rows)
    live = {key(r): r for r in rows if r.deleted_at is None}
    gone = {key(r): r for r in rows if r.deleted_at is not None}
    stamp = utcnow()
    for k, row in live.items():
        if k not in wanted:
            row.deleted_at = stamp
    session.flush()  # the live-only unique indexes: a key's old row may come back
    for k, values in wanted.items():
        row = live.get(k) or gone.get(k)
        if row is None:
            row = make(k)
            session.add(row)
        row.deleted_at = None
        if tuple(getattr(row, name) for name in fields) != tuple(values):
            for name, value in zip(fields, values, strict=True):
                setattr(row, name, value)


def transaction(db: Database, work: Callable[[Session], R]) -> R:
    """Run ``work`` in one write transaction, mapping low-level failures to user messages."""
    try:
        with db.write() as session:
            return work(session)
    except StaleDataError:
        raise StaleEdit() from None
    except IntegrityError as problem:
        raise _integrity(problem) from None


def create(
    db: Database,
    entity: Entity[T],
    fields: Mapping[str, Any],
    *,
    parent_id: int | None = None,
    extra: Mapping[str, Any] | None = None,
    before: Check | None = None,
) -> T:
    """A new row from ``fields``; ``extra`` holds values set by the service, not the user."""
    values = clean(entity, fields)
    for name in entity.required:
        if values.get(name) is None:
            raise Invalid(_("is required")).at(name)

    def work(session: Session) -> T:
        row = entity.cls()
        with session.no_autoflush:
            if entity.parent is not None:
                parent_cls, column = entity.parent
                get_live(session, parent_cls, parent_id)  # type: ignore[arg-type]
                setattr(row, column, parent_id)
            for name, value in (extra or {}).items():
                setattr(row, name, value)
            session.add(row)
            _set(session, entity, row, values)
            if before is not None:
                before(session, row)
        session.flush()
        if entity.verify is not None:
            entity.verify(session, row)
        return reload(session, entity, row.id)

    return transaction(db, work)


def update(
    db: Database,
    entity: Entity[T],
    row_id: int,
    version: int | None,
    changes: Mapping[str, Any],
    *,
    before: Check | None = None,
) -> T:
    """Apply ``changes`` to the row the user saw at ``version`` (StaleEdit if it moved on)."""
    values = clean(entity, changes)

    def work(session: Session) -> T:
        row = live_row(session, entity, row_id)
        expect_version(row, version)
        with session.no_autoflush:
            _set(session, entity, row, values)
            if before is not None:
                before(session, row)
        session.flush()
        if entity.verify is not None:
            entity.verify(session, row)
        return reload(session, entity, row.id)

    return transaction(db, work)


def delete(
    db: Database,
    entity: Entity[Any],
    row_id: int,
    version: int | None = None,
    *,
    before: Check | None = None,
) -> None:
    """Soft delete: the row (and its children, with the same stamp) is hidden, not removed."""

    def work(session: Session) -> None:
        row = live_row(session, entity, row_id)
        expect_version(row, version)
        if before is not None:
            before(session, row)
        stamp = utcnow()
        for child in list(entity.children(row)) if entity.children else []:
            if child.deleted_at is None:
                child.deleted_at = stamp
        row.deleted_at = stamp

    transaction(db, work)


def restore(db: Database, entity: Entity[T], row_id: int, *, before: Check | None = None) -> T:
    """Undo a delete: the same row, same uuid, with the children deleted along with it."""

    def work(session: Session) -> T:
        row = get_any(session, entity.cls, row_id)
        if row.deleted_at is None:
            return reload(session, entity, row.id)
        if entity.parent is not None:
            parent_cls, column = entity.parent
            get_live(session, parent_cls, getattr(row, column))
        stamp = row.deleted_at
        with session.no_autoflush:
            row.deleted_at = None
            for child in list(entity.children(row)) if entity.children else []:
                if child.deleted_at == stamp:
                    child.deleted_at = None
            if before is not None:
                before(session, row)
            if entity.check is not None:
                entity.check(session, row)
        session.flush()
        if entity.verify is not None:
            entity.verify(session, row)
        return reload(session, entity, row.id)

    return transaction(db, work)


def fetch(db: Database, entity: Entity[T], row_id: int) -> T:
    """One live row with its loads, or NotFound."""
    with db.read() as session:
        row = session.scalars(
            select(entity.cls).where(entity.cls.id == row_id).options(*entity.loads)
        ).first()
    if row is None:
        raise NotFound(_("{what} {id} was not found.").format(what=_(entity.label), id=row_id))
    return row


def listing(db: Database, entity: Entity[T], *where: Any, parent_id: int | None = None) -> list[T]:
    """Live rows matching ``where`` (of a live parent, when the entity has one), in order."""
    with db.read() as session:
        stmt = select(entity.cls).where(*where).options(*entity.loads)
        if entity.parent is not None and parent_id is not None:
            parent_cls, column = entity.parent
            get_live(session, parent_cls, parent_id)
            stmt = stmt.where(getattr(entity.cls, column) == parent_id)
        return list(session.scalars(stmt.order_by(*entity.order_by, entity.cls.id)))


def next_position(session: Session, cls: type[Any], column: str, owner_id: int) -> int:
    """After the last stored row of the same owner (deleted rows keep their place for undo)."""
    stmt = (
        select(func.max(cls.position))
        .where(getattr(cls, column) == owner_id)
        .execution_options(include_deleted=True)
    )
    return (session.scalar(stmt) or 0) + 1


def live_ids(session: Session, cls: type[Any], ids: Iterable[int], what: str) -> list[Any]:
    """The live rows for ``ids`` in the given order, or Invalid naming the first missing one."""
    rows = []
    for row_id in ids:
        row = session.get(cls, row_id)
        if row is None or row.deleted_at is not None:
            raise Invalid(_("{what} {id} does not exist").format(what=what, id=row_id))
        rows.append(row)
    return rows


def committed(row: Any, name: str) -> Any:
    """The value of ``name`` as stored, before the changes made in this transaction."""
    history = inspect(row).attrs[name].history
    if history.deleted:
        return history.deleted[0]
    return getattr(row, name)
