"""Lists for the road: attendance sheets, the rooming list and passenger lists.

- Attendance: one sheet per meeting (not meals, transfers or free time) with a signature
  column; funders ask for it as evidence that the meeting took place with these people.
- Rooming: per hotel, each room with its guests and their nights, for the reception.
- Passengers: per journey, the travellers' names as written in their ID documents, for the
  carrier. The ID-document number itself is never printed (it is not even loaded).
- Catering: per meal, for the hosts and the restaurant, how many eat, and each dietary
  need with its count and names; accessibility needs with names. The rooming list's notes
  carry both needs too.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Spacer

from app.documents import common as c
from app.documents.data import ItemDoc, VisitDoc, load_visit, person_order
from app.documents.schedule import leg_title
from app.documents.words import ROOM_TYPES, label, language, short_date, time_text, tr
from app.domain.text import sort_key

EVIDENCE_KINDS = frozenset(
    {"meeting", "presentation", "site_visit", "workshop", "ceremony", "other"}
)


def _head(visit: VisitDoc, lang: str, heading: str) -> list[Any]:
    st = c.styles()
    out: list[Any] = [c.para(visit.title_in(lang), st["small"]), c.para(heading, st["h1"])]
    return out


def meetings(visit: VisitDoc) -> list[ItemDoc]:
    return [item for item in visit.items if item.kind in EVIDENCE_KINDS]


def attendance_story(visit: VisitDoc, lang: str, step: c.Step) -> list[Any]:
    st = c.styles()
    story: list[Any] = []
    for index, item in enumerate(meetings(visit)):
        if index:
            story.append(PageBreak())
        story += _head(visit, lang, tr(lang, "Attendance sheet"))
        story.append(c.para(item.title_in(lang), st["h2"]))
        when = (
            f"{c.day_heading(item.starts.date(), lang)}, "
            f"{time_text(item.starts, lang)}–{time_text(item.ends, lang)} ({item.timezone})"
        )
        lines = [c.safe(when)]
        place = ", ".join(x for x in (item.venue, item.address) if x)
        if place:
            lines.append(c.safe(place))
        if item.host is not None:
            lines.append(c.fill(tr(lang, "Host: {name}"), name=c.safe(item.host.shown(lang))))
        if visit.project is not None:  # the evidence names the funded project
            lines.append(c.safe(tr(lang, "Project {code}").format(code=visit.project.code)))
        story.append(c.rich("<br/>".join(lines), "body"))
        story.append(Spacer(1, 4 * mm))
        people = sorted(
            (visit.by_key[k] for k in item.attendees if k in visit.by_key), key=person_order
        )
        rows: list[list[Any]] = [
            c.header_cells(
                [
                    tr(lang, "No."),
                    tr(lang, "Full name"),
                    tr(lang, "Organisation"),
                    tr(lang, "Position"),
                    tr(lang, "Signature"),
                ]
            )
        ]
        for number, person in enumerate(people, start=1):
            rows.append(
                [
                    c.para(str(number), st["cell"]),
                    c.para(person.full_name, st["cell_bold"]),
                    c.para(
                        person.organisation.shown(lang) if person.organisation else "", st["cell"]
                    ),
                    c.para(person.position or "", st["cell"]),
                    "",
                ]
            )
        for number in range(len(people) + 1, len(people) + 4):  # for walk-ins
            rows.append([c.para(str(number), st["cell"]), "", "", "", ""])
        widths = (10 * mm, 44 * mm, 46 * mm, 36 * mm, c.FRAME_WIDTH - 136 * mm)
        story.append(
            c.table(
                rows,
                widths,
                extra=[
                    ("ROWBACKGROUNDS", (0, 1), (-1, -1), [None]),
                    ("GRID", (0, 1), (-1, -1), 0.4, c.RULE),
                    ("BOTTOMPADDING", (0, 1), (-1, -1), 7),
                    ("TOPPADDING", (0, 1), (-1, -1), 7),
                ],
            )
        )
        story.append(c.Milestone(step))
    if not story:
        story.append(c.para(tr(lang, "The programme has no meetings yet."), "note"))
    return story


def _guest_needs(guest: Any, lang: str) -> str:
    """A guest's accessibility and dietary needs for the hotel, as markup."""
    if guest is None:
        return ""
    lines = []
    if guest.accessibility:
        lines.append(c.fill(tr(lang, "Accessibility: {needs}"), needs=c.safe(guest.accessibility)))
    if guest.dietary:
        lines.append(c.fill(tr(lang, "Diet: {needs}"), needs=c.safe(guest.dietary)))
    return "<br/>".join(lines)


