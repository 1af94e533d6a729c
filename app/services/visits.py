"""Visits: the list the window and ``visits list`` show, and finding one by id or code.

A visit is named on the command line by its code (what coordinators write) or its id;
the list is a light summary so that the main window and scripts never load whole visits.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from app.i18n import _
from app.services.base import NotFound
from db.engine import Database
from db.enums import TAKING_PART
from db.models import Participation, Person, Visit


@dataclass(frozen=True)
class VisitSummary:
    """One line of the visit list; ``participants`` counts the people who take part."""

    id: int
    code: str
    title: str
    kind: str
    status: str
    start_date: dt.date
    end_date: dt.date
    country: str | None
    city: str | None
    participants: int


def list_visits(db: Database, *, status: str | None = None, year: int | None = None,
                country: str | None = None, text: str | None = None) -> list[VisitSummary]:
    """Live visits, newest first (start date descending, then code).

    ``year`` keeps visits whose dates touch that year; ``text`` matches code, title or city
    case-insensitively, Latvian letters included (SQLite's ``lower`` knows only ASCII, so
    the text filter runs here rather than in SQL).
    """
    taking_part = (
        select(func.count(Participation.id))
        .join(Person, Person.id == Participation.person_id)
        .where(Participation.visit_id == Visit.id,
               Participation.deleted_at.is_(None),
               Person.deleted_at.is_(None),
               Participation.status.in_(sorted(TAKING_PART)))
        .correlate(Visit)
        .scalar_subquery()
    )
    stmt = select(Visit.id, Visit.code, Visit.title, Visit.kind, Visit.status,
                  Visit.start_date, Visit.end_date, Visit.country, Visit.city,
                  taking_part).where(Visit.deleted_at.is_(None))
    if status is not None:
        stmt = stmt.where(Visit.status == status)
    if year is not None:
        stmt = stmt.where(Visit.start_date <= dt.date(year, 12, 31),
                          Visit.end_date >= dt.date(year, 1, 1))
    if country is not None:
        stmt = stmt.where(Visit.country == country.upper())
    stmt = stmt.order_by(Visit.start_date.desc(), Visit.code)
    with db.read() as s:
        rows = [VisitSummary(*row) for row in s.execute(stmt)]
    if text:
        needle = text.casefold()
        rows = [r for r in rows
                if any(needle in (v or "").casefold() for v in (r.code, r.title, r.city))]
    return rows


def visit_loads() -> list:
    """What a caller of a single visit gets loaded: its directory links and participants."""
    return [
        selectinload(Visit.organiser),
        selectinload(Visit.coordinator),
        selectinload(Visit.project),
        selectinload(Visit.participations).selectinload(Participation.person),
    ]


def find_visit(db: Database, ref: str) -> Visit:
    """The live visit whose code is ``ref``, else whose id is ``ref``.

    The code is tried first: it is what a coordinator writes, and a code made of digits
    must not be shadowed by an unrelated visit's id.
    """
    ref_text = str(ref).strip()
    with db.read() as s:
        visit = s.scalars(
            select(Visit).where(Visit.code == ref_text).options(*visit_loads())
        ).first()
        if visit is None and ref_text.isdigit():
            visit = s.scalars(
                select(Visit).where(Visit.id == int(ref_text)).options(*visit_loads())
            ).first()
    if visit is None:
        raise NotFound(_("No visit with the code or id “{ref}”.").format(ref=ref_text))
    return visit
