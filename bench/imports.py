"""How long a large participant list takes to import, and how fast a cancel stops it.

    python bench/imports.py [--rows 100000] [--keep DIR]

Writes a semicolon-separated Latvian list of ``--rows`` delegates (300 organisations, every
line a new person) and imports it into a fresh database with the window's own calls:
``read_table``, ``plan`` (every line checked) and ``apply`` (one transaction), then undoes
it. Then the same import again on a fresh database, cancelled when half the lines are
saved: the figure is the time from the cancel to the rolled-back end, and the database's
content is compared with what it held before (it must be identical).

Wall time and this process's CPU time are both printed: on a machine shared with other
work the wall time grows with the load, the CPU time much less.

Measured here (2 cores shared by several jobs, load 7–9), before and after the batched save
(one ORM flush per row before):

    100 000 lines   before: read 0.8 s, check 12.0 s, save 452 s wall (issue 13: 67 s idle)
                    after:  read 0.6 s CPU, check 2.2–2.5 s CPU, save 7.7–8.4 s CPU
                            (27–50 s wall with the load), undo 0.7 s CPU
     20 000 lines   before: save 21.3 s CPU, 81.7 s wall; after: 1.35 s CPU, 4.9 s wall
    cancel at half: stopped 0.26–0.57 s after the cancel, rolled back, database unchanged
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import sqlite3
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

GIVEN = ["Jānis", "Anna", "Līga", "Gints", "Ilze", "Kārlis", "Dace", "Māris", "Ārija"]
FAMILY = ["Bērziņš", "Kalniņa", "Ozoliņš", "Liepa", "Krūmiņš", "Eglīte", "Šteinberga"]


@contextmanager
def timed(figures: dict[str, tuple[float, float]], name: str) -> Iterator[None]:
    wall, cpu = time.perf_counter(), time.process_time()
    yield
    figures[name] = (time.perf_counter() - wall, time.process_time() - cpu)


def write_list(path: Path, rows: int) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh, delimiter=";")
        out.writerow(["Vārds", "Uzvārds", "E-pasts", "Iestāde", "Loma", "Statuss", "Ierašanās"])
        for i in range(rows):
            out.writerow(
                [
                    f"{GIVEN[i % len(GIVEN)]}{i}",
                    f"{FAMILY[i % len(FAMILY)]}{i}",
                    f"d{i}@example.lv",
                    f"Pašvaldība {i % 300}",
                    "delegāts",
                    "apstiprināts",
                    "06.04.2026",
                ]
            )


def fresh_database(folder: Path, name: str) -> tuple[Any, int]:
    from app.services.visits import create_visit
    from db.engine import Database
    from db.schema import ensure_schema

    path = folder / name
    for old in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        old.unlink(missing_ok=True)
    ensure_schema(f"sqlite:///{path}")
    db = Database(f"sqlite:///{path}")
    visit = create_visit(
        db,
        code="BENCH",
        title="Lielā delegācija",
        country="NO",
        city="Bergen",
        timezone="Europe/Oslo",
        start_date=dt.date(2026, 4, 6),
        end_date=dt.date(2026, 4, 9),
    )
    return db, visit.id


def content(db: Any) -> list[str]:
    """Every row of every table, as SQL text (what a cancel must leave unchanged)."""
    assert db.path is not None
    con = sqlite3.connect(db.path)
    try:
        return list(con.iterdump())
    finally:
        con.close()


def cancelled_at_half(db: Any, checked: Any) -> tuple[float, bool]:
    """Run ``apply`` in a thread as the window does, cancel it when half the lines are
    saved; the seconds from the cancel to the end, and whether it raised ``Cancelled``."""
    from app.interchange.participants import apply
    from app.progress import Cancelled

    stop, half = threading.Event(), threading.Event()
    asked: list[float] = []
    ended: list[float] = []
    outcome: list[bool] = []

    def progress(done: int, total: int) -> None:
        if done * 2 >= total:
            half.set()

    def run() -> None:
        try:
            apply(db, checked, progress=progress, cancel=stop.is_set)
            outcome.append(False)
        except Cancelled:
            outcome.append(True)
        ended.append(time.perf_counter())

    worker = threading.Thread(target=run)
    worker.start()
    half.wait()
    asked.append(time.perf_counter())
    stop.set()
    worker.join()
    return ended[0] - asked[0], outcome[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--keep", help="write the files here instead of a temporary folder")
    args = parser.parse_args(argv)
    from app.interchange import participants as imp

    folder = Path(args.keep or tempfile.mkdtemp(prefix="studyvisit-imports-"))
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / f"participants-{args.rows}.csv"
    if not source.exists():
        write_list(source, args.rows)
    figures: dict[str, tuple[float, float]] = {}

    db, visit_id = fresh_database(folder, "import.db")
    with timed(figures, "read"):
        table = imp.read_table(source)
    mapping = imp.guess_mapping(table.headers)
    with timed(figures, "plan"):
        checked = imp.plan(db, visit_id, table, mapping)
    assert checked.ok, checked.problems[:3]
    with timed(figures, "save"):
        made = imp.apply(db, checked)
    assert len(made.participations) == args.rows
    with timed(figures, "undo"):
        imp.undo(db, made)
    db.dispose()

    db, visit_id = fresh_database(folder, "cancel.db")
    before = content(db)
    checked = imp.plan(db, visit_id, table, mapping)
    latency, cancelled = cancelled_at_half(db, checked)
    unchanged = content(db) == before
    db.dispose()

    show: Callable[[str], str] = lambda name: (  # noqa: E731
        f"{figures[name][0]:8.2f} s wall {figures[name][1]:8.2f} s CPU"
    )
    print(f"{args.rows} participant lines, {source.stat().st_size / 1e6:.1f} MB")
    for name, label in (
        ("read", "read the file"),
        ("plan", "check every line"),
        ("save", "save (one transaction)"),
        ("undo", "undo"),
    ):
        print(f"  {label:<24}{show(name)}")
    total = sum(figures[n][0] for n in ("read", "plan", "save"))
    print(f"  {'import in all':<24}{total:8.2f} s wall")
    print(
        f"  cancel at half: stopped {latency * 1000:.0f} ms after the cancel; "
        f"{'rolled back' if cancelled else 'NOT cancelled'}; database "
        f"{'unchanged' if unchanged else 'CHANGED'}"
    )
    return 0 if cancelled and unchanged else 1


if __name__ == "__main__":
    raise SystemExit(main())
