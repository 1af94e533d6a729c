"""``VTIMEZONE`` blocks in the yearly-rule form that every calendar client reads.

``icalendar`` describes a zone as long ``RDATE`` lists ("only works 1970–2038"); Mozilla's
ical.js (Thunderbird) and vobject then placed a 14:00 Europe/Oslo meeting an hour off
(docs/pitfalls.md). Calendar servers write each zone as a few observances that repeat yearly
(``RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU``), and so does this module.

The observances are measured from ``zoneinfo`` itself, not typed in: every change of offset
in the years the calendar covers is found, and changes that fall on the same weekday rule
(same month, same "n-th or last" weekday, same wall time, same offsets) become one
observance with a yearly rule. A change that follows no rule (a zone that moved for good)
is an observance of its own. Writing the rules from the measured changes keeps the file
right also for a zone whose rules changed within the years of the calendar.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

STABLE_FROM = 2000  # the first year every zone is described from (see ``vtimezone``)
_DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_UTC = dt.UTC


@dataclass(frozen=True)
class _Change:
    """One change of a zone's offset: the UTC instant and the offsets on either side."""

    at_utc: dt.datetime
    before: dt.timedelta
    after: dt.timedelta
    name: str
    dst: bool

    @property
    def local(self) -> dt.datetime:
        """The wall time at the change, on the clock as it read before (RFC 5545 §3.6.5)."""
        return (self.at_utc + self.before).replace(tzinfo=None)

    def rule(self) -> tuple[Any, ...]:
        """What a yearly rule must keep: month, weekday, n-th (−1 = last), time, offsets."""
        local = self.local
        last_day = _calendar.monthrange(local.year, local.month)[1]
        nth = -1 if local.day + 7 > last_day else (local.day - 1) // 7 + 1
        return (
            local.month,
            local.weekday(),
            nth,
            local.time(),
            self.before,
            self.after,
            self.name,
            self.dst,
        )


def _offset(zone: ZoneInfo, at_utc: dt.datetime) -> tuple[dt.timedelta, str, bool]:
    local = at_utc.astimezone(zone)
    return (local.utcoffset() or dt.timedelta(0), local.tzname() or "", bool(local.dst()))


def _changes(zone: ZoneInfo, start: dt.datetime, end: dt.datetime) -> list[_Change]:
    """Every offset change between two UTC instants, each found to the minute."""
    found: list[_Change] = []
    step = dt.timedelta(hours=12)
    at = start
    state = _offset(zone, at)
    while at < end:
        nxt = at + step
        new = _offset(zone, nxt)
        if new != state:
            low, high = at, nxt
            while high - low > dt.timedelta(minutes=1):
                mid = low + (high - low) / 2
                mid = mid.replace(second=0, microsecond=0)
                if mid <= low:
                    break
                if _offset(zone, mid) == state:
                    low = mid
                else:
                    high = mid
            found.append(_Change(high, state[0], new[0], new[1], new[2]))
            state = new
        at = nxt
    return found


def _groups(changes: list[_Change]) -> list[list[_Change]]:
    """Runs of changes of the same kind in consecutive years that keep one yearly rule."""
    groups: list[list[_Change]] = []
    open_by_kind: dict[tuple[Any, ...], list[_Change]] = {}
    for change in changes:
        kind = (change.before, change.after, change.name, change.dst)
        run = open_by_kind.get(kind)
        if (
            run is not None
            and run[-1].rule() == change.rule()
            and run[-1].local.year + 1 == change.local.year
        ):
            run.append(change)
            continue
        run = [change]
        open_by_kind[kind] = run
        groups.append(run)
    return groups


def vtimezone(tzid: str, first: dt.date, last: dt.date) -> Any:
    """The ``VTIMEZONE`` component of ``tzid`` for events between ``first`` and ``last``.

    The measured years run from ``STABLE_FROM`` (or the year before ``first``, when
    earlier) to the year after ``last``, so a zone is written alike in every file of
    events since then: vobject keeps the first definition of a TZID it reads for all
    later files, as a client that caches zones would, and an event older than that
    definition's start would then be misplaced. An opening observance states the offset at their start, so no reader has to guess the
    offset before the first change. A rule still in force at the end is left open (no
    ``UNTIL``), as calendar servers write it.
    """
    from icalendar import Timezone, TimezoneDaylight, TimezoneStandard
    from icalendar.prop import vRecur

    zone = ZoneInfo(tzid)
    start = dt.datetime(min(first.year - 1, STABLE_FROM), 1, 1, tzinfo=_UTC)
    end = dt.datetime(last.year + 2, 1, 1, tzinfo=_UTC)
    tz = Timezone()
    tz.add("tzid", tzid)
    offset, name, dst = _offset(zone, start)
    opening = TimezoneDaylight() if dst else TimezoneStandard()
    opening.add("dtstart", (start + offset).replace(tzinfo=None))
    opening.add("tzoffsetfrom", offset)
    opening.add("tzoffsetto", offset)
    if name:
        opening.add("tzname", name)
    tz.add_component(opening)
    for group in _groups(_changes(zone, start, end)):
        head = group[0]
        part = TimezoneDaylight() if head.dst else TimezoneStandard()
        part.add("dtstart", head.local)
        part.add("tzoffsetfrom", head.before)
        part.add("tzoffsetto", head.after)
        if head.name:
            part.add("tzname", head.name)
        if len(group) > 1:
            month, weekday, nth, *_rest = head.rule()
            rule: dict[str, Any] = {
                "freq": "yearly",
                "bymonth": month,
                "byday": f"{nth}{_DAY_CODES[weekday]}",
            }
            if group[-1].local.year < end.year - 1:
                # A day after the last change: vobject compares UNTIL (UTC) with the local
                # onset and dropped a last change falling exactly on it.
                rule["until"] = group[-1].at_utc + dt.timedelta(days=1)
            part.add("rrule", vRecur(rule))
        tz.add_component(part)
    return tz


def add_timezones(cal: Any) -> None:
    """Put a ``VTIMEZONE`` for each zone the calendar's events use, in yearly-rule form."""
    zones: dict[str, list[dt.date]] = {}
    for component in cal.walk("VEVENT"):
        for name in ("DTSTART", "DTEND"):
            prop = component.get(name)
            if prop is None:
                continue
            value = prop.dt
            tzid = prop.params.get("TZID")
            if tzid and isinstance(value, dt.datetime):
                zones.setdefault(str(tzid), []).append(value.date())
    blocks = [vtimezone(tzid, min(days), max(days)) for tzid, days in sorted(zones.items())]
    cal.subcomponents[0:0] = blocks  # before the events, where Outlook looks for them
