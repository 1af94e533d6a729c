"""Where a directory row is used: the visits a person or an institution appears in.

Read-only queries for the directory pages (one short read session each); they live in
``app`` because the window never queries the database itself.
"""

from __future__ import annotations

from typing import Any

from app.i18n import date_text


def _label(visit: Any) -> str:
    return f"{visit.code} — {visit.title} ({date_text(visit.start_date)})"


def visits_of_person(db: Any, person_id: int) -> list[tuple[int, str]]:
    from sqlalchemy import select

    from db.models import Participation, Visit

    with db.read() as s:
        rows = (
            s.scalars(
                select(Visit)
                .join(Participation, Participation.visit_id == Visit.id)
                .where(Participation.person_id == person_id)
                .order_by(Visit.start_date.desc())
            )
            .unique()
            .all()
        )
        coordinated = s.scalars(select(Visit).where(Visit.coordinator_id == person_id)).all()
        found = {v.id: _label(v) for v in [*rows, *coordinated]}
    return list(found.items())


def visits_of_organisation(db: Any, organisation_id: int) -> list[tuple[int, str]]:
    from sqlalchemy import or_, select

    from db.models import ProgrammeItem, Visit

    with db.read() as s:
        hosted = select(ProgrammeItem.visit_id).where(ProgrammeItem.host_id == organisation_id)
        rows = s.scalars(
            select(Visit)
            .where(or_(Visit.organiser_id == organisation_id, Visit.id.in_(hosted)))
            .order_by(Visit.start_date.desc())
        ).all()
        return [(v.id, _label(v)) for v in rows]
