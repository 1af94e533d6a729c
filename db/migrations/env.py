"""Alembic environment: runs on the connection the program hands over in
``config.attributes["connection"]``, or on ``sqlalchemy.url`` for developers' commands.

No ``fileConfig()``: it would silence the program's own loggers (docs/pitfalls.md).
"""

from __future__ import annotations

from typing import Any

from alembic import context
from sqlalchemy import create_engine

import db.models  # noqa: F401  (registers every table)
from db.models.base import Base
from db.schema import include_object

config = context.config
target_metadata = Base.metadata


def _configure(connection: Any) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        include_object=include_object,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _configure(connection)
else:
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite://")
    with engine.begin() as conn:
        _configure(conn)
