"""Opening the database the user chose, with every failure turned into advice.

The command line and the window both open their database here: the schema is brought up to
date (a copy of the file is taken first, old copies are rotated), a database from a newer
program is refused untouched, and a damaged, locked or foreign file gets a message that says
what to do instead of a traceback. Only what the URL needs is imported: a SQLite file whose
schema is current costs a plain ``sqlite3`` query, not an Alembic import (docs/architecture.md, start-up cost).
"""

from __future__ import annotations

import glob
from pathlib import Path
from typing import TYPE_CHECKING

from app.i18n import _
from db.urls import sqlite_path, url_for  # noqa: F401 - the window names files through app

if TYPE_CHECKING:
    from db.engine import Database

KEEP_COPIES = 10


class StorageError(Exception):
    """The database cannot be opened; ``str()`` is one line for the user, in their language,
    as the window shows it. ``cli_hint`` adds what only a command-line user can do (``--db``,
    ``studyvisit restore``): the window's user has menus, not options."""

    def __init__(self, text: str, cli_hint: str | None = None) -> None:
        super().__init__(text)
        self.cli_hint = cli_hint


def database_files(url: str) -> list[Path]:
    """The files a SQLite database is made of: the database, its journals and the window's
    lock beside it (none for a server database). Nothing may be written over them."""
    from app.window_lock import lock_path

    path = sqlite_path(url)
    if path is None:
        return []
    path = path.expanduser()
    return [
        path,
        *(path.with_name(path.name + end) for end in ("-wal", "-shm", "-journal")),
        lock_path(path),
    ]


def is_database_file(url: str, target: Path) -> bool:
    """Whether writing ``target`` would overwrite the database of ``url`` (however the
    path is spelled: relative, through ``..``, a link, or another case on Windows)."""
    import os

    target = target.expanduser()
    for part in database_files(url):
        try:
            if target.exists() and part.exists() and os.path.samefile(target, part):
                return True
        except OSError:
            pass
        if target.resolve() == part.resolve():
            return True
    return False


def describe(url: str) -> str:
    """The database as the user named it: the file path, or the URL without its password."""
    path = sqlite_path(url)
    if path is not None:
        return str(path)
    if "://" in url and "@" in url:
        scheme, rest = url.split("://", 1)
        credentials, host = rest.rsplit("@", 1)
        user = credentials.split(":", 1)[0]
        return f"{scheme}://{user}@{host}"
    return url


def _explain_sqlite_failure(path: Path, detail: str) -> StorageError:
    from app.failures import disk_is_full

    lowered = detail.lower()
    if (
        "disk is full" in lowered
        or "no space left" in lowered
        or ("i/o error" in lowered and disk_is_full(path))
    ):
        from app.failures import sentence

        return StorageError(sentence(OSError(28, detail), where=path))
    if "locked" in lowered or "busy" in lowered:
        return StorageError(
            _(
                "The database {path} is locked by another program. Close the other copy of "
                "Study Visit Planner (or the program using the file) and try again."
            ).format(path=path)
        )
    if "unable to open" in lowered or "readonly" in lowered or "read-only" in lowered:
        return StorageError(
            _(
                "The database {path} cannot be opened ({detail}). Check that the folder exists "
                "and that you may write to it, or open another database."
            ).format(path=path, detail=detail),
            _("Name another file with --db."),
        )
    return StorageError(
        _(
            "{path} is not a Study Visit Planner database or it is damaged ({detail}). Open "
            "another database, or put a backup back (File → Restore from a backup)."
        ).format(path=path, detail=detail),
        _("From the command line: another file with --db, or “studyvisit restore FILE”."),
    )


def too_new_error(where: str, revision: str) -> StorageError:
    return StorageError(
        _(
            "The database {path} was written by a newer version of Study Visit Planner (schema "
            "{revision}). Install the newer version to open it; this one leaves it untouched."
        ).format(path=where, revision=revision)
    )


def check_revision(url: str) -> str | None:
    """The schema revision of a SQLite file (None when new or empty), refusing what is not ours.

    Raises ``StorageError`` for a newer, foreign, damaged or locked file.
    """
    from db.schema import REVISIONS, SchemaError, sqlite_revision

    path = sqlite_path(url)
    if path is None:
        return None
    if path.is_dir():
        raise StorageError(
            _("{path} is a folder, not a database file.").format(path=path),
            _("Name a file with --db."),
        )
    try:
        revision = sqlite_revision(path)
    except SchemaError as exc:
        raise _explain_sqlite_failure(path, str(exc)) from exc
    except OSError as exc:
        raise _explain_sqlite_failure(path, exc.strerror or str(exc)) from exc
    if revision is not None and revision not in REVISIONS:
        raise too_new_error(str(path), revision)
    return revision


def open_database(url: str, *, upgrade: bool = True, reading_only: bool = False) -> Database:
    """The database at ``url``, its schema current; ``StorageError`` says why it cannot be.

    With ``upgrade=False`` the schema is left as it is, but a file from a newer program or
    one that is not a database is still refused. ``reading_only``: a SQLite file another
    window (here or on another computer) has open for changes, opened to be read while it
    is changed there.
    """
    path = sqlite_path(url)
    if path is not None and (reading_only or read_only_storage(path)):
        return _open_read_only(url, path, shared=reading_only and not read_only_storage(path))
    if path is not None:
        _prepare_sqlite(url, path, upgrade)
    elif upgrade:
        _upgrade_server(url)
    return _connect(url)


