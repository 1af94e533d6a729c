"""The facts the statistics are worked out from: one small row per live visit that is not
cancelled (issue 18), read from the database in one go and kept while nothing is committed.

``app.services.statistics`` works the figures out of them; its docstring says the rules
(who takes part, what a visit costs). Reading them is most of the section's time on a large
database (10,000 visits bring some 350,000 rows): plain Core queries fetched as driver
tuples, grouped in SQL where counts are enough, in one read transaction. No Qt here.
"""

from __future__ import annotations

import datetime as dt
import json
import weakref
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import groupby, repeat
from operator import itemgetter
from typing import Any

from sqlalchemy import String, cast, func, select

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


@dataclass
class Facts:
    """Every live, not cancelled visit's facts, and the names the figures show."""

    visits: list[VisitFacts]
    organisations: dict[int, str] = field(default_factory=dict)
    # visits left out of the cost figures because a line's currency has no rate to EUR
    unconverted: tuple[int, ...] = ()
    version: str = ""  # the database's data version they were read at


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


def _grant_part(amount: Decimal, source: int | None, shares: Any, grants: set[int]) -> Decimal:
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


def load_facts(db: Database) -> Facts:
    """One row of facts per live visit that is not cancelled, and the data version they
    were read at (``Database.data_version``).

    Plain Core queries read as driver tuples, grouped in SQL where the figures need only
    counts (no ORM objects, no SQLAlchemy rows: 10,000 visits bring some 350,000 rows of
    participants, budget lines and programme items, and loading them as objects took
    seconds); soft-deleted rows are left out by each query itself.
    """
    v, pr = Visit.__table__, Project.__table__
    pa, pe = Participation.__table__, Person.__table__
    with _snapshot(db) as c:
        version = db.data_version(c)
        rows = _raw(
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
            )
            .select_from(v.outerjoin(pr, (pr.c.id == v.c.project_id) & pr.c.deleted_at.is_(None)))
            .where(v.c.deleted_at.is_(None), v.c.status != "cancelled"),
        )
        # who takes part, counted by sending organisation in Python: a person's
        # organisation is one dictionary step, cheaper than SQL's join and grouping
        organisation_of = dict(
            _raw(c, select(pe.c.id, pe.c.organisation_id).where(pe.c.deleted_at.is_(None)))
        )
        people: dict[int, Counter[int | None]] = {}
        gone = object()  # a deleted person: not counted
        for visit_id, rows_of_visit in groupby(
            _raw(
                c,
                select(pa.c.visit_id, pa.c.person_id)
                .where(pa.c.deleted_at.is_(None), pa.c.status.not_in(NOT_TAKING_PART))
                .order_by(pa.c.visit_id),
            ),
            key=itemgetter(0),
        ):
            counted = Counter(
                map(organisation_of.get, map(itemgetter(1), rows_of_visit), repeat(gone))
            )
            counted.pop(gone, None)  # type: ignore[call-overload]
            if counted:
                people[visit_id] = counted
        o = Organisation.__table__
        organisations = dict(_raw(c, select(o.c.id, o.c.name)))
        er = ExchangeRate.__table__
        rates: dict[int, list[tuple[str, str, Decimal, dt.date | None]]] = defaultdict(list)
        for visit_id, kind, currency, per_base, day in _raw(
            c,
            select(er.c.visit_id, er.c.kind, er.c.currency, er.c.per_base, er.c.date).where(
                er.c.deleted_at.is_(None)
            ),
        ):
            rates[visit_id].append((kind, currency, Decimal(per_base), _day(day)))
        fs = FundingSource.__table__
        grants = {
            row[0]
            for row in _raw(
                c, select(fs.c.id).where(fs.c.deleted_at.is_(None), fs.c.is_grant.is_(True))
            )
        }
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
            ).where(bl.c.deleted_at.is_(None)),
        ):
            lines[line[0]].append(line)
        pi = ProgrammeItem.__table__
        # each visit's hosts as one "3,17,17" text: a tenth of the rows to fetch
        hosts = {
            visit_id: tuple(sorted({int(h) for h in joined.split(",")}))
            for visit_id, joined in _raw(
                c,
                select(pi.c.visit_id, func.aggregate_strings(cast(pi.c.host_id, String), ","))
                .where(pi.c.deleted_at.is_(None), pi.c.host_id.is_not(None))
                .group_by(pi.c.visit_id),
            )
        }
        rp, fu = Report.__table__, FollowUp.__table__
        follow: dict[int, list[tuple[str, int]]] = defaultdict(list)
        for visit_id, status, count in _raw(
            c,
            select(rp.c.visit_id, fu.c.status, func.count())
            .select_from(rp.join(fu, fu.c.report_id == rp.c.id))
            .where(rp.c.deleted_at.is_(None), fu.c.deleted_at.is_(None))
            .group_by(rp.c.visit_id, fu.c.status),
        ):
            follow[visit_id].append((status, count))
    visits: list[VisitFacts] = []
    unconverted: list[int] = []
    books: dict[Any, RateBook | None] = {}  # visits with the same rates share their book
    for vid, code, title, start, end, country, project, topics, base, rule, fixed in rows:
        cost, grant = None, None
        mine = lines.get(vid)
        if mine:
            key = (base or EUR, tuple(rates.get(vid, ())), rule, str(fixed))
            if key not in books:
                books[key] = _eur_book(base or EUR, rates.get(vid, []), rule, _json(fixed))
            cost, grant = _visit_cost(mine, books[key], grants)
            if cost is None:
                unconverted.append(vid)
        counted = people.get(vid) or Counter()
        first, last = _day(start), _day(end)
        assert first is not None and last is not None  # the columns are NOT NULL
        visits.append(
            VisitFacts(
                vid,
                code,
                title,
                first,
                last,
                (country or "").upper() or None,
                project,
                sum(counted.values()),
                tuple(counted.items()),
                cost,
                grant,
                hosts.get(vid, ()),
                tuple(t.strip() for t in _json(topics) or () if isinstance(t, str) and t.strip()),
                tuple(follow.get(vid, ())),
            )
        )
    visits.sort(key=lambda f: (f.start, f.code))
    facts = Facts(visits, organisations, tuple(sorted(unconverted)), version)
    _KEPT[db] = facts
    return facts


def _visit_cost(
    lines: list[Any], book: RateBook | None, grants: set[int]
) -> tuple[Decimal | None, Decimal | None]:
    """A visit's cost and grant part in EUR from its lines as the driver gives them and
    its book (``_eur_book``); ``(None, None)`` when a currency has no rate to EUR."""
    if book is None:
        return None, None
    cost = grant = ZERO
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
            if shares is None:
                if source in grants:
                    grant += amount
            else:
                grant += _grant_part(amount, source, _json(shares), grants)
    except MissingRate:
        return None, None
    return cost, grant
