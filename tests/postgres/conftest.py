"""PostgreSQL fixtures: a private server started by ``pgserver`` (a PyPI package that ships
PostgreSQL) in a temporary folder, once per test module, and a fresh database on it for
each test. Both skip when ``pgserver`` or ``psycopg`` is not installed."""

from __future__ import annotations

import shutil
import uuid

import pytest


@pytest.fixture(scope="module")
def pg_url(tmp_path_factory: pytest.TempPathFactory):
    pgserver = pytest.importorskip("pgserver")
    pytest.importorskip("psycopg")
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

    from app.storage import open_database

    name = f"t_{uuid.uuid4().hex[:12]}"
    plain = pg_url.replace("postgresql+psycopg://", "postgresql://", 1)
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = pg_url.replace("/postgres?", f"/{name}?", 1)
    database = open_database(url)
    yield database
    database.dispose()
