"""Migrations at start-up: a new or empty file gets the schema; a current database with data
is opened unchanged (no copy taken); a newer or foreign file is refused and left byte for
byte as it was; and the models agree with the migrations."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sqlite3
import time
from pathlib import Path

import pytest
from sqlalchemy import Column, Integer, MetaData, Table, create_engine, func, select

from app.config import backup_dir
from app.storage import KEEP_COPIES, StorageError, open_database, rotate_copies
from db.models import Base, Organisation, Visit
from db.schema import HEAD, SchemaTooNew, ensure_schema, include_object, sqlite_revision


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def tables(path: Path) -> set[str]:
    con = sqlite3.connect(path)
    try:
        return {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        con.close()


@pytest.mark.parametrize("start", ["missing", "empty"])
def test_new_or_empty_file_gets_the_whole_schema(tmp_path, start):
    path = tmp_path / "sub" / "new.db"
    if start == "empty":
        path.parent.mkdir()
        path.write_bytes(b"")
    db = open_database(f"sqlite:///{path}")
    db.dispose()
    assert sqlite_revision(path) == HEAD
    assert set(Base.metadata.tables) <= tables(path)
    assert not backup_dir(path).exists()  # nothing to copy before a first migration


def test_populated_current_database_opens_unchanged(db, db_path):
    with db.write() as s:
        org = Organisation(name="Bergenas pašvaldība", country="NO", kind="municipality")
        s.add(org)
        s.add(
            Visit(
                code="LPS-BERGEN",
                title="LPS valde Bergenā",
                timezone="Europe/Oslo",
                start_date=dt.date(2024, 4, 2),
                end_date=dt.date(2024, 4, 5),
            )
        )
    db.dispose()
    con = sqlite3.connect(db_path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    before = digest(db_path)

    again = open_database(f"sqlite:///{db_path}")
    with again.read() as s:
        assert s.scalar(select(func.count(Visit.id))) == 1
        assert s.scalar(select(Organisation.name)) == "Bergenas pašvaldība"
    again.dispose()
    assert digest(db_path) == before
    assert not backup_dir(db_path).exists()


def test_newer_database_is_refused_and_not_modified(db_path):
    con = sqlite3.connect(db_path)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.execute("PRAGMA journal_mode=DELETE")
    con.close()
    before = digest(db_path)
    with pytest.raises(SchemaTooNew):
        ensure_schema(f"sqlite:///{db_path}")
    with pytest.raises(StorageError, match="newer version"):
        open_database(f"sqlite:///{db_path}")
    assert digest(db_path) == before
    assert not backup_dir(db_path).exists()


@pytest.mark.parametrize(
    "content", [b"not a database at all\n" * 40, b"SQLite format 3\x00" + b"\x00" * 200]
)
def test_non_database_file_is_refused_untouched(tmp_path, content):
    path = tmp_path / "x.db"
    path.write_bytes(content)
    with pytest.raises(StorageError, match="not a Study Visit Planner database"):
        open_database(f"sqlite:///{path}")
    assert path.read_bytes() == content


def test_folder_instead_of_file_is_refused(tmp_path):
    with pytest.raises(StorageError, match="folder"):
        open_database(f"sqlite:///{tmp_path}")


def test_models_agree_with_the_migrations(db_path):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    engine = create_engine(f"sqlite:///{db_path}")
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(
                conn, opts={"compare_type": True, "include_object": include_object}
            )
            assert compare_metadata(context, Base.metadata) == []
            # The comparison does see a difference when there is one.
            extra = MetaData()
            for table in Base.metadata.tables.values():
                table.to_metadata(extra)
            Table("not_migrated", extra, Column("id", Integer, primary_key=True))
            diff = compare_metadata(context, extra)
            assert [d[0] for d in diff] == ["add_table"]
    finally:
        engine.dispose()


def test_automatic_copies_are_rotated_keeping_the_newest(tmp_path):
    path = tmp_path / "visits.db"
    folder = backup_dir(path)
    folder.mkdir(parents=True)
    made = []
    for i in range(KEEP_COPIES + 3):
        copy = folder / f"visits.before-upgrade-0001.2024010{i:02d}.db"
        copy.write_bytes(b"x")
        stamp = time.time() - 1000 + i
        os.utime(copy, (stamp, stamp))
        made.append(copy)
    unrelated = folder / "other.before-upgrade-0001.1.db"
    unrelated.write_bytes(b"x")
    rotate_copies(path)
    kept = sorted(folder.glob("visits.*.db"))
    assert kept == sorted(made[-KEEP_COPIES:])
    assert unrelated.exists()


def test_failed_upgrade_puts_the_file_back_and_keeps_the_copy(db, db_path, monkeypatch):
    """An older revision whose migration fails: the copy taken first is put back."""
    import db.schema as schema

    with db.write() as s:
        s.add(
            Visit(
                code="KEEP",
                title="Saglabāt",
                timezone="Europe/Riga",
                start_date=dt.date(2024, 1, 1),
                end_date=dt.date(2024, 1, 2),
            )
        )
    db.dispose()
    con = sqlite3.connect(db_path)
    con.execute("UPDATE alembic_version SET version_num = '0000'")
    con.commit()
    con.execute("PRAGMA journal_mode=DELETE")
    con.close()
    # Pretend this program knows a revision 0000 before 0001 (Alembic cannot find it).
    monkeypatch.setattr(schema, "REVISIONS", ("0000", "0001"))
    with pytest.raises(StorageError, match="could not be brought up to date"):
        open_database(f"sqlite:///{db_path}")
    assert sqlite_revision(db_path) == "0000"
    copies = list(backup_dir(db_path).glob("test.before-upgrade-0000.*.db"))
    assert len(copies) == 1
    assert _visit_codes(db_path) == ["KEEP"]
    assert _visit_codes(copies[0]) == ["KEEP"]


def _visit_codes(path: Path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return [r[0] for r in con.execute("SELECT code FROM visit")]
    finally:
        con.close()
