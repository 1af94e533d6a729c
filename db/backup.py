"""Online backups, restore and integrity checks of a SQLite database file.

Copies go through SQLite's backup API into a temporary file that is synced and then renamed,
so a backup is never half-written and a running program's WAL is included.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path


def timestamped(folder: Path, stem: str, label: str) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    return folder / f"{stem}.{label}.{stamp}.db"


def backup_file(source: Path, target: Path) -> Path:
    """Copy the database ``source`` to ``target`` consistently (atomic rename at the end)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".part")
    tmp.unlink(missing_ok=True)
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
    return target


def check_file(path: Path) -> list[str]:
    """Problems found by SQLite's integrity and foreign-key checks; empty when all is well.

    Both are needed: ``integrity_check`` says "ok" while orphans exist (PITFALLS).
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
        kept = backup_file(target, timestamped(keep_dir or target.parent, target.stem,
                                               "before-restore"))
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
    """Delete all but the newest ``keep`` files matching ``pattern``; returns those deleted."""
    files = sorted(folder.glob(pattern), key=lambda p: p.stat().st_mtime, reverse=True)
    doomed = files[keep:]
    for f in doomed:
        f.unlink(missing_ok=True)
    return doomed
