"""Upgrading a database that holds data from an older revision: what the data migrations
make of it (0004: each funding source marked as a grant or own funds by its name; 0005: the
report's contacts gained as rows, one live report per visit, the archive still finding
them)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from app.storage import open_database
from db.schema import HEAD, MIGRATIONS_DIR, sqlite_revision


def migrate_to(url: str, revision: str) -> None:
    """The schema as an older program left it (foreign keys off, as ``ensure_schema``)."""
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


NOW = "2024-01-01 00:00:00"


def old_visit_with_sources(run) -> None:  # type: ignore[no-untyped-def]
    """A visit and four funding sources written with plain SQL, as revision 0003 had them."""
    run(
        "INSERT INTO visit (id, code, title, kind, direction, status, timezone, start_date, end_date, "
        "base_currency, version, created_at, updated_at, uuid) VALUES (1, 'OLD', 'Bergen', "
        "'study_visit', 'outgoing', 'completed', 'Europe/Oslo', '2014-04-02', '2014-04-05', 'EUR', 1, "
        f"'{NOW}', '{NOW}', '00000000-0000-4000-8000-000000000001')"
    )
    names = [
        "LPS pašu līdzekļi",
        "Norvēģijas finanšu instruments",
        "Valsts budžeta līdzfinansējums",
        "Own funds",
    ]
    for i, name in enumerate(names, start=1):
        run(
            "INSERT INTO funding_source (id, visit_id, position, name, share, version, "
            f"created_at, updated_at, uuid) VALUES ({i}, 1, {i}, '{name}', '25', 1, '{NOW}', "
            f"'{NOW}', '00000000-0000-4000-8000-00000000010{i}')"
        )


def test_upgrade_from_0004_moves_contacts_gained_into_rows(tmp_path: Path) -> None:
    """Visit 1 has a deleted report (its contact goes to the bin with it); visit 2 a live
    one whose three contacts become three rows in order. Then the live-only rule: visit 1
    gets a new report beside the deleted one, which comes back only once that one is gone."""
    path = tmp_path / "old.db"
    url = f"sqlite:///{path}"
    migrate_to(url, "0004")
    con = sqlite3.connect(path)
    old_visit_with_sources(con.execute)
    con.execute(
        "INSERT INTO visit (id, code, title, kind, direction, status, timezone, "
        "start_date, end_date, base_currency, version, created_at, updated_at, uuid) "
        "SELECT 2, 'OLD2', title, kind, direction, status, timezone, start_date, "
        "end_date, base_currency, 1, created_at, updated_at, "
        "'00000000-0000-4000-8000-000000000002' FROM visit WHERE id = 1"
    )
    con.execute(
        "INSERT INTO report (id, visit_id, summary, contacts_gained, version, "
        "created_at, updated_at, deleted_at) VALUES (1, 1, 'vecā', "
        f"'[\"Vecais Kontakts\"]', 1, '{NOW}', '{NOW}', '2024-02-01 00:00:00')"
    )
    # As SQLAlchemy's JSON type stores it: non-ASCII letters escaped.
    contacts = (
        '["Ingrid Haugland, Hordaland fylkeskommune \\u2013 klasteri", '
        '"Kjetil Sandvik, Bergen kommune", "Liv Torsvik \\u0101 BIR"]'
    )
    con.execute(
        "INSERT INTO report (id, visit_id, summary, contacts_gained, version, "
        f"created_at, updated_at) VALUES (2, 2, 'jaunā', '{contacts}', 1, '{NOW}', "
        f"'{NOW}')"
    )
    # The directory: Kjetil Sandvik once; "Liv Torsvik" twice (a duplicate), so not linked.
    con.execute(
        "INSERT INTO organisation (id, name, version, created_at, updated_at, uuid) "
        f"VALUES (1, 'Bergen kommune', 1, '{NOW}', '{NOW}', "
        "'00000000-0000-4000-8000-000000000201')"
    )
    for i, name in enumerate(["Kjetil Sandvik", "Liv Torsvik", "Liv Torsvik"], start=1):
        con.execute(
            "INSERT INTO contact (id, organisation_id, name, version, created_at, "
            f"updated_at, uuid) VALUES ({i}, 1, '{name}', 1, '{NOW}', '{NOW}', "
            f"'00000000-0000-4000-8000-00000000030{i}')"
        )
    con.commit()
    con.close()

    database = open_database(url)
    try:
        from app.services import reports
        from app.services.archive import search

        live = reports.report_for_visit(database, 2)
        assert live is not None
        assert [(c.position, c.text, c.contact_id) for c in live.contacts] == [
            (0, "Ingrid Haugland, Hordaland fylkeskommune – klasteri", None),
            (1, "Kjetil Sandvik, Bergen kommune", 1),
            (2, "Liv Torsvik ā BIR", None),
        ]
        assert [h.code for h in search(database, "Sandvik")] == ["OLD2"]
        assert [h.code for h in search(database, "fylkeskommune")] == ["OLD2"]
        assert search(database, "Vecais") == []  # the deleted report's contact: in the bin
        # A new report for visit 1 beside the deleted one, which then cannot come back.
        made = reports.create_report(database, 1, summary="cits")
        reports.create_report_contact(database, made.id, text="Solveig Brekke")
        assert [h.code for h in search(database, "Brekke")] == ["OLD"]
        with pytest.raises(Exception, match="delete that one before restoring"):
            reports.restore_report(database, 1)
        reports.delete_report(database, made.id)
        back = reports.restore_report(database, 1)
        assert [c.text for c in back.contacts] == ["Vecais Kontakts"]
        assert [h.code for h in search(database, "Vecais")] == ["OLD"]
    finally:
        database.dispose()
    con = sqlite3.connect(path)
    columns = {r[1] for r in con.execute("PRAGMA table_info(report)")}
    triggers = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='trigger'")}
    problems = con.execute("PRAGMA foreign_key_check").fetchall()
    con.close()
    assert "contacts_gained" not in columns
    assert {
        "archive_fts_report_au",
        "archive_fts_lesson_ai",
        "archive_fts_report_contact_ai",
    } <= triggers
    assert problems == []


def test_upgrade_from_0003_marks_grants_by_the_name_rule(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    url = f"sqlite:///{path}"
    migrate_to(url, "0003")
    con = sqlite3.connect(path)
    old_visit_with_sources(con.execute)
    con.commit()
    con.close()

    database = open_database(url)  # the program's start-up path: copy, then upgrade
    database.dispose()
    assert sqlite_revision(path) == HEAD
    con = sqlite3.connect(path)
    marks = con.execute("SELECT name, is_grant FROM funding_source ORDER BY id").fetchall()
    con.close()
    assert marks == [
        ("LPS pašu līdzekļi", 0),
        ("Norvēģijas finanšu instruments", 1),
        ("Valsts budžeta līdzfinansējums", 0),
        ("Own funds", 0),
    ]
    copies = list((tmp_path / "backups").glob("old.before-upgrade-0003.*.db"))
    assert len(copies) == 1 and sqlite_revision(copies[0]) == "0003"


def _migration(name: str):  # type: ignore[no-untyped-def]
    """A migration script as a module, to compare its copy of a rule with the original."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(name[:4], MIGRATIONS_DIR / "versions" / name)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_migration_keeps_the_rule_of_the_domain_module() -> None:
    """The migration carries a copy of the rule (``db/`` does not import ``app/``)."""
    from app.domain.funding import OWN_FUNDS_WORDS, says_own_funds

    module = _migration("0004_funding_grant_marker.py")
    assert module.OWN_FUNDS_WORDS == OWN_FUNDS_WORDS
    for name in ("LPS pašu līdzekļi", "Grants", "PAŠVALDĪBAS BUDŽETS", "Owner's grant", ""):
        assert module.says_own_funds(name) == says_own_funds(name)


