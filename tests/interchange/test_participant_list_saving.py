"""Saving a checked participant list: all lines in one transaction, in batches that report
progress; a cancel at any batch leaves the database exactly as it was.

The list mixes what a real one holds: people already in the directory (by e-mail in
another case, by name), organisations already there under another case, new ones named
several times, lines without an organisation, and Latvian words for roles and statuses.
"""

from __future__ import annotations

import csv
import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from app.interchange import participants as imp
from app.progress import Cancelled
from db.models import Organisation, Participation, Person

LINES = 230  # with BATCH = 20 below: twelve batches, the last one short


@pytest.fixture
def visit_id(db) -> int:
    from app.services.visits import create_visit

    with db.write() as s:
        s.add(Organisation(name="Rīgas dome"))
        s.add(Person(given_name="Ilze", family_name="Liepa", email="ilze@rigas.lv"))
        s.add(
            Person(
                given_name="Kārlis",
                family_name="Vītols",
                phone="+371 2000 0000",
                position="Eksperts",
            )
        )
    return create_visit(
        db,
        code="LPS-BERGEN",
        title="LPS valde Bergenā",
        country="NO",
        city="Bergen",
        timezone="Europe/Oslo",
        start_date=dt.date(2026, 4, 6),
        end_date=dt.date(2026, 4, 9),
    ).id


@pytest.fixture
def checked(db, visit_id, tmp_path: Path) -> imp.Plan:
    path = tmp_path / "dalībnieki.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh, delimiter=";")
        out.writerow(
            [
                "Vārds",
                "Uzvārds",
                "E-pasts",
                "Tālrunis",
                "Iestāde",
                "Amats",
                "Loma",
                "Statuss",
                "Ierašanās",
                "Ēdināšana",
            ]
        )
        out.writerow(
            [
                "Ilze",
                "Liepa",
                "ILZE@rigas.lv",
                "+371 2611 1111",
                "RĪGAS DOME",
                "",
                "vadītāja",
                "apstiprināta",
                "06.04.2026",
                "veģetāra",
            ]
        )
        out.writerow(
            [
                "Kārlis",
                "Vītols",
                "",
                "+371 2999 9999",
                "Jauna iestāde",
                "Vadītājs",
                "eksperts",
                "",
                "",
                "",
            ]
        )
        for i in range(LINES - 2):
            out.writerow(
                [
                    f"Anna{i}",
                    f"Bērziņa{i}",
                    f"anna{i}@ogre.lv" if i % 3 else "",
                    "",
                    ["Ogres novads", "OGRES NOVADS", "Rīgas dome", ""][i % 4],
                    "",
                    "",
                    "",
                    "07.04.2026",
                    "",
                ]
            )
    table = imp.read_table(path)
    plan = imp.plan(db, visit_id, table, imp.guess_mapping(table.headers))
    assert plan.ok, plan.problems[:3]
    return plan


def content(db_path: Path) -> list[str]:
    con = sqlite3.connect(db_path)
    try:
        return list(con.iterdump())
    finally:
        con.close()


@pytest.mark.parametrize("stop_after", [0, 1, 6, 12])
def test_a_cancel_at_any_batch_leaves_the_database_as_it_was(
    db, db_path, checked, monkeypatch, stop_after
):
    """12: after the last batch, before the commit: still nothing is saved."""
    monkeypatch.setattr(imp, "BATCH", 20)
    before = content(db_path)
    told: list[tuple[int, int]] = []
    with pytest.raises(Cancelled):
        imp.apply(
            db,
            checked,
            progress=lambda done, total: told.append((done, total)),
            cancel=lambda: len(told) >= stop_after,
        )
    assert len(told) == stop_after
    assert content(db_path) == before  # every table, every row, byte for byte as SQL text
    made = imp.apply(db, checked)  # and the same list imports afterwards
    assert len(made.participations) == LINES


def test_progress_climbs_batch_by_batch_to_every_line(db, checked, monkeypatch):
    monkeypatch.setattr(imp, "BATCH", 20)
    told: list[tuple[int, int]] = []
    imp.apply(db, checked, progress=lambda done, total: told.append((done, total)))
    assert told[0] == (20, LINES) and told[-1] == (LINES, LINES)
    assert [done for done, _total in told] == sorted({done for done, _total in told})
    assert len(told) == 12


def test_a_saved_list_is_every_line_as_checked(db, visit_id, checked, monkeypatch):
    monkeypatch.setattr(imp, "BATCH", 20)
    made = imp.apply(db, checked)
    assert len(made.participations) == LINES and len(made.people) == LINES - 2
    with db.read() as s:
        parts = {p.id: p for p in s.scalars(select(Participation))}
        people = {p.id: p for p in s.scalars(select(Person))}
        orgs = {o.id: o.name for o in s.scalars(select(Organisation))}
    # one participation per line, in line order, each for the line's person
    for line, part_id in zip(checked.lines, made.participations, strict=True):
        part = parts[part_id]
        assert part.visit_id == visit_id and part.version == 1
        person = people[part.person_id]
        assert (person.given_name, person.family_name) == (
            line.person["given_name"],
            line.person["family_name"],
        )
        assert (part.role, part.status, part.arrives) == (
            line.part["role"],
            line.part["status"],
            line.part.get("arrives"),
        )
    ilze, karlis = (people[parts[i].person_id] for i in made.participations[:2])
    # found in the directory: kept, only empty fields filled from the file
    assert ilze.id not in made.people and karlis.id not in made.people
    assert ilze.email == "ilze@rigas.lv" and ilze.phone == "+371 2611 1111"
    assert ilze.dietary == "veģetāra" and ilze.organisation_id is None
    assert karlis.phone == "+371 2000 0000" and karlis.position == "Eksperts"
    assert parts[made.participations[0]].role == "head"
    assert parts[made.participations[1]].role == "expert"
    # "Ogres novads" in two cases is one new organisation; "Rīgas dome" is the directory's
    assert sorted(orgs[i] for i in made.organisations) == ["Ogres novads"]
    anna = [people[parts[i].person_id] for i in made.participations[2:]]
    assert [orgs.get(p.organisation_id) for p in anna[:4]] == [
        "Ogres novads",
        "Ogres novads",
        "Rīgas dome",
        None,
    ]
    assert anna[1].email == "anna1@ogre.lv" and anna[0].email is None
    assert len({p.uuid for p in anna}) == LINES - 2  # each new person their own key


def test_undo_and_redo_take_the_whole_list_back_and_forth(db, visit_id, checked, monkeypatch):
    monkeypatch.setattr(imp, "BATCH", 20)
    made = imp.apply(db, checked)

    def live() -> tuple[int, int, int]:
        with db.read() as s:
            return (
                len(s.scalars(select(Participation)).all()),
                len(s.scalars(select(Person)).all()),
                len(s.scalars(select(Organisation)).all()),
            )

    assert live() == (LINES, LINES, 2)
    imp.undo(db, made)
    assert live() == (0, 2, 1)  # the directory's own people and organisation stay
    imp.redo(db, made)
    assert live() == (LINES, LINES, 2)
    with db.read() as s:  # each step moved the rows' versions on, as an edit does
        assert {p.version for p in s.scalars(select(Participation))} == {3}
