"""Parts of the delegates' booklet besides the schedule: cover, participants, practical info.

The cover carries the funder's acknowledgement and logo because funders require them on
every printed material; the participant list shows the people who take part (confirmed or
attended), whatever their role; practical information is what a delegate looks up in a
hurry: the hotel, the journeys, emergency numbers and the coordinator's phone.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Spacer

from app.documents import common as c
from app.documents.data import LegDoc, PersonDoc, StayDoc, VisitDoc
from app.documents.schedule import leg_title
from app.documents.words import (
    VISIT_KINDS,
    country_name,
    label,
    role_label,
    short_date,
    time_text,
    tr,
)


def funder_block(visit: VisitDoc, lang: str) -> list[Any]:
    """Logo, acknowledgement and project number, as the funder asks for them."""
    project = visit.project
    if project is None:
        return []
    st = c.styles()
    out: list[Any] = []
    logo = c.logo_flowable(project.logo, max_width=70 * mm, max_height=28 * mm)
    if logo is not None:
        out += [logo, Spacer(1, 3 * mm)]
    if project.acknowledgement:
        out.append(c.para(project.acknowledgement, st["small"]))
    line = tr(lang, "Project {code}").format(code=project.code)
    if project.title:
        line += f" “{project.title}”"
    out.append(c.para(line, st["small"]))
    if project.funder:
        out.append(
            c.para(tr(lang, "Funded by: {funder}").format(funder=project.funder), st["small"])
        )
    return [KeepTogether(out)]


def cover(
    visit: VisitDoc, lang: str, *, heading: str | None = None, subtitle: str | None = None
) -> list[Any]:
    """The first page: who organises, what, when, where; the funder at the foot."""
    st = c.styles()
    out: list[Any] = [Spacer(1, 28 * mm)]
    if visit.organiser is not None:
        out.append(c.para(visit.organiser.shown(lang).upper(), st["subtitle"]))
    out.append(c.para(heading or label(VISIT_KINDS, visit.kind, lang), st["small"]))
    out.append(Spacer(1, 4 * mm))
    out.append(c.para(visit.title_in(lang), st["title"]))
    out.append(c.para(c.date_range(visit.start_date, visit.end_date, lang), st["subtitle"]))
    place = ", ".join(x for x in (visit.city, country_name(visit.country, lang)) if x)
    if place:
        out.append(c.para(place, st["h2"]))
    if subtitle:
        out.append(Spacer(1, 6 * mm))
        out.append(c.para(subtitle, st["h1"]))
    purpose = visit.purpose_in(lang)
    if purpose and subtitle is None:
        out += [Spacer(1, 8 * mm), c.para(purpose, st["body"])]
    out.append(Spacer(1, 30 * mm))
    out += funder_block(visit, lang)
    out.append(PageBreak())
    return out


def participants(visit: VisitDoc, lang: str, people: Sequence[PersonDoc]) -> list[Any]:
    """Name, organisation, position and role of everyone taking part."""
    st = c.styles()
    out: list[Any] = [c.P(c.safe(tr(lang, "Participants")), st["h1"])]
    if not people:
        out.append(c.para(tr(lang, "Nobody has confirmed taking part yet."), st["note"]))
        return out
    rows: list[list[Any]] = [
        c.header_cells(
            [
                tr(lang, "No."),
                tr(lang, "Full name"),
                tr(lang, "Organisation"),
                tr(lang, "Position"),
                tr(lang, "Role"),
            ]
        )
    ]
    for number, person in enumerate(people, start=1):
        rows.append(
            [
                c.para(str(number), st["cell"]),
                c.para(person.full_name, st["cell_bold"]),
                c.para(person.organisation.shown(lang) if person.organisation else "", st["cell"]),
                c.para(person.position or "", st["cell"]),
                c.para(role_label(person, lang), st["cell"]),
            ]
        )
    widths = (10 * mm, 42 * mm, 54 * mm, 42 * mm, c.FRAME_WIDTH - 148 * mm)
    out.append(c.table(rows, widths))
    return out


def stays_block(stays: Sequence[tuple[StayDoc, str | None]], lang: str) -> list[Any]:
    st = c.styles()
    out: list[Any] = []
    for stay, room in stays:
        lines = [c.bold(stay.name)]
        lines += [c.safe(x) for x in (stay.address,) if x]
        if stay.phone:
            lines.append(c.safe(tr(lang, "Phone: {phone}").format(phone=stay.phone)))
        lines.append(
            c.safe(
                tr(lang, "Check-in {check_in}, check-out {check_out}").format(
                    check_in=short_date(stay.check_in, lang),
                    check_out=short_date(stay.check_out, lang),
                )
            )
        )
        if room:
            lines.append(c.safe(tr(lang, "Room {room}").format(room=room)))
        out.append(c.P("<br/>".join(lines), st["body"]))
        out.append(Spacer(1, 2 * mm))
    return out


def travel_table(legs: Sequence[LegDoc], lang: str, booking: bool = False) -> Any:
    """Every journey; ``booking``: with booking references (a traveller's own document)."""
    st = c.styles()
    rows: list[list[Any]] = [
        c.header_cells(
            [tr(lang, "Date"), tr(lang, "Journey"), tr(lang, "Departs"), tr(lang, "Arrives")]
        )
    ]
    for leg in legs:
        journey = (
            c.bold(leg_title(leg, lang)) + "<br/>" + c.safe(f"{leg.from_place} – {leg.to_place}")
        )
        if booking and leg.booking_ref:
            journey += "<br/>" + c.muted(
                tr(lang, "Booking reference: {ref}").format(ref=leg.booking_ref)
            )
        rows.append(
            [
                c.para(short_date(leg.departs.date(), lang), st["cell"]),
                c.P(journey, st["cell"]),
                c.P(
                    c.bold(time_text(leg.departs, lang)) + "<br/>" + c.muted(leg.from_timezone),
                    st["cell"],
                ),
                c.P(
                    c.bold(time_text(leg.arrives, lang)) + "<br/>" + c.muted(leg.to_timezone),
                    st["cell"],
                ),
            ]
        )
    widths = (24 * mm, 90 * mm, 30 * mm, c.FRAME_WIDTH - 144 * mm)
    return c.table(rows, widths)


def contacts_table(visit: VisitDoc, lang: str, cache: dict[Any, Any] | None = None) -> Any:
    """Emergency numbers of the visit, the coordinator first.

    The rows are the same in every itinerary of a booklet: ``cache`` keeps them.
    """
    if cache is not None and "contacts" in cache:
        return c.table(cache["contacts"], (110 * mm, c.FRAME_WIDTH - 110 * mm))
    st = c.styles()
    rows: list[list[Any]] = [c.header_cells([tr(lang, "Who"), tr(lang, "Phone")])]
    coordinator = visit.coordinator
    if coordinator is not None:
        who = tr(lang, "Coordinator: {name}").format(name=coordinator.full_name)
        phone = coordinator.phone or ""
        if coordinator.email:
            phone = "\n".join(x for x in (phone, coordinator.email) if x)
        rows.append([c.para(who, st["cell_bold"]), c.para(phone, st["cell"])])
    for label_text, number in visit.emergency:
        rows.append([c.para(label_text, st["cell"]), c.para(number, st["cell_bold"])])
    if cache is not None:
        cache["contacts"] = rows
    return c.table(rows, (110 * mm, c.FRAME_WIDTH - 110 * mm))


def practical(
    visit: VisitDoc,
    lang: str,
    *,
    stays: Sequence[tuple[StayDoc, str | None]],
    legs: Sequence[LegDoc],
    cache: dict[Any, Any] | None = None,
) -> list[Any]:
    """Hotel, journeys, emergency numbers and the coordinator."""
    st = c.styles()
    out: list[Any] = [c.P(c.safe(tr(lang, "Practical information")), st["h1"])]
    if stays:
        out.append(c.P(c.safe(tr(lang, "Accommodation")), st["h2"]))
        out += stays_block(stays, lang)
    if legs:
        out.append(c.P(c.safe(tr(lang, "Journeys")), st["h2"]))
        out.append(
            c.para(
                tr(
                    lang,
                    "Times are local: each departure in the zone it leaves "
                    "from, each arrival in the zone it reaches.",
                ),
                st["note_keep"],
            )
        )
        out.append(travel_table(legs, lang))
    if visit.coordinator is not None or visit.emergency:
        out.append(c.P(c.safe(tr(lang, "Emergency numbers and contacts")), st["h2"]))
        out.append(contacts_table(visit, lang, cache))
    return out
