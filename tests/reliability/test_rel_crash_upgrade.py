"""A start killed at any step — the very first start, or an upgrade from any old revision —
leaves a database the next start opens: the untouched old file or the fully upgraded one,
never something between, and every automatic copy beside it opens too.

Each case forks a child that sends itself SIGKILL just before its N-th SQL statement or file
operation (tests/reliability/crashkit.py). ``STUDYVISIT_CRASH_CASES=0`` kills at every step
of every start (about 3 000 cases, half an hour here); by default a few kills per start are
spread over its steps, always including both sides of each COMMIT, to keep the run short.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from db.schema import REVISIONS

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL")

ROOT = Path(__file__).resolve().parents[2]
CASES_PER_START = int(os.environ.get("STUDYVISIT_CRASH_CASES", "6"))
FULL = CASES_PER_START == 0
# Files written by ``studyvisit backup`` (rollback journal) for every old revision; a file
# the program itself wrote (WAL) for the oldest, or for all in the full sweep.
STARTS = (
    [("new", "delete")]
    + [(r, "delete") for r in REVISIONS[:-1]]
    + [(r, "wal") for r in (REVISIONS[:-1] if FULL else REVISIONS[:1])]
)


@pytest.mark.parametrize(("revision", "journal"), STARTS)
def test_a_killed_start_leaves_the_old_or_the_upgraded_database(
    tmp_path: Path, revision: str, journal: str
) -> None:
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.reliability.crashkit",
            str(tmp_path / "work"),
            revision,
            journal,
            str(CASES_PER_START),
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=3600,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    lines = [json.loads(line) for line in run.stdout.splitlines()]
    summary = lines[-1]["summary"]
    assert summary["held"] == summary["tried"], summary["failures"]
    assert summary["tried"] >= min(CASES_PER_START, summary["steps"]) or FULL
    # Kills landed before the upgrade committed (the old file) and after it (the new one);
    # a first start's last step is its COMMIT, so a kill there finds no database yet.
    states = {case["state"] for case in lines[:-1]}
    assert states == ({"old"} if revision == "new" else {"old", "new"})
