"""A database another program holds exclusively is reported as locked, with what to do,
after waiting for the busy timeout rather than failing at once."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest

from app.storage import StorageError, open_database


def test_a_locked_database_says_so_and_what_to_do(db_path):
    holder = sqlite3.connect(db_path, isolation_level=None)
    try:
        holder.execute("PRAGMA locking_mode=EXCLUSIVE")
        holder.execute("BEGIN EXCLUSIVE")
        with pytest.raises(StorageError) as caught:
            open_database(f"sqlite:///{db_path}")
    finally:
        holder.close()
    message = str(caught.value)
    assert "locked" in message and "Close the other copy" in message
    assert "\n" not in message
    open_database(f"sqlite:///{db_path}").dispose()  # free again once the holder has gone


def test_a_write_blocked_longer_than_the_timeout_is_told_in_one_sentence(
    cli, db, db_path, tmp_path, monkeypatch
):
    """Another program holds the write lock past the busy timeout: the import says the
    database is busy and to try again — no "Unexpected error", nothing half-written."""
    import json

    import db.engine as engine
    from tests.interchange.visit_sample import SAMPLE

    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 300)
    path = tmp_path / "visit.json"
    path.write_text(json.dumps(SAMPLE, ensure_ascii=False), encoding="utf-8")
    db.dispose()
    holder = sqlite3.connect(db_path, isolation_level=None)
    try:
        holder.execute("PRAGMA journal_mode=WAL")
        holder.execute("BEGIN IMMEDIATE")
        run = cli("--db", db_path, "import", "visit", path)
    finally:
        holder.close()
    assert run.code == 2 and run.err.count("\n") == 1, run.err
    assert "is busy" in run.err and "try again" in run.err
    assert "Unexpected" not in run.err and "SQL" not in run.err
    assert cli("--db", db_path, "visits", "list", "--json").out.strip() == "[]"
    assert cli("--db", db_path, "import", "visit", path).code == 0  # free again


def _lock_file(db_path, pid: int, host: str) -> None:
    """A lock as Qt's QLockFile writes it: pid, program, computer, machine id, boot id."""
    (db_path.parent / f"{db_path.name}.lock").write_text(
        f"{pid}\nstudyvisit\n{host}\n0123456789abcdef\nboot\n", encoding="utf-8"
    )


def test_restore_refuses_while_a_window_has_the_database_open(cli, db_path, tmp_path):
    from ui.app import acquire_lock

    backup = tmp_path / "b.db"
    assert cli("--db", db_path, "backup", "--out", backup).code == 0
    lock = acquire_lock(db_path)  # the window's own lock, held by a running process
    assert lock is not None
    try:
        run = cli("--db", db_path, "restore", backup)
    finally:
        lock.unlock()
    assert run.code == 2 and "open in a Study Visit Planner window" in run.err, run.err
    assert not (db_path.parent / "backups").exists()  # nothing was touched
    assert cli("--db", db_path, "restore", backup).code == 0  # once the window closed


def test_a_lock_from_another_computer_is_named_with_its_computer_and_file(cli, db_path, tmp_path):
    backup = tmp_path / "b.db"
    assert cli("--db", db_path, "backup", "--out", backup).code == 0
    _lock_file(db_path, 4242, "office-pc")
    run = cli("--db", db_path, "restore", backup)
    assert run.code == 2 and "office-pc" in run.err and "4242" in run.err
    assert f"{db_path.name}.lock" in run.err and "delete" in run.err
    # A lock left by a crashed program of this computer is no obstacle.
    from app.window_lock import this_host

    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    _lock_file(db_path, int(dead.stdout), this_host())
    assert cli("--db", db_path, "restore", backup).code == 0
