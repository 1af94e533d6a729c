"""Choosing the database (--db, STUDYVISIT_DB) and what a script is told when it is the
wrong kind of file; plus the real ``python -m app`` process."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_studyvisit_db_variable_chooses_the_database(cli, tmp_path, monkeypatch):
    chosen = tmp_path / "from-env" / "visits.db"
    monkeypatch.setenv("STUDYVISIT_DB", str(chosen))
    assert cli("visits", "list").code == 0
    assert chosen.is_file()  # the folder was created and the schema put in


def test_without_db_the_file_in_the_data_folder_is_used(cli, tmp_path, monkeypatch):
    monkeypatch.delenv("STUDYVISIT_DB", raising=False)
    assert cli("visits", "list").code == 0
    assert (tmp_path / "data" / "studyvisit.db").is_file()


def test_a_file_that_is_not_a_database_is_refused_untouched(cli, tmp_path):
    notes = tmp_path / "notes.db"
    notes.write_text("Bergen, 2.–5. aprīlis\n" * 50, encoding="utf-8")
    before = notes.read_bytes()
    run = cli("--db", notes, "visits", "list")
    assert run.code == 2
    assert run.err.count("\n") == 1
    assert "not a Study Visit Planner database" in run.err and "restore" in run.err
    assert notes.read_bytes() == before


def test_another_programs_database_is_refused(cli, tmp_path):
    other = tmp_path / "other.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE contacts (name TEXT)")
    con.commit()
    con.close()
    run = cli("--db", other, "visits", "list")
    assert run.code == 2 and "not a Study Visit Planner database" in run.err


def test_a_database_from_a_newer_program_is_refused(cli, db_path):
    con = sqlite3.connect(db_path)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    run = cli("--db", db_path, "visits", "list")
    assert run.code == 2 and run.err.count("\n") == 1
    assert "newer version" in run.err and "9999" in run.err


def test_db_upgrade_prints_the_revision(cli, tmp_path):
    run = cli("--db", tmp_path / "new.db", "db", "upgrade")
    assert run.code == 0
    from db.schema import HEAD

    assert f"revision {HEAD}" in run.out


def test_file_commands_explain_they_are_for_sqlite_files(cli, tmp_path):
    url = "postgresql+psycopg://planner:secret@localhost/visits"
    for argv in (
        ("backup", "--out", tmp_path / "b.db"),
        ("restore", tmp_path / "b.db"),
        ("check",),
    ):
        run = cli("--db", url, *argv)
        assert run.code == 2, argv
        assert "SQLite" in run.err and run.err.count("\n") == 1
        assert "secret" not in run.err


def run_module(*argv: str, env_extra: dict[str, str] | None = None):
    env = {**os.environ, "STUDYVISIT_LANG": "en", **(env_extra or {})}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, "-m", "app", *argv],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=ROOT,
        timeout=60,
    )


def test_python_m_app_lists_visits_as_json(tmp_path):
    result = run_module("--db", str(tmp_path / "p.db"), "visits", "list", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


def test_python_m_app_bad_input_is_one_line_without_traceback(tmp_path):
    result = run_module(
        "--db", str(tmp_path / "p.db"), "export", "visit", "NAV", "--out", str(tmp_path / "x.json")
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1 and "NAV" in result.stderr


def test_messages_follow_the_interface_language(cli, tmp_path, monkeypatch):
    from app import i18n

    missing = tmp_path / "nav.db"
    msgid = "There is no database at {path}."
    latvian = i18n.catalog("lv").gettext(msgid)
    assert latvian != msgid  # the Latvian catalogue has it
    monkeypatch.setenv("STUDYVISIT_LANG", "lv")
    run = cli("--db", missing, "check")
    assert run.code == 2 and run.err.strip() == latvian.format(path=missing)
    monkeypatch.setenv("STUDYVISIT_LANG", "en")
    run = cli("--db", missing, "check")
    assert run.err.strip() == msgid.format(path=missing)


def test_unreachable_database_server_is_one_line_without_the_password(cli):
    run = cli("--db", "postgresql+psycopg://planner:secret@127.0.0.1:1/visits", "visits", "list")
    assert run.code == 2 and run.err.count("\n") == 1
    assert "Cannot connect" in run.err and "planner@127.0.0.1:1/visits" in run.err
    assert "secret" not in run.err
