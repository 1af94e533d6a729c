"""A document written over the database it is read from destroyed every visit: ``--db
visits.db export programme VISIT --out visits.db`` (one slip of the shell's completion)
wrote the PDF in place of the database and said it was written. Any command's ``--out``
naming the database file (or its journal, or its lock) is refused in one sentence and the
database is left as it was."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

VISIT = "DEMO-BERGEN-2014"
WRITERS = [
    ("export", "visit", VISIT),
    ("export", "programme", VISIT),
    ("export", "delegates", VISIT),
    ("export", "ics", VISIT),
    ("export", "attendance", VISIT),
    ("export", "rooming", VISIT),
    ("export", "passengers", VISIT),
    ("export", "catering", VISIT),
    ("export", "summary", VISIT),
    ("export", "changes", VISIT, "--since", "1"),
    ("export", "statistics"),
]


@pytest.fixture
def database(demo_db, tmp_path: Path) -> Path:
    path = tmp_path / "demo.db"
    demo_db.dispose()  # the window is closed; the file is all there is
    return path


def visits_in(path: Path) -> int:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT count(*) FROM visit").fetchone()[0]
    finally:
        con.close()


@pytest.mark.parametrize("command", WRITERS, ids=lambda c: " ".join(c[:2]))
def test_a_document_is_never_written_over_the_database(cli, database: Path, command):
    before = database.read_bytes()
    run = cli("--db", database, *command, "--out", database)
    assert run.code == 2, run.out
    assert run.err.count("\n") == 1 and "database" in run.err, run.err
    assert run.out == ""
    assert database.read_bytes() == before
    assert visits_in(database) == 6


def test_the_database_named_another_way_is_still_the_database(cli, database: Path, monkeypatch):
    monkeypatch.chdir(database.parent)
    before = database.read_bytes()
    for spelling in ("demo.db", "./demo.db", f"../{database.parent.name}/demo.db"):
        run = cli("--db", database, "export", "programme", VISIT, "--out", spelling)
        assert run.code == 2 and "database" in run.err, (spelling, run.err)
    for beside in ("demo.db-wal", "demo.db-shm", "demo.db.lock"):
        run = cli("--db", database, "export", "ics", VISIT, "--out", beside)
        assert run.code == 2 and "database" in run.err, (beside, run.err)
    assert database.read_bytes() == before


def test_another_file_beside_the_database_is_written(cli, database: Path):
    out = database.parent / "programme.pdf"
    run = cli("--db", database, "export", "programme", VISIT, "--out", out)
    assert run.code == 0, run.err
    assert out.read_bytes().startswith(b"%PDF")
    assert visits_in(database) == 6


@pytest.mark.parametrize("command", [("rates", "template"), ("allowances", "template")])
def test_a_template_is_never_written_over_the_database(cli, database: Path, command):
    """The templates name their file without ``--out``: ``rates template visits.db``
    wrote the empty table in place of every visit."""
    before = database.read_bytes()
    run = cli("--db", database, *command, database)
    assert run.code == 2, run.out
    assert run.err.count("\n") == 1 and "database" in run.err, run.err
    assert database.read_bytes() == before
    assert visits_in(database) == 6
    beside = database.parent / "kursi.csv"
    assert cli("--db", database, *command, beside).code == 0
    assert beside.read_bytes().startswith(b"\xef\xbb\xbf")
