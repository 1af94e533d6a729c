"""Figures across visits: the region's benchlearning view (issue 18).

Visits per year and by destination country, delegates per year and by sending
organisation, cost per delegate and per visit-day over the years (EUR, at each visit's own
rates), the share of grant funding, the most visited host institutions and topics, and
follow-ups done against open. Every bar keeps the ids of the visits behind it, so a chart
in the window or a number in a report can always be traced back to the visits.

Two steps, so that a change of filter costs no database work: ``load_facts``
(``app.services.statistics_facts``) reads one small row of facts per live visit, and ``compute``
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

import heapq
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from itertools import chain
from typing import Any

from app.domain.budget_totals import num
from app.domain.text import sort_key
from app.i18n import N_, _, ngettext
from app.services.statistics_facts import (  # the facts, re-exported: one place to import
    EUR,
    NOT_TAKING_PART,
    Facts,
    VisitFacts,
    facts_of,
    kept_facts,
    load_facts,
)
from db.engine import Database

__all__ = [
    "EUR",
    "FIGURES",
    "NOT_TAKING_PART",
    "Bar",
    "Facts",
    "Figure",
    "Filters",
    "Statistics",
    "VisitFacts",
    "compute",
    "countries",
    "country_label",
    "facts_of",
    "kept_facts",
    "load_facts",
    "projects",
    "statistics",
    "value_text",
    "year_span",
]

CENT = Decimal("0.01")
HUNDRED = Decimal(100)
TOP = 10  # bars in a "most visited" figure; the rest are counted in its note

# The figures in the order they are shown and printed.
FIGURES = (
    "visits_per_year",
    "visits_by_country",
    "delegates_per_year",
    "delegates_by_organisation",
    "cost_per_delegate",
    "cost_per_day",
    "grant_share",
    "top_hosts",
    "top_topics",
    "follow_ups",
)
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


# --------------------------------------------------------------------------- figures


def _keep(visit: VisitFacts, filters: Filters) -> bool:
    if filters.year_from is not None and visit.year < filters.year_from:
        return False
    if filters.year_to is not None and visit.year > filters.year_to:
        return False
    if filters.project and (visit.project or "").casefold() != filters.project.casefold():
        return False
    return not (filters.country and (visit.country or "") != filters.country.strip().upper())


def _count(value: int) -> Decimal:
    return Decimal(value)


def _ratio(part: Decimal, whole: Decimal) -> Decimal:
    return (part / whole).quantize(CENT, rounding=ROUND_HALF_UP)


def per_head(cost: Decimal, people: int | Decimal) -> Decimal:
    """Cost per delegate: ``cost / people``, half up to cents — the one rule of the
    figures here and of the budget documents' cost per delegate and organisation."""
    return _ratio(cost, Decimal(people))


def _ids(ids: Iterable[int]) -> tuple[int, ...]:
    """The visits behind a bar, in the order met: the facts are oldest first, so are the
    lists. Each list is collected from distinct visits, once a visit (a visit's
    organisations, hosts, topics and follow-up states are each distinct)."""
    return tuple(ids)


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


def _top(
    counter: Mapping[Any, int],
    ids_of: Callable[[set[Any]], Mapping[Any, list[int]]],
    label: Callable[[Any], str],
    key: str,
) -> Figure:
    """The TOP most counted, most first, ties by name; a bar's key is the text of its own.
    ``ids_of(keys)`` lists the visits behind those keys: asked for the TOP shown only
    (collecting them for every host while counting took a third of the figures' time)."""
    # only those counted at least as often as the TOP-th are ranked by name: the Latvian
    # sort key of 2,000 host names was a tenth of the figures' time
    counts = heapq.nlargest(TOP, counter.values())
    least = counts[-1] if counts else 0
    labels = {k: label(k) for k, n in counter.items() if n >= least}
    ranked = sorted(labels, key=lambda k: (-counter[k], sort_key(labels[k])))[:TOP]
    ids = ids_of(set(ranked))
    bars = tuple(
        Bar("" if k is None else str(k), labels[k], _count(counter[k]), _ids(ids[k]))
        for k in ranked
    )
    rest = len(counter) - TOP
    note = (
        ngettext("{n} more not shown", "{n} more not shown", rest).format(n=rest)
        if rest > 0
        else ""
    )
    return Figure(key, bars, note)


