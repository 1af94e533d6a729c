"""Programme checks over a real database: rows are loaded, named by UUID and checked.

The LPS board in Bergen, 2–5 April 2024: the flight from Riga lands at 10:15 Bergen time.
"""

from __future__ import annotations

import datetime as dt

import pytest

from app.domain.checks import AFTER_DEPARTURE, BEFORE_ARRIVAL, OUTSIDE_DATES, OVERLAP
from app.domain.validation import to_utc
from app.services.base import NotFound
from app.services.checks import problems_by_item, programme_problems
from db.models import Participation, Person, ProgrammeItem, TravelLeg, Visit

OSLO = "Europe/Oslo"
RIGA = "Europe/Riga"


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def programme_item(
    title: str,
    starts: str,
    ends: str,
    *,
    tz: str = OSLO,
    track: str | None = None,
    attendees: list[Person] | None = None,
) -> ProgrammeItem:
    return ProgrammeItem(
        title=title,
        starts=at(starts),
        ends=at(ends),
        timezone=tz,
        starts_utc=to_utc(at(starts), tz),
        ends_utc=to_utc(at(ends), tz),
        track=track,
        attendees_all=attendees is None,
        attendees=attendees or [],
    )


def travel_leg(
    number: str,
    from_place: str,
    departs: str,
    from_tz: str,
    to_place: str,
    arrives: str,
    to_tz: str,
    passengers: list[Person] | None = None,
) -> TravelLeg:
    return TravelLeg(
        carrier="airBaltic",
        number=number,
        from_place=from_place,
        from_timezone=from_tz,
        departs=at(departs),
        departs_utc=to_utc(at(departs), from_tz),
        to_place=to_place,
        to_timezone=to_tz,
        arrives=at(arrives),
        arrives_utc=to_utc(at(arrives), to_tz),
        passengers_all=passengers is None,
        passengers=passengers or [],
    )


@pytest.fixture
def bergen(db):
    """A visit with three people (one declined), a flight in and out, and a programme."""
    with db.write() as s:
        visit = Visit(
            code="LPS-BERGEN",
            title="LPS board in Bergen",
            timezone=OSLO,
            start_date=dt.date(2024, 4, 2),
            end_date=dt.date(2024, 4, 5),
        )
        ilze = Person(given_name="Ilze", family_name="Bērziņa")
        janis = Person(given_name="Jānis", family_name="Kalniņš")
        anna = Person(given_name="Anna", family_name="Ozola")
        visit.participations = [
            Participation(person=ilze, status="confirmed"),
            Participation(person=janis, status="attended"),
            Participation(person=anna, status="declined"),
        ]
        items = {
            "kommune": programme_item("Bergen kommune", "2024-04-02T10:00", "2024-04-02T11:00"),
            "bir": programme_item("BIR", "2024-04-03T10:00", "2024-04-03T12:00", track="Group 1"),
            "uib": programme_item(
                "University of Bergen", "2024-04-03T11:00", "2024-04-03T12:00", track="Group 2"
            ),
            "ks": programme_item(
                "KS",
                "2024-04-03T11:30",
                "2024-04-03T12:30",
                track="Group 3",
                attendees=[janis, anna],
            ),
            "innovation": programme_item(
                "Innovation Norway",
                "2024-04-04T10:00",
                "2024-04-04T11:00",
                track="Group 1",
                attendees=[janis, anna],
            ),
            "invest": programme_item(
                "Invest in Bergen",
                "2024-04-04T10:30",
                "2024-04-04T11:30",
                track="Group 2",
                attendees=[janis, anna],
            ),
            "farewell": programme_item("Farewell dinner", "2024-04-05T18:00", "2024-04-05T20:00"),
            "trip": programme_item("Fjord trip", "2024-04-06T09:00", "2024-04-06T12:00"),
        }
        visit.programme = list(items.values())
        visit.travel = [
            travel_leg(
                "BT 151", "Riga", "2024-04-02T09:05", RIGA, "Bergen", "2024-04-02T10:15", OSLO
            ),
            travel_leg(
                "BT 152",
                "Bergen",
                "2024-04-05T16:40",
                OSLO,
                "Riga",
                "2024-04-05T19:35",
                RIGA,
                passengers=[ilze],
            ),
        ]
        s.add(visit)
    return visit, {"ilze": ilze, "janis": janis, "anna": anna}, items


