"""The archive's FTS5 index is kept in one piece by the program itself: after an import that
leaves it spread over several segments, after the demo, after a schema upgrade, and on
``studyvisit db optimize``; a small change to a large compact index is left alone (the
merge costs about a second on 10,000 visits). The segments are counted in the index's own
page table, ``archive_fts_idx``: what every search has to read."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from sqlalchemy import create_engine, text

from app.demo import demo_files, load_demo
from app.interchange.importer import import_visit
from app.services.archive import optimize_if_spread, search
from app.services.visits import create_visit
from db.engine import Database
from db.schema import HEAD, MIGRATIONS_DIR, ensure_schema, sqlite_revision


def segments(db: Database) -> int:
    with db.read() as session:
        return int(
            session.execute(text("SELECT count(DISTINCT segid) FROM archive_fts_idx")).scalar_one()
        )


def spread_index(db: Database, visits: int = 4) -> None:
    """Visits saved one by one, each its own transaction: each leaves a segment."""
    for i in range(visits):
        create_visit(
            db,
            code=f"SPREAD-{i}",
            title=f"Pieredzes brauciens {i} uz Kuopio",
            purpose="Pašvaldību sadarbība siltumapgādē un atkritumu apsaimniekošanā",
            country="FI",
            city="Kuopio",
            timezone="Europe/Helsinki",
            start_date=dt.date(2020, 5, 4 + i),
            end_date=dt.date(2020, 5, 6 + i),
        )


def test_an_import_onto_a_spread_index_leaves_it_in_one_segment(db):
    spread_index(db)
    assert segments(db) >= 3
    result = import_visit(db, demo_files()[0].read_text(encoding="utf-8"))
    assert segments(db) == 1
    # the merged index still finds both the imported visit and the ones before it
    assert result.code in {h.code for h in search(db, "tarifs")} | {
        h.code for h in search(db, "pieredzes")
    }
    assert {"SPREAD-0", "SPREAD-3"} <= {h.code for h in search(db, "Kuopio", limit=200)}


def test_the_demo_load_leaves_one_segment(db):
    assert load_demo(db)
    assert segments(db) == 1
    assert search(db, "Trondelaga")[0].code == "DEMO-TRONDELAG-2015"


def test_a_small_change_to_a_large_compact_index_is_not_merged_again(demo_db):
    assert segments(demo_db) == 1
    spread_index(demo_db, visits=1)
    assert segments(demo_db) == 2
    assert optimize_if_spread(demo_db) is False  # one small visit beside six rich ones
    assert segments(demo_db) == 2
    for i in range(30):  # until the new texts are more than half of the index
        words = " ".join(f"klasteris{i}x{j}" for j in range(400))  # each word new to it
        create_visit(
            demo_db,
            code=f"MORE-{i}",
            title=f"Sadarbības tīkls {i}",
            purpose=words,
            country="NO",
            city="Bergen",
            timezone="Europe/Oslo",
            start_date=dt.date(2021, 1, 4),
            end_date=dt.date(2021, 1, 5),
        )
    assert segments(demo_db) > 1
    assert optimize_if_spread(demo_db) is True
    assert segments(demo_db) == 1


def _migrate_to(url: str, revision: str) -> None:
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
    finally:
        engine.dispose()


def test_a_schema_upgrade_leaves_the_index_in_one_segment(tmp_path: Path):
    path = tmp_path / "old.db"
    url = f"sqlite:///{path}"
    _migrate_to(url, "0003")
    con = sqlite3.connect(path)
    for i in range(1, 5):  # four separate transactions, as four saves by an older program
        with con:
            con.execute(
                "INSERT INTO visit (id, code, title, purpose, kind, direction, status, "
                "timezone, start_date, end_date, base_currency, version, created_at, "
                f"updated_at, uuid) VALUES ({i}, 'OLD-{i}', 'Bergena {i}', 'Atkritumu "
                "apsaimniekošana', 'study_visit', 'outgoing', 'completed', 'Europe/Oslo', "
                "'2014-04-02', '2014-04-05', 'EUR', 1, '2024-01-01 00:00:00', "
                f"'2024-01-01 00:00:00', '00000000-0000-4000-8000-00000000000{i}')"
            )
    before = con.execute("SELECT count(DISTINCT segid) FROM archive_fts_idx").fetchone()[0]
    con.close()
    assert before >= 3
    assert ensure_schema(url, tmp_path) is not None  # upgraded, a copy taken first
    assert sqlite_revision(path) == HEAD
    db = Database(url)
    try:
        assert segments(db) == 1
        assert {h.code for h in search(db, "atkritumu")} == {f"OLD-{i}" for i in range(1, 5)}
    finally:
        db.dispose()


def test_db_optimize_merges_the_index_and_says_so(cli, db, db_path):
    spread_index(db)
    parts = segments(db)
    assert parts >= 3
    run = cli("--db", db_path, "db", "optimize")
    assert run.code == 0, run.err
    assert f"was in {parts} parts; now it is in 1." in run.out
    assert segments(db) == 1
