"""A coordinator never loses an edit to a killed program, and a killed program never leaves a
database that will not open: every writing operation killed with SIGKILL at many moments.

The operations and the checks after each kill are in ``tests/reliability/killkit.py``: an
upgrade from the oldest schema to the head, a backup, a restore of an old backup, a
20,000-line participant import (then undone and redone), a visit file replacing a visit,
programme edits and undos, the Report tab's texts saved by the window, a budget exported as
PDF and XLSX. Each is killed at steps (before the N-th SQL statement or file operation, both
sides of COMMITs included) and at moments drawn from a fixed seed (then a kill can land
inside a COMMIT, a copy or a rename). After each kill: the database opens with the program's
own open path, passes the integrity and foreign-key checks, is at a known revision, holds a
whole state (before, after, or after a whole step of a series), the next start brings it to
the head, and a backup, kept copy or export is whole under its name or absent.

By default a few kills per operation keep the module short (CI). The long campaign:

    STUDYVISIT_KILL_CASES=40 pytest tests/reliability/test_rel_kill_campaign.py

gives each operation that many step kills and as many timed ones (``STUDYVISIT_KILL_SEED``
draws other moments; every case's line is kept in the work folder's ``cases.jsonl``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL")

ROOT = Path(__file__).resolve().parents[2]
CASES = int(os.environ.get("STUDYVISIT_KILL_CASES", "0"))
SEED = int(os.environ.get("STUDYVISIT_KILL_SEED", "20261206"))
# (operation, step kills, timed kills) in CI; the long run gives each CASES of both.
OPERATIONS = [
    ("upgrade", 3, 3),
    ("backup", 2, 4),
    ("restore", 2, 4),
    ("participants", 0, 3),
    ("visit-file", 2, 3),
    ("programme", 2, 3),
    ("report-text", 2, 2),
    ("export-pdf", 1, 3),
    ("export-xlsx", 1, 3),
]


@pytest.fixture(scope="module")
def campaign(tmp_path_factory: pytest.TempPathFactory, demo_template: Path) -> dict[str, Any]:
    """Every operation killed in one child process (the program loaded once): each
    operation's summary and its cases, by name."""
    work = tmp_path_factory.mktemp("kill")
    plans = [f"{op}:{CASES or s}:{CASES or t}" for op, s, t in OPERATIONS]
    run = subprocess.run(
        [sys.executable, "-m", "tests.reliability.killkit", str(work), str(SEED), *plans],
        cwd=ROOT,
        env={
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "STUDYVISIT_KILL_DEMO": str(demo_template),
            "STUDYVISIT_DATA": str(work / "data"),
            "STUDYVISIT_CONFIG": str(work / "config"),
            "QT_QPA_PLATFORM": "offscreen",
        },
        capture_output=True,
        text=True,
        timeout=7200,
    )
    (work / "cases.jsonl").write_text(run.stdout, encoding="utf-8")
    assert run.returncode == 0, run.stderr[-3000:]
    found: dict[str, Any] = {}
    cases: list[dict[str, Any]] = []
    for line in run.stdout.splitlines():
        entry = json.loads(line)
        if "summary" in entry:
            found[entry["summary"]["operation"]] = (entry["summary"], cases)
            cases = []
        else:
            cases.append(entry)
    return found


@pytest.mark.parametrize(
    ("operation", "steps", "timed"), OPERATIONS, ids=[op for op, _s, _t in OPERATIONS]
)
def test_a_killed_operation_leaves_a_whole_state_that_opens(
    campaign: dict[str, Any], operation: str, steps: int, timed: int
) -> None:
    summary, cases = campaign[operation]
    assert summary["held"] == summary["tried"], summary["failures"]
    wanted = (CASES or steps) + (CASES or timed)
    # Steps either side of a COMMIT come on top; two spread steps may coincide.
    assert summary["tried"] >= wanted - 1, summary
    # A step kill lands while the operation runs (a window's run may end a step short);
    # a timed one may come after the end on a busy machine, and must hold all the same.
    at_steps = [case for case in cases if case["mode"] == "step"]
    assert sum(case["killed"] for case in at_steps) >= len(at_steps) - 1, summary


def test_the_upgrade_killed_goes_from_the_oldest_revision_to_the_one_head() -> None:
    """The campaign upgrades from ``REVISIONS[0]`` to ``HEAD``: both must be what Alembic's
    scripts say, with one head, so a migration added later is killed too (and a
    ``REVISIONS`` not extended with it is found here rather than by a refused start)."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from db.schema import HEAD, MIGRATIONS_DIR, REVISIONS

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    scripts = ScriptDirectory.from_config(cfg)
    assert scripts.get_heads() == [HEAD]
    chain = [script.revision for script in scripts.walk_revisions("base", "heads")]
    assert tuple(reversed(chain)) == REVISIONS


def test_a_killed_window_leaves_a_lock_the_next_start_takes_over(tmp_path: Path) -> None:
    """A window killed while it holds its database (a flat battery) leaves its lock file
    behind: the next start takes it over (the process is gone), and ``restore`` is not
    refused in the dead window's name."""
    import signal
    import textwrap

    from app.window_lock import holder
    from ui.app import acquire_lock, lock_path

    db_file = tmp_path / "studyvisit.db"
    script = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        from pathlib import Path
        from ui.app import acquire_lock
        lock = acquire_lock(Path({str(db_file)!r}))
        print("locked" if lock is not None else "refused", flush=True)
        sys.stdin.readline()
    """)
    window = subprocess.Popen(
        [sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert window.stdout is not None and window.stdout.readline().strip() == "locked"
        assert holder(db_file) is not None
    finally:
        window.send_signal(signal.SIGKILL)
        window.wait(timeout=10)
    assert lock_path(db_file).exists()  # left behind by the killed window
    assert holder(db_file) is None
    lock = acquire_lock(db_file)
    assert lock is not None
    lock.unlock()
