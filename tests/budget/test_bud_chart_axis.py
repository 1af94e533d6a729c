"""The budget chart's amount axis (issue 11): the English axis read "€0 €500 €10 €1,500
€20" because ",00" was cut out of "€1,000.00". The labels are Babel's, without cents."""

from __future__ import annotations

import itertools
import re
from decimal import Decimal as D

from pypdf import PdfReader
from reportlab.graphics import renderPDF

from app.documents.budget_pdf import _chart
from app.i18n import format_money_whole
from app.services.budget_report import visit_budget


def _axis_labels(drawing, path) -> list[str]:
    renderPDF.drawToFile(drawing, str(path))
    text = PdfReader(str(path)).pages[0].extract_text().replace("\xa0", " ")
    return [line.strip() for line in text.splitlines() if re.search(r"\d", line)]


def test_english_and_latvian_axis_labels_step_evenly(demo, tmp_path) -> None:
    b = visit_budget(demo, "DEMO-POLAND-2023")
    drawing = _chart(b, "en")
    en = _axis_labels(drawing, tmp_path / "en.pdf")
    assert len(en) >= 4
    values = [int(x.lstrip("-€").replace(",", "")) for x in en]
    steps = {b - a for a, b in itertools.pairwise(values)}
    assert len(steps) == 1 and steps.pop() > 0, en  # €0, €1,000, €2,000 … not €0, €10
    assert all(re.fullmatch(r"€\d{1,3}(,\d{3})*", x) for x in en), en
    assert any("," in x for x in en)  # a thousand kept whole: "€1,000"
    lv = _axis_labels(_chart(b, "lv"), tmp_path / "lv.pdf")
    assert [x.replace(" ", "").rstrip("€") for x in lv] == [str(v) for v in values]


def test_whole_amounts_lose_only_zero_cents() -> None:
    assert format_money_whole(D("1000"), "EUR", "en") == "€1,000"
    assert format_money_whole(D("20000"), "EUR", "en") == "€20,000"
    assert format_money_whole(D("1500"), "EUR", "lv") == "1\xa0500\xa0€"
    assert format_money_whole(D("-250"), "NOK", "nb") == "-250\xa0kr"  # a refund's bar
    assert format_money_whole(D("2.5"), "EUR", "en") == "€2.50"  # cents kept when there
    assert format_money_whole(D("0"), "EUR", "lv") == "0\xa0€"
