"""Bring a database to the schema this program expects, cheaply when nothing is due.

The schema version is read with plain SQL; Alembic is imported, and the file copied, only
when an upgrade is due (docs/architecture.md, start-up cost). A database written by a newer program is
refused rather than touched.
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

from db.urls import sqlite_path

# Every revision this program knows, oldest first; the last is the head.
REVISIONS: tuple[str, ...] = (
    "0001",
    "0002",
    "0003",
    "0004",
    "0005",
    "0006",
    "0007",
    "0008",
    "0009",
    "0010",
    "0011",
    "0012",
    "0013",
)
HEAD = REVISIONS[-1]
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


# Tables the migrations make that no model describes: the archive's FTS5 index and the
# shadow tables SQLite keeps for it. Comparing models with the database must skip them.
UNMODELLED_TABLE_PREFIXES: tuple[str, ...] = ("archive_fts",)


def include_object(
    _obj: object, name: str | None, type_: str, _reflected: bool, _compare_to: object
) -> bool:
    """Alembic's ``include_object`` hook: leave the unmodelled tables out of comparisons."""
    return not (
        type_ == "table" and name is not None and name.startswith(UNMODELLED_TABLE_PREFIXES)
    )


class SchemaError(Exception):
    """The database cannot be used by this program (too new, not ours, failed upgrade)."""


class SchemaTooNew(SchemaError):
    pass


def sqlite_revision(path: Path) -> str | None:
    """The Alembic revision of a SQLite file; None for a new or empty file."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    import os

    # On storage nobody can write (read-only media), a WAL file's index cannot be made:
    # SQLite reads it only when told the file cannot change.
    extra = "" if os.access(path.parent, os.W_OK) else "&immutable=1"
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro{extra}", uri=True, timeout=5)
    except sqlite3.Error as exc:
        raise SchemaError(str(exc)) from exc
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "alembic_version" not in tables:
            if tables:
                raise SchemaError("not a Study Visit Planner database")
            return None
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else None
    except sqlite3.DatabaseError as exc:
        raise SchemaError(str(exc)) from exc
    finally:
        con.close()


def _migration_engine(url: str):  # type: ignore[no-untyped-def]
    """An engine whose one transaction holds the whole upgrade.

    pysqlite (Python 3.11) begins a transaction only before INSERT/UPDATE/DELETE, so left to
    itself every CREATE, DROP and ALTER of a migration commits on its own and a kill
    mid-upgrade leaves a half-migrated file (docs/pitfalls.md). Here the driver's own transaction
    handling is off and SQLAlchemy's begin emits ``BEGIN IMMEDIATE``: SQLite's DDL is
    transactional, so the schema change, the data moves and the new revision number commit
    together or not at all. Foreign keys are off (set before BEGIN: the pragma is ignored
    inside a transaction): batch migrations recreate tables, and with them on, ON DELETE
    CASCADE would delete every child row.
    """
    from sqlalchemy import create_engine, event

    engine = create_engine(url)
    if not url.startswith("sqlite"):
        return engine

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=OFF")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn):  # type: ignore[no-untyped-def]
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def _alembic_upgrade(url: str) -> None:
    """Every pending migration in one transaction (SQLite and PostgreSQL alike)."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    engine = _migration_engine(url)
    try:
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
            if url.startswith("sqlite"):
                orphans = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if orphans:
                    raise SchemaError(f"upgrade left {len(orphans)} rows without their parent")
    finally:
        engine.dispose()


def create_private(path: Path) -> None:
    """Create ``path`` empty and readable by its owner only (0600 on POSIX) unless it exists:
    the database holds personal data, and SQLite gives its journal and WAL files the
    database file's mode."""
    import os

    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def ensure_schema(url: str, backup_dir: Path | None = None) -> Path | None:
    """Create or upgrade the schema; returns the copy taken before an upgrade, if any.

    Raises ``SchemaTooNew`` for a database from a newer program and ``SchemaError`` when an
    upgrade fails (the file is then put back as it was).
    """
    path = sqlite_path(url)
    if path is None:
        _alembic_upgrade(url)
        return None
    revision = sqlite_revision(path)
    if revision == HEAD:
        return None
    if revision is not None and revision not in REVISIONS:
        raise SchemaTooNew(revision)
    if revision is None:
        path.parent.mkdir(parents=True, exist_ok=True)
        create_private(path)
        _alembic_upgrade(url)
        return None
    from db.backup import backup_file, timestamped

    folder = backup_dir or path.parent
    copy = backup_file(path, timestamped(folder, path.stem, f"before-upgrade-{revision}"))
    try:
        _alembic_upgrade(url)
    except Exception as exc:
        # The upgrade is one transaction: SQLite rolled it back and the file is as it was.
        raise SchemaError(
            f"upgrade failed, the database was left as it was (a copy is at {copy})"
        ) from exc
    _optimize_archive(path)
    return copy


def _optimize_archive(path: Path) -> None:
    """Merge the archive's FTS5 index into one segment after an upgrade: a migration that
    indexes every text at once (0002) leaves it in many, and searches twice as slow
    (app.services.archive). About a second on 10,000 visits, once. Only a speed-up: the
    upgrade stands if it cannot run."""
    try:
        con = sqlite3.connect(path, timeout=30)
        try:
            if con.execute("SELECT 1 FROM sqlite_master WHERE name = 'archive_fts'").fetchone():
                with con:
                    con.execute("INSERT INTO archive_fts (archive_fts) VALUES ('optimize')")
        finally:
            con.close()
    except sqlite3.Error:
        pass
