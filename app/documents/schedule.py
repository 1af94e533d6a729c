"""The day-by-day schedule: one table per day, shared by the programme and itineraries.

Each day lists, in real-time order, the programme items, the travel legs that depart that
day and the night's hotel. Times are the venue's wall-clock times; when a day's venues are
not in Riga's zone, a note under the day's heading names the zone and the difference from
Riga, and an item or a journey in another zone than the day's carries its own zone (a
minibus to Riga airport keeps Riga time on a day in Warsaw time). Parallel sessions
(overlapping items of different tracks) are grouped under one band, each with its track.
Long descriptions continue in further rows, so no row is ever taller than a page. A day
that runs on to the next page opens there again with its heading ("Piektdiena, 9. aprīlis
(turpinājums)"), its zone note, the column heads and, inside parallel sessions, their band
(``DayTable``). Booking references are printed only in a traveller's own schedule.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, PageBreak, Table

from app.documents import common as c
from app.documents.data import ItemDoc, LegDoc, StayDoc, VisitDoc, person_order
from app.documents.words import TRAVEL_MODES, label, number, time_text, tr
from app.domain.validation import to_utc

RIGA = "Europe/Riga"
WIDTHS = (24 * mm, 94 * mm, c.FRAME_WIDTH - 118 * mm)
CHUNK = 1100  # characters of description per row: a row stays far shorter than a page


@dataclass(frozen=True)
class Night:
    """A night at a hotel, with the room when the schedule is someone's own."""

    stay: StayDoc
    day: dt.date
    room: str | None = None