def read_only_storage(path: Path) -> bool:
    """Whether the database file exists on storage this user cannot write (a read-only
    folder, a CD, a share mounted read-only): it is then opened for reading only."""
    import os

    return path.is_file() and not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK))


def _open_read_only(url: str, path: Path, *, shared: bool = False) -> Database:
    from db.engine import Database

    revision = check_revision(url)
    if not is_current(revision):
        if shared:
            raise StorageError(
                _(
                    "The database {path} is open in another window, and it needs an upgrade to "
                    "be opened by this version. Close the other window first."
                ).format(path=path)
            )
        raise StorageError(
            _(
                "The database {path} is on storage that cannot be written to, and it needs an "
                "upgrade to be opened by this version. Copy it to a folder of your own and open "
                "the copy."
            ).format(path=path)
        )
    try:
        return Database(url, read_only=True, shared=shared)
    except Exception as exc:
        raise _explain_sqlite_failure(path, str(exc).splitlines()[0]) from exc


def _prepare_sqlite(url: str, path: Path, upgrade: bool) -> None:
    from app.config import backup_dir

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(
            _("Cannot create the folder {folder}: {reason}").format(
                folder=path.parent, reason=exc.strerror or exc
            )
        ) from exc
    remove_leftovers(path)
    revision = check_revision(url)
    from db.schema import HEAD

    if not upgrade or revision == HEAD:
        return
    from db.schema import SchemaError, SchemaTooNew, ensure_schema

    folder = backup_dir(path)
    try:
        copy = ensure_schema(url, folder)
    except SchemaTooNew as exc:
        raise too_new_error(str(path), str(exc)) from exc
    except Exception as exc:  # sqlite3 / SQLAlchemy / OS errors, a failed migration
        raise _upgrade_failure(path, exc, SchemaError) from exc
    if copy is not None:
        rotate_copies(path)


def _upgrade_failure(path: Path, exc: Exception, schema_error: type) -> StorageError:
    """Why an upgrade failed, in one sentence; a full disk is a full disk, not damage, and
    a migration's SQL and the values it moved go to the log, never into the message."""
    from app.failures import explain, kind, log_failure

    found = kind(exc)
    if found in ("disk_full", "read_only", "io"):
        return StorageError(explain(exc, where=path, doing="upgrading the database"))
    if found == "locked":
        return _explain_sqlite_failure(path, "locked")
    if isinstance(exc, schema_error):  # its text is ours: no SQL, no stored value
        text = _("The database {path} could not be brought up to date: {detail}").format(
            path=path, detail=exc
        )
    else:
        text = _(
            "The database {path} could not be brought up to date; it was left as it was."
        ).format(path=path)
    if exc.__cause__ is not None or not isinstance(exc, schema_error):
        logged = log_failure(exc, "upgrading the database")
        if logged is not None:
            text += " " + _("The details are in {log}.").format(log=logged)
    return StorageError(text)


def remove_leftovers(path: Path) -> None:
    """Delete the half-written copies a killed backup, upgrade or restore left beside the
    database and in its copies folder (never one another running program is writing)."""
    from app.config import backup_dir
    from db.backup import remove_stale_parts

    remove_stale_parts(path.parent, path.name)
    remove_stale_parts(backup_dir(path), path.stem + ".")


def is_current(revision: str | None) -> bool:
    """Is ``revision`` the schema this program writes (no upgrade needed)?"""
    from db.schema import HEAD

    return revision == HEAD


def rotate_copies(path: Path) -> None:
    """Keep the newest ``KEEP_COPIES`` automatic copies of each kind beside the database."""
    from app.config import backup_dir
    from db.backup import rotate

    folder = backup_dir(path)
    if folder.is_dir():
        for label in ("before-upgrade-*", "before-restore"):
            rotate(folder, f"{glob.escape(path.stem)}.{label}.*.db", KEEP_COPIES)


def _upgrade_server(url: str) -> None:
    from db.schema import SchemaError, ensure_schema

    try:
        ensure_schema(url)
    except SchemaError as exc:
        raise StorageError(
            _("The database {url} could not be brought up to date: {detail}").format(
                url=describe(url), detail=exc
            )
        ) from exc
    except Exception as exc:  # driver missing, server down, wrong password …
        if "Can't locate revision" in str(exc):
            raise too_new_error(describe(url), str(exc).rsplit(" ", 1)[-1]) from exc
        raise StorageError(
            _("Cannot connect to the database {url}: {detail}").format(
                url=describe(url), detail=str(exc).splitlines()[0]
            )
        ) from exc


def _connect(url: str) -> Database:
    from db.engine import Database

    try:
        return Database(url)
    except Exception as exc:  # an unknown dialect or a driver that is not installed
        raise StorageError(
            _("Cannot connect to the database {url}: {detail}").format(
                url=describe(url), detail=str(exc).splitlines()[0]
            )
        ) from exc


def current_revision(db: Database) -> str | None:
    """The schema revision the database is at now, read with plain SQL."""
    from sqlalchemy import text

    with db.engine.connect() as conn:
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
