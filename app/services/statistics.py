"""Figures across visits: the region's benchlearning view (issue 18).

Visits per year and by destination country, delegates per year and by sending
organisation, cost per delegate and per visit-day over the years (EUR, at each visit's own
rates), the share of grant funding, the most visited host institutions and topics, and
follow-ups done against open. Every bar keeps the ids of the visits behind it, so a chart
in the window or a number in a report can always be traced back to the visits.

Two steps, so that a change of filter costs no database work: ``load_facts`` reads one
small row of facts per live visit (a few grouped queries, no ORM objects), and ``compute``
works the figures out of those facts for a year range, a project and a country. No Qt here.

Rules a reader of the figures must know (the user guide says the same):

- cancelled visits are left out of every figure; a visit's year is the year it starts;
- people "taking part" are every participant, whatever their role, except those declined
  or cancelled;
- a visit's cost is the sum of its budget lines, each line at its paid amount when one is
  recorded, else at its planned amount, converted to EUR as its budget converts it: the
  plan at the plan's rate, a payment at the rate its project's rule gives for its date
  (the visit's ``RateBook``, re-based on EUR for a visit counting in another currency, as
  the project report does), rounded half up to cents once per line by ``in_base``; a
  visit without budget lines, or with a line whose currency has no rate, has no cost and
  is left out of the cost figures (the note beside them says how many);
- the grant part of a line shared between sources is split to the cent as the budget
  splits it;
- cost per delegate (per visit-day) over a year is the year's costs divided by the people
  taking part (the days) in the same visits, so a large visit weighs as much as it cost;
- the grant share is the part of those costs on funding sources marked as grants.
"""

from __future__ import annotations

import datetime as dt
import json
import weakref
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from itertools import chain, groupby, repeat
from operator import itemgetter
from typing import Any

from sqlalchemy import String, cast, func, select

from app.domain.budget_totals import num, split
from app.domain.money import MissingRate, from_minor, in_base
from app.domain.rates import ONE, PLAN, RateBook, RateUsed
from app.i18n import N_, _, ngettext
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
CENT = Decimal("0.01")
ZERO = Decimal("0.00")
HUNDRED = Decimal(100)
TOP = 10  # bars in a "most visited" figure; the rest are counted in its note

# The figures in the order they are shown and printed.
FIGURES = ("visits_per_year", "visits_by_country", "delegates_per_year",
           "delegates_by_organisation", "cost_per_delegate", "cost_per_day", "grant_share",
           "top_hosts", "top_topics", "follow_ups")
TITLES = {
    "visits_per_year": N_("Visits per year"),
    "visits_by_country": N_("Visits by destination country"),
    "delegates_per_year": N_("Delegates per year"),
    "delegates_by_organisation": N_("Delegates by sending organisation"),
    "cost_per_delegate": N_("Cost per delegate (EUR)"),
    "cost_per_day": N_("Cost per visit-day (EUR)"),
    "grant_share": N_("Share of grant funding (%)"),
    "top_hosts": N_("Most visited host institutions"),
    "top_topics": N_("Most frequent topics"),
    "follow_ups": N_("Follow-ups done and open"),
}
UNITS = {"cost_per_delegate": "eur", "cost_per_day": "eur", "grant_share": "percent"}
FOLLOW_UP_LABELS = {"done": N_("Done"), "open": N_("Open"), "dropped": N_("Dropped")}


@dataclass(frozen=True)
class Filters:
    """Which visits count: a year range (inclusive), a project's code, a country."""

    year_from: int | None = None
    year_to: int | None = None
    project: str | None = None
    country: str | None = None


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


@dataclass(frozen=True)
class Bar:
    """One number of a figure, with the visits it was counted from."""

    key: str
    label: str
    value: Decimal
    visit_ids: tuple[int, ...]
    detail: str = ""  # how it was worked out ("12 visits, 4 800,00 € / 40 people")
    numerator: Decimal | None = None
    denominator: Decimal | None = None


@dataclass(frozen=True)
class Figure:
    key: str
    bars: tuple[Bar, ...]
    note: str = ""

    @property
    def title(self) -> str:
        return _(TITLES[self.key])

    @property
    def unit(self) -> str:
        """``count``, ``eur`` or ``percent``: how the values are written."""
        return UNITS.get(self.key, "count")

    def bar(self, key: str) -> Bar | None:
        for bar in self.bars:
            if bar.key == key:
                return bar
        return None


