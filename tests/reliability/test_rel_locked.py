"""A database another program holds exclusively is reported as locked, with what to do,
after waiting for the busy timeout rather than failing at once."""

from __future__ import annotations

import sqlite3

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
        cli, db, db_path, tmp_path, monkeypatch):
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
