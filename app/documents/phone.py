"""The itinerary on the phone: one self-contained HTML file per person taking part.

A delegate abroad has a phone, often no data roaming, and no app of ours. So each person
gets one HTML file (sent by e-mail or messenger, opened from the phone's files) that needs
nothing else: no external font, script, style sheet or image, so it opens offline in any
browser. It holds only that person's part of the visit (as the printed itinerary does):
their items, journeys and room, every time in the venue's own zone and said so; numbers to
tap (hosts' contacts, the coordinator, emergency numbers); the hotel as a large card to
show a taxi driver, with its name and address as the hotel writes them; map links.

"Today first": a few lines of inline script move the day that is today *in the visit's
zone* to the top and mark it. Without script the days simply stay in order. The file stays
small (a four-day visit is a few tens of kilobytes; the limit tested is 200 KB).
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from app.documents.data import (
    ItemDoc,
    LegDoc,
    PersonDoc,
    StayDoc,
    VisitDoc,
    find_person,
    load_visit,
)
from app.documents.words import (
    TRAVEL_MODES,
    date_phrase,
    day_heading,
    day_in_sentence,
    label,
    language,
    role_label,
    time_text,
    tr,
)

_MAP_SEARCH = "https://www.openstreetmap.org/search?query="

_STYLE = """
:root{color-scheme:light dark;--fg:#1b1f24;--bg:#ffffff;--muted:#4a5560;--line:#d0d7de;
--accent:#0b5394;--card:#f3f6f9;--today:#fff4d6}
@media (prefers-color-scheme:dark){:root{--fg:#e8eaed;--bg:#15181c;--muted:#b4bcc5;
--line:#3a4149;--accent:#8ab4f8;--card:#20252b;--today:#3b3420}}
*{box-sizing:border-box}
body{margin:0;font:17px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
color:var(--fg);background:var(--bg)}
main{max-width:40rem;margin:0 auto;padding:0 1rem 3rem}
header{padding:1rem 0 .5rem;border-bottom:1px solid var(--line)}
h1{font-size:1.35rem;margin:.2rem 0}h2{font-size:1.15rem;margin:1.4rem 0 .4rem}
h3{font-size:1rem;margin:.2rem 0}
p{margin:.3rem 0}.muted{color:var(--muted);font-size:.92rem}
a{color:var(--accent)}
.day{border:1px solid var(--line);border-radius:.6rem;padding:.6rem .8rem;margin:.8rem 0}
.day.today{background:var(--today)}
.badge{display:none;font-size:.8rem;font-weight:700;padding:.05rem .45rem;border-radius:1rem;
background:var(--accent);color:var(--bg);margin-left:.4rem;vertical-align:middle}
.today .badge{display:inline-block}
ol.events{list-style:none;margin:0;padding:0}
ol.events>li{padding:.55rem 0;border-top:1px solid var(--line)}
ol.events>li:first-child{border-top:0}
.time{font-weight:700;font-variant-numeric:tabular-nums}
.card{background:var(--card);border-radius:.6rem;padding:.8rem;margin:.6rem 0}
.taxi{font-size:1.35rem;line-height:1.3}
.call{display:inline-block;padding:.45rem .8rem;margin:.2rem 0;border:1px solid var(--accent);
border-radius:.5rem;text-decoration:none;font-weight:600}
ul.plain{list-style:none;padding:0;margin:0}ul.plain li{margin:.35rem 0}
"""

# Moves today's day (today in the visit's zone, not the phone's) to the top and marks it.
_SCRIPT = """
(function(){try{var z=document.body.getAttribute('data-zone');
var t=new Intl.DateTimeFormat('en-CA',{timeZone:z,year:'numeric',month:'2-digit',
day:'2-digit'}).format(new Date());var d=document.getElementById('day-'+t);
if(!d)return;d.classList.add('today');var box=document.getElementById('days');
box.insertBefore(d,box.firstChild);}catch(e){}})();
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _p(text: str, css: str = "") -> str:
    """A paragraph of plain (escaped) text."""
    attribute = f' class="{css}"' if css else ""
    return f"<p{attribute}>{_e(text)}</p>"


def _tel(number: str) -> str:
    """A ``tel:`` address: digits and a leading plus only (spaces and dashes dropped)."""
    digits = re.sub(r"[^\d+]", "", number)
    return "tel:" + (digits[:1] + digits[1:].replace("+", "") if digits else "")


def _call(number: str | None, who: str = "") -> str:
    if not number:
        return ""
    text = f"{who}: {number}" if who else number
    return f'<a class="call" href="{_e(_tel(number))}">{_e(text)}</a>'


def _map(address: str, lang: str) -> str:
    text = tr(lang, "Show on the map")
    return f'<a href="{_e(_MAP_SEARCH + quote(address))}">{_e(text)}</a>'


def _zone_said(zone: str, lang: str) -> str:
    return tr(lang, "Local time ({zone})").format(zone=zone)


def _span(starts: dt.datetime, ends: dt.datetime, lang: str) -> str:
    return f"{time_text(starts, lang)}–{time_text(ends, lang)}"


def _item(item: ItemDoc, lang: str, day_zone: str) -> str:
    parts = [f'<li><p><span class="time">{_e(_span(item.starts, item.ends, lang))}</span>']
    if item.timezone != day_zone:
        parts.append(f' <span class="muted">({_e(_zone_said(item.timezone, lang))})</span>')
    parts.append("</p>")
    if item.track:
        parts.append(f'<p class="muted">{_e(item.track)}</p>')
    parts.append(f"<h3>{_e(item.title_in(lang))}</h3>")
    description = item.description_in(lang)
    if description:
        parts.append(f"<p>{_e(description)}</p>")
    if item.host is not None:
        name = item.host.shown(lang)
        own = item.host.own(lang)
        if own:
            name += f" ({own})"
        parts.append(_p(tr(lang, "Host: {name}").format(name=name)))
    if item.venue or item.address:
        where = ", ".join(x for x in (item.venue, item.address) if x)
        link = f" · {_map(item.address or item.venue or '', lang)}"
        parts.append(f"<p>{_e(where)}{link}</p>")
    if item.contact is not None:
        contact = item.contact
        who = ", ".join(x for x in (contact.name, contact.position) if x)
        parts.append(_p(tr(lang, "Contact: {name}").format(name=who)))
        if contact.phone:
            parts.append(f"<p>{_call(contact.phone)}</p>")
    if item.interpreter:
        parts.append(_p(tr(lang, "Interpretation provided"), "muted"))
    parts.append("</li>")
    return "".join(parts)


def _leg(leg: LegDoc, lang: str) -> str:
    title = " ".join(x for x in (label(TRAVEL_MODES, leg.mode, lang), leg.ident) if x)
    times = tr(
        lang, "Departs {departs} ({from_zone}), arrives {arrives} ({to_zone}), local times."
    ).format(
        departs=time_text(leg.departs, lang),
        from_zone=leg.from_timezone,
        arrives=time_text(leg.arrives, lang),
        to_zone=leg.to_timezone,
    )
    parts = [
        f'<li><p><span class="time">{_e(time_text(leg.departs, lang))}</span></p>',
        f"<h3>{_e(title)}</h3>",
        f"<p>{_e(leg.from_place)} → {_e(leg.to_place)}</p>",
        f'<p class="muted">{_e(times)}</p>',
    ]
    if leg.booking_ref:  # the traveller's own page: their booking code belongs here
        parts.append(_p(tr(lang, "Booking reference: {ref}").format(ref=leg.booking_ref)))
    parts.append("</li>")
    return "".join(parts)


def _night(stay: StayDoc, day: dt.date, room: str | None, lang: str) -> str:
    text = tr(lang, "Check-in: {hotel}") if day == stay.check_in else tr(lang, "Overnight: {hotel}")
    parts = [f"<li><h3>{_e(text.format(hotel=stay.name))}</h3>"]
    if room:
        parts.append(_p(tr(lang, "Room {room}").format(room=room)))
    show = tr(lang, "Show to the driver")
    parts.append(f'<p><a href="#hotel-{_e(stay.key)}">{_e(show)}</a></p></li>')
    return "".join(parts)


def _days(visit: VisitDoc, person: PersonDoc, lang: str) -> str:
    from app.documents.itinerary import own_items, own_legs, own_rooms
    from app.documents.itinerary import room_text as itinerary_room

    # (night last?, when in UTC, text): the day's items and journeys by real time, the
    # night's hotel after them.
    events: dict[dt.date, list[tuple[bool, dt.datetime, str]]] = {}
    zones: dict[dt.date, str] = {}
    for item in own_items(visit, person):
        day = item.starts.date()
        zones.setdefault(day, item.timezone)
        events.setdefault(day, []).append((False, item.starts_utc, _item(item, lang, zones[day])))
    for leg in own_legs(visit, person):
        day = leg.departs.date()
        zones.setdefault(day, leg.from_timezone)
        events.setdefault(day, []).append((False, leg.departs_utc, _leg(leg, lang)))
    for stay, room in own_rooms(visit, person):
        room_text = itinerary_room(visit, person, room, lang)
        day = max(stay.check_in, person.arrives)
        while day < min(stay.check_out, person.departs):
            late = dt.datetime.combine(day, dt.time(23, 59))
            events.setdefault(day, []).append((True, late, _night(stay, day, room_text, lang)))
            day += dt.timedelta(days=1)
    if not events:
        return _p(tr(lang, "The programme has no meetings yet."))
    out = ['<div id="days">']
    today = tr(lang, "Today")
    for day in sorted(events):
        zone = zones.get(day, visit.timezone)
        rows = "".join(
            text for _night, _when, text in sorted(events[day], key=lambda e: (e[0], e[1]))
        )
        out.append(
            f'<section class="day" id="day-{day.isoformat()}" aria-labelledby="h-{day}">'
            f'<h2 id="h-{day}">{_e(day_heading(day, lang))}'
            f'<span class="badge">{_e(today)}</span></h2>'
            + _p(tr(lang, "Times in local time ({zone}).").format(zone=zone), "muted")
            + f'<ol class="events">{rows}</ol></section>'
        )
    out.append("</div>")
    return "".join(out)


def _hotels(visit: VisitDoc, person: PersonDoc, lang: str) -> str:
    from app.documents.itinerary import own_rooms

    seen: set[str] = set()
    out: list[str] = []
    for stay, _room in own_rooms(visit, person):
        if stay.key in seen:
            continue
        seen.add(stay.key)
        card = [
            f'<div class="card" id="hotel-{_e(stay.key)}">',
            _p(tr(lang, "Show to the driver"), "muted"),
            f'<p class="taxi"><strong>{_e(stay.name)}</strong></p>',
        ]
        if stay.address:
            card.append(f'<p class="taxi">{_e(stay.address)}</p>')
            card.append(f"<p>{_map(stay.address, lang)}</p>")
        if stay.phone:
            card.append(f"<p>{_call(stay.phone)}</p>")
        dates = tr(lang, "Check-in {check_in}, check-out {check_out}").format(
            check_in=day_in_sentence(stay.check_in, lang),
            check_out=day_in_sentence(stay.check_out, lang),
        )
        card.append(_p(dates, "muted"))
        card.append("</div>")
        out.append("".join(card))
    if not out:
        return ""
    heading = tr(lang, "Accommodation")
    return f'<h2 id="hotel">{_e(heading)}</h2>' + "".join(out)


def _contacts(visit: VisitDoc, lang: str) -> str:
    rows: list[str] = []
    coordinator = visit.coordinator
    if coordinator is not None:
        name = tr(lang, "Coordinator: {name}").format(name=coordinator.full_name)
        rows.append(
            f"<li>{_e(name)}<br/>{_call(coordinator.phone)}"
            + (
                f' <a href="mailto:{_e(coordinator.email)}">{_e(coordinator.email)}</a>'
                if coordinator.email
                else ""
            )
            + "</li>"
        )
    for what, number in visit.emergency:
        if number:
            rows.append(f"<li>{_call(number, what)}</li>")
    if not rows:
        return ""
    heading = tr(lang, "Emergency numbers and contacts")
    return f'<h2 id="help">{_e(heading)}</h2><ul class="plain">{"".join(rows)}</ul>'


def phone_page(visit: VisitDoc, person: PersonDoc, lang: str) -> str:
    """One person's itinerary as a complete HTML document (a string)."""
    role = role_label(person, lang)
    org = person.organisation.shown(lang) if person.organisation else None
    who = " · ".join(x for x in (role, person.position, org) if x)
    title = f"{visit.title_in(lang)} · {person.full_name}"
    dates = date_phrase(person.arrives, person.departs, lang)
    links = (
        ("#days", tr(lang, "Programme")),
        ("#hotel", tr(lang, "Accommodation")),
        ("#help", tr(lang, "Emergency numbers and contacts")),
    )
    header = "".join(
        [
            "<header>",
            _p(tr(lang, "Personal itinerary"), "muted"),
            f"<h1>{_e(person.full_name)}</h1>",
            _p(who),
            f"<p><strong>{_e(visit.title_in(lang))}</strong></p>",
            _p(tr(lang, "You take part {dates}.").format(dates=dates)),
            _p(
                tr(
                    lang, "Every time is the local time of the place, and the page says which zone."
                ),
                "muted",
            ),
            "<nav>",
            " · ".join(f'<a href="{href}">{_e(text)}</a>' for href, text in links),
            "</nav></header>",
        ]
    )
    content = f"{_days(visit, person, lang)}{_hotels(visit, person, lang)}{_contacts(visit, lang)}"
    return (
        f'<!DOCTYPE html>\n<html lang="{_e(lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{_e(title)}</title><style>{_STYLE}</style></head>"
        f'<body data-zone="{_e(visit.timezone)}"><main>{header}{content}</main>'
        f"<script>{_SCRIPT}</script></body></html>\n"
    )


def write_pages(
    visit: VisitDoc, people: Sequence[PersonDoc], folder: Path, lang: str
) -> list[Path]:
    """Write each person's page into ``folder`` (each file put in place atomically)."""
    from app.documents.common import write_atomically
    from app.documents.itinerary import person_file_name

    written = []
    for person in people:
        page = phone_page(visit, person, lang)

        def write(tmp: str, page: str = page) -> None:
            with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(page)

        written.append(write_atomically(folder / person_file_name(person, ".html"), write))
    return written


def build_phone(
    db: Any,
    visit_ref: str | int,
    out_path: str | os.PathLike[str],
    *,
    lang: str | None = None,
    person: str | int | None = None,
    progress: Any = None,
    cancel: Any = None,
) -> Path:
    """Phone pages of everyone taking part (or of ``person``) in the folder ``out_path``."""
    from app.documents import common as c

    visit = load_visit(db, visit_ref)
    lang = language(lang, visit.default_language)
    people = [find_person(visit, person)] if person is not None else list(visit.people)
    folder = Path(out_path)
    folder.mkdir(parents=True, exist_ok=True)
    step = c.Step(progress, cancel, total=len(people) + 1)
    step.advance()
    for one in people:
        write_pages(visit, [one], folder, lang)
        step.advance()
    step.finish()
    return folder