@dataclass
class Statistics:
    filters: Filters
    figures: list[Figure]
    visit_ids: tuple[int, ...]  # every visit the filters keep
    visits: dict[int, VisitFacts]

    def figure(self, key: str) -> Figure:
        for figure in self.figures:
            if figure.key == key:
                return figure
        raise KeyError(key)


# --------------------------------------------------------------------------- loading

def _eur_book(base: str, rows: list[tuple[str, str, Decimal, dt.date | None]],
              rule: str | None, fixed: Any) -> RateBook | None:
    """The visit's rate book counting in EUR: its plan and dated rates under its project's
    rule (``RateBook.build``, as its budget builds it), re-based on EUR when the visit
    counts in another currency (as the project report does); ``None`` when such a visit
    has no EUR rate."""
    book = RateBook.build(
        base, ((cur, per_base, day) for kind, cur, per_base, day in rows if kind == PLAN),
        ((kind, cur, day, per_base) for kind, cur, per_base, day in rows
         if kind != PLAN and day is not None),
        rule=rule, fixed_per_euro=_fixed_rates(fixed))
    return book.rebased(EUR)


def _fixed_rates(stored: Any) -> dict[str, Decimal] | None:
    return {str(c): Decimal(str(v)) for c, v in stored.items()} if stored else None


def _line_cost(book: RateBook, plan_rates: dict[str, RateUsed | None], quantity: Any,
               unit_price: Any, currency: str, paid_minor: int | None,
               paid_currency: str | None, paid_date: Any) -> Decimal:
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


def _grant_part(amount: Decimal, source: int | None, shares: Any,
                grants: set[int]) -> Decimal:
    """What of a line's amount falls on grant sources: the whole line when its source is
    a grant, or for a line shared between sources the grants' parts, split to the cent
    as the budget splits it (``budget_totals.split``)."""
    if not shares:
        return amount if source in grants else ZERO
    pairs = tuple((str(item.get("source")), Decimal(str(item.get("percent", "0"))))
                  for item in shares)
    return sum((part for (key, _pct), part in zip(pairs, split(amount, pairs), strict=True)
                if key.isdigit() and int(key) in grants), ZERO)


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
        rows = _raw(c,
            select(v.c.id, v.c.code, v.c.title, v.c.start_date, v.c.end_date, v.c.country,
                   pr.c.code, v.c.topics, v.c.base_currency, pr.c.rate_rule,
                   pr.c.fixed_rates)
            .select_from(v.outerjoin(pr, (pr.c.id == v.c.project_id)
                                     & pr.c.deleted_at.is_(None)))
            .where(v.c.deleted_at.is_(None), v.c.status != "cancelled"))
        # who takes part, counted by sending organisation in Python: a person's
        # organisation is one dictionary step, cheaper than SQL's join and grouping
        organisation_of = dict(_raw(c, select(pe.c.id, pe.c.organisation_id)
                                    .where(pe.c.deleted_at.is_(None))))
        people: dict[int, Counter[int | None]] = {}
        gone = object()  # a deleted person: not counted
        for visit_id, rows_of_visit in groupby(_raw(c,
                select(pa.c.visit_id, pa.c.person_id)
                .where(pa.c.deleted_at.is_(None), pa.c.status.not_in(NOT_TAKING_PART))
                .order_by(pa.c.visit_id)), key=itemgetter(0)):
            counted = Counter(map(organisation_of.get, map(itemgetter(1), rows_of_visit),
                                  repeat(gone)))
            counted.pop(gone, None)  # type: ignore[call-overload]
            if counted:
                people[visit_id] = counted
        o = Organisation.__table__
        organisations = dict(_raw(c, select(o.c.id, o.c.name)))
        er = ExchangeRate.__table__
        rates: dict[int, list[tuple[str, str, Decimal, dt.date | None]]] = defaultdict(list)
        for visit_id, kind, currency, per_base, day in _raw(c,
                select(er.c.visit_id, er.c.kind, er.c.currency, er.c.per_base, er.c.date)
                .where(er.c.deleted_at.is_(None))):
            rates[visit_id].append((kind, currency, Decimal(per_base), _day(day)))
        fs = FundingSource.__table__
        grants = {row[0] for row in _raw(c, select(fs.c.id).where(
            fs.c.deleted_at.is_(None), fs.c.is_grant.is_(True)))}
        bl = BudgetLine.__table__
        lines: dict[int, list[Any]] = defaultdict(list)
        # quantity and unit price as their stored text: Decimal() is made once, here
        for line in _raw(c,
                select(bl.c.visit_id, bl.c.funding_source_id, bl.c.quantity, bl.c.unit_price,
                       bl.c.currency, bl.c.actual_minor, bl.c.actual_currency,
                       bl.c.actual_date, bl.c.shares)
                .where(bl.c.deleted_at.is_(None))):
            lines[line[0]].append(line)
        pi = ProgrammeItem.__table__
        # each visit's hosts as one "3,17,17" text: a tenth of the rows to fetch
        hosts = {visit_id: tuple(sorted({int(h) for h in joined.split(",")}))
                 for visit_id, joined in _raw(c,
                     select(pi.c.visit_id, func.aggregate_strings(cast(pi.c.host_id, String),
                                                                  ","))
                     .where(pi.c.deleted_at.is_(None), pi.c.host_id.is_not(None))
                     .group_by(pi.c.visit_id))}
        rp, fu = Report.__table__, FollowUp.__table__
        follow: dict[int, list[tuple[str, int]]] = defaultdict(list)
        for visit_id, status, count in _raw(c,
                select(rp.c.visit_id, fu.c.status, func.count())
                .select_from(rp.join(fu, fu.c.report_id == rp.c.id))
                .where(rp.c.deleted_at.is_(None), fu.c.deleted_at.is_(None))
                .group_by(rp.c.visit_id, fu.c.status)):
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
        counted = people.get(vid, {})
        visits.append(VisitFacts(
            vid, code, title, _day(start), _day(end), (country or "").upper() or None,
            project, sum(counted.values()), tuple(counted.items()), cost, grant,
            hosts.get(vid, ()),
            tuple(t.strip() for t in _json(topics) or () if isinstance(t, str) and t.strip()),
            tuple(follow.get(vid, ()))))
    visits.sort(key=lambda f: (f.start, f.code))
    facts = Facts(visits, organisations, tuple(sorted(unconverted)), version)
    _KEPT[db] = facts
    return facts


