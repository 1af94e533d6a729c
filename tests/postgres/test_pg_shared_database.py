"""The same code on PostgreSQL (an office's shared database): migrations, the demo, the visit
file round trip, and the version counter that refuses a stale edit.

The server is a private one started by ``pgserver`` (a PyPI package that ships PostgreSQL),
in a temporary folder, for this test module only.
"""

from __future__ import annotations

import shutil
import uuid

import pytest

pgserver = pytest.importorskip("pgserver")
pytest.importorskip("psycopg")

from app.demo import load_demo  # noqa: E402
from app.interchange.visit_file import export_visit, import_visit  # noqa: E402
from app.services.base import StaleEdit  # noqa: E402
from app.services.visits import find_visit, list_visits, update_visit  # noqa: E402
from app.storage import open_database  # noqa: E402
from db.engine import Database  # noqa: E402


@pytest.fixture(scope="module")
def pg_url(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("pg")
    server = pgserver.get_server(str(folder), cleanup_mode="stop")
    base = server.get_uri().replace("postgresql://", "postgresql+psycopg://", 1)
    yield base
    server.cleanup()
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def pg(pg_url):
    """A fresh database on the private server for each test."""
    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    plain = pg_url.replace("postgresql+psycopg://", "postgresql://", 1)
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = pg_url.replace("/postgres?", f"/{name}?", 1)
    database = open_database(url)
    yield database
    database.dispose()


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
