"""The experience archive: "who has already seen how Norwegian municipalities share a waste
company?" answered from every visit's purpose, topics, programme items (with their hosts),
outcomes, report, results and lessons.

On SQLite the texts live in the FTS5 table ``archive_fts`` (migration 0002), which triggers
keep current on every write — services, the visit-file importer and plain SQL alike — so
no edit path can leave the index stale. ``reindex_visit`` and ``rebuild_index`` exist for
repairs (a database restored from elsewhere, a migration that recreated a table).

Ranking: hits whose one text holds every term come first, best first by BM25 with titles
weighted above bodies; then, for a query of several words, visits that hold every term
spread over several texts (the purpose says "Norway", an outcome says "waste company").
On PostgreSQL (no FTS5) the same matching rules run in Python (``archive_scan``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from html import escape
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.domain.search_query import all_of, any_of, fold, matches, parse, snippet
from app.domain.validation import Invalid
from app.i18n import N_, _
from db.engine import Database

FTS = "archive_fts"
MARK_OPEN = "\x02"  # user text cannot hold control characters: the marks are unambiguous
MARK_CLOSE = "\x03"
ELLIPSIS = "…"
SNIPPET_WORDS = 18
WEIGHTS = "4.0, 1.0, 0.5"  # title, body, extra (topics, translations, hosts, article)
WHERE = ("visit", "programme", "report", "lesson")  # rowid % 4
# Where a hit's words are, as a user edits them: the visit's title, purpose or topics (the
# Overview), a programme item or its outcome note, the report's summary, results or
# contacts gained, or a lesson.
PLACES = (
    "title",
    "city",
    "purpose",
    "topics",
    "programme",
    "outcome",
    "summary",
    "results",
    "contacts",
    "lesson",
)
# Each place named by the tab that opens it and the field there ("Report: summary" opens
# the Report tab, not the Overview), translated when shown.
PLACE_LABELS = {
    "title": N_("Overview: title"),
    "city": N_("Overview: city"),
    "purpose": N_("Overview: purpose"),
    "topics": N_("Overview: topics"),
    "programme": N_("Programme"),
    "outcome": N_("Report: meeting outcome"),
    "summary": N_("Report: summary"),
    "results": N_("Report: results"),
    "contacts": N_("Report: contacts gained"),
    "lesson": N_("Report: lesson"),
}


@dataclass(frozen=True)
class Filters:
    """Narrow the search to visits of a country, a year, a topic or an institution met."""

    country: str | None = None
    year: int | None = None
    topic: str | None = None
    institution: int | str | None = None  # organisation id, or part of its name

    def __bool__(self) -> bool:
        return any(v is not None for v in (self.country, self.year, self.topic, self.institution))


@dataclass(frozen=True)
class Hit:
    """One place in one visit where the words were found.

    ``where`` is visit (purpose, topics), programme (an item: ``item_id``, ``item``), report
    (summary, results, contacts) or lesson. ``snippet`` holds the matched words between
    ``MARK_OPEN`` and ``MARK_CLOSE``; use ``marked()`` or ``html()`` to show it.

    ``row_id`` is the id of the row that holds the text (the visit, programme item, report or
    lesson) and ``place`` the field the words are in (one of ``PLACES``), so that opening a
    hit can show that very row and field.
    """

    visit_id: int
    code: str
    title: str
    start_date: dt.date
    country: str | None
    city: str | None
    where: str
    item_id: int | None
    item: str | None
    snippet: str
    row_id: int | None = None
    place: str | None = None

    def marked(self, open_: str = "**", close: str = "**") -> str:
        return self.snippet.replace(MARK_OPEN, open_).replace(MARK_CLOSE, close)

    def plain(self) -> str:
        return self.marked("", "")

    def html(self) -> str:
        """The snippet as HTML: user text escaped, hits in ``<b>`` (for a Qt label)."""
        return (
            escape(self.snippet, quote=False).replace(MARK_OPEN, "<b>").replace(MARK_CLOSE, "</b>")
        )


@dataclass(frozen=True)
class Facets:
    """What the archive's filters can offer: only values some live visit has."""

    countries: list[str]
    years: list[int]
    topics: list[str]
    institutions: list[tuple[int, str]]


# --------------------------------------------------------------------------- filters