def rooming_story(visit: VisitDoc, lang: str, step: c.Step) -> list[Any]:
    st = c.styles()
    story: list[Any] = []
    for index, stay in enumerate(visit.stays):
        if index:
            story.append(PageBreak())
        story += _head(visit, lang, tr(lang, "Rooming list"))
        lines = [c.bold(stay.name)] + [c.safe(x) for x in (stay.address, stay.phone) if x]
        lines.append(
            c.safe(
                tr(lang, "Check-in {check_in}, check-out {check_out}").format(
                    check_in=short_date(stay.check_in, lang),
                    check_out=short_date(stay.check_out, lang),
                )
            )
        )
        story.append(c.rich("<br/>".join(lines), "body"))
        story.append(Spacer(1, 4 * mm))
        rows: list[list[Any]] = [
            c.header_cells(
                [
                    tr(lang, "Room"),
                    tr(lang, "Type"),
                    tr(lang, "Guest"),
                    tr(lang, "Arrives"),
                    tr(lang, "Departs"),
                    tr(lang, "Notes"),
                ]
            )
        ]
        extra: list[tuple[Any, ...]] = []
        for room in stay.rooms:
            guests = [visit.by_key[k] for k in room.occupants if k in visit.by_key]
            first = len(rows)
            for position, guest in enumerate(guests or [None]):
                arrives = max(guest.arrives, stay.check_in) if guest else stay.check_in
                departs = min(guest.departs, stay.check_out) if guest else stay.check_out
                rows.append(
                    [
                        c.para(room.label or "", st["cell_bold"]) if position == 0 else "",
                        c.para(label(ROOM_TYPES, room.type, lang), st["cell"])
                        if position == 0
                        else "",
                        c.para(
                            f"{guest.family_name}, {guest.given_name}" if guest else "–",
                            st["cell_bold" if guest else "cell"],
                        ),
                        c.para(short_date(arrives, lang), st["cell"]),
                        c.para(short_date(departs, lang), st["cell"]),
                        c.P(_guest_needs(guest, lang), st["cell_small"]),
                    ]
                )
            if len(rows) - first > 1:
                extra.append(("LINEBELOW", (0, first), (1, len(rows) - 2), 0.4, colors.white))
        widths = (18 * mm, 22 * mm, 52 * mm, 22 * mm, 22 * mm, c.FRAME_WIDTH - 136 * mm)
        story.append(c.table(rows, widths, extra=extra))
        guest_count = sum(len(room.occupants) for room in stay.rooms)
        story.append(Spacer(1, 3 * mm))
        story.append(
            c.para(
                tr(lang, "Rooms: {rooms}, guests: {guests}").format(
                    rooms=len(stay.rooms), guests=guest_count
                ),
                st["small"],
            )
        )
        story.append(c.Milestone(step))
    if not story:
        story.append(c.para(tr(lang, "No accommodation has been booked."), "note"))
    return story


def meals(visit: VisitDoc) -> list[ItemDoc]:
    return [item for item in visit.items if item.kind == "meal"]


def _needs(people: list[Any], attribute: str) -> list[tuple[str, list[Any]]]:
    """Each need as written first, with the people who have it (same text, any case)."""
    groups: dict[str, tuple[str, list[Any]]] = {}
    for person in people:
        text = " ".join((getattr(person, attribute) or "").split())
        if text:
            groups.setdefault(text.casefold(), (text, []))[1].append(person)
    return sorted(groups.values(), key=lambda group: (-len(group[1]), group[0].casefold()))


