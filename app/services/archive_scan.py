"""The archive search without FTS5 (PostgreSQL): the same texts, matching and snippets,
worked out in Python over the live rows.

An office sharing a PostgreSQL database has tens or hundreds of visits, not ten thousand:
reading their texts and matching them with ``app.domain.search_query`` takes well under a
second there, and keeps one definition of a match for both backends. Ranking: texts holding
every term first; more matched words, and matches in a title, rank higher.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select

from app.domain.search_query import Term, fold, hit_words, matches, snippet
from db.engine import Database
from db.models import Lesson, Organisation, ProgrammeItem, Report, ReportContact, Visit

TITLE_BONUS = 4


def _strings(value: Any) -> list[str]:
    """Text values in a JSON value (a list of topics, nested translations)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _docs(session: Any, visit_ids: set[int]) -> Iterable[tuple[int, str, int | None, list[str]]]:
    """(visit id, where, item id, [title, body, extra]) for every searchable text."""
    for v in session.scalars(select(Visit).where(Visit.id.in_(visit_ids))):
        yield (
            v.id,
            "visit",
            None,
            [
                v.title,
                " ".join([v.purpose or "", *_strings(v.topics)]),
                " ".join([*_strings(v.translations), v.city or ""]),
            ],
        )
    hosts = {
        o.id: " ".join(filter(None, (o.name, o.name_original, o.name_en)))
        for o in session.scalars(select(Organisation))
    }
    for p in session.scalars(select(ProgrammeItem).where(ProgrammeItem.visit_id.in_(visit_ids))):
        yield (
            p.visit_id,
            "programme",
            p.id,
            [
                p.title,
                " ".join(filter(None, (p.description, p.outcome))),
                " ".join([hosts.get(p.host_id, ""), p.venue or "", *_strings(p.translations)]),
            ],
        )
    reports = list(session.scalars(select(Report).where(Report.visit_id.in_(visit_ids))))
    contacts: dict[int, list[str]] = {}
    for report_id, text in session.execute(
        select(ReportContact.report_id, ReportContact.text)
        .where(
            ReportContact.report_id.in_([r.id for r in reports]), ReportContact.deleted_at.is_(None)
        )
        .order_by(ReportContact.position, ReportContact.id)
    ):
        contacts.setdefault(report_id, []).append(text)
    for r in reports:
        yield (
            r.visit_id,
            "report",
            None,
            [
                "",
                " ".join([r.summary or "", *_strings(r.results)]),
                " ".join([*contacts.get(r.id, []), r.article or ""]),
            ],
        )
        for le in session.scalars(select(Lesson).where(Lesson.report_id == r.id)):
            yield r.visit_id, "lesson", None, ["", le.text, " ".join(_strings(le.topics))]


def _visit_passes(
    v: Visit,
    filters: Any,
    lesson_topics: dict[int, set[str]],
    hosts: dict[int, set[int]],
    institution_ids: list[int] | None,
) -> bool:
    if filters.country and (v.country or "").upper() != filters.country.strip().upper():
        return False
    if filters.year is not None and v.start_date.year != int(filters.year):
        return False
    if filters.topic:
        wanted = fold(filters.topic.strip())
        topics = {fold(t) for t in _strings(v.topics)} | lesson_topics.get(v.id, set())
        if wanted not in topics:
            return False
    if institution_ids is not None:
        met = hosts.get(v.id, set()) | ({v.organiser_id} if v.organiser_id else set())
        if not met & set(institution_ids):
            return False
    return True


def scan(db: Database, terms: list[Term], filters: Any, *, limit: int) -> list[Any]:
    from app.services.archive import ELLIPSIS, MARK_CLOSE, MARK_OPEN, SNIPPET_WORDS, Hit

    with db.read() as session:
        visits = {v.id: v for v in session.scalars(select(Visit))}
        lesson_topics: dict[int, set[str]] = {}
        for visit_id, topics in session.execute(
            select(Report.visit_id, Lesson.topics).join(Lesson, Lesson.report_id == Report.id)
        ):
            lesson_topics.setdefault(visit_id, set()).update(fold(t) for t in _strings(topics))
        hosts: dict[int, set[int]] = {}
        for visit_id, host_id in session.execute(
            select(ProgrammeItem.visit_id, ProgrammeItem.host_id)
        ):
            if host_id is not None:
                hosts.setdefault(visit_id, set()).add(host_id)
        institution_ids: list[int] | None = None
        if filters.institution is not None:
            if isinstance(filters.institution, int):
                institution_ids = [filters.institution]
            else:
                from app.domain.search_query import parse

                wanted = parse(filters.institution)
                institution_ids = [
                    o.id
                    for o in session.scalars(select(Organisation))
                    if wanted
                    and any(
                        n and all(matches(t, fold(n)) for t in wanted)
                        for n in (o.name, o.name_original, o.name_en)
                    )
                ]
        allowed = {
            i
            for i, v in visits.items()
            if _visit_passes(v, filters, lesson_topics, hosts, institution_ids)
        }
        if not terms:
            chosen = sorted(
                (visits[i] for i in allowed), key=lambda v: (v.start_date, v.code), reverse=True
            )[:limit]
            return [
                Hit(
                    v.id,
                    v.code,
                    v.title,
                    v.start_date,
                    v.country,
                    v.city,
                    "visit",
                    None,
                    None,
                    snippet([v.purpose or ""], [], size=SNIPPET_WORDS, ellipsis=ELLIPSIS),
                )
                for v in chosen
            ]
        scored = []
        items = {p.id: p.title for p in session.scalars(select(ProgrammeItem))}
        for order, (visit_id, where, item_id, texts) in enumerate(_docs(session, allowed)):
            folded = [fold(t or "") for t in texts]
            if not all(any(matches(t, f) for f in folded) for t in terms):
                continue
            score = sum(
                len(hit_words(terms, f.split())) * (TITLE_BONUS if i == 0 else 1)
                for i, f in enumerate(folded)
            )
            scored.append((-score, order, visit_id, where, item_id, texts))
        scored.sort(key=lambda row: row[:2])
        out = []
        for _score, _order, visit_id, where, item_id, texts in scored[:limit]:
            v = visits[visit_id]
            out.append(
                Hit(
                    v.id,
                    v.code,
                    v.title,
                    _date(v.start_date),
                    v.country,
                    v.city,
                    where,
                    item_id,
                    items.get(item_id) if item_id else None,
                    snippet(
                        texts,
                        terms,
                        size=SNIPPET_WORDS,
                        open_=MARK_OPEN,
                        close=MARK_CLOSE,
                        ellipsis=ELLIPSIS,
                    ),
                )
            )
        return out


def _date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
