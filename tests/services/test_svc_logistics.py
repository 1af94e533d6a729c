"""Travel legs across zones; stays and the rooming list."""

from __future__ import annotations

import datetime as dt

import pytest

from app.domain.validation import Invalid
from app.services import logistics, people, visits
from app.services.base import NotFound, StaleEdit


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
def delegates(db, visit):
    out = []
    for given in ("Anna", "Jānis", "Ilze"):
        person = people.create_person(db, given_name=given, family_name="Bērziņš")
        people.add_participant(db, visit.id, person.id, status="confirmed")
        out.append(person)
    return out


def flight(db, visit, **over):
    fields = dict(
        carrier="airBaltic",
        number="BT 151",
        from_place="Rīga",
        from_timezone="Europe/Riga",
        departs="2024-04-02T09:05",
        to_place="Bergen",
        to_timezone="Europe/Oslo",
        arrives="2024-04-02T10:15",
    )
    fields.update(over)
    return logistics.create_travel_leg(db, visit.id, **fields)


def test_cross_zone_flight_round(db, visit, delegates):
    leg = flight(db, visit, passengers=[delegates[0].id])
    # 09:05 in Riga is 06:05 UTC; 10:15 in Bergen is 08:15 UTC
    assert (leg.departs_utc, leg.arrives_utc) == (
        dt.datetime(2024, 4, 2, 6, 5),
        dt.datetime(2024, 4, 2, 8, 15),
    )
    assert not leg.passengers_all and [p.given_name for p in leg.passengers] == ["Anna"]
    changed = logistics.update_travel_leg(db, leg.id, leg.version, passengers="all")
    assert changed.passengers_all and changed.passengers == []
    with pytest.raises(StaleEdit):
        logistics.update_travel_leg(db, leg.id, leg.version, booking_ref="X1")
    logistics.delete_travel_leg(db, leg.id)
    assert logistics.list_travel(db, visit.id) == []
    assert logistics.restore_travel_leg(db, leg.id).uuid == leg.uuid


def test_arrival_before_departure_in_real_time_is_refused(db, visit):
    # 08:30 in Bergen (06:30 UTC) reads earlier than 09:05 in Riga but is 25 minutes
    # after it in real time: accepted. 08:05 in Bergen (06:05 UTC) is not after it.
    assert flight(db, visit, arrives="2024-04-02T08:30").arrives_utc == dt.datetime(
        2024, 4, 2, 6, 30
    )
    with pytest.raises(Invalid) as err:
        flight(db, visit, arrives="2024-04-02T08:05")
    assert err.value.path == "arrives"
    assert "Europe/Oslo" in err.value.message and "Europe/Riga" in err.value.message
    assert len(logistics.list_travel(db, visit.id)) == 1


def test_leg_fields_are_checked(db, visit):
    with pytest.raises(Invalid) as err:
        flight(db, visit, to_timezone="Bergen")
    assert err.value.path == "to_timezone"
    with pytest.raises(Invalid) as err:
        flight(db, visit, mode="rocket")
    assert err.value.path == "mode"
    with pytest.raises(Invalid) as err:
        flight(db, visit, booking_ref="R" * 41)
    assert err.value.path == "booking_ref"
    with pytest.raises(Invalid) as err:
        flight(db, visit, passengers=[4242])
    assert err.value.path == "passengers[0]"


