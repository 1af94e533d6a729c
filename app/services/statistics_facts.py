"""The facts the statistics are worked out from: one small row per live visit that is not
cancelled (issue 18), read in one read transaction and kept.

``app.services.statistics`` works the figures out of them; its docstring says the rules
(who takes part, what a visit costs). Reading every visit's rows is most of the section's
time on a large database (10,000 visits bring some 350,000 rows): plain Core queries fetched
as driver tuples, grouped in SQL where counts are enough. So what each visit's rows gave is
kept — in memory and in a cache file (``statistics_cache``) — with the visit's change stamp
(``db.change_stamps``), and after a commit, or in a freshly started program, only the
visits whose stamps moved are read again; the visits' own rows (dates, titles, topics,
project) and the organisations' names are read afresh each time. No Qt here.
"""

from __future__ import annotations

import datetime as dt
import json
import weakref
from collections import Counter, defaultdict
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from itertools import groupby, repeat
from operator import itemgetter
from typing import Any, NamedTuple

from sqlalchemy import String, cast, func, null, select, true

from app.domain.budget_totals import split
from app.domain.money import MissingRate, from_minor, in_base
from app.domain.rates import ONE, PLAN, RateBook, RateUsed
from db.engine import Database
from db.models import (
    BudgetLine,
    ExchangeRate,
    FollowUp,
    FundingSource,
    Organisation,
    Participation,
    Person,
    ProgrammeItem,
    Project,
    Report,
    Visit,
)

EUR = "EUR"
NOT_TAKING_PART = ("declined", "cancelled")
ZERO = Decimal("0.00")


@dataclass(frozen=True)
class VisitFacts:
    """What the figures need of one visit (cost in EUR, ``None`` when not known)."""

    id: int
    code: str
    title: str
    start: dt.date
    end: dt.date
    country: str | None
    project: str | None
    people: int
    by_organisation: tuple[tuple[int | None, int], ...]  # (organisation id, people)
    cost: Decimal | None
    grant: Decimal | None
    hosts: tuple[int, ...]
    topics: tuple[str, ...]
    follow_ups: tuple[tuple[str, int], ...]  # (status, count)
    year: int = 0  # the start's year, kept as a field: the figures read it 200,000 times

    def __post_init__(self) -> None:
        object.__setattr__(self, "year", self.start.year)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @cached_property
    def topic_keys(self) -> tuple[tuple[str, str], ...]:
        """Each topic once as (case folded, as written; the last spelling of a fold): the
        figures count topics case-insensitively. Worked out once per VisitFacts, which a
        reload keeps while the visit's row is unchanged."""
        return tuple({t.casefold(): t for t in self.topics}.items())


@dataclass
class Facts:
    """Every live, not cancelled visit's facts, and the names the figures show."""

    visits: list[VisitFacts]
    organisations: dict[int, str] = field(default_factory=dict)
    # visits left out of the cost figures because a line's currency has no rate to EUR
    unconverted: tuple[int, ...] = ()
    version: str = ""  # the database's data version they were read at
    read_again: int = 0  # visits whose rows were read this time (the others were kept)


def _eur_book(
    base: str, rows: list[tuple[str, str, Decimal, dt.date | None]], rule: str | None, fixed: Any
) -> RateBook | None:
    """The visit's rate book counting in EUR: its plan and dated rates under its project's
    rule (``RateBook.build``, as its budget builds it), re-based on EUR when the visit
    counts in another currency (as the project report does); ``None`` when such a visit
    has no EUR rate."""
    book = RateBook.build(
        base,
        ((cur, per_base, day) for kind, cur, per_base, day in rows if kind == PLAN),
        (
            (kind, cur, day, per_base)
            for kind, cur, per_base, day in rows
            if kind != PLAN and day is not None
        ),
        rule=rule,
        fixed_per_euro=_fixed_rates(fixed),
    )
    return book.rebased(EUR)


