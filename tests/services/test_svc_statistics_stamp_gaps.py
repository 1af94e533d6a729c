"""The statistics' kept facts after writers the random edits do not make (issue 18): hard
deletes by plain SQL with foreign keys off (SQLite's default in the ``sqlite3`` shell) and
on, merges and their undoing, soft deletes and their undoing (the window's undo), a
project's rule and deletion. After each, the facts as the section loads them must be
exactly those of a full read (``statistics_region.check``)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from statistics_region import Region, check  # tests/ is on the path

from app.services import budget, merge, people, projects, reports
from db.engine import Database


def _sql(db_path: Path, statement: str, *args: object, foreign_keys: bool = False) -> None:
    """One statement by another program (its own connection; foreign keys as it sets them)."""
    con = sqlite3.connect(db_path)
    if foreign_keys:
        con.execute("PRAGMA foreign_keys=ON")
    with con:
        con.execute(statement, args)
    con.close()


def _participant(db: Database, visit_id: int) -> int:
    return people.list_participations(db, visit_id)[0].person_id


@pytest.mark.parametrize("foreign_keys", [False, True])
def test_a_person_deleted_by_plain_sql_is_no_longer_counted(db, db_path, foreign_keys):
    region = Region(db, 3)
    check(db)
    person = _participant(db, region.visits[2])
    _sql(db_path, "DELETE FROM person WHERE id = ?", person, foreign_keys=foreign_keys)
    assert check(db).read_again >= 1


def test_a_person_inserted_again_under_a_deleted_id_is_counted(db, db_path):
    """With foreign keys off the participations outlive their person; a person inserted
    under that id again makes them count again."""
    region = Region(db, 4)
    person = _participant(db, region.visits[3])
    con = sqlite3.connect(db_path)
    con.row_factory = sqlite3.Row
    row = dict(con.execute("SELECT * FROM person WHERE id = ?", (person,)).fetchone())
    con.close()
    _sql(db_path, "DELETE FROM person WHERE id = ?", person)
    check(db)
    columns = ", ".join(row)
    _sql(
        db_path,
        f"INSERT INTO person ({columns}) VALUES ({', '.join('?' * len(row))})",
        *row.values(),
    )
    assert check(db).read_again >= 1


def test_organisations_deleted_by_plain_sql_with_their_cascades(db, db_path):
    """A sending organisation and a host deleted: people and programme items lose them
    (ON DELETE SET NULL), and those rows' triggers move the stamps."""
    region = Region(db, 5)
    check(db)
    _sql(db_path, "DELETE FROM organisation WHERE id = ?", region.orgs[0], foreign_keys=True)
    _sql(db_path, "DELETE FROM organisation WHERE id = ?", region.hosts[0], foreign_keys=True)
    check(db)


def test_people_and_organisations_merged_and_unmerged(db):
    region = Region(db, 6)
    check(db)
    for keep, duplicate, do, undo in (
        (region.persons[0], region.persons[1], merge.merge_people, merge.unmerge_people),
        (region.orgs[0], region.orgs[1], merge.merge_organisations, merge.unmerge_organisations),
        (region.hosts[0], region.hosts[1], merge.merge_organisations, merge.unmerge_organisations),
    ):
        result = do(db, keep, duplicate)
        check(db)
        undo(db, result)
        check(db)


def test_deletes_undone_as_the_window_undoes_them(db):
    region = Region(db, 7)
    check(db)
    person = _participant(db, region.visits[1])
    people.delete_person(db, person)
    check(db)
    people.restore_person(db, person)
    check(db)
    project = region.projects[0]
    projects.update_project(db, project, None, rate_rule="fixed", fixed_rates={"NOK": "11.20"})
    check(db)
    projects.delete_project(db, project)  # its visits fall back to the default rule
    check(db)
    projects.restore_project(db, project)
    check(db)
    source = next(s for s in budget.list_funding_sources(db, region.visits[1]) if s.is_grant)
    budget.delete_funding_source(db, source.id)
    check(db)
    budget.restore_funding_source(db, source.id)
    check(db)
    report = reports.report_for_visit(db, region.visits[2])
    assert report is not None
    reports.delete_report(db, report.id)
    check(db)
    reports.restore_report(db, report.id)
    check(db)


def test_another_database_put_in_the_files_place_is_read_whole(db, db_path, tmp_path):
    """A different database (same schema, the same visit ids) copied over the file the
    cache was written for: none of its visits is answered from the cache."""
    Region(db, 8)
    check(db)
    other_path = tmp_path / "other.db"
    other = Database(f"sqlite:///{other_path}")
    try:
        from db.schema import ensure_schema

        ensure_schema(f"sqlite:///{other_path}")
        Region(other, 9)
    finally:
        other.dispose()
    db.dispose()
    shutil.copyfile(other_path, db_path)
    for end in ("-wal", "-shm"):
        Path(f"{db_path}{end}").unlink(missing_ok=True)
    again = Database(f"sqlite:///{db_path}")
    try:
        facts = check(again)
        assert facts.read_again == len(facts.visits)
    finally:
        again.dispose()


def test_a_schema_taken_down_changed_and_brought_up_again_is_read_whole(db, db_path):
    """Downgraded below the stamps (an older program's schema), changed there, upgraded
    again: every visit gets a new stamp, so nothing kept from before is taken."""
    from alembic import command
    from alembic.config import Config

    from db.schema import MIGRATIONS_DIR, _migration_engine, ensure_schema

    region = Region(db, 10)
    check(db)
    db.dispose()
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    engine = _migration_engine(f"sqlite:///{db_path}")
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0010")
    engine.dispose()
    _sql(
        db_path, "UPDATE participation SET status = 'declined' WHERE visit_id = ?", region.visits[4]
    )
    ensure_schema(f"sqlite:///{db_path}")
    again = Database(f"sqlite:///{db_path}")
    try:
        facts = check(again)
        assert facts.read_again == len(facts.visits)
    finally:
        again.dispose()


@pytest.mark.parametrize("table", ["participation", "budget_line", "programme_item"])
def test_a_row_moved_to_another_visit_by_insert_or_replace(db, db_path, table):
    """``INSERT OR REPLACE`` under a row's id deletes the row without a delete trigger:
    the visit it left must be read again too."""
    region = Region(db, 12)
    check(db)
    con = sqlite3.connect(db_path)
    con.row_factory = sqlite3.Row
    row = dict(
        con.execute(f"SELECT * FROM {table} WHERE visit_id = ?", (region.visits[2],)).fetchone()
    )
    row["visit_id"] = region.visits[3]
    if table == "participation":  # not a second row for the same person there
        con.execute(
            "DELETE FROM participation WHERE visit_id = ? AND person_id = ?",
            (region.visits[3], row["person_id"]),
        )
    with con:
        con.execute(
            f"INSERT OR REPLACE INTO {table} ({', '.join(row)}) "
            f"VALUES ({', '.join('?' * len(row))})",
            tuple(row.values()),
        )
    con.close()
    assert check(db).read_again >= 2
