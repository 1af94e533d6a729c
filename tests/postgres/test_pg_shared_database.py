"""The same code on PostgreSQL (an office's shared database): migrations, the demo, the visit
file round trip, and the version counter that refuses a stale edit.

The server is a private one started by ``pgserver`` (a PyPI package that ships PostgreSQL),
in a temporary folder, for this test module only (``conftest.py``).
"""

from __future__ import annotations

import pytest

pytest.importorskip("pgserver")
pytest.importorskip("psycopg")

from app.demo import load_demo
from app.interchange.visit_file import export_visit, import_visit
from app.services.base import StaleEdit
from app.services.visits import find_visit, list_visits, update_visit
from db.engine import Database


def test_demo_and_visit_list_on_postgresql(pg):
    assert len(load_demo(pg)) == 6
    codes = {v.code for v in list_visits(pg)}
    assert "DEMO-BERGEN-2014" in codes
    assert load_demo(pg) == []


def test_visit_file_round_trip_between_postgresql_and_sqlite(pg, db: Database):
    load_demo(pg)
    from_pg = export_visit(pg, "DEMO-TRONDELAG-2015")
    import_visit(db, from_pg)
    assert export_visit(db, "DEMO-TRONDELAG-2015") == from_pg
    import_visit(pg, from_pg, replace=True)
    assert export_visit(pg, "DEMO-TRONDELAG-2015") == from_pg


def test_stale_edit_is_refused_on_postgresql(pg):
    load_demo(pg)
    visit = find_visit(pg, "DEMO-BERGEN-2014")
    update_visit(pg, visit.id, visit.version, title="Bergen (labots)")
    with pytest.raises(StaleEdit):
        update_visit(pg, visit.id, visit.version, title="Bergen (vecā kopija)")
    assert find_visit(pg, "DEMO-BERGEN-2014").title == "Bergen (labots)"