def test_stay_with_rooms_round(db, visit, delegates):
    anna, janis, ilze = delegates
    stay = logistics.create_stay(
        db,
        visit.id,
        name="Scandic Ørnen & <Spa>",
        check_in="2024-04-02",
        check_out="2024-04-05",
        rooms=[
            {"label": "101", "type": "twin", "occupants": [anna.id, ilze.id]},
            {"label": "102", "occupants": [janis.id]},
        ],
    )
    assert [(r.label, r.type, [p.given_name for p in r.occupants]) for r in stay.rooms] == [
        ("101", "twin", ["Anna", "Ilze"]),
        ("102", "single", ["Jānis"]),
    ]
    changed = logistics.update_stay(db, stay.id, stay.version, phone="+47 55 21 45 00")
    assert changed.phone == "+47 55 21 45 00" and changed.name == "Scandic Ørnen & <Spa>"
    logistics.delete_stay(db, stay.id)
    with pytest.raises(NotFound):
        logistics.get_room(db, stay.rooms[0].id)
    back = logistics.restore_stay(db, stay.id)
    assert back.uuid == stay.uuid and [r.label for r in back.rooms] == ["101", "102"]


def test_second_room_breaking_the_rule_leaves_nothing(db, visit, delegates):
    anna, janis, _ilze = delegates
    with pytest.raises(Invalid) as err:
        logistics.create_stay(
            db,
            visit.id,
            name="Hotel",
            check_in="2024-04-02",
            check_out="2024-04-05",
            rooms=[
                {"label": "1", "occupants": [anna.id]},
                {"label": "2", "occupants": [janis.id, anna.id]},
            ],
        )
    assert "Anna" in err.value.message and "“1”" in err.value.message
    assert logistics.list_stays(db, visit.id) == []


def test_nobody_in_two_rooms_of_overlapping_stays(db, visit, delegates):
    anna = delegates[0]
    first = logistics.create_stay(
        db,
        visit.id,
        name="Bergen",
        check_in="2024-04-02",
        check_out="2024-04-04",
        rooms=[{"label": "1", "occupants": [anna.id]}],
    )
    # check-out day is free for the next hotel
    second = logistics.create_stay(
        db,
        visit.id,
        name="Voss",
        check_in="2024-04-04",
        check_out="2024-04-05",
        rooms=[{"label": "7", "occupants": [anna.id]}],
    )
    with pytest.raises(Invalid) as err:
        logistics.update_stay(db, second.id, second.version, check_in="2024-04-03")
    assert "Anna" in err.value.message and "Voss" in err.value.message
    assert logistics.get_stay(db, second.id).check_in == dt.date(2024, 4, 4)
    # a room added to the first stay cannot take her twice
    with pytest.raises(Invalid) as err:
        logistics.create_room(db, first.id, label="2", occupants=[anna.id])
    assert err.value.path == "occupants"
    assert [r.label for r in logistics.list_rooms(db, first.id)] == ["1"]


def test_room_round_and_restore_conflict(db, visit, delegates):
    anna, janis, _ = delegates
    stay = logistics.create_stay(
        db, visit.id, name="Hotel", check_in="2024-04-02", check_out="2024-04-05"
    )
    room = logistics.create_room(db, stay.id, label="1", type="double", occupants=[anna.id])
    assert room.position == 1 and room.stay.name == "Hotel"
    room = logistics.update_room(db, room.id, room.version, occupants=[anna.id, janis.id])
    assert [p.given_name for p in room.occupants] == ["Anna", "Jānis"]
    logistics.delete_room(db, room.id)
    other = logistics.create_room(db, stay.id, label="2", occupants=[anna.id])
    assert other.position == 2
    with pytest.raises(Invalid, match="Anna"):
        logistics.restore_room(db, room.id)
    logistics.delete_room(db, other.id)
    assert logistics.restore_room(db, room.id).id == room.id


def test_check_out_before_check_in_refused(db, visit):
    with pytest.raises(Invalid) as err:
        logistics.create_stay(
            db, visit.id, name="Hotel", check_in="2024-04-05", check_out="2024-04-02"
        )
    assert err.value.path == "check_out" and "04/05/2024" in err.value.message
    with pytest.raises(Invalid) as err:
        logistics.create_stay(
            db,
            visit.id,
            name="Hotel",
            check_in="2024-04-02",
            check_out="2024-04-05",
            rooms=[{"type": "suite"}],
        )
    assert err.value.path == "rooms[0].type"