def _fixed_rates(stored: Any) -> dict[str, Decimal] | None:
    return {str(c): Decimal(str(v)) for c, v in stored.items()} if stored else None


def _line_cost(
    book: RateBook,
    plan_rates: dict[str, RateUsed | None],
    quantity: Any,
    unit_price: Any,
    currency: str,
    paid_minor: int | None,
    paid_currency: str | None,
    paid_date: Any,
) -> Decimal:
    """The line in EUR: its paid amount when one is recorded (at the rate its project's
    rule gives for the payment's date), else its planned amount (at the plan's rate),
    each converted and rounded by ``in_base`` exactly as the budget's lines are
    (``app.domain.budget_totals.convert``); amounts as the driver gives them.
    ``plan_rates`` keeps the visit's plan rates once looked up (80,000 lines).
    ``MissingRate`` for a currency without a rate."""
    if paid_minor is not None:
        amount = from_minor(paid_minor)
        paid_in = paid_currency or currency
        if paid_in == book.base:  # the book's own currency: 1, whatever the date
            return in_base(amount, ONE)
        used = book.actual(paid_in, _day(paid_date))
        if used is None:
            raise MissingRate(paid_in)
        return in_base(amount, used.per_base)
    if currency in plan_rates:
        rate = plan_rates[currency]
    else:
        rate = plan_rates[currency] = book.planned(currency)
    if rate is None:
        raise MissingRate(currency)
    return in_base(Decimal(quantity) * Decimal(unit_price), rate.per_base)


def _grant_part(
    amount: Decimal, source: int | None, shares: Any, grants: AbstractSet[int]
) -> Decimal:
    """What of a line's amount falls on grant sources: the whole line when its source is
    a grant, or for a line shared between sources the grants' parts, split to the cent
    as the budget splits it (``budget_totals.split``)."""
    if not shares:
        return amount if source in grants else ZERO
    pairs = tuple(
        (str(item.get("source")), Decimal(str(item.get("percent", "0")))) for item in shares
    )
    return sum(
        (
            part
            for (key, _pct), part in zip(pairs, split(amount, pairs), strict=True)
            if key.isdigit() and int(key) in grants
        ),
        ZERO,
    )


def _raw(connection: Any, stmt: Any) -> list[Any]:
    """Plain DBAPI tuples for a big read: building SQLAlchemy rows for 100,000 participants
    or programme items cost more than the query. Only constants are bound (literally)."""
    sql = str(stmt.compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True}))
    cursor = connection.connection.cursor()
    try:
        cursor.execute(sql)
        return list(cursor.fetchall())
    finally:
        cursor.close()


def _day(value: Any) -> dt.date | None:
    """A date as the driver gives it: SQLite's ISO text, PostgreSQL's date."""
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)


def _json(value: Any) -> Any:
    """A JSON column as the driver gives it: SQLite's text, PostgreSQL's parsed value."""
    return json.loads(value) if isinstance(value, str) else value


@contextmanager
def _snapshot(db: Database) -> Iterator[Any]:
    """One read transaction for every query, so the figures describe one moment: SQLite's
    deferred read (it takes no write lock: the load takes a second, and a writer must not
    wait for it) and PostgreSQL's repeatable read."""
    if db.engine.dialect.name == "sqlite":
        engine = db.engine.execution_options(sqlite_begin="DEFERRED")
    else:
        engine = db.engine.execution_options(isolation_level="REPEATABLE READ")
    with engine.connect() as c, c.begin():
        yield c


# The facts last loaded for each open database, kept while its data version holds.
_KEPT: weakref.WeakKeyDictionary[Database, Facts] = weakref.WeakKeyDictionary()


def kept_facts(db: Database) -> Facts | None:
    """The facts last loaded, when nothing was committed since (``None``: load them)."""
    facts = _KEPT.get(db)
    if facts is None or facts.version != db.data_version():
        return None
    return facts


