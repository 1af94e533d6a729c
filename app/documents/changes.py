"""Change notices: for each delegate and each host, what changed since a released version.

One page per reader, in the reader's language (a delegate: the document's language, by
default the visit's first; a host: bokmål for a Norwegian host, else English), listing only
what changed for them — moved, cancelled, new, venue or room changed, journey changed —
each with the before and after in the local time of the place. Without a named reader,
one PDF holds the notice of everybody who has a change, and nobody else.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.documents.words import (
    TRAVEL_MODES,
    date_range,
    day_heading,
    day_in_sentence,
    label,
    language,
    time_text,
    tr,
)
from app.domain.changes import Change, Doc, for_host, for_person, hosts_in
from app.domain.text import fold


@dataclass(frozen=True)
class Notice:
    reader: str  # a person's name or a host's name
    lang: str
    changes: tuple[Change, ...]


def _day(day: dt.date, lang: str, inside: bool) -> str:
    """A line's day as a heading says it; ``inside`` a sentence ("tagad …; bija …") as a
    sentence does ("svētdien, 28. martā", "søndag 28. mars")."""
    return day_in_sentence(day, lang) if inside else day_heading(day, lang)


def _when(record: Doc, lang: str, inside: bool = False) -> str:
    starts = dt.datetime.fromisoformat(record["starts"])
    ends = dt.datetime.fromisoformat(record["ends"])
    return (
        f"{_day(starts.date(), lang, inside)}, {time_text(starts, lang)}–"
        f"{time_text(ends, lang)} ({record.get('timezone', '')})"
    )


def _title(record: Doc, lang: str) -> str:
    own = ((record.get("translations") or {}).get(lang) or {}).get("title")
    if not own and lang == "nb":
        own = ((record.get("translations") or {}).get("en") or {}).get("title")
    return str(own or record.get("title") or "")


def _place(record: Doc) -> str:
    return ", ".join(x for x in (record.get("venue"), record.get("address")) if x) or "—"


def _leg_name(leg: Doc, lang: str) -> str:
    ident = " ".join(x for x in (leg.get("carrier"), leg.get("number")) if x)
    return " ".join(x for x in (label(TRAVEL_MODES, leg.get("mode"), lang), ident) if x)


def _leg_times(leg: Doc, lang: str, inside: bool = False) -> str:
    """ "Trešdiena, 2. aprīlis: Rīga (RIX) 09:05 (Europe/Riga) – Bergena 10:35 (Europe/Oslo)"."""
    start, end = leg.get("from") or {}, leg.get("to") or {}
    departs = dt.datetime.fromisoformat(start["at"])
    arrives = dt.datetime.fromisoformat(end["at"])
    arrival = time_text(arrives, lang)
    if arrives.date() != departs.date():
        arrival = f"{day_in_sentence(arrives.date(), lang)} {arrival}"
    return (
        f"{_day(departs.date(), lang, inside)}: {start.get('place', '')} "
        f"{time_text(departs, lang)} ({start.get('timezone', '')}) – "
        f"{end.get('place', '')} {arrival} ({end.get('timezone', '')})"
    )


def _rooms(rooms: Doc | None, lang: str) -> str:
    if not rooms:
        return tr(lang, "no room")
    return "; ".join(
        ", ".join(
            str(x)
            for x in (s["hotel"], s["room"] and tr(lang, "Room {room}").format(room=s["room"]))
            if x
        )
        for s in rooms["stays"]
    )


def sentence(change: Change, lang: str) -> tuple[str, str]:
    """(headline, detail) of one change, in ``lang``."""
    old, new = change.old or {}, change.new or {}
    kind = change.kind
    if kind == "new":
        return (
            tr(lang, "New: {title}").format(title=_title(new, lang)),
            f"{_when(new, lang)} · {_place(new)}",
        )
    if kind == "cancelled":
        return (tr(lang, "Cancelled: {title}").format(title=_title(old, lang)), _when(old, lang))
    if kind == "moved":
        return (
            tr(lang, "Moved: {title}").format(title=_title(new, lang)),
            tr(lang, "now {new}; was {old}").format(
                new=_when(new, lang, inside=True), old=_when(old, lang, inside=True)
            ),
        )
    if kind == "venue":
        return (
            tr(lang, "New place: {title}").format(title=_title(new, lang)),
            tr(lang, "now {new}; was {old}").format(new=_place(new), old=_place(old)),
        )
    if kind == "renamed":
        return (
            tr(lang, "New title: {title}").format(title=_title(new, lang)),
            tr(lang, "was {old}").format(old=_title(old, lang)),
        )
    if kind == "leg_new":
        return (
            tr(lang, "New journey: {journey}").format(journey=_leg_name(new, lang)),
            _leg_times(new, lang),
        )
    if kind == "leg_cancelled":
        return (
            tr(lang, "Journey cancelled: {journey}").format(journey=_leg_name(old, lang)),
            _leg_times(old, lang),
        )
    if kind == "leg_changed":
        return (
            tr(lang, "Journey changed: {journey}").format(journey=_leg_name(new, lang)),
            tr(lang, "now {new}; was {old}").format(
                new=_leg_times(new, lang, inside=True), old=_leg_times(old, lang, inside=True)
            ),
        )
    return (
        tr(lang, "Your room has changed"),
        tr(lang, "now {new}; was {old}").format(
            new=_rooms(change.new, lang), old=_rooms(change.old, lang)
        ),
    )


def _host_name(org: Doc, lang: str) -> str:
    if lang == "en":
        return str(org.get("name_en") or org.get("name_original") or org.get("name"))
    return str(org.get("name_original") or org.get("name_en") or org.get("name"))


def notices(
    db: Any,
    visit_ref: str | int,
    since: int,
    *,
    person: str | int | None = None,
    host: str | None = None,
    lang: str | None = None,
) -> tuple[Any, Any, list[Notice]]:
    """(the visit, the release, the notices): all readers, or the one named."""
    from app.documents.data import find_person, load_visit
    from app.documents.letters import host_language
    from app.i18n import _
    from app.services.base import NotFound
    from app.services.releases import snapshots

    visit = load_visit(db, visit_ref)
    release, old, new = snapshots(db, visit.code, since)
    person_lang = language(lang, visit.default_language)
    out: list[Notice] = []
    if host is None:
        people = [find_person(visit, person)] if person is not None else list(visit.people)
        for one in people:
            out.append(Notice(one.full_name, person_lang, tuple(for_person(old, new, one.key))))
    if person is None:
        orgs = hosts_in(old, new)
        if host is not None:
            wanted = fold(host)
            orgs = [
                o
                for o in orgs
                if host == o.get("key")
                or wanted
                in {fold(str(o.get(n) or "")) for n in ("name", "name_original", "name_en")}
            ]
            if not orgs:
                raise NotFound(
                    _("No host of visit {visit} is named “{host}”.").format(
                        visit=visit.code, host=host
                    )
                )
        for org in orgs:
            host_lang = host_language(org.get("country"), lang)
            out.append(
                Notice(_host_name(org, host_lang), host_lang, tuple(for_host(old, new, org["key"])))
            )
    named = person is not None or host is not None
    return visit, release, [n for n in out if n.changes or named]


def build_changes(
    db: Any,
    visit_ref: str | int,
    out_path: str | os.PathLike[str],
    *,
    since: int,
    person: str | int | None = None,
    host: str | None = None,
    lang: str | None = None,
    progress: Any = None,
    cancel: Any = None,
) -> Path:
    """The change notices since release ``since`` as one PDF (a page per reader)."""
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, Spacer

    from app.documents import common as c

    visit, release, found = notices(db, visit_ref, since, person=person, host=host, lang=lang)
    st = c.styles()
    step = c.Step(progress, cancel, total=len(found) + 1)
    step.advance()
    story: list[Any] = []
    released = release.released_at.date()
    doc_lang = found[0].lang if found else language(lang, visit.default_language)
    for index, notice in enumerate(found):
        lng = notice.lang
        if index:
            story.append(PageBreak())
        story += [
            c.FooterNote(notice.reader, group=index),
            c.para(tr(lng, "What has changed"), st["small"]),
            c.para(notice.reader, st["h1"]),
            c.para(visit.title_in(lng), st["h2"]),
            c.para(
                tr(lng, "Changes since version {number} of {date}.").format(
                    number=release.number, date=date_range(released, released, lng)
                ),
                st["body"],
            ),
            Spacer(1, 4 * mm),
        ]
        if not notice.changes:
            story.append(
                c.para(tr(lng, "Nothing has changed for you since that version."), st["body"])
            )
        for change in notice.changes:
            head, detail = sentence(change, lng)
            story += [
                c.rich(c.bold(head), st["body"]),
                c.para(detail, st["body"]),
                Spacer(1, 2 * mm),
            ]
        story.append(c.Milestone(step))
    if not found:
        story.append(
            c.para(
                tr(doc_lang, "Nothing has changed since version {number}.").format(
                    number=release.number
                ),
                st["body"],
            )
        )

    def write(tmp: str) -> None:
        title = f"{visit.title_in(doc_lang)} · {tr(doc_lang, 'What has changed')}"
        doc = c.document(tmp, title=title, lang=doc_lang, footer=title)
        c.build(doc, story, step)
        step.check()

    path = c.write_atomically(out_path, write)
    step.finish()
    return path
