"""Personal itineraries: for each person taking part, only their own part of the visit.

A person's itinerary holds the items they attend (listed by name, or "all" on a day they
are there), their own journeys, their room and night, all within their own arrival and
departure dates. One booklet for everybody (a new page per person), one person, or one
file per person (``split``) for sending by e-mail.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Spacer

from app.documents import common as c
from app.documents.contact_card import coordinator_card
from app.documents.data import LegDoc, PersonDoc, StayDoc, VisitDoc, find_person, load_visit
from app.documents.schedule import Night, nights_of, schedule
from app.documents.sections import funder_block, practical
from app.documents.words import ROOM_TYPES, label, language, role_label, tr


def own_items(visit: VisitDoc, person: PersonDoc) -> list[Any]:
    return [
        item
        for item in visit.items
        if person.key in item.attendees and person.arrives <= item.starts.date() <= person.departs
    ]


def own_legs(visit: VisitDoc, person: PersonDoc) -> list[LegDoc]:
    return [leg for leg in visit.legs if person.key in leg.passengers]


def own_rooms(visit: VisitDoc, person: PersonDoc) -> list[tuple[StayDoc, Any]]:
    """The stays where the person has a room, with that room."""
    found = []
    for stay in visit.stays:
        for room in stay.rooms:
            if person.key in room.occupants:
                found.append((stay, room))
    return found


def room_text(visit: VisitDoc, person: PersonDoc, room: Any, lang: str) -> str:
    text = room.label or ""
    kind = label(ROOM_TYPES, room.type, lang)
    others = [
        visit.by_key[k].full_name for k in room.occupants if k != person.key and k in visit.by_key
    ]
    extra = ", ".join(x for x in (kind.lower(), *others) if x)
    if others:
        extra = tr(lang, "{type}, with {people}").format(
            type=kind.lower(), people=", ".join(others)
        )
    return f"{text} ({extra})" if text and extra else text or extra


def itinerary_story(
    visit: VisitDoc, person: PersonDoc, lang: str, cache: dict[Any, Any] | None = None
) -> list[Any]:
    """One person's pages: who, when, their schedule, their practical information.

    ``cache`` keeps the rows of items and journeys for the next person of the same run.
    """
    st = c.styles()
    out: list[Any] = [
        c.FooterNote(person.full_name, group=person.id),
        c.P(c.safe(tr(lang, "Personal itinerary")), st["small"]),
        c.para(person.full_name, st["h1"]),
    ]
    who = [
        x
        for x in (person.position, person.organisation.shown(lang) if person.organisation else None)
        if x
    ]
    role = role_label(person, lang)
    out.append(c.para(" · ".join([role, *who]), st["body"]))
    out.append(Spacer(1, 2 * mm))
    out.append(c.para(visit.title_in(lang), st["h2"]))
    out.append(
        c.para(
            tr(lang, "You take part {dates}.").format(
                dates=c.date_phrase(person.arrives, person.departs, lang)
            ),
            st["body"],
        )
    )
    rooms = own_rooms(visit, person)
    stays: list[tuple[StayDoc, str | None]] = []
    nights: list[Night] = []
    for stay, room in rooms:
        text = room_text(visit, person, room, lang)
        stays.append((stay, text))
        nights += nights_of(stay, text, first=person.arrives, last=person.departs)
    legs = own_legs(visit, person)
    out += schedule(
        visit, lang, own_items(visit, person), legs, nights, cache, names=False, booking=True
    )
    # Their journeys are already in their days, with zones and booking references.
    out += practical(visit, lang, stays=stays, legs=[], cache=cache)
    card = coordinator_card(visit, person, lang)
    if card:
        out += [Spacer(1, 4 * mm), KeepTogether(card)]
    if visit.project is not None:
        out += [Spacer(1, 6 * mm), *funder_block(visit, lang)]
    return out


def person_file_name(person: PersonDoc, suffix: str = ".pdf") -> str:
    """A file name that every system accepts, from the person's name and id."""
    raw = f"{person.family_name}_{person.given_name}_{person.id}"
    return re.sub(r"[^\w.-]+", "_", raw, flags=re.UNICODE).strip("_") + suffix


def _write(
    visit: VisitDoc,
    people: Sequence[PersonDoc],
    out_path: str | os.PathLike[str],
    lang: str,
    step: c.Step,
    odd_pages: bool = False,
) -> Path:
    story: list[Any] = []
    cache: dict[Any, Any] = {}
    for index, person in enumerate(people):
        if index:
            story.append(PageBreak())
            if odd_pages:
                story.append(c.OddPageStart())
        story += itinerary_story(visit, person, lang, cache)
        story.append(c.Milestone(step))  # progress as the pages are laid out
    if not people:
        story.append(c.para(tr(lang, "Nobody has confirmed taking part yet."), "note"))
    one = len(people) == 1
    name = people[0].full_name if one else tr(lang, "Personal itineraries")
    # each page's footer starts with its person's name already (FooterNote): a file of one
    # person said "Jānis Bērziņš · <visit> · Jānis Bērziņš"
    kind = tr(lang, "Personal itinerary") if one else name

    def write(tmp: str) -> None:
        doc = c.document(
            tmp,
            title=f"{visit.title_in(lang)} · {name}",
            lang=lang,
            footer=f"{visit.title_in(lang)} · {kind}",
        )
        c.build(doc, story, step)
        step.check()

    return c.write_atomically(out_path, write)


def build_itineraries(
    db: Any,
    visit_ref: str | int,
    out_path: str | os.PathLike[str],
    *,
    lang: str | None = None,
    person: str | int | None = None,
    split: bool = False,
    odd_pages: bool | None = None,
    progress: c.Progress | None = None,
    cancel: c.CancelCheck | None = None,
) -> Path:
    """Itineraries of everyone taking part (or of ``person``) in one PDF at ``out_path``.

    With ``split``, ``out_path`` is a folder and each person gets a file of their own there.
    ``odd_pages``: each person starts on an odd page, for double-sided printing (by default
    in the booklet of everyone, which is printed and cut up). Returns the file (or folder)
    written.
    """
    visit = load_visit(db, visit_ref)
    lang = language(lang, visit.default_language)
    people = [find_person(visit, person)] if person is not None else list(visit.people)
    step = c.Step(progress, cancel, total=len(people) + 1)
    step.advance()
    if odd_pages is None:
        odd_pages = person is None
    if not split:
        path = _write(visit, people, out_path, lang, step, odd_pages)
        step.finish()
        return path
    folder = Path(out_path)
    folder.mkdir(parents=True, exist_ok=True)
    for one in people:
        _write(visit, [one], folder / person_file_name(one), lang, c.Step(None, cancel))
        step.advance()
    step.finish()
    return folder