def facts_of(db: Database) -> Facts:
    """The kept facts while they hold, else loaded again (and kept)."""
    return kept_facts(db) or load_facts(db)


class Worked(NamedTuple):
    """What one visit's rows gave (people, cost, hosts, follow-ups), kept with the change
    stamp they were read at (``db.change_stamps``) and what else they depend on."""

    stamp: int | None
    terms: str  # the base currency, rate rule and fixed rates the cost was converted under
    people: int
    by_organisation: tuple[tuple[int | None, int], ...]
    cost: Decimal | None
    grant: Decimal | None
    unconverted: bool  # has lines, but a currency without a rate to EUR
    hosts: tuple[int, ...]
    follow_ups: tuple[tuple[str, int], ...]
    sources: tuple[int, ...]  # the funding sources its lines name: whose grant flags count


@dataclass
class Kept:
    """Each visit's ``Worked`` rows as last read, under one schema revision and program
    (``mark``) and the set of grant sources they were read with."""

    mark: str
    grants: frozenset[int]
    worked: dict[int, Worked]


# Per open database: what was worked out of each visit, kept across commits.
_WORKED: weakref.WeakKeyDictionary[Database, Kept] = weakref.WeakKeyDictionary()
# Per open database: kept facts not yet written to the cache file.
_UNFILED: weakref.WeakKeyDictionary[Database, Kept] = weakref.WeakKeyDictionary()
# Per open database: each visit's row as last read, its worked facts and its VisitFacts.
_SHOWN: weakref.WeakKeyDictionary[Database, dict[int, tuple[Any, Worked, VisitFacts]]] = (
    weakref.WeakKeyDictionary()
)
# Above this share of the visits to read again, one read of everything is quicker.
WHOLE_READ_SHARE = 0.3


def load_facts(db: Database, *, afresh: bool = False, file_now: bool = True) -> Facts:
    """One row of facts per live visit that is not cancelled, and the data version they
    were read at (``Database.data_version``).

    Each visit's people, cost, hosts and follow-ups are read again only when its change
    stamp moved since they were last worked out (``db.change_stamps``), or the grant flags
    of a funding source its lines name, or its currency and rate terms; kept in memory and
    in a cache file (``statistics_cache``), so a fresh program reads only what changed.
    Nothing kept is used where the stamps cannot vouch for it (their triggers missing, an
    other schema revision or program). ``afresh``: work every visit out again and keep
    nothing (a check). ``file_now=False``: leave writing the cache file to ``file_kept``
    (the window writes it after the figures are shown: some 0.05-0.1 s on 10,000 visits).

    Plain Core queries read as driver tuples, grouped in SQL where the figures need only
    counts (no ORM objects, no SQLAlchemy rows: 10,000 visits bring some 350,000 rows of
    participants, budget lines and programme items, and loading them as objects took
    seconds); soft-deleted rows are left out by each query itself.
    """
    from app.services import statistics_cache

    with _snapshot(db) as c:
        version = db.data_version(c)
        stamped = _stamped(c)
        rows = _visit_rows(c, stamped)
        o, fs = Organisation.__table__, FundingSource.__table__
        organisations = dict(_raw(c, select(o.c.id, o.c.name)))
        grants = frozenset(
            row[0]
            for row in _raw(
                c, select(fs.c.id).where(fs.c.deleted_at.is_(None), fs.c.is_grant.is_(True))
            )
        )
        mark = statistics_cache.mark(_revision(c)) if stamped else ""
        kept = None
        if stamped and not afresh:
            kept = _WORKED.get(db)
            if kept is None or kept.mark != mark:
                kept = statistics_cache.read(db, mark)
        terms = {row[0]: _terms(row) for row in rows}
        worked: dict[int, Worked] = {}
        if kept is not None:
            moved = kept.grants ^ grants
            for row in rows:
                old = kept.worked.get(row[0])
                if (
                    old is not None
                    and old.stamp == row[-1]
                    and old.terms == terms[row[0]]
                    and not (moved and moved.intersection(old.sources))
                ):
                    worked[row[0]] = old
        todo = [row for row in rows if row[0] not in worked]
        if todo:
            whole = len(todo) > WHOLE_READ_SHARE * len(rows)
            worked.update(_work_out(c, todo, grants, terms, whole=whole))
    visits: list[VisitFacts] = []
    unconverted: list[int] = []
    # a visit whose row and worked facts are those of the last load keeps its VisitFacts
    # (parsing 10,000 dates and topic lists again was a third of a reload's time)
    before = {} if afresh else _SHOWN.get(db) or {}
    new = [
        row
        for row in rows
        if (last := before.get(row[0])) is None or last[1] is not worked[row[0]] or last[0] != row
    ]
    made = {
        row[0]: _visit_facts(row, worked[row[0]], topics)
        for row, topics in zip(new, _topic_lists([row[7] for row in new]), strict=True)
    }
    shown: dict[int, tuple[Any, Worked, VisitFacts]] = {}
    for row in rows:
        vid = row[0]
        done = worked[vid]
        if done.unconverted:
            unconverted.append(vid)
        visit = made[vid] if vid in made else before[vid][2]
        visits.append(visit)
        shown[vid] = (row, done, visit)
    if not afresh:
        _SHOWN[db] = shown
    visits.sort(key=lambda f: (f.start, f.code))
    facts = Facts(visits, organisations, tuple(sorted(unconverted)), version, len(todo))
    if afresh:  # a check: what is kept stays as it was
        return facts
    _KEPT[db] = facts
    if stamped:
        held = Kept(mark, grants, {k: w for k, w in worked.items() if w.stamp is not None})
        _WORKED[db] = held
        if todo or kept is None:
            _UNFILED[db] = held
            if file_now:
                file_kept(db)
    return facts