def _visit_filter(session: Session, filters: Filters, params: dict[str, Any]) -> str | None:
    """SQL conditions on ``v`` for the filters; None when a filter can match nothing."""
    where = ["v.deleted_at IS NULL"]
    if filters.country:
        params["country"] = filters.country.strip().upper()
        where.append("v.country = :country")
    if filters.year is not None:
        params["y0"] = dt.date(int(filters.year), 1, 1).isoformat()
        params["y1"] = dt.date(int(filters.year), 12, 31).isoformat()
        where.append("v.start_date BETWEEN :y0 AND :y1")
    if filters.topic:
        wanted = fold(filters.topic.strip())
        topics = [t for t in _all_topics(session) if fold(t) == wanted]
        if not topics:
            return None
        names = []
        for i, topic in enumerate(topics):
            params[f"t{i}"] = topic
            names.append(f":t{i}")
        listed = ", ".join(names)
        where.append(
            f"(EXISTS (SELECT 1 FROM json_each(v.topics) AS j WHERE j.value IN ({listed})) "
            "OR EXISTS (SELECT 1 FROM report AS r JOIN lesson AS l ON l.report_id = r.id, "
            "json_each(l.topics) AS j WHERE r.visit_id = v.id AND r.deleted_at IS NULL "
            f"AND l.deleted_at IS NULL AND j.value IN ({listed})))"
        )
    if filters.institution is not None:
        ids = _institution_ids(session, filters.institution)
        if not ids:
            return None
        names = []
        for i, org_id in enumerate(ids):
            params[f"o{i}"] = org_id
            names.append(f":o{i}")
        orgs = ", ".join(names)
        where.append(
            f"(v.organiser_id IN ({orgs}) OR EXISTS (SELECT 1 FROM programme_item AS p "
            f"WHERE p.visit_id = v.id AND p.deleted_at IS NULL AND p.host_id IN ({orgs})))"
        )
    return " AND ".join(where)


def _institution_ids(session: Session, institution: int | str) -> list[int]:
    if isinstance(institution, int):
        return [institution]
    terms = parse(institution)
    if not terms:
        return []
    rows = session.execute(
        text("SELECT id, name, name_original, name_en FROM organisation WHERE deleted_at IS NULL")
    )
    return [r[0] for r in rows if any(n and all(matches(t, fold(n)) for t in terms) for n in r[1:])]


def _all_topics(session: Session) -> list[str]:
    if session.get_bind().dialect.name != "sqlite":
        from sqlalchemy import select

        from app.services.archive_scan import _strings
        from db.models import Lesson, Report, Visit

        found = {t for (value,) in session.execute(select(Visit.topics)) for t in _strings(value)}
        found |= {
            t
            for (value,) in session.execute(
                select(Lesson.topics)
                .join(Report, Report.id == Lesson.report_id)
                .join(Visit, Visit.id == Report.visit_id)
            )
            for t in _strings(value)
        }
        return sorted(found)
    rows = session.execute(
        text(
            "SELECT j.value FROM visit AS v, json_each(v.topics) AS j "
            "WHERE v.deleted_at IS NULL AND j.type = 'text' "
            "UNION SELECT j.value FROM lesson AS l JOIN report AS r ON r.id = l.report_id "
            "JOIN visit AS v ON v.id = r.visit_id, json_each(l.topics) AS j "
            "WHERE l.deleted_at IS NULL AND r.deleted_at IS NULL AND v.deleted_at IS NULL "
            "AND j.type = 'text'"
        )
    )
    return [r[0] for r in rows]


# --------------------------------------------------------------------------- search

# Ranking every match with BM25 costs 2–4 µs a text: fine for a specific word, 180–400 ms
# for a word in most texts of a 10,000-visit archive ("pašvaldību" is in 92,789 of 150,000
# in bench/archive.py). Such a word says little about relevance anyway, so past RANK_CAP
# matches only the most recently recorded ones are ranked (rowids grow with each new row).
# The cut is found by walking the match list newest first (with the filters), which FTS5
# does without ranking.
RANK_CAP = 300
# A filter that keeps at most this many visits is given to FTS5 as their tokens (each text
# ends with "zzv<visit id>", migration 0003) instead of checking the visit of every match.
FEW_VISITS = 300
VISIT_TOKEN = "zzv"
_TOKEN_TEXT = re.compile(r"\s*\bzzv\d+\s*$")

# The RANK_CAP-th newest match that passes the filters; None when there are fewer.
_CUT = f"""
SELECT f.rowid
  FROM {FTS} AS f
  JOIN visit AS v ON v.id = f.visit_id
 WHERE {FTS} MATCH :q AND {{visit_filter}}
 ORDER BY f.rowid DESC
 LIMIT 1 OFFSET :cap
"""

