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

Queries go by the indexed host and visit columns: the earlier visits are read once, and
each kind of row is then looked up by their ids; topics are matched with a ``LIKE`` on the
stored JSON first and exactly (case-folded) in Python after. On the 10,000-visit benchmark
the busiest host's experience takes some 70 ms of CPU time (120 ms when every query
worked the earlier visits out again from a scan of all visits). No Qt here.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
import weakref
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Text, cast, func, or_, select

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
                   ProgrammeItem.host_id.is_not(None)))
            if h is not None and h != row.organiser_id))
    city = (row.city or "").strip() or None
    topics = tuple(dict.fromkeys(t.strip() for t in row.topics or ()
                                 if isinstance(t, str) and t.strip()))
    return Subject(visit_id, hosts, city, topics, row.start_date)


def _has_topic(column: Any, topics: Iterable[str], dialect: str = "") -> Any:
    """The JSON list in ``column`` holds one of ``topics`` as an element (case-insensitive
    for Latin letters; the element as typed or as JSON escapes its accents). SQLite's
    ``LIKE`` already ignores the case of Latin letters (and only theirs, as its
    ``lower()`` does): ``ilike``'s two ``lower()`` calls a row cost a third of the scan."""
    clauses = []
    for topic in topics:
        for form in {json.dumps(topic, ensure_ascii=False), json.dumps(topic)}:
            escaped = form.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            text = cast(column, Text)
            clauses.append(text.like(f"%{escaped}%", escape="\\") if dialect == "sqlite"
                           else text.ilike(f"%{escaped}%", escape="\\"))
    return or_(*clauses)


def _newest_lessons(session: Any, lesson: Any, earlier: list[int],
                    limit: int) -> tuple[list[Any], int]:
    """The lessons of the earlier visits (ids newest first), the newest ``limit`` of them,
    and how many there are: counted apart, and read a few visits at a time from the
    newest until enough were found (sorting all of a busy host's thousands of lessons to
    show twelve took most of the query)."""
    if not earlier or limit <= 0:
        return [], 0
    total = session.execute(
        select(func.count()).select_from(Lesson)
        .join(Report, Report.id == Lesson.report_id)
        .where(Report.visit_id.in_(earlier), Lesson.deleted_at.is_(None),
               Report.deleted_at.is_(None))).scalar_one()
    found: list[Any] = []
    start, step = 0, limit
    while start < len(earlier) and len(found) < limit:
        chunk = earlier[start:start + step]
        start, step = start + step, min(step * 4, 500)
        place = {visit_id: n for n, visit_id in enumerate(chunk)}
        rows = session.execute(lesson.where(Visit.id.in_(chunk))
                               .add_columns(Lesson.position)).all()
        rows.sort(key=lambda r: (place[r[3]], r[5], r[0]))
        found += [tuple(r[:5]) for r in rows]
    return found[:limit], int(total)


def _topics_of(value: Any) -> list[str]:
    return [t for t in value or () if isinstance(t, str)]


# The last answers for each open database, kept while its data version holds: a visit
# opened again, or a tab left and come back to, is answered without asking.
_KEPT: weakref.WeakKeyDictionary[Database, OrderedDict[Any, tuple[str, Experience]]] = \
    weakref.WeakKeyDictionary()
_KEPT_LOCK = threading.Lock()  # answered in a worker thread, read on the UI thread
KEPT_ANSWERS = 16


def experience(db: Database, subject: Subject, *, limit: int = LIMIT,
               kept: bool = True) -> Experience:
    """Everything earlier visits hold about the subject's hosts, city and topics; the
    answer kept from an earlier call while nothing was committed since (``kept=False``
    asks the database always: the benchmark)."""
    if not kept:
        return _experience(db, subject, limit)
    from app.i18n import current_language

    version = db.data_version()  # read first: an answer is never newer than its label
    key = (subject, limit, current_language())  # dates are written in the language
    with _KEPT_LOCK:
        found = _KEPT.get(db, OrderedDict()).get(key)
    if found is not None and found[0] == version:
        return found[1]
    answer = _experience(db, subject, limit)
    with _KEPT_LOCK:
        answers = _KEPT.setdefault(db, OrderedDict())
        answers[key] = (version, answer)
        answers.move_to_end(key)
        while len(answers) > KEPT_ANSWERS:
            answers.popitem(last=False)
    return answer


@contextmanager
def _reading(db: Database) -> Iterator[Any]:
    """A plain read connection (deferred on SQLite: no write lock is taken)."""
    engine = (db.engine.execution_options(sqlite_begin="DEFERRED")
              if db.engine.dialect.name == "sqlite" else db.engine)
    with engine.connect() as connection:
        yield connection


