"""What the allowance calculator takes besides the rates: each traveller's reduced days
(accommodation and three meals provided) and the visit's reduced share, as stored
(participation and visit, migration 0006) so every view and document counts the same days.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.allowances import (
    DEFAULT_REDUCED_SHARE,
)
from app.domain.validation import Invalid
from app.i18n import _
from app.services import crud
from app.services.base import get_live, visit_by_ref
from db.engine import Database
from db.models import (
    Participation,
    Visit,
)


def _days_text(days: Collection[dt.date]) -> str | None:
    return " ".join(sorted(d.isoformat() for d in set(days))) or None


def _days_of(text: str | None) -> set[dt.date]:
    return {dt.date.fromisoformat(part) for part in (text or "").split()}


@dataclass(frozen=True)
class AllowanceInputs:
    """What the calculator takes besides the rates: reduced days per person, the share."""

    reduced: dict[int, frozenset[dt.date]]
    share: Decimal
    # What the visit stores (``None``: never set, the default applies); undo puts this
    # back, so a share never chosen is not written as the default's number.
    stored_share: Decimal | None = None


def allowance_inputs(db: Database, visit_ref: int | str) -> AllowanceInputs:
    """The stored reduced days (person id → days) and reduced share of a visit."""
    with db.read() as session:
        visit = visit_by_ref(session, visit_ref)
        return stored_inputs(session, visit)


def stored_inputs(session: Session, visit: Visit) -> AllowanceInputs:
    reduced = {
        p.person_id: frozenset(_days_of(p.allowance_reduced_days))
        for p in session.scalars(select(Participation).where(Participation.visit_id == visit.id))
        if p.allowance_reduced_days
    }
    share = visit.allowance_share if visit.allowance_share is not None else DEFAULT_REDUCED_SHARE
    return AllowanceInputs(reduced, share, visit.allowance_share)


class _Keep:
    """``share`` not given: leave the stored share as it is."""


KEEP = _Keep()


def save_allowance_inputs(
    db: Database,
    visit_id: int,
    *,
    reduced: Mapping[int, Collection[dt.date]] | None = None,
    share: Decimal | _Keep | None = KEEP,
) -> AllowanceInputs:
    """Store reduced days (only for the persons named) and/or the share; one transaction.

    ``share=None`` clears the stored share (the default applies again). Returns what was
    stored before, for undo (``save_allowance_inputs(db, id, reduced=before.reduced,
    share=before.stored_share)`` puts it back exactly, NULL included).
    """
    if isinstance(share, Decimal) and not Decimal(0) <= share <= Decimal(100):
        raise Invalid(_("must be a percentage from 0 to 100")).at("share")

    def work(session: Session) -> AllowanceInputs:
        visit = get_live(session, Visit, visit_id)
        before = stored_inputs(session, visit)
        if reduced is not None:
            parts = {
                p.person_id: p
                for p in session.scalars(
                    select(Participation).where(Participation.visit_id == visit.id)
                )
            }
            for person_id, days in reduced.items():
                part = parts.get(person_id)
                if part is None:
                    continue
                text = _days_text(days)
                if part.allowance_reduced_days != text:
                    part.allowance_reduced_days = text
        if not isinstance(share, _Keep) and share != visit.allowance_share:
            visit.allowance_share = share
        return AllowanceInputs(
            {k: before.reduced.get(k, frozenset()) for k in reduced or {}},
            before.share,
            before.stored_share,
        )

    return crud.transaction(db, work)
