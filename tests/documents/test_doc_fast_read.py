"""The command line reads a visit with plain SQL, and prints the same as the ORM path."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.documents.data import load_visit
from app.documents.data_sql import read_visit
from app.services.visits import delete_visit, find_visit

DEMO_CODES = (
    "DEMO-BERGEN-2014",
    "DEMO-KS-NORWAY-2023",
    "DEMO-POLAND-2023",
    "DEMO-POZNAN-2013",
    "DEMO-SEMINARS-2015",
    "DEMO-TRONDELAG-2015",
)


@pytest.mark.parametrize("code", DEMO_CODES)
def test_plain_sql_reads_what_the_orm_reads(demo_db, code: str) -> None:
    fast = read_visit(Path(demo_db.path), code)
    assert fast is not None
    assert fast == load_visit(demo_db, code)


def test_deleted_rows_stay_hidden_on_both_paths(demo_db) -> None:
    from app.services.programme import delete_programme_item, list_programme

    visit = find_visit(demo_db, "DEMO-BERGEN-2014")
    first = list_programme(demo_db, visit.id)[0]
    delete_programme_item(demo_db, first.id)
    fast = read_visit(Path(demo_db.path), "DEMO-BERGEN-2014")
    assert fast is not None and fast == load_visit(demo_db, "DEMO-BERGEN-2014")
    assert first.uuid not in {item.key for item in fast.items}
    delete_visit(demo_db, visit.id)
    assert read_visit(Path(demo_db.path), "DEMO-BERGEN-2014") is None


def test_export_programme_does_not_import_sqlalchemy(demo_template: Path, tmp_path: Path) -> None:
    """The document command alone (without other feature modules) stays off the ORM."""
    out = tmp_path / "p.pdf"
    script = (
        "import sys, app.cli as cli\n"
        "cli.EXTENSIONS = ('app.cli_documents',)\n"
        f"code = cli.main(['--db', {str(demo_template)!r}, 'export', 'programme', "
        f"'DEMO-BERGEN-2014', '--out', {str(out)!r}])\n"
        "assert code == 0, code\n"
        "print('sqlalchemy' in sys.modules)\n"
    )
    root = Path(__file__).resolve().parents[2]
    env = dict(
        os.environ,
        PYTHONPATH=str(root),
        STUDYVISIT_DATA=str(tmp_path / "data"),
        STUDYVISIT_CONFIG=str(tmp_path / "config"),
    )
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip().endswith("False"), done.stdout + done.stderr
    assert out.read_bytes().startswith(b"%PDF")
