"""What the post-visit documents (summary PDF, website article) print about a visit's
report, read in one session as plain frozen records.

The visit itself, its people, programme and project come from ``app.documents.data``
(shared with the other documents); this adds what only the report documents need: each
item's outcome, the report, lessons, follow-ups, photos and the budget totals.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from app.documents.data import Org, VisitDoc, load_visit


@dataclass(frozen=True)
class LessonDoc:
    text: str
    topics: tuple[str, ...]


@dataclass(frozen=True)
class ContactGainedDoc:
    """A contact gained as written; ``organisation`` when it is linked to the directory and
    the text does not name the institution already."""

    text: str
    organisation: str | None = None

    def line(self) -> str:
        return f"{self.text} ({self.organisation})" if self.organisation else self.text


@dataclass(frozen=True)
class FollowUpDoc:
    action: str
    owner: str | None
    due: dt.date | None
    status: str


@dataclass(frozen=True)
class PhotoDoc:
    caption: str | None
    taken: dt.date | None
    mime: str
    data: bytes


@dataclass(frozen=True)
class BudgetSums:
    currency: str
    planned: Decimal
    actual: Decimal | None  # None until some actual amount is recorded


@dataclass(frozen=True)
class ReportDoc:
    visit: VisitDoc
    topics: tuple[str, ...]
    outcomes: dict[str, str]  # programme item key → outcome note
    summary: str | None
    results: tuple[str, ...]
    lessons: tuple[LessonDoc, ...]
    follow_ups: tuple[FollowUpDoc, ...]
    contacts_gained: tuple[ContactGainedDoc, ...]
    photos: tuple[PhotoDoc, ...]
    budget: BudgetSums | None
    article: str | None = None  # the article the coordinator wrote in the Report tab

    def institutions(self) -> list[Org]:
        """The host institutions met, in programme order, each once (not the organiser)."""
        seen: list[Org] = []
        organiser = self.visit.organiser
        for item in self.visit.items:
            host = item.host
            if host is None or host in seen:
                continue
            if organiser is not None and host.name == organiser.name:
                continue
            seen.append(host)
        return seen


def _texts(value: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in value or () if str(v).strip())


def load_report(db: Any, ref: str | int) -> ReportDoc:
    """The visit ``ref`` (code or id) with its report; an absent report reads as empty."""
    from sqlalchemy import select

    from db.models import ProgrammeItem, Report, Visit

    visit = load_visit(db, ref)
    with db.read() as session:
        row = session.get(Visit, visit.id)
        topics = _texts(row.topics if row is not None else None)
        outcomes = {
            uuid: outcome
            for uuid, outcome in session.execute(
                select(ProgrammeItem.uuid, ProgrammeItem.outcome).where(
                    ProgrammeItem.visit_id == visit.id, ProgrammeItem.outcome.is_not(None)
                )
            )
            if outcome and outcome.strip()
        }
        report = session.scalars(select(Report).where(Report.visit_id == visit.id)).first()
        if report is None:
            return ReportDoc(
                visit, topics, outcomes, None, (), (), (), (), (), _budget(db, visit.id)
            )
        lessons = tuple(
            LessonDoc(le.text, _texts(le.topics)) for le in report.lessons if le.deleted_at is None
        )
        follow_ups = tuple(
            FollowUpDoc(f.action, f.owner, f.due, f.status)
            for f in report.follow_ups
            if f.deleted_at is None
        )
        photos = tuple(
            PhotoDoc(a.caption, a.taken, a.mime, a.data)
            for a in report.attachments
            if a.deleted_at is None and a.kind == "photo"
        )
        contacts = tuple(
            _contact_gained(rc)
            for rc in report.contacts
            if rc.deleted_at is None and rc.text.strip()
        )
        article = report.article if report.article and report.article.strip() else None
        return ReportDoc(
            visit,
            topics,
            outcomes,
            report.summary,
            _texts(report.results),
            lessons,
            follow_ups,
            contacts,
            photos,
            _budget(db, visit.id),
            article,
        )


def _contact_gained(entry: Any) -> ContactGainedDoc:
    """The text, with the linked contact's institution when the text does not name it."""
    import re

    from app.domain.contact_match import fold

    contact = entry.contact
    if contact is None or contact.deleted_at is not None:
        return ContactGainedDoc(entry.text)
    org = contact.organisation
    names = [n for n in (org.name, org.name_original, org.name_en) if n] if org else []
    # "… asociācija (KS)": the short name in brackets counts as naming it too.
    aliases = [*names, *(a for n in names for a in re.findall(r"\(([^()]+)\)", n))]
    text = fold(entry.text)
    if not names or any(
        re.search(rf"(?<!\w){re.escape(fold(a).strip())}(?!\w)", text) for a in aliases if a.strip()
    ):
        return ContactGainedDoc(entry.text)
    return ContactGainedDoc(entry.text, names[0])


def _budget(db: Any, visit_id: int) -> BudgetSums | None:
    """Planned and actual totals in the visit's base currency, once lines exist (the same
    sums of rounded lines as the budget documents, from ``budget_report``)."""
    from app.services.budget_report import visit_budget

    budget = visit_budget(db, visit_id)
    overall = budget.totals.overall
    if not overall.lines:
        return None
    has_actual = any(line.actual is not None for line in budget.totals.lines)
    return BudgetSums(budget.base_currency, overall.planned, overall.actual if has_actual else None)
