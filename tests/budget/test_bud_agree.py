"""Property: for random budgets the service totals, the PDF and the spreadsheet agree to
the cent (each line rounded once, totals as sums of rounded lines), up to 10^11 EUR."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from app.documents.budget_pdf import write_budget_pdf
from app.documents.budget_text import category, money
from app.documents.budget_xlsx import write_budget_xlsx
from app.domain.budget_totals import LineIn, SourceIn
from app.domain.money import round_cents
from app.services.budget_report import RateRow, VisitBudget
from db.enums import BUDGET_CATEGORIES
from tests.conftest import cents

RATES = [
    RateRow("NOK", D("11.6990"), None, "ECB"),
    RateRow("PLN", D("4.3123"), None, "ECB"),
    RateRow("SEK", D("11.525"), None, "ECB"),
]


def decimals(top: int, places: int) -> st.SearchStrategy[D]:
    return st.integers(0, top * 10**places).map(lambda n: D(n).scaleb(-places))


@st.composite
def lines(draw: st.DrawFn) -> LineIn:
    currency = draw(st.sampled_from(["EUR", "NOK", "PLN", "SEK"]))
    actual = draw(st.none() | decimals(10**11, 2))
    return LineIn(
        draw(st.integers(1, 10**6)),
        draw(st.sampled_from(BUDGET_CATEGORIES)),
        draw(st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=30)) or None,
        draw(st.sampled_from(["g", "o", None])),
        draw(st.booleans()),
        draw(decimals(10**4, draw(st.integers(0, 3)))),
        "item",
        draw(decimals(10**7, draw(st.integers(0, 6)))),
        currency,
        actual,
        draw(st.sampled_from(["EUR", "NOK", "PLN", "SEK"])) if actual is not None else None,
    )


budgets = st.lists(lines(), min_size=1, max_size=20).map(
    lambda ls: VisitBudget(
        1,
        "P-1",
        "Vizīte",
        {},
        dt.date(2024, 4, 2),
        dt.date(2024, 4, 5),
        "NO",
        None,
        "EUR",
        None,
        RATES,
        [SourceIn("g", "Grant", D("85")), SourceIn("o", "Own", D("15"))],
        ls,
    )
)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(budget=budgets)
def test_totals_pdf_and_spreadsheet_agree(budget: VisitBudget, tmp_path_factory) -> None:
    t = budget.totals
    # The service: each line rounded once, every total a sum of those lines.
    assert t.overall.planned == sum(o.planned for o in t.lines)
    assert all(o.planned == round_cents(o.planned) for o in t.lines)
    assert sum(a.planned for a in t.by_category.values()) == t.overall.planned
    assert sum(a.actual for a in t.by_source.values()) == t.overall.actual
    assert t.eligible.planned + t.ineligible.planned == t.overall.planned

    folder = tmp_path_factory.mktemp("agree")
    wb = openpyxl.load_workbook(write_budget_xlsx(budget, folder / "b.xlsx", "en"), data_only=True)
    summary = list(wb["Summary"].iter_rows(values_only=True))
    total = next(r for r in summary if r[0] == "Total")
    assert (cents(total[2]), cents(total[3]), cents(total[4])) == (
        t.overall.planned,
        t.overall.actual,
        t.overall.variance,
    )
    for code, a in t.by_category.items():
        row = next(r for r in summary if r[0] == category("en", code))
        assert (cents(row[2]), cents(row[3])) == (a.planned, a.actual)
    sheet_lines = list(wb["Lines"].iter_rows(min_row=2, values_only=True))[:-1]
    assert [cents(r[10]) for r in sheet_lines] == [o.planned for o in t.lines]

    pdf = write_budget_pdf(budget, folder / "b.pdf", "en")
    text = " ".join(p.extract_text() for p in PdfReader(str(pdf)).pages).replace("\xa0", " ")
    for amount in (
        t.overall.planned,
        t.overall.actual,
        t.overall.variance,
        *(a.planned for a in t.by_category.values()),
        *(o.planned for o in t.lines),
    ):
        assert money(amount, "EUR", "en") in text
