"""Reading what earlier visits hold about a subject (issue 18): one reader for each kind of
row the experience panel shows, all in one read transaction.

The earlier visits are read once; each kind of row is then one query by their ids with its
newest ``limit`` rows and how many there are, all on indexed columns (the host, the visit,
the report): the busiest host of the 10,000-visit benchmark has over a thousand earlier
visits, and only the newest are shown. Topics are matched with a ``LIKE`` on the stored
JSON first and exactly (case-folded) in Python after. ``app.services.experience`` asks
here and keeps the answers. No Qt here.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
import weakref
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Text, cast, func, or_, select, union

from app.i18n import format_date
from app.services.experience_answer import EarlierVisit, Experience, Found, Repeat, Subject
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


def ask(db: Database, subject: Subject, limit: int, version: str | None = None) -> Experience:
    """Everything earlier visits hold about the subject, asked of the database.

    ``version``: the data version read before asking; a count of the lessons on the
    subject's topics kept for it (``count_on_topics``) is then used."""
    out = Experience(subject)
    if subject.empty:
        return out
    wanted = {_fold(t): t for t in subject.topics}
    live = _live(subject)
    # Core, not an ORM session: a dozen statements, each paying the session's own work
    # (and its soft-delete criteria, written out in each query here instead)
    with _reading(db) as s:
        out.hosts = _host_names(s, subject.host_ids)
        same_city = _same_city(s, subject.city)
        earlier = _earlier_ids(s, subject, same_city, live)
        out.counts["visits"] = len(earlier)
        out.visits = _earlier_visits(s, earlier, limit, subject.host_ids, out.hosts, same_city)
        if wanted and subject.host_ids and subject.start is not None:
            out.warnings = _repeats(s, subject.host_ids, subject.start, wanted, out.hosts, live)
        on_topics = _kept_on_topics(db, subject, wanted, version)
        out.lessons, out.counts["lessons"] = _lessons(s, earlier, wanted, live, limit, on_topics)
        out.contacts, out.counts["contacts"] = _contacts(s, earlier, subject.host_ids, live, limit)
        out.follow_ups, out.counts["follow_ups"] = _follow_ups(s, earlier, limit)
        out.outcomes, out.counts["outcomes"] = _outcomes(
            s, subject.host_ids, out.hosts, live, limit
        )
    return out


@contextmanager
def _reading(db: Database) -> Iterator[Any]:
    """A plain read connection (deferred on SQLite: no write lock is taken)."""
    engine = (
        db.engine.execution_options(sqlite_begin="DEFERRED")
        if db.engine.dialect.name == "sqlite"
        else db.engine
    )
    with engine.connect() as connection:
        yield connection


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _topics_of(value: Any) -> list[str]:
    return [t for t in value or () if isinstance(t, str)]


def _live(subject: Subject) -> list[Any]:
    """The visits that count as earlier: kept, not cancelled, not the subject's own visit,
    and started no later than it."""
    live = [Visit.deleted_at.is_(None), Visit.status != "cancelled"]
    if subject.visit_id is not None:
        live.append(Visit.id != subject.visit_id)
    if subject.start is not None:
        live.append(Visit.start_date <= subject.start)
    return live


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
            clauses.append(
                text.like(f"%{escaped}%", escape="\\")
                if dialect == "sqlite"
                else text.ilike(f"%{escaped}%", escape="\\")
            )
    return or_(*clauses)


def _among(column: Any, ids: list[int], dialect: str) -> Any:
    """``column IN ids`` for the earlier visits' ids. On SQLite one JSON text read by
    ``json_each``: the busiest host's 1,274 ids bound one by one cost each of four
    queries a few milliseconds of SQLAlchemy rendering their placeholders (the plan is
    the same: SQLite builds the same lookup of the values either way)."""
    if dialect != "sqlite":
        return column.in_(ids)
    return column.in_(select(func.json_each(json.dumps(ids)).table_valued("value").c.value))


def _newest(s: Any, stmt: Any, order: Sequence[Any], n: int) -> tuple[list[Any], int]:
    """The first ``n`` rows in ``order`` and how many there are in all: one query (the
    count is a window over the rows the ordering sorts anyway)."""
    if n <= 0:
        return [], 0
    rows = s.execute(stmt.add_columns(func.count().over()).order_by(*order).limit(n)).all()
    return [tuple(r[:-1]) for r in rows], (int(rows[0][-1]) if rows else 0)


def _host_names(s: Any, host_ids: tuple[int, ...]) -> dict[int, str]:
    if not host_ids:
        return {}
    return dict(
        s.execute(
            select(Organisation.id, Organisation.name).where(
                Organisation.id.in_(host_ids), Organisation.deleted_at.is_(None)
            )
        ).all()
    )


