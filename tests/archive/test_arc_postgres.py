"""The archive on an office's shared PostgreSQL database (no FTS5 there): the migration
leaves it alone, and search, filters, facets and follow-ups work the same."""

from __future__ import annotations

import shutil
import uuid

import pytest

pgserver = pytest.importorskip("pgserver")
pytest.importorskip("psycopg")

from app.demo import load_demo  # noqa: E402
from app.services.archive import Filters, facets, search  # noqa: E402
from app.services.followups import follow_ups  # noqa: E402
from app.storage import open_database  # noqa: E402


@pytest.fixture(scope="module")
def pg():
    import psycopg

    folder = __import__("tempfile").mkdtemp(prefix="arc-pg-")
    server = pgserver.get_server(folder, cleanup_mode="stop")
    base = server.get_uri().replace("postgresql://", "postgresql+psycopg://", 1)
    name = f"a_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server.get_uri(), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    database = open_database(base.replace("/postgres?", f"/{name}?", 1))
    load_demo(database)
    yield database
    database.dispose()
    server.cleanup()
    shutil.rmtree(folder, ignore_errors=True)


def test_search_on_postgresql(pg):
    hits = search(pg, "tarifs")
    assert hits and {h.code for h in hits} == {"DEMO-BERGEN-2014"}
    assert search(pg, "Trondelaga")[0].code == "DEMO-TRONDELAG-2015"
    assert [h.where for h in search(pg, '"vienotu tarifu"')] == ["lesson"]
    assert {h.code for h in search(pg, "sadarbība", Filters(institution="BIR"))} == {
        "DEMO-BERGEN-2014"
    }


def test_facets_and_follow_ups_on_postgresql(pg):
    f = facets(pg)
    assert f.countries == ["LV", "NO", "PL"] and "klasteri" in f.topics
    assert follow_ups(pg) and all(a.status == "open" for a in follow_ups(pg))