def file_kept(db: Database) -> None:
    """Write what was last worked out of ``db``'s visits to its cache file, if not yet
    written (``load_facts(file_now=False)``); safe in a worker thread."""
    from app.services import statistics_cache

    held = _UNFILED.pop(db, None)
    if held is not None:
        statistics_cache.write(db, held)


def _visit_facts(row: Any, done: Worked, topics: Any) -> VisitFacts:
    """A visit's facts from its row, its worked facts and its topics (parsed)."""
    vid, code, title, start, end, country, project = row[:7]
    first, last = _day(start), _day(end)
    assert first is not None and last is not None  # the columns are NOT NULL
    return VisitFacts(
        vid,
        code,
        title,
        first,
        last,
        (country or "").upper() or None,
        project,
        done.people,
        done.by_organisation,
        done.cost,
        done.grant,
        done.hosts,
        tuple(t.strip() for t in topics or () if isinstance(t, str) and t.strip()),
        done.follow_ups,
    )


def _stamped(c: Any) -> bool:
    """Whether the visits' change stamps can be trusted here (``db.change_stamps``)."""
    from db.change_stamps import stamps_hold

    return stamps_hold(c)


def _revision(c: Any) -> str:
    return str(c.exec_driver_sql("SELECT version_num FROM alembic_version").scalar())


def _terms(row: Any) -> str:
    """What a visit's cost in EUR depends on besides its own rows: its base currency, its
    project's rate rule and fixed rates (as the driver gives them)."""
    base, rule, fixed = row[8], row[9], row[10]
    if fixed is not None and not isinstance(fixed, str):  # PostgreSQL gives it parsed
        fixed = json.dumps(fixed, sort_keys=True)
    return f"{base or EUR}\x1f{rule}\x1f{fixed}"


def _topic_lists(stored: list[Any]) -> list[Any]:
    """The visits' topic lists as stored: SQLite's JSON texts parsed in one go (one parse of
    10,000 short texts took a tenth of a start's loading), PostgreSQL's as they come."""
    if stored and all(isinstance(text, str) or text is None for text in stored):
        try:
            parsed = json.loads("[" + ",".join(text or "null" for text in stored) + "]")
        except ValueError:
            parsed = None
        if isinstance(parsed, list) and len(parsed) == len(stored):
            return parsed
    return [_json(text) for text in stored]


