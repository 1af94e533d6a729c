"""Travel legs, stays and the rooming list.

A leg departs in the zone of its origin and arrives in that of its destination (Riga 09:05
Europe/Riga → Bergen 10:15 Europe/Oslo); arrival must come after departure in real time.
Nobody sleeps in two rooms of stays that overlap (check-out day free for the next check-in):
that rule is checked after the rows are written, over the whole visit, so that a stay
created with several rooms is refused whole when any room breaks it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.domain import validation as v
from app.domain.validation import Invalid
from app.i18n import N_, _, date_text, moment_text
from app.services import crud
from app.services import field_rules as rules
from app.services.programme import participants_of
from db.engine import Database
from db.enums import ROOM_TYPES, TRAVEL_MODES
from db.models import Person, Room, Stay, TravelLeg, Visit

# --- travel ---------------------------------------------------------------------------


def _relate_leg(session: Session, leg: TravelLeg, rest: dict[str, Any]) -> None:
    chosen = rest["passengers"]
    leg.passengers_all = chosen == "all"
    leg.passengers = (
        [] if chosen == "all" else participants_of(session, leg.visit_id, chosen, "passengers")
    )


def _check_leg(_session: Session, leg: TravelLeg) -> None:
    for name, zone_field in (("departs", "from_timezone"), ("arrives", "to_timezone")):
        try:
            v.local_time(getattr(leg, name), getattr(leg, zone_field))
        except Invalid as problem:
            raise problem.at(name) from None
    leg.departs_utc = v.to_utc(leg.departs, leg.from_timezone)
    leg.arrives_utc = v.to_utc(leg.arrives, leg.to_timezone)
    if leg.arrives_utc <= leg.departs_utc:
        raise Invalid(
            _(
                "arrives at {arrives} ({to_zone}), not after it departs at {departs} ({from_zone})"
            ).format(
                arrives=moment_text(leg.arrives),
                to_zone=leg.to_timezone,
                departs=moment_text(leg.departs),
                from_zone=leg.from_timezone,
            )
        ).at("arrives")


LEG = crud.Entity(
    TravelLeg,
    label=N_("Travel leg"),
    spec={
        "mode": rules.enum(TRAVEL_MODES, default="flight"),
        "carrier": rules.line(),
        "number": rules.line(limit=40),
        "from_place": rules.line(required=True),
        "from_timezone": rules.zone_name,
        "departs": rules.wall_time,
        "to_place": rules.line(required=True),
        "to_timezone": rules.zone_name,
        "arrives": rules.wall_time,
        "booking_ref": rules.line(limit=40),
        "passengers": rules.ids_or_all,
        "notes": rules.long_text,
    },
    required=("from_place", "from_timezone", "departs", "to_place", "to_timezone", "arrives"),
    parent=(Visit, "visit_id"),
    relate=_relate_leg,
    check=_check_leg,
    loads=(selectinload(TravelLeg.passengers),),
    order_by=(TravelLeg.departs_utc,),
)


def create_travel_leg(db: Database, visit_id: int, **fields: Any) -> TravelLeg:
    return crud.create(db, LEG, fields, parent_id=visit_id)


def get_travel_leg(db: Database, leg_id: int) -> TravelLeg:
    return crud.fetch(db, LEG, leg_id)


def update_travel_leg(db: Database, leg_id: int, version: int | None, **changes: Any) -> TravelLeg:
    return crud.update(db, LEG, leg_id, version, changes)


def delete_travel_leg(db: Database, leg_id: int, version: int | None = None) -> None:
    crud.delete(db, LEG, leg_id, version)


def restore_travel_leg(db: Database, leg_id: int) -> TravelLeg:
    return crud.restore(db, LEG, leg_id)


def list_travel(db: Database, visit_id: int) -> list[TravelLeg]:
    """The visit's legs by departure in real time."""
    return crud.listing(db, LEG, parent_id=visit_id)


# --- rooming rule ---------------------------------------------------------------------


def _nights(stay: Stay) -> tuple[dt.date, dt.date]:
    """Half-open: leaving on the 5th and arriving elsewhere on the 5th do not overlap."""
    return stay.check_in, max(stay.check_out, stay.check_in + dt.timedelta(days=1))


def check_rooming(session: Session, visit_id: int) -> None:
    """Refuse when a person is in two rooms of overlapping stays of the visit."""
    session.flush()
    stays = session.scalars(
        select(Stay)
        .where(Stay.visit_id == visit_id)
        .options(selectinload(Stay.rooms).selectinload(Room.occupants))
        .order_by(Stay.check_in, Stay.id)
    ).all()
    seen: dict[int, list[tuple[Stay, Room]]] = {}
    for stay in stays:
        # Collections loaded earlier in this session may still hold deleted rows.
        for room in (r for r in stay.rooms if r.deleted_at is None):
            for person in (p for p in room.occupants if p.deleted_at is None):
                for other_stay, other_room in seen.get(person.id, []):
                    start, end = _nights(stay)
                    other_start, other_end = _nights(other_stay)
                    if start < other_end and other_start < end:
                        raise Invalid(
                            _(
                                "{person} is already in room “{other_room}” of {other_stay} "
                                "({other_in} – {other_out}) and cannot also be in room “{room}” "
                                "of {stay} ({check_in} – {check_out})"
                            ).format(
                                person=person.full_name,
                                other_room=_room_name(other_room),
                                other_stay=other_stay.name,
                                other_in=date_text(other_stay.check_in),
                                other_out=date_text(other_stay.check_out),
                                room=_room_name(room),
                                stay=stay.name,
                                check_in=date_text(stay.check_in),
                                check_out=date_text(stay.check_out),
                            )
                        ).at("occupants")
                seen.setdefault(person.id, []).append((stay, room))


