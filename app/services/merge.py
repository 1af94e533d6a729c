"""Merge duplicates in the directory: two records of the same person or institution.

A merge touches many rows (visits, programme items, travel legs, rooms, contacts). It is
one user change, so it is one write transaction: either all of it is saved or, when any
part is refused, nothing is. The result names every row it moved, so that the undo
(``unmerge_*``, again one transaction) puts back exactly those rows and no others.

People: the kept person takes the duplicate's place in its participations, the programme's
attendee lists, the travel legs' passengers, the rooming list and as visit coordinator.
Where both were already on the same visit (or item, leg, room) the kept person's entry
stays and the duplicate's is removed: the kept record is the one the user chose as right.
The kept person's own details are not changed. Institutions: contacts, hosted programme
items, organised visits and the people who work there move to the kept one. In both cases
the duplicate is then soft-deleted, so that undo can bring back the very same row.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, and_, delete, insert, select, update
from sqlalchemy.orm import Session

from app.domain.validation import Invalid
from app.i18n import _
from app.services import crud
from app.services.base import get_any, get_live
from db.engine import Database
from db.models import (
    Contact,
    Organisation,
    Participation,
    Person,
    ProgrammeItem,
    Room,
    Stay,
    Visit,
)
from db.models.base import utcnow
from db.models.logistics import room_occupant, travel_passenger
from db.models.programme import programme_attendee

Ids = tuple[int, ...]


@dataclass(frozen=True)
class MergeResult:
    """What a merge changed: the ids of the rows moved, enough to undo it exactly.

    For a person's lists (attendees, passengers, occupants) ``*_moved`` are the items, legs
    or rooms where the kept person replaced the duplicate, ``*_dropped`` those where the
    kept person was already listed and the duplicate's entry was removed.
    """

    keep_id: int
    duplicate_id: int
    deleted_at: dt.datetime
    contacts: Ids = ()
    hosted_items: Ids = ()
    organised_visits: Ids = ()
    members: Ids = ()
    coordinated_visits: Ids = ()
    participations_moved: Ids = ()
    participations_dropped: Ids = ()
    attendees_moved: Ids = ()
    attendees_dropped: Ids = ()
    passengers_moved: Ids = ()
    passengers_dropped: Ids = ()
    occupants_moved: Ids = ()
    occupants_dropped: Ids = ()


# The person lists kept in association tables: (table, column naming the owner row).
_PERSON_LISTS: dict[str, tuple[Table, str]] = {
    "attendees": (programme_attendee, "item_id"),
    "passengers": (travel_passenger, "leg_id"),
    "occupants": (room_occupant, "room_id"),
}


def _ids(session: Session, stmt: Any) -> Ids:
    return tuple(sorted(session.scalars(stmt)))


def _swap_in_list(
    session: Session, table: Table, owner: str, duplicate_id: int, keep_id: int
) -> tuple[Ids, Ids]:
    """Put the kept person in place of the duplicate in one kind of person list.

    Returns the owners where the entry was moved, and those where the kept person was
    already listed (there the duplicate's entry is removed: a person is listed once).
    """
    owner_col = table.c[owner]
    person = table.c.person_id
    mine = set(session.scalars(select(owner_col).where(person == duplicate_id)))
    kept = set(session.scalars(select(owner_col).where(person == keep_id)))
    dropped = tuple(sorted(mine & kept))
    moved = tuple(sorted(mine - kept))
    if dropped:
        session.execute(delete(table).where(person == duplicate_id, owner_col.in_(dropped)))
    if moved:
        session.execute(
            update(table)
            .where(person == duplicate_id, owner_col.in_(moved))
            .values(person_id=keep_id)
        )
    return moved, dropped


def _unswap_in_list(
    session: Session, table: Table, owner: str, result: MergeResult, moved: Ids, dropped: Ids
) -> None:
    """Undo ``_swap_in_list``: the duplicate back where it was listed, the kept one out."""
    owner_col = table.c[owner]
    person = table.c.person_id
    if moved:
        session.execute(
            update(table)
            .where(and_(person == result.keep_id, owner_col.in_(moved)))
            .values(person_id=result.duplicate_id)
        )
    for owner_id in dropped:
        session.execute(insert(table).values({owner: owner_id, "person_id": result.duplicate_id}))


def _rows(session: Session, cls: type[Any], ids: Ids) -> list[Any]:
    """The live rows named by a merge result; a missing one refuses the whole undo."""
    return [get_live(session, cls, row_id) for row_id in ids]


# --- people ---------------------------------------------------------------------------


def merge_people(db: Database, keep_id: int, duplicate_id: int) -> MergeResult:
    """Merge the person ``duplicate_id`` into ``keep_id`` in one transaction."""
    if duplicate_id == keep_id:
        raise Invalid(_("A person cannot be merged into themselves."))

    def work(session: Session) -> MergeResult:
        from app.services.logistics import check_rooming

        get_live(session, Person, keep_id)
        get_live(session, Person, duplicate_id)
        stamp = utcnow()

        coordinated = _ids(session, select(Visit.id).where(Visit.coordinator_id == duplicate_id))
        for visit in _rows(session, Visit, coordinated):
            visit.coordinator_id = keep_id

        kept_visits = set(
            session.scalars(
                select(Participation.visit_id).where(Participation.person_id == keep_id)
            )
        )
        moved_parts: list[int] = []
        dropped_parts: list[int] = []
        for part in session.scalars(
            select(Participation)
            .where(Participation.person_id == duplicate_id)
            .order_by(Participation.id)
        ).all():
            if part.visit_id in kept_visits:
                part.deleted_at = stamp  # the kept person's own row stays as it is
                dropped_parts.append(part.id)
            else:
                part.person_id = keep_id
                moved_parts.append(part.id)
        session.flush()

        lists: dict[str, tuple[Ids, Ids]] = {
            name: _swap_in_list(session, table, owner, duplicate_id, keep_id)
            for name, (table, owner) in _PERSON_LISTS.items()
        }
        rooms = lists["occupants"][0]
        session.expire_all()  # the lists changed beneath the ORM's loaded collections
        if rooms:  # the kept person may now be in two rooms at once: refused whole
            for visit_id in set(
                session.scalars(
                    select(Stay.visit_id)
                    .join(Room, Room.stay_id == Stay.id)
                    .where(Room.id.in_(rooms))
                )
            ):
                check_rooming(session, visit_id)

        duplicate = get_live(session, Person, duplicate_id)
        duplicate.deleted_at = stamp
        session.flush()
        return MergeResult(
            keep_id=keep_id,
            duplicate_id=duplicate_id,
            deleted_at=stamp,
            coordinated_visits=coordinated,
            participations_moved=tuple(moved_parts),
            participations_dropped=tuple(dropped_parts),
            attendees_moved=lists["attendees"][0],
            attendees_dropped=lists["attendees"][1],
            passengers_moved=lists["passengers"][0],
            passengers_dropped=lists["passengers"][1],
            occupants_moved=lists["occupants"][0],
            occupants_dropped=lists["occupants"][1],
        )

    return crud.transaction(db, work)


def unmerge_people(db: Database, result: MergeResult) -> None:
    """Undo ``merge_people``: the duplicate back, with exactly the rows it had, at once."""

    def work(session: Session) -> None:
        duplicate = get_any(session, Person, result.duplicate_id)
        duplicate.deleted_at = None
        for part_id in result.participations_dropped:
            get_any(session, Participation, part_id).deleted_at = None
        for part in _rows(session, Participation, result.participations_moved):
            part.person_id = result.duplicate_id
        for visit in _rows(session, Visit, result.coordinated_visits):
            visit.coordinator_id = result.duplicate_id
        session.flush()
        for name, (table, owner) in _PERSON_LISTS.items():
            _unswap_in_list(
                session,
                table,
                owner,
                result,
                getattr(result, f"{name}_moved"),
                getattr(result, f"{name}_dropped"),
            )
        session.expire_all()

    crud.transaction(db, work)


# --- organisations --------------------------------------------------------------------


def merge_organisations(db: Database, keep_id: int, duplicate_id: int) -> MergeResult:
    """Merge the institution ``duplicate_id`` into ``keep_id`` in one transaction.

    Contacts move (not copies), so a programme item keeps naming the same contact row.
    """
    if duplicate_id == keep_id:
        raise Invalid(_("An institution cannot be merged into itself."))

    def work(session: Session) -> MergeResult:
        get_live(session, Organisation, keep_id)
        duplicate = get_live(session, Organisation, duplicate_id)
        contacts = _ids(session, select(Contact.id).where(Contact.organisation_id == duplicate_id))
        for contact in _rows(session, Contact, contacts):
            contact.organisation_id = keep_id
        hosted = _ids(
            session, select(ProgrammeItem.id).where(ProgrammeItem.host_id == duplicate_id)
        )
        for item in _rows(session, ProgrammeItem, hosted):
            item.host_id = keep_id
        organised = _ids(session, select(Visit.id).where(Visit.organiser_id == duplicate_id))
        for visit in _rows(session, Visit, organised):
            visit.organiser_id = keep_id
        members = _ids(session, select(Person.id).where(Person.organisation_id == duplicate_id))
        for person in _rows(session, Person, members):
            person.organisation_id = keep_id
        stamp = utcnow()
        duplicate.deleted_at = stamp
        session.flush()
        return MergeResult(
            keep_id=keep_id,
            duplicate_id=duplicate_id,
            deleted_at=stamp,
            contacts=contacts,
            hosted_items=hosted,
            organised_visits=organised,
            members=members,
        )

    return crud.transaction(db, work)


def unmerge_organisations(db: Database, result: MergeResult) -> None:
    """Undo ``merge_organisations``: the duplicate back with its own rows, at once."""

    def work(session: Session) -> None:
        get_any(session, Organisation, result.duplicate_id).deleted_at = None
        for contact in _rows(session, Contact, result.contacts):
            contact.organisation_id = result.duplicate_id
        for item in _rows(session, ProgrammeItem, result.hosted_items):
            item.host_id = result.duplicate_id
        for visit in _rows(session, Visit, result.organised_visits):
            visit.organiser_id = result.duplicate_id
        for person in _rows(session, Person, result.members):
            person.organisation_id = result.duplicate_id
        session.flush()

    crud.transaction(db, work)