def compute(facts: Facts, filters: Filters | None = None) -> Statistics:
    """Every figure for the visits the filters keep."""
    from app.i18n import format_money

    filters = filters or Filters()
    visits = [v for v in facts.visits if _keep(v, filters)]
    years = _years(visits, filters)
    by_year = _per_year(visits, years)
    figures: list[Figure] = []

    figures.append(
        Figure(
            "visits_per_year",
            tuple(
                Bar(str(y), str(y), _count(len(vs)), _ids(v.id for v in vs))
                for y, vs in sorted(by_year.items())
            ),
        )
    )

    countries: Counter[str] = Counter()
    country_ids: dict[str, list[int]] = defaultdict(list)
    for v in visits:
        code = v.country or ""
        countries[code] += 1
        country_ids[code].append(v.id)
    figures.append(
        Figure(
            "visits_by_country",
            tuple(
                Bar(code, country_label(code), _count(n), _ids(country_ids[code]))
                for code, n in sorted(countries.items(), key=lambda kv: (-kv[1], kv[0]))
            ),
        )
    )

    figures.append(
        Figure(
            "delegates_per_year",
            tuple(
                Bar(
                    str(y),
                    str(y),
                    _count(sum(v.people for v in vs)),
                    _ids(v.id for v in vs if v.people),
                )
                for y, vs in sorted(by_year.items())
            ),
        )
    )

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

    figures.append(
        _top(
            orgs,
            org_ids,
            lambda k: (
                (facts.organisations.get(k, "") if k is not None else "") or _("(no organisation)")
            ),
            "delegates_by_organisation",
        )
    )

    costed = [v for v in visits if v.cost is not None]
    left_out = len(visits) - len(costed)
    cost_note = (
        ngettext(
            "{n} visit without a cost in EUR (no budget lines, or a currency without a rate) "
            "is left out",
            "{n} visits without a cost in EUR (no budget lines, or a currency "
            "without a rate) are left out",
            left_out,
        ).format(n=left_out)
        if left_out
        else ""
    )
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
            per_delegate.append(
                Bar(
                    str(y),
                    str(y),
                    per_head(cost, heads),
                    _ids(v.id for v in with_people),
                    ngettext("{cost} / {n} person", "{cost} / {n} people", heads).format(
                        cost=format_money(cost, EUR), n=heads
                    ),
                    cost,
                    Decimal(heads),
                )
            )
        total = sum((v.cost for v in mine if v.cost is not None), Decimal("0.00"))
        days = sum(v.days for v in mine)
        if days:
            per_day.append(
                Bar(
                    str(y),
                    str(y),
                    _ratio(total, Decimal(days)),
                    _ids(v.id for v in mine),
                    ngettext("{cost} / {n} day", "{cost} / {n} days", days).format(
                        cost=format_money(total, EUR), n=days
                    ),
                    total,
                    Decimal(days),
                )
            )
        granted = sum((v.grant for v in mine if v.grant is not None), Decimal("0.00"))
        if total:
            grant_share.append(
                Bar(
                    str(y),
                    str(y),
                    _ratio(granted * HUNDRED, total),
                    _ids(v.id for v in mine),
                    _("{grant} of {cost}").format(
                        grant=format_money(granted, EUR), cost=format_money(total, EUR)
                    ),
                    granted,
                    total,
                )
            )
    heads_note = cost_note
    no_people = sum(1 for v in costed if not v.people)
    if no_people:
        heads_note = " · ".join(
            filter(
                None,
                (
                    cost_note,
                    ngettext(
                        "{n} visit with a cost but nobody taking part is left out",
                        "{n} visits with a cost but nobody taking part are left out",
                        no_people,
                    ).format(n=no_people),
                ),
            )
        )
    figures.append(Figure("cost_per_delegate", tuple(per_delegate), heads_note))
    figures.append(Figure("cost_per_day", tuple(per_day), cost_note))
    all_cost = sum((v.cost for v in costed if v.cost is not None), Decimal("0.00"))
    all_grant = sum((v.grant for v in costed if v.grant is not None), Decimal("0.00"))
    share_note = (
        _("All years: {share} % ({grant} of {cost})").format(
            share=num(_ratio(all_grant * HUNDRED, all_cost)),
            grant=format_money(all_grant, EUR),
            cost=format_money(all_cost, EUR),
        )
        if all_cost
        else ""
    )
    figures.append(
        Figure("grant_share", tuple(grant_share), " · ".join(filter(None, (share_note, cost_note))))
    )

    host_count = Counter(chain.from_iterable(v.hosts for v in visits))  # each once a visit

    def host_ids(keys: set[int]) -> dict[int, list[int]]:
        out: dict[int, list[int]] = {k: [] for k in keys}
        for v in visits:
            for host in v.hosts:
                if host in out:
                    out[host].append(v.id)
        return out

    figures.append(
        _top(host_count, host_ids, lambda k: facts.organisations.get(k, "") or str(k), "top_hosts")
    )

    topic_count: Counter[str] = Counter()
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for v in visits:
        for folded, written in v.topic_keys:
            topic_count[folded] += 1
            spellings[folded][written] += 1
    topic_labels = {k: c.most_common(1)[0][0] for k, c in spellings.items()}

    def topic_ids(keys: set[str]) -> dict[str, list[int]]:
        out: dict[str, list[int]] = {k: [] for k in keys}
        for v in visits:
            for folded, _written in v.topic_keys:
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
    figures.append(
        Figure(
            "follow_ups",
            tuple(
                Bar(
                    status,
                    _(FOLLOW_UP_LABELS[status]),
                    _count(follow[status]),
                    _ids(follow_ids[status]),
                )
                for status in ("done", "open", "dropped")
                if status in follow or status != "dropped"
            ),
        )
    )
    return Statistics(filters, figures, _ids(v.id for v in visits), {v.id: v for v in visits})


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