def _experience(db: Database, subject: Subject, limit: int) -> Experience:
    """Everything earlier visits hold about the subject, asked of the database.

    The earlier visits are read once; each kind of row is then one query by their ids
    with its newest ``limit`` rows and how many there are, all on indexed columns (the
    host, the visit, the report): the busiest host of the 10,000-visit benchmark has
    over a thousand earlier visits, and only the newest are shown.
    """
    out = Experience(subject)
    if subject.empty:
        return out
    before = subject.start
    wanted_topics = {_fold(t): t for t in subject.topics}
    live = [Visit.deleted_at.is_(None), Visit.status != "cancelled"]
    if subject.visit_id is not None:
        live.append(Visit.id != subject.visit_id)
    if before is not None:
        live.append(Visit.start_date <= before)
    met_items = (select(ProgrammeItem.visit_id)
                 .where(ProgrammeItem.host_id.in_(subject.host_ids),
                        ProgrammeItem.deleted_at.is_(None)))
    # Core, not an ORM session: a dozen statements, each paying the session's own work
    # (and its soft-delete criteria, written out in each query here instead)
    with _reading(db) as s:
        if subject.host_ids:
            out.hosts = dict(s.execute(select(Organisation.id, Organisation.name)
                                       .where(Organisation.id.in_(subject.host_ids),
                                              Organisation.deleted_at.is_(None))).all())
        places = []
        if subject.host_ids:
            places.append(Visit.id.in_(met_items))
        same_city: list[str] = []
        if subject.city:
            folded = _fold(subject.city)
            same_city = [c for c in s.scalars(select(Visit.city).distinct()
                                              .where(Visit.city.is_not(None),
                                                     Visit.deleted_at.is_(None)))
                         if c is not None and _fold(c) == folded]
            if same_city:
                places.append(Visit.city.in_(same_city))
        # The earlier visits, read once and ordered here: each query below then starts
        # from their ids (an index step per visit) instead of working the set out again
        # from a scan of every visit, as a subquery did six times.
        found_visits = (s.execute(select(Visit.id, Visit.code, Visit.start_date)
                                  .where(or_(*places), *live)).all() if places else [])
        found_visits.sort(key=lambda r: (-r.start_date.toordinal(), r.code))
        earlier = [r[0] for r in found_visits]

        def newest(stmt: Any, order: Sequence[Any], n: int) -> tuple[list[Any], int]:
            """The first ``n`` rows in ``order`` and how many there are in all: one query
            (the count is a window over the rows the ordering sorts anyway)."""
            if n <= 0:
                return [], 0
            rows = s.execute(stmt.add_columns(func.count().over()).order_by(*order)
                             .limit(n)).all()
            return [tuple(r[:-1]) for r in rows], (int(rows[0][-1]) if rows else 0)

        # the earlier visits, newest first, each with the hosts met on it
        out.counts["visits"] = len(earlier)
        rows = sorted(s.execute(select(Visit.id, Visit.code, Visit.title, Visit.start_date,
                                       Visit.end_date, Visit.city)
                                .where(Visit.id.in_(earlier[:limit]))).all(),
                      key=lambda r: (-r.start_date.toordinal(), r.code)) if limit > 0 else []
        met: dict[int, set[int]] = {}
        if rows and subject.host_ids:
            for visit_id, host_id in s.execute(
                    select(ProgrammeItem.visit_id, ProgrammeItem.host_id)
                    .where(ProgrammeItem.visit_id.in_([r[0] for r in rows]),
                           ProgrammeItem.host_id.in_(subject.host_ids),
                           ProgrammeItem.deleted_at.is_(None))):
                if host_id is not None:  # (the query asks for it; for the type checker)
                    met.setdefault(visit_id, set()).add(host_id)
        for visit_id, code, title, start, end, city in rows:
            out.visits.append(EarlierVisit(
                visit_id, code, title, start, end, city,
                tuple(sorted(out.hosts.get(h, "") for h in met.get(visit_id, ()))),
                city in same_city))
        # the warning: a host met in the three years before on one of the same topics
        if wanted_topics and subject.host_ids and before is not None:
            since = _years_before(before, RECENT_YEARS)
            for visit_id, code, start, topics, host_id in s.execute(
                    select(Visit.id, Visit.code, Visit.start_date, Visit.topics,
                           ProgrammeItem.host_id)
                    .join(ProgrammeItem, ProgrammeItem.visit_id == Visit.id)
                    .where(ProgrammeItem.host_id.in_(subject.host_ids),
                           ProgrammeItem.deleted_at.is_(None), Visit.start_date >= since,
                           *live)
                    .order_by(Visit.start_date.desc(), Visit.code)):  # no DISTINCT: JSON
                for topic in _topics_of(topics):
                    if _fold(topic) in wanted_topics:
                        repeat = Repeat(out.hosts.get(host_id, ""),
                                        wanted_topics[_fold(topic)], visit_id, code, start)
                        if repeat not in out.warnings:
                            out.warnings.append(repeat)
        # lessons of the earlier visits first, then of any earlier visit on the same topics
        lesson = (select(Lesson.id, Lesson.text, Lesson.topics, Visit.id, Visit.code)
                  .join(Report, Report.id == Lesson.report_id)
                  .join(Visit, Visit.id == Report.visit_id)
                  .where(Lesson.deleted_at.is_(None), Report.deleted_at.is_(None), *live))
        by_date = (Visit.start_date.desc(), Lesson.position, Lesson.id)
        found, out.counts["lessons"] = _newest_lessons(s, lesson, earlier, limit)
        if wanted_topics:
            on_topic = lesson.where(Visit.id.not_in(earlier), _has_topic(
                Lesson.topics, wanted_topics.values(), s.dialect.name))
            more, total = newest(on_topic, by_date, max(limit - len(found), 1))
            out.counts["lessons"] += total
            found += more[:limit - len(found)]
        for lesson_id, text, topics, visit_id, code in found:
            shared = [t for t in _topics_of(topics) if _fold(t) in wanted_topics]
            out.lessons.append(Found("lesson", lesson_id, visit_id, code, text,
                                     ", ".join(shared)))
        # contacts gained on those visits, or anywhere with someone at the hosts: each
        # way by its own index (an OR of the two scanned every contact gained), the
        # two lists merged here, newest first
        gained = [Report.visit_id.in_(earlier)]
        if subject.host_ids:
            gained.append(ReportContact.contact_id.in_(
                select(Contact.id).where(Contact.organisation_id.in_(subject.host_ids),
                                         Contact.deleted_at.is_(None))))
        entries: dict[int, tuple[Any, ...]] = {}
        for way in gained:
            for row in s.execute(
                    select(ReportContact.id, Visit.start_date, ReportContact.position)
                    .join(Report, Report.id == ReportContact.report_id)
                    .join(Visit, Visit.id == Report.visit_id)
                    .where(way, ReportContact.deleted_at.is_(None),
                           Report.deleted_at.is_(None), *live)):
                entries[row[0]] = tuple(row)
        ordered = sorted(entries.values(), key=lambda r: (-r[1].toordinal(), r[2], r[0]))
        out.counts["contacts"] = len(ordered)
        chosen = [r[0] for r in ordered[:limit]]
        texts = {entry_id: (text, visit_id, code) for entry_id, text, visit_id, code in
                 s.execute(select(ReportContact.id, ReportContact.text, Visit.id, Visit.code)
                           .join(Report, Report.id == ReportContact.report_id)
                           .join(Visit, Visit.id == Report.visit_id)
                           .where(ReportContact.id.in_(chosen)))} if chosen else {}
        out.contacts = [Found("contacts", entry_id, *texts[entry_id][1:], texts[entry_id][0])
                        for entry_id in chosen]
        # follow-ups still open on those visits, soonest due first
        follow = (select(FollowUp.id, FollowUp.action, FollowUp.owner, FollowUp.due,
                         Visit.id, Visit.code)
                  .join(Report, Report.id == FollowUp.report_id)
                  .join(Visit, Visit.id == Report.visit_id)
                  .where(Visit.id.in_(earlier), FollowUp.status == "open",
                         FollowUp.deleted_at.is_(None), Report.deleted_at.is_(None)))
        rows, out.counts["follow_ups"] = newest(
            follow, (FollowUp.due.is_(None), FollowUp.due, FollowUp.id), limit)
        out.follow_ups = [
            Found("follow_up", follow_id, visit_id, code, action,
                  " · ".join(x for x in (owner or "", _date(due) if due else "") if x))
            for follow_id, action, owner, due, visit_id, code in rows]
        # what meetings with those hosts came to, newest first
        if subject.host_ids:
            outcomes = (select(ProgrammeItem.id, ProgrammeItem.outcome, ProgrammeItem.host_id,
                               Visit.id, Visit.code)
                        .join(Visit, Visit.id == ProgrammeItem.visit_id)
                        .where(ProgrammeItem.host_id.in_(subject.host_ids),
                               ProgrammeItem.outcome.is_not(None),
                               ProgrammeItem.outcome != "",
                               ProgrammeItem.deleted_at.is_(None), *live))
            rows, out.counts["outcomes"] = newest(
                outcomes, (Visit.start_date.desc(), ProgrammeItem.starts_utc, ProgrammeItem.id),
                limit)
            out.outcomes = [
                Found("outcome", item_id, visit_id, code, outcome or "",
                      out.hosts.get(host_id, "") if host_id is not None else "")
                for item_id, outcome, host_id, visit_id, code in rows]
        else:
            out.counts["outcomes"] = 0
    return out


def experience_for_visit(db: Database, visit_id: int, *, limit: int = LIMIT) -> Experience:
    """The experience offered beside a visit's workspace (empty when it names nothing)."""
    subject = subject_of(db, visit_id)
    if subject is None:
        return Experience(Subject(visit_id, (), None, (), None))
    return experience(db, subject, limit=limit)
