"""A demo that cannot be loaded (here: the disk fills while it is written) is told in one
sentence of ours: never the SQL statement and the demo people's data it was writing."""

from __future__ import annotations

import sqlite3

from sqlalchemy.exc import OperationalError

from db.engine import Database


def test_a_failed_demo_load_shows_no_sql(db: Database, monkeypatch, warnings_shown) -> None:
    from app import demo
    from ui import app as ui_app

    def full(_db):
        orig = sqlite3.OperationalError("database or disk is full")
        orig.sqlite_errorcode = 13  # SQLITE_FULL
        raise OperationalError(
            "INSERT INTO person (given_name, family_name, date_of_birth) VALUES (?, ?, ?)",
            ("Ilze", "Kalva", "1980-05-17"),
            orig,
        )

    monkeypatch.setattr(ui_app, "ask_for_demo", lambda parent: True)
    monkeypatch.setattr(demo, "load_demo", full)
    assert ui_app.offer_demo(None, db) == []
    assert len(warnings_shown) == 1
    said = warnings_shown[0]
    assert "INSERT" not in said and "Kalva" not in said and "1980" not in said, said
    assert said.startswith("The demo visits could not be loaded: "), said
    assert "full" in said, said  # the disk is named as the cause
