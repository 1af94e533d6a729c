"""People and their participation in visits."""

from __future__ import annotations

import pytest

from app.domain.validation import Invalid
from app.services import directory, people, visits
from app.services.base import Duplicate, NotFound, StaleEdit


@pytest.fixture
def visit(db):
    return visits.create_visit(
        db,
        code="V",
        title="Bergen",
        timezone="Europe/Oslo",
        start_date="2024-04-02",
        end_date="2024-04-05",
    )


def anna(db, **over):
    fields = dict(given_name="Anna", family_name="Bērziņa", email="anna@lps.lv")
    fields.update(over)
    return people.create_person(db, **fields)


def test_person_round(db):
    org = directory.create_organisation(db, name="LPS", country="LV")
    person = anna(db, organisation_id=org.id, dietary="veģetāre <no meat> & 🙂")
    assert person.organisation.name == "LPS" and person.full_name == "Anna Bērziņa"
    changed = people.update_person(db, person.id, person.version, position="valdes locekle")
    assert changed.position == "valdes locekle"
    with pytest.raises(StaleEdit):
        people.update_person(db, person.id, person.version, position="x")
    people.delete_person(db, person.id)
    assert people.list_people(db) == []
    back = people.restore_person(db, person.id)
    assert back.uuid == person.uuid and back.dietary == "veģetāre <no meat> & 🙂"


def test_person_messages(db):
    with pytest.raises(Invalid) as err:
        anna(db, email="anna@lps")
    assert err.value.path == "email" and "anna@lps" in err.value.message
    with pytest.raises(Invalid) as err:
        anna(db, date_of_birth="2024-02-30")
    assert err.value.path == "date_of_birth" and "2024-02-30" in err.value.message
    with pytest.raises(Invalid) as err:
        anna(db, organisation_id=99)
    assert err.value.path == "organisation_id"
    with pytest.raises(Invalid) as err:
        people.create_person(db, given_name="Anna")
    assert err.value.path == "family_name"
    assert people.list_people(db) == []


def test_list_people_sorted_and_searched(db):
    anna(db)
    anna(db, given_name="Jānis", family_name="Ozols", email=None)
    anna(db, given_name="Ilze", family_name="Ābele", email=None)
    assert [p.family_name for p in people.list_people(db)] == ["Ābele", "Bērziņa", "Ozols"]
    assert [p.given_name for p in people.list_people(db, text="JĀNIS")] == ["Jānis"]


def test_participation_round(db, visit):
    person = anna(db)
    part = people.add_participant(
        db,
        visit.id,
        person.id,
        role="head",
        status="confirmed",
        arrives="2024-04-02",
        departs="2024-04-04",
    )
    assert part.person.full_name == "Anna Bērziņa" and part.takes_part
    changed = people.update_participation(db, part.id, part.version, status="declined")
    assert not changed.takes_part
    with pytest.raises(StaleEdit):
        people.update_participation(db, part.id, part.version, status="attended")
    people.delete_participation(db, part.id)
    assert people.list_participations(db, visit.id) == []
    back = people.restore_participation(db, part.id)
    assert back.id == part.id and back.status == "declined"


def test_participation_dates_within_the_visit(db, visit):
    person = anna(db)
    with pytest.raises(Invalid) as err:
        people.add_participant(db, visit.id, person.id, arrives="2024-04-01")
    assert err.value.path == "arrives" and "04/01/2024" in err.value.message
    with pytest.raises(Invalid) as err:
        people.add_participant(db, visit.id, person.id, arrives="2024-04-04", departs="2024-04-03")
    assert err.value.path == "departs"
    with pytest.raises(Invalid) as err:
        people.add_participant(db, visit.id, person.id, role="tourist")
    assert err.value.path == "role"
    assert people.list_participations(db, visit.id) == []


def test_one_participation_per_person(db, visit):
    person = anna(db)
    first = people.add_participant(db, visit.id, person.id)
    with pytest.raises(Duplicate, match="Anna Bērziņa"):
        people.add_participant(db, visit.id, person.id)
    people.delete_participation(db, first.id)
    second = people.add_participant(db, visit.id, person.id)
    with pytest.raises(Duplicate):
        people.restore_participation(db, first.id)
    assert [p.id for p in people.list_participations(db, visit.id)] == [second.id]


def test_deleting_a_person_takes_them_off_visits_until_restored(db, visit):
    person = anna(db)
    people.add_participant(db, visit.id, person.id, status="confirmed")
    people.delete_person(db, person.id)
    assert people.list_participations(db, visit.id) == []
    assert visits.list_visits(db)[0].participants == 0
    people.restore_person(db, person.id)
    assert [p.person.full_name for p in people.list_participations(db, visit.id)] == [
        "Anna Bērziņa"
    ]
    assert visits.list_visits(db)[0].participants == 1


def test_taking_part_filter_and_unknown_visit(db, visit):
    one, two = anna(db), anna(db, given_name="Jānis", email=None)
    people.add_participant(db, visit.id, one.id, status="attended")
    people.add_participant(db, visit.id, two.id, status="invited")
    assert [p.person_id for p in people.list_participations(db, visit.id, taking_part=True)] == [
        one.id
    ]
    with pytest.raises(NotFound):
        people.add_participant(db, 999, one.id)
    assert (
        people.get_participation(db, people.list_participations(db, visit.id)[0].id).arrives is None
    )
