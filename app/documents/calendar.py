"""The visit as an iCalendar file: one event per programme item and travel leg.

Times keep their own zones: an item in Bergen is 13:30 ``TZID=Europe/Oslo``; a flight
departs in ``Europe/Riga`` and lands in ``Europe/Oslo``. ``add_missing_timezones`` writes
the ``VTIMEZONE`` blocks, without which Outlook cannot place the events, in the yearly-rule
form that Thunderbird and vobject read too (``vtimezone``, docs/pitfalls.md). UIDs are the rows'
stable keys, so importing the file again updates the events instead of doubling them.
Meetings not yet confirmed are ``TENTATIVE``; a hotel stay is an all-day span that does not
make anyone busy. With ``person``, only what that person attends, travels on and sleeps in;
only then are booking references written (a code and a surname are enough to change a
flight, so a calendar of the whole visit, often shared, never carries them).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from app.documents import common as c
from app.documents.data import LegDoc, StayDoc, VisitDoc, find_person, load_visit
from app.documents.schedule import leg_title
from app.documents.vtimezone import add_timezones
from app.documents.words import language, tr

PRODID = "-//Study Visit Planner//studyvisit//EN"
UID_DOMAIN = "studyvisit"


def _aware(local: dt.datetime, zone: str) -> dt.datetime:
    return local.replace(tzinfo=ZoneInfo(zone))


def _item_event(visit: VisitDoc, item: Any, lang: str, stamp: dt.datetime) -> Any:
    from icalendar import Event

    event = Event()
    event.add("uid", f"{item.key}@{UID_DOMAIN}")
    event.add("dtstamp", stamp)
    event.add("dtstart", _aware(item.starts, item.timezone))
    event.add("dtend", _aware(item.ends, item.timezone))
    title = item.title_in(lang)
    event.add("summary", f"{item.track}: {title}" if item.track else title)
    event.add("status", "CONFIRMED" if item.confirmed else "TENTATIVE")
    location = ", ".join(x for x in (item.venue, item.address) if x)
    if location:
        event.add("location", location)
    lines = []
    description = item.description_in(lang)
    if description:
        lines.append(description)
    if item.host is not None:
        name = item.host.shown(lang)
        own = item.host.own(lang)
        lines.append(tr(lang, "Host: {name}").format(name=f"{name} ({own})" if own else name))
    if item.contact is not None:
        contact = item.contact
        parts = [x for x in (contact.name, contact.position, contact.phone, contact.email) if x]
        lines.append(tr(lang, "Contact: {name}").format(name=", ".join(parts)))
    if item.interpreter:
        lines.append(tr(lang, "Interpretation provided"))
    lines.append(visit.title_in(lang))
    event.add("description", "\n".join(lines))
    event.add("categories", [visit.code])
    return event


def _leg_event(visit: VisitDoc, leg: LegDoc, lang: str, stamp: dt.datetime, personal: bool) -> Any:
    from icalendar import Event

    event = Event()
    event.add("uid", f"{leg.key}@{UID_DOMAIN}")
    event.add("dtstamp", stamp)
    event.add("dtstart", _aware(leg.departs, leg.from_timezone))
    event.add("dtend", _aware(leg.arrives, leg.to_timezone))
    event.add("summary", f"{leg_title(leg, lang)}: {leg.from_place} – {leg.to_place}")
    event.add("location", leg.from_place)
    lines = [f"{leg.from_place} – {leg.to_place}"]
    if personal and leg.booking_ref:
        lines.append(tr(lang, "Booking reference: {ref}").format(ref=leg.booking_ref))
    lines.append(visit.title_in(lang))
    event.add("description", "\n".join(lines))
    event.add("categories", [visit.code])
    return event


def _stay_event(visit: VisitDoc, stay: StayDoc, lang: str, stamp: dt.datetime) -> Any:
    """The nights in a hotel as one all-day span, check-in day to check-out day shown."""
    from icalendar import Event

    event = Event()
    event.add("uid", f"{stay.key}@{UID_DOMAIN}")
    event.add("dtstamp", stamp)
    event.add("dtstart", stay.check_in)
    event.add("dtend", stay.check_out + dt.timedelta(days=1))  # DTEND of a date is exclusive
    event.add("summary", tr(lang, "Hotel: {name}").format(name=stay.name))
    event.add("transp", "TRANSPARENT")
    location = ", ".join(x for x in (stay.name, stay.address) if x)
    event.add("location", location)
    lines = [x for x in (stay.address, stay.phone) if x]
    lines.append(visit.title_in(lang))
    event.add("description", "\n".join(lines))
    event.add("categories", [visit.code])
    return event


def calendar_bytes(
    visit: VisitDoc,
    lang: str,
    person: Any = None,
    stamp: dt.datetime | None = None,
    sequence: int = 0,
) -> bytes:
    """The ``.ics`` text of the visit (or of one person's part of it).

    ``sequence`` is the number of the programme's last release: every event carries it as
    its SEQUENCE, so a calendar client that imported an earlier release updates its events
    (same UID, higher SEQUENCE) instead of adding them twice (RFC 5545 §3.8.7.4).
    """
    from icalendar import Calendar, vText

    stamp = stamp or dt.datetime.now(dt.UTC).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    name = " ".join(visit.title_in(lang).split())  # a calendar's name is one line
    if person is not None:
        name = f"{name} · {person.full_name}"
    cal.add("x-wr-calname", vText(name))  # an X- property is otherwise written unescaped
    for item in visit.items:
        if person is not None and (
            person.key not in item.attendees
            or not person.arrives <= item.starts.date() <= person.departs
        ):
            continue
        cal.add_component(_item_event(visit, item, lang, stamp))
    for leg in visit.legs:
        if person is not None and person.key not in leg.passengers:
            continue
        cal.add_component(_leg_event(visit, leg, lang, stamp, person is not None))
    for stay in visit.stays:
        if person is not None and not any(person.key in room.occupants for room in stay.rooms):
            continue
        cal.add_component(_stay_event(visit, stay, lang, stamp))
    for event in cal.walk("VEVENT"):
        event.add("sequence", sequence)
    add_timezones(cal)
    return cal.to_ical()


def build_calendar(
    db: Any,
    visit_ref: str | int,
    out_path: str | os.PathLike[str],
    *,
    lang: str | None = None,
    person: str | int | None = None,
    progress: c.Progress | None = None,
    cancel: c.CancelCheck | None = None,
) -> Path:
    """Write the visit's calendar (or one person's) to ``out_path``."""
    step = c.Step(progress, cancel, total=2)
    visit = load_visit(db, visit_ref)
    lang = language(lang, visit.default_language)
    who = find_person(visit, person) if person is not None else None
    step.advance()
    from app.services.releases import latest_number

    data = calendar_bytes(visit, lang, who, sequence=latest_number(db, visit.id))
    step.check()

    def write(tmp: str) -> None:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())

    path = c.write_atomically(out_path, write)
    step.finish()
    return path
