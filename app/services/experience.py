"""What the region already knows about the hosts, the city and the topics of a visit being
planned: earlier visits there, their lessons, the contacts gained, the follow-ups still
open and the outcomes of meetings with those hosts (issue 18, "experience offered while
planning").

The planner names a host (a programme item's host institution), a city or a topic; the
visit workspace's side panel asks here without being asked by the user. A warning is
raised when a host was already visited on one of the same topics in the three years
before the visit starts: the region should not send a second delegation to learn the same
thing. Every row carries the visit (and the row) it came from, so one click opens the
earlier visit at that place.

Queries go by the indexed host and visit columns; topics are matched with a ``LIKE`` on the
stored JSON first and exactly (case-folded) in Python after, so the 10,000-visit benchmark
answers in a few tens of milliseconds. No Qt here.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Text, cast, or_, select

from app.i18n import _
from db.engine import Database
from db.models import (
    Contact,
    FollowUp,
    Lesson,
    Organisation,
    ProgrammeItem,
    Report,
    ReportContact,
    Visit,
)

RECENT_YEARS = 3
LIMIT = 12  # rows of each kind shown; the counts say how many there are


@dataclass(frozen=True)
class Subject:
    """What a visit names that the region may know: hosts, city, topics, and when."""

    visit_id: int | None
    host_ids: tuple[int, ...]
    city: str | None
    topics: tuple[str, ...]
    start: dt.date | None

    @property
    def empty(self) -> bool:
        return not (self.host_ids or self.city or self.topics)


@dataclass(frozen=True)
class EarlierVisit:
    id: int
    code: str
    title: str
    start: dt.date
    end: dt.date
    city: str | None
    hosts: tuple[str, ...]  # the named hosts met on it
    same_city: bool


@dataclass(frozen=True)
class Found:
    """A lesson, a contact gained, an open follow-up or a meeting outcome, with its visit.

    ``place`` is where the visit workspace shows it (``lesson``, ``contacts``,
    ``follow_up``, ``outcome``) and ``row_id`` the row there.
    """

    place: str
    row_id: int
    visit_id: int
    visit_code: str
    text: str
    extra: str = ""  # the host of an outcome, the owner and due date of a follow-up


@dataclass(frozen=True)
class Repeat:
    """The same host visited on the same topic within the last three years."""

    host: str
    topic: str
    visit_id: int
    visit_code: str
    start: dt.date

    @property
    def text(self) -> str:
        return _("{host} was visited on “{topic}” on {date} ({code}), less than three "
                 "years before this visit.").format(
            host=self.host, topic=self.topic, code=self.visit_code,
            date=_date(self.start))


@dataclass
class Experience:
    subject: Subject
    hosts: dict[int, str] = field(default_factory=dict)
    visits: list[EarlierVisit] = field(default_factory=list)
    lessons: list[Found] = field(default_factory=list)
    contacts: list[Found] = field(default_factory=list)
    follow_ups: list[Found] = field(default_factory=list)
    outcomes: list[Found] = field(default_factory=list)
    warnings: list[Repeat] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # before the LIMIT cut

    @property
    def empty(self) -> bool:
        return not (self.visits or self.lessons or self.contacts or self.follow_ups
                    or self.outcomes or self.warnings)


def _date(day: dt.date) -> str:
    from app.i18n import format_date

    return format_date(day)


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def subject_of(db: Database, visit_id: int) -> Subject | None:
    """The hosts of the visit's programme, its city, topics and start (None: no visit)."""
    with db.read() as s:
        row = s.execute(select(Visit.city, Visit.topics, Visit.start_date, Visit.organiser_id)
                        .where(Visit.id == visit_id, Visit.deleted_at.is_(None))).first()
        if row is None:
            return None
        # the organiser is the region itself (its own debrief in the programme), not a host
        hosts = tuple(sorted(h for h in s.scalars(
            select(ProgrammeItem.host_id).distinct()
            .where(ProgrammeItem.visit_id == visit_id, ProgrammeItem.deleted_at.is_(None),
                   ProgrammeItem.host_id.is_not(None))) if h is not None and h != row.organiser_id))
    city = (row.city or "").strip() or None
    topics = tuple(dict.fromkeys(t.strip() for t in row.topics or ()
                                 if isinstance(t, str) and t.strip()))
    return Subject(visit_id, hosts, city, topics, row.start_date)


