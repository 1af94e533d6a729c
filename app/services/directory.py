"""The host-institution directory: organisations and their contacts, shared by all visits.

Deleting an organisation hides its contacts with it (same stamp), so that undo brings the
institution back whole; a programme item that named it keeps the link for that undo.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import selectinload

from app.domain import validation as v
from app.domain.text import sort_key
from app.domain.validation import Invalid
from app.i18n import N_, _
from app.services import crud
from app.services import field_rules as rules
from db.engine import Database
from db.enums import ORG_KINDS
from db.models import Contact, Organisation


def _languages(value: Any) -> list[str] | None:
    """Languages a contact speaks, as short codes or names (``en``, ``Norwegian``)."""
    items = rules.text_list(value)
    for index, item in enumerate(items or []):
        if len(item) > 40 or "\n" in item:
            raise Invalid(_("is not a language")).at(f"[{index}]")
    return items


ORGANISATION = crud.Entity(
    Organisation,
    label=N_("Organisation"),
    spec={
        "name": rules.line(required=True),
        "name_original": rules.line(),
        "name_en": rules.line(),
        "kind": rules.enum(ORG_KINDS),
        "country": v.country,
        "city": rules.line(),
        "address": rules.line(),
        "website": rules.line(),
        "notes": rules.long_text,
    },
    required=("name",),
    loads=(selectinload(Organisation.contacts),),
    children=lambda org: org.contacts,
)

CONTACT = crud.Entity(
    Contact,
    label=N_("Contact"),
    spec={
        "name": rules.line(required=True),
        "position": rules.line(),
        "email": v.email,
        "phone": rules.phone,
        "languages": _languages,
    },
    required=("name",),
    parent=(Organisation, "organisation_id"),
    loads=(selectinload(Contact.organisation),),
)


# --- organisations --------------------------------------------------------------------


def create_organisation(db: Database, **fields: Any) -> Organisation:
    return crud.create(db, ORGANISATION, fields)


def get_organisation(db: Database, organisation_id: int) -> Organisation:
    return crud.fetch(db, ORGANISATION, organisation_id)


def update_organisation(
    db: Database, organisation_id: int, version: int | None, **changes: Any
) -> Organisation:
    return crud.update(db, ORGANISATION, organisation_id, version, changes)


def delete_organisation(db: Database, organisation_id: int, version: int | None = None) -> None:
    crud.delete(db, ORGANISATION, organisation_id, version)


def restore_organisation(db: Database, organisation_id: int) -> Organisation:
    return crud.restore(db, ORGANISATION, organisation_id)


def list_organisations(
    db: Database, *, text: str | None = None, country: str | None = None
) -> list[Organisation]:
    """The directory by name; ``text`` finds any of the names (as written, own-language,
    English, abbreviation) or the city, without regard to case or accents."""
    from app.domain.name_search import matches

    where = [Organisation.country == country.upper()] if country else []
    rows = crud.listing(db, ORGANISATION, *where)
    if text:
        rows = [o for o in rows if matches(text, organisation_search(o))]
    return sorted(rows, key=lambda o: (sort_key(o.name), o.id))


def organisation_search(org: Organisation) -> str:
    """The text a search for ``org`` looks in (``app.domain.name_search``)."""
    from app.domain.name_search import organisation_haystack

    return organisation_haystack(org.name, org.name_original, org.name_en, org.city)


def similar_organisations(db: Database, *names: str | None) -> list[Organisation]:
    """Live organisations that look like one named so (asked before making a new one)."""
    from app.domain.name_search import looks_like

    return [
        o for o in list_organisations(db) if looks_like(names, (o.name, o.name_original, o.name_en))
    ]


def similar_contacts(db: Database, organisation_id: int, name: str | None) -> list[Contact]:
    """The organisation's live contacts whose name looks like ``name``."""
    from app.domain.name_search import looks_like

    return [c for c in list_contacts(db, organisation_id) if looks_like((name,), (c.name,))]


# --- contacts -------------------------------------------------------------------------


def create_contact(db: Database, organisation_id: int, **fields: Any) -> Contact:
    return crud.create(db, CONTACT, fields, parent_id=organisation_id)


def get_contact(db: Database, contact_id: int) -> Contact:
    return crud.fetch(db, CONTACT, contact_id)


def update_contact(db: Database, contact_id: int, version: int | None, **changes: Any) -> Contact:
    return crud.update(db, CONTACT, contact_id, version, changes)


def delete_contact(db: Database, contact_id: int, version: int | None = None) -> None:
    crud.delete(db, CONTACT, contact_id, version)


def restore_contact(db: Database, contact_id: int) -> Contact:
    return crud.restore(db, CONTACT, contact_id)


def list_contacts(db: Database, organisation_id: int) -> list[Contact]:
    return crud.listing(db, CONTACT, parent_id=organisation_id)
