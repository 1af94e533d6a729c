"""Writing a visit as a ``studyvisit/1`` file.

The output is stable so that export → import → export gives the same bytes: fields in a
fixed order, absent values left out, rows ordered as the contract says, every key the row's
UUID. Names of organisations and people decide their order; ties fall back to the key.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.domain.funding import is_grant_source
from app.domain.money import from_minor
from app.interchange.fields import to_data_uri
from app.interchange.reader import FORMAT
from app.services.base import NotFound
from db.models import (
    BudgetLine,
    Organisation,
    Participation,
    Person,
    ProgrammeItem,
    Project,
    Report,
    Room,
    Stay,
    TravelLeg,
    Visit,
)


def _clean(d: dict[str, Any]) -> dict[str, Any]:
    return {k: val for k, val in d.items() if val is not None}


def _local(value: Any) -> str:
    return value.strftime("%Y-%m-%dT%H:%M")


def _day(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _dec(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _minor(value: int | None) -> str | None:
    if value is None:
        return None
    sign = "-" if value < 0 else ""
    whole, cents = divmod(abs(value), 100)
    return f"{sign}{whole}.{cents:02d}"


def _translations(raw: dict[str, Any] | None, fields: tuple[str, ...]) -> dict[str, Any] | None:
    if not raw:
        return None
    out = {}
    for lang in sorted(raw):
        entry = {f: raw[lang][f] for f in fields if raw[lang].get(f) is not None}
        if entry:
            out[lang] = entry
    return out or None


def _load(session: Any, visit_id: int) -> Visit:
    options = [
        selectinload(Visit.participations)
        .selectinload(Participation.person)
        .selectinload(Person.organisation)
        .selectinload(Organisation.contacts),
        selectinload(Visit.programme).selectinload(ProgrammeItem.attendees),
        selectinload(Visit.programme)
        .selectinload(ProgrammeItem.host)
        .selectinload(Organisation.contacts),
        selectinload(Visit.programme).selectinload(ProgrammeItem.contact),
        selectinload(Visit.travel).selectinload(TravelLeg.passengers),
        selectinload(Visit.stays).selectinload(Stay.rooms).selectinload(Room.occupants),
        selectinload(Visit.rates),
        selectinload(Visit.dated_rates),
        selectinload(Visit.funding_sources),
        selectinload(Visit.budget_lines).selectinload(BudgetLine.funding_source),
        selectinload(Visit.report).selectinload(Report.lessons),
        selectinload(Visit.report).selectinload(Report.follow_ups),
        selectinload(Visit.report).selectinload(Report.contacts),
        selectinload(Visit.report).selectinload(Report.attachments),
        selectinload(Visit.organiser).selectinload(Organisation.contacts),
        selectinload(Visit.coordinator),
        selectinload(Visit.project),
    ]
    visit = session.scalars(select(Visit).where(Visit.id == visit_id).options(*options)).first()
    if visit is None:
        raise NotFound(str(visit_id))
    return visit


def visit_document(session: Any, visit_id: int, *, include_sensitive: bool = False) -> dict:
    """The visit as the JSON structure of the contract (not yet serialised)."""
    visit = _load(session, visit_id)
    participations = [p for p in visit.participations if p.person is not None]
    people = {p.person.id: p.person for p in participations}
    roles = {p.person.id: p for p in participations}
    if visit.coordinator is not None and visit.coordinator.id not in people:
        # The file names the coordinator by a people[] key; one who is not in the delegation
        # is written as its coordinator so that the reference holds.
        people[visit.coordinator.id] = visit.coordinator
    person_order = sorted(people.values(), key=lambda p: (p.family_name, p.given_name, p.uuid))
    rank = {p.id: i for i, p in enumerate(person_order)}

    def keys(persons: list[Person]) -> list[str]:
        return [p.uuid for p in sorted(persons, key=lambda p: rank.get(p.id, len(rank)))]

    doc: dict[str, Any] = {"format": FORMAT}
    doc["visit"] = _visit_fields(visit)
    doc["organisations"] = [_organisation(o) for o in _organisations(visit, person_order)]
    doc["people"] = [_person(p, roles.get(p.id), visit, include_sensitive) for p in person_order]
    items = sorted(
        visit.programme,
        key=lambda i: (i.starts_utc, i.track is not None, i.track or "", i.title, i.uuid),
    )
    doc["programme"] = [_item(i, keys) for i in items]
    doc["travel"] = [
        _leg(leg, keys) for leg in sorted(visit.travel, key=lambda leg: (leg.departs_utc, leg.uuid))
    ]
    doc["stays"] = [_stay(s, keys) for s in sorted(visit.stays, key=lambda s: (s.check_in, s.uuid))]
    doc["budget"] = _budget(visit, {pid: person.uuid for pid, person in people.items()})
    doc["report"] = _report(visit.report)
    return _clean(doc)


Keys = Callable[[list[Person]], list[str]]  # people as their keys, in the file's order


def _organisations(visit: Visit, person_order: list[Person]) -> list[Organisation]:
    """Every organisation the file refers to (organiser, people's, hosts, contacts'), by name."""
    orgs: dict[int, Organisation] = {}
    if visit.organiser is not None:
        orgs[visit.organiser.id] = visit.organiser
    for person in person_order:
        if person.organisation is not None:
            orgs[person.organisation.id] = person.organisation
    for item in visit.programme:
        if item.host is not None:
            orgs[item.host.id] = item.host
        if item.contact is not None and item.contact.organisation is not None:
            orgs[item.contact.organisation.id] = item.contact.organisation
    return sorted(orgs.values(), key=lambda o: (o.name, o.uuid))


def _visit_fields(visit: Visit) -> dict[str, Any]:
    """The file's ``visit`` object: the visit's own fields and its project's."""
    return _clean(
        {
            "code": visit.code,
            "title": visit.title,
            "translations": _translations(visit.translations, ("title", "purpose")),
            "kind": visit.kind,
            "direction": visit.direction,
            "status": visit.status,
            "purpose": visit.purpose,
            "notes": visit.notes,
            "topics": visit.topics or None,
            "destination": _clean(
                {"country": visit.country, "city": visit.city, "timezone": visit.timezone}
            ),
            "start_date": _day(visit.start_date),
            "end_date": _day(visit.end_date),
            "languages": visit.languages or None,
            "organiser": visit.organiser.uuid if visit.organiser else None,
            "coordinator": visit.coordinator.uuid if visit.coordinator else None,
            "emergency": [
                _clean({"label": e.get("label"), "phone": e.get("phone")}) for e in visit.emergency
            ]
            if visit.emergency
            else None,
            "project": None if visit.project is None else _project(visit.project),
        }
    )