def _visit_rows(c: Any, stamped: bool) -> list[Any]:
    """Every live visit that is not cancelled: id, code, title, start, end, country,
    project code, topics, base currency, rate rule, fixed rates, change stamp."""
    from db.change_stamps import visit_stamp

    v, pr, vs = Visit.__table__, Project.__table__, visit_stamp
    joined = v.outerjoin(pr, (pr.c.id == v.c.project_id) & pr.c.deleted_at.is_(None))
    if stamped:
        joined = joined.outerjoin(vs, vs.c.visit_id == v.c.id)
    return _raw(
        c,
        select(
            v.c.id,
            v.c.code,
            v.c.title,
            v.c.start_date,
            v.c.end_date,
            v.c.country,
            pr.c.code,
            v.c.topics,
            v.c.base_currency,
            pr.c.rate_rule,
            pr.c.fixed_rates,
            vs.c.stamp if stamped else null(),
        )
        .select_from(joined)
        .where(v.c.deleted_at.is_(None), v.c.status != "cancelled")
        # the facts' order, so that sorting them again in Python is one quick pass
        .order_by(v.c.start_date, v.c.code),
    )


def _work_out(
    c: Any, rows: list[Any], grants: frozenset[int], terms: dict[int, str], *, whole: bool
) -> dict[int, Worked]:
    """Each visit's ``Worked`` from its rows: ``rows`` as ``_visit_rows`` gives them;
    ``whole``: read every visit's rows (quicker than naming thousands of them)."""
    ids = [row[0] for row in rows]

    def only(column: Any) -> Any:
        return true() if whole else column.in_(ids)

    pa, pe = Participation.__table__, Person.__table__
    # who takes part, counted by sending organisation in Python: a person's
    # organisation is one dictionary step, cheaper than SQL's join and grouping
    persons = select(pe.c.id, pe.c.organisation_id).where(pe.c.deleted_at.is_(None))
    if not whole:
        persons = persons.where(
            pe.c.id.in_(select(pa.c.person_id).where(pa.c.visit_id.in_(ids)).scalar_subquery())
        )
    organisation_of = dict(_raw(c, persons))
    people: dict[int, Counter[int | None]] = {}
    gone = object()  # a deleted person: not counted
    for visit_id, rows_of_visit in groupby(
        _raw(
            c,
            select(pa.c.visit_id, pa.c.person_id)
            .where(
                only(pa.c.visit_id),
                pa.c.deleted_at.is_(None),
                pa.c.status.not_in(NOT_TAKING_PART),
            )
            # each visit's rows in one order, however they are scanned (a whole read and
            # a read of a few visits): its organisations are counted in that order
            .order_by(pa.c.visit_id, pa.c.id),
        ),
        key=itemgetter(0),
    ):
        counted = Counter(map(organisation_of.get, map(itemgetter(1), rows_of_visit), repeat(gone)))
        counted.pop(gone, None)  # type: ignore[call-overload]
        if counted:
            people[visit_id] = counted
    er = ExchangeRate.__table__
    rates: dict[int, list[tuple[str, str, Decimal, dt.date | None]]] = defaultdict(list)
    for visit_id, kind, currency, per_base, day in _raw(
        c,
        select(er.c.visit_id, er.c.kind, er.c.currency, er.c.per_base, er.c.date).where(
            only(er.c.visit_id), er.c.deleted_at.is_(None)
        ),
    ):
        rates[visit_id].append((kind, currency, Decimal(per_base), _day(day)))
    bl = BudgetLine.__table__
    lines: dict[int, list[Any]] = defaultdict(list)
    # quantity and unit price as their stored text: Decimal() is made once, here
    for line in _raw(
        c,
        select(
            bl.c.visit_id,
            bl.c.funding_source_id,
            bl.c.quantity,
            bl.c.unit_price,
            bl.c.currency,
            bl.c.actual_minor,
            bl.c.actual_currency,
            bl.c.actual_date,
            bl.c.shares,
        ).where(only(bl.c.visit_id), bl.c.deleted_at.is_(None)),
    ):
        lines[line[0]].append(line)
    pi = ProgrammeItem.__table__
    # each visit's hosts as one "3,17,17" text: a tenth of the rows to fetch
    hosts = {
        visit_id: tuple(sorted({int(h) for h in joined.split(",")}))
        for visit_id, joined in _raw(
            c,
            select(pi.c.visit_id, func.aggregate_strings(cast(pi.c.host_id, String), ","))
            .where(only(pi.c.visit_id), pi.c.deleted_at.is_(None), pi.c.host_id.is_not(None))
            .group_by(pi.c.visit_id),
        )
    }
    rp, fu = Report.__table__, FollowUp.__table__
    follow: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for visit_id, status, count in _raw(
        c,
        select(rp.c.visit_id, fu.c.status, func.count())
        .select_from(rp.join(fu, fu.c.report_id == rp.c.id))
        .where(only(rp.c.visit_id), rp.c.deleted_at.is_(None), fu.c.deleted_at.is_(None))
        .group_by(rp.c.visit_id, fu.c.status)
        .order_by(rp.c.visit_id, fu.c.status),
    ):
        follow[visit_id].append((status, count))
    out: dict[int, Worked] = {}
    books: dict[Any, RateBook | None] = {}  # visits with the same rates share their book
    for row in rows:
        vid, base, rule, fixed, stamp = row[0], row[8], row[9], row[10], row[-1]
        cost, grant = None, None
        sources: tuple[int, ...] = ()
        mine = lines.get(vid)
        if mine:
            key = (base or EUR, tuple(rates.get(vid, ())), rule, str(fixed))
            if key not in books:
                books[key] = _eur_book(base or EUR, rates.get(vid, []), rule, _json(fixed))
            cost, grant, sources = _visit_cost(mine, books[key], grants)
        counted = people.get(vid) or Counter()
        out[vid] = Worked(
            stamp,
            terms[vid],
            sum(counted.values()),
            tuple(counted.items()),
            cost,
            grant,
            bool(mine) and cost is None,
            hosts.get(vid, ()),
            tuple(follow.get(vid, ())),
            sources,
        )
    return out


