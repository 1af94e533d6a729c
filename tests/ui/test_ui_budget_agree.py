"""Property: for random budgets the Budget tab shows, to the cent, the totals the budget PDF
and the spreadsheet print — the window is the third place finance staff compare.

The lines go in through the service (the form is tested in test_ui_budget_actuals); the
window, the PDF and the spreadsheet are the real ones. Up to 10^11 EUR a line.
"""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal as D

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from app.documents.budget_pdf import write_budget_pdf
from app.documents.budget_xlsx import write_budget_xlsx
from app.i18n import format_money
from app.services import budget as svc
from app.services.budget_report import visit_budget
from app.services.visits import create_visit
from db.enums import BUDGET_CATEGORIES
from tests.conftest import cents
from ui.context import Context
from ui.visit.budget_tab import BudgetTab

CODES = itertools.count(1)


def decimals(top: int, places: int) -> st.SearchStrategy[D]:
    return st.integers(0, top * 10**places).map(lambda n: D(n).scaleb(-places))


@st.composite
def line(draw: st.DrawFn) -> dict[str, object]:
    actual = draw(st.none() | decimals(10**11, 2))
    fields: dict[str, object] = {
        "category": draw(st.sampled_from(BUDGET_CATEGORIES)),
        "quantity": draw(decimals(10**3, draw(st.integers(0, 2)))),
        "unit_price": draw(decimals(10**8, draw(st.integers(0, 4)))),
        "currency": draw(st.sampled_from(["EUR", "NOK", "PLN"])),
        "eligible": draw(st.booleans()),
        "source": draw(st.sampled_from(["grant", "own", None])),
    }
    if actual is not None:
        fields["actual_amount"] = actual
        fields["actual_currency"] = draw(st.sampled_from(["EUR", "NOK", "PLN"]))
    return fields


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(lines=st.lists(line(), min_size=1, max_size=8))
def test_the_window_pdf_and_spreadsheet_agree(qtbot, db, tmp_path_factory, lines) -> None:
    visit = create_visit(
        db,
        code=f"AGREE-{next(CODES)}",
        title="Vizīte",
        country="NO",
        city="Bergen",
        timezone="Europe/Oslo",
        start_date=dt.date(2024, 4, 2),
        end_date=dt.date(2024, 4, 5),
    )
    svc.create_exchange_rate(db, visit.id, currency="NOK", per_base=D("11.6990"))
    svc.create_exchange_rate(db, visit.id, currency="PLN", per_base=D("4.3123"))
    sources = {
        "grant": svc.create_funding_source(
            db, visit.id, name="EEZ grants", share=D("85"), is_grant=True
        ).id,
        "own": svc.create_funding_source(
            db, visit.id, name="Pašu līdzekļi", share=D("15"), is_grant=False
        ).id,
    }
    for fields in lines:
        source = fields.pop("source")
        svc.create_budget_line(db, visit.id, funding_source_id=sources.get(source), **fields)

    tab = BudgetTab(Context(db), visit.id)
    qtbot.addWidget(tab)
    tab.reload_if_stale()  # what showing the tab does
    shown = {row[0]: row[1:] for row in tab.total_texts()}
    budget = visit_budget(db, visit.id)
    t = budget.totals
    # The window: the overall row, as the tab writes money.
    assert shown["Overall"] == [
        format_money(t.overall.planned, "EUR"),
        format_money(t.overall.actual, "EUR"),
        format_money(t.overall.variance, "EUR"),
    ]

    folder = tmp_path_factory.mktemp("agree-ui")
    wb = openpyxl.load_workbook(write_budget_xlsx(budget, folder / "b.xlsx", "en"), data_only=True)
    total = next(r for r in wb["Summary"].iter_rows(values_only=True) if r[0] == "Total")
    assert (cents(total[2]), cents(total[3]), cents(total[4])) == (
        t.overall.planned,
        t.overall.actual,
        t.overall.variance,
    )

    pdf = write_budget_pdf(budget, folder / "b.pdf", "en")
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(str(pdf)).pages).split())
    for amount in (t.overall.planned, t.overall.actual, t.overall.variance):
        assert format_money(amount, "EUR", "en").replace("\xa0", " ") in text
