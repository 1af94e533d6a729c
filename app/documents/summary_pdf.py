"""The post-visit summary PDF: what the funder, the region's leaders and the archive get.

Cover (title, dates, place, organiser, funder acknowledgement and logo), purpose, facts
(participants by organisation, institutions met), the programme as it happened with each
meeting's outcome, summary, results, lessons, follow-ups, contacts gained, photos with
captions and the budget's planned and actual totals. Built with ``app.documents.common``
(fonts, escaped user text, "Page N of M"), in Latvian or English.
"""

from __future__ import annotations

import os
from collections import Counter
from io import BytesIO
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, PageBreak, Spacer

from app.documents import common as c
from app.documents.report_data import PhotoDoc, ReportDoc, load_report
from app.documents.words import short_date, time_text
from app.i18n import N_, format_money

SKIPPED_KINDS = ("meal", "transfer", "free_time")  # printed only when they have an outcome
STATUS = {"open": N_("Open"), "done": N_("Done"), "dropped": N_("Dropped")}
PHOTO_WIDTH = (c.FRAME_WIDTH - 6 * mm) / 2
PHOTO_HEIGHT = 62 * mm
# What must fit below a table's heading for it to start on this page: the heading, the
# header row and about two rows (a photo row is taller: its heading asks for one row).
TABLE_START = 45 * mm


def _cover(r: ReportDoc, lang: str) -> list[Any]:
    v = r.visit
    tr = c.tr
    place = ", ".join(p for p in (v.city, _country(v.country, lang)) if p)
    story: list[Any] = [
        Spacer(1, 30 * mm),
        c.para(tr(lang, "Post-visit summary"), "subtitle"),
        c.para(v.title_in(lang), "title"),
        c.para(c.date_range(v.start_date, v.end_date, lang), "h2"),
    ]
    if place:
        story.append(c.para(place, "body"))
    if v.organiser is not None:
        story += [
            Spacer(1, 4 * mm),
            c.rich(c.fill(tr(lang, "Organiser: {name}"), name=c.bold(v.organiser.shown(lang)))),
        ]
    project = v.project
    if project is not None:
        story.append(Spacer(1, 30 * mm))
        logo = c.logo_flowable(project.logo, max_width=60 * mm, max_height=25 * mm)
        if logo is not None:
            story.append(logo)
        if project.acknowledgement:
            story.append(c.para(project.acknowledgement, "note"))
        label = " · ".join(p for p in (project.code, project.title) if p)
        story.append(c.para(label, "small"))
    story.append(PageBreak())
    return story


def _table_heading(text: str, room: float = 0) -> list[Any]:
    """A heading before a long table, never left alone at the foot of a page.

    Kept with the whole table (``keepWithNext``), ReportLab would move both to the next page
    and leave the rest of this one empty; so the heading is free, and a conditional page
    break first asks for room for it, the table's header and a row or two.
    """
    from reportlab.lib.styles import ParagraphStyle

    free = ParagraphStyle("h1_free", parent=c.styles()["h1"], keepWithNext=0)
    return [CondPageBreak(room or TABLE_START), c.para(text, free)]


def _country(code: str | None, lang: str) -> str:
    if not code:
        return ""
    from babel import Locale

    return Locale.parse(lang).territories.get(code.upper(), code)


def _facts(r: ReportDoc, lang: str) -> list[Any]:
    tr, v = c.tr, r.visit
    story: list[Any] = [c.para(tr(lang, "Facts"), "h1")]
    by_org = Counter(p.organisation.shown(lang) if p.organisation else None for p in v.people)
    lines = [
        f"{org}: {count}"
        for org, count in sorted(
            by_org.items(), key=lambda kv: (kv[0] is None, -kv[1], kv[0] or "")
        )
        if org is not None
    ]
    if by_org.get(None):
        lines.append(f"{tr(lang, 'Other')}: {by_org[None]}")
    rows = [
        [
            c.para(tr(lang, "Dates"), "cell_bold"),
            c.para(c.date_range(v.start_date, v.end_date, lang), "cell"),
        ],
        [
            c.para(tr(lang, "Participants"), "cell_bold"),
            c.rich(c.bold(len(v.people)) + "<br/>" + c.safe("\n".join(lines)), "cell"),
        ],
    ]
    institutions = r.institutions()
    if institutions:
        rows.append(
            [
                c.para(tr(lang, "Institutions met"), "cell_bold"),
                c.para("\n".join(o.shown(lang) for o in institutions), "cell"),
            ]
        )
    story.append(c.table(rows, [45 * mm, c.FRAME_WIDTH - 45 * mm], header_rows=0))
    return story


def _programme(r: ReportDoc, lang: str) -> list[Any]:
    tr = c.tr
    items = [i for i in r.visit.items if i.kind not in SKIPPED_KINDS or r.outcomes.get(i.key)]
    if not items:
        return []
    rows: list[list[Any]] = [
        c.header_cells([tr(lang, "When"), tr(lang, "Meeting"), tr(lang, "Outcome")])
    ]
    for item in items:
        when = f"{short_date(item.starts.date(), lang)}\n{time_text(item.starts, lang)}"
        what = c.bold(item.title_in(lang))
        if item.host is not None:
            what += "<br/>" + c.muted(item.host.shown(lang))
        outcome = r.outcomes.get(item.key)
        rows.append(
            [c.para(when, "cell_small"), c.rich(what, "cell"), c.para(outcome or "—", "cell")]
        )
    widths = [22 * mm, 68 * mm, c.FRAME_WIDTH - 90 * mm]
    return [*_table_heading(tr(lang, "The programme as it happened")), c.table(rows, widths)]