def catering_story(visit: VisitDoc, lang: str, step: c.Step) -> list[Any]:
    st = c.styles()
    story: list[Any] = []
    for index, item in enumerate(meals(visit)):
        if index:
            story.append(PageBreak())
        story += _head(visit, lang, tr(lang, "Catering list"))
        story.append(c.para(item.title_in(lang), st["h2"]))
        when = f"{c.day_heading(item.starts.date(), lang)}, {time_text(item.starts, lang)}"
        lines = [c.safe(when)] + [c.safe(x) for x in (item.venue, item.address) if x]
        story.append(c.rich("<br/>".join(lines), "body"))
        story.append(Spacer(1, 3 * mm))
        # by name, as a restaurant's staff looks someone up
        people = sorted(
            (visit.by_key[k] for k in item.attendees if k in visit.by_key),
            key=lambda p: (sort_key(p.family_name), sort_key(p.given_name)),
        )
        dietary = _needs(people, "dietary")
        plain = len(people) - sum(len(who) for _text, who in dietary)
        rows: list[list[Any]] = [
            c.header_cells([tr(lang, "Dietary needs"), tr(lang, "Count"), tr(lang, "Who")])
        ]
        for text, who in dietary:
            rows.append(
                [
                    c.para(text, st["cell_bold"]),
                    c.para(str(len(who)), st["cell_bold"]),
                    c.para(", ".join(p.full_name for p in who), st["cell"]),
                ]
            )
        rows.append(
            [c.para(tr(lang, "No special needs"), st["cell"]), c.para(str(plain), st["cell"]), ""]
        )
        rows.append(
            [
                c.para(tr(lang, "Total"), st["cell_bold"]),
                c.para(str(len(people)), st["cell_bold"]),
                "",
            ]
        )
        widths = (70 * mm, 16 * mm, c.FRAME_WIDTH - 86 * mm)
        story.append(
            c.table(
                rows,
                widths,
                extra=[("LINEABOVE", (0, len(rows) - 1), (-1, len(rows) - 1), 0.8, c.INK)],
            )
        )
        access = _needs(people, "accessibility")
        if access:
            story.append(Spacer(1, 4 * mm))
            arows: list[list[Any]] = [
                c.header_cells([tr(lang, "Accessibility needs"), tr(lang, "Who")])
            ]
            for text, who in access:
                arows.append(
                    [
                        c.para(text, st["cell"]),
                        c.para(", ".join(p.full_name for p in who), st["cell"]),
                    ]
                )
            story.append(c.table(arows, (86 * mm, c.FRAME_WIDTH - 86 * mm)))
        story.append(c.Milestone(step))
    if not story:
        story.append(c.para(tr(lang, "The programme has no meals yet."), "note"))
    return story