def chunks(text: str, size: int = CHUNK) -> list[str]:
    """``text`` in pieces of at most ``size`` characters, cut at a line end or space."""
    pieces: list[str] = []
    rest = text.strip("\n")
    while len(rest) > size:
        cut = rest.rfind("\n", size // 2, size)
        if cut < 0:
            cut = rest.rfind(" ", size // 2, size)
        if cut < 0:
            cut = size
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip(" \n")
    if rest:
        pieces.append(rest)
    return pieces


def zone_note(zone: str, on: dt.date, lang: str) -> str | None:
    """ "Local time (Europe/Oslo), 1 h behind Riga." — None when the clocks agree."""
    noon = dt.datetime.combine(on, dt.time(12))
    diff = (to_utc(noon, RIGA) - to_utc(noon, zone)).total_seconds() / 3600
    if diff == 0:
        return (
            None
            if zone == RIGA
            else tr(lang, "Local time ({zone}), the same as in Riga.").format(zone=zone)
        )
    hours = number(abs(diff), lang)
    if diff < 0:
        return tr(lang, "Local time ({zone}), {hours} h behind Riga.").format(
            zone=zone, hours=hours
        )
    return tr(lang, "Local time ({zone}), {hours} h ahead of Riga.").format(zone=zone, hours=hours)


def _span(starts: dt.datetime, ends: dt.datetime, lang: str) -> str:
    text = f"{time_text(starts, lang)}–{time_text(ends, lang)}"
    if ends.date() != starts.date():
        text += " (+1)" if (ends.date() - starts.date()).days == 1 else ""
    return text


def host_lines(item: ItemDoc, lang: str) -> list[str]:
    """Host (name in the programme's language and in its own) and contact, as markup."""
    lines = []
    if item.host is not None:
        name = c.safe(item.host.shown(lang))
        own = item.host.own(lang)
        if own:
            name += f" ({c.safe(own)})"
        lines.append(c.fill(tr(lang, "Host: {name}"), name=name))
    if item.contact is not None:
        contact = item.contact
        parts = [c.safe(contact.name)]
        parts += [c.safe(x) for x in (contact.position, contact.phone, contact.email) if x]
        lines.append(c.fill(tr(lang, "Contact: {name}"), name=", ".join(parts)))
    return lines


def attending(visit: VisitDoc, item: ItemDoc, lang: str) -> str | None:
    """ "Attending: …" for an item meant for some of the group, in the usual order."""
    if item.everyone:
        return None
    people = sorted(
        (visit.by_key[k] for k in item.attendees if k in visit.by_key), key=person_order
    )
    return (
        tr(lang, "Attending: {names}").format(names=", ".join(p.full_name for p in people))
        if people
        else None
    )


def item_rows(
    item: ItemDoc, lang: str, zone_shown: bool, who: str | None = None
) -> list[list[Any]]:
    """One row for an item, plus continuation rows for a long description."""
    st = c.styles()
    time = c.bold(_span(item.starts, item.ends, lang))
    if zone_shown:
        time += f"<br/>{c.muted(item.timezone)}"
    what = ""
    if item.track:
        what += f'<font color="{c.ACCENT.hexval()}"><b>{c.safe(item.track)}</b></font><br/>'
    what += c.bold(item.title_in(lang))
    description = item.description_in(lang) or ""
    pieces = chunks(description) if description else []
    details = host_lines(item, lang)
    if who:
        details.append(c.safe(who))
    if item.interpreter:
        details.append(c.safe(tr(lang, "Interpretation provided")))
    first_text = pieces[0] if pieces else ""
    if first_text:
        what += f"<br/>{c.safe(first_text)}"
    where = ""
    if item.venue:
        where += c.bold(item.venue)
    if item.address:
        where += ("<br/>" if where else "") + c.safe(item.address)
    tail = [c.P("<br/>".join(details), st["cell_small"])] if details else []
    rows: list[list[Any]] = []
    if len(pieces) <= 1:
        rows.append([c.P(time, st["cell"]), [c.P(what, st["cell"]), *tail], c.P(where, st["cell"])])
        return rows
    rows.append([c.P(time, st["cell"]), c.P(what, st["cell"]), c.P(where, st["cell"])])
    for index, piece in enumerate(pieces[1:], start=1):
        cell: list[Any] = [c.P(c.safe(piece), st["cell"])]
        if index == len(pieces) - 1:
            cell += tail
        rows.append(["", cell, ""])
    return rows


def leg_title(leg: LegDoc, lang: str) -> str:
    """ "Flight airBaltic BT 165"."""
    return " ".join(x for x in (label(TRAVEL_MODES, leg.mode, lang), leg.ident) if x)


def leg_rows(
    leg: LegDoc, lang: str, zone: str | None = None, booking: bool = False
) -> list[list[Any]]:
    """A journey's row; ``zone`` is the day's (a journey in another one says its own),
    ``booking``: print the booking reference (only in the traveller's own documents)."""
    st = c.styles()
    time = c.bold(f"{time_text(leg.departs, lang)} – {time_text(leg.arrives, lang)}")
    if zone is not None and leg.from_timezone == leg.to_timezone != zone:
        time += f"<br/>{c.muted(leg.from_timezone)}"
    what = c.bold(leg_title(leg, lang)) + f"<br/>{c.safe(leg.from_place)} – {c.safe(leg.to_place)}"
    small = []
    if leg.from_timezone != leg.to_timezone or leg.departs.date() != leg.arrives.date():
        small.append(
            c.safe(
                tr(
                    lang,
                    "Departs {departs} ({from_zone}), arrives {arrives} ({to_zone}), local times.",
                ).format(
                    departs=f"{time_text(leg.departs, lang)}",
                    from_zone=leg.from_timezone,
                    arrives=f"{time_text(leg.arrives, lang)}",
                    to_zone=leg.to_timezone,
                )
            )
        )
    if booking and leg.booking_ref:
        small.append(c.safe(tr(lang, "Booking reference: {ref}").format(ref=leg.booking_ref)))
    cell: list[Any] = [c.P(what, st["cell"])]
    if small:
        cell.append(c.P("<br/>".join(small), st["cell_small"]))
    return [[c.P(time, st["cell"]), cell, c.P(c.safe(leg.from_place), st["cell"])]]


def night_rows(night: Night, lang: str) -> list[list[Any]]:
    st = c.styles()
    stay = night.stay
    if night.day == stay.check_in:
        text = tr(lang, "Check-in: {hotel}").format(hotel=stay.name)
    else:
        text = tr(lang, "Overnight: {hotel}").format(hotel=stay.name)
    what = c.bold(text)
    if night.room:
        what += "<br/>" + c.safe(tr(lang, "Room {room}").format(room=night.room))
    where = "<br/>".join(c.safe(x) for x in (stay.address, stay.phone) if x)
    return [["", c.P(what, st["cell"]), c.P(where, st["cell"])]]


def _dominant_zone(items: Sequence[ItemDoc], default: str) -> str:
    if not items:
        return default
    return Counter(item.timezone for item in items).most_common(1)[0][0]


def _groups(items: Sequence[ItemDoc]) -> list[list[ItemDoc]]:
    """Items in order, parallel sessions (overlapping, different tracks) gathered together."""
    groups: list[list[ItemDoc]] = []
    block_end: dt.datetime | None = None
    for item in items:
        ends_utc = to_utc(item.ends, item.timezone)
        if (
            groups
            and item.track
            and block_end is not None
            and item.starts_utc < block_end
            and all(other.track for other in groups[-1])
        ):
            groups[-1].append(item)
            block_end = max(block_end, ends_utc)
            continue
        groups.append([item])
        block_end = ends_utc
    return groups


def _cached(cache: dict[Any, Any] | None, key: Any, make: Any, *args: Any) -> Any:
    """Rows built once per document run: itineraries of 50 people share the same items."""
    if cache is None:
        return make(*args)
    if key not in cache:
        cache[key] = make(*args)
    return cache[key]


class DayTable(Table):
    """A day's table that, split at a page end, opens the day again on the next page.

    The part on the next page is preceded by a page break and by ``reopen()`` (the day's
    heading marked as continued, and its zone note); when the split falls inside parallel
    sessions, their band row is repeated under the column heads. ``band_of[i]`` is the row
    of the band that row ``i`` belongs to (None outside parallel sessions). ReportLab builds
    the parts with this class, so a day longer than two pages is reopened on each.
    """

    band_of: Sequence[int | None] = ()
    reopen: Any = None  # () -> list of flowables
    # row → (time, title) of the item whose long description that row continues: a page
    # that starts with such a row names the item again ("Darba grupa B (turpinājums)")
    continues: dict[int, tuple[str, str]] = {}  # noqa: RUF012  replaced per instance
    continued_word = ""
    repeatRows: int | tuple[int, ...]  # ReportLab's, set by Table.__init__

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        parts = super().split(availWidth, availHeight)
        if len(parts) != 2 or not isinstance(parts[1], Table):
            return parts
        heads = self.repeatRows if isinstance(self.repeatRows, int) else 0
        cut = len(parts[0]._cellvalues)
        band = self.band_of[cut] if cut < len(self.band_of) else None
        if band is not None:
            # split once more, now repeating the band row as ReportLab repeats the heads
            self.repeatRows = (*range(heads), band)
            try:
                again = super().split(availWidth, availHeight)
            finally:
                self.repeatRows = heads
            if len(again) == 2 and len(again[0]._cellvalues) == cut:
                parts = again
            else:
                band = None
        rest = parts[1]
        rest.repeatRows = heads
        lead: list[int | None] = [None] * heads
        if band is not None:
            lead.append(None)
        offset = len(lead)
        rest.band_of = lead + [
            None if b is None else heads if b == band else b - cut + offset
            for b in self.band_of[cut:]
        ]
        rest.reopen = self.reopen
        rest.continued_word = self.continued_word
        rest.continues = {
            row - cut + offset: named for row, named in self.continues.items() if row > cut
        }
        if cut in self.continues:
            time, title = self.continues[cut]
            st = c.styles()
            cells = list(rest._cellvalues[offset])
            old = cells[1] if isinstance(cells[1], list) else [cells[1]]
            cells[0] = c.P(c.bold(time), st["cell"])
            cells[1] = [c.P(f"{c.bold(title)} {c.muted(self.continued_word)}", st["cell"]), *old]
            rest._cellvalues[offset] = cells
            rest._argH[offset] = None  # measured anew with the item's name above
        opening = self.reopen() if self.reopen is not None else []
        return [parts[0], PageBreak(), *opening, rest]


def day_flowables(
    visit: VisitDoc,
    day: dt.date,
    items: Sequence[ItemDoc],
    legs: Sequence[LegDoc],
    nights: Sequence[Night],
    lang: str,
    cache: dict[Any, Any] | None = None,
    *,
    names: bool = True,
    booking: bool = False,
) -> list[Any]:
    """The heading, zone note and table of one day (nothing if the day is empty).

    ``names``: items for a part of the group say who attends (the programme for all);
    a personal itinerary leaves that out. ``booking``: journeys show their booking
    reference (a personal itinerary only: a code and a surname can change a flight).
    """

    def who(item: ItemDoc) -> str | None:
        return attending(visit, item, lang) if names else None

    if not (items or legs or nights):
        return []
    st = c.styles()
    zone = _dominant_zone(items, visit.timezone)
    # Room for the heading and a few rows, else a new page: cheaper than keeping the heading
    # with a whole table, which would lay the table out once more.
    heading = c.day_heading(day, lang)
    note = zone_note(zone, day, lang)

    def opening(text: str) -> list[Any]:
        head = [c.P(c.safe(text), st["day"])]
        return [*head, c.P(c.safe(note), st["note"])] if note else head

    def reopen() -> list[Any]:
        return opening(tr(lang, "{day} (continued)").format(day=heading))

    out: list[Any] = [CondPageBreak(45 * mm), *opening(heading)]
    entries: list[tuple[dt.datetime, int, Any]] = []
    for grouped in _groups(items):
        entries.append((grouped[0].starts_utc, 0, grouped))
    for leg in legs:
        entries.append((leg.departs_utc, 1, leg))
    end_of_day = dt.datetime.max
    for night in nights:
        entries.append((end_of_day, 2, night))
    entries.sort(key=lambda e: (e[0], e[1]))
    rows: list[list[Any]] = [
        _cached(
            cache,
            "header",
            c.header_cells,
            [tr(lang, "Time"), tr(lang, "Programme"), tr(lang, "Place")],
        )
    ]
    extra: list[tuple[Any, ...]] = []
    band_of: list[int | None] = [None]
    continues: dict[int, tuple[str, str]] = {}

    def add_item(item: ItemDoc) -> None:
        start = len(rows)
        rows.extend(_item(item, lang, zone, cache, who(item)))
        for row in range(start + 1, len(rows)):
            continues[row] = (_span(item.starts, item.ends, lang), item.title_in(lang))

    for _when, kind, entry in entries:
        first = len(rows)
        if kind == 0:
            group: list[ItemDoc] = entry
            tracks = {item.track for item in group if item.track}
            if len(group) > 1 and len(tracks) > 1:
                band = tr(lang, "Parallel sessions: {tracks}").format(
                    tracks=", ".join(sorted(tracks))
                )
                rows.append([c.P(c.bold(band), st["cell_small"]), "", ""])
                extra += [
                    ("SPAN", (0, first), (-1, first)),
                    ("BACKGROUND", (0, first), (-1, first), c.TRACK_SHADE),
                ]
                body_start = len(rows)
                for item in group:
                    add_item(item)
                extra += [("LINEBEFORE", (1, body_start), (1, len(rows) - 1), 2, c.ACCENT)]
                band_of += [None] + [first] * (len(rows) - body_start)
            else:
                for item in group:
                    add_item(item)
        elif kind == 1:
            rows += _cached(
                cache, ("leg", entry.key, zone, booking), leg_rows, entry, lang, zone, booking
            )
            extra.append(("BACKGROUND", (0, first), (-1, len(rows) - 1), c.SHADE))
        else:
            rows += _cached(cache, ("night", entry), night_rows, entry, lang)
            extra.append(("BACKGROUND", (0, first), (-1, len(rows) - 1), c.SHADE))
        band_of += [None] * (len(rows) - len(band_of))
    table = c.table(rows, WIDTHS, extra=extra, kind=DayTable)
    table.band_of = band_of
    table.reopen = reopen
    table.continues = continues
    table.continued_word = tr(lang, "(continued)")
    out.append(table)
    return out


def _item(
    item: ItemDoc, lang: str, zone: str, cache: dict[Any, Any] | None, who: str | None
) -> Any:
    shown = item.timezone != zone
    return _cached(cache, ("item", item.key, shown), item_rows, item, lang, shown, who)


def schedule(
    visit: VisitDoc,
    lang: str,
    items: Iterable[ItemDoc],
    legs: Iterable[LegDoc],
    nights: Iterable[Night],
    cache: dict[Any, Any] | None = None,
    *,
    names: bool = True,
    booking: bool = False,
) -> list[Any]:
    """Every day of the visit (and any day with travel or items outside it), in order."""
    by_day_items: dict[dt.date, list[ItemDoc]] = {}
    for item in items:
        by_day_items.setdefault(item.starts.date(), []).append(item)
    by_day_legs: dict[dt.date, list[LegDoc]] = {}
    for leg in legs:
        by_day_legs.setdefault(leg.departs.date(), []).append(leg)
    by_day_nights: dict[dt.date, list[Night]] = {}
    for night in nights:
        by_day_nights.setdefault(night.day, []).append(night)
    days = sorted(set(by_day_items) | set(by_day_legs) | set(by_day_nights))
    out: list[Any] = []
    for day in days:
        out += day_flowables(
            visit,
            day,
            by_day_items.get(day, []),
            by_day_legs.get(day, []),
            by_day_nights.get(day, []),
            lang,
            cache,
            names=names,
            booking=booking,
        )
    return out


def nights_of(
    stay: StayDoc,
    room: str | None = None,
    *,
    first: dt.date | None = None,
    last: dt.date | None = None,
) -> list[Night]:
    """The nights at ``stay`` (check-in day to the day before check-out), within limits."""
    nights = []
    day = stay.check_in
    while day < stay.check_out:
        if (first is None or day >= first) and (last is None or day < last):
            nights.append(Night(stay, day, room))
        day += dt.timedelta(days=1)
    return nights
