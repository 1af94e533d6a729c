"""Engine and sessions: SQLite pragmas, write transactions that take the lock up front,
and the soft-delete filter every ORM query gets.

A write transaction on SQLite begins with ``BEGIN IMMEDIATE``: in WAL mode a deferred
transaction that reads and then writes fails at once with "database is locked" when another
writer got in between, whatever the busy timeout (docs/pitfalls.md).
"""

from __future__ import annotations

import itertools
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import quote

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.orm import ORMExecuteState, Session, sessionmaker, with_loader_criteria

from db.urls import sqlite_path, url_for

__all__ = ["AppSession", "Database", "make_engine", "sqlite_path", "url_for"]

BUSY_TIMEOUT_MS = 5000
_UNCOUNTED = itertools.count()


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy's begin event emit BEGIN itself (pysqlite's own BEGIN is deferred).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()


def _on_read_only_connect(dbapi_connection: Any, _record: Any) -> None:
    # Nothing that writes (no WAL switch): the file is on storage that cannot be written.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA query_only=ON")
    cursor.close()


def read_only_url(path: Any, *, shared: bool = False) -> str:
    """A URL that opens the SQLite file ``path`` for reading only. ``immutable``: on
    read-only media SQLite cannot make the WAL index, and nobody can change the file.
    ``shared``: another program has it open and writes it, so SQLite must lock and read its
    WAL as any reader does (an immutable file would be read half-written)."""
    from urllib.parse import quote

    if shared:
        return f"sqlite:///file:{quote(str(path))}?mode=ro&uri=true"
    return f"sqlite:///file:{quote(str(path))}?mode=ro&immutable=1&uri=true"


def _on_sqlite_begin(conn: Any) -> None:
    mode = conn.get_execution_options().get("sqlite_begin", "IMMEDIATE")
    conn.exec_driver_sql(f"BEGIN {mode}")


def make_engine(
    url: str, *, read_only: bool = False, shared: bool = False, **kwargs: Any
) -> Engine:
    """An engine for ``url`` with the pragmas and transaction behaviour this program needs;
    ``read_only`` opens a SQLite file on read-only storage for reading, ``shared`` one
    another program has open for changes (``read_only_url``)."""
    if url.startswith("sqlite"):
        path = sqlite_path(url)
        if read_only and path is not None:
            engine = create_engine(read_only_url(path, shared=shared), **kwargs)
            event.listen(engine, "connect", _on_read_only_connect)
            event.listen(engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN"))
            return engine
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", _on_sqlite_connect)
        event.listen(engine, "begin", _on_sqlite_begin)
        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)


class AppSession(Session):
    """A session whose queries skip soft-deleted rows unless ``include_deleted`` is asked."""


@event.listens_for(AppSession, "do_orm_execute")
def _hide_deleted(state: ORMExecuteState) -> None:
    # Imported here: importing db.models declares every mapped class, which a command that
    # never queries through the ORM should not pay for at start-up (docs/architecture.md, start-up cost).
    from db.models.base import Editable

    if (
        state.is_select
        and not state.is_column_load
        and not state.is_relationship_load
        and not state.execution_options.get("include_deleted", False)
    ):
        state.statement = state.statement.options(
            with_loader_criteria(
                Editable, lambda cls: cls.deleted_at.is_(None), include_aliases=True
            )
        )


class Database:
    """One database: a write transaction per change, read sessions that never block writers."""

    def __init__(
        self, url: str, *, read_only: bool = False, shared: bool = False, **engine_kwargs: Any
    ) -> None:
        self.url = url
        self.read_only = read_only  # shown, never changed: read-only storage, or ``shared``
        self.shared = read_only and shared  # another program has it open and changes it
        self.engine = make_engine(url, read_only=read_only, shared=shared, **engine_kwargs)
        self.path = sqlite_path(url)
        self._write = sessionmaker(self.engine, class_=AppSession, expire_on_commit=False)
        read_bind = (
            self.engine.execution_options(sqlite_begin="DEFERRED")
            if url.startswith("sqlite")
            else self.engine
        )
        self._read = sessionmaker(read_bind, class_=AppSession, expire_on_commit=False)
        self._version_lock = threading.Lock()
        self._version_connection: sqlite3.Connection | None = None

    @contextmanager
    def write(self) -> Iterator[AppSession]:
        """One transaction: committed when the block ends, rolled back whole if it raises."""
        with self._write.begin() as session:
            yield session

    @contextmanager
    def read(self) -> Iterator[AppSession]:
        """A session for reading; objects stay usable (detached) after the block."""
        session = self._read()
        try:
            yield session
        finally:
            # close() ends the transaction and detaches the objects without expiring them;
            # rollback() would expire every attribute and break the detached objects.
            session.close()

    def data_version(self, connection: Connection | None = None) -> str:
        """A text that changes whenever anyone commits a change to the database (this
        program's sessions, another program, another office's client): two equal values
        mean nothing was committed in between, so figures worked out from the whole
        database may be kept while it stays the same (the statistics, the side panel).

        SQLite: ``PRAGMA data_version`` on a connection of its own that never writes (it
        counts the commits of every other connection). PostgreSQL: the transaction
        snapshot (``xmin:xmax:in-progress``), which moves with every commit; given the
        ``connection`` of a repeatable-read transaction it is that transaction's, so it
        describes exactly what the transaction reads. A database held in memory has no
        such count: every call differs (nothing is kept).
        """
        if self.engine.dialect.name == "sqlite":
            if self.path is None:
                return f"memory:{next(_UNCOUNTED)}"
            with self._version_lock:
                if self._version_connection is None:
                    self._version_connection = sqlite3.connect(
                        f"file:{quote(str(self.path))}?mode=ro"
                        + ("&immutable=1" if self.read_only else ""),
                        uri=True,
                        check_same_thread=False,
                    )
                (count,) = self._version_connection.execute("PRAGMA data_version").fetchone()
            return f"sqlite:{count}"
        query = "SELECT pg_current_snapshot()::text"
        if connection is not None:
            return str(connection.exec_driver_sql(query).scalar())
        with self.engine.connect() as fresh:
            return str(fresh.exec_driver_sql(query).scalar())

    def dispose(self) -> None:
        with self._version_lock:
            if self._version_connection is not None:
                self._version_connection.close()
                self._version_connection = None
        self.engine.dispose()
