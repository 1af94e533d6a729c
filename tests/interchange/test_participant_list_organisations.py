"""A participant list names organisations the directory already holds: each line joins the
directory's organisation, whatever the case of its Latvian letters — never a second
"Ķekavas novada pašvaldība" beside the first.

SQLite's lower() folds only ASCII letters: "Ķekavas" stayed "Ķekavas" while the file's
name was folded to "ķekavas", so even the very same spelling made a duplicate.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from sqlalchemy import func, select

from app.interchange import participants as imp
from db.models import Organisation, Person


def test_lines_join_the_directorys_organisations_whatever_the_case(db, tmp_path: Path):
    from app.services.visits import create_visit

    with db.write() as s:
        s.add(Organisation(name="Ķekavas novada pašvaldība"))
        s.add(Organisation(name="Ādažu novada dome"))
    visit = create_visit(
        db,
        code="LPS-OSLO",
        title="LPS Oslo",
        country="NO",
        city="Oslo",
        timezone="Europe/Oslo",
        start_date=dt.date(2026, 5, 4),
        end_date=dt.date(2026, 5, 6),
    )
    path = tmp_path / "dalībnieki.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh, delimiter=";")
        out.writerow(["Vārds", "Uzvārds", "Iestāde"])
        out.writerow(["Ilze", "Liepa", "Ķekavas novada pašvaldība"])  # as the directory
        out.writerow(["Jānis", "Ozols", "ĶEKAVAS NOVADA PAŠVALDĪBA"])
        out.writerow(["Anna", "Kalna", "ādažu novada dome"])
        out.writerow(["Pēteris", "Jaunais", "Ērgļu novada pašvaldība"])  # a new one
    table = imp.read_table(path)
    checked = imp.plan(db, visit.id, table, imp.guess_mapping(table.headers))
    assert checked.ok, checked.problems
    made = imp.apply(db, checked)
    assert len(made.organisations) == 1  # only Ērgļu's is new
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Organisation)) == 3
        where = dict(
            s.execute(
                select(Person.family_name, Organisation.name).join(
                    Organisation, Person.organisation_id == Organisation.id
                )
            ).all()
        )
    assert where == {
        "Liepa": "Ķekavas novada pašvaldība",
        "Ozols": "Ķekavas novada pašvaldība",
        "Kalna": "Ādažu novada dome",
        "Jaunais": "Ērgļu novada pašvaldība",
    }
