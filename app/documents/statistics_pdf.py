"""The figures across visits as a PDF: each figure a bar chart with its numbers beside it.

A chart alone is not enough for a report: beside every chart stands a table of the same
numbers, with how many visits each was counted from, and at the end the visits themselves
(code, title, year, country, people, cost) so that every figure can be traced. Texts are
in the language the caller speaks (``app.i18n.speaking``): the figures' titles and labels
were made by the statistics service in that language too.
"""

from __future__ import annotations

import datetime as dt
import math
import os
from pathlib import Path
from typing import Any

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Table, TableStyle

from app.documents import common as c
from app.documents.budget_pdf import _OurFontDrawing as FontDrawing
from app.documents.words import number
from app.i18n import _, format_date, format_money, ngettext
from app.services.statistics import Figure, Statistics, country_label, value_text

BAR = colors.HexColor("#2f6f9f")
CHART_WIDTH = 92 * mm
LABEL_CHARS = 24
LIST_LIMIT = 400  # visits listed at the end; more are in the spreadsheet


def filters_text(st: Statistics) -> str:
    """ "2013–2023 · project P-1 · Norway · 6 visits": what the figures were counted on."""
    f = st.filters
    parts = []
    if f.year_from is not None or f.year_to is not None:
        low = str(f.year_from) if f.year_from is not None else "…"
        high = str(f.year_to) if f.year_to is not None else "…"
        parts.append(_("years {years}").format(years=low if low == high else f"{low}–{high}"))
    else:
        parts.append(_("all years"))
    if f.project:
        parts.append(_("project {code}").format(code=f.project))
    if f.country:
        parts.append(country_label(f.country.upper()))
    n = len(st.visit_ids)
    parts.append(ngettext("{n} visit", "{n} visits", n).format(n=n))
    return " · ".join(parts)


def _short(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"


def chart(figure: Figure, lang: str) -> Any:
    """Horizontal bars, the first bar on top (years read downwards, rankings too)."""
    bars = list(figure.bars)
    height = max(40, len(bars) * 15) + 24  # about a row of the numbers beside
    c.register_fonts()
    drawing = FontDrawing(CHART_WIDTH, height)
    if not bars:
        return drawing
    graph = HorizontalBarChart()
    graph.x, graph.y = 34 * mm, 16
    graph.width, graph.height = CHART_WIDTH - 38 * mm, height - 22
    graph.data = [[float(b.value) for b in reversed(bars)]]
    graph.bars[0].fillColor = BAR
    graph.bars.strokeColor = None
    graph.barSpacing = 1
    graph.groupSpacing = 3
    graph.categoryAxis.categoryNames = [c.printable(_short(b.label)) for b in reversed(bars)]
    graph.categoryAxis.labels.fontName = c.FONT
    graph.categoryAxis.labels.fontSize = 7
    graph.categoryAxis.labels.boxAnchor = "e"
    graph.categoryAxis.labels.dx = -3
    graph.valueAxis.valueMin = 0
    graph.valueAxis.labels.fontName = c.FONT
    graph.valueAxis.labels.fontSize = 6.5
    graph.valueAxis.labelTextFormat = lambda v: number(
        int(v) if float(v).is_integer() else round(v, 2), lang
    )
    graph.valueAxis.visibleGrid = True
    graph.valueAxis.gridStrokeColor = c.RULE
    top = max(b.value for b in bars)
    if top == 0:
        graph.valueAxis.valueMax = 1
    if figure.unit == "percent":
        graph.valueAxis.valueMax = 100
    if figure.unit == "count":  # no half visits on the axis
        graph.valueAxis.valueStep = max(1, math.ceil(float(top) / 5))
    drawing.add(graph)
    return drawing


def numbers(figure: Figure, lang: str, width: float) -> Table:
    """The chart's numbers: label, value, the visits it was counted from (and how)."""
    rows: list[list[Any]] = [c.header_cells([_("Of what"), _("Value"), _("Visits")])]
    for bar in figure.bars:
        label = c.para(bar.label, "cell")
        if bar.detail:
            label = c.rich(f"{c.safe(bar.label)}<br/>{c.muted(bar.detail)}", "cell")
        rows.append([label, value_text(figure, bar.value, lang), number(len(bar.visit_ids), lang)])
    if not figure.bars:
        rows.append([c.para(_("No figures for these visits"), "cell_small"), "", ""])
    value_width, count_width = 24 * mm, 13 * mm
    return c.table(
        rows,
        [width - value_width - count_width, value_width, count_width],
        font_size=7.8,
        extra=[("ALIGN", (1, 1), (-1, -1), "RIGHT")],
    )


def _figure(figure: Figure, lang: str) -> list[Any]:
    side = c.FRAME_WIDTH - CHART_WIDTH - 4 * mm
    pair = Table(
        [[chart(figure, lang), numbers(figure, lang, side)]],
        colWidths=[CHART_WIDTH + 4 * mm, side],
        hAlign="LEFT",
    )
    pair.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), c.FONT),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    parts: list[Any] = [c.para(figure.title, "h2"), pair]
    if figure.note:
        parts.append(c.para(figure.note, "note"))
    return [KeepTogether(parts)]


def _visits(st: Statistics, lang: str) -> list[Any]:
    story: list[Any] = [c.para(_("Visits counted"), "h2")]
    if len(st.visit_ids) > LIST_LIMIT:
        story.append(
            c.para(
                _(
                    "{n} visits: too many to list here; the spreadsheet export lists every one."
                ).format(n=number(len(st.visit_ids), lang)),
                "note",
            )
        )
        return story
    rows: list[list[Any]] = [
        c.header_cells(
            [_("Code"), _("Title"), _("Year"), _("Country"), _("People"), _("Cost (EUR)")]
        )
    ]
    for visit_id in st.visit_ids:
        v = st.visits[visit_id]
        rows.append(
            [
                c.para(v.code, "cell_small"),
                c.para(v.title, "cell_small"),
                str(v.year),
                c.para(country_label(v.country or ""), "cell_small"),
                number(v.people, lang),
                format_money(v.cost, "EUR", lang) if v.cost is not None else "—",
            ]
        )
    widths = [30 * mm, 0.0, 12 * mm, 24 * mm, 14 * mm, 24 * mm]
    widths[1] = c.FRAME_WIDTH - sum(widths)
    story.append(c.table(rows, widths, font_size=7.8, extra=[("ALIGN", (4, 1), (-1, -1), "RIGHT")]))
    return story


def write_statistics_pdf(
    st: Statistics, path: str | os.PathLike[str], lang: str, *, today: dt.date | None = None
) -> Path:
    """Every figure of ``st`` with its chart and numbers, then the visits counted."""
    title = _("Study visits in figures")
    story: list[Any] = [
        c.para(title, "h1"),
        c.para(filters_text(st), "body"),
        c.para(
            _(
                "Made on {date}. Costs in EUR at each visit's own rates; "
                "a line counts its paid amount when recorded, else its "
                "planned amount. Cancelled visits are not counted."
            ).format(date=format_date(today or dt.date.today(), lang)),
            "note",
        ),
    ]
    for figure in st.figures:
        story += _figure(figure, lang)
    story += _visits(st, lang)

    def write(target: str) -> None:
        doc = c.document(target, title=title, lang=lang, footer=title)
        c.build(doc, story)

    return c.write_atomically(path, write)