def _project(project: Project) -> dict[str, Any]:
    return _clean(
        {
            "code": project.code,
            "title": project.title,
            "programme": project.programme,
            "funder": project.funder,
            "period_start": _day(project.period_start),
            "period_end": _day(project.period_end),
            "grant_rate": _dec(project.grant_rate),
            "currency": project.currency,
            "awarded": _dec(from_minor(project.awarded_minor))
            if project.awarded_minor is not None
            else None,
            "rate_rule": project.rate_rule,
            "acknowledgement": project.acknowledgement,
            "logo": to_data_uri(project.logo_mime or "image/png", project.logo)
            if project.logo
            else None,
        }
    )


def _organisation(o: Organisation) -> dict[str, Any]:
    """An organisation and its contacts still in the directory, by name."""
    return _clean(
        {
            "key": o.uuid,
            "name": o.name,
            "name_original": o.name_original,
            "name_en": o.name_en,
            "kind": o.kind,
            "country": o.country,
            "city": o.city,
            "address": o.address,
            "website": o.website,
            "contacts": [
                _clean(
                    {
                        "key": c.uuid,
                        "name": c.name,
                        "position": c.position,
                        "email": c.email,
                        "phone": c.phone,
                        "languages": c.languages or None,
                    }
                )
                for c in sorted(
                    (c for c in o.contacts if c.deleted_at is None),
                    key=lambda c: (c.name, c.uuid),
                )
            ],
        }
    )


def _item(i: ProgrammeItem, keys: Keys) -> dict[str, Any]:
    return _clean(
        {
            "key": i.uuid,
            "starts": _local(i.starts),
            "ends": _local(i.ends),
            "timezone": i.timezone,
            "kind": i.kind,
            "title": i.title,
            "description": i.description,
            "translations": _translations(i.translations, ("title", "description")),
            "host": i.host.uuid if i.host else None,
            "contact": i.contact.uuid if i.contact else None,
            "venue": i.venue,
            "address": i.address,
            "track": i.track,
            "attendees": "all" if i.attendees_all else keys(i.attendees),
            "interpreter": i.interpreter,
            "confirmed": i.confirmed,
            "outcome": i.outcome,
        }
    )


def _leg(leg: TravelLeg, keys: Keys) -> dict[str, Any]:
    return _clean(
        {
            "key": leg.uuid,
            "mode": leg.mode,
            "carrier": leg.carrier,
            "number": leg.number,
            "from": {
                "place": leg.from_place,
                "timezone": leg.from_timezone,
                "at": _local(leg.departs),
            },
            "to": {
                "place": leg.to_place,
                "timezone": leg.to_timezone,
                "at": _local(leg.arrives),
            },
            "booking_ref": leg.booking_ref,
            "passengers": "all" if leg.passengers_all else keys(leg.passengers),
        }
    )


def _stay(s: Stay, keys: Keys) -> dict[str, Any]:
    return _clean(
        {
            "key": s.uuid,
            "name": s.name,
            "address": s.address,
            "phone": s.phone,
            "check_in": _day(s.check_in),
            "check_out": _day(s.check_out),
            "rooms": [
                _clean({"label": r.label, "type": r.type, "occupants": keys(r.occupants)})
                for r in s.rooms
            ],
        }
    )