def _visit_cost(lines: list[Any], book: RateBook | None,
                grants: set[int]) -> tuple[Decimal | None, Decimal | None]:
    """A visit's cost and grant part in EUR from its lines as the driver gives them and
    its book (``_eur_book``); ``(None, None)`` when a currency has no rate to EUR."""
    if book is None:
        return None, None
    cost = grant = ZERO
    plan_rates: dict[str, RateUsed | None] = {}
    try:
        for (_vid, source, quantity, price, currency, paid, paid_currency, paid_date,
             shares) in lines:
            amount = _line_cost(book, plan_rates, quantity, price, currency, paid,
                                paid_currency, paid_date)
            cost += amount
            if shares is None:
                if source in grants:
                    grant += amount
            else:
                grant += _grant_part(amount, source, _json(shares), grants)
    except MissingRate:
        return None, None
    return cost, grant


# --------------------------------------------------------------------------- figures

def _keep(visit: VisitFacts, filters: Filters) -> bool:
    if filters.year_from is not None and visit.year < filters.year_from:
        return False
    if filters.year_to is not None and visit.year > filters.year_to:
        return False
    if filters.project and (visit.project or "").casefold() != filters.project.casefold():
        return False
    return not (filters.country
                and (visit.country or "") != filters.country.strip().upper())


def _count(value: int) -> Decimal:
    return Decimal(value)


def _ratio(part: Decimal, whole: Decimal) -> Decimal:
    return (part / whole).quantize(CENT, rounding=ROUND_HALF_UP)


def _ids(ids: Iterable[int]) -> tuple[int, ...]:
    """Each visit once, in the order met: the facts are oldest first, so are the lists."""
    return tuple(dict.fromkeys(ids))


def _years(visits: list[VisitFacts], filters: Filters) -> list[int]:
    """Every year of the range shown, also those without a visit (a gap is a figure too)."""
    years = [v.year for v in visits]
    if not years and (filters.year_from is None or filters.year_to is None):
        return []
    low = filters.year_from if filters.year_from is not None else min(years)
    high = filters.year_to if filters.year_to is not None else max(years)
    if high - low > 60:  # an open range over a stray date: only the years with visits
        return sorted(set(years))
    return list(range(low, high + 1))


def _per_year(visits: list[VisitFacts], years: list[int]) -> dict[int, list[VisitFacts]]:
    out: dict[int, list[VisitFacts]] = {y: [] for y in years}
    for v in visits:
        out.setdefault(v.year, []).append(v)
    return out


