"""People (delegates and staff, shared by all visits) and their part in each visit.

Deleting a person hides their participations with them (same stamp): a deleted person must
not linger in participant lists, and undo brings both back.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.domain import validation as v
from app.domain.latvian import guess_gender
from app.domain.text import sort_key
from app.domain.validation import Invalid
from app.i18n import N_, _, date_text
from app.services import crud
from app.services import field_rules as rules
from app.services.base import Duplicate, get_live, today
from db.engine import Database
from db.enums import GENDERS, PARTICIPATION_STATUSES, ROLES
from db.models import Organisation, Participation, Person, Visit


def _birth(value: Any) -> Any:
    born = v.date(value)
    if born is not None and born > today():
        raise Invalid(_("is in the future"))
    return born


def _person_check(session: Session, person: Person) -> None:
    if person.organisation_id is not None:
        org = session.get(Organisation, person.organisation_id)
        if org is None or org.deleted_at is not None:
            raise Invalid(
                _("{what} {id} does not exist").format(
                    what=_("Organisation"), id=person.organisation_id
                )
            ).at("organisation_id")


PERSON = crud.Entity(
    Person,
    label=N_("Person"),
    spec={
        "given_name": rules.line(required=True),
        "family_name": rules.line(required=True),
        "organisation_id": rules.ident,
        "position": rules.line(),
        "email": v.email,
        "phone": rules.phone,
        "date_of_birth": _birth,
        "id_document": rules.line(),
        "dietary": rules.long_text,
        "accessibility": rules.long_text,
        "emergency_name": rules.line(),
        "emergency_phone": rules.phone,
        "notes": rules.long_text,
        "gender": lambda value: v.choice(value or None, GENDERS),
    },
    required=("given_name", "family_name"),
    check=_person_check,
    loads=(selectinload(Person.organisation),),
    children=lambda person: person.participations,
)


def _participation_check(session: Session, part: Participation) -> None:
    """Arrival and departure within the visit's dates, in order; one row per person."""
    visit = session.get(Visit, part.visit_id)
    person = session.get(Person, part.person_id) if part.person_id else None
    if person is None or person.deleted_at is not None:
        raise Invalid(
            _("{what} {id} does not exist").format(what=_("Person"), id=part.person_id)
        ).at("person_id")
    assert visit is not None
    for name in ("arrives", "departs"):
        day = getattr(part, name)
        if day is not None and not visit.start_date <= day <= visit.end_date:
            raise Invalid(
                _("{day} is outside the visit ({start} – {end})").format(
                    day=date_text(day),
                    start=date_text(visit.start_date),
                    end=date_text(visit.end_date),
                )
            ).at(name)
    arrives = part.arrives or visit.start_date
    departs = part.departs or visit.end_date
    if departs < arrives:
        raise Invalid(_("must not be before the arrival")).at("departs")
    twin = session.scalars(
        select(Participation.id).where(
            Participation.visit_id == part.visit_id,
            Participation.person_id == part.person_id,
            Participation.deleted_at.is_(None),
            Participation.id != (part.id or 0),
        )
    ).first()
    if twin is not None:
        raise Duplicate(_("{name} already takes part in this visit.").format(name=person.full_name))


PARTICIPATION = crud.Entity(
    Participation,
    label=N_("Participation"),
    spec={
        "person_id": rules.ident,
        "role": rules.enum(ROLES, default="delegate"),
        "status": rules.enum(PARTICIPATION_STATUSES, default="invited"),
        "arrives": rules.date(),
        "departs": rules.date(),
        "notes": rules.long_text,
    },
    required=("person_id",),
    parent=(Visit, "visit_id"),
    check=_participation_check,
    loads=(selectinload(Participation.person).selectinload(Person.organisation),),
)


# --- people ---------------------------------------------------------------------------


def create_person(db: Database, **fields: Any) -> Person:
    """A new person; the grammatical gender, when not given, is guessed from the name."""
    if "gender" not in fields:
        fields["gender"] = guess_gender(fields.get("given_name"), fields.get("family_name"))
    return crud.create(db, PERSON, fields)


def get_person(db: Database, person_id: int) -> Person:
    return crud.fetch(db, PERSON, person_id)


def update_person(db: Database, person_id: int, version: int | None, **changes: Any) -> Person:
    return crud.update(db, PERSON, person_id, version, changes)


def delete_person(db: Database, person_id: int, version: int | None = None) -> None:
    crud.delete(db, PERSON, person_id, version)


def restore_person(db: Database, person_id: int) -> Person:
    return crud.restore(db, PERSON, person_id)


def list_people(
    db: Database, *, text: str | None = None, organisation_id: int | None = None
) -> list[Person]:
    """By family then given name; ``text`` finds the full name in either order, the e-mail
    or any name of the organisation, without regard to case or accents."""
    from app.domain.name_search import matches

    where = [Person.organisation_id == organisation_id] if organisation_id else []
    rows = crud.listing(db, PERSON, *where)
    if text:
        rows = [p for p in rows if matches(text, person_search(p))]
    return sorted(rows, key=lambda p: (sort_key(p.family_name), sort_key(p.given_name), p.id))


def person_search(person: Person) -> str:
    """The text a search for ``person`` looks in: the name both ways round, the e-mail and
    the organisation by any of its names (``app.domain.name_search``)."""
    from app.domain.name_search import SEPARATOR, person_haystack

    hay = person_haystack(person.given_name, person.family_name, person.email)
    org = person.organisation
    if org is not None:
        from app.services.directory import organisation_search

        hay += SEPARATOR + organisation_search(org)
    return hay


def similar_people(db: Database, given_name: str | None, family_name: str | None) -> list[Person]:
    """Live people whose name looks like this one (asked before making a new one)."""
    from app.domain.name_search import looks_like

    name = f"{given_name or ''} {family_name or ''}".strip()
    if not name:
        return []
    return [
        p
        for p in list_people(db)
        if looks_like(
            (name,), (f"{p.given_name} {p.family_name}", f"{p.family_name} {p.given_name}")
        )
    ]


# --- participations -------------------------------------------------------------------


def add_participant(db: Database, visit_id: int, person_id: int, **fields: Any) -> Participation:
    """Put a person on a visit (role, status, arrives/departs within the visit)."""
    return crud.create(db, PARTICIPATION, {"person_id": person_id, **fields}, parent_id=visit_id)


create_participation = add_participant


def get_participation(db: Database, participation_id: int) -> Participation:
    return crud.fetch(db, PARTICIPATION, participation_id)


def update_participation(
    db: Database, participation_id: int, version: int | None, **changes: Any
) -> Participation:
    if "person_id" in changes:
        raise Invalid(_("cannot be changed; remove the person and add another")).at("person_id")
    return crud.update(db, PARTICIPATION, participation_id, version, changes)


def delete_participation(db: Database, participation_id: int, version: int | None = None) -> None:
    crud.delete(db, PARTICIPATION, participation_id, version)


def restore_participation(db: Database, participation_id: int) -> Participation:
    def person_live(session: Session, part: Participation) -> None:
        get_live(session, Person, part.person_id)

    return crud.restore(db, PARTICIPATION, participation_id, before=person_live)


def list_participations(
    db: Database, visit_id: int, *, taking_part: bool = False
) -> list[Participation]:
    """The visit's people by family then given name; ``taking_part`` keeps the confirmed."""
    rows = [
        p
        for p in crud.listing(db, PARTICIPATION, parent_id=visit_id)
        if p.person is not None and (p.takes_part or not taking_part)
    ]
    return sorted(
        rows, key=lambda p: (sort_key(p.person.family_name), sort_key(p.person.given_name), p.id)
    )
