"""``visits list`` reads a current SQLite file with plain SQL (start-up cost): it must give
the same list as the service, soft deletes and participant counts included, and must not
pay for the ORM's model declarations."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

from app.cli_visit_list import read_visits
from app.demo import load_demo
from app.services.visits import list_visits
from db.models import Participation, Person, Visit

ROOT = Path(__file__).resolve().parents[2]


def make_mixed_database(db) -> None:
    """Demo visits plus the cases the count and the filter must get right."""
    load_demo(db)
    with db.write() as s:
        gone = Visit(
            code="GONE",
            title="Dzēsta",
            timezone="Europe/Riga",
            start_date=dt.date(2030, 1, 1),
            end_date=dt.date(2030, 1, 2),
            deleted_at=dt.datetime(2024, 1, 1),
        )
        same_day = Visit(
            code="A-SAME-DAY",
            title="Tajā pašā dienā",
            timezone="Europe/Riga",
            start_date=dt.date(2015, 2, 11),
            end_date=dt.date(2015, 2, 11),
        )
        s.add_all([gone, same_day])
        people = [Person(given_name=f"Anna{i}", family_name="Bērziņa") for i in range(5)]
        people[4].deleted_at = dt.datetime(2024, 1, 1)
        s.add_all(people)
        s.flush()
        for person, status, deleted in (
            (people[0], "confirmed", None),
            (people[1], "attended", None),
            (people[2], "invited", None),
            (people[3], "confirmed", dt.datetime(2024, 1, 1)),
            (people[4], "confirmed", None),
        ):
            s.add(
                Participation(
                    visit_id=same_day.id, person_id=person.id, status=status, deleted_at=deleted
                )
            )


def test_plain_sql_list_equals_the_service(db, db_path):
    make_mixed_database(db)
    expected = [
        (
            v.id,
            v.code,
            v.title,
            v.kind,
            v.status,
            v.start_date,
            v.end_date,
            v.country,
            v.city,
            v.participants,
        )
        for v in list_visits(db)
    ]
    got = [tuple(row) for row in read_visits(db_path)]
    assert got == expected
    same_day = next(row for row in got if row[1] == "A-SAME-DAY")
    assert same_day[-1] == 2  # confirmed + attended; not invited, deleted, or deleted person
    assert "GONE" not in {row[1] for row in got}


def test_visits_list_json_matches_the_service_through_the_command(cli, db, db_path):
    make_mixed_database(db)
    listed = json.loads(cli("--db", db_path, "visits", "list", "--json").out)
    assert [(v["code"], v["participants"]) for v in listed] == [
        (v.code, v.participants) for v in list_visits(db)
    ]


def test_visits_list_does_not_declare_the_orm_models(db, db_path):
    load_demo(db)
    probe = (
        "import sys; from app.cli import main; code = main(['--db', sys.argv[1], 'visits', "
        "'list', '--json']); heavy = ('db.models', 'alembic', 'PySide6', 'reportlab', "
        "'babel'); print(sorted(m for m in heavy if m in sys.modules), code)"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT), "STUDYVISIT_LANG": "en"}
    result = subprocess.run(
        [sys.executable, "-c", probe, str(db_path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=60,
    )
    assert result.stdout.splitlines()[-1] == "[] 0", result.stderr
