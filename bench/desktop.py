"""The desktop on a large database: a generator, and the issue's timing targets, printed.

    python bench/desktop.py [--db PATH] [--fresh]

Generates (once, or again with ``--fresh``) a database of 10,000 visits, 200,000 programme
items and 50,000 people with plain ``executemany`` on a migrated file (the ORM would take
minutes), then starts the window in a separate process, offscreen, and prints:

- the main window painted, from process start (target ≤ 0.8 s);
- the visits register filtered by text (target ≤ 100 ms per keystroke);
- a visit workspace opened (target ≤ 150 ms), and its Programme tab shown;
- the resident memory of that process (target ≤ 250 MB).

Figures, not timed tests: the machine's load changes them; the median of a few runs is shown.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from bench_db import PLACES, WINDOW_CHILD, BenchDatabase, window_child

ROOT = Path(__file__).resolve().parents[1]
VISITS, ITEMS_PER_VISIT, PEOPLE, ORGANISATIONS, PER_VISIT = 10_000, 20, 50_000, 2_000, 12
TARGETS = {
    "painted_s": 0.8,
    "filter_ms": 100.0,
    "workspace_ms": 150.0,
    "first_open_ms": 150.0,
    "programme_ms": 150.0,
    "rss_mb": 250.0,
}
RUNS = 3

GIVEN = [
    "Jānis",
    "Anna",
    "Līga",
    "Gints",
    "Ilze",
    "Kārlis",
    "Dace",
    "Māris",
    "Ārija",
    "Edgars",
    "Zaiga",
    "Ģirts",
    "Santa",
    "Uldis",
    "Inese",
    "Normunds",
]
FAMILY = [
    "Bērziņš",
    "Kalniņa",
    "Ozoliņš",
    "Liepa",
    "Krūmiņš",
    "Eglīte",
    "Šteinberga",
    "Vītols",
    "Zariņa",
    "Pudža",
    "Čakste",
    "Grīnbergs",
    "Ivanovs",
    "Kalva",
]
TOPICS = [
    "atkritumu apsaimniekošana",
    "reģionālā attīstība",
    "klasteri",
    "izglītība",
    "sabiedriskais transports",
    "digitalizācija",
    "sociālie pakalpojumi",
]
STATUSES = ["draft", "planned", "confirmed", "completed", "reported"]


def generate(path: Path) -> float:
    """A migrated file filled with plain SQL; returns the seconds it took."""
    db = BenchDatabase(path, seed=2026)
    rng, now = db.rng, db.now
    db.organisations(
        (n, f"{rng.choice(PLACES)[1]} iestāde {n}", rng.choice(PLACES)[0], rng.choice(PLACES)[1])
        for n in range(1, ORGANISATIONS + 1)
    )
    db.insert(
        "person",
        (
            "id",
            "given_name",
            "family_name",
            "organisation_id",
            "email",
            "id_document",
            "created_at",
            "updated_at",
            "uuid",
        ),
        [
            (
                n,
                rng.choice(GIVEN),
                rng.choice(FAMILY),
                rng.randint(1, ORGANISATIONS),
                f"person{n}@example.lv",
                f"LV{rng.randint(1000000, 9999999)}",
                now,
                now,
                db.uid(),
            )
            for n in range(1, PEOPLE + 1)
        ],
        {"version": 1},
    )
    visits, items, parts = [], [], []
    item_id = part_id = 0
    for n in range(1, VISITS + 1):
        country, city, zone = rng.choice(PLACES)
        start = dt.date(2005, 1, 1) + dt.timedelta(days=rng.randint(0, 365 * 22))
        days = rng.randint(1, 5)
        visits.append(
            (
                n,
                f"V-{n:05d}",
                f"Pieredzes apmaiņa {city} – {rng.choice(TOPICS)}",
                "study_visit",
                "outgoing",
                rng.choice(STATUSES),
                country,
                city,
                zone,
                start.isoformat(),
                (start + dt.timedelta(days=days - 1)).isoformat(),
                rng.randint(1, ORGANISATIONS),
                "EUR",
                now,
                now,
                db.uid(),
            )
        )
        for k in range(ITEMS_PER_VISIT):
            day = start + dt.timedelta(days=k % days)
            item_id += 1
            items.append(
                (
                    item_id,
                    n,
                    *db.item_times(day, 8 + (k // days) % 12, zone),
                    "meeting",
                    f"Tikšanās nr. {k + 1}: {rng.choice(TOPICS)}",
                    rng.randint(1, ORGANISATIONS),
                    f"Zāle {k % 7 + 1}",
                    now,
                    now,
                    db.uid(),
                )
            )
        for person in rng.sample(range(1, PEOPLE + 1), PER_VISIT):
            part_id += 1
            parts.append((part_id, n, person, "delegate", rng.choice(["confirmed", "invited"])))
    db.insert(
        "visit",
        (
            "id",
            "code",
            "title",
            "kind",
            "direction",
            "status",
            "country",
            "city",
            "timezone",
            "start_date",
            "end_date",
            "organiser_id",
            "base_currency",
            "created_at",
            "updated_at",
            "uuid",
        ),
        visits,
        {"version": 1},
    )
    db.insert(
        "programme_item",
        (
            "id",
            "visit_id",
            "starts",
            "ends",
            "timezone",
            "starts_utc",
            "ends_utc",
            "kind",
            "title",
            "host_id",
            "venue",
            "created_at",
            "updated_at",
            "uuid",
        ),
        items,
        {"attendees_all": 1, "interpreter": 0, "confirmed": 0, "version": 1},
    )
    db.participations(parts)
    return db.close()


CHILD = (
    WINDOW_CHILD
    + r"""
