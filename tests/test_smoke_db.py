"""The migrated schema holds a visit and hides soft-deleted rows."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from db.models import Visit


def test_soft_deleted_visit_is_hidden_but_restorable(db):
    with db.write() as s:
        v = Visit(
            code="V1",
            title="Bergen",
            timezone="Europe/Oslo",
            start_date=dt.date(2024, 4, 2),
            end_date=dt.date(2024, 4, 5),
        )
        s.add(v)
    with db.write() as s:
        s.get(Visit, v.id).deleted_at = dt.datetime(2024, 1, 1)
    with db.read() as s:
        assert s.scalars(select(Visit)).all() == []
        kept = s.get(Visit, v.id, execution_options={"include_deleted": True})
        assert kept.code == "V1" and kept.version == 2
