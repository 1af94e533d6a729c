"""Upgrading to 0006 (a traveller's reduced allowance days, the visit's reduced share):
a database written by the previous program opens with every traveller on full days and the
default share, as every document counted before, and then stores days on SQLite and
PostgreSQL alike."""

from __future__ import annotations

import datetime as dt
import sqlite3
from decimal import Decimal as D
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from app.storage import open_database
from db.schema import HEAD, MIGRATIONS_DIR, sqlite_revision

NOW = "2024-01-01 00:00:00"


def migrate_to(url: str, revision: str) -> None:
    """The schema as an older program left it (as in test_mig_data)."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            if url.startswith("sqlite"):
                conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
    finally:
        engine.dispose()


def old_visit_with_a_traveller(run) -> None:  # type: ignore[no-untyped-def]
    """A visit to Norway, one confirmed traveller and a rate, in plain SQL as 0005 had them."""
    run(
        "INSERT INTO visit (id, code, title, kind, direction, status, timezone, start_date, "
        "end_date, country, base_currency, version, created_at, updated_at, uuid) VALUES (1, "
        "'OLD', 'Bergen', 'study_visit', 'outgoing', 'completed', 'Europe/Oslo', '2014-04-02', "
        f"'2014-04-05', 'NO', 'EUR', 1, '{NOW}', '{NOW}', "
        "'00000000-0000-4000-8000-000000000001')"
    )
    run(
        "INSERT INTO person (id, given_name, family_name, version, created_at, updated_at, "
        f"uuid) VALUES (1, 'Gints', 'Kalniņš', 1, '{NOW}', '{NOW}', "
        "'00000000-0000-4000-8000-000000000002')"
    )
    run(
        "INSERT INTO participation (id, visit_id, person_id, role, status, version, "
        f"created_at, updated_at) VALUES (1, 1, 1, 'delegate', 'confirmed', 1, '{NOW}', "
        f"'{NOW}')"
    )
    run(
        "INSERT INTO allowance_rate (id, country, daily_minor, valid_from, version, created_at, "
        f"updated_at) VALUES (1, 'NO', 7000, '2011-11-01', 1, '{NOW}', '{NOW}')"
    )


def check_days_after_upgrade(url: str) -> None:
    from app.services.allowances import allowance_inputs, allowance_plan, save_allowance_inputs

    database = open_database(url)  # the program's start-up path: copy, then upgrade
    try:
        stored = allowance_inputs(database, "OLD")
        assert (stored.reduced, stored.share) == ({}, D(30))
        assert allowance_plan(database, "OLD").total == D("280.00")  # 4 full days × 70
        save_allowance_inputs(database, 1, reduced={1: {dt.date(2014, 4, 3)}}, share=D(50))
        assert allowance_plan(database, "OLD").total == D("245.00")  # 3 × 70 + 35
    finally:
        database.dispose()


def test_upgrade_from_0005_keeps_full_days_then_stores_reduced_ones(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    url = f"sqlite:///{path}"
    migrate_to(url, "0005")
    con = sqlite3.connect(path)
    old_visit_with_a_traveller(con.execute)
    con.commit()
    con.close()
    check_days_after_upgrade(url)
    assert sqlite_revision(path) == HEAD
    con = sqlite3.connect(path)
    row = con.execute(
        "SELECT p.allowance_reduced_days, v.allowance_share FROM participation p "
        "JOIN visit v ON v.id = p.visit_id"
    ).fetchone()
    con.close()
    assert row == ("2014-04-03", "50")


def test_upgrade_from_0005_on_postgresql(tmp_path_factory: pytest.TempPathFactory) -> None:
    pgserver = pytest.importorskip("pgserver")
    pytest.importorskip("psycopg")
    import shutil

    import psycopg

    folder = tmp_path_factory.mktemp("pg")
    server = pgserver.get_server(str(folder), cleanup_mode="stop")
    try:
        plain = server.get_uri()
        with psycopg.connect(plain, autocommit=True) as conn:
            conn.execute('CREATE DATABASE "mig0006"')
        plain = plain.replace("/postgres?", "/mig0006?", 1)
        url = plain.replace("postgresql://", "postgresql+psycopg://", 1)
        migrate_to(url, "0005")
        with psycopg.connect(plain, autocommit=True) as conn:
            old_visit_with_a_traveller(conn.execute)
        check_days_after_upgrade(url)
    finally:
        server.cleanup()
        shutil.rmtree(folder, ignore_errors=True)
