"""The programme: items in the venue's wall-clock time with its IANA zone.

``starts``/``ends`` are what the host wrote ("10:00 in Bergen"); the UTC columns are derived
from them on every change (a zone's rules may change later, the wall time stays), and they
order the programme and compare it with flights. Overlaps and items outside the visit are
warnings for the checks, never refusals here; a time that does not exist (the spring
daylight-saving gap) and an end not after its start are refused.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.domain import validation as v
from app.domain.validation import Invalid
from app.i18n import N_, _, moment_text
from app.services import crud
from app.services import field_rules as rules
from db.engine import Database
from db.enums import ITEM_KINDS
from db.models import Contact, Organisation, Participation, Person, ProgrammeItem, Visit


def participants_of(
    session: Session, visit_id: int, person_ids: list[int], field: str
) -> list[Person]:
    """The live people for ``person_ids``, each on the visit, or Invalid at ``field``."""
    people = []
    for index, person_id in enumerate(person_ids):
        on_visit = session.scalars(
            select(Person)
            .join(Participation, Participation.person_id == Person.id)
            .where(
                Person.id == person_id,
                Participation.visit_id == visit_id,
                Participation.deleted_at.is_(None),
                Person.deleted_at.is_(None),
            )
        ).first()
        if on_visit is None:
            raise Invalid(_("person {id} is not on this visit").format(id=person_id)).at(
                f"{field}[{index}]"
            )
        people.append(on_visit)
    return people


def _relate(session: Session, item: ProgrammeItem, rest: dict[str, Any]) -> None:
    if "attendees" in rest:
        chosen = rest["attendees"]
        if chosen == "all":
            item.attendees_all = True
            item.attendees = []
        else:
            item.attendees_all = False
            item.attendees = participants_of(session, item.visit_id, chosen, "attendees")


def exact_wall_time(naive: dt.datetime, zone_name: str) -> dt.datetime:
    """The wall time itself, or where the clocks put it when it falls in a gap."""
    if v.exists_in(naive, v.zone(zone_name)):
        return naive
    return v.from_utc(v.to_utc(naive, zone_name), zone_name)


def derive_utc(item: Any, zone_field: str = "timezone") -> None:
    """Set ``starts_utc``/``ends_utc`` from the wall times and the zone."""
    zone_name = getattr(item, zone_field)
    item.starts_utc = v.to_utc(item.starts, zone_name)
    item.ends_utc = v.to_utc(item.ends, zone_name)


def _check(session: Session, item: ProgrammeItem) -> None:
    if item.timezone is None:
        visit = session.get(Visit, item.visit_id)
        assert visit is not None
        item.timezone = visit.timezone
    for name in ("starts", "ends"):
        try:
            v.local_time(getattr(item, name), item.timezone)
        except Invalid as problem:
            raise problem.at(name) from None
    derive_utc(item)
    if item.ends_utc <= item.starts_utc:
        raise Invalid(
            _("must be after the start ({starts})").format(starts=moment_text(item.starts))
        ).at("ends")
    host = None
    if item.host_id is not None:
        host = session.get(Organisation, item.host_id)
        if host is None or host.deleted_at is not None:
            raise Invalid(
                _("{what} {id} does not exist").format(what=_("Organisation"), id=item.host_id)
            ).at("host_id")
    if item.contact_id is not None:
        contact = session.get(Contact, item.contact_id)
        if contact is None or contact.deleted_at is not None:
            raise Invalid(
                _("{what} {id} does not exist").format(what=_("Contact"), id=item.contact_id)
            ).at("contact_id")
        if host is None:
            item.host_id = contact.organisation_id
        elif contact.organisation_id != host.id:
            raise Invalid(
                _("{name} does not work at {host}").format(name=contact.name, host=host.name)
            ).at("contact_id")


ITEM = crud.Entity(
    ProgrammeItem,
    label=N_("Programme item"),
    spec={
        "starts": rules.wall_time,
        "ends": rules.wall_time,
        "timezone": rules.zone_name,
        "kind": rules.enum(ITEM_KINDS, default="meeting"),
        "title": rules.line(required=True),
        "description": rules.long_text,
        "translations": rules.translations("title", "description"),
        "host_id": rules.ident,
        "contact_id": rules.ident,
        "venue": rules.line(),
        "address": rules.line(),
        "track": rules.line(),
        "attendees": rules.ids_or_all,
        "interpreter": rules.flag(),
        "confirmed": rules.flag(),
        "outcome": rules.long_text,
    },
    required=("starts", "ends", "title"),
    parent=(Visit, "visit_id"),
    relate=_relate,
    check=_check,
    loads=(
        selectinload(ProgrammeItem.host),
        selectinload(ProgrammeItem.contact),
        selectinload(ProgrammeItem.attendees),
    ),
    order_by=(ProgrammeItem.starts_utc, ProgrammeItem.track, ProgrammeItem.title),
)


def create_programme_item(db: Database, visit_id: int, **fields: Any) -> ProgrammeItem:
    """A new item; ``timezone`` defaults to the visit's, ``attendees`` to "all"."""
    return crud.create(db, ITEM, fields, parent_id=visit_id)


def get_programme_item(db: Database, item_id: int) -> ProgrammeItem:
    return crud.fetch(db, ITEM, item_id)


def update_programme_item(
    db: Database, item_id: int, version: int | None, **changes: Any
) -> ProgrammeItem:
    return crud.update(db, ITEM, item_id, version, changes)


def delete_programme_item(db: Database, item_id: int, version: int | None = None) -> None:
    crud.delete(db, ITEM, item_id, version)


def restore_programme_item(db: Database, item_id: int) -> ProgrammeItem:
    return crud.restore(db, ITEM, item_id)


def list_programme(
    db: Database, visit_id: int, *, day: dt.date | None = None, track: str | None = None
) -> list[ProgrammeItem]:
    """The visit's items in time order (then track, title); ``day`` is a local date."""
    rows = crud.listing(db, ITEM, parent_id=visit_id)
    if day is not None:
        rows = [item for item in rows if item.starts.date() == day]
    if track is not None:
        rows = [item for item in rows if item.track == track]
    return rows
