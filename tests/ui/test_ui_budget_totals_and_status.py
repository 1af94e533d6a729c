"""The Budget and Daily allowances tabs: every total shown, the ECB
import's status in sentences of its own with the language's decimal comma and dates."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from app import i18n


def test_the_ecb_status_is_two_sentences_with_latvian_numbers_and_dates() -> None:
    """ "Iestatīti 2014-04-01 kursi: NOK 8.2400 2014-04-02 nav atsauces kursu…" ran two
    sentences together with a decimal point the table does not use."""
    from app.services.ecb_rates import RatesImported
    from ui.visit.budget_tab import rates_set_text

    result = RatesImported(
        dt.date(2014, 4, 1),
        [("NOK", Decimal("8.2400"), True), ("PLN", Decimal("4.1790"), False)],
        requested=dt.date(2014, 4, 2),
    )
    i18n.set_language("lv")
    text = rates_set_text(result)
    assert "8,2400" in text and "4,1790" in text and "8.2400" not in text
    assert "2014-04-0" not in text
    assert "2014. gada 1. apr." in text and "2014. gada 2. apr." in text
    first, _second = text.split(". 2014. gada 2. apr.", 1)  # a full stop between sentences
    assert first.endswith("NOK 8,2400, PLN 4,1790")
    i18n.set_language("en")
    assert (
        rates_set_text(
            RatesImported(
                dt.date(2014, 4, 1),
                [("NOK", Decimal("8.2400"), True)],
                requested=dt.date(2014, 4, 1),
            )
        )
        == "Rates of Apr 1, 2014 set: NOK 8.2400."
    )


def test_without_a_rate_the_allowances_tab_shows_country_dates_and_days(qtbot, demo_db):
    """Country, Dates and Days are known without a rate; only the money stays empty."""
    from app.services.allowances import allowance_plan, save_allowance_inputs
    from ui.context import Context
    from ui.visit.allowances_tab import AllowancesTab

    plan = allowance_plan(demo_db, "DEMO-BERGEN-2014")
    first = plan.travellers[0]
    save_allowance_inputs(
        demo_db,
        plan.visit_id,
        reduced={first.person_id: {dt.date(2014, 4, 3), dt.date(2014, 5, 1)}},
    )  # one day in the trip, one outside
    context = Context(demo_db)
    tab = AllowancesTab(context, plan.visit_id)
    qtbot.addWidget(tab)
    tab.reload()
    headers = [c.header for c in tab.model.columns]
    rows = tab.row_texts()
    assert len(rows) == 10
    cells = dict(zip(headers, rows[0], strict=True))
    assert (cells["Traveller"], cells["Full days"], cells["Reduced days"]) == (first.name, "3", "1")
    for row in rows[1:]:
        cells = dict(zip(headers, row, strict=True))
        assert (
            cells["Country"],
            cells["Dates"],
            cells["Days"],
            cells["Full days"],
            cells["Reduced days"],
        ) == ("Norway", "2–5 April 2014", "4", "4", "0")
        assert cells["Daily rate"] == cells["Reduced rate"] == ""
        assert cells["Amount"] == "—"


def _budget_window(qtbot, db, code: str):
    from app.services.budget_report import visit_budget
    from ui.main_window import MainWindow

    window = MainWindow(db)
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    window.open_visit(visit_budget(db, code).visit_id)
    tab = window.workspace._tab("budget")
    window.workspace.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.totals.topLevelItemCount() > 0)
    qtbot.wait(50)
    return window, tab


def _unseen_rows(tree) -> list[str]:
    view = tree.viewport().rect()
    return [
        tree.topLevelItem(i).text(0)
        for i in range(tree.topLevelItemCount())
        if not view.contains(tree.visualItemRect(tree.topLevelItem(i)))
    ]


def test_every_totals_row_shows_at_1400_by_900(qtbot, demo_db) -> None:
    """The overall row ("Kopā") was cut off under the warnings at 1400×900."""
    i18n.set_language("lv")
    _window, tab = _budget_window(qtbot, demo_db, "DEMO-POLAND-2023")
    assert tab.total_texts()[-1][0] == "Kopā"
    assert _unseen_rows(tab.totals) == []
    assert tab.totals.verticalScrollBar().maximum() == 0  # nothing to scroll to


def test_every_category_and_source_still_shows_every_total(qtbot, demo_db) -> None:
    from app.services.budget import create_budget_line, create_funding_source
    from app.services.budget_report import visit_budget
    from db.enums import BUDGET_CATEGORIES

    visit_id = visit_budget(demo_db, "DEMO-POLAND-2023").visit_id
    for n in range(3):
        create_funding_source(demo_db, visit_id, name=f"Avots {n}")
    for category in BUDGET_CATEGORIES:
        create_budget_line(
            demo_db, visit_id, category=category, quantity="1", unit_price="10", currency="EUR"
        )
    _window, tab = _budget_window(qtbot, demo_db, "DEMO-POLAND-2023")
    assert len(tab.total_texts()) >= 20
    assert _unseen_rows(tab.totals) == []
