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