def test_every_problem_of_the_visit_is_found_with_uuids_as_keys(db, bergen):
    visit, people, items = bergen
    problems = programme_problems(db, visit.id)
    got = [(p.kind, p.item_keys, p.person_keys) for p in problems]
    uuid = {name: row.uuid for name, row in {**people, **items}.items()}
    assert got == [
        (BEFORE_ARRIVAL, (uuid["kommune"],), (uuid["ilze"], uuid["janis"])),
        # KS lists Jānis; BIR and the university are for "all" on other tracks, which
        # means he goes to one of them: no conflict.
        (OVERLAP, (uuid["innovation"], uuid["invest"]), (uuid["janis"],)),
        (AFTER_DEPARTURE, (uuid["farewell"],), (uuid["ilze"],)),
        (OUTSIDE_DATES, (uuid["trip"],), ()),
    ]
    before = problems[0]
    assert "Bergen kommune" in before.message
    assert "Ilze Bērziņa, Jānis Kalniņš" in before.message
    assert "airBaltic BT 151 (Riga → Bergen)" in before.message
    assert "10:15 Europe/Oslo" in before.message
    assert "Anna" not in problems[1].message  # declined: never counted
    assert "Jānis Kalniņš" in problems[1].message
    assert "airBaltic BT 152 (Bergen → Riga)" in problems[2].message


def test_problems_are_grouped_under_every_item_they_concern(db, bergen):
    visit, _people, items = bergen
    problems = programme_problems(db, visit.id)
    grouped = problems_by_item(problems)
    overlap = next(p for p in problems if p.kind == OVERLAP)
    assert grouped[items["innovation"].uuid] == [overlap]
    assert grouped[items["invest"].uuid] == [overlap]
    assert items["bir"].uuid not in grouped
    assert [p.kind for p in grouped[items["kommune"].uuid]] == [BEFORE_ARRIVAL]


def test_deleted_rows_and_changed_statuses_are_taken_into_account(db, bergen):
    visit, people, items = bergen
    with db.write() as s:
        s.get(ProgrammeItem, items["trip"].id).deleted_at = dt.datetime(2024, 3, 1)
        s.get(TravelLeg, visit.travel[0].id).deleted_at = dt.datetime(2024, 3, 1)
        for participation in s.get(Visit, visit.id).participations:
            if participation.person_id == people["anna"].id:
                participation.status = "confirmed"
            if participation.person_id == people["janis"].id:
                participation.deleted_at = dt.datetime(2024, 3, 1)
    kinds = [(p.kind, p.person_keys) for p in programme_problems(db, visit.id)]
    assert kinds == [
        (OVERLAP, (people["anna"].uuid,)),
        (AFTER_DEPARTURE, (people["ilze"].uuid,)),
    ]


def test_a_deleted_or_missing_visit_is_not_found(db, bergen):
    visit, _people, _items = bergen
    with db.write() as s:
        s.get(Visit, visit.id).deleted_at = dt.datetime(2024, 3, 1)
    with pytest.raises(NotFound):
        programme_problems(db, visit.id)
    with pytest.raises(NotFound):
        programme_problems(db, visit.id + 1000)


def test_a_problem_names_its_people_in_the_one_order_of_names(db):
    """The people of a problem were named in the order they were added ("Ilze Ozoliņa, Jānis
    Bērziņš, …", or Žanete and Ģirts last after an import), not as every list names them."""
    from app.services.people import add_participant, create_person
    from app.services.programme import create_programme_item
    from app.services.visits import create_visit

    visit = create_visit(
        db,
        code="KPR-BGO",
        title="Bergena",
        country="NO",
        city="Bergen",
        timezone=OSLO,
        start_date=dt.date(2027, 3, 25),
        end_date=dt.date(2027, 3, 28),
    )
    for given, family in (
        ("Ilze", "Ozoliņa"),
        ("Ģirts", "Šķēle"),
        ("Jānis", "Bērziņš"),
        ("Žanete", "Čudarkina"),
        ("Māris", "Vītols"),
        ("Artūrs", "Cīrulis"),
    ):
        person = create_person(db, given_name=given, family_name=family)
        add_participant(db, visit.id, person.id, status="confirmed")
    for title in ("BIR", "Pusdienas"):
        create_programme_item(
            db, visit.id, title=title, starts=at("2027-03-28T12:00"), ends=at("2027-03-28T13:30")
        )
    (problem,) = programme_problems(db, visit.id)
    assert problem.message.endswith(
        "overlap for Jānis Bērziņš, Artūrs Cīrulis, Žanete Čudarkina, Ilze Ozoliņa, Ģirts Šķēle, "
        "Māris Vītols."
    ), problem.message