def _top(counter: Mapping[Any, int],
         ids_of: Callable[[set[Any]], Mapping[Any, list[int]]],
         label: Callable[[Any], str], key: str) -> Figure:
    """The TOP most counted, most first, ties by name; a bar's key is the text of its own.
    ``ids_of(keys)`` lists the visits behind those keys: asked for the TOP shown only
    (collecting them for every host while counting took a third of the figures' time)."""
    labels = {k: label(k) for k in counter}
    ranked = sorted(counter.items(), key=lambda kv: (-kv[1], labels[kv[0]].casefold()))
    ids = ids_of({k for k, _n in ranked[:TOP]})
    bars = tuple(Bar("" if k is None else str(k), labels[k], _count(n), _ids(ids[k]))
                 for k, n in ranked[:TOP])
    rest = len(ranked) - TOP
    note = ngettext("{n} more not shown", "{n} more not shown", rest).format(n=rest) \
        if rest > 0 else ""
    return Figure(key, bars, note)


def compute(facts: Facts, filters: Filters | None = None) -> Statistics:
    """Every figure for the visits the filters keep."""
    from app.i18n import format_money

    filters = filters or Filters()
    visits = [v for v in facts.visits if _keep(v, filters)]
    years = _years(visits, filters)
    by_year = _per_year(visits, years)
    figures: list[Figure] = []

    figures.append(Figure("visits_per_year", tuple(
        Bar(str(y), str(y), _count(len(vs)), _ids(v.id for v in vs))
        for y, vs in sorted(by_year.items()))))

    countries: Counter[str] = Counter()
    country_ids: dict[str, list[int]] = defaultdict(list)
    for v in visits:
        code = v.country or ""
        countries[code] += 1
        country_ids[code].append(v.id)
    figures.append(Figure("visits_by_country", tuple(
        Bar(code, country_label(code), _count(n), _ids(country_ids[code]))
        for code, n in sorted(countries.items(), key=lambda kv: (-kv[1], kv[0])))))

    figures.append(Figure("delegates_per_year", tuple(
        Bar(str(y), str(y), _count(sum(v.people for v in vs)),
            _ids(v.id for v in vs if v.people))
        for y, vs in sorted(by_year.items()))))

    # keyed by the organisation's id while counting (80,000 pairs), its text only for bars
    orgs: dict[int | None, int] = defaultdict(int)
    for v in visits:
        for org_id, n in v.by_organisation:
            orgs[org_id] += n

    def org_ids(keys: set[int | None]) -> dict[int | None, list[int]]:
        out: dict[int | None, list[int]] = {k: [] for k in keys}
        for v in visits:
            for org_id, _n in v.by_organisation:
                if org_id in out:
                    out[org_id].append(v.id)
        return out

    figures.append(_top(orgs, org_ids, lambda k: (
        facts.organisations.get(k, "") if k is not None else "") or _("(no organisation)"),
        "delegates_by_organisation"))

    costed = [v for v in visits if v.cost is not None]
    left_out = len(visits) - len(costed)
    cost_note = ngettext(
        "{n} visit without a cost in EUR (no budget lines, or a currency without a rate) "
        "is left out", "{n} visits without a cost in EUR (no budget lines, or a currency "
        "without a rate) are left out", left_out).format(n=left_out) if left_out else ""
    per_delegate, per_day, grant_share = [], [], []
    costed_by_year: dict[int, list[VisitFacts]] = defaultdict(list)
    for v in costed:
        costed_by_year[v.year].append(v)
    for y in years:
        mine = costed_by_year.get(y, [])
        with_people = [v for v in mine if v.people]
        cost = sum((v.cost for v in with_people if v.cost is not None), Decimal("0.00"))
        heads = sum(v.people for v in with_people)
        if heads:
            per_delegate.append(Bar(str(y), str(y), _ratio(cost, Decimal(heads)),
                                    _ids(v.id for v in with_people), ngettext(
                                        "{cost} / {n} person", "{cost} / {n} people",
                                        heads).format(cost=format_money(cost, EUR), n=heads),
                                    cost, Decimal(heads)))
        total = sum((v.cost for v in mine if v.cost is not None), Decimal("0.00"))
        days = sum(v.days for v in mine)
        if days:
            per_day.append(Bar(str(y), str(y), _ratio(total, Decimal(days)),
                               _ids(v.id for v in mine), ngettext(
                                   "{cost} / {n} day", "{cost} / {n} days", days).format(
                                   cost=format_money(total, EUR), n=days),
                               total, Decimal(days)))
        granted = sum((v.grant for v in mine if v.grant is not None), Decimal("0.00"))
        if total:
            grant_share.append(Bar(str(y), str(y), _ratio(granted * HUNDRED, total),
                                   _ids(v.id for v in mine), _("{grant} of {cost}").format(
                                       grant=format_money(granted, EUR),
                                       cost=format_money(total, EUR)), granted, total))
    heads_note = cost_note
    no_people = sum(1 for v in costed if not v.people)
    if no_people:
        heads_note = " · ".join(filter(None, (cost_note, ngettext(
            "{n} visit with a cost but nobody taking part is left out",
            "{n} visits with a cost but nobody taking part are left out",
            no_people).format(n=no_people))))
    figures.append(Figure("cost_per_delegate", tuple(per_delegate), heads_note))
    figures.append(Figure("cost_per_day", tuple(per_day), cost_note))
    all_cost = sum((v.cost for v in costed if v.cost is not None), Decimal("0.00"))
    all_grant = sum((v.grant for v in costed if v.grant is not None), Decimal("0.00"))
    share_note = _("All years: {share} % ({grant} of {cost})").format(
        share=num(_ratio(all_grant * HUNDRED, all_cost)),
        grant=format_money(all_grant, EUR), cost=format_money(all_cost, EUR)) \
        if all_cost else ""
    figures.append(Figure("grant_share", tuple(grant_share),
                          " · ".join(filter(None, (share_note, cost_note)))))

    host_count = Counter(chain.from_iterable(v.hosts for v in visits))  # each once a visit

    def host_ids(keys: set[int]) -> dict[int, list[int]]:
        out: dict[int, list[int]] = {k: [] for k in keys}
        for v in visits:
            for host in v.hosts:
                if host in out:
                    out[host].append(v.id)
        return out

    figures.append(_top(host_count, host_ids,
                        lambda k: facts.organisations.get(k, "") or str(k), "top_hosts"))

    topic_count: Counter[str] = Counter()
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for v in visits:
        for folded, written in {t.casefold(): t for t in v.topics}.items():
            topic_count[folded] += 1
            spellings[folded][written] += 1
    topic_labels = {k: c.most_common(1)[0][0] for k, c in spellings.items()}

    def topic_ids(keys: set[str]) -> dict[str, list[int]]:
        out: dict[str, list[int]] = {k: [] for k in keys}
        for v in visits:
            for folded in {t.casefold() for t in v.topics}:
                if folded in out:
                    out[folded].append(v.id)
        return out

    figures.append(_top(topic_count, topic_ids, topic_labels.__getitem__, "top_topics"))

    follow: Counter[str] = Counter()
    follow_ids: dict[str, list[int]] = defaultdict(list)
    for v in visits:
        for status, n in v.follow_ups:
            follow[status] += n
            follow_ids[status].append(v.id)
    figures.append(Figure("follow_ups", tuple(
        Bar(status, _(FOLLOW_UP_LABELS[status]), _count(follow[status]),
            _ids(follow_ids[status]))
        for status in ("done", "open", "dropped") if status in follow or status != "dropped")))
    return Statistics(filters, figures, _ids(v.id for v in visits),
                      {v.id: v for v in visits})