def _bullets(title: str, points: list[str]) -> list[Any]:
    if not points:
        return []
    return [c.para(title, "h2"), *[c.rich("•&nbsp;" + c.safe(p), "body") for p in points]]


def _results(r: ReportDoc, lang: str) -> list[Any]:
    tr = c.tr
    story: list[Any] = []
    if r.summary:  # the report's own words first, under their own heading
        story += [c.para(tr(lang, "Summary"), "h1"), c.para(r.summary, "body")]
    if r.results or r.lessons or r.contacts_gained:
        story.append(c.para(tr(lang, "Results and lessons"), "h1"))
    story += _bullets(tr(lang, "Results"), list(r.results))
    lessons = [le.text + (f" ({', '.join(le.topics)})" if le.topics else "") for le in r.lessons]
    story += _bullets(tr(lang, "Lessons learned"), lessons)
    story += _bullets(tr(lang, "Contacts gained"), [g.line() for g in r.contacts_gained])
    return story


def _follow_ups(r: ReportDoc, lang: str) -> list[Any]:
    tr = c.tr
    if not r.follow_ups:
        return []
    rows: list[list[Any]] = [
        c.header_cells([tr(lang, "Action"), tr(lang, "Owner"), tr(lang, "Due"), tr(lang, "Status")])
    ]
    for f in r.follow_ups:
        rows.append(
            [
                c.para(f.action, "cell"),
                c.para(f.owner or "—", "cell"),
                c.para(short_date(f.due, lang) if f.due else "—", "cell"),
                c.para(tr(lang, STATUS.get(f.status, f.status)), "cell"),
            ]
        )
    widths = [c.FRAME_WIDTH - 98 * mm, 42 * mm, 28 * mm, 28 * mm]
    return [*_table_heading(tr(lang, "Follow-up actions")), c.table(rows, widths)]


def _photo(photo: PhotoDoc, lang: str) -> Any:
    from reportlab.lib.utils import ImageReader
    from reportlab.platypus import Image

    try:
        width, height = ImageReader(BytesIO(photo.data)).getSize()
    except Exception:  # an unreadable image is left out, the rest of the summary stands
        return None
    scale = min(PHOTO_WIDTH / width, PHOTO_HEIGHT / height)
    image = Image(BytesIO(photo.data), width * scale, height * scale)
    caption = photo.caption or ""
    if photo.taken:
        caption = f"{caption} ({short_date(photo.taken, lang)})".strip()
    return [image, c.para(caption, "small")]


def _photos(r: ReportDoc, lang: str) -> list[Any]:
    cells = [cell for cell in (_photo(p, lang) for p in r.photos) if cell is not None]
    if not cells:
        return []
    rows = [cells[i : i + 2] + [""] * (2 - len(cells[i : i + 2])) for i in range(0, len(cells), 2)]
    table = c.table(
        rows,
        [c.FRAME_WIDTH / 2] * 2,
        header_rows=0,
        extra=[("LINEBELOW", (0, 0), (-1, -1), 0, c.SHADE), ("BOTTOMPADDING", (0, 0), (-1, -1), 8)],
    )
    return [*_table_heading(c.tr(lang, "Photos"), PHOTO_HEIGHT + 25 * mm), table]


def _budget(r: ReportDoc, lang: str) -> list[Any]:
    b = r.budget
    if b is None:
        return []
    tr = c.tr
    rows: list[list[Any]] = [
        c.header_cells([tr(lang, "Planned"), tr(lang, "Actual"), tr(lang, "Variance")])
    ]  # the budget's word
    actual = format_money(b.actual, b.currency, lang) if b.actual is not None else "—"
    diff = format_money(b.actual - b.planned, b.currency, lang) if b.actual is not None else "—"
    rows.append(
        [
            c.para(format_money(b.planned, b.currency, lang), "cell"),
            c.para(actual, "cell"),
            c.para(diff, "cell"),
        ]
    )
    third = c.FRAME_WIDTH / 3
    return [KeepTogether([c.para(tr(lang, "Budget"), "h1"), c.table(rows, [third, third, third])])]


def summary_story(r: ReportDoc, lang: str) -> list[Any]:
    story = _cover(r, lang)
    purpose = r.visit.purpose_in(lang)
    if purpose:
        story += [c.para(c.tr(lang, "Purpose"), "h1"), c.para(purpose, "body")]
    for part in (_facts, _programme, _results, _follow_ups, _photos, _budget):
        story += part(r, lang)
    return story


def write_summary(db: Any, ref: str | int, out: str | os.PathLike[str], lang: str) -> None:
    """The summary PDF of visit ``ref`` at ``out`` (written whole or not at all)."""
    report = load_report(db, ref)
    lang = lang if lang in ("lv", "en") else "lv"
    title = report.visit.title_in(lang)

    def write(path: str) -> None:
        doc = c.document(path, title=title, lang=lang, footer=title)
        c.build(doc, summary_story(report, lang))

    c.write_atomically(out, write)


def build_summary(
    db: Any,
    ref: str | int,
    out_path: str | os.PathLike[str],
    *,
    lang: str | None = None,
    person: str | None = None,
    progress: Any = None,
    cancel: Any = None,
) -> Path:
    """The Documents tab's builder (``app.documents.builder("summary")``): the command
    line's ``write_summary``, with the builders' signature; ``person`` does not apply."""
    from app.documents.common import Cancelled

    if cancel is not None and cancel():
        raise Cancelled()
    write_summary(db, ref, out_path, lang or "lv")
    if progress is not None:
        progress(1, 1)
    return Path(out_path)