def test_the_migration_links_contacts_by_the_rule_of_the_importer() -> None:
    from app.domain.contact_match import match_contact

    module = _migration("0005_report_contacts.py")
    contacts = [(1, "Ola"), (2, "Ola Hansen"), (3, "Bjørg Aune"), (4, "Rūta Petrauskienė")]
    for text in ("Ola Hansen, BIR", "Ola, BIR", "bjørg aune", "Ruta Petrauskiene – x", "Per"):
        assert module.match_contact(text, contacts) == match_contact(text, contacts)


def test_upgrade_from_0003_on_postgresql(tmp_path_factory: pytest.TempPathFactory) -> None:
    pgserver = pytest.importorskip("pgserver")
    pytest.importorskip("psycopg")
    import shutil

    import psycopg

    folder = tmp_path_factory.mktemp("pg")
    server = pgserver.get_server(str(folder), cleanup_mode="stop")
    try:
        plain = server.get_uri()
        with psycopg.connect(plain, autocommit=True) as conn:
            conn.execute('CREATE DATABASE "mig0004"')
        plain = plain.replace("/postgres?", "/mig0004?", 1)
        url = plain.replace("postgresql://", "postgresql+psycopg://", 1)
        migrate_to(url, "0003")
        with psycopg.connect(plain, autocommit=True) as conn:
            old_visit_with_sources(conn.execute)
            conn.execute(
                "INSERT INTO report (id, visit_id, contacts_gained, version, "
                f'created_at, updated_at) VALUES (1, 1, \'["Kjetil Sandvik", '
                f"\"Liv Torsvik\"]', 1, '{NOW}', '{NOW}')"
            )
        database = open_database(url)
        try:
            from app.services import reports

            created = reports.create_report_contact(database, 1, text="Solveig Brekke")
            assert [c.text for c in reports.list_report_contacts(database, 1)] == [
                "Kjetil Sandvik",
                "Liv Torsvik",
                "Solveig Brekke",
            ]
            assert created.position == 2
        finally:
            database.dispose()
        with psycopg.connect(plain) as conn:
            marks = conn.execute("SELECT is_grant FROM funding_source ORDER BY id").fetchall()
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        assert [m[0] for m in marks] == [False, True, False, False]
        assert revision == (HEAD,)
    finally:
        server.cleanup()
        shutil.rmtree(folder, ignore_errors=True)