def _person(
    p: Person, part: Participation | None, visit: Visit, include_sensitive: bool
) -> dict[str, Any]:
    role = part.role if part else "coordinator"
    status = part.status if part else "confirmed"
    return _clean(
        {
            "key": p.uuid,
            "given_name": p.given_name,
            "family_name": p.family_name,
            "organisation": p.organisation.uuid if p.organisation else None,
            "position": p.position,
            "email": p.email,
            "phone": p.phone,
            "date_of_birth": _day(p.date_of_birth) if include_sensitive else None,
            "id_document": p.id_document if include_sensitive else None,
            "dietary": p.dietary,
            "accessibility": p.accessibility,
            "gender": p.gender,
            "emergency_contact": _clean({"name": p.emergency_name, "phone": p.emergency_phone})
            or None,
            "role": role,
            "status": status,
            "arrives": _day(part.arrives) if part else None,
            "departs": _day(part.departs) if part else None,
        }
    )


def _budget(visit: Visit, people: dict[int, str]) -> dict[str, Any] | None:
    """The budget; ``people`` gives the file key of each person in the file (by id)."""
    if (
        not (visit.rates or visit.dated_rates or visit.funding_sources or visit.budget_lines)
        and visit.base_currency == "EUR"
    ):
        return None
    sources = {f.id: f.uuid for f in visit.funding_sources}
    return {
        "base_currency": visit.base_currency,
        "rates": [
            _clean(
                {
                    "currency": r.currency,
                    "per_base": _dec(r.per_base),
                    "date": _day(r.date),
                    "source": r.source,
                }
            )
            for r in visit.rates
        ]
        + [
            {
                "currency": r.currency,
                "per_base": _dec(r.per_base),
                "date": _day(r.date),
                **_clean({"source": r.source}),
                "kind": r.kind,
            }
            for r in visit.dated_rates
            if r.deleted_at is None
        ],
        "funding_sources": [
            _clean(
                {
                    "key": f.uuid,
                    "name": f.name,
                    "share": _dec(f.share),
                    # written only where the name does not tell (files stay as they were)
                    "grant": f.is_grant if f.is_grant != is_grant_source(f.uuid, f.name) else None,
                    "cap": _minor(f.cap_minor) if f.cap_minor is not None else None,
                }
            )
            for f in visit.funding_sources
        ],
        "lines": [
            _clean(
                {
                    "category": line.category,
                    "description": line.description,
                    "funding": line.funding_source.uuid if line.funding_source else None,
                    "shares": _shares(line.shares, sources),
                    "person": people.get(line.person_id) if line.person_id is not None else None,
                    "eligible": line.eligible,
                    "quantity": _dec(line.quantity),
                    "unit": line.unit,
                    "unit_price": _dec(line.unit_price),
                    "currency": line.currency,
                    "actual": None
                    if line.actual_minor is None
                    else _clean(
                        {
                            "amount": _minor(line.actual_minor),
                            "currency": line.actual_currency,
                            "document": line.actual_document,
                            "date": _day(line.actual_date),
                            "paid": line.actual_paid,
                        }
                    ),
                }
            )
            for line in visit.budget_lines
        ],
    }


def _shares(stored: list[Any] | None, sources: dict[int, str]) -> list[dict[str, str]] | None:
    """A line's shares by source key; none when a share's source is not in the file (the
    rest would not add up to 100 %: the line then counts for its one source)."""
    if not stored:
        return None
    out = []
    for share in stored:
        source = share.get("source") if isinstance(share, dict) else None
        key = sources.get(source) if isinstance(source, int) else None
        if key is None:
            return None
        out.append({"funding": key, "percent": str(share["percent"])})
    return out


def _report(report: Report | None) -> dict[str, Any] | None:
    if report is None:
        return None
    return _clean(
        {
            "summary": report.summary,
            "results": report.results or None,
            "lessons": [
                _clean({"text": lesson.text, "topics": lesson.topics or None})
                for lesson in report.lessons
            ]
            or None,
            "follow_ups": [
                _clean(
                    {"action": f.action, "owner": f.owner, "due": _day(f.due), "status": f.status}
                )
                for f in report.follow_ups
            ]
            or None,
            "contacts_gained": [c.text for c in report.contacts] or None,
            "article": report.article,
            "photos": [
                _clean(
                    {
                        "caption": a.caption,
                        "taken": _day(a.taken),
                        "image": to_data_uri(a.mime, a.data),
                    }
                )
                for a in report.attachments
                if a.kind == "photo"
            ]
            or None,
        }
    )


def dumps(doc: dict[str, Any]) -> str:
    """UTF-8 JSON text, letters unescaped, two-space indent, final newline."""
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
