"""Column types that keep values exactly.

SQLite has no decimal type (a ``Numeric`` column is REAL and loses cents) and drops the
offset of an aware ``DateTime``; these decorators store what the contract needs instead:
exact decimal text, integer minor units, and local wall time beside an IANA zone name.
"""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

from sqlalchemy import String
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator


class DecimalText(TypeDecorator[Decimal]):
    """A ``Decimal`` stored as its exact text: ``Decimal("11.6250")`` comes back as written."""

    impl = String(40)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        if value is None:
            return None
        if not isinstance(value, Decimal):
            value = Decimal(str(value))
        if not value.is_finite():
            raise ValueError(f"not a finite decimal: {value!r}")
        return str(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        return None if value is None else Decimal(value)


class UUIDText(TypeDecorator[str]):
    """A UUID kept as its canonical 36-character text on every backend."""

    impl = String(36)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        if value is None:
            return None
        return str(uuid.UUID(str(value)))

    def process_result_value(self, value: Any, dialect: Dialect) -> str | None:
        return value


def new_uuid() -> str:
    """A fresh random identifier for a row the visit file will carry."""
    return str(uuid.uuid4())
