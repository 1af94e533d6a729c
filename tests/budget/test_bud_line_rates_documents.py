"""A finance officer redoes each conversion of the Bergen budget from the documents alone.

The Bergen visit is planned at 8.2550 NOK per euro; its NOK payments (3 to 10 April 2014,
after the visit too) convert at the ECB rate in force at the start of their day. The PDF
(Latvian and English, lines on landscape A4) and the spreadsheet print, per line, the rate
used, its date and its source beside the actual and the exchange difference.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP
from decimal import Decimal as D

import openpyxl
import pytest
from pypdf import PdfReader

from app.documents.budget_pdf import write_budget_pdf
from app.documents.budget_xlsx import write_budget_xlsx
from app.services.budget_report import visit_budget
from tests.budget.conftest import pdf_text
from tests.conftest import cents

A4_LANDSCAPE_WIDTH = 841.89  # points


def test_bergen_lines_show_the_rate_date_and_source_of_each_payment_in_latvian(
    bergen, tmp_path
) -> None:
    b = visit_budget(bergen, "DEMO-BERGEN-2014")
    hotel = next(o for o in b.totals.lines if o.line.category == "accommodation")
    # Paid Saturday 5 April: the rate in force that morning is Friday 4 April's.
    assert (hotel.rate.per_base, hotel.rate.date) == (D("8.2580"), dt.date(2014, 4, 4))
    assert (hotel.actual, hotel.exchange) == (D("2811.82"), D("-1.02"))
    path = write_budget_pdf(b, tmp_path / "lv.pdf", "lv")
    reader = PdfReader(str(path))
    widths = [round(float(p.mediabox.width), 2) for p in reader.pages]
    assert A4_LANDSCAPE_WIDTH in widths  # the line pages turn to landscape
    assert widths[0] == 595.28 and widths[-1] == 595.28  # summary and signatures portrait
    text = pdf_text(path)
    for header in (
        "Plāna kurss",
        "Piemērotais kurss",
        "Kursa datums",
        "Kursa avots",
        "Valūtas kursa starpība",
    ):
        assert header in text
    # Line 2, the hotel: plan rate, rate used, its date, source, planned, actual, exchange.
    assert "8,2550 8,2580 04.04.2014 ECB 2 812,84 € 2 811,82 € -1,02 € -1,02 €" in text
    # The bus, paid Thursday 10 April (after the visit): Wednesday 9 April's rate.
    assert "8,2550 8,2650 09.04.2014 ECB 775,29 € 744,10 € -0,90 € -31,19 €" in text
    # A euro payment has no rate to show.
    assert "1 720,00 € 1 720,00 € 0,00 €" in text
    assert "Maksājumu kursi:" in text


def test_bergen_lines_in_english_and_the_spreadsheet_agree_to_the_cent(bergen, tmp_path) -> None:
    b = visit_budget(bergen, "DEMO-BERGEN-2014")
    text = pdf_text(write_budget_pdf(b, tmp_path / "en.pdf", "en"))
    assert "Plan rate Rate used Rate date Rate source" in text
    assert "8.2550 8.2475 3 Apr 2014 ECB €890.37 €850.20 €0.78 -€40.17" in text
    wb = openpyxl.load_workbook(write_budget_xlsx(b, tmp_path / "b.xlsx", "en"), data_only=True)
    rows = list(wb["Lines"].iter_rows(values_only=True))
    head = rows[0]
    col = {name: head.index(name) for name in head}
    assert head[col["Rate used"] + 1 : col["Rate used"] + 3] == ("Rate date", "Rate source")
    lines, total = rows[1:-1], rows[-1]
    for row, out in zip(lines, b.totals.lines, strict=True):
        actual = D(str(row[col["Actual"]]))
        rate = D(str(row[col["Rate used"]]))
        # actual ÷ rate used, rounded half up once, is the actual in euros
        assert (
            cents(row[col["Actual (EUR)"]])
            == (actual / rate).quantize(D("0.01"), rounding=ROUND_HALF_UP)
            == out.actual
        )
        plan = (
            D(str(row[col["Plan rate"]]))
            if row[col["Currency"]] == row[col["Currency"] + 3]
            else None
        )
        if plan is not None:
            at_plan = (actual / plan).quantize(D("0.01"), rounding=ROUND_HALF_UP)
            assert cents(row[col["Exchange difference (EUR)"]]) == out.actual - at_plan
        if row[col["Currency"]] == "NOK":
            assert row[col["Rate source"]] == "ECB"
            assert row[col["Rate date"]].date() == out.rate.date
    exchange = sum(cents(r[col["Exchange difference (EUR)"]]) for r in lines)
    assert exchange == cents(total[col["Exchange difference (EUR)"]]) == D("-0.76")
    assert b.totals.overall.exchange == D("-0.76")


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_a_payment_without_a_date_is_marked_as_not_the_rules_rate(bergen, tmp_path, lang) -> None:
    b = visit_budget(bergen, "DEMO-BERGEN-2014")
    import dataclasses

    b.lines = [
        dataclasses.replace(line, actual_date=None) if line.category == "accommodation" else line
        for line in b.lines
    ]
    b.recompute()
    text = pdf_text(write_budget_pdf(b, tmp_path / "u.pdf", lang))
    plan = {"lv": "plāna kurss *", "en": "plan rate *"}[lang]
    assert plan in text  # the plan's rate, starred: the rule asked for the day's
    rows = list(
        openpyxl.load_workbook(write_budget_xlsx(b, tmp_path / "u.xlsx", lang))
        .worksheets[1]
        .iter_rows(values_only=True)
    )
    assert plan in [r[15] for r in rows]
