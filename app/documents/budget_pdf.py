"""The budget for the funder and the finance office, as PDF (A4, in lv, en or nb).

Project and funding header; summary by category and by funding source (planned, actual,
variance); a chart of planned against actual per category; the lines with their original
amounts, currencies and the rates used (eligible and ineligible apart); the rates; the
daily allowances per person; "prepared by / approved by" lines. Every amount comes from
``VisitBudget.totals`` — the same rounded lines the window and the spreadsheet add up.

The line table is built from plain strings (descriptions wrapped here with
``simpleSplit``), not Paragraphs: a 5,000-line budget lays out in about a second
(docs/pitfalls.md, ReportLab), and user text in a plain cell can never be read as markup.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import KeepTogether, NextPageTemplate, PageBreak, Spacer, Table, TableStyle

from app.documents import common as c
from app.documents.budget_rows import PAD_X, Rows
from app.documents.budget_text import (
    category,
    day,
    funding_programme,
    funding_text,
    language,
    money,
    money_format,
    number,
    rate_source,
    text,
    unit,
)
from app.documents.words import date_range
from app.domain.budget_totals import Amounts, LineOut
from app.i18n import format_money_whole
from app.services.allowances import AllowancePlan
from app.services.budget_report import ProjectBudget, VisitBudget
from app.services.delegate_costs import DelegateCosts

CHUNK = 400  # rows per block; each block splits between its rows
MAX_WARNINGS = 30  # the PDF lists this many; the spreadsheet and the window have all
_LINE_FONT = 7.4
_PLANNED_BAR = colors.HexColor("#8a9bb0")
_ACTUAL_BAR = colors.HexColor("#8a1c2b")


def _t(lang: str, message: str) -> str:
    return text(lang, message)


def _head(labels: Sequence[str], right_from: int) -> list[Any]:
    """Header cells; columns from ``right_from`` on hold amounts and align right."""
    from reportlab.lib.enums import TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    right = ParagraphStyle("header_right", parent=c.styles()["header"], alignment=TA_RIGHT)
    return [c.para(label, "header" if i < right_from else right) for i, label in enumerate(labels)]


def _word_room(label: str, least: float) -> float:
    """A narrow column's width that holds each word of its header whole ("Personer" was
    printed "Person" / "er" in a 14 mm column), and at least ``least``."""
    size = c.styles()["header"].fontSize
    widest = max((pdfmetrics.stringWidth(w, c.FONT_BOLD, size) for w in label.split()), default=0)
    return max(least, widest + 9)  # the cell's padding, 4 pt each side, and a point to spare


def _facts(rows: Sequence[tuple[str, Any]]) -> Table:
    data = [
        [c.para(label, "cell_bold"), c.para(value, "cell")]
        for label, value in rows
        if value not in (None, "")
    ]
    return c.table(
        data,
        [42 * mm, c.FRAME_WIDTH - 42 * mm],
        header_rows=0,
        extra=[("LINEBELOW", (0, 0), (-1, -1), 0.3, c.RULE)],
    )


def fit_amounts(
    texts: Sequence[str],
    columns: int,
    room: float,
    *,
    size: float = 9,
    minimum: float = 28 * mm,
    pad: float = 8,
) -> tuple[float, float]:
    """The width of each of ``columns`` amount columns and the font size that shows the
    widest amount whole: the usual width, wider when an amount needs it (up to ``room``
    for them all), and beyond that a smaller font — an amount is never cut or overprinted
    (10^11 EUR is "100 000 000 000,00 €")."""
    widest = max((pdfmetrics.stringWidth(t, c.FONT_BOLD, size) for t in texts), default=0)
    width = max(minimum, widest + pad)
    if width * columns <= room:
        return width, size
    width = room / columns
    return width, size * (width - pad) / (widest or 1)


def _amount_table(
    lang: str,
    base: str,
    head: str,
    rows: list[tuple[str, Any, Amounts]],
    total: Amounts,
    extra_rows: Sequence[tuple[str, Amounts]] = (),
    share_column: bool = False,
) -> Table:
    """Label | [share] | planned | actual | variance, a bold total row, then extra rows."""
    m = lambda a: money(a, base, lang)  # noqa: E731
    header = (
        [head]
        + ([_t(lang, "Share")] if share_column else [])
        + [_t(lang, "Planned"), _t(lang, "Actual"), _t(lang, "Variance")]
    )
    data: list[list[Any]] = [_head(header, 1)]
    for label, share, a in rows:
        share_cell = (
            [f"{number(share, lang)} %" if share is not None else ""] if share_column else []
        )
        data.append([c.para(label, "cell"), *share_cell, m(a.planned), m(a.actual), m(a.variance)])
    blank = [""] if share_column else []
    data.append(
        [
            c.para(_t(lang, "Total"), "cell_bold"),
            *blank,
            m(total.planned),
            m(total.actual),
            m(total.variance),
        ]
    )
    total_row = len(data) - 1
    for label, a in extra_rows:
        data.append([c.para(label, "cell"), *blank, m(a.planned), m(a.actual), m(a.variance)])
    share_width = [16 * mm] if share_column else []
    amounts = [cell for row in data[1:] for cell in row[-3:]]
    money_width, size = fit_amounts(amounts, 3, c.FRAME_WIDTH - 50 * mm - sum(share_width))
    first = c.FRAME_WIDTH - 3 * money_width - sum(share_width)
    return c.table(
        data,
        [first, *share_width, money_width, money_width, money_width],
        font_size=size,
        extra=[
            ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
            ("FONTNAME", (0, total_row), (-1, total_row), c.FONT_BOLD),
            ("LINEABOVE", (0, total_row), (-1, total_row), 0.8, c.INK),
            ("VALIGN", (0, 1), (-1, -1), "MIDDLE"),
        ],
    )


class _OurFontDrawing(Drawing):
    """A drawing whose renderer starts in our font.

    The renderer sets its default font (Helvetica) before the first shape, so the PDF
    would reference an unembedded Helvetica although every text is in Roboto.
    """

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        from reportlab.graphics import shapes

        before = shapes.STATE_DEFAULTS["fontName"]
        shapes.STATE_DEFAULTS["fontName"] = c.FONT
        try:
            super().drawOn(canvas, x, y, _sW)
        finally:
            shapes.STATE_DEFAULTS["fontName"] = before


def _chart(b: VisitBudget, lang: str) -> Drawing | None:
    """Planned against actual per category, horizontal bars (Latvian labels are long)."""
    items = list(b.totals.by_category.items())
    if not items:
        return None
    labels = [category(lang, code) for code, _a in items][::-1]
    planned = [float(a.planned) for _code, a in items][::-1]
    actual = [float(a.actual) for _code, a in items][::-1]
    bar_height = 7
    height = max(60, len(items) * (2 * bar_height + 8)) + 40
    c.register_fonts()
    drawing = _OurFontDrawing(c.FRAME_WIDTH, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = 40 * mm, 30
    chart.width, chart.height = c.FRAME_WIDTH - 48 * mm, height - 40
    chart.data = [planned, actual]
    chart.barWidth = bar_height
    chart.groupSpacing = 8
    chart.bars[0].fillColor = _PLANNED_BAR
    chart.bars[1].fillColor = _ACTUAL_BAR
    chart.bars.strokeColor = None
    chart.categoryAxis.categoryNames = labels
    chart.categoryAxis.labels.fontName = c.FONT
    chart.categoryAxis.labels.fontSize = 7.5
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.valueAxis.labels.fontName = c.FONT
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = min(0, *planned, *actual)  # a refund's bar stays on the axis
    # Babel's pattern without cents (stripping ",00" from the text cut "€1,000" to "€1").
    chart.valueAxis.labelTextFormat = lambda v: format_money_whole(
        Decimal(str(v)), b.base_currency, lang
    )
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = c.RULE
    drawing.add(chart)
    legend = Legend()
    legend.fontName = c.FONT
    legend.fontSize = 7.5
    legend.x, legend.y = 40 * mm, 10
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.dxTextSpace = 4
    legend.deltax = 70
    legend.colorNamePairs = [(_PLANNED_BAR, _t(lang, "Planned")), (_ACTUAL_BAR, _t(lang, "Actual"))]
    drawing.add(legend)
    return drawing


def _wrap(value: str, width: float, size: float = _LINE_FONT) -> str:
    """Line breaks for a plain-string cell; a short text is measured once, not split.

    ``simpleSplit`` breaks only at spaces: a word wider than the column (a 300-letter
    compound, a URL) is cut between letters here, as a Paragraph's ``splitLongWords``
    would, so it stays in its column — without paying for a Paragraph on every line.
    """
    if not value:
        return ""
    if "\n" not in value and pdfmetrics.stringWidth(value, c.FONT, size) <= width:
        return value
    lines: list[str] = []
    for line in simpleSplit(value, c.FONT, size, width):
        if pdfmetrics.stringWidth(line, c.FONT, size) <= width:
            lines.append(line)
        else:
            lines += _break_word(line, width, size)
    return "\n".join(lines)


def _break_word(line: str, width: float, size: float) -> list[str]:
    """A line too wide for its column, cut between letters into lines that fit."""
    parts: list[str] = []
    start, used = 0, 0.0
    for i, char in enumerate(line):
        w = pdfmetrics.stringWidth(char, c.FONT, size)
        if used + w > width and i > start:
            parts.append(line[start:i])
            start, used = i, 0.0
        used += w
    parts.append(line[start:])
    return parts


def source_numbers(b: VisitBudget) -> dict[str | None, str]:
    """Funding sources by their number (1, 2…): the lines show the number, the summary
    says which source it is (a long programme name on every line would double the pages)."""
    return {s.key: str(n) for n, s in enumerate(b.sources, start=1)}


# The line table's columns on a landscape page (mm): No., category · description, source,
# the amounts in their currencies, plan rate, then the payment's rate used, its date and
# source, and the four amounts in the base currency (planned, actual, exchange difference,
# variance). The description takes what the others leave of the frame.
_COLUMNS = [8, 0, 9, 36, 15, 15, 17, 17, 21, 21, 20, 20]
_AMOUNTS = 8  # the first of the base-currency amount columns


def _line_layout(
    b: VisitBudget, lang: str
) -> tuple[list[float], float, dict[int, tuple[str, ...]]]:
    """Column widths and font size of the line tables, and each line's amounts as text.

    The amount columns widen (taking room from the description) when an amount needs it,
    and the font shrinks only when even that is not enough; every line table of the
    budget gets the same layout.
    """
    widths = [w * mm for w in _COLUMNS]
    if any(out.line.shares for out in b.totals.lines):
        widths[2] = 13 * mm  # "1 85 %" under "2 15 %": each source's number and percent
    widths[1] = c.LANDSCAPE_FRAME_WIDTH - sum(widths)
    fmt_base = money_format(b.base_currency, lang)
    texts: dict[int, tuple[str, ...]] = {}
    widest = ""
    for out in b.totals.lines:
        cells = (
            fmt_base(out.planned) if out.planned is not None else "—",
            fmt_base(out.actual) if out.actual is not None else "",
            fmt_base(out.exchange) if out.exchange else "",
            fmt_base(out.variance) if out.variance is not None else "",
        )
        texts[id(out)] = cells
        for cell in cells:
            if len(cell) > len(widest):
                widest = cell
    need = pdfmetrics.stringWidth(widest, c.FONT, _LINE_FONT) + 2 * PAD_X + 1
    size = _LINE_FONT
    amounts = widths[_AMOUNTS:]
    if need > min(amounts):
        spare = widths[1] - 40 * mm  # the description keeps at least 40 mm
        width = min(need, min(amounts) + spare / len(amounts))
        widths[1] -= sum(width - w for w in amounts if w < width)
        widths[_AMOUNTS:] = [max(w, width) for w in amounts]
        if need > width:
            size = _LINE_FONT * (width - 2 * PAD_X - 1) / (need - 2 * PAD_X - 1)
    return widths, size, texts


def _line_tables(
    b: VisitBudget,
    outs: list[LineOut],
    lang: str,
    numbers: dict[int, int],
    layout: tuple[list[float], float, dict[int, tuple[str, ...]]],
) -> list[Rows]:
    """The lines as plain-string rows (``budget_rows``), in blocks of ``CHUNK`` rows.

    A payment in a currency other than the base shows the rate it converted at, the date
    of that rate and its source (ECB, InforEuro, a fixed or the plan's rate), so a finance
    officer can redo each conversion: actual ÷ rate used = actual in the base currency.
    """
    widths, size, amounts = layout
    base = b.base_currency
    head = [
        _t(lang, "No."),
        f"{_t(lang, 'Category')} · {_t(lang, 'Description')}",
        _t(lang, "Source"),
        f"{_t(lang, 'Planned')} / {_t(lang, 'Actual')} ({_t(lang, 'Currency')})",
        _t(lang, "Plan rate"),
        _t(lang, "Rate used"),
        _t(lang, "Rate date"),
        _t(lang, "Rate source"),
        f"{_t(lang, 'Planned')} ({base})",
        f"{_t(lang, 'Actual')} ({base})",
        _t(lang, "Exchange difference"),
        _t(lang, "Variance"),
    ]
    rates = {r.currency: r.per_base for r in b.rates}
    rate_text = {cur: number(rate, lang) for cur, rate in rates.items()}
    sources = source_numbers(b)
    paid_word = _t(lang, "Paid")
    describe_width = widths[1] - 2 * PAD_X
    original_width = widths[3] - 2 * PAD_X
    dates: dict[Any, str] = {}

    def day_text(when: Any) -> str:
        if when not in dates:
            dates[when] = day(when, lang)
        return dates[when]

    rows: list[list[str]] = []
    for out in outs:
        line = out.line
        cell = _wrap(
            f"{category(lang, line.category)} · {line.description}"
            if line.description
            else category(lang, line.category),
            describe_width,
            size,
        )
        paid = line.actual_amount is not None
        if line.actual_document or line.actual_date or (paid and line.actual_paid):
            when = line.actual_date
            proof = " · ".join(
                part
                for part in (
                    line.actual_document,
                    day_text(when) if when else None,
                    paid_word if paid and line.actual_paid else None,
                )
                if part
            )
            cell += "\n" + _wrap(proof, describe_width, size)
        # "18 × 1 290,00 NOK (nakts)": the unit named apart, so no noun needs a plural.
        unit_name = unit(lang, line.unit)
        original = _wrap(
            f"{number(line.quantity, lang)} × {number(line.unit_price, lang)} "
            f"{line.currency}" + (f" ({unit_name})" if unit_name else ""),
            original_width,
            size,
        )
        actual_currency = line.actual_currency or line.currency
        used = ["", "", ""]
        if paid:
            original += "\n" + money(line.actual_amount, actual_currency, lang)
            if out.rate is not None and actual_currency != base:
                used = [
                    number(out.rate.per_base, lang),
                    day_text(out.rate.date) if out.rate.date else "",
                    rate_source(lang, out.rate),
                ]
        rows.append(
            [
                str(numbers[id(out)]),
                cell,
                funding_text(line, lambda key: f"{sources.get(key, '')}:", lang, "\n")
                if line.shares
                else sources.get(line.funding, ""),
                original,
                rate_text.get(line.currency, ""),
                *used,
                *amounts[id(out)],
            ]
        )
    return [
        Rows(
            head, rows[start : start + CHUNK], widths, "LLCLRRLLRRRR", size=size, leading=size + 1.6
        )
        for start in range(0, len(rows), CHUNK)
    ]


def _rates_table(b: VisitBudget, lang: str) -> Table:
    data = [
        _head(
            [
                _t(lang, "Currency"),
                _t(lang, "Units per {base}").format(base=b.base_currency),
                _t(lang, "Date"),
                _t(lang, "Source"),
            ],
            1,
        )
    ]
    data[0][2:] = c.header_cells([_t(lang, "Date"), _t(lang, "Source")])
    for r in b.rates:
        data.append(
            [
                r.currency,
                number(r.per_base, lang),
                day(r.date, lang),
                c.para(r.source or "", "cell"),
            ]
        )
    return c.table(
        data,
        [24 * mm, 34 * mm, 28 * mm, c.FRAME_WIDTH - 86 * mm],
        extra=[("ALIGN", (1, 1), (1, -1), "RIGHT")],
    )


def allowance_table(plan: AllowancePlan, lang: str) -> Table:
    """Per person: days, reduced days, rates and amount (shared with the statement)."""
    eur = lambda v: money(v, "EUR", lang)  # noqa: E731
    data: list[list[Any]] = [
        _head(
            [
                _t(lang, "Person"),
                _t(lang, "Departure"),
                _t(lang, "Return"),
                _t(lang, "Days"),
                _t(lang, "Reduced days"),
                _t(lang, "Daily rate"),
                _t(lang, "Reduced rate"),
                _t(lang, "Amount"),
            ],
            3,
        )
    ]
    for t in plan.travellers:
        a = t.allowance
        if a is None:
            data.append(
                [
                    c.para(t.name, "cell"),
                    c.para(t.problem or "", "cell_small"),
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                ]
            )
            continue
        data.append(
            [
                c.para(t.name, "cell"),
                day(a.departure, lang),
                day(a.return_day, lang),
                str(a.days),
                str(len(a.reduced_days)),
                # each rate in force during the trip, a line each (a new table
                # inside it; the font has no arrow, and the column no room for two)
                "\n".join(eur(p.daily) for p in a.periods),
                "\n".join(eur(p.reduced) for p in a.periods),
                eur(a.amount),
            ]
        )
    data.append([c.para(_t(lang, "Total"), "cell_bold"), "", "", "", "", "", "", eur(plan.total)])
    # The dates' columns fit "Izbraukšana" and "12 Apr 2014" whole (19 mm split a word).
    return c.table(
        data,
        [38 * mm, 21 * mm, 21 * mm, 13 * mm, 21 * mm, 19 * mm, 20 * mm, c.FRAME_WIDTH - 153 * mm],
        extra=[
            ("ALIGN", (3, 1), (-1, -1), "RIGHT"),
            ("FONTNAME", (0, -1), (-1, -1), c.FONT_BOLD),
            ("LINEABOVE", (0, -1), (-1, -1), 0.8, c.INK),
        ],
    )


def signatures(
    lang: str, prepared_by: str | None = None, approved_by: str | None = None
) -> KeepTogether:
    """ "Prepared by / Approved by" with room for a signature, a name and a date."""
    rows = []
    for label, name in (
        (_t(lang, "Prepared by"), prepared_by),
        (_t(lang, "Approved by"), approved_by),
    ):
        rows.append([c.para(label, "cell_bold"), c.para(name or "", "cell"), ""])
        rows.append(["", "", c.para(_t(lang, "signature, name, date"), "cell_small")])
    table = Table(
        rows,
        colWidths=[36 * mm, 60 * mm, c.FRAME_WIDTH - 96 * mm],
        rowHeights=[12 * mm, 7 * mm] * 2,
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), c.FONT),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LINEBELOW", (2, 0), (2, 0), 0.6, c.INK),
                ("LINEBELOW", (2, 2), (2, 2), 0.6, c.INK),
            ]
        )
    )
    return KeepTogether([Spacer(1, 8 * mm), table])


def _visit_story(
    b: VisitBudget,
    lang: str,
    plan: AllowancePlan | None,
    prepared_by: str | None,
    approved_by: str | None,
) -> list[Any]:
    base = b.base_currency
    story: list[Any] = [
        c.para(_t(lang, "Budget of the visit"), "subtitle"),
        c.para(b.title_in(lang), "h1"),
        c.para(f"{b.code} · {date_range(b.start_date, b.end_date, lang)}", "body"),
        Spacer(1, 4 * mm),
    ]
    facts: list[tuple[str, Any]] = []
    if b.project:
        p = b.project
        facts += [
            (_t(lang, "Project"), " ".join(x for x in (p.code, p.title) if x)),
            (funding_programme(lang), p.programme),
            (_t(lang, "Funder"), p.funder),
            (
                _t(lang, "Grant rate"),
                f"{number(p.grant_rate, lang)} %" if p.grant_rate is not None else None,
            ),
        ]
    facts.append((_t(lang, "Base currency"), base))
    story.append(_facts(facts))
    if b.project and b.project.acknowledgement:
        story += [Spacer(1, 2 * mm), c.para(b.project.acknowledgement, "note")]
    story.append(c.para(_t(lang, "By category"), "h2"))
    story.append(
        _amount_table(
            lang,
            base,
            _t(lang, "Category"),
            [(category(lang, code), None, a) for code, a in b.totals.by_category.items()],
            b.totals.overall,
            [
                (_t(lang, "Eligible costs"), b.totals.eligible),
                (_t(lang, "Ineligible costs"), b.totals.ineligible),
            ],
        )
    )
    story.append(c.para(_t(lang, "By funding source"), "h2"))
    shares: dict[str | None, Decimal | None] = {s.key: s.share for s in b.sources}
    grants = {s.key for s in b.sources if s.is_grant}
    numbers_of = source_numbers(b)
    marked = f" ({_t(lang, 'Grant')})"
    story.append(
        _amount_table(
            lang,
            base,
            _t(lang, "Funding source"),
            [
                (
                    f"{numbers_of[k]}. {b.source_name(k)}{marked if k in grants else ''}"
                    if k
                    else _t(lang, "No funding source"),
                    shares.get(k),
                    a,
                )
                for k, a in b.totals.by_source.items()
            ],
            b.totals.overall,
            share_column=True,
        )
    )
    story += _delegate_story(b, lang)
    chart = _chart(b, lang)
    if chart is not None:
        story.append(
            KeepTogether([c.para(_t(lang, "Planned and actual by category"), "h2"), chart])
        )
    if b.warnings:
        story.append(c.para(_t(lang, "Warnings"), "h2"))
        story += [c.para(f"• {w.text}", "cell") for w in b.warnings[:MAX_WARNINGS]]
        rest = len(b.warnings) - MAX_WARNINGS
        if rest > 0:
            story.append(
                c.para(
                    _t(lang, "… and {count} more (all of them are in the spreadsheet)").format(
                        count=rest
                    ),
                    "note",
                )
            )
    story.append(
        c.para(
            _t(
                lang,
                "Amounts in {currency}; each line converted with the visit's "
                "rate and rounded to cents once; totals are sums of rounded "
                "lines.",
            ).format(currency=base)
            + " "
            + _t(lang, "Variance = actual − planned."),
            "note",
        )
    )
    if b.totals.overall.exchange:
        story.append(
            c.para(
                _t(
                    lang,
                    "Exchange difference (payments at the rate of their own "
                    "day against the plan's rate): {amount}",
                ).format(amount=money(b.totals.overall.exchange, base, lang)),
                "note",
            )
        )
    numbers = {id(out): n for n, out in enumerate(b.totals.lines, start=1)}
    eligible = [o for o in b.totals.lines if o.line.eligible]
    ineligible = [o for o in b.totals.lines if not o.line.eligible]
    layout = _line_layout(b, lang)
    # The lines on landscape pages: twelve columns, each conversion traceable.
    story += [
        NextPageTemplate(c.LANDSCAPE_PAGES),
        PageBreak(),
        c.para(_t(lang, "Budget lines"), "h2"),
    ]
    story += _line_tables(b, eligible, lang, numbers, layout)
    if ineligible:
        story.append(c.para(_t(lang, "Ineligible costs"), "h2"))
        story += _line_tables(b, ineligible, lang, numbers, layout)
    if any(
        o.rate is not None and (o.line.actual_currency or o.line.currency) != base
        for o in b.totals.lines
        if o.line.actual_amount is not None
    ):
        story.append(
            c.para(
                _t(
                    lang,
                    "Rates of the payments: the rate each actual converted "
                    "at under the project's rule, the day it was published "
                    "and its source; * marks a rate other than the rule "
                    "asks for (see the warnings).",
                ),
                "note",
            )
        )
    story += [NextPageTemplate(c.PORTRAIT), PageBreak()]
    if b.rates:
        story += [c.para(_t(lang, "Exchange rates"), "h2"), _rates_table(b, lang)]
    if plan is not None and any(t.allowance for t in plan.travellers):
        story += [
            c.para(_t(lang, "Daily allowances per person"), "h2"),
            allowance_table(plan, lang),
        ]
        sources = sorted({source for t in plan.travellers for source in t.sources})
        if sources:
            story.append(c.para(f"{_t(lang, 'Legal source')}: {'; '.join(sources)}", "note"))
        story.append(
            c.para(
                _t(
                    lang,
                    "Days with free accommodation and three meals are paid "
                    "at {share} percent of the daily rate.",
                ).format(share=number(plan.share, lang)),
                "note",
            )
        )
        story += [c.para(f"• {w}", "cell") for w in plan.cap_warnings]
        if plan.lines_warning:  # the budget's allowance lines are not what this table gives
            story.append(c.para(f"• {plan.lines_warning}", "cell"))
    story.append(signatures(lang, prepared_by, approved_by))
    return story


def _delegate_story(b: VisitBudget, lang: str) -> list[Any]:
    """Cost per delegate, a table per sending organisation and each organisation's
    statement: what its delegates cost, its own lines and its share of the common ones."""
    return _delegate_parts(b.delegate_costs, b.base_currency, lang, statements=True)


def _delegate_parts(
    costs: DelegateCosts | None, base: str, lang: str, *, statements: bool
) -> list[Any]:
    if costs is None:
        return []
    m = lambda a: money(a, base, lang)  # noqa: E731
    paid = bool(costs.total.actual)  # share and per delegate: of what was paid, once any
    none = _t(lang, "(no organisation)")
    story: list[Any] = [
        c.para(_t(lang, "Cost per delegate and per sending organisation"), "h2"),
        c.para(
            _t(
                lang,
                "People taking part: {count}; cost per delegate: planned {planned}, "
                "actual {actual}.",
            ).format(
                count=costs.people,
                planned=m(costs.per_delegate(actual=False)),
                actual=m(costs.per_delegate(actual=True)),
            ),
            "body",
        ),
    ]
    data: list[list[Any]] = [
        _head(
            [
                _t(lang, "Organisation"),
                _t(lang, "People"),
                _t(lang, "Planned"),
                _t(lang, "Actual"),
                _t(lang, "Share"),
                _t(lang, "Per delegate"),
            ],
            1,
        )
    ]
    for org in costs.organisations:
        total = org.total
        share = costs.share(org, actual=paid)
        data.append(
            [
                c.para(org.organisation or none, "cell"),
                str(len(org.people)),
                m(total.planned),
                m(total.actual),
                f"{number(share, lang)} %" if share is not None else "",
                m(org.per_delegate(actual=paid)),
            ]
        )
    data.append(
        [
            c.para(_t(lang, "Total"), "cell_bold"),
            str(costs.people),
            m(costs.total.planned),
            m(costs.total.actual),
            "",
            m(costs.per_delegate(actual=paid)),
        ]
    )
    money_width, size = fit_amounts(
        [cell for row in data[1:] for cell in row[2:4]], 3, c.FRAME_WIDTH - 90 * mm, minimum=26 * mm
    )
    people_width = _word_room(_t(lang, "People"), 14 * mm)
    share_width = _word_room(_t(lang, "Share"), 20 * mm)
    story.append(
        c.table(
            data,
            [
                c.FRAME_WIDTH - 3 * money_width - people_width - share_width,
                people_width,
                money_width,
                money_width,
                share_width,
                money_width,
            ],
            font_size=size,
            extra=[
                ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                ("FONTNAME", (0, -1), (-1, -1), c.FONT_BOLD),
                ("LINEABOVE", (0, -1), (-1, -1), 0.8, c.INK),
            ],
        )
    )
    story.append(
        c.para(
            _t(
                lang,
                "Share and per delegate: of the actual costs."
                if paid
                else "Share and per delegate: of the planned costs.",
            )
            + " "
            + _t(
                lang,
                "A line bound to a person taking part (a daily allowance) is "
                "their organisation's own cost; every other line is common "
                "and shared by head, to the cent. People taking part: every "
                "participant except those who declined or cancelled.",
            ),
            "note",
        )
    )
    if not statements:
        return story
    # The heading goes into the first statement's KeepTogether: its keepWithNext does not
    # hold against a KeepTogether, and Bergen's heading was left alone at a page's foot.
    heading: list[Any] = [c.para(_t(lang, "Statement per sending organisation"), "h2")]
    for org in costs.organisations:
        total = org.total
        rows = [
            (_t(lang, "Own lines (bound to its people)"), org.own.planned, org.own.actual),
            (
                _t(lang, "Share of the common costs ({count} of {people} people)").format(
                    count=len(org.people), people=costs.people
                ),
                org.common.planned,
                org.common.actual,
            ),
            (_t(lang, "Total"), total.planned, total.actual),
            (
                _t(lang, "Per delegate"),
                org.per_delegate(actual=False),
                org.per_delegate(actual=True),
            ),
        ]
        table = [_head(["", _t(lang, "Planned"), _t(lang, "Actual")], 1)]
        table += [[c.para(label, "cell"), m(planned), m(actual)] for label, planned, actual in rows]
        shares = [costs.share(org, actual=False), costs.share(org, actual=True)]
        table.append(
            [
                c.para(_t(lang, "Share of the visit"), "cell"),
                *(f"{number(x, lang)} %" if x is not None else "" for x in shares),
            ]
        )
        story.append(
            KeepTogether(
                [
                    *heading,
                    c.para(org.organisation or none, "cell_bold"),
                    c.para(f"{_t(lang, 'Delegates')}: {', '.join(org.people)}", "cell"),
                    c.table(
                        table,
                        [c.FRAME_WIDTH - 2 * money_width, money_width, money_width],
                        font_size=size,
                        extra=[
                            ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                            ("FONTNAME", (0, 3), (-1, 3), c.FONT_BOLD),
                            ("LINEABOVE", (0, 3), (-1, 3), 0.8, c.INK),
                        ],
                    ),
                    Spacer(1, 3 * mm),
                ]
            )
        )
        heading = []
    return story


def write_budget_pdf(
    budget: VisitBudget,
    path: str | os.PathLike[str],
    lang: str = "lv",
    *,
    allowances: AllowancePlan | None = None,
    prepared_by: str | None = None,
    approved_by: str | None = None,
) -> Path:
    """The visit's budget PDF, written atomically."""
    lang = language(lang)
    title = f"{_t(lang, 'Budget')}: {budget.code}"
    story = _visit_story(budget, lang, allowances, prepared_by, approved_by)

    def write(target: str) -> None:
        doc = c.document(
            target,
            title=title,
            lang=lang,
            footer=f"{title} — {budget.title_in(lang)}",
            landscape_pages=True,
        )
        c.build(doc, story)

    return c.write_atomically(path, write)


def _project_table(
    project: ProjectBudget,
    lang: str,
    heads: list[str],
    values: Any,
    extra: tuple[str, list[Decimal | None]] | None,
) -> Table:
    """One row per visit, a bold total, and an optional extra row: ``values(overall,
    eligible, grant)`` gives a row's amounts (the same ``Amounts`` the spreadsheet writes)."""
    base = project.base_currency
    m = lambda a: money(a, base, lang) if a is not None else ""  # noqa: E731
    data: list[list[Any]] = [_head([_t(lang, "Visit"), *heads], 1)]
    for v in project.visits:
        data.append(
            [
                c.rich(
                    f"{c.bold(v.code)}<br/>{c.safe(v.title_in(lang))}<br/>"
                    f"{c.muted(date_range(v.start_date, v.end_date, lang))}",
                    "cell",
                ),
                *(m(x) for x in values(v.totals.overall, v.totals.eligible, v.grant)),
            ]
        )
    data.append(
        [
            c.para(_t(lang, "Total"), "cell_bold"),
            *(m(x) for x in values(project.overall, project.eligible, project.grant)),
        ]
    )
    rows = len(data)
    if extra is not None:
        data.append([c.para(extra[0], "cell"), *(m(x) for x in extra[1])])
    columns = len(heads)
    width, size = fit_amounts(
        [cell for row in data[1:] for cell in row[1:]],
        columns,
        c.FRAME_WIDTH - 40 * mm,
        minimum=25 * mm,
    )
    return c.table(
        data,
        [c.FRAME_WIDTH - columns * width] + [width] * columns,
        font_size=size,
        extra=[
            ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
            ("FONTNAME", (0, rows - 1), (-1, rows - 1), c.FONT_BOLD),
            ("LINEABOVE", (0, rows - 1), (-1, rows - 1), 0.8, c.INK),
        ],
    )


def _award_story(project: ProjectBudget, lang: str) -> list[Any]:
    """The grant against the award: awarded, grant at the grant rate, planned, actual,
    remaining and the share of the award used."""
    p = project.project
    if p.awarded is None:
        return []
    base = project.base_currency
    m = lambda a: money(a, base, lang) if a is not None else ""  # noqa: E731
    rows: list[tuple[str, str]] = [
        (_t(lang, "Grant awarded"), m(p.awarded)),
        (f"{_t(lang, 'Grant')}: {_t(lang, 'Planned')}", m(project.grant.planned)),
        (f"{_t(lang, 'Grant')}: {_t(lang, 'Actual')}", m(project.grant.actual)),
        (_t(lang, "Remaining"), m(project.remaining)),
        (_t(lang, "Used"), f"{number(project.used, lang)} %" if project.used is not None else ""),
    ]
    if p.grant_rate is not None:
        rows.insert(
            1,
            (
                f"{_t(lang, 'Grant at the grant rate')}: {_t(lang, 'Planned')}",
                m(project.grant_at_rate.planned),
            ),
        )
    data = [[c.para(label, "cell"), value] for label, value in rows]
    return [
        c.para(_t(lang, "The grant against the award"), "h2"),
        c.table(
            data,
            [c.FRAME_WIDTH - 45 * mm, 45 * mm],
            header_rows=0,
            extra=[("ALIGN", (1, 0), (-1, -1), "RIGHT")],
        ),
    ]


def write_project_pdf(
    project: ProjectBudget,
    path: str | os.PathLike[str],
    lang: str = "lv",
    *,
    prepared_by: str | None = None,
    approved_by: str | None = None,
) -> Path:
    """A project's visits together against its grant, for the funder's report, with the
    names of who prepared and approved it on the signature lines (as a visit's budget)."""
    lang = language(lang)
    p = project.project
    base = project.base_currency
    story: list[Any] = [
        c.para(_t(lang, "Project budget"), "subtitle"),
        c.para(" ".join(x for x in (p.code, p.title) if x), "h1"),
    ]
    story.append(
        _facts(
            [
                (funding_programme(lang), p.programme),
                (_t(lang, "Funder"), p.funder),
                (
                    _t(lang, "Grant rate"),
                    f"{number(p.grant_rate, lang)} %" if p.grant_rate is not None else None,
                ),
                (
                    _t(lang, "Grant awarded"),
                    money(p.awarded, base, lang) if p.awarded is not None else None,
                ),
                (
                    _t(lang, "Project period"),
                    date_range(p.period_start, p.period_end, lang)
                    if p.period_start and p.period_end
                    else None,
                ),
                (_t(lang, "Base currency"), base),
            ]
        )
    )
    story.append(c.para(_t(lang, "Visits"), "h2"))
    story.append(
        _project_table(
            project,
            lang,
            [
                _t(lang, "Planned"),
                _t(lang, "Actual"),
                _t(lang, "Variance"),
                _t(lang, "Exchange difference"),
            ],
            lambda a, e, g: [a.planned, a.actual, a.variance, a.exchange],
            None,
        )
    )
    # Eligible costs and grant, planned and actual, as the spreadsheet has them: each
    # column says which it is ("Grant" beside "Grant at the grant rate" with no word on
    # either read as two figures for one thing).
    story.append(c.para(f"{_t(lang, 'Eligible costs')} · {_t(lang, 'Grant')}", "h2"))
    at_rate = None
    if p.grant_rate is not None:
        at_rate = (
            f"{_t(lang, 'Grant at the grant rate')}: {number(p.grant_rate, lang)} % × "
            f"{_t(lang, 'Eligible costs').lower()}",
            [None, None, project.grant_at_rate.planned, project.grant_at_rate.actual],
        )
    story.append(
        _project_table(
            project,
            lang,
            [
                f"{_t(lang, 'Eligible costs')}: {_t(lang, 'Planned')}",
                f"{_t(lang, 'Eligible costs')}: {_t(lang, 'Actual')}",
                f"{_t(lang, 'Grant')}: {_t(lang, 'Planned')}",
                f"{_t(lang, 'Grant')}: {_t(lang, 'Actual')}",
            ],
            lambda a, e, g: [e.planned, e.actual, g.planned, g.actual],
            at_rate,
        )
    )
    story += _award_story(project, lang)
    story.append(c.para(_t(lang, "By category"), "h2"))
    story.append(
        _amount_table(
            lang,
            base,
            _t(lang, "Category"),
            [(category(lang, code), None, a) for code, a in project.by_category.items()],
            project.overall,
            [
                (_t(lang, "Eligible costs"), project.eligible),
                (_t(lang, "Ineligible costs"), project.ineligible),
            ],
        )
    )
    story.append(c.para(_t(lang, "By funding source"), "h2"))
    story.append(
        _amount_table(
            lang,
            base,
            _t(lang, "Funding source"),
            [(name, None, a) for name, a in project.by_source.items()],
            project.overall,
            [
                (_t(lang, "Grant"), project.grant),
                (_t(lang, "Own funds and other sources"), project.own),
            ],
        )
    )
    story += _delegate_parts(project.delegate_costs, base, lang, statements=False)
    if project.cancelled or project.unconverted:
        story.append(c.para(_t(lang, "Not counted"), "h2"))
        for v in project.cancelled:
            story.append(
                c.para(
                    f"• {c.safe(v.code)} {c.safe(v.title_in(lang))} "
                    f"({date_range(v.start_date, v.end_date, lang)}): "
                    f"{c.safe(_t(lang, 'cancelled'))}",
                    "cell",
                )
            )
        for v in project.unconverted:
            story.append(
                c.para(
                    f"• {c.safe(v.code)} {c.safe(v.title_in(lang))}: "
                    + c.safe(_t(lang, "no rate for {currency}").format(currency=base)),
                    "cell",
                )
            )
    story.append(
        c.para(
            _t(
                lang,
                "Amounts in {currency}; each line converted with the visit's "
                "rate and rounded to cents once; totals are sums of rounded "
                "lines.",
            ).format(currency=base),
            "note",
        )
    )
    story.append(
        c.para(
            _t(
                lang,
                "Grant: what the lines funded by the grant sources cost. "
                "Grant at the grant rate: the grant rate times the eligible "
                "costs, the most the grant can cover.",
            ),
            "note",
        )
    )
    if project.warnings:
        story.append(c.para(_t(lang, "Warnings"), "h2"))
        story += [c.para(f"• {w}", "cell") for w in project.warnings]
    story.append(signatures(lang, prepared_by, approved_by))
    title = f"{_t(lang, 'Project budget')}: {p.code}"

    def write(target: str) -> None:
        doc = c.document(target, title=title, lang=lang, footer=title)
        c.build(doc, story)

    return c.write_atomically(path, write)
