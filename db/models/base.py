"""Declarative base, naming convention and the mixins every edited row shares."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import JSON, DateTime, Enum, Index, Integer, MetaData, String, text
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

from db.types import UUIDText, new_uuid

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

Str300 = String(300)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        dict[str, Any]: JSON,
        list[Any]: JSON,
        dt.datetime: DateTime(),
    }


def utcnow() -> dt.datetime:
    """Naive UTC, the convention for audit columns (SQLite drops offsets anyway)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def choice(name: str, values: tuple[str, ...]) -> Enum:
    """A string column limited to ``values`` by a CHECK constraint on every backend."""
    return Enum(
        *values,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=24,
        validate_strings=True,
    )


def live_unique(name: str, *columns: str) -> Index:
    """Unique among rows that are not soft-deleted (a deleted row keeps its values for undo)."""
    where = text("deleted_at IS NULL")
    return Index(name, *columns, unique=True, sqlite_where=where, postgresql_where=where)


class Keyed:
    """A stable UUID given at creation: the row's key in the visit file."""

    uuid: Mapped[str] = mapped_column(UUIDText(), unique=True, default=new_uuid)


class Editable:
    """A row a user edits: optimistic version counter, audit times and soft delete.

    The version counter makes a stale edit on a shared database fail instead of silently
    overwriting; soft delete keeps the row (and its identity) so that undo can restore it.
    """

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    deleted_at: Mapped[dt.datetime | None] = mapped_column(default=None)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.version}
