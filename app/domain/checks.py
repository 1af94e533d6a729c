"""Programme checks: warnings about a visit's programme, never reasons to refuse it.

A coordinator builds a programme while flights, delegates and hosts are still changing, so
nothing here blocks saving, importing or printing: ``check_programme`` returns every
problem it finds, each with a message saying why, and the caller shows them.

The rules follow the visit file contract (``visit-format.md``):

- a person *takes part* when their status is confirmed or attended; only they count;
- ``attendees: "all"`` means everyone who takes part and is present that day (between
  their arrival and departure dates; none given means the visit's first and last day);
- intervals are half-open and compared in real time (UTC), so items in different zones
  are compared as the clocks on the wall would have them;
- on overlapping items of different tracks, "all" means each person attends one of them;
  a person listed by key on both still has a conflict.

Pure logic: the inputs are small frozen records, built by the service from the database or
by the importer from a file.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Literal

from app.domain.validation import to_utc
from app.i18n import _, current_language, format_date, format_time, ngettext
from db.enums import TAKING_PART

OUTSIDE_DATES = "outside_dates"
OVERLAP = "overlap"
BEFORE_ARRIVAL = "before_arrival"
AFTER_DEPARTURE = "after_departure"
KINDS = (OUTSIDE_DATES, OVERLAP, BEFORE_ARRIVAL, AFTER_DEPARTURE)

ALL: Literal["all"] = "all"
Who = Literal["all"] | tuple[str, ...]

_ONE_MINUTE = dt.timedelta(minutes=1)
# An item overlapping more later items than this gets one summary warning, not one per pair;
# at most SCAN_LIMIT of the items starting before it ends are compared person by person, so
# a programme of thousands of items at the same hour is checked in well under a second.
GROUP_ABOVE = 3
SCAN_LIMIT = 10


@dataclass(frozen=True)
class VisitFrame:
    """The visit's dates and the destination's zone (which defines its midpoint)."""

    start_date: dt.date
    end_date: dt.date
    timezone: str


@dataclass(frozen=True)
class Attendance:
    """A person in the visit: status decides whether they take part; dates their presence."""

    person_key: str
    name: str
    status: str
    arrives: dt.date | None = None
    departs: dt.date | None = None

    @property
    def takes_part(self) -> bool:
        return self.status in TAKING_PART


@dataclass(frozen=True)
class ItemEntry:
    """A programme item in local wall time at its venue."""

    key: str
    title: str
    starts: dt.datetime
    ends: dt.datetime
    timezone: str
    track: str | None = None
    attendees: Who = ALL


@dataclass(frozen=True)
class LegEntry:
    """A journey leg: departs in the zone of its origin, arrives in the zone of its end."""

    key: str
    label: str
    departs: dt.datetime
    departs_tz: str
    arrives: dt.datetime
    arrives_tz: str
    passengers: Who = ALL


@dataclass(frozen=True)
class Problem:
    """One warning: what kind, why (a translated sentence) and which rows it concerns."""

    kind: str
    message: str
    item_keys: tuple[str, ...] = ()
    person_keys: tuple[str, ...] = ()
    leg_keys: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Item:
    """An item with its real-time interval and the people who attend it."""

    entry: ItemEntry
    rank: int
    starts_utc: dt.datetime
    ends_utc: dt.datetime
    listed: frozenset[str]  # people who take part and are listed by key
    via_all: frozenset[str]  # people who take part and are present, for an "all" item

    @property
    def everyone(self) -> bool:
        return self.entry.attendees == ALL

    @cached_property
    def attendees(self) -> frozenset[str]:
        return self.listed | self.via_all


@dataclass(frozen=True)
class _Leg:
    entry: LegEntry
    departs_utc: dt.datetime
    arrives_utc: dt.datetime


def check_programme(
    frame: VisitFrame,
    people: Sequence[Attendance],
    items: Iterable[ItemEntry],
    legs: Iterable[LegEntry] = (),
) -> list[Problem]:
    """Every problem of the programme, in a stable order.

    Problems come in the order of the programme (by real start time, then track, title and
    key of the first item concerned); for one item: outside the dates, overlaps (with later
    items), then travel problems.
    """
    taking = [p for p in people if p.takes_part]
    names = {p.person_key: p.name for p in taking}
    order = {p.person_key: i for i, p in enumerate(taking)}
    prepared = _prepare_items(frame, taking, items)
    found: list[tuple[tuple[object, ...], Problem]] = []
    for item in prepared:
        problem = _outside_dates(frame, item)
        if problem is not None:
            found.append(((item.rank, 0), problem))
    for first, clashes, in_time in _overlaps(prepared):
        if len(clashes) <= GROUP_ABOVE and in_time <= SCAN_LIMIT:
            for second, persons in clashes:
                keys = tuple(sorted(persons, key=order.__getitem__))
                found.append(
                    ((first.rank, 1, second.rank), _overlap_problem(first, second, keys, names))
                )
        else:
            found.append(
                (
                    (first.rank, 1, first.rank + 1),
                    _overlap_summary(first, clashes, in_time, order, names),
                )
            )
    for rank, kind_rank, leg_order, problem in _travel(frame, taking, prepared, legs, order, names):
        found.append(((rank, kind_rank, leg_order), problem))
    found.sort(key=lambda pair: pair[0])
    return [problem for _key, problem in found]


def attendees_of(
    frame: VisitFrame, people: Sequence[Attendance], item: ItemEntry
) -> frozenset[str]:
    """The keys of the people who attend ``item`` (for itineraries and the UI)."""
    taking = [p for p in people if p.takes_part]
    listed, via_all = _attending(frame, taking, item)
    return listed | via_all


def _attending(
    frame: VisitFrame, taking: Sequence[Attendance], item: ItemEntry
) -> tuple[frozenset[str], frozenset[str]]:
    """Who attends by being listed, and who through "all" (present on the item's day)."""
    if item.attendees == ALL:
        day = item.starts.date()
        present = frozenset(
            p.person_key
            for p in taking
            if (p.arrives or frame.start_date) <= day <= (p.departs or frame.end_date)
        )
        return frozenset(), present
    keys = {p.person_key for p in taking}
    return frozenset(k for k in item.attendees if k in keys), frozenset()


def _prepare_items(
    frame: VisitFrame, taking: Sequence[Attendance], items: Iterable[ItemEntry]
) -> list[_Item]:
    timed = [
        (to_utc(entry.starts, entry.timezone), to_utc(entry.ends, entry.timezone), entry)
        for entry in items
    ]
    timed.sort(key=lambda t: (t[0], t[2].track or "", t[2].title, t[2].key))
    prepared = []
    for rank, (starts_utc, ends_utc, entry) in enumerate(timed):
        listed, via_all = _attending(frame, taking, entry)
        prepared.append(_Item(entry, rank, starts_utc, ends_utc, listed, via_all))
    return prepared


# -- outside the visit's dates ---------------------------------------------------------------


def _outside_dates(frame: VisitFrame, item: _Item) -> Problem | None:
    """An item starting before the first day or ending after the last (in its local time).

    The end is inclusive of its last minute only: an item ending at midnight after the last
    day still belongs to the last day.
    """
    entry = item.entry
    last_minute = entry.ends - _ONE_MINUTE
    if entry.starts.date() >= frame.start_date and last_minute.date() <= frame.end_date:
        return None
    message = _("“{item}” ({when}) is outside the visit's dates, {first} to {last}.").format(
        item=entry.title,
        when=_span(entry),
        first=format_date(frame.start_date),
        last=format_date(frame.end_date),
    )
    return Problem(OUTSIDE_DATES, message, item_keys=(entry.key,))


# -- overlaps --------------------------------------------------------------------------------


def _different_tracks(a: ItemEntry, b: ItemEntry) -> bool:
    return bool(a.track) and bool(b.track) and a.track != b.track


Clash = tuple[_Item, frozenset[str]]


def _overlaps(items: list[_Item]) -> Iterable[tuple[_Item, list[Clash], int]]:
    """Each item that overlaps later items in real time: those it clashes with (and the
    people who would be in both), and how many later items start before it ends.

    Items are sorted by real start, so for each item only the following ones that start
    before it ends can overlap it (half-open: starting exactly at its end does not). Only
    the first ``SCAN_LIMIT`` of those are compared person by person.
    """
    starts = [item.starts_utc for item in items]
    for i, first in enumerate(items):
        stop = bisect.bisect_left(starts, first.ends_utc, lo=i + 1)
        clashes = [
            (second, persons)
            for second, persons in _clashes(first, items[i + 1 : min(stop, i + 1 + SCAN_LIMIT)])
        ]
        if clashes:
            yield first, clashes, stop - i - 1


def _clashes(first: _Item, later: list[_Item]) -> Iterable[Clash]:
    """The later items ``first`` clashes with, and the people who would be in both."""
    for second in later:
        if second.ends_utc <= second.starts_utc:  # an empty interval overlaps nothing
            continue
        if _different_tracks(first.entry, second.entry):
            # Parallel sessions: "all" means each person goes to one of them; only being
            # listed by key on both is a conflict.
            persons = first.listed & second.listed
            clash = bool(persons)
        else:
            persons = first.attendees & second.attendees
            # Two sessions for everyone at once clash even before anyone has confirmed.
            clash = bool(persons) or (first.everyone and second.everyone)
        if clash:
            yield second, persons


def _overlap_summary(
    first: _Item, clashes: list[Clash], in_time: int, order: dict[str, int], names: dict[str, str]
) -> Problem:
    """One warning for an item that overlaps many later ones (instead of one per pair)."""
    persons = frozenset().union(*(p for _s, p in clashes))
    keys = tuple(sorted(persons, key=order.__getitem__))
    shown = ", ".join(f"“{second.entry.title}”" for second, _p in clashes[:GROUP_ABOVE])
    if in_time > SCAN_LIMIT:
        message = ngettext(
            "“{first}” ({when}) overlaps {n} later item that starts before it ends, among "
            "them {shown}.",
            "“{first}” ({when}) overlaps {n} later items that start before it ends, among "
            "them {shown}.",
            in_time,
        )
    else:
        message = ngettext(
            "“{first}” ({when}) overlaps {n} later item: {shown} and others.",
            "“{first}” ({when}) overlaps {n} later items: {shown} and others.",
            len(clashes),
        )
    text = message.format(
        first=first.entry.title,
        when=_span(first.entry),
        n=in_time if in_time > SCAN_LIMIT else len(clashes),
        shown=shown,
    )
    if keys:
        text += " " + _("It concerns {people}.").format(people=_names(keys, names))
    return Problem(
        OVERLAP,
        text,
        item_keys=(first.entry.key, *(s.entry.key for s, _p in clashes)),
        person_keys=keys,
    )


def _overlap_problem(
    first: _Item, second: _Item, persons: tuple[str, ...], names: dict[str, str]
) -> Problem:
    if persons:
        message = _(
            "“{first}” ({first_when}) and “{second}” ({second_when}) overlap for {people}."
        ).format(
            first=first.entry.title,
            first_when=_span(first.entry),
            second=second.entry.title,
            second_when=_span(second.entry),
            people=_names(persons, names),
        )
    else:
        message = _(
            "“{first}” ({first_when}) and “{second}” ({second_when}) overlap, and "
            "both are for everyone taking part."
        ).format(
            first=first.entry.title,
            first_when=_span(first.entry),
            second=second.entry.title,
            second_when=_span(second.entry),
        )
    return Problem(
        OVERLAP, message, item_keys=(first.entry.key, second.entry.key), person_keys=persons
    )


# -- travel ----------------------------------------------------------------------------------


def _midpoint(frame: VisitFrame) -> dt.datetime:
    """The instant halfway through the visit (first day 00:00 to the day after the last)."""
    start = to_utc(dt.datetime.combine(frame.start_date, dt.time()), frame.timezone)
    end = to_utc(
        dt.datetime.combine(frame.end_date + dt.timedelta(days=1), dt.time()), frame.timezone
    )
    return start + (end - start) / 2


def _travel(
    frame: VisitFrame,
    taking: Sequence[Attendance],
    items: list[_Item],
    legs: Iterable[LegEntry],
    order: dict[str, int],
    names: dict[str, str],
) -> list[tuple[int, int, tuple[object, ...], Problem]]:
    """Items a person attends before their journey there ends, after their journey home
    begins, or while they travel from one place of the visit to another.

    Legs departing before the visit's midpoint make the way there, the others the way home.
    The journey there is its first legs up to the first stop longer than a change of planes
    (``CONNECTION``): a change in Oslo does not bring anyone to Bergen, but a night in
    Oslo does, and the meetings there are no problem. Before arrival means before that
    journey lands. The journey home is likewise the last legs from the last longer stop on.
    A leg between them (the train from Oslo to Bergen on the second day) only clashes with
    the items held while it travels. An item that is over by the time the journey there
    begins, in the zone it sets out from, is at home (a briefing at Riga airport) and is no
    problem; likewise an item after the journey home has ended, in the zone it ends in.
    """
    timed = [
        _Leg(leg, to_utc(leg.departs, leg.departs_tz), to_utc(leg.arrives, leg.arrives_tz))
        for leg in legs
    ]
    midpoint = _midpoint(frame)
    # (item rank, kind rank, leg key) -> affected people; one problem per item and leg.
    hits: dict[tuple[int, int, str], list[str]] = {}
    leg_by_key: dict[str, _Leg] = {}
    for person in [p.person_key for p in taking]:
        mine = sorted(
            (leg for leg in timed if leg.entry.passengers == ALL or person in leg.entry.passengers),
            key=lambda leg: (leg.departs_utc, leg.entry.key),
        )
        inbound = [leg for leg in mine if leg.departs_utc < midpoint]
        outbound = [leg for leg in mine if leg.departs_utc >= midpoint]
        there = _journey(inbound)
        home = _journey(outbound[::-1], backwards=True)[::-1]
        attended = [item for item in items if person in item.attendees]
        if there:
            _before_arrival(person, there, attended, hits, leg_by_key)
        if home:
            _after_departure(person, home, attended, hits, leg_by_key)
        for leg in mine:
            if leg not in there and leg not in home:
                _while_travelling(person, leg, attended, hits, leg_by_key)
    return [
        _travel_problem(items[rank], rank, kind_rank, leg_by_key[leg_key], persons, order, names)
        for (rank, kind_rank, leg_key), persons in hits.items()
    ]


# A stop longer than this between two legs is a stay, not a change of planes or trains.
CONNECTION = dt.timedelta(hours=6)


def _journey(legs: list[_Leg], *, backwards: bool = False) -> list[_Leg]:
    """The first legs of ``legs`` (in travel order; ``backwards``: from the last) that
    follow each other with no stop longer than ``CONNECTION``."""
    chain = legs[:1]
    for leg in legs[1:]:
        last = chain[-1]
        stop = (
            last.departs_utc - leg.arrives_utc if backwards else leg.departs_utc - last.arrives_utc
        )
        if stop > CONNECTION:
            break
        chain.append(leg)
    return chain


def _while_travelling(
    person: str,
    leg: _Leg,
    attended: list[_Item],
    hits: dict[tuple[int, int, str], list[str]],
    leg_by_key: dict[str, _Leg],
) -> None:
    """The items ``person`` attends while ``leg`` carries them between two places of the
    visit: one begun before it leaves ends too late, any other begins too early."""
    for item in attended:
        if item.starts_utc < leg.arrives_utc and item.ends_utc > leg.departs_utc:
            leg_by_key[leg.entry.key] = leg
            kind_rank = 3 if item.starts_utc < leg.departs_utc else 2
            hits.setdefault((item.rank, kind_rank, leg.entry.key), []).append(person)


def _before_arrival(
    person: str,
    inbound: list[_Leg],
    attended: list[_Item],
    hits: dict[tuple[int, int, str], list[str]],
    leg_by_key: dict[str, _Leg],
) -> None:
    """The items ``person`` attends before their last inbound leg lands, unless over at
    home before the journey there began."""
    landing = max(inbound, key=lambda leg: (leg.arrives_utc, leg.entry.key))
    setting_out = min(inbound, key=lambda leg: (leg.departs_utc, leg.entry.key))
    leg_by_key[landing.entry.key] = landing
    for item in attended:
        if item.starts_utc >= landing.arrives_utc:
            continue
        at_home = (
            item.ends_utc <= setting_out.departs_utc
            and item.entry.timezone == setting_out.entry.departs_tz
        )
        if not at_home:
            hits.setdefault((item.rank, 2, landing.entry.key), []).append(person)


def _after_departure(
    person: str,
    outbound: list[_Leg],
    attended: list[_Item],
    hits: dict[tuple[int, int, str], list[str]],
    leg_by_key: dict[str, _Leg],
) -> None:
    """The items ``person`` attends after their first leg home departs, unless at home
    after the journey home ended."""
    leaving = min(outbound, key=lambda leg: (leg.departs_utc, leg.entry.key))
    home = max(outbound, key=lambda leg: (leg.arrives_utc, leg.entry.key))
    leg_by_key[leaving.entry.key] = leaving
    for item in attended:
        if item.ends_utc <= leaving.departs_utc:
            continue
        back_home = (
            item.starts_utc >= home.arrives_utc and item.entry.timezone == home.entry.arrives_tz
        )
        if not back_home:
            hits.setdefault((item.rank, 3, leaving.entry.key), []).append(person)


def _travel_problem(
    item: _Item,
    rank: int,
    kind_rank: int,
    leg: _Leg,
    persons: list[str],
    order: dict[str, int],
    names: dict[str, str],
) -> tuple[int, int, tuple[object, ...], Problem]:
    """One item and one leg with the people it clashes for, as a problem and its sort key
    (kind rank 2: before arrival; 3: after departure)."""
    people = tuple(sorted(persons, key=order.__getitem__))
    if kind_rank == 2:
        message = _(
            "“{item}” ({when}) begins before {people} can be there: {leg} arrives at {arrival}."
        ).format(
            item=item.entry.title,
            when=_span(item.entry),
            people=_names(people, names),
            leg=leg.entry.label,
            arrival=_moment(leg.entry.arrives, leg.entry.arrives_tz),
        )
        kind, instant = BEFORE_ARRIVAL, leg.arrives_utc
    else:
        message = _(
            "“{item}” ({when}) ends after {people} must leave: {leg} departs at {departure}."
        ).format(
            item=item.entry.title,
            when=_span(item.entry),
            people=_names(people, names),
            leg=leg.entry.label,
            departure=_moment(leg.entry.departs, leg.entry.departs_tz),
        )
        kind, instant = AFTER_DEPARTURE, leg.departs_utc
    problem = Problem(
        kind, message, item_keys=(item.entry.key,), person_keys=people, leg_keys=(leg.entry.key,)
    )
    return rank, kind_rank, (instant, leg.entry.key), problem


# -- wording ---------------------------------------------------------------------------------


def _names(keys: Sequence[str], names: dict[str, str]) -> str:
    return ", ".join(names[k] for k in keys)


def _moment(local: dt.datetime, zone: str) -> str:
    """A local time with its date and zone, as the traveller's ticket would show it."""
    return _("{date} {time} {zone}").format(
        date=format_date(local.date()), time=format_time(local), zone=zone
    )


def _span(entry: ItemEntry) -> str:
    """An item's local time span with its zone (the time at the venue)."""
    return _span_text(entry.starts, entry.ends, entry.timezone, current_language())


@lru_cache(maxsize=4096)
def _span_text(starts: dt.datetime, ends: dt.datetime, zone: str, _lang: str) -> str:
    # Cached: a programme's items share their times, and Babel takes ~0.1 ms a call.
    if starts.date() == ends.date():
        return _("{date} {start}–{end} {zone}").format(
            date=format_date(starts.date()),
            start=format_time(starts),
            end=format_time(ends),
            zone=zone,
        )
    return _("{start} – {end} {zone}").format(
        start=f"{format_date(starts.date())} {format_time(starts)}",
        end=f"{format_date(ends.date())} {format_time(ends)}",
        zone=zone,
    )
