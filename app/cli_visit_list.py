"""``visits list`` on a SQLite file, read with plain SQL: the command scripts call most.

Declaring the mapped classes and configuring their relationships costs about as much as
importing SQLAlchemy itself, and the list needs none of it (docs/architecture.md, start-up cost). This
reads exactly what ``app.services.visits.list_visits`` returns without filters — live
visits, newest first, with the count of people taking part — and a test holds the two to
the same answer. Anything unusual (an older schema, another backend, an error) returns None
and the caller goes through the service instead.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import NamedTuple

from db.enums import TAKING_PART


class VisitRow(NamedTuple):
    """The fields of ``VisitSummary`` that the command prints."""

    id: int
    code: str
    title: str
    kind: str
    status: str
    start_date: dt.date
    end_date: dt.date
    country: str | None
    city: str | None
    participants: int


_QUERY = """
SELECT v.id, v.code, v.title, v.kind, v.status, v.start_date, v.end_date, v.country, v.city,
       (SELECT count(p.id) FROM participation AS p JOIN person AS pe ON pe.id = p.person_id
         WHERE p.visit_id = v.id AND p.deleted_at IS NULL AND pe.deleted_at IS NULL
           AND p.status IN ({taking_part}))
  FROM visit AS v
 WHERE v.deleted_at IS NULL
 ORDER BY v.start_date DESC, v.code
"""


def read_visits(path: Path) -> list[VisitRow] | None:
    """The visit list of a current-schema SQLite file; None when the service must answer."""
    statuses = sorted(TAKING_PART)
    query = _QUERY.format(taking_part=", ".join("?" for _ in statuses))
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error:
        return None
    try:
        rows = con.execute(query, statuses).fetchall()
        return [
            VisitRow(
                r[0],
                r[1],
                r[2],
                r[3],
                r[4],
                dt.date.fromisoformat(r[5]),
                dt.date.fromisoformat(r[6]),
                r[7],
                r[8],
                r[9],
            )
            for r in rows
        ]
    except (sqlite3.Error, ValueError, TypeError):
        return None
    finally:
        con.close()
