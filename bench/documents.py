"""How fast the delegates' documents are made; prints the figures against the targets.

Targets (issue 4): the demo Bergen programme in-process ≤ 150 ms; the whole
``studyvisit export programme`` process ≤ 0.5 s; 50 personal itineraries ≤ 2 s; a 40-item,
5-day programme for 60 participants ≤ 300 ms. In-process figures are the median of several
runs after a first one (fonts registered, modules imported), which is also printed.
Run: ``python bench/documents.py``.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from timing import child_runs

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

RUNS = 5
BERGEN = "DEMO-BERGEN-2014"


def timed(work: Callable[[], Any], runs: int = RUNS) -> tuple[float, float, float]:
    """(first run, median of the next ``runs``, median CPU time of those) in seconds.

    CPU time is printed beside wall time because a busy machine (other test runs) stretches
    wall time while the work itself stays the same.
    """
    start = time.perf_counter()
    work()
    first = time.perf_counter() - start
    times, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        work()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return first, statistics.median(times), statistics.median(cpu)


def big_visit(items: int, days: int, people: int, code: str) -> dict[str, Any]:
    """A visit file like the Bergen demo, stretched to ``items`` over ``days`` for ``people``."""
    base = json.loads((ROOT / "app" / "demo_data" / "bergen-2014.json").read_text("utf-8"))
    doc = copy.deepcopy(base)
    doc["visit"]["code"] = code
    start = dt.date(2026, 4, 6)
    doc["visit"]["start_date"] = start.isoformat()
    doc["visit"]["end_date"] = (start + dt.timedelta(days=days - 1)).isoformat()
    template = base["people"][2]
    doc["people"] = [base["people"][0], base["people"][1]]
    for n in range(people - 2):
        person = copy.deepcopy(template)
        person.update(
            key=f"p-gen-{n}",
            given_name=f"Delegāts{n}",
            family_name=f"Ozoliņš{n}",
            email=f"delegats{n}@example.lv",
            status="confirmed",
        )
        doc["people"].append(person)
    keys = [p["key"] for p in doc["people"]]
    per_day = max(items // days, 1)
    programme = []
    sources = base["programme"]
    for n in range(items):
        day = start + dt.timedelta(days=n // per_day)
        hour = 8 + (n % per_day) * 1.5
        item = copy.deepcopy(sources[n % len(sources)])
        begins = dt.datetime.combine(day, dt.time(int(hour), int(hour % 1 * 60)))
        item.update(
            key=f"i-gen-{n}",
            starts=begins.strftime("%Y-%m-%dT%H:%M"),
            ends=(begins + dt.timedelta(minutes=80)).strftime("%Y-%m-%dT%H:%M"),
        )
        item.pop("outcome", None)
        if n % 7 == 3 or item.get("attendees") != "all":  # some for a part of the group
            item["attendees"] = keys[: len(keys) // 2]
        programme.append(item)
    doc["programme"] = programme
    last = start + dt.timedelta(days=days - 1)
    for leg in doc["travel"]:
        for end in ("from", "to"):
            at = dt.datetime.fromisoformat(leg[end]["at"])
            day = start if at.date() == dt.date(2014, 4, 2) else last
            leg[end]["at"] = dt.datetime.combine(day, at.time()).strftime("%Y-%m-%dT%H:%M")
    stay = doc["stays"][0]
    stay["check_in"], stay["check_out"] = start.isoformat(), last.isoformat()
    stay["rooms"] = [
        {"label": str(100 + i // 2), "type": "twin", "occupants": keys[i : i + 2]}
        for i in range(0, len(keys), 2)
    ]
    doc.pop("budget", None)
    doc.pop("report", None)
    return doc


def main() -> int:
    from app.demo import load_demo
    from app.documents.itinerary import build_itineraries
    from app.documents.programme import build_programme
    from app.interchange.visit_file import import_visit
    from db.engine import Database
    from db.schema import ensure_schema

    folder = Path(tempfile.mkdtemp(prefix="bench-documents-"))
    try:
        path = folder / "bench.db"
        ensure_schema(f"sqlite:///{path}")
        db = Database(f"sqlite:///{path}")
        load_demo(db)
        import_visit(db, json.dumps(big_visit(40, 5, 60, "BENCH-40x60")))
        import_visit(db, json.dumps(big_visit(20, 4, 50, "BENCH-50")))
        out = folder / "out.pdf"
        results = []

        first, median, cpu = timed(lambda: build_programme(db, BERGEN, out, lang="lv"))
        results.append(("Bergen programme, in-process", median, 0.150, first, cpu))
        first, median, cpu = timed(lambda: build_programme(db, "BENCH-40x60", out, lang="lv"))
        results.append(("40 items, 5 days, 60 people", median, 0.300, first, cpu))
        first, median, cpu = timed(
            lambda: build_itineraries(db, "BENCH-50", out, lang="lv"), runs=3
        )
        results.append(("50 personal itineraries", median, 2.0, first, cpu))
        db.dispose()

        command = [str(ROOT / ".venv" / "bin" / "studyvisit")]
        if not Path(command[0]).exists():
            command = [sys.executable, "-m", "app"]
        env = dict(
            os.environ,
            PYTHONPATH=str(ROOT),
            STUDYVISIT_DATA=str(folder / "data"),
            STUDYVISIT_CONFIG=str(folder / "config"),
        )
        args = ["--db", str(path), "export", "programme", BERGEN, "--out", str(out)]
        alone = [
            sys.executable,
            "-c",
            "import sys, app.cli as cli; cli.EXTENSIONS = ('app.cli_documents',); "
            "raise SystemExit(cli.main(sys.argv[1:]))",
        ]
        for name, argv in (
            ("`studyvisit export programme` process", [*command, *args]),
            ("  the same, documents' sub-commands only", [*alone, *args]),
        ):
            times, cpu = child_runs(argv, env, RUNS)
            results.append((name, statistics.median(times), 0.5, times[0], statistics.median(cpu)))

        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        print(f"load average {load:.2f} on {os.cpu_count()} CPUs (figures grow with it)")
        print(f"{'document':42} {'median':>9} {'cpu':>9} {'target':>8} {'first':>8}")
        for name, value, target, first_run, cpu_time in results:
            verdict = "ok" if value <= target else "SLOW"
            print(
                f"{name:42} {value * 1000:6.0f} ms {cpu_time * 1000:6.0f} ms "
                f"{target * 1000:5.0f} ms {first_run * 1000:5.0f} ms  {verdict}"
            )
        return 0
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
