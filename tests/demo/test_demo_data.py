"""The demo visits: the seed articles' visits, loadable twice without change, round-trippable."""

from __future__ import annotations

import datetime as dt
import shutil

from sqlalchemy import func, select

from app.demo import load_demo
from app.interchange.visit_file import export_visit, import_visit
from app.services.checks import programme_problems
from db.engine import Database
from db.models import Organisation, Person, ProgrammeItem, Visit

EXPECTED = {
    "DEMO-BERGEN-2014",
    "DEMO-TRONDELAG-2015",
    "DEMO-SEMINARS-2015",
    "DEMO-KS-NORWAY-2023",
    "DEMO-POLAND-2023",
    "DEMO-POZNAN-2013",
}


def _counts(db) -> tuple[int, ...]:
    with db.read() as s:
        return tuple(
            s.scalar(select(func.count()).select_from(m))
            for m in (Visit, Organisation, Person, ProgrammeItem)
        )


def test_demo_loads_the_seed_visits_once(db):
    assert set(load_demo(db)) == EXPECTED
    before = _counts(db)
    assert load_demo(db) == []
    assert _counts(db) == before


def test_demo_visits_carry_the_articles_facts(db):
    load_demo(db)
    with db.read() as s:
        visits = {v.code: v for v in s.scalars(select(Visit))}
        bergen = visits["DEMO-BERGEN-2014"]
        assert (bergen.start_date, bergen.end_date) == (dt.date(2014, 4, 2), dt.date(2014, 4, 5))
        assert bergen.city == "Bergen" and bergen.timezone == "Europe/Oslo"
        poznan = visits["DEMO-POZNAN-2013"]
        # travel days around the conference of 13–14 November 2013
        assert poznan.start_date <= dt.date(2013, 11, 13)
        assert poznan.end_date >= dt.date(2013, 11, 14)
        assert poznan.city == "Poznań" and poznan.kind == "conference"
        seminar = visits["DEMO-SEMINARS-2015"]
        assert seminar.start_date == dt.date(2015, 2, 11)
        tracks = set(
            s.scalars(
                select(ProgrammeItem.track).where(
                    ProgrammeItem.visit_id == seminar.id, ProgrammeItem.track.is_not(None)
                )
            )
        )
        assert len(tracks) == 3
        assert seminar.project.code == "4.3-24/NFI/INP-002"
        hosts = set(s.scalars(select(Organisation.name_original)))
        assert {"Bergen kommune", "BIR"} & hosts


def test_demo_visits_have_no_programme_problems(db):
    load_demo(db)
    with db.read() as s:
        ids = list(s.scalars(select(Visit.id)))
    for visit_id in ids:
        assert programme_problems(db, visit_id) == []


def test_every_demo_visit_round_trips_byte_identically(db, tmp_path, template_db):
    load_demo(db)
    shutil.copyfile(template_db, tmp_path / "other.db")
    other = Database(f"sqlite:///{tmp_path / 'other.db'}")
    try:
        for code in sorted(EXPECTED):
            first = export_visit(db, code)
            import_visit(other, first)
            assert export_visit(other, code) == first, code
    finally:
        other.dispose()