def passengers_story(visit: VisitDoc, lang: str, step: c.Step) -> list[Any]:
    st = c.styles()
    story: list[Any] = []
    for index, leg in enumerate(visit.legs):
        if index:
            story.append(PageBreak())
        story += _head(visit, lang, tr(lang, "Passenger list"))
        story.append(c.para(leg_title(leg, lang), st["h2"]))
        lines = [
            c.safe(f"{leg.from_place} – {leg.to_place}"),
            c.safe(
                tr(
                    lang,
                    "Departs {departs} ({from_zone}), arrives {arrives} ({to_zone}), local times.",
                ).format(
                    departs=f"{short_date(leg.departs.date(), lang)} "
                    f"{time_text(leg.departs, lang)}",
                    from_zone=leg.from_timezone,
                    arrives=f"{short_date(leg.arrives.date(), lang)} "
                    f"{time_text(leg.arrives, lang)}",
                    to_zone=leg.to_timezone,
                )
            ),
        ]
        if leg.booking_ref:
            lines.append(c.safe(tr(lang, "Booking reference: {ref}").format(ref=leg.booking_ref)))
        story.append(c.rich("<br/>".join(lines), "body"))
        story.append(Spacer(1, 4 * mm))
        people = sorted(
            (visit.by_key[k] for k in leg.passengers if k in visit.by_key),
            key=lambda p: person_order(p)[1:],
        )
        rows: list[list[Any]] = [
            c.header_cells(
                [
                    tr(lang, "No."),
                    tr(lang, "Family name"),
                    tr(lang, "Given names"),
                    tr(lang, "Organisation"),
                ]
            )
        ]
        for number, person in enumerate(people, start=1):
            rows.append(
                [
                    c.para(str(number), st["cell"]),
                    c.para(person.family_name.upper(), st["cell_bold"]),
                    c.para(person.given_name, st["cell"]),
                    c.para(
                        person.organisation.shown(lang) if person.organisation else "", st["cell"]
                    ),
                ]
            )
        widths = (10 * mm, 50 * mm, 50 * mm, c.FRAME_WIDTH - 110 * mm)
        story.append(c.table(rows, widths))
        story.append(Spacer(1, 3 * mm))
        story.append(
            c.para(
                tr(
                    lang, "Names as written in the travellers' ID documents. Passengers: {count}"
                ).format(count=len(people)),
                st["small"],
            )
        )
        story.append(c.Milestone(step))
    if not story:
        story.append(c.para(tr(lang, "No journeys have been planned."), "note"))
    return story


LISTS: dict[str, tuple[Callable[[VisitDoc, str, c.Step], list[Any]], str]] = {
    "attendance": (attendance_story, "Attendance sheet"),
    "rooming": (rooming_story, "Rooming list"),
    "passengers": (passengers_story, "Passenger list"),
    "catering": (catering_story, "Catering list"),
}


def build_list(
    kind: str,
    db: Any,
    visit_ref: str | int,
    out_path: str | os.PathLike[str],
    *,
    lang: str | None = None,
    person: str | int | None = None,
    progress: c.Progress | None = None,
    cancel: c.CancelCheck | None = None,
) -> Path:
    """Write the ``kind`` list (attendance, rooming or passengers) of a visit as a PDF.

    ``person`` is accepted for the common signature of builders and ignored: these lists
    are for the organiser, the hotel and the carrier, about everybody.
    """
    make, title = LISTS[kind]
    visit = load_visit(db, visit_ref)
    lang = language(lang, visit.default_language)
    count = {
        "attendance": len(meetings(visit)),
        "rooming": len(visit.stays),
        "passengers": len(visit.legs),
        "catering": len(meals(visit)),
    }[kind]
    step = c.Step(progress, cancel, total=count + 1)
    step.advance()
    story = make(visit, lang, step)
    heading = tr(lang, title)

    def write(tmp: str) -> None:
        doc = c.document(
            tmp,
            title=f"{visit.title_in(lang)} · {heading}",
            lang=lang,
            footer=f"{visit.title_in(lang)} · {heading}",
        )
        c.build(doc, story, step)
        step.check()

    path = c.write_atomically(out_path, write)
    step.finish()
    return path


def build_attendance(
    db: Any, visit_ref: str | int, out_path: str | os.PathLike[str], **options: Any
) -> Path:
    return build_list("attendance", db, visit_ref, out_path, **options)


def build_rooming(
    db: Any, visit_ref: str | int, out_path: str | os.PathLike[str], **options: Any
) -> Path:
    return build_list("rooming", db, visit_ref, out_path, **options)


def build_passengers(
    db: Any, visit_ref: str | int, out_path: str | os.PathLike[str], **options: Any
) -> Path:
    return build_list("passengers", db, visit_ref, out_path, **options)


def build_catering(
    db: Any, visit_ref: str | int, out_path: str | os.PathLike[str], **options: Any
) -> Path:
    return build_list("catering", db, visit_ref, out_path, **options)
