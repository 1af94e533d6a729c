"""Programme checks over the database: the warnings shown beside a visit's programme.

Loads what ``app.domain.checks`` needs in one read session and runs the checks outside it.
Rows are named by their UUIDs, the same keys the visit file carries, so a warning can be
tied to a row in the window, in a document or in an imported file.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.domain.checks import (
    ALL,
    Attendance,
    ItemEntry,
    LegEntry,
    Problem,
    VisitFrame,
    check_programme,
)
from app.domain.text import sort_key
from app.services.base import get_live
from db.models import Participation, Person, ProgrammeItem, TravelLeg, Visit, programme_attendee

if TYPE_CHECKING:
    from db.engine import Database

__all__ = ["Problem", "leg_label", "problems_by_item", "programme_problems"]


def programme_problems(db: Database, visit_id: int) -> list[Problem]:
    """Every programme problem of a live visit (``NotFound`` if it is missing or deleted)."""
    with db.read() as session:
        visit = get_live(session, Visit, visit_id)
        frame = VisitFrame(visit.start_date, visit.end_date, visit.timezone)
        participations = session.scalars(
            select(Participation)
            .where(Participation.visit_id == visit_id)
            .options(selectinload(Participation.person))
            .order_by(Participation.id)
        ).all()
        # named in the one order of names (Latvian alphabetical, family name first), as the
        # lists and the documents name them; the order of adding was used here
        people = [
            Attendance(p.person.uuid, p.person.full_name, p.status, p.arrives, p.departs)
            for p in sorted(
                participations,
                key=lambda p: (
                    sort_key(p.person.family_name if p.person else ""),
                    sort_key(p.person.given_name if p.person else ""),
                    p.id,
                ),
            )
            if p.person is not None and p.person.deleted_at is None
        ]
        items = _items(session, visit_id)
        legs = [
            LegEntry(
                key=leg.uuid,
                label=leg_label(leg),
                departs=leg.departs,
                departs_tz=leg.from_timezone,
                arrives=leg.arrives,
                arrives_tz=leg.to_timezone,
                passengers=ALL if leg.passengers_all else tuple(p.uuid for p in leg.passengers),
            )
            for leg in session.scalars(
                select(TravelLeg)
                .where(TravelLeg.visit_id == visit_id)
                .options(selectinload(TravelLeg.passengers))
            )
        ]
    return check_programme(frame, people, items, legs)


def _items(session: Any, visit_id: int) -> list[ItemEntry]:
    """The visit's live items as plain rows, not ORM objects: a programme of thousands of
    items is read in a fraction of the time (the checks must stay well under 2 s)."""
    listed: dict[int, list[str]] = {}
    for item_id, person_uuid in session.execute(
        select(programme_attendee.c.item_id, Person.uuid)
        .join(Person, Person.id == programme_attendee.c.person_id)
        .join(ProgrammeItem, ProgrammeItem.id == programme_attendee.c.item_id)
        .where(ProgrammeItem.visit_id == visit_id, Person.deleted_at.is_(None))
        .order_by(programme_attendee.c.item_id, Person.id)
    ):
        listed.setdefault(item_id, []).append(person_uuid)
    rows = session.execute(
        select(
            ProgrammeItem.id,
            ProgrammeItem.uuid,
            ProgrammeItem.title,
            ProgrammeItem.starts,
            ProgrammeItem.ends,
            ProgrammeItem.timezone,
            ProgrammeItem.track,
            ProgrammeItem.attendees_all,
        ).where(ProgrammeItem.visit_id == visit_id, ProgrammeItem.deleted_at.is_(None))
    )
    return [
        ItemEntry(
            key=uuid,
            title=title,
            starts=starts,
            ends=ends,
            timezone=zone,
            track=track,
            attendees=ALL if everyone else tuple(listed.get(item_id, ())),
        )
        for item_id, uuid, title, starts, ends, zone, track, everyone in rows
    ]


def leg_label(leg: TravelLeg) -> str:
    """How a traveller recognises a leg: carrier, number and route.

    For example "airBaltic BT 151 (Riga → Bergen)".
    """
    route = f"{leg.from_place} → {leg.to_place}"
    ident = " ".join(part for part in (leg.carrier, leg.number) if part)
    return f"{ident} ({route})" if ident else route


def problems_by_item(problems: Iterable[Problem]) -> dict[str, list[Problem]]:
    """Problems under the key of every item they concern (an overlap is under both items)."""
    grouped: dict[str, list[Problem]] = {}
    for problem in problems:
        for key in problem.item_keys:
            grouped.setdefault(key, []).append(problem)
    return grouped