def _same_city(s: Any, city: str | None) -> list[str]:
    """The cities stored as the subject's, however they were spaced or capitalised."""
    if not city:
        return []
    folded = _fold(city)
    return [
        c
        for c in s.scalars(
            select(Visit.city).distinct().where(Visit.city.is_not(None), Visit.deleted_at.is_(None))
        )
        if c is not None and _fold(c) == folded
    ]


def _earlier_ids(s: Any, subject: Subject, same_city: list[str], live: list[Any]) -> list[int]:
    """The earlier visits with one of the hosts or in the same city, newest first.

    Read once and ordered here: each query after starts from their ids (an index step per
    visit) instead of working the set out again from a scan of every visit, as a subquery
    did six times.
    """
    places = []
    if subject.host_ids:
        places.append(
            Visit.id.in_(
                select(ProgrammeItem.visit_id).where(
                    ProgrammeItem.host_id.in_(subject.host_ids), ProgrammeItem.deleted_at.is_(None)
                )
            )
        )
    if same_city:
        places.append(Visit.city.in_(same_city))
    if not places:
        return []
    # ordered by the database (reading each start as a date to sort here took half the
    # time): newest first, then by code compared as Python compares text
    return list(
        s.scalars(
            select(Visit.id)
            .where(or_(*places), *live)
            .order_by(Visit.start_date.desc(), _codepoint(Visit.code, s.dialect.name))
        )
    )


def _codepoint(column: Any, dialect: str) -> Any:
    """``column`` ordered by code point, as Python's ``sorted`` orders text: SQLite's
    default (binary) collation does; PostgreSQL's follows the locale unless told "C"."""
    return column.collate("C") if dialect == "postgresql" else column


def _earlier_visits(
    s: Any,
    earlier: list[int],
    limit: int,
    host_ids: tuple[int, ...],
    hosts: dict[int, str],
    same_city: list[str],
) -> list[EarlierVisit]:
    """The newest ``limit`` earlier visits, each with the hosts met on it."""
    rows = (
        sorted(
            s.execute(
                select(
                    Visit.id, Visit.code, Visit.title, Visit.start_date, Visit.end_date, Visit.city
                ).where(Visit.id.in_(earlier[:limit]))
            ).all(),
            key=lambda r: (-r.start_date.toordinal(), r.code),
        )
        if limit > 0
        else []
    )
    met: dict[int, set[int]] = {}
    if rows and host_ids:
        for visit_id, host_id in s.execute(
            select(ProgrammeItem.visit_id, ProgrammeItem.host_id).where(
                ProgrammeItem.visit_id.in_([r[0] for r in rows]),
                ProgrammeItem.host_id.in_(host_ids),
                ProgrammeItem.deleted_at.is_(None),
            )
        ):
            if host_id is not None:  # (the query asks for it; for the type checker)
                met.setdefault(visit_id, set()).add(host_id)
    return [
        EarlierVisit(
            visit_id,
            code,
            title,
            start,
            end,
            city,
            tuple(sorted(hosts.get(h, "") for h in met.get(visit_id, ()))),
            city in same_city,
        )
        for visit_id, code, title, start, end, city in rows
    ]


def _repeats(
    s: Any,
    host_ids: tuple[int, ...],
    before: dt.date,
    wanted: dict[str, str],
    hosts: dict[int, str],
    live: list[Any],
) -> list[Repeat]:
    """The warning: a host met in the three years before on one of the same topics."""
    since = _years_before(before, RECENT_YEARS)
    warnings: list[Repeat] = []
    for visit_id, code, start, topics, host_id in s.execute(
        select(Visit.id, Visit.code, Visit.start_date, Visit.topics, ProgrammeItem.host_id)
        .join(ProgrammeItem, ProgrammeItem.visit_id == Visit.id)
        .where(
            ProgrammeItem.host_id.in_(host_ids),
            ProgrammeItem.deleted_at.is_(None),
            Visit.start_date >= since,
            *live,
        )
        .order_by(Visit.start_date.desc(), Visit.code)
    ):  # no DISTINCT: JSON
        for topic in _topics_of(topics):
            if _fold(topic) in wanted:
                repeat = Repeat(hosts.get(host_id, ""), wanted[_fold(topic)], visit_id, code, start)
                if repeat not in warnings:
                    warnings.append(repeat)
    return warnings


def _lesson_rows(live: list[Any]) -> Any:
    return (
        select(Lesson.id, Lesson.text, Lesson.topics, Visit.id, Visit.code)
        .join(Report, Report.id == Lesson.report_id)
        .join(Visit, Visit.id == Report.visit_id)
        .where(Lesson.deleted_at.is_(None), Report.deleted_at.is_(None), *live)
    )