def _room_name(room: Room) -> str:
    return room.label or _("no. {n}").format(n=room.position)


# --- stays ----------------------------------------------------------------------------


def _rooms(value: Any) -> list[dict[str, Any]]:
    """Rooms given with a new stay: ``[{label, type, occupants: [person ids]}]``."""
    if value is None:
        return []
    if not isinstance(value, (list, tuple)):
        raise Invalid(_("must be a list"))
    out = []
    for index, room in enumerate(value):
        if not isinstance(room, dict):
            raise Invalid(_("must be a mapping")).at(f"[{index}]")
        try:
            out.append(crud.clean(ROOM, room))
        except Invalid as problem:
            raise crud.nest(problem, f"[{index}]") from None
    return out


def _relate_stay(session: Session, stay: Stay, rest: dict[str, Any]) -> None:
    for index, fields in enumerate(rest["rooms"]):
        room = Room(
            position=index + 1, label=fields.get("label"), type=fields.get("type") or "single"
        )
        room.occupants = _occupants(
            session, stay.visit_id, fields.get("occupants") or [], f"rooms[{index}].occupants"
        )
        stay.rooms.append(room)


def _occupants(session: Session, visit_id: int, person_ids: list[int], field: str) -> list[Person]:
    try:
        return participants_of(session, visit_id, person_ids, "")
    except Invalid as problem:
        raise crud.nest(problem, field) from None


def _check_stay(_session: Session, stay: Stay) -> None:
    if stay.check_out < stay.check_in:
        raise Invalid(
            _("must not be before the check-in ({day})").format(day=date_text(stay.check_in))
        ).at("check_out")


STAY = crud.Entity(
    Stay,
    label=N_("Stay"),
    spec={
        "name": rules.line(required=True),
        "address": rules.line(),
        "phone": rules.phone,
        "check_in": rules.date(required=True),
        "check_out": rules.date(required=True),
        "notes": rules.long_text,
        "rooms": _rooms,
    },
    required=("name", "check_in", "check_out"),
    parent=(Visit, "visit_id"),
    relate=_relate_stay,
    check=_check_stay,
    verify=lambda session, stay: check_rooming(session, stay.visit_id),
    loads=(selectinload(Stay.rooms).selectinload(Room.occupants),),
    children=lambda stay: stay.rooms,
    order_by=(Stay.check_in,),
)


def create_stay(db: Database, visit_id: int, **fields: Any) -> Stay:
    """A stay, with its rooms (``rooms=[{label, type, occupants}]``) in the same transaction."""
    return crud.create(db, STAY, fields, parent_id=visit_id)


def get_stay(db: Database, stay_id: int) -> Stay:
    return crud.fetch(db, STAY, stay_id)


def update_stay(db: Database, stay_id: int, version: int | None, **changes: Any) -> Stay:
    if "rooms" in changes:
        raise Invalid(_("are edited one by one (add, change or remove a room)")).at("rooms")
    return crud.update(db, STAY, stay_id, version, changes)


def delete_stay(db: Database, stay_id: int, version: int | None = None) -> None:
    crud.delete(db, STAY, stay_id, version)


def restore_stay(db: Database, stay_id: int) -> Stay:
    return crud.restore(db, STAY, stay_id)


def list_stays(db: Database, visit_id: int) -> list[Stay]:
    return crud.listing(db, STAY, parent_id=visit_id)


# --- rooms ----------------------------------------------------------------------------


def _relate_room(session: Session, room: Room, rest: dict[str, Any]) -> None:
    stay = session.get(Stay, room.stay_id)
    assert stay is not None
    room.occupants = _occupants(session, stay.visit_id, rest["occupants"], "occupants")


def _verify_room(session: Session, room: Room) -> None:
    stay = session.get(Stay, room.stay_id)
    assert stay is not None
    check_rooming(session, stay.visit_id)


ROOM = crud.Entity(
    Room,
    label=N_("Room"),
    spec={
        "label": rules.line(),
        "type": rules.enum(ROOM_TYPES, default="single"),
        "occupants": rules.id_list,
    },
    parent=(Stay, "stay_id"),
    relate=_relate_room,
    verify=_verify_room,
    loads=(selectinload(Room.occupants), selectinload(Room.stay)),
    order_by=(Room.position,),
)


def create_room(db: Database, stay_id: int, **fields: Any) -> Room:
    def place(session: Session, room: Room) -> None:
        room.position = crud.next_position(session, Room, "stay_id", stay_id)

    return crud.create(db, ROOM, fields, parent_id=stay_id, before=place)


def get_room(db: Database, room_id: int) -> Room:
    return crud.fetch(db, ROOM, room_id)


def update_room(db: Database, room_id: int, version: int | None, **changes: Any) -> Room:
    return crud.update(db, ROOM, room_id, version, changes)


def delete_room(db: Database, room_id: int, version: int | None = None) -> None:
    crud.delete(db, ROOM, room_id, version)


def restore_room(db: Database, room_id: int) -> Room:
    return crud.restore(db, ROOM, room_id)


def list_rooms(db: Database, stay_id: int) -> list[Room]:
    return crud.listing(db, ROOM, parent_id=stay_id)
