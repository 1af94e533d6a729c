"""Failures of the storage told in one sentence: never the SQL, never a stored value (a date
of birth, an ID-document number), the details masked in a log file the sentence names; a
full disk is a full disk (not "damaged, restore a backup"), and nothing is changed."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from app.failures import kind, log_path, mask, sentence
from tests.interchange.visit_sample import SAMPLE
from tests.reliability.conftest import fill

SECRETS = ("LV1234567", "1980-05-01", "1980")


def _visit_file(tmp_path: Path, code: str = "T-BERGEN") -> Path:
    doc = json.loads(json.dumps(SAMPLE))
    doc["visit"]["code"] = code
    path = tmp_path / f"{code}.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert all(secret in path.read_text(encoding="utf-8") for secret in SECRETS[:2])
    return path


def _codes(path: Path) -> list[str]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return sorted(r[0] for r in con.execute("SELECT code FROM visit"))
    finally:
        con.close()


def _says_no_secret(text: str) -> None:
    for leak in (*SECRETS, "INSERT", "SELECT", "[SQL", "parameters", "Traceback"):
        assert leak not in text, (leak, text)


def test_import_into_a_read_only_database_shows_no_sql_and_no_personal_data(
    cli, db_path, tmp_path, immutable
):
    visit_file = _visit_file(tmp_path)
    con = sqlite3.connect(db_path)  # as the program leaves it: in WAL mode
    con.execute("PRAGMA journal_mode=WAL")
    con.close()
    immutable(db_path)
    run = cli("--db", db_path, "import", "visit", visit_file)
    assert run.code == 2 and run.err.count("\n") == 1, run.err
    _says_no_secret(run.err)
    log = log_path()
    assert "cannot be written to" in run.err and str(log) in run.err
    assert log.stat().st_mode & 0o777 == 0o600
    logged = log.read_text(encoding="utf-8")
    _says_no_secret(logged.replace("INSERT", "").replace("SELECT", "").replace("parameters", ""))
    assert "INSERT INTO" in logged and "readonly database" in logged  # the detail is there
    assert _codes(db_path) == []


def test_a_full_disk_is_reported_as_full_not_damaged_and_changes_nothing(
    cli, db_path, tmp_path, small_disk
):
    disk = small_disk(4096)
    path = disk / "studyvisit.db"
    shutil.copyfile(db_path, path)
    assert cli("--db", path, "import", "visit", _visit_file(tmp_path, "FIRST")).code == 0
    fill(disk)
    run = cli("--db", path, "import", "visit", _visit_file(tmp_path, "SECOND"))
    assert run.code == 2, run.err
    assert "is full" in run.err and str(disk) in run.err
    assert "is damaged" not in run.err and "restore" not in run.err
    _says_no_secret(run.err)
    (disk / "filler.bin").unlink()
    assert _codes(path) == ["FIRST"]
    assert cli("--db", path, "check").out.strip() == "ok"


def test_a_backup_onto_a_full_disk_says_so_and_leaves_no_file(
    cli, db, db_path, tmp_path, small_disk
):
    from tests.reliability.test_rel_backup import add_visit

    for i in range(30):
        add_visit(db, f"V{i:03d}")
    disk = small_disk(64)
    fill(disk, leave=8192)
    run = cli("--db", db_path, "backup", "--out", disk / "copy.db")
    assert run.code == 2 and "is full" in run.err, run.err
    assert sorted(p.name for p in disk.iterdir()) == ["filler.bin"]


def test_an_upgrade_on_a_full_disk_says_full_and_leaves_the_old_file(tmp_path, small_disk):
    from app.storage import StorageError, open_database
    from tests.reliability.crashkit import dump, make_old_database

    disk = small_disk(2048)
    path = disk / "old.db"
    make_old_database(path, "0001", "delete")
    before = dump(path)
    fill(disk, leave=4096)
    with pytest.raises(StorageError) as caught:
        open_database(f"sqlite:///{path}")
    message = str(caught.value)
    assert "is full" in message and "is damaged" not in message, message
    (disk / "filler.bin").unlink()
    assert dump(path) == before


def test_kinds_and_masking() -> None:
    full = sqlite3.OperationalError("database or disk is full")
    assert kind(full) == "disk_full" and kind(OSError(28, "No space left on device")) == "disk_full"
    assert kind(sqlite3.OperationalError("attempt to write a readonly database")) == "read_only"
    assert kind(ValueError("x")) == "other"
    assert "is full" in sentence(full, "/srv/data/studyvisit.db")
    masked = mask(
        "Key (code, id_document)=(LPS-1, LV1234567) already exists; "
        "value 'Anna Bērziņa' born 1980-05-01"
    )
    assert "LV1234567" not in masked and "Anna" not in masked and "1980" not in masked
    assert "(code, id_document)" in masked
