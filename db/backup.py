"""Online backups, restore and integrity checks of a SQLite database file.

Copies go through SQLite's backup API into a temporary file that is synced and then renamed,
so a backup is never half-written and a running program's WAL is included.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import socket
import sqlite3
from pathlib import Path

# A file being written is named "<target>.<host>~<pid>.part": a later start can tell the
# leftover of a killed copy from one another program on this computer is writing now.
_PART = re.compile(r"\.(?P<host>[^.~/\\]*)~(?P<pid>\d+)\.part(-journal|-wal|-shm)?$")


def timestamped(folder: Path, stem: str, label: str) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    return folder / f"{stem}.{label}.{stamp}.db"


def host_name() -> str:
    """This computer's name, safe inside a file name."""
    return re.sub(r"[^A-Za-z0-9_-]", "_", socket.gethostname())[:64] or "host"


def part_path(target: Path) -> Path:
    """Where a copy is written before it is renamed to ``target``."""
    return target.with_name(f"{target.name}.{host_name()}~{os.getpid()}.part")


def process_alive(pid: int) -> bool:
    """Whether a process with this id runs on this computer (psutil: ``os.kill(pid, 0)``
    would terminate it on Windows)."""
    import psutil

    return pid > 0 and psutil.pid_exists(pid)


def remove_stale_parts(folder: Path, prefix: str) -> list[Path]:
    """Delete the half-written copies a killed program left in ``folder`` (names starting
    with ``prefix``); a copy another running program on this computer is writing, or one
    written from another computer, is left alone. Returns those deleted."""
    removed: list[Path] = []
    try:
        candidates = [
            p for p in folder.iterdir() if p.name.startswith(prefix) and ".part" in p.name
        ]
    except OSError:
        return removed
    for part in candidates:
        match = _PART.search(part.name)
        if match is None and not part.name.endswith(".part"):
            continue
        if match is not None and (match["host"] != host_name() or process_alive(int(match["pid"]))):
            continue
        try:
            part.unlink()
        except OSError:
            continue
        removed.append(part)
    return removed


def backup_file(source: Path, target: Path) -> Path:
    """Copy the database ``source`` to ``target`` consistently (atomic rename at the end).

    A copy that fails (a full disk, a kill) never leaves a file named ``target``; on failure
    the partial file is removed, and a kill's leftover is removed by the next start
    (``remove_stale_parts``).
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = part_path(target)
    try:
        # Created readable by the user only before any byte is in it (SQLite keeps the mode).
        os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=10)
        try:
            dst = sqlite3.connect(tmp)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode=DELETE")
            finally:
                dst.close()
        finally:
            src.close()
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        for leftover in (tmp, tmp.with_name(tmp.name + "-journal")):
            with contextlib.suppress(OSError):
                leftover.unlink(missing_ok=True)
        raise
    _sync_folder(target.parent)
    return target


def _sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` survive a power cut (POSIX; a no-op elsewhere)."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def opens(path: Path) -> bool:
    """Whether ``path`` is a database this program could open: SQLite's quick check passes
    and it names a schema revision."""
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
    except sqlite3.Error:
        return False
    try:
        if con.execute("PRAGMA quick_check").fetchone() != ("ok",):
            return False
        return con.execute("SELECT version_num FROM alembic_version").fetchone() is not None
    except sqlite3.Error:
        return False
    finally:
        con.close()


def check_file(path: Path) -> list[str]:
    """Problems found by SQLite's integrity and foreign-key checks; empty when all is well.

    Both are needed: ``integrity_check`` says "ok" while orphans exist (docs/pitfalls.md).
    """
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
    except sqlite3.Error as exc:
        return [str(exc)]
    try:
        problems = [r[0] for r in con.execute("PRAGMA integrity_check") if r[0] != "ok"]
        for table, rowid, parent, _fk in con.execute("PRAGMA foreign_key_check"):
            problems.append(f"{table} row {rowid}: missing {parent}")
        return problems
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    finally:
        con.close()


def restore_file(backup: Path, target: Path, keep_dir: Path | None = None) -> Path | None:
    """Replace ``target`` with ``backup``; the replaced database is kept as a copy first.

    Returns the path of that copy (None when there was nothing to replace). The backup is
    checked before anything is touched.
    """
    problems = check_file(backup)
    if problems:
        raise ValueError(problems[0])
    kept = None
    if target.exists():
        kept = backup_file(
            target, timestamped(keep_dir or target.parent, target.stem, "before-restore")
        )
    from db.schema import create_private

    create_private(target)  # a new file: readable by its owner only
    src = sqlite3.connect(f"file:{backup}?mode=ro", uri=True, timeout=10)
    try:
        dst = sqlite3.connect(target, timeout=10)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return kept


def rotate(folder: Path, pattern: str, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` files matching ``pattern``; returns those deleted.

    The newest copy that opens is never deleted, even when it is older than ``keep`` others:
    copies that do not open must not push the last good one out.
    """
    files = sorted(folder.glob(pattern), key=lambda p: p.stat().st_mtime, reverse=True)
    doomed = files[keep:]
    if doomed and not any(opens(f) for f in files[:keep]):
        good = next((f for f in doomed if opens(f)), None)
        if good is not None:
            doomed.remove(good)
    for f in doomed:
        f.unlink(missing_ok=True)
    return doomed