_RANKED = f"""
SELECT f.rowid, f.visit_id, f.item_id
  FROM {FTS} AS f
  JOIN visit AS v ON v.id = f.visit_id
 WHERE {FTS} MATCH :q AND {{visit_filter}} {{extra}}
 ORDER BY bm25({FTS}, {WEIGHTS})
 LIMIT :limit
"""


def search(
    db: Database, query: str, filters: Filters | None = None, *, limit: int = 50
) -> list[Hit]:
    """Hits for ``query`` (best first), narrowed by ``filters``.

    An empty query with filters lists the visits that pass them, newest first. A query
    with no searchable word (only punctuation) is refused.
    """
    filters = filters or Filters()
    terms = parse(query)
    if not terms and not filters:
        raise Invalid(_("Type a word to search for."))
    if db.engine.dialect.name != "sqlite":
        from app.services.archive_scan import scan

        return scan(db, terms, filters, limit=limit)
    with db.read() as session:
        params: dict[str, Any] = {"limit": limit}
        visit_filter = _visit_filter(session, filters, params)
        if visit_filter is None:
            return []
        if not terms:
            return _browse(session, visit_filter, params)
        params["q"] = all_of(terms)
        if filters:
            allowed = [
                r[0]
                for r in session.execute(
                    text(f"SELECT v.id FROM visit AS v WHERE {visit_filter}"), params
                )
            ]
            if not allowed:
                return []
            if len(allowed) <= FEW_VISITS:
                # Only these visits' texts: their tokens (migration 0003) narrow the match.
                tokens = " OR ".join(f'"{VISIT_TOKEN}{i}"' for i in allowed)
                params["q"] = f"({params['q']}) AND extra : ({tokens})"
        extra = ""
        cut = session.execute(
            text(_CUT.format(visit_filter=visit_filter)), {**params, "cap": RANK_CAP}
        ).scalar()
        if cut is not None:
            params["cut"] = cut
            extra = "AND f.rowid > :cut"
        sql = _RANKED.format(visit_filter=visit_filter, extra=extra)
        found = [tuple(r) for r in session.execute(text(sql), params)]
        if len(terms) > 1 and len(found) < limit:
            found += _spread(session, terms, visit_filter, params, found, limit)
        return _hits(session, found, terms)


def _spread(
    session: Session,
    terms: list[Any],
    visit_filter: str,
    params: dict[str, Any],
    found: list[tuple[Any, ...]],
    limit: int,
) -> list[tuple[Any, ...]]:
    """Visits holding every term across several of their texts: up to 3 texts of each."""
    every = " INTERSECT ".join(
        f"SELECT visit_id FROM {FTS} WHERE {FTS} MATCH :s{i}" for i in range(len(terms))
    )
    local = {k: v for k, v in params.items() if k != "cut"}
    for i, term in enumerate(terms):
        local[f"s{i}"] = term.fts()
    local["q"] = any_of(terms)
    local["limit"] = limit * 3
    sql = _RANKED.format(visit_filter=visit_filter, extra=f"AND f.visit_id IN ({every})")
    seen = {row[0] for row in found}
    per_visit: dict[int, int] = {}
    out: list[tuple[Any, ...]] = []
    for row in session.execute(text(sql), local):
        if row[0] in seen or per_visit.get(row[1], 0) >= 3:
            continue
        seen.add(row[0])
        per_visit[row[1]] = per_visit.get(row[1], 0) + 1
        out.append(tuple(row))
        if len(found) + len(out) >= limit:
            break
    return out


