"""An export, a document or a backup that cannot be written — a read-only folder, a full
disk, a file another program holds — is told in one sentence that names the file the user
chose (never the database, never a temporary ``.part`` name), says what to do, leaves no
file under the final name, keeps an older file of that name as it was, and changes nothing
in the database. The command line and the window say the same.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.reliability.conftest import fill
from tests.reliability.crashkit import dump

EXPORTS = [
    ("budget.pdf", ("export", "budget", "DEMO-BERGEN-2014", "--out")),
    ("budget.xlsx", ("export", "budget", "DEMO-BERGEN-2014", "--out")),
    ("summary.pdf", ("export", "summary", "DEMO-BERGEN-2014", "--out")),
    ("visit.json", ("export", "visit", "DEMO-BERGEN-2014", "--out")),
    ("copy.db", ("backup", "--out")),
]


def _one_sentence_about(err: str, target: Path | str, database: Path) -> None:
    assert err.count("\n") == 1, err
    assert str(target) in err, err
    assert str(database) not in err and "The database" not in err, err
    assert ".part" not in err and "Errno" not in err and "Traceback" not in err, err


@pytest.mark.parametrize(("name", "command"), EXPORTS, ids=[n for n, _c in EXPORTS])
def test_an_export_into_a_read_only_folder_names_the_file_not_the_database(
    cli, demo_db, read_only_folder, name, command
):
    path = demo_db.path
    before = dump(path)
    target = read_only_folder / name
    run = cli("--db", path, *command, target)
    assert run.code == 2
    _one_sentence_about(run.err, target, path)
    assert "cannot be written" in run.err, run.err
    assert sorted(p.name for p in read_only_folder.iterdir()) == ["budget.pdf"]
    assert (read_only_folder / "budget.pdf").read_bytes() == b"last week's export"
    assert dump(path) == before


@pytest.mark.parametrize(("name", "command"), EXPORTS, ids=[n for n, _c in EXPORTS])
def test_an_export_onto_a_full_disk_says_which_disk_is_full(
    cli, demo_db, small_disk, name, command
):
    path = demo_db.path
    before = dump(path)
    disk = small_disk(256)
    older = disk / name
    older.write_bytes(b"the export of last week")
    fill(disk, leave=2048)
    run = cli("--db", path, *command, older)
    assert run.code == 2
    _one_sentence_about(run.err, disk, path)
    assert f"The disk holding {disk} is full" in run.err, run.err
    assert sorted(p.name for p in disk.iterdir()) == sorted(["filler.bin", name])
    assert older.read_bytes() == b"the export of last week"
    assert dump(path) == before


@pytest.mark.parametrize(("name", "command"), EXPORTS, ids=[n for n, _c in EXPORTS])
def test_an_export_over_a_file_another_program_holds_says_so(
    cli, demo_db, tmp_path, immutable, name, command
):
    """On Windows a PDF open in a reader (a workbook in Excel, a backup being copied)
    cannot be replaced; here the file is made immutable, which refuses the rename over it
    the same way."""
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / name
    target.write_bytes(b"open in the reader")
    immutable(target)
    before = dump(demo_db.path)
    run = cli("--db", demo_db.path, *command, target)
    assert run.code == 2
    _one_sentence_about(run.err, target, demo_db.path)
    assert "open in another program" in run.err, run.err
    assert target.read_bytes() == b"open in the reader"
    assert sorted(p.name for p in target.parent.iterdir()) == [name]
    assert dump(demo_db.path) == before


def test_the_window_names_the_document_it_could_not_write(qtbot, demo_db, read_only_folder):
    """The Documents tab's worker (what the window runs for every document): its message
    names the chosen file, not the database."""
    from app.services.visits import find_visit
    from ui.visit.document_worker import DocumentWorker

    visit = find_visit(demo_db, "DEMO-BERGEN-2014")
    target = read_only_folder / "programme.pdf"
    worker = DocumentWorker(
        demo_db, visit.id, "programme", str(target), lang="lv", person=None, preview_dir=None
    )
    said: list[str] = []
    worker.failed.connect(said.append)
    worker.run()  # on this thread: the worker's own code, without the thread
    assert len(said) == 1
    _one_sentence_about(said[0] + "\n", target, Path(str(demo_db.path)))
    assert "cannot be written" in said[0], said
    assert not target.exists()


def test_the_window_budget_export_onto_a_full_disk_says_which_disk(qtbot, demo_db, small_disk):
    from app.services.visits import find_visit
    from ui.visit.budget_export import BudgetExportWorker

    visit = find_visit(demo_db, "DEMO-BERGEN-2014")
    disk = small_disk(128)
    target = disk / "budget.pdf"
    fill(disk, leave=2048)
    worker = BudgetExportWorker(demo_db, visit.id, "pdf", str(target), lang="lv")
    said: list[str] = []
    worker.failed.connect(said.append)
    worker.run()
    assert len(said) == 1, said
    _one_sentence_about(said[0] + "\n", disk, Path(str(demo_db.path)))
    assert f"The disk holding {disk} is full" in said[0], said
    assert sorted(p.name for p in disk.iterdir()) == ["filler.bin"]
