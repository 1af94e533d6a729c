"""Who has no room yet: the people taking part who are there on a stay's nights and sleep
in none of the visit's rooms on those nights.

Nothing said so: a rooming list of five sent to the hotel for a delegation of eight showed
only "rooms: 3, guests: 5", and three delegates would have arrived to no bed. A person is
there from their arrival to their departure date (the visit's first and last day when not
given); a stay's nights are half-open (leaving on the 28th needs no bed that night), as
the rooming rule of ``app.services.logistics`` counts them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.services.logistics import list_rooms, list_stays
from app.services.people import list_participations
from app.services.visits import get_visit
from db.engine import Database


@dataclass(frozen=True)
class NoRoom:
    """A stay and the people there on its nights with no room in it or in another stay."""

    stay: str
    check_in: dt.date
    check_out: dt.date
    people: tuple[str, ...]  # full names, in the visit's order of people


def people_without_a_room(db: Database, visit_id: int) -> list[NoRoom]:
    visit = get_visit(db, visit_id)
    stays = [(stay, list_rooms(db, stay.id)) for stay in list_stays(db, visit_id)]

    def nights(stay) -> tuple[dt.date, dt.date]:
        return stay.check_in, max(stay.check_out, stay.check_in + dt.timedelta(days=1))

    housed: list[tuple[int, dt.date, dt.date]] = [
        (person.id, *nights(stay))
        for stay, rooms in stays
        for room in rooms
        for person in room.occupants
    ]
    out: list[NoRoom] = []
    for stay, _rooms in stays:
        first, last = nights(stay)
        missing = []
        for part in list_participations(db, visit_id, taking_part=True):
            there_from = part.arrives or visit.start_date
            there_to = part.departs or visit.end_date
            start, end = max(first, there_from), min(last, there_to)
            if start >= end:
                continue  # not there on any night of this stay
            night = start
            while night < end:
                if not any(pid == part.person_id and a <= night < b for pid, a, b in housed):
                    missing.append(part.person.full_name)
                    break
                night += dt.timedelta(days=1)
        if missing:
            out.append(NoRoom(stay.name, stay.check_in, stay.check_out, tuple(missing)))
    return out