def _count(s: Any, stmt: Any) -> int:
    return int(s.execute(select(func.count()).select_from(stmt.subquery())).scalar_one())


def _lessons(
    s: Any,
    earlier: list[int],
    wanted: dict[str, str],
    live: list[Any],
    limit: int,
    on_topics: int | None = None,
) -> tuple[list[Found], int]:
    """Lessons of the earlier visits first, then of any earlier visit on the same topics.

    ``on_topics``: how many lessons of all the earlier visits are on the topics, counted
    at this read's data version (kept): those of the visits there are then counted
    apart, a few thousand rows by their index instead of every lesson."""
    lesson = _lesson_rows(live)
    by_date = (Visit.start_date.desc(), Lesson.position, Lesson.id)
    found, count = _newest_lessons(s, lesson, earlier, limit)
    if wanted:
        on_topic = lesson.where(
            ~_among(Visit.id, earlier, s.dialect.name),
            _has_topic(Lesson.topics, wanted.values(), s.dialect.name),
        )
        if len(found) < limit:
            more, total = _newest(s, on_topic, by_date, limit - len(found))
            found += more
        elif on_topics is not None:  # the earlier visits (all of them live) taken out
            topic = _has_topic(Lesson.topics, wanted.values(), s.dialect.name)
            total = on_topics - _count(
                s, lesson.where(_among(Visit.id, earlier, s.dialect.name), topic)
            )
        else:  # the earlier visits' lessons fill the list: only how many more there are
            total = _count(s, on_topic)
        count += total
    lessons = []
    for lesson_id, text, topics, visit_id, code in found:
        shared = [t for t in _topics_of(topics) if _fold(t) in wanted]
        lessons.append(Found("lesson", lesson_id, visit_id, code, text, ", ".join(shared)))
    return lessons, count


def _newest_lessons(
    session: Any, lesson: Any, earlier: list[int], limit: int
) -> tuple[list[Any], int]:
    """The lessons of the earlier visits (ids newest first), the newest ``limit`` of them,
    and how many there are: counted apart, and read a few visits at a time from the
    newest until enough were found (sorting all of a busy host's thousands of lessons to
    show twelve took most of the query)."""
    if not earlier or limit <= 0:
        return [], 0
    total = session.execute(
        select(func.count())
        .select_from(Lesson)
        .join(Report, Report.id == Lesson.report_id)
        .where(
            _among(Report.visit_id, earlier, session.dialect.name),
            Lesson.deleted_at.is_(None),
            Report.deleted_at.is_(None),
        )
    ).scalar_one()
    found: list[Any] = []
    start, step = 0, limit
    while start < len(earlier) and len(found) < limit:
        chunk = earlier[start : start + step]
        start, step = start + step, min(step * 4, 500)
        place = {visit_id: n for n, visit_id in enumerate(chunk)}
        rows = session.execute(lesson.where(Visit.id.in_(chunk)).add_columns(Lesson.position)).all()
        rows.sort(key=lambda r: (place[r[3]], r[5], r[0]))
        found += [tuple(r[:5]) for r in rows]
    return found[:limit], int(total)


def _contacts(
    s: Any, earlier: list[int], host_ids: tuple[int, ...], live: list[Any], limit: int
) -> tuple[list[Found], int]:
    """Contacts gained on the earlier visits, or anywhere with someone at the hosts.

    Each way by its own index (an OR of the two scanned every contact gained), the two
    merged by a ``UNION`` in the database, newest first: only the rows shown and the count
    come back (the busiest host's 2,500 entries read and sorted here took a quarter of
    the answer's time).
    """
    gained = [_among(Report.visit_id, earlier, s.dialect.name)] if earlier else []
    if host_ids:
        gained.append(
            ReportContact.contact_id.in_(
                select(Contact.id).where(
                    Contact.organisation_id.in_(host_ids), Contact.deleted_at.is_(None)
                )
            )
        )
    if not gained:
        return [], 0
    ways = [
        select(
            ReportContact.id.label("id"),
            Visit.start_date.label("start"),
            ReportContact.position.label("position"),
        )
        .join(Report, Report.id == ReportContact.report_id)
        .join(Visit, Visit.id == Report.visit_id)
        .where(way, ReportContact.deleted_at.is_(None), Report.deleted_at.is_(None), *live)
        for way in gained
    ]
    # one entry gained both ways is one row of the union (its start and place are its own)
    both = (ways[0] if len(ways) == 1 else union(*ways)).subquery()
    if limit <= 0:
        return [], int(s.execute(select(func.count()).select_from(both)).scalar_one())
    rows = s.execute(
        select(both.c.id, func.count().over())
        .order_by(both.c.start.desc(), both.c.position, both.c.id)
        .limit(limit)
    ).all()
    chosen = [r[0] for r in rows]
    texts = (
        {
            entry_id: (text, visit_id, code)
            for entry_id, text, visit_id, code in s.execute(
                select(ReportContact.id, ReportContact.text, Visit.id, Visit.code)
                .join(Report, Report.id == ReportContact.report_id)
                .join(Visit, Visit.id == Report.visit_id)
                .where(ReportContact.id.in_(chosen))
            )
        }
        if chosen
        else {}
    )
    return (
        [
            Found("contacts", entry_id, *texts[entry_id][1:], texts[entry_id][0])
            for entry_id in chosen
        ],
        int(rows[0][1]) if rows else 0,
    )


