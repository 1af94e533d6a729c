"""Building a large database for the benches: a migrated SQLite file filled with plain
``executemany`` (the ORM would take minutes for 10,000 visits).

``bench/desktop.py`` and ``bench/statistics.py`` each decide what their rows hold; this
holds what they share: the file made afresh and migrated, the connection set for bulk
writing, the stamps, uuids and wall/UTC times every row needs, and one INSERT per table
written from its column names (so a statement cannot drift from its rows); and the start
of the window's child process they time (``WINDOW_CHILD``, ``window_child``).
"""

from __future__ import annotations

import datetime as dt
import os
import random
import sqlite3
import sys
import tempfile
import time
import uuid
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]

# Where the generated visits go: (country, city, IANA zone).
PLACES = [
    ("NO", "Bergen", "Europe/Oslo"),
    ("NO", "Trondheim", "Europe/Oslo"),
    ("PL", "Poznań", "Europe/Warsaw"),
    ("LV", "Rīga", "Europe/Riga"),
    ("DE", "Berlin", "Europe/Berlin"),
    ("FI", "Helsinki", "Europe/Helsinki"),
    ("EE", "Tallinn", "Europe/Tallinn"),
    ("SE", "Stockholm", "Europe/Stockholm"),
]
ITEM_MINUTES = 50  # every generated programme item's length

# The start of a bench's child process (run offscreen, so its figures are a fresh
# program's): the window in Latvian on the database ``url``, as ``window``; each bench
# appends what it times. Formatted with ``root`` and ``url``.
WINDOW_CHILD = r"""
import json, os, sys, time
sys.path.insert(0, {root!r})
from app.i18n import set_language
set_language("lv")
from ui.app import application, install_qt_translations
app = application([])
install_qt_translations(app, "lv")
from ui.app import open_quickly
from ui.main_window import MainWindow
db = open_quickly({url!r})
window = MainWindow(db)
"""


def window_child(child: str, path: Path) -> tuple[list[str], dict[str, str]]:
    """The command and environment that run ``child`` (``WINDOW_CHILD`` and what a bench
    appends) on the database file ``path``: offscreen, with a settings folder of its own,
    so no user's saved window state changes what is timed."""
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        STUDYVISIT_CONFIG=tempfile.mkdtemp(prefix="bench-config-"),
    )
    script = child.format(root=str(ROOT), url=f"sqlite:///{path}")
    return [sys.executable, "-c", script], env


def when(value: dt.datetime) -> str:
    """A naive date-time as the database stores it."""
    return value.strftime("%Y-%m-%d %H:%M:%S.%f")


def _literal(value: Any) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    return str(int(value) if isinstance(value, bool) else value)


class BenchDatabase:
    """A fresh migrated file at ``path`` with a seeded ``rng``; ``close()`` commits,
    checkpoints the WAL and returns the seconds the whole build took."""

    def __init__(self, path: Path, seed: int) -> None:
        sys.path.insert(0, str(ROOT))
        from db.schema import ensure_schema

        self.started = time.perf_counter()
        if path.exists():
            path.unlink()
        ensure_schema(f"sqlite:///{path}")
        self.rng = random.Random(seed)
        self.now = when(dt.datetime.now(dt.UTC).replace(tzinfo=None))
        self.con = sqlite3.connect(path)
        self.con.execute("PRAGMA journal_mode=WAL")
        self.con.execute("PRAGMA synchronous=OFF")

    @staticmethod
    def uid() -> str:
        return str(uuid.uuid4())

    def insert(
        self,
        table: str,
        columns: Sequence[str],
        rows: Iterable[Sequence[Any]],
        fixed: Mapping[str, Any] | None = None,
    ) -> None:
        """Rows of ``columns`` into ``table``; ``fixed``: columns every row has the same
        value in (written into the statement)."""
        fixed = dict(fixed or {})
        names = ", ".join([*columns, *fixed])
        values = ", ".join(["?"] * len(columns) + [_literal(v) for v in fixed.values()])
        self.con.executemany(f"INSERT INTO {table} ({names}) VALUES ({values})", rows)

    def organisations(self, rows: Iterable[tuple[int, str, str, str]]) -> None:
        """(id, name, country, city): municipalities."""
        self.insert(
            "organisation",
            ("id", "name", "country", "city", "created_at", "updated_at", "uuid"),
            ((*row, self.now, self.now, self.uid()) for row in rows),
            {"kind": "municipality", "version": 1},
        )

    def participations(self, rows: Iterable[tuple[int, int, int, str, str]]) -> None:
        """(id, visit id, person id, role, status)."""
        self.insert(
            "participation",
            ("id", "visit_id", "person_id", "role", "status", "created_at", "updated_at"),
            ((*row, self.now, self.now) for row in rows),
            {"version": 1},
        )

    @staticmethod
    def item_times(day: dt.date, hour: int, zone: str) -> tuple[str, str, str, str, str]:
        """A programme item's starts, ends, zone, starts_utc and ends_utc columns: the
        wall time at ``hour`` on ``day`` in ``zone``, ``ITEM_MINUTES`` long."""
        starts = dt.datetime.combine(day, dt.time(hour, 0))
        length = dt.timedelta(minutes=ITEM_MINUTES)
        utc = starts.replace(tzinfo=ZoneInfo(zone)).astimezone(dt.UTC).replace(tzinfo=None)
        return when(starts), when(starts + length), zone, when(utc), when(utc + length)

    def close(self) -> float:
        self.con.commit()
        self.con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.con.close()
        return time.perf_counter() - self.started
