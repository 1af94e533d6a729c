"""Merging duplicate people and institutions: one transaction each way, undo exact."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from app.domain.validation import Invalid
from app.services import directory, logistics, merge, people, programme, visits
from app.services.base import NotFound
from db.models.base import Base

# Moved rows get a new version and stamp (and their visits a new change stamp): the undo
# restores what the user sees, not those.
BOOKKEEPING = {"version", "updated_at", "stamp"}  # stamp: db.change_stamps


def snapshot(db: Any, *, exact: bool = False) -> dict[str, list[str]]:
    """Every row of every table (deleted ones too), to compare the database before/after."""
    from sqlalchemy import select

    out: dict[str, list[str]] = {}
    with db.read() as session:
        for table in Base.metadata.sorted_tables:
            rows = session.execute(select(table).execution_options(include_deleted=True))
            out[table.name] = sorted(
                repr(
                    sorted((k, v) for k, v in row._mapping.items() if exact or k not in BOOKKEEPING)
                )
                for row in rows
            )
    return out


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


@pytest.fixture
def pair(db, visit):
    """Gints twice: the record to keep, and a duplicate used everywhere in two visits."""
    keep = people.create_person(db, given_name="Gints", family_name="Kalniņš", email="gints@lps.lv")
    twin = people.create_person(db, given_name="Gints", family_name="Kalnins")
    other = visits.create_visit(
        db,
        code="W",
        title="Oslo",
        timezone="Europe/Oslo",
        start_date="2024-05-02",
        end_date="2024-05-03",
        coordinator_id=twin.id,
    )
    # both are on visit V (the kept row wins), only the duplicate on visit W
    people.add_participant(db, visit.id, keep.id, role="delegate", status="invited")
    people.add_participant(db, visit.id, twin.id, role="head", status="confirmed")
    people.add_participant(db, other.id, twin.id, role="head", status="confirmed")
    anna = people.create_person(db, given_name="Anna", family_name="Bērziņa")
    people.add_participant(db, visit.id, anna.id)
    programme.create_programme_item(
        db,
        visit.id,
        title="Both",
        attendees=[keep.id, twin.id],
        starts=dt.datetime(2024, 4, 2, 10),
        ends=dt.datetime(2024, 4, 2, 11),
    )
    programme.create_programme_item(
        db,
        visit.id,
        title="Twin",
        attendees=[twin.id, anna.id],
        starts=dt.datetime(2024, 4, 2, 12),
        ends=dt.datetime(2024, 4, 2, 13),
    )
    logistics.create_travel_leg(
        db,
        visit.id,
        carrier="airBaltic",
        number="BT 151",
        from_place="Rīga",
        from_timezone="Europe/Riga",
        departs="2024-04-02T09:05",
        to_place="Bergen",
        to_timezone="Europe/Oslo",
        arrives="2024-04-02T10:15",
        passengers=[twin.id],
    )
    logistics.create_stay(
        db,
        visit.id,
        name="Hotel",
        check_in="2024-04-02",
        check_out="2024-04-05",
        rooms=[{"label": "1", "occupants": [twin.id, anna.id]}],
    )
    return keep, twin, other


def test_merging_a_person_moves_everything(db, visit, pair):
    keep, twin, other = pair
    result = merge.merge_people(db, keep.id, twin.id)
    on_v = people.list_participations(db, visit.id)
    assert sorted(p.person.given_name for p in on_v) == ["Anna", "Gints"]
    kept = next(p for p in on_v if p.person_id == keep.id)
    assert (kept.role, kept.status) == ("delegate", "invited")  # the kept row wins
    on_w = people.list_participations(db, other.id)
    assert [(p.person_id, p.role, p.status) for p in on_w] == [(keep.id, "head", "confirmed")]
    assert len(result.participations_moved) == 1 and len(result.participations_dropped) == 1
    assert visits.get_visit(db, other.id).coordinator_id == keep.id
    items = {i.title: {p.id for p in i.attendees} for i in programme.list_programme(db, visit.id)}
    assert items["Both"] == {keep.id} and keep.id in items["Twin"]
    assert all(twin.id not in ids for ids in items.values())
    assert [p.id for p in logistics.list_travel(db, visit.id)[0].passengers] == [keep.id]
    stay = logistics.list_stays(db, visit.id)[0]
    room = logistics.list_rooms(db, stay.id)[0]
    assert {p.id for p in room.occupants} == {keep.id, people.list_people(db, text="Anna")[0].id}
    with pytest.raises(NotFound):
        people.get_person(db, twin.id)


def test_unmerging_a_person_restores_the_previous_state(db, pair):
    keep, twin, _other = pair
    before = snapshot(db)
    result = merge.merge_people(db, keep.id, twin.id)
    assert snapshot(db) != before
    merge.unmerge_people(db, result)
    assert snapshot(db) == before
    # and again: redo then undo
    merge.unmerge_people(db, merge.merge_people(db, keep.id, twin.id))
    assert snapshot(db) == before


def test_a_person_merge_failing_midway_changes_nothing(db, pair, monkeypatch):
    keep, twin, _other = pair
    before = snapshot(db, exact=True)
    real = merge._swap_in_list
    calls = []

    def fail_on_second(*args: Any) -> Any:
        calls.append(args)
        if len(calls) == 2:
            raise RuntimeError("disk on fire")
        return real(*args)

    monkeypatch.setattr(merge, "_swap_in_list", fail_on_second)
    with pytest.raises(RuntimeError):
        merge.merge_people(db, keep.id, twin.id)
    assert snapshot(db, exact=True) == before


def test_a_person_merge_that_breaks_the_rooming_list_is_refused_whole(db, visit, pair):
    keep, twin, _other = pair
    stay = logistics.list_stays(db, visit.id)[0]
    logistics.create_room(db, stay.id, label="2", occupants=[keep.id])
    before = snapshot(db, exact=True)
    with pytest.raises(Invalid):
        merge.merge_people(db, keep.id, twin.id)
    assert snapshot(db, exact=True) == before


def test_nobody_is_merged_into_themselves(db, pair):
    keep, _twin, _other = pair
    with pytest.raises(Invalid) as err:
        merge.merge_people(db, keep.id, keep.id)
    assert "themselves" in err.value.message
    with pytest.raises(NotFound):
        merge.merge_people(db, keep.id, 999)


@pytest.fixture
def institutions(db, visit):
    keep = directory.create_organisation(db, name="Bergen kommune", country="NO")
    twin = directory.create_organisation(db, name="Bergenas pašvaldība", country="NO")
    contact = directory.create_contact(db, twin.id, name="Hilde Myklebust")
    gone = directory.create_contact(db, twin.id, name="Old contact")
    directory.delete_contact(db, gone.id)
    organised = visits.create_visit(
        db,
        code="ORG",
        title="Vizīte",
        timezone="Europe/Oslo",
        organiser_id=twin.id,
        start_date="2026-05-04",
        end_date="2026-05-05",
    )
    item = programme.create_programme_item(
        db,
        visit.id,
        title="Rātsnams",
        host_id=twin.id,
        contact_id=contact.id,
        starts=dt.datetime(2024, 4, 2, 10),
        ends=dt.datetime(2024, 4, 2, 11),
    )
    person = people.create_person(
        db, given_name="Kjetil", family_name="Sandvik", organisation_id=twin.id
    )
    return keep, twin, contact, organised, item, person


def test_merging_an_institution_moves_everything(db, institutions):
    keep, twin, contact, organised, item, person = institutions
    result = merge.merge_organisations(db, keep.id, twin.id)
    assert result.contacts == (contact.id,)
    moved = programme.get_programme_item(db, item.id)
    assert (moved.host_id, moved.contact_id) == (keep.id, contact.id)
    assert [c.name for c in directory.list_contacts(db, keep.id)] == ["Hilde Myklebust"]
    assert visits.get_visit(db, organised.id).organiser_id == keep.id
    assert people.get_person(db, person.id).organisation_id == keep.id
    with pytest.raises(NotFound):
        directory.get_organisation(db, twin.id)


def test_unmerging_an_institution_restores_the_previous_state(db, institutions):
    keep, twin, *_ = institutions
    before = snapshot(db)
    result = merge.merge_organisations(db, keep.id, twin.id)
    assert snapshot(db) != before
    merge.unmerge_organisations(db, result)
    assert snapshot(db) == before
    assert [c.name for c in directory.list_contacts(db, twin.id)] == ["Hilde Myklebust"]


def test_an_institution_merge_failing_midway_changes_nothing(db, institutions, monkeypatch):
    keep, twin, *_ = institutions
    before = snapshot(db, exact=True)
    real = merge._rows
    calls = []

    def fail_on_third(*args: Any) -> Any:
        calls.append(args)
        if len(calls) == 3:  # contacts and hosted items already moved in the session
            raise RuntimeError("disk on fire")
        return real(*args)

    monkeypatch.setattr(merge, "_rows", fail_on_third)
    with pytest.raises(RuntimeError):
        merge.merge_organisations(db, keep.id, twin.id)
    assert snapshot(db, exact=True) == before
    with pytest.raises(Invalid):
        merge.merge_organisations(db, keep.id, keep.id)
