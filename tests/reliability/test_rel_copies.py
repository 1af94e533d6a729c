"""The automatic copies beside a database: rotation never deletes the last one that opens,
half-written copies a killed program left are removed at the next start (never one another
running program is writing), and a copy is readable by its owner only."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.config import backup_dir
from app.storage import KEEP_COPIES, open_database, rotate_copies
from db.backup import backup_file, host_name, part_path


def _aged(path: Path, age: float) -> None:
    stamp = time.time() - age
    os.utime(path, (stamp, stamp))


def test_rotation_keeps_the_newest_copy_that_opens(db_path: Path) -> None:
    """Ten damaged copies newer than the only good one: the good one stays."""
    folder = backup_dir(db_path)
    good = backup_file(db_path, folder / "test.before-upgrade-0004.20240101-000000-000000.db")
    _aged(good, 10_000)
    older_good = backup_file(db_path, folder / "test.before-upgrade-0003.20230101-0.db")
    _aged(older_good, 20_000)
    broken = []
    for i in range(KEEP_COPIES):
        copy = folder / f"test.before-upgrade-0004.2025010{i:02d}.db"
        copy.write_bytes(b"half an upgrade" * 100)
        _aged(copy, 1000 - i)
        broken.append(copy)
    rotate_copies(db_path)
    assert good.exists()
    assert not older_good.exists()  # one good copy is enough
    assert all(copy.exists() for copy in broken)


def test_rotation_keeps_only_the_newest_when_they_open(db_path: Path) -> None:
    folder = backup_dir(db_path)
    made = []
    for i in range(KEEP_COPIES + 2):
        copy = backup_file(db_path, folder / f"test.before-restore.2024-{i:02d}.db")
        _aged(copy, 1000 - i)
        made.append(copy)
    rotate_copies(db_path)
    assert sorted(folder.glob("*.db")) == sorted(made[2:])


def test_a_killed_copy_is_removed_at_the_next_start(db_path: Path) -> None:
    folder = backup_dir(db_path)
    folder.mkdir(parents=True)
    # A copy killed mid-way by this program (a process that no longer runs), one from the
    # program before these names, and the journal SQLite left beside the first.
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    pid = int(dead.stdout)
    killed = folder / f"test.before-upgrade-0004.1.db.{host_name()}~{pid}.part"
    killed.write_bytes(b"x" * 4096)
    journal = killed.with_name(killed.name + "-journal")
    journal.write_bytes(b"j")
    older = folder / "test.before-restore.2.db.part"
    older.write_bytes(b"x")
    beside = db_path.with_name(f"{db_path.name}.{host_name()}~{pid}.part")
    beside.write_bytes(b"x")
    # Being written right now by a running program (this one), from another computer, and
    # a file of someone else's that only looks alike.
    running = part_path(folder / "test.before-restore.3.db")
    running.write_bytes(b"x")
    elsewhere = folder / "test.before-restore.4.db.office-pc~12.part"
    elsewhere.write_bytes(b"x")
    other_db = folder / "other.before-restore.5.db.part"
    other_db.write_bytes(b"x")

    open_database(f"sqlite:///{db_path}").dispose()

    assert not killed.exists() and not journal.exists() and not older.exists()
    assert not beside.exists()
    assert running.exists() and elsewhere.exists() and other_db.exists()


def test_a_copy_is_readable_by_its_owner_only(db_path: Path, tmp_path: Path) -> None:
    copy = backup_file(db_path, tmp_path / "out" / "copy.db")
    assert copy.stat().st_mode & 0o777 == 0o600
    con = sqlite3.connect(copy)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        con.close()


def test_a_failed_copy_leaves_no_partial_file(db_path: Path, tmp_path: Path) -> None:
    """The target folder is on a full disk: the copy fails and nothing is left behind."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("needs root to mount a small file system")
    small = tmp_path / "small"
    small.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(small)], check=True)
    try:
        con = sqlite3.connect(db_path)
        con.execute("CREATE TABLE filler (x BLOB)")
        con.execute("INSERT INTO filler VALUES (randomblob(400000))")
        con.commit()
        con.close()
        with pytest.raises(sqlite3.Error, match="full"):
            backup_file(db_path, small / "copy.db")
        assert list(small.iterdir()) == []
    finally:
        subprocess.run(["umount", str(small)], check=True)


def test_a_new_database_a_restored_one_and_a_visit_export_are_private(cli, tmp_path: Path):
    """Created readable by the user only (0600), with their journal and WAL files."""
    import os

    old = os.umask(0o022)
    try:
        path = tmp_path / "new" / "studyvisit.db"
        assert cli("--db", path, "demo").code == 0
        assert path.stat().st_mode & 0o777 == 0o600
        for extra in (Path(f"{path}-wal"), Path(f"{path}-shm")):
            if extra.exists():
                assert extra.stat().st_mode & 0o077 == 0, extra
        backup = tmp_path / "monday.db"
        assert cli("--db", path, "backup", "--out", backup).code == 0
        assert backup.stat().st_mode & 0o777 == 0o600
        restored = tmp_path / "elsewhere" / "restored.db"
        restored.parent.mkdir()
        assert cli("--db", restored, "restore", backup).code == 0
        assert restored.stat().st_mode & 0o777 == 0o600
        out = tmp_path / "visit.json"
        assert (
            cli(
                "--db",
                path,
                "export",
                "visit",
                "DEMO-BERGEN-2014",
                "--out",
                out,
                "--include-sensitive",
            ).code
            == 0
        )
        assert out.stat().st_mode & 0o777 == 0o600
    finally:
        os.umask(old)
