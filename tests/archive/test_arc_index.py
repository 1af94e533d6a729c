"""The archive index follows every change, whichever way it is made: the services' edits,
soft delete and restore, a renamed institution, a re-imported visit, plain SQL; an upgraded
database gets its old visits indexed."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import text

from app.interchange.visit_file import export_visit, import_visit
from app.services import directory, programme, reports, visits
from app.services.archive import optimize_index, rebuild_index, reindex_visit, search
from db.engine import Database


def where_found(db, query):
    return sorted({(h.code, h.where) for h in search(db, query)})


def bir_item(db):
    return next(h for h in search(db, "vakuuma") if h.where == "programme")


def test_edited_outcome_is_found_by_its_new_words_only(demo_db):
    hit = bir_item(demo_db)
    item = programme.get_programme_item(demo_db, hit.item_id)
    programme.update_programme_item(
        demo_db, item.id, item.version, outcome="Pneimatiskā savākšana Bergenas centrā."
    )
    assert where_found(demo_db, "pneimatiskās") == [("DEMO-BERGEN-2014", "programme")]
    assert "akcionāres" in item.outcome
    assert all(h.item_id != item.id for h in search(demo_db, "akcionāres"))


def test_deleted_item_leaves_the_results_and_comes_back_on_restore(demo_db):
    hit = bir_item(demo_db)
    item = programme.get_programme_item(demo_db, hit.item_id)
    programme.delete_programme_item(demo_db, item.id, item.version)
    assert all(h.item_id != item.id for h in search(demo_db, "vakuuma"))
    programme.restore_programme_item(demo_db, item.id)
    assert any(h.item_id == item.id for h in search(demo_db, "vakuuma"))


def test_deleted_visit_is_not_found(demo_db):
    visit = visits.find_visit(demo_db, "DEMO-POZNAN-2013")
    assert search(demo_db, "konsultācijas")
    visits.delete_visit(demo_db, visit.id, visit.version)
    assert "DEMO-POZNAN-2013" not in {h.code for h in search(demo_db, "konsultācijas")}
    visits.restore_visit(demo_db, visit.id)
    assert search(demo_db, "konsultācijas")[0].code == "DEMO-POZNAN-2013"


def test_new_lesson_and_report_text_are_found(demo_db):
    visit = visits.find_visit(demo_db, "DEMO-POLAND-2023")
    report = reports.report_for_visit(demo_db, visit.id)
    reports.create_lesson(
        demo_db, report.id, text="Velonomas sistēma jāplāno metropolē kopā.", topics=["mobilitāte"]
    )
    assert where_found(demo_db, "velonoma") == [("DEMO-POLAND-2023", "lesson")]
    reports.update_report(demo_db, report.id, report.version, summary="Ūdensapgāde un lietus.")
    assert where_found(demo_db, "udensapgade") == [("DEMO-POLAND-2023", "report")]


def test_renamed_institution_is_found_under_its_new_name(demo_db):
    bir = next(o for o in directory.list_organisations(demo_db) if o.name.startswith("BIR"))
    directory.update_organisation(demo_db, bir.id, bir.version, name="Bergenas Resurss")
    assert ("DEMO-BERGEN-2014", "programme") in where_found(demo_db, "Resurss")


def test_reimport_with_replace_leaves_no_stale_or_double_hits(demo_db):
    before = where_found(demo_db, "vakuuma")
    doc = export_visit(demo_db, "DEMO-BERGEN-2014")
    import_visit(demo_db, doc.replace("vakuuma", "pneimatiskās"), replace=True)
    assert where_found(demo_db, "vakuuma") == []
    assert where_found(demo_db, "pneimatiskās") == before
    assert len(search(demo_db, "pneimatiskās")) == len(before)


def test_plain_sql_edits_are_indexed_too(demo_db):
    with demo_db.write() as s:
        s.execute(text("UPDATE visit SET purpose = 'Ziemeļblāzma' WHERE code = 'DEMO-POLAND-2023'"))
    assert where_found(demo_db, "ziemelblazma") == [("DEMO-POLAND-2023", "visit")]


def test_reindex_and_rebuild_repair_a_lost_index(demo_db):
    with demo_db.write() as s:
        s.execute(text("DELETE FROM archive_fts"))
    assert search(demo_db, "tarifs") == []
    visit = visits.find_visit(demo_db, "DEMO-BERGEN-2014")
    with demo_db.write() as s:
        reindex_visit(s, visit.id)
    assert {h.code for h in search(demo_db, "tarifs")} == {"DEMO-BERGEN-2014"}
    assert search(demo_db, "Trondelaga") == []
    assert rebuild_index(demo_db) > 100
    assert search(demo_db, "Trondelaga")[0].code == "DEMO-TRONDELAG-2015"
    optimize_index(demo_db)
    assert search(demo_db, "Trondelaga")[0].code == "DEMO-TRONDELAG-2015"


def test_every_index_trigger_exists_at_the_schema_head(db_path):
    """A later migration that recreates a table (batch mode) drops its triggers with it:
    this fails until that migration creates them again."""
    con = sqlite3.connect(db_path)
    names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='trigger'")}
    con.close()
    for table in ("visit", "programme_item", "report", "lesson", "report_contact"):
        for event in ("ai", "au", "ad"):
            assert f"archive_fts_{table}_{event}" in names
    assert "archive_fts_organisation_au" in names


def test_upgrade_from_0001_indexes_the_visits_already_there(tmp_path: Path, demo_template):
    import sqlite3

    from alembic import command
    from alembic.config import Config

    from db.engine import make_engine
    from db.schema import MIGRATIONS_DIR, ensure_schema

    path = tmp_path / "old.db"
    url = f"sqlite:///{path}"
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    engine = make_engine(url)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    engine.dispose()
    # The demo as a 0001 database held it: the columns 0001 has, copied from today's demo.
    con = sqlite3.connect(path)
    con.execute("PRAGMA foreign_keys=OFF")
    con.execute("ATTACH DATABASE ? AS demo", (str(demo_template),))
    tables = [
        r[0]
        for r in con.execute(
            "SELECT name FROM main.sqlite_master WHERE type='table' AND name != 'alembic_version'"
        )
    ]
    for table in tables:
        have = {r[1] for r in con.execute(f"PRAGMA main.table_info({table})")}
        cols = ", ".join(
            r[1] for r in con.execute(f"PRAGMA demo.table_info({table})") if r[1] in have
        )
        con.execute(f"INSERT INTO main.{table} ({cols}) SELECT {cols} FROM demo.{table}")
    con.commit()
    con.close()
    ensure_schema(url, backup_dir=tmp_path / "copies")
    upgraded = Database(url)
    try:
        assert search(upgraded, "tarifs")[0].code == "DEMO-BERGEN-2014"
        assert search(upgraded, "Trondelaga")[0].code == "DEMO-TRONDELAG-2015"
    finally:
        upgraded.dispose()
