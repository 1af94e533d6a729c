"""A visit as the documents see it: plain frozen records read in one session.

Builders lay out pages from these records, not from ORM rows, so a document can be built
off the window's thread after the session is closed, and every document agrees on the same
rules: who *takes part* (confirmed or attended), who attends an item (``attendees_of`` of
the programme checks: "all" means everyone taking part who is present that day), which
name of a host to print in which language, and that an ID-document number is never read.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from app.domain.checks import ALL, Attendance, ItemEntry, VisitFrame, attendees_of
from app.domain.text import sort_key
from app.domain.validation import to_utc
from db.enums import ROLES

_ROLE_ORDER = {role: index for index, role in enumerate(ROLES)}


def translated(translations: dict[str, Any], lang: str, name: str) -> str | None:
    """A text in ``lang`` when the visit has it; for bokmål, else in English.

    The main text is Latvian (the organiser's language); a Norwegian reader of a bokmål
    programme understands English better, so English comes before the Latvian fallback.
    """
    for code in (lang, "en") if lang == "nb" else (lang,):
        text = (translations.get(code) or {}).get(name)
        if text:
            return str(text)
    return None


@dataclass(frozen=True)
class Org:
    """An institution with its names: as the organiser writes it, its own, in English."""

    name: str
    name_original: str | None = None
    name_en: str | None = None
    country: str | None = None
    address: str | None = None
    website: str | None = None

    def shown(self, lang: str) -> str:
        """The name a reader of ``lang`` recognises."""
        if lang == "en":
            return self.name_en or self.name_original or self.name
        if lang == "nb" and self.country == "NO":
            return self.name_original or self.name_en or self.name
        if lang == "nb":
            return self.name_en or self.name
        return self.name

    def own(self, lang: str) -> str | None:
        """The institution's name in its own language, when it differs from ``shown``."""
        own = self.name_original
        return own if own and own != self.shown(lang) else None


@dataclass(frozen=True)
class ContactDoc:
    name: str
    position: str | None
    email: str | None
    phone: str | None


@dataclass(frozen=True)
class PersonDoc:
    """Someone on the visit. No ID-document number or birth date: never printed."""

    id: int
    key: str
    given_name: str
    family_name: str
    organisation: Org | None
    position: str | None
    email: str | None
    phone: str | None
    role: str
    status: str
    arrives: dt.date
    departs: dt.date
    accessibility: str | None = None
    gender: str | None = None  # as stored: "female", "male" or None (not known)
    dietary: str | None = None

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"

    @property
    def feminine(self) -> bool:
        """Latvian words about the person take the feminine form (stored, else guessed)."""
        from app.domain.latvian import guess_gender

        gender = self.gender or guess_gender(self.given_name, self.family_name)
        return gender == "female"


@dataclass(frozen=True)
class ItemDoc:
    key: str
    starts: dt.datetime
    ends: dt.datetime
    timezone: str
    starts_utc: dt.datetime
    kind: str
    title: str
    description: str | None
    translations: dict[str, Any]
    host: Org | None
    contact: ContactDoc | None
    venue: str | None
    address: str | None
    track: str | None
    interpreter: bool
    attendees: frozenset[str]  # keys of the people who take part and attend
    everyone: bool = True  # "all", rather than a list of people
    confirmed: bool = True  # the host has confirmed the meeting

    def title_in(self, lang: str) -> str:
        return translated(self.translations, lang, "title") or self.title

    def description_in(self, lang: str) -> str | None:
        return translated(self.translations, lang, "description") or self.description


@dataclass(frozen=True)
class LegDoc:
    key: str
    mode: str
    carrier: str | None
    number: str | None
    from_place: str
    from_timezone: str
    departs: dt.datetime
    to_place: str
    to_timezone: str
    arrives: dt.datetime
    departs_utc: dt.datetime
    booking_ref: str | None
    passengers: tuple[str, ...]  # keys of the people who take part and travel on it

    @property
    def ident(self) -> str:
        return " ".join(part for part in (self.carrier, self.number) if part)


@dataclass(frozen=True)
class RoomDoc:
    label: str | None
    type: str
    occupants: tuple[str, ...]  # keys of the people who take part


@dataclass(frozen=True)
class StayDoc:
    key: str
    name: str
    address: str | None
    phone: str | None
    check_in: dt.date
    check_out: dt.date
    rooms: tuple[RoomDoc, ...]


@dataclass(frozen=True)
class ProjectDoc:
    code: str
    title: str | None
    programme: str | None
    funder: str | None
    acknowledgement: str | None
    logo: bytes | None


@dataclass(frozen=True)
class VisitDoc:
    id: int
    code: str
    title: str
    translations: dict[str, Any]
    purpose: str | None
    kind: str
    country: str | None
    city: str | None
    timezone: str
    start_date: dt.date
    end_date: dt.date
    languages: tuple[str, ...]
    organiser: Org | None
    coordinator: PersonDoc | None
    emergency: tuple[tuple[str, str], ...]
    project: ProjectDoc | None
    people: tuple[PersonDoc, ...]  # who takes part, head of delegation first
    items: tuple[ItemDoc, ...]  # by real start time, track, title
    legs: tuple[LegDoc, ...]  # by real departure
    stays: tuple[StayDoc, ...]  # by check-in
    by_key: dict[str, PersonDoc] = field(default_factory=dict)

    @property
    def default_language(self) -> str:
        return self.languages[0] if self.languages else "lv"

    def title_in(self, lang: str) -> str:
        return translated(self.translations, lang, "title") or self.title

    def purpose_in(self, lang: str) -> str | None:
        return translated(self.translations, lang, "purpose") or self.purpose

    def days(self) -> list[dt.date]:
        count = (self.end_date - self.start_date).days + 1
        return [self.start_date + dt.timedelta(days=i) for i in range(count)]


def _org(row: Any) -> Org | None:
    if row is None or row.deleted_at is not None:
        return None
    return Org(row.name, row.name_original, row.name_en, row.country, row.address, row.website)


def _person(part: Any, visit: Any) -> PersonDoc:
    person = part.person
    return PersonDoc(
        id=person.id,
        key=person.uuid,
        given_name=person.given_name,
        family_name=person.family_name,
        organisation=_org(person.organisation),
        position=person.position,
        email=person.email,
        phone=person.phone,
        role=part.role,
        status=part.status,
        arrives=part.arrives or visit.start_date,
        departs=part.departs or visit.end_date,
        accessibility=person.accessibility,
        gender=person.gender,
        dietary=person.dietary,
    )


def person_order(person: PersonDoc) -> tuple[Any, ...]:
    """Head of delegation first, then by role; within a role by family and given name."""
    return (
        _ROLE_ORDER.get(person.role, len(ROLES)),
        sort_key(person.family_name),
        sort_key(person.given_name),
        person.id,
    )


def load_visit(db: Any, ref: str | int) -> VisitDoc:
    """Everything a document prints about the live visit ``ref`` (its code, else its id).

    ``db`` is a ``Database``, or a database URL (the command line's way): a SQLite file at
    the current schema is then read with plain SQL, anything else through the ORM.
    """
    if isinstance(db, str):
        from app.documents.data_sql import fast_visit

        found = fast_visit(db, ref)
        if found is not None:
            return found
        from app.storage import open_database

        database = open_database(db)
        try:
            return load_visit(database, ref)
        finally:
            database.dispose()
    from sqlalchemy.orm import selectinload

    from app.services.base import visit_by_ref
    from db.models import Participation, Person, ProgrammeItem, Room, Stay, TravelLeg, Visit

    options = [
        selectinload(Visit.organiser),
        selectinload(Visit.project),
        selectinload(Visit.coordinator).selectinload(Person.organisation),
        selectinload(Visit.participations)
        .selectinload(Participation.person)
        .selectinload(Person.organisation),
        selectinload(Visit.programme).selectinload(ProgrammeItem.host),
        selectinload(Visit.programme).selectinload(ProgrammeItem.contact),
        selectinload(Visit.programme).selectinload(ProgrammeItem.attendees),
        selectinload(Visit.travel).selectinload(TravelLeg.passengers),
        selectinload(Visit.stays).selectinload(Stay.rooms).selectinload(Room.occupants),
    ]
    with db.read() as session:
        return _snapshot(visit_by_ref(session, ref, *options))


def _snapshot(visit: Any) -> VisitDoc:
    frame = VisitFrame(visit.start_date, visit.end_date, visit.timezone)
    parts = [
        p
        for p in visit.participations
        if p.deleted_at is None and p.person is not None and p.person.deleted_at is None
    ]
    everyone = [_person(p, visit) for p in parts]
    taking = sorted(
        (p for p, part in zip(everyone, parts, strict=True) if part.takes_part), key=person_order
    )
    by_key = {p.key: p for p in taking}
    attendance = [Attendance(p.key, p.full_name, p.status, p.arrives, p.departs) for p in taking]
    project = visit.project
    return VisitDoc(
        id=visit.id,
        code=visit.code,
        title=visit.title,
        translations=dict(visit.translations or {}),
        purpose=visit.purpose,
        kind=visit.kind,
        country=visit.country,
        city=visit.city,
        timezone=visit.timezone,
        start_date=visit.start_date,
        end_date=visit.end_date,
        languages=tuple(visit.languages or ()),
        organiser=_org(visit.organiser),
        coordinator=_coordinator(visit, everyone),
        emergency=tuple((e.get("label", ""), e.get("phone", "")) for e in visit.emergency or ()),
        project=ProjectDoc(
            project.code,
            project.title,
            project.programme,
            project.funder,
            project.acknowledgement,
            project.logo,
        )
        if project is not None and project.deleted_at is None
        else None,
        people=tuple(taking),
        items=_items(visit, frame, attendance),
        legs=_legs(visit, taking),
        stays=_stays(visit, by_key),
        by_key=by_key,
    )


def _coordinator(visit: Any, everyone: list[PersonDoc]) -> PersonDoc | None:
    """The coordinator as a participant when they take part, else from the directory."""
    coordinator = next((p for p in everyone if visit.coordinator_id == p.id), None)
    if coordinator is None and visit.coordinator is not None:
        c = visit.coordinator
        coordinator = PersonDoc(
            c.id,
            c.uuid,
            c.given_name,
            c.family_name,
            _org(c.organisation),
            c.position,
            c.email,
            c.phone,
            "coordinator",
            "confirmed",
            visit.start_date,
            visit.end_date,
            gender=c.gender,
        )
    return coordinator


def _items(visit: Any, frame: VisitFrame, attendance: list[Attendance]) -> tuple[ItemDoc, ...]:
    """The programme's items, each with the people attending it (a deleted contact none)."""
    items = []
    for item in visit.programme:
        entry = ItemEntry(
            item.uuid,
            item.title,
            item.starts,
            item.ends,
            item.timezone,
            item.track,
            ALL if item.attendees_all else tuple(p.uuid for p in item.attendees),
        )
        contact = (
            item.contact if item.contact is not None and item.contact.deleted_at is None else None
        )
        items.append(
            ItemDoc(
                key=item.uuid,
                starts=item.starts,
                ends=item.ends,
                timezone=item.timezone,
                starts_utc=item.starts_utc,
                kind=item.kind,
                title=item.title,
                description=item.description,
                translations=dict(item.translations or {}),
                host=_org(item.host),
                contact=ContactDoc(contact.name, contact.position, contact.email, contact.phone)
                if contact is not None
                else None,
                venue=item.venue,
                address=item.address,
                track=item.track,
                interpreter=item.interpreter,
                attendees=attendees_of(frame, attendance, entry),
                everyone=item.attendees_all,
                confirmed=bool(item.confirmed),
            )
        )
    return tuple(items)


def _legs(visit: Any, taking: list[PersonDoc]) -> tuple[LegDoc, ...]:
    """The travel legs with their riders: a leg for everyone carries those present on its
    day (clamped to the visit's dates), any other its listed passengers taking part."""
    legs = []
    for leg in visit.travel:
        if leg.passengers_all:
            day = min(max(leg.departs.date(), visit.start_date), visit.end_date)
            riders = tuple(p.key for p in taking if p.arrives <= day <= p.departs)
        else:
            listed = {p.uuid for p in leg.passengers}
            riders = tuple(p.key for p in taking if p.key in listed)
        legs.append(
            LegDoc(
                leg.uuid,
                leg.mode,
                leg.carrier,
                leg.number,
                leg.from_place,
                leg.from_timezone,
                leg.departs,
                leg.to_place,
                leg.to_timezone,
                leg.arrives,
                to_utc(leg.departs, leg.from_timezone),
                leg.booking_ref,
                riders,
            )
        )
    return tuple(legs)


def _stays(visit: Any, by_key: dict[str, PersonDoc]) -> tuple[StayDoc, ...]:
    """The stays and rooms kept, each room with its occupants who take part."""
    return tuple(
        StayDoc(
            stay.uuid,
            stay.name,
            stay.address,
            stay.phone,
            stay.check_in,
            stay.check_out,
            tuple(
                RoomDoc(
                    room.label, room.type, tuple(p.uuid for p in room.occupants if p.uuid in by_key)
                )
                for room in stay.rooms
                if room.deleted_at is None
            ),
        )
        for stay in visit.stays
        if stay.deleted_at is None
    )


def find_person(visit: VisitDoc, ref: str | int) -> PersonDoc:
    """A person taking part, named by id, key, or name: "Gints Kalniņš", also without the
    Latvian letters or in another case ("gints kalnins"), given or family name first."""
    from app.domain.contact_match import fold
    from app.i18n import _
    from app.services.base import NotFound

    text = str(ref).strip()
    folded = fold(text)
    for person in visit.people:
        if text in (str(person.id), person.key):
            return person
    matches = [
        p
        for p in visit.people
        if folded in (fold(p.full_name), fold(f"{p.family_name} {p.given_name}"))
    ]
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise NotFound(
            _("“{ref}” names more than one person on visit {visit}; use the person's id.").format(
                ref=text, visit=visit.code
            )
        )
    raise NotFound(
        _("Nobody taking part in visit {visit} is named “{ref}”.").format(
            visit=visit.code, ref=text
        )
    )
