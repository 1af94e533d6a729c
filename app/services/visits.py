"""Visits: the list the window and ``visits list`` show, and finding one by id or code.

A visit is named on the command line by its code (what coordinators write) or its id;
the list is a light summary so that the main window and scripts never load whole visits.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from app.domain import validation as v
from app.domain.validation import Invalid
from app.i18n import N_, _, date_text
from app.services import crud
from app.services import field_rules as rules
from app.services.base import Duplicate, visit_by_ref
from db.engine import Database
from db.enums import DIRECTIONS, LANGUAGES, TAKING_PART, VISIT_KINDS, VISIT_STATUSES
from db.models import (
    BudgetLine,
    ExchangeRate,
    FundingSource,
    Organisation,
    Participation,
    Person,
    ProgrammeItem,
    Project,
    Visit,
)


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


def list_visits(
    db: Database,
    *,
    status: str | None = None,
    year: int | None = None,
    country: str | None = None,
    text: str | None = None,
) -> list[VisitSummary]:
    """Live visits, newest first (start date descending, then code).

    ``year`` keeps visits whose dates touch that year; ``text`` matches code, title or city
    case-insensitively, Latvian letters included (SQLite's ``lower`` knows only ASCII, so
    the text filter runs here rather than in SQL).
    """
    taking_part = (
        select(func.count(Participation.id))
        .join(Person, Person.id == Participation.person_id)
        .where(
            Participation.visit_id == Visit.id,
            Participation.deleted_at.is_(None),
            Person.deleted_at.is_(None),
            Participation.status.in_(sorted(TAKING_PART)),
        )
        .correlate(Visit)
        .scalar_subquery()
    )
    stmt = select(
        Visit.id,
        Visit.code,
        Visit.title,
        Visit.kind,
        Visit.status,
        Visit.start_date,
        Visit.end_date,
        Visit.country,
        Visit.city,
        taking_part,
    ).where(Visit.deleted_at.is_(None))
    if status is not None:
        stmt = stmt.where(Visit.status == status)
    if year is not None:
        stmt = stmt.where(
            Visit.start_date <= dt.date(year, 12, 31), Visit.end_date >= dt.date(year, 1, 1)
        )
    if country is not None:
        stmt = stmt.where(Visit.country == country.upper())
    stmt = stmt.order_by(Visit.start_date.desc(), Visit.code)
    with db.read() as s:
        rows = [VisitSummary(*row) for row in s.execute(stmt)]
    if text:
        needle = text.casefold()
        rows = [
            r
            for r in rows
            if any(needle in (v or "").casefold() for v in (r.code, r.title, r.city))
        ]
    return rows


def visit_loads() -> list[Any]:
    """What a caller of a single visit gets loaded: its directory links and participants."""
    return [
        selectinload(Visit.organiser),
        selectinload(Visit.coordinator),
        selectinload(Visit.project),
        selectinload(Visit.participations).selectinload(Participation.person),
    ]


def find_visit(db: Database, ref: str) -> Visit:
    """The live visit whose code is ``ref``, else whose id is ``ref``, with what the
    command line shows of it loaded."""
    with db.read() as s:
        return visit_by_ref(s, ref, *visit_loads())


# --- create, read, update, delete -----------------------------------------------------


def _languages(value: Any) -> list[str] | None:
    """Printed-programme languages, first is the default; each once."""
    if value is None:
        return None
    if not isinstance(value, (list, tuple)):
        raise Invalid(_("must be a list"))
    out: list[str] = []
    for index, lang in enumerate(value):
        if lang not in LANGUAGES:
            raise Invalid(_("must be one of: {allowed}").format(allowed=", ".join(LANGUAGES))).at(
                f"[{index}]"
            )
        if lang in out:
            raise Invalid(_("{lang} is listed twice").format(lang=lang)).at(f"[{index}]")
        out.append(lang)
    return out or None


def _emergency(value: Any) -> list[dict[str, str]] | None:
    """Numbers printed in the programme: ``[{"label": …, "phone": …}]``."""
    if value is None:
        return None
    if not isinstance(value, (list, tuple)):
        raise Invalid(_("must be a list"))
    out = []
    for index, entry in enumerate(value):
        if not isinstance(entry, dict) or set(entry) - {"label", "phone"}:
            raise Invalid(_("must hold a label and a phone number")).at(f"[{index}]")
        try:
            label = rules.line(required=True)(entry.get("label"))
        except Invalid as problem:
            raise problem.at(f"[{index}].label") from None
        try:
            number = v.emergency_phone(entry.get("phone"))
            if number is None:
                raise Invalid(_("is required"))
        except Invalid as problem:
            raise problem.at(f"[{index}].phone") from None
        out.append({"label": label, "phone": number})
    return out or None


def _live_ref(session: Session, cls: type[Any], row_id: int | None, field: str, what: str) -> None:
    if row_id is None:
        return
    row = session.get(cls, row_id)
    if row is None or row.deleted_at is not None:
        raise Invalid(_("{what} {id} does not exist").format(what=_(what), id=row_id)).at(field)


def _check(session: Session, visit: Visit) -> None:
    if visit.end_date < visit.start_date:
        raise Invalid(
            _("must not be before the start date ({start})").format(
                start=date_text(visit.start_date)
            )
        ).at("end_date")
    _live_ref(session, Organisation, visit.organiser_id, "organiser_id", N_("Organisation"))
    _live_ref(session, Person, visit.coordinator_id, "coordinator_id", N_("Person"))
    _live_ref(session, Project, visit.project_id, "project_id", N_("Project"))
    taken = session.scalars(
        select(Visit.id).where(
            Visit.code == visit.code, Visit.deleted_at.is_(None), Visit.id != (visit.id or 0)
        )
    ).first()
    if taken is not None:
        raise Duplicate(_("A visit with the code “{code}” already exists.").format(code=visit.code))
    if visit.id is not None:
        _follow_dates(session, visit)
        if crud.committed(visit, "base_currency") != visit.base_currency:
            from app.services.budget import check_currencies

            check_currencies(session, visit)


def _follow_dates(session: Session, visit: Visit) -> None:
    """Keep arrivals and departures inside the visit when its dates change.

    Dates that fall outside the new dates are brought to the nearest day of the visit.
    """
    for part in session.scalars(
        select(Participation).where(
            Participation.visit_id == visit.id, Participation.deleted_at.is_(None)
        )
    ):
        for name in ("arrives", "departs"):
            day = getattr(part, name)
            if day is not None:
                clamped = min(max(day, visit.start_date), visit.end_date)
                if clamped != day:
                    setattr(part, name, clamped)


VISIT = crud.Entity(
    Visit,
    label=N_("Visit"),
    spec={
        "code": rules.line(required=True),
        "title": rules.line(required=True),
        "translations": rules.translations("title", "purpose"),
        "kind": rules.enum(VISIT_KINDS, default="study_visit"),
        "direction": rules.enum(DIRECTIONS, default="outgoing"),
        "status": rules.enum(VISIT_STATUSES, default="draft"),
        "purpose": rules.long_text,
        "notes": rules.long_text,
        "topics": rules.text_list,
        "country": v.country,
        "city": rules.line(),
        "timezone": rules.zone_name,
        "start_date": rules.date(required=True),
        "end_date": rules.date(required=True),
        "languages": _languages,
        "organiser_id": rules.ident,
        "coordinator_id": rules.ident,
        "emergency": _emergency,
        "project_id": rules.ident,
        "base_currency": v.currency,
    },
    required=("code", "title", "timezone", "start_date", "end_date"),
    check=_check,
    loads=tuple(visit_loads()),
)


def create_visit(db: Database, **fields: Any) -> Visit:
    """A new visit (draft unless told); ``code`` unique among live visits."""
    return crud.create(db, VISIT, fields)


def get_visit(db: Database, visit_id: int) -> Visit:
    return crud.fetch(db, VISIT, visit_id)


def update_visit(db: Database, visit_id: int, version: int | None, **changes: Any) -> Visit:
    return crud.update(db, VISIT, visit_id, version, changes)


def delete_visit(db: Database, visit_id: int, version: int | None = None) -> None:
    """Hide the visit (its rows stay with it for undo; the code is free for a new visit)."""
    crud.delete(db, VISIT, visit_id, version)


def restore_visit(db: Database, visit_id: int) -> Visit:
    """Bring a deleted visit back, unless its code was given to another visit meanwhile."""
    return crud.restore(db, VISIT, visit_id)


# --- duplicate as a template --------------------------------------------------------------

_VISIT_COPY = (
    "title",
    "translations",
    "kind",
    "direction",
    "purpose",
    "notes",
    "topics",
    "country",
    "city",
    "timezone",
    "languages",
    "organiser_id",
    "coordinator_id",
    "emergency",
    "project_id",
    "base_currency",
)
_ITEM_COPY = (
    "timezone",
    "kind",
    "title",
    "description",
    "translations",
    "host_id",
    "contact_id",
    "venue",
    "address",
    "track",
    "interpreter",
)


def duplicate_visit(
    db: Database, visit_id: int, new_code: str, new_start_date: dt.date | str
) -> Visit:
    """A copy of a visit to plan the next one: a draft with the programme, hosts and budget.

    Programme times move by the difference between the start dates, at the same wall time.
    Participants are not copied (so items for a subset of people become "all"), nor travel,
    stays, paid amounts or the report: those belong to the original trip.
    """
    code = rules.line(required=True)(new_code)
    try:
        start = v.date(new_start_date, required=True)
    except Invalid as problem:
        raise problem.at("new_start_date") from None
    assert start is not None

    def work(session: Session) -> Visit:
        from app.services.programme import derive_utc, exact_wall_time

        old = crud.live_row(session, VISIT, visit_id)
        shift = start - old.start_date
        new = Visit(
            code=code,
            status="draft",
            start_date=start,
            end_date=old.end_date + shift,
            **{name: copy.deepcopy(getattr(old, name)) for name in _VISIT_COPY},
        )
        with session.no_autoflush:
            _check(session, new)
        session.add(new)
        session.flush()
        for item in old.programme:
            twin = ProgrammeItem(
                visit_id=new.id,
                attendees_all=True,
                confirmed=False,
                **{name: copy.deepcopy(getattr(item, name)) for name in _ITEM_COPY},
            )
            twin.starts = exact_wall_time(item.starts + shift, item.timezone)
            twin.ends = exact_wall_time(item.ends + shift, item.timezone)
            derive_utc(twin)
            if twin.ends_utc <= twin.starts_utc:  # a daylight-saving change in between
                twin.ends = twin.starts + (item.ends_utc - item.starts_utc)
                twin.ends = exact_wall_time(twin.ends, twin.timezone)
                derive_utc(twin)
            session.add(twin)
        sources: dict[int, FundingSource] = {}
        for source in old.funding_sources:
            sources[source.id] = FundingSource(
                visit_id=new.id,
                position=source.position,
                name=source.name,
                share=source.share,
                cap_minor=source.cap_minor,
                is_grant=source.is_grant,
            )
            session.add(sources[source.id])
        for rate in old.rates:
            session.add(
                ExchangeRate(
                    visit_id=new.id,
                    currency=rate.currency,
                    per_base=rate.per_base,
                    date=rate.date,
                    source=rate.source,
                )
            )
        for line in old.budget_lines:
            session.add(
                BudgetLine(
                    visit_id=new.id,
                    position=line.position,
                    category=line.category,
                    description=line.description,
                    eligible=line.eligible,
                    funding_source=sources.get(line.funding_source_id or 0),
                    quantity=line.quantity,
                    unit=line.unit,
                    unit_price=line.unit_price,
                    currency=line.currency,
                )
            )
        return crud.reload(session, VISIT, new.id)

    return crud.transaction(db, work)
