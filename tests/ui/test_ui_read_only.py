"""A database on read-only storage (a CD, a share mounted read-only) opens for reading with a
banner that says so: the visits can be looked at, an attempted change is refused in one
sentence, and the file is not touched. The command line reads it too."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from app.storage import open_database


@pytest.fixture
def read_only_copy(demo_db, tmp_path: Path):
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("needs root for a read-only mount")
    shelf = tmp_path / "shelf"
    shelf.mkdir()
    demo_db.dispose()
    import sqlite3

    con = sqlite3.connect(demo_db.path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    shutil.copyfile(demo_db.path, shelf / "archive.db")
    ro = tmp_path / "ro"
    ro.mkdir()
    subprocess.run(["mount", "--bind", str(shelf), str(ro)], check=True)
    subprocess.run(["mount", "-o", "remount,bind,ro", str(ro)], check=True)
    yield ro / "archive.db"
    subprocess.run(["umount", "-l", str(ro)], check=False)


def test_a_database_on_read_only_storage_opens_for_reading_with_a_banner(
    qtbot, read_only_copy: Path, warnings_shown, cli
) -> None:
    from app.services.visits import list_visits, update_visit
    from ui.main_window import MainWindow

    before = read_only_copy.read_bytes()
    db = open_database(f"sqlite:///{read_only_copy}")
    assert db.read_only and len(list_visits(db)) == 6
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.resize(1024, 700)
    assert "read-only" in window.windowTitle()
    assert "Read-only" in window.read_only_banner.text()
    assert str(read_only_copy) in window.read_only_banner.text()
    visit = list_visits(db)[0]
    with pytest.raises(Exception) as caught:
        update_visit(db, visit.id, None, title="Labots")
    from app.failures import user_message

    assert "cannot be written to" in user_message(caught.value)
    db.dispose()
    assert read_only_copy.read_bytes() == before
    run = cli("--db", read_only_copy, "visits", "list")
    assert run.code == 0 and "DEMO-BERGEN-2014" in run.out