def _visit_cost(
    lines: list[Any], book: RateBook | None, grants: AbstractSet[int]
) -> tuple[Decimal | None, Decimal | None, tuple[int, ...]]:
    """A visit's cost and grant part in EUR from its lines as the driver gives them and
    its book (``_eur_book``), and the funding sources its lines name, alone or in their
    shares (whose grant flags the grant part depends on); ``(None, None, ())`` when a
    currency has no rate to EUR (then no flag matters)."""
    if book is None:
        return None, None, ()
    cost = grant = ZERO
    named: set[int] = set()
    plan_rates: dict[str, RateUsed | None] = {}
    try:
        for (
            _vid,
            source,
            quantity,
            price,
            currency,
            paid,
            paid_currency,
            paid_date,
            shares,
        ) in lines:
            amount = _line_cost(
                book, plan_rates, quantity, price, currency, paid, paid_currency, paid_date
            )
            cost += amount
            if source is not None:
                named.add(source)
            if shares is None:
                if source in grants:
                    grant += amount
            else:
                parsed = _json(shares)
                grant += _grant_part(amount, source, parsed, grants)
                for item in parsed or ():
                    key = str(item.get("source")) if isinstance(item, dict) else ""
                    if key.isdigit():
                        named.add(int(key))
    except MissingRate:
        return None, None, ()
    return cost, grant, tuple(sorted(named))
