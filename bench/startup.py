"""How long ``studyvisit --db small.db visits list`` takes, and what it imported.

A coordinator opens the program many times a day and scripts call the command line, so the
start-up cost is watched (target: 0.6 s on a small database, docs/architecture.md). Prints the median
wall time of 5 runs and, from ``python -X importtime``, the heavy modules that were
imported with their cumulative import time. Run: ``python bench/startup.py``.

The built one-folder program (``build.spec``) is timed the same way beside the source run,
when it exists: ``dist/studyvisit/studyvisit``, or ``--frozen PATH`` to the executable.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from timing import child_runs

ROOT = Path(__file__).resolve().parents[1]
RUNS = 5
WINDOW_RUNS = 3
TARGET_SECONDS = 0.6
HEAVY = (
    "sqlalchemy",
    "sqlalchemy.orm",
    "alembic",
    "PySide6",
    "reportlab",
    "babel",
    "openpyxl",
    "icalendar",
)


def command() -> list[str]:
    """The installed ``studyvisit`` script (as a user runs it), else ``python -m app``."""
    for candidate in (ROOT / ".venv" / "bin" / "studyvisit", shutil.which("studyvisit")):
        if candidate and Path(candidate).exists():
            return [str(candidate)]
    return [sys.executable, "-m", "app"]


def frozen_command(given: str | None) -> list[str] | None:
    """The built program's executable, when there is one."""
    name = "studyvisit.exe" if sys.platform == "win32" else "studyvisit"
    candidate = Path(given) if given else ROOT / "dist" / "studyvisit" / name
    if candidate.is_dir():
        candidate = candidate / name
    return [str(candidate)] if candidate.is_file() else None


def environment(data: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env["STUDYVISIT_DATA"] = str(data / "data")
    env["STUDYVISIT_CONFIG"] = str(data / "config")
    return env


def make_small_database(path: Path, env: dict[str, str]) -> str:
    """The demo visits when the demo loader exists, else a handful of plain visits."""
    demo = subprocess.run(
        [*command(), "--db", str(path), "demo"], env=env, capture_output=True, text=True
    )
    if demo.returncode == 0:
        return "demo visits"
    sys.path.insert(0, str(ROOT))
    from app.storage import open_database
    from db.models import Visit

    db = open_database(f"sqlite:///{path}")
    with db.write() as s:
        for i in range(8):
            start = dt.date(2024, 1 + i, 3)
            s.add(
                Visit(
                    code=f"BENCH-{i}",
                    title=f"Pieredzes vizīte {i}",
                    timezone="Europe/Riga",
                    country="NO",
                    city="Bergen",
                    start_date=start,
                    end_date=start + dt.timedelta(days=3),
                )
            )
    db.dispose()
    return "8 plain visits (demo not available)"


def heavy_imports(db_file: Path, env: dict[str, str]) -> dict[str, float]:
    """Cumulative import time (seconds) of each heavy top-level package that was imported."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "app", "--db", str(db_file), "visits", "list"],
        env=env,
        capture_output=True,
        text=True,
    )
    found: dict[str, float] = {}
    for line in result.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        _, cumulative, name = (part.strip() for part in line.split(":", 1)[1].split("|"))
        if name in HEAVY:
            found[name] = int(cumulative) / 1e6
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--frozen",
        metavar="PATH",
        help="the built executable or its folder (default: dist/studyvisit)",
    )
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        env = environment(base)
        db_file = base / "small.db"
        what = make_small_database(db_file, env)
        argv = [*command(), "--db", str(db_file), "visits", "list"]
        subprocess.run(argv, env=env, capture_output=True)  # warm the file cache
        times = child_runs(argv, env, RUNS)[0]
        median = statistics.median(times)
        print(f"database: {what}")
        print(
            f"command: {' '.join(Path(argv[0]).name if i == 0 else a for i, a in enumerate(argv))}"
        )
        print(f"runs: {', '.join(f'{t:.3f}' for t in times)} s")
        print(
            f"median wall time: {median:.3f} s (target {TARGET_SECONDS} s: "
            f"{'met' if median <= TARGET_SECONDS else 'MISSED'})"
        )
        imported = heavy_imports(db_file, env)
        for name in HEAVY:
            state = (
                f"imported, {imported[name]:.3f} s cumulative"
                if name in imported
                else "not imported"
            )
            print(f"  {name:<15} {state}")
        frozen = frozen_command(options.frozen)
        if frozen is None:
            print("built program: none (pyinstaller --noconfirm build.spec makes it)")
            return 0
        for args in (["--version"], ["--db", str(db_file), "visits", "list"]):
            source = statistics.median(child_runs([*command(), *args], env, RUNS)[0])
            subprocess.run([*frozen, *args], env=env, capture_output=True)  # warm
            built = statistics.median(child_runs([*frozen, *args], env, RUNS)[0])
            print(
                f"{' '.join(a for a in args if a != str(db_file)):<22} source {source:.3f} s,"
                f" built program {built:.3f} s (median of {RUNS})"
            )
        source = window_shown([sys.executable, "-m", "ui", "--db", str(db_file)], env, base)
        built = window_shown([*frozen, "--db", str(db_file)], env, base)
        print(
            f"{'window shown':<22} source {source:.3f} s, built program {built:.3f} s "
            f"(median of {WINDOW_RUNS}, offscreen)"
        )
    return 0


def window_shown(argv: list[str], env: dict[str, str], base: Path) -> float:
    """Seconds from the process's start to the window's first paint (the self-test's
    report, ui/selftest.py), offscreen."""
    report = base / "window.json"
    env = {**env, "QT_QPA_PLATFORM": "offscreen", "STUDYVISIT_SELFTEST": str(report)}
    seen = []
    for _ in range(WINDOW_RUNS):
        report.unlink(missing_ok=True)
        result = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=120)
        if result.returncode != 0 or not report.exists():
            raise SystemExit(f"the window did not start: {result.stderr.strip()}")
        seen.append(json.loads(report.read_text(encoding="utf-8"))["shown_after_s"])
    return statistics.median(seen)


if __name__ == "__main__":
    raise SystemExit(main())