def value_text(figure: Figure, value: Decimal, lang: str | None = None) -> str:
    """A figure's value as a reader expects it: a count, euros or a percentage, in the
    language's own digits (the window, the PDF and the note beside a chart agree)."""
    from babel.numbers import format_decimal

    from app.i18n import current_language, format_money

    lang = lang or current_language()
    if figure.unit == "eur":
        return format_money(value, EUR, lang)
    if figure.unit == "percent":  # two places always, so a column of shares lines up
        return f"{format_decimal(value, format='#,##0.00', locale=lang)} %"
    return format_decimal(int(value), locale=lang)


def statistics(db: Database, filters: Filters | None = None) -> Statistics:
    """Load (or take the kept facts) and compute in one call."""
    return compute(facts_of(db), filters)


def country_label(code: str) -> str:
    """A country's name in the interface language (``NO`` → ``Norvēģija``)."""
    if not code:
        return _("(no country)")
    from app.documents.words import country_name
    from app.i18n import current_language

    return country_name(code, current_language())


def projects(facts: Facts) -> list[str]:
    """The project codes that have visits (for a filter's choices)."""
    return sorted({v.project for v in facts.visits if v.project}, key=str.casefold)


def countries(facts: Facts) -> list[str]:
    return sorted({v.country for v in facts.visits if v.country})


def year_span(facts: Facts) -> tuple[int, int] | None:
    if not facts.visits:
        return None
    return facts.visits[0].year, max(v.year for v in facts.visits)
