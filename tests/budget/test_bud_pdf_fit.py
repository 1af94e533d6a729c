"""What does not fit must still be read: amounts of 10^11 EUR and 300-letter words in the
budget PDF stay whole and inside their columns."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal as D

from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics

from app.documents import common as c
from app.documents.budget_pdf import _line_layout, _wrap, write_budget_pdf, write_project_pdf
from app.domain.budget_totals import LineIn, SourceIn
from app.services.budget_report import RateRow, VisitBudget, project_budget

WORD = "Pārvadājumupakalpojumusniedzējs" * 9  # 279 letters, no space


def text_of(path) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(str(path)).pages).replace("\xa0", " ")


def huge() -> VisitBudget:
    lines = [
        LineIn(
            1,
            "travel",
            "Lidmašīna",
            "g",
            True,
            D("1"),
            None,
            D("99999999952"),
            "EUR",
            D("100000000000.00"),
            "EUR",
            "INV-1",
            dt.date(2024, 4, 5),
            True,
        ),
        LineIn(
            2,
            "venue",
            WORD,
            "o",
            True,
            D("1000"),
            "item",
            D("100000000"),
            "EUR",
            D("99999999999.99"),
            "EUR",
        ),
    ]
    return VisitBudget(
        1,
        "HUGE-1",
        "Milzu vizīte",
        {},
        dt.date(2024, 4, 2),
        dt.date(2024, 4, 5),
        "NO",
        None,
        "EUR",
        None,
        [RateRow("NOK", D("11.6990"), dt.date(2024, 3, 28), "ECB")],
        [SourceIn("g", "EEZ", D("50"), True), SourceIn("o", "Pašu", D("50"))],
        lines,
    )


def test_amounts_of_a_hundred_billion_print_whole_and_apart(tmp_path) -> None:
    text = text_of(write_budget_pdf(huge(), tmp_path / "h.pdf", "lv"))
    assert "100 000 000 000,00 €" in text  # a line's actual
    assert "199 999 999 952,00 €" in text  # the planned total
    assert "199 999 999 999,99 €" in text  # the actual total
    # Two amounts run together read as "952,00100 000…": cents run into digit groups.
    assert not re.search(r",\d{3,} \d{3}\b", text), re.findall(r"\S*,\d{3,} \d+", text)
    assert "99 999 999 952,00 €" in text.replace("\n", " ")


def test_the_line_table_fits_the_page_and_widens_its_amount_columns(tmp_path) -> None:
    widths, size, _texts = _line_layout(huge(), "lv")
    assert sum(widths) <= c.LANDSCAPE_FRAME_WIDTH + 0.01  # the lines are on landscape pages
    widest = pdfmetrics.stringWidth("100 000 000 000,00 €", c.FONT, size)
    assert all(w - 8 >= widest for w in widths[8:])
    b = huge()
    b.lines = [LineIn(1, "travel", "x", None, True, D("1"), None, D("10"), "EUR")]
    b.recompute()
    widths, size, _texts = _line_layout(b, "lv")
    assert size == 7.4 and widths[8] == widths[9]  # ordinary amounts: the usual layout


def test_a_300_letter_word_is_cut_to_its_column_and_loses_no_letter() -> None:
    width = 40.0
    lines = _wrap(f"Telpu noma · {WORD}", width).split("\n")
    assert len(lines) > 5
    assert all(pdfmetrics.stringWidth(x, c.FONT, 7.4) <= width for x in lines)
    assert "".join(lines).replace(" ", "") == f"Telpunoma·{WORD}"
    assert _wrap("Viesnīca", width) == "Viesnīca"  # a short text is left as it is


def test_the_pdf_with_a_long_word_keeps_every_letter(tmp_path) -> None:
    text = text_of(write_budget_pdf(huge(), tmp_path / "w.pdf", "en"))
    assert WORD in re.sub(r"\s", "", text)


def test_the_project_pdf_says_planned_or_actual_and_explains_the_grant(demo, tmp_path):
    text = " ".join(
        text_of(
            write_project_pdf(
                project_budget(demo, "EEZ-LOCALDEV-2021/LPS-01"), tmp_path / "p.pdf", "en"
            )
        ).split()
    )
    assert "Grant: Actual" in text and "Eligible costs: Actual" in text
    assert "Grant: Planned" in text and "Eligible costs: Planned" in text
    assert "Grant at the grant rate: 85 % ×" in text
    assert "the grant rate times the eligible costs" in text