def _like_any(column: Any, words: Iterable[str]) -> Any:
    """``column`` (JSON text) holding any of ``words``, as typed or as JSON escapes them."""
    clauses = []
    for word in words:
        for form in {word, json.dumps(word)[1:-1]}:
            escaped = form.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            clauses.append(cast(column, Text).like(f"%{escaped}%", escape="\\"))
    return or_(*clauses)


def _topics_of(value: Any) -> list[str]:
    return [t for t in value or () if isinstance(t, str)]


def experience(db: Database, subject: Subject, *, limit: int = LIMIT) -> Experience:
    """Everything earlier visits hold about the subject's hosts, city and topics."""
    out = Experience(subject)
    if subject.empty:
        return out
    before = subject.start
    wanted_topics = {_fold(t): t for t in subject.topics}
    with db.read() as s:
        if subject.host_ids:
            out.hosts = dict(s.execute(select(Organisation.id, Organisation.name)
                                       .where(Organisation.id.in_(subject.host_ids))).all())
        live = [Visit.deleted_at.is_(None), Visit.status != "cancelled"]
        if subject.visit_id is not None:
            live.append(Visit.id != subject.visit_id)
        if before is not None:
            live.append(Visit.start_date <= before)
        # earlier visits that met one of the hosts, and those in the same city
        met: dict[int, set[int]] = {}
        if subject.host_ids:
            for visit_id, host_id in s.execute(
                    select(ProgrammeItem.visit_id, ProgrammeItem.host_id)
                    .join(Visit, Visit.id == ProgrammeItem.visit_id)
                    .where(ProgrammeItem.host_id.in_(subject.host_ids),
                           ProgrammeItem.deleted_at.is_(None), *live)
                    .group_by(ProgrammeItem.visit_id, ProgrammeItem.host_id)):
                if host_id is not None:  # (the query asks for it; for the type checker)
                    met.setdefault(visit_id, set()).add(host_id)
        same_city: set[int] = set()
        if subject.city:
            folded = _fold(subject.city)
            spellings = [c for c in s.scalars(select(Visit.city).distinct()
                                              .where(Visit.city.is_not(None)))
                         if c is not None and _fold(c) == folded]
            if spellings:
                same_city = set(s.scalars(select(Visit.id).where(Visit.city.in_(spellings),
                                                                   *live)))
        ids = set(met) | same_city
        rows = list(s.execute(select(Visit.id, Visit.code, Visit.title, Visit.start_date,
                                     Visit.end_date, Visit.city, Visit.topics)
                              .where(Visit.id.in_(ids)))) if ids else []
        rows.sort(key=lambda r: (r.start_date, r.code), reverse=True)
        codes = {r.id: r.code for r in rows}
        out.counts["visits"] = len(rows)
        for r in rows[:limit]:
            out.visits.append(EarlierVisit(
                r.id, r.code, r.title, r.start_date, r.end_date, r.city,
                tuple(sorted(out.hosts.get(h, "") for h in met.get(r.id, ()))),
                r.id in same_city))
        # the warning: a host met in the last three years on one of the same topics
        if wanted_topics and met and before is not None:
            since = _years_before(before, RECENT_YEARS)
            for r in rows:
                if r.id not in met or r.start_date < since:
                    continue
                for topic in _topics_of(r.topics):
                    if _fold(topic) in wanted_topics:
                        for host_id in sorted(met[r.id]):
                            out.warnings.append(Repeat(out.hosts.get(host_id, ""),
                                                       wanted_topics[_fold(topic)], r.id,
                                                       r.code, r.start_date))
        # lessons of those visits, and lessons of any earlier visit on the same topics
        lesson_filter = []
        if ids:
            lesson_filter.append(Report.visit_id.in_(ids))
        if wanted_topics:
            lesson_filter.append(_like_any(Lesson.topics, wanted_topics.values()))
        lessons = []
        if lesson_filter:
            for lesson_id, text, topics, visit_id, code, start in s.execute(
                    select(Lesson.id, Lesson.text, Lesson.topics, Visit.id, Visit.code,
                           Visit.start_date)
                    .join(Report, Report.id == Lesson.report_id)
                    .join(Visit, Visit.id == Report.visit_id)
                    .where(or_(*lesson_filter), Lesson.deleted_at.is_(None),
                           Report.deleted_at.is_(None), *live)):
                shared = [t for t in _topics_of(topics) if _fold(t) in wanted_topics]
                if visit_id in ids or shared:
                    lessons.append((visit_id not in ids, -start.toordinal(), lesson_id, Found(
                        "lesson", lesson_id, visit_id, code, text, ", ".join(shared))))
            lessons.sort(key=lambda x: x[:3])
        out.counts["lessons"] = len(lessons)
        out.lessons = [f for *_key, f in lessons[:limit]]
        # contacts gained on those visits, or gained anywhere with someone at the hosts
        contact_filter = []
        if ids:
            contact_filter.append(Report.visit_id.in_(ids))
        if subject.host_ids:
            contact_filter.append(ReportContact.contact_id.in_(
                select(Contact.id).where(Contact.organisation_id.in_(subject.host_ids))))
        contacts = []
        if contact_filter:
            contacts = [(-start.toordinal(), entry_id, Found(
                "contacts", entry_id, visit_id, code, text))
                for entry_id, text, visit_id, code, start in s.execute(
                    select(ReportContact.id, ReportContact.text, Visit.id, Visit.code,
                           Visit.start_date)
                    .join(Report, Report.id == ReportContact.report_id)
                    .join(Visit, Visit.id == Report.visit_id)
                    .where(or_(*contact_filter), ReportContact.deleted_at.is_(None),
                           Report.deleted_at.is_(None), *live))]
            contacts.sort(key=lambda x: x[:2])
        out.counts["contacts"] = len(contacts)
        out.contacts = [f for *_key, f in contacts[:limit]]
        # follow-ups still open on those visits
        follow = []
        if ids:
            follow = [((due is None, due or dt.date.max), follow_id, Found(
                "follow_up", follow_id, visit_id, codes.get(visit_id, ""), action,
                " · ".join(x for x in (owner or "", _date(due) if due else "") if x)))
                for follow_id, action, owner, due, visit_id in s.execute(
                    select(FollowUp.id, FollowUp.action, FollowUp.owner, FollowUp.due,
                           Report.visit_id)
                    .join(Report, Report.id == FollowUp.report_id)
                    .where(Report.visit_id.in_(ids), FollowUp.status == "open",
                           FollowUp.deleted_at.is_(None), Report.deleted_at.is_(None)))]
            follow.sort(key=lambda x: x[:2])
        out.counts["follow_ups"] = len(follow)
        out.follow_ups = [f for *_key, f in follow[:limit]]
        # what meetings with those hosts came to
        outcomes = []
        if met:
            outcomes = [(-start.toordinal(), item_id, Found(
                "outcome", item_id, visit_id, codes.get(visit_id, ""), outcome,
                out.hosts.get(host_id, "")))
                for item_id, outcome, host_id, visit_id, start in s.execute(
                    select(ProgrammeItem.id, ProgrammeItem.outcome, ProgrammeItem.host_id,
                           ProgrammeItem.visit_id, Visit.start_date)
                    .join(Visit, Visit.id == ProgrammeItem.visit_id)
                    .where(ProgrammeItem.host_id.in_(subject.host_ids),
                           ProgrammeItem.visit_id.in_(list(met)),
                           ProgrammeItem.outcome.is_not(None), ProgrammeItem.outcome != "",
                           ProgrammeItem.deleted_at.is_(None)))
                if outcome and host_id is not None]  # (asked above; for the type checker)
            outcomes.sort(key=lambda x: x[:2])
        out.counts["outcomes"] = len(outcomes)
        out.outcomes = [f for *_key, f in outcomes[:limit]]
    return out


def experience_for_visit(db: Database, visit_id: int, *, limit: int = LIMIT) -> Experience:
    """The experience offered beside a visit's workspace (empty when it names nothing)."""
    subject = subject_of(db, visit_id)
    if subject is None:
        return Experience(Subject(visit_id, (), None, (), None))
    return experience(db, subject, limit=limit)