window.show()
app.processEvents()
window.grab()
print("painted", flush=True)
t = time.perf_counter()
while time.perf_counter() - t < 1.5:  # the user reads the list; the window warms up
    app.processEvents()
    time.sleep(0.01)
page = window.visits_page
filters = []
for text in ("b", "be", "ber", "berg", "bergen", ""):
    t = time.perf_counter()
    page.filter_edit.setText(text)
    app.processEvents()
    filters.append((time.perf_counter() - t) * 1000)
opens, programmes = [], []
for visit_id in (17, 4242, 9001):
    t = time.perf_counter()
    window.open_visit(visit_id)
    app.processEvents()
    opens.append((time.perf_counter() - t) * 1000)
    t = time.perf_counter()
    window.workspace.tabs.setCurrentIndex(1)
    app.processEvents()
    programmes.append((time.perf_counter() - t) * 1000)
rss = 0.0
with open("/proc/self/status") as fh:
    for line in fh:
        if line.startswith("VmRSS:"):
            rss = int(line.split()[1]) / 1024
print(json.dumps({{"filter_ms": max(filters[1:]), "workspace_ms": max(opens),
                  "first_open_ms": opens[0], "programme_ms": max(programmes),
                  "rss_mb": rss, "visits": page.model.rowCount()}}), flush=True)
"""
)


def measure(path: Path) -> dict[str, float]:
    argv, env = window_child(CHILD, path)
    started = time.perf_counter()
    child = subprocess.Popen(
        argv,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    assert child.stdout is not None
    painted = None
    result: dict[str, float] = {}
    for line in child.stdout:
        if line.strip() == "painted":
            painted = time.perf_counter() - started
        elif line.startswith("{"):
            result = json.loads(line)
    child.wait()
    if painted is None:
        raise SystemExit("the window did not start; run it by hand to see why")
    result["painted_s"] = painted
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default=str(Path(tempfile.gettempdir()) / "studyvisit-large.db"))
    parser.add_argument("--fresh", action="store_true", help="generate the database again")
    args = parser.parse_args()
    path = Path(args.db)
    if args.fresh or not path.exists():
        seconds = generate(path)
        print(
            f"generated {path} in {seconds:.1f} s: {VISITS:,} visits, "
            f"{VISITS * ITEMS_PER_VISIT:,} programme items, {PEOPLE:,} people, "
            f"{path.stat().st_size / 1e6:.0f} MB"
        )
    runs = [measure(path) for _ in range(RUNS)]
    print(f"visits in the register: {int(runs[0].get('visits', 0)):,}")
    for key, label, unit in (
        ("painted_s", "main window painted from process start", "s"),
        ("filter_ms", "register filtered by text (slowest keystroke)", "ms"),
        ("workspace_ms", "visit workspace opened (slowest of 3)", "ms"),
        ("first_open_ms", "  of which the first visit opened", "ms"),
        ("programme_ms", "its Programme tab shown (20 items, checks)", "ms"),
        ("rss_mb", "resident memory", "MB"),
    ):
        value = statistics.median(run[key] for run in runs)
        verdict = "ok" if value <= TARGETS[key] else "OVER"
        print(f"{label:48} {value:8.2f} {unit:2}  target ≤ {TARGETS[key]:g} {unit}  {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
