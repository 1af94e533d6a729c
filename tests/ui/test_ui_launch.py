"""``studyvisit`` (``ui.launch``): the window with no command, the command line otherwise;
``python -m app`` is the command line alone, because ``app`` never imports ``ui``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(module: str, *argv: str, **env_extra: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "STUDYVISIT_LANG": "en", **env_extra}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, "-m", module, *argv],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=ROOT,
        timeout=60,
    )


def test_no_command_opens_the_window_on_the_database_named(db, db_path, tmp_path):
    from app.services import visits

    visits.create_visit(
        db,
        code="RIGA-1",
        title="Rīga",
        timezone="Europe/Riga",
        start_date="2027-04-06",
        end_date="2027-04-09",
    )  # no demo offer
    db.dispose()
    report = tmp_path / "shown.json"
    result = run(
        "ui", "--db", str(db_path), QT_QPA_PLATFORM="offscreen", STUDYVISIT_SELFTEST=str(report)
    )
    assert result.returncode == 0, result.stderr
    shown = json.loads(report.read_text(encoding="utf-8"))
    assert db_path.name in shown["title"] or "Study Visit Planner" in shown["title"]
    assert shown["colours"] > 2


def test_a_command_runs_the_command_line_without_qt(tmp_path):
    result = run("ui", "--db", str(tmp_path / "p.db"), "visits", "list", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


def test_no_screen_is_one_sentence(tmp_path, monkeypatch):
    from ui import launch

    for var in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(var, raising=False)
    if not sys.platform.startswith("linux"):
        return
    assert launch.main(["--db", str(tmp_path / "p.db")]) == 2
    assert not (tmp_path / "p.db").exists()


def test_python_m_app_without_a_command_says_how_to_open_the_window(tmp_path):
    result = run("app", "--db", str(tmp_path / "p.db"))
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "Name a command (python -m app --help); the window opens with studyvisit or python -m ui."
    )
    assert "PySide6" not in result.stderr