def _hits(session: Session, found: list[tuple[Any, ...]], terms: list[Any]) -> list[Hit]:
    """The ranked texts as hits: their visit, item and a snippet, in the ranked order.

    Three small look-ups by key rather than one join: joined, SQLite may walk the whole
    FTS table for the rowids (80 ms on 150,000 texts instead of 1 ms).
    """
    if not found:
        return []

    def listed(prefix: str, values: list[Any]) -> tuple[str, dict[str, Any]]:
        return (
            ", ".join(f":{prefix}{i}" for i in range(len(values))),
            {f"{prefix}{i}": value for i, value in enumerate(values)},
        )

    names, values = listed("r", [row[0] for row in found])
    texts = {
        r[0]: r[1:]
        for r in session.execute(
            text(f"SELECT rowid, title, body, extra FROM {FTS} WHERE rowid IN ({names})"), values
        )
    }
    names, values = listed("v", sorted({row[1] for row in found}))
    visits = {
        r[0]: r
        for r in session.execute(
            text(
                "SELECT id, code, title, start_date, country, city, purpose FROM visit "
                f"WHERE id IN ({names})"
            ),
            values,
        )
    }
    item_ids = sorted({row[2] for row in found if row[2] is not None})
    items: dict[int, tuple[str, str | None, str | None]] = {}
    if item_ids:
        names, values = listed("i", item_ids)
        items = {
            r[0]: (r[1], r[2], r[3])
            for r in session.execute(
                text(
                    "SELECT id, title, description, outcome FROM programme_item "
                    f"WHERE id IN ({names})"
                ),
                values,
            )
        }
    report_ids = sorted({row[0] // 4 for row in found if row[0] % 4 == 2})
    summaries: dict[int, str | None] = {}
    if report_ids:
        names, values = listed("p", report_ids)
        summaries = {
            r[0]: r[1]
            for r in session.execute(
                text(f"SELECT id, summary FROM report WHERE id IN ({names})"), values
            )
        }
    hits = []
    for rowid, visit_id, item_id in found:
        body, visit = texts.get(rowid), visits.get(visit_id)
        if body is None or visit is None:
            continue
        item = items.get(item_id) if item_id is not None else None
        columns = [body[0] or "", body[1] or "", _TOKEN_TEXT.sub("", body[2] or "")]
        kind, row_id = rowid % 4, rowid // 4
        parts: list[tuple[str, str | None]] = [  # what each kind's texts are made of
            [
                ("title", columns[0]),
                ("purpose", visit[6]),
                ("topics", columns[1]),
                ("city", visit[5]),  # a hit on "Bergena" was named "Overview: title"
                ("title", columns[2]),
            ],
            [
                ("programme", columns[0]),
                ("programme", item[1] if item else columns[1]),
                ("outcome", item[2] if item else None),
                ("programme", columns[2]),
            ],
            [("summary", summaries.get(row_id)), ("results", columns[1]), ("contacts", columns[2])],
            [("lesson", columns[1]), ("lesson", columns[2])],
        ][kind]
        hits.append(
            Hit(
                visit_id=visit_id,
                code=visit[1],
                title=visit[2],
                start_date=_date(visit[3]),
                country=visit[4],
                city=visit[5],
                where=WHERE[kind],
                item_id=item_id,
                item=item[0] if item else None,
                snippet=snippet(
                    columns,
                    terms,
                    size=SNIPPET_WORDS,
                    open_=MARK_OPEN,
                    close=MARK_CLOSE,
                    ellipsis=ELLIPSIS,
                ),
                row_id=row_id,
                place=_place(parts, terms),
            )
        )
    return hits


def _place(parts: list[tuple[str, str | None]], terms: list[Any]) -> str:
    """The place whose text holds the most of the terms (the first of equals)."""
    best, best_count = parts[0][0], -1
    for place, value in parts:
        folded = fold(value or "")
        count = sum(1 for term in terms if matches(term, folded))
        if count > best_count:
            best, best_count = place, count
    return best


def _browse(session: Session, visit_filter: str, params: dict[str, Any]) -> list[Hit]:
    sql = (
        f"SELECT v.id, v.code, v.title, v.start_date, v.country, v.city, v.purpose "
        f"FROM visit AS v WHERE {visit_filter} ORDER BY v.start_date DESC, v.code "
        f"LIMIT :limit"
    )
    return [
        Hit(
            visit_id=r[0],
            code=r[1],
            title=r[2],
            start_date=_date(r[3]),
            country=r[4],
            city=r[5],
            where="visit",
            item_id=None,
            item=None,
            snippet=snippet([r[6] or ""], [], size=SNIPPET_WORDS, ellipsis=ELLIPSIS),
            row_id=r[0],
            place="purpose",
        )
        for r in session.execute(text(sql), params)
    ]


def _date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


def by_visit(hits: list[Hit]) -> list[tuple[Hit, list[Hit]]]:
    """Hits grouped by visit, visits in the order of their best hit: (first hit, all hits).

    The archive's list answers "which visits have seen this?": one row per visit, its
    places underneath.
    """
    groups: dict[int, list[Hit]] = {}
    for hit in hits:
        groups.setdefault(hit.visit_id, []).append(hit)
    return [(found[0], found) for found in groups.values()]


# --------------------------------------------------------------------------- facets, upkeep


def facets(db: Database) -> Facets:
    """Countries, years, topics and host institutions of the live visits, for the filters."""
    with db.read() as session:
        live = "FROM visit AS v WHERE v.deleted_at IS NULL"
        countries = [
            r[0]
            for r in session.execute(
                text(f"SELECT DISTINCT v.country {live} AND v.country IS NOT NULL ORDER BY 1")
            )
        ]
        years = sorted(
            {
                int(r[0][:4]) if isinstance(r[0], str) else r[0].year
                for r in session.execute(text(f"SELECT v.start_date {live}"))
            },
            reverse=True,
        )
        topics = sorted(set(_all_topics(session)), key=lambda t: (fold(t), t))
        institutions = [
            (r[0], r[1])
            for r in session.execute(
                text(
                    "SELECT DISTINCT o.id, o.name FROM organisation AS o "
                    "JOIN programme_item AS p ON p.host_id = o.id JOIN visit AS v ON v.id = p.visit_id "
                    "WHERE o.deleted_at IS NULL AND p.deleted_at IS NULL AND v.deleted_at IS NULL"
                )
            )
        ]
        institutions.sort(key=lambda r: (fold(r[1]), r[1]))
    return Facets(countries, years, topics, institutions)


_SOURCES = (
    ("visit", "title", "id"),
    ("programme_item", "title", "visit_id"),
    ("report", "summary", "visit_id"),
)


def reindex_visit(session: Session, visit_id: int) -> None:
    """Index one visit's texts again, in the caller's transaction.

    A rewrite of each row to itself fires the index triggers, so the index is built by the
    same SQL as on every edit. Nothing to do on PostgreSQL (no index).
    """
    if session.get_bind().dialect.name != "sqlite":
        return
    for table, column, owner in _SOURCES:
        session.execute(
            text(f"UPDATE {table} SET {column} = {column} WHERE {owner} = :v"), {"v": visit_id}
        )
    session.execute(
        text(
            "UPDATE lesson SET text = text WHERE report_id IN "
            "(SELECT id FROM report WHERE visit_id = :v)"
        ),
        {"v": visit_id},
    )


def rebuild_index(db: Database) -> int:
    """Empty the index and build it again from every row; returns the number of texts."""
    if db.engine.dialect.name != "sqlite":
        return 0
    with db.write() as session:
        session.execute(text(f"DELETE FROM {FTS}"))
        for table, column, _owner in _SOURCES:
            session.execute(text(f"UPDATE {table} SET {column} = {column}"))
        session.execute(text("UPDATE lesson SET text = text"))
        session.execute(text(f"INSERT INTO {FTS} ({FTS}) VALUES ('optimize')"))
        return int(session.execute(text(f"SELECT count(*) FROM {FTS}")).scalar_one())


def optimize_index(db: Database) -> None:
    """Merge the index's segments into one (FTS5 'optimize'). 1.3–2.5 s on the 10,000-visit
    bench database, 20 ms on the demo visits; nothing to do on an index already in one."""
    if db.engine.dialect.name != "sqlite":
        return
    with db.write() as session:
        session.execute(text(f"INSERT INTO {FTS} ({FTS}) VALUES ('optimize')"))


# FTS5 writes what each transaction adds as new segments (one visit-file import leaves about
# 16 small ones: its rows' rowids do not rise in order) and merges them as they pile up; a
# search reads every segment. Measured on the 10,000-visit bench database (CPU time, median
# of 40): the 16 segments a bulk load leaves cost 5–10 % over one (three common words 23.7
# against 21.4 ms, far under the 50 ms target either way), while merging them costs 1.3–2.5
# s. So the index is merged only when more than this share of it lies outside its largest
# segment: after much was written since the last merge, so the cost is paid rarely and in
# proportion to what was written, and a single import into a large archive never waits.
SPREAD_LIMIT = 0.5


def index_segments(db: Database) -> list[int]:
    """The index's segments, largest first, each as its number of leaf pages (near enough:
    the entries of FTS5's page index ``archive_fts_idx``; a few ms on 10,000 visits).
    Empty on PostgreSQL."""
    if db.engine.dialect.name != "sqlite":
        return []
    with db.read() as session:
        return [
            int(r[0])
            for r in session.execute(
                text(f"SELECT count(*) FROM {FTS}_idx GROUP BY segid ORDER BY 1 DESC")
            )
        ]


def optimize_if_spread(db: Database) -> bool:
    """Optimize the index when more than ``SPREAD_LIMIT`` of it lies outside its largest
    segment (after an import, the demo, an upgrade); whether it did. Cheap when not due."""
    segments = index_segments(db)
    if len(segments) < 2 or sum(segments[1:]) <= SPREAD_LIMIT * sum(segments):
        return False
    optimize_index(db)
    return True
