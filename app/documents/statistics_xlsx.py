"""The figures across visits as a spreadsheet: numbers as values, never as pictures.

Sheet one holds every figure as rows (label, value, the number of visits and their codes),
so a planner can re-chart or re-add them; sheet two lists every visit counted with the
facts the figures were made from (people, days, cost and grant in EUR). Written with the
budget's small typed-cell writer (``budget_xlsx_file``) and atomically.
"""

from __future__ import annotations

import os
from pathlib import Path

from app.documents.budget_xlsx_file import Book, Sheet
from app.documents.statistics_pdf import filters_text
from app.i18n import _
from app.services.statistics import Statistics, country_label

MONEY = "#,##0.00"
PERCENT = "0.00"
COUNT = "0"


def _row(
    sheet: Sheet,
    values: list[object],
    fmts: list[str | None] | None = None,
    font: str = "normal",
    header: bool = False,
) -> None:
    fmts = fmts or []
    sheet.add_row(
        (v, fmts[i] if i < len(fmts) else None, font, header) for i, v in enumerate(values)
    )


def write_statistics_xlsx(st: Statistics, path: str | os.PathLike[str]) -> Path:
    """Figures and visits in the language the caller speaks (``app.i18n.speaking``)."""
    book = Book()
    sheet = book.create_sheet(_("Figures"), (44, 16, 10, 60))
    _row(sheet, [_("Study visits in figures")], font="title")
    _row(sheet, [filters_text(st)])
    for figure in st.figures:
        _row(sheet, [])
        _row(sheet, [figure.title], font="bold")
        unit = {"eur": "EUR", "percent": "%"}.get(figure.unit, _("count"))
        _row(
            sheet,
            [_("Of what"), f"{_('Value')} ({unit})", _("Visits"), _("Visit codes")],
            font="bold",
            header=True,
        )
        fmt = {"eur": MONEY, "percent": PERCENT}.get(figure.unit, COUNT)
        for bar in figure.bars:
            value = bar.value if figure.unit != "count" else int(bar.value)
            codes = ", ".join(st.visits[i].code for i in bar.visit_ids if i in st.visits)
            _row(sheet, [bar.label, value, len(bar.visit_ids), codes], [None, fmt, COUNT])
        if figure.note:
            _row(sheet, [figure.note])
    visits = book.create_sheet(_("Visits"), (18, 48, 8, 18, 14, 8, 8, 14, 14))
    _row(
        visits,
        [
            _("Code"),
            _("Title"),
            _("Year"),
            _("Country"),
            _("Project"),
            _("People"),
            _("Days"),
            _("Cost (EUR)"),
            _("Grant (EUR)"),
        ],
        font="bold",
        header=True,
    )
    visits.freeze = "A2"
    for visit_id in st.visit_ids:
        v = st.visits[visit_id]
        _row(
            visits,
            [
                v.code,
                v.title,
                v.year,
                country_label(v.country or ""),
                v.project or "",
                v.people,
                v.days,
                v.cost,
                v.grant,
            ],
            [None, None, COUNT, None, None, COUNT, COUNT, MONEY, MONEY],
        )
    return book.save(path)  # atomically