def _follow_ups(s: Any, earlier: list[int], limit: int) -> tuple[list[Found], int]:
    """Follow-ups still open on the earlier visits, soonest due first."""
    follow = (
        select(FollowUp.id, FollowUp.action, FollowUp.owner, FollowUp.due, Visit.id, Visit.code)
        .join(Report, Report.id == FollowUp.report_id)
        .join(Visit, Visit.id == Report.visit_id)
        .where(
            _among(Visit.id, earlier, s.dialect.name),
            FollowUp.status == "open",
            FollowUp.deleted_at.is_(None),
            Report.deleted_at.is_(None),
        )
    )
    rows, count = _newest(s, follow, (FollowUp.due.is_(None), FollowUp.due, FollowUp.id), limit)
    return [
        Found(
            "follow_up",
            follow_id,
            visit_id,
            code,
            action,
            " · ".join(x for x in (owner or "", format_date(due) if due else "") if x),
        )
        for follow_id, action, owner, due, visit_id, code in rows
    ], count


def _outcomes(
    s: Any, host_ids: tuple[int, ...], hosts: dict[int, str], live: list[Any], limit: int
) -> tuple[list[Found], int]:
    """What meetings with the hosts came to, newest first (none without hosts)."""
    if not host_ids:
        return [], 0
    outcomes = (
        select(ProgrammeItem.id, ProgrammeItem.outcome, ProgrammeItem.host_id, Visit.id, Visit.code)
        .join(Visit, Visit.id == ProgrammeItem.visit_id)
        .where(
            ProgrammeItem.host_id.in_(host_ids),
            ProgrammeItem.outcome.is_not(None),
            ProgrammeItem.outcome != "",
            ProgrammeItem.deleted_at.is_(None),
            *live,
        )
    )
    rows, count = _newest(
        s, outcomes, (Visit.start_date.desc(), ProgrammeItem.starts_utc, ProgrammeItem.id), limit
    )
    return [
        Found(
            "outcome",
            item_id,
            visit_id,
            code,
            outcome or "",
            hosts.get(host_id, "") if host_id is not None else "",
        )
        for item_id, outcome, host_id, visit_id, code in rows
    ], count


# Lessons on a subject's topics in all earlier visits, counted while the host is being
# chosen (the coordinator searches the list for a second or more): the question asked
# at the choice then counts only those of the visits there. Kept for the data version
# the count was read at, and used only by a read at that same version.
_ON_TOPICS: weakref.WeakKeyDictionary[Database, dict[Any, tuple[str, int]]] = (
    weakref.WeakKeyDictionary()
)
_ON_TOPICS_LOCK = threading.Lock()


def _topics_key(subject: Subject, wanted: dict[str, str]) -> Any:
    return (tuple(sorted(wanted.values())), subject.start, subject.visit_id)


def count_on_topics(db: Database, subject: Subject) -> None:
    """Count and keep the lessons of every earlier visit on the subject's topics (see
    ``_ON_TOPICS``); kept only when nobody committed while it counted."""
    wanted = {_fold(t): t for t in subject.topics}
    if not wanted:
        return
    before = db.data_version()
    with _reading(db) as s:
        n = _count(
            s,
            _lesson_rows(_live(subject)).where(
                _has_topic(Lesson.topics, wanted.values(), s.dialect.name)
            ),
        )
    if db.data_version() != before:  # the count's snapshot may be newer than its label
        return
    with _ON_TOPICS_LOCK:
        kept = _ON_TOPICS.setdefault(db, {})
        kept.clear()  # one subject at a time: the visit being planned
        kept[_topics_key(subject, wanted)] = (before, n)


def _kept_on_topics(
    db: Database, subject: Subject, wanted: dict[str, str], version: str | None
) -> int | None:
    """The kept count for this read, if it was counted at the version this read sees:
    asked inside the read, after its first statement, so an unchanged data version
    means the read's snapshot is that version's."""
    if version is None or not wanted:
        return None
    with _ON_TOPICS_LOCK:
        found = _ON_TOPICS.get(db, {}).get(_topics_key(subject, wanted))
    if found is None or found[0] != version or db.data_version() != version:
        return None
    return found[1]
