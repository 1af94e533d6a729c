"""Back up and restore a SQLite database file: one operation for the window and the command
line, so that a check made on one path is made on the other (issue 14: the window's Restore
once swapped in a foreign SQLite file that ``studyvisit restore`` refused).

Each refusal is one sentence for the user (``BackupRefused``; a backup's own database that
cannot be read raises ``StorageError``), raised before the database is touched.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from app.i18n import _


class BackupRefused(Exception):
    """A backup or restore that cannot be made; ``str()`` is one sentence for the user."""


def back_up(source: Path, target: Path) -> Path:
    """Copy the database ``source`` to ``target`` (never half-written); the path written.

    Refuses to replace the database itself and a database this program cannot read (a
    newer or foreign schema raises ``StorageError``).
    """
    from app.storage import check_revision
    from db.backup import backup_file
    from db.urls import url_for

    if target.resolve() == source.resolve():
        raise BackupRefused(
            _("{file}: the backup cannot replace the database itself.").format(file=target)
        )
    check_revision(url_for(source))
    try:
        return backup_file(source, target)
    except (sqlite3.Error, OSError) as exc:
        from app.failures import explain

        raise BackupRefused(
            _("The backup to {file} failed and no file was left: {reason}").format(
                file=target, reason=explain(exc, where=target, doing="a backup")
            )
        ) from exc


def check_restore(
    source: Path, target: Path, *, name: str | None = None, own_lock: bool = False
) -> None:
    """Refuse, before anything is touched, a restore of ``source`` over ``target``.

    Refused: a missing file, the database itself, a database another program holds open
    (its lock file names a living process), a damaged file, a SQLite file that is not this
    program's (no schema revision), and one written by a newer program.
    ``name``: the backup as the user named it (the command line's argument), else its path.
    ``own_lock``: the caller is the window showing ``target``, whose own lock (this
    process's) is no obstacle; another process's still is.
    """
    from app.storage import StorageError, check_revision
    from app.window_lock import held_message, holder
    from db.backup import check_file
    from db.urls import url_for

    shown = name or str(source)
    if not source.is_file():
        raise BackupRefused(_("{file}: there is no such file.").format(file=shown))
    if target.exists() and source.resolve() == target.resolve():
        raise BackupRefused(_("{file} is the database itself.").format(file=shown))
    found = holder(target)
    if found is not None and not (own_lock and found.here and found.pid == os.getpid()):
        raise BackupRefused(held_message(target, found))  # replacing it loses their work
    problems = check_file(source)
    if problems:
        raise BackupRefused(
            _("{file} is not a usable backup: {problem}").format(file=shown, problem=problems[0])
        )
    try:
        revision = check_revision(url_for(source))
    except StorageError as exc:
        if exc.cli_hint is None:  # a newer program's backup, a locked file: said as it is
            raise BackupRefused(str(exc)) from exc
        # another program's SQLite file: its advice ("restore a backup") would not fit here
        raise BackupRefused(
            _("{file} is not a Study Visit Planner backup.").format(file=shown)
        ) from exc
    if revision is None:
        raise BackupRefused(
            _("{file} is not a Study Visit Planner backup: it holds no data.").format(file=shown)
        )


def restore(
    source: Path, target: Path, *, name: str | None = None, own_lock: bool = False
) -> Path | None:
    """Replace the database ``target`` with the backup ``source`` after ``check_restore``.

    The replaced database is kept in the backups folder first; returns that copy (None when
    there was no database). The caller closes its own connections before and opens the
    database again after (an older backup is upgraded then).
    """
    from app.config import backup_dir
    from app.storage import rotate_copies
    from db.backup import restore_file

    check_restore(source, target, name=name, own_lock=own_lock)
    try:
        kept = restore_file(source, target, keep_dir=backup_dir(target))
    except (ValueError, OSError, sqlite3.Error) as exc:
        from app.failures import explain

        # one sentence of ours, the detail logged: never "[Errno 17] File exists: …"
        reason = (
            str(exc)
            if isinstance(exc, ValueError)
            else explain(exc, where=target, doing="a restore")
        )
        raise BackupRefused(
            _("{file}: the restore failed ({reason})").format(file=name or source, reason=reason)
        ) from exc
    rotate_copies(target)
    return kept
