"""Follow-up actions across all visits: the coordinator's to-do list.

Each visit's report keeps its own follow-ups (``app.services.reports``); after a dozen visits
nobody remembers which promise is due when. This gathers the open ones from every live
visit, soonest due first (undated last), and says which are overdue, so a list can
highlight them. Changing one goes through ``reports.update_follow_up`` (version-checked).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from app.i18n import N_, _
from app.services import base
from db.engine import Database
from db.models import FollowUp, Report, Visit

STATUS_LABELS = {"open": N_("Open"), "done": N_("Done"), "dropped": N_("Dropped")}


def current_date() -> dt.date:
    """The day "overdue" is judged against, the same for every list that shows follow-ups.

    The Follow-ups section and a visit's Report tab both ask here, so they never disagree
    about an action due today (and a test can fix the day in one place).
    """
    return base.today()


def is_overdue(status: str, due: dt.date | None, today: dt.date | None = None) -> bool:
    """An open action whose due date has passed; done and dropped ones never are."""
    return status == "open" and due is not None and due < (today or current_date())


def status_label(code: str) -> str:
    """A follow-up's status as the interface says it."""
    return _(STATUS_LABELS[code]) if code in STATUS_LABELS else code


@dataclass(frozen=True)
class Action:
    """One follow-up with the visit it came from."""

    id: int
    version: int
    action: str
    owner: str | None
    due: dt.date | None
    status: str
    visit_id: int
    visit_code: str
    visit_title: str
    overdue: bool

    @property
    def days_left(self) -> int | None:
        """Days until due from today (negative when overdue); None when undated."""
        return None if self.due is None else (self.due - current_date()).days


def follow_ups(
    db: Database,
    *,
    statuses: tuple[str, ...] = ("open",),
    owner: str | None = None,
    visit_id: int | None = None,
    today: dt.date | None = None,
) -> list[Action]:
    """Follow-ups of live visits with one of ``statuses``, soonest due first.

    ``owner`` keeps those whose owner contains it (case-insensitive). An open action whose
    due date is before ``today`` is overdue; done and dropped ones never are.
    """
    now = today or current_date()
    stmt = (
        select(FollowUp, Visit.id, Visit.code, Visit.title, Visit.start_date)
        .join(Report, Report.id == FollowUp.report_id)
        .join(Visit, Visit.id == Report.visit_id)
        .where(FollowUp.status.in_(statuses))
    )
    if visit_id is not None:
        stmt = stmt.where(Visit.id == visit_id)
    with db.read() as session:
        rows = session.execute(stmt).all()
    wanted = owner.casefold().strip() if owner else None
    out = []
    for f, vid, code, title, start in rows:
        if wanted and wanted not in (f.owner or "").casefold():
            continue
        out.append(
            (
                (f.due is None, f.due or dt.date.max, start, code, f.position),
                Action(
                    id=f.id,
                    version=f.version,
                    action=f.action,
                    owner=f.owner,
                    due=f.due,
                    status=f.status,
                    visit_id=vid,
                    visit_code=code,
                    visit_title=title,
                    overdue=is_overdue(f.status, f.due, now),
                ),
            )
        )
    out.sort(key=lambda pair: pair[0])
    return [action for _key, action in out]


def overdue_count(db: Database, *, today: dt.date | None = None) -> int:
    """How many open actions are past their due date (for a badge in the window)."""
    return sum(1 for a in follow_ups(db, today=today) if a.overdue)


def open_count(db: Database) -> int:
    """How many actions of live visits are open (the navigation shows it beside
    Follow-ups): one counting query, cheap on a database of thousands of visits."""
    from sqlalchemy import func

    stmt = (
        select(func.count(FollowUp.id))
        .join(Report, Report.id == FollowUp.report_id)
        .join(Visit, Visit.id == Report.visit_id)
        .where(FollowUp.status == "open")
    )
    with db.read() as session:
        return int(session.scalar(stmt) or 0)
