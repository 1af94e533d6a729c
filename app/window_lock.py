"""Which program holds a database file open: the lock file a window keeps beside it.

The window takes a ``QLockFile`` (``<database>.lock``) for as long as it shows the database.
Qt writes the holder's process id, program name and computer name in it, one per line; this
module reads them without Qt, so that the command line can refuse to restore over a database
a window has open, and so that a lock left by a program that crashed on another computer (a
shared folder) is named with its computer and its file instead of "already open".
"""

from __future__ import annotations

import socket
from dataclasses import dataclass
from pathlib import Path

from app.i18n import _

LOCK_SUFFIX = ".lock"


@dataclass(frozen=True)
class LockHolder:
    pid: int
    host: str
    lock: Path
    here: bool  # on this computer (and running: a dead process's lock is not a holder)


def lock_path(db_file: Path) -> Path:
    return db_file.with_name(db_file.name + LOCK_SUFFIX)


def this_host() -> str:
    """The computer's name as Qt writes it into a lock file (``QSysInfo.machineHostName``)."""
    return socket.gethostname()


def holder(db_file: Path) -> LockHolder | None:
    """Who holds ``db_file`` open, or None: no lock, or one left by a process of this
    computer that no longer runs. A lock from another computer cannot be checked from here
    and counts as held."""
    from db.backup import process_alive

    lock = lock_path(db_file)
    try:
        lines = lock.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    pid = int(lines[0]) if lines and lines[0].strip().isdigit() else 0
    host = lines[2].strip() if len(lines) > 2 else ""
    here = host in ("", this_host())
    if here and not process_alive(pid):
        return None
    return LockHolder(pid, host, lock, here)


def held_message(db_file: Path, found: LockHolder) -> str:
    """One sentence: who has the database open and what to do."""
    if found.here:
        return _(
            "The database {db} is open in a Study Visit Planner window on this computer "
            "(process {pid}). Close that window first."
        ).format(db=db_file, pid=found.pid)
    return _(
        "The database {db} is open on the computer {host} (process {pid}), says the "
        "lock file {lock}. Close Study Visit Planner there first; if it crashed there, "
        "delete {lock} and try again."
    ).format(db=db_file, host=found.host, pid=found.pid, lock=found.lock)
