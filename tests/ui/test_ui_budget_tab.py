"""The Budget tab: the totals a finance officer reads are the service's totals, a new line
changes them at once, and a currency without a rate is called out."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from app.i18n import format_money
from app.services.budget_report import visit_budget
from tests.ui.conftest import open_budget


def overall_row(tab) -> list[str]:
    return next(row for row in tab.total_texts() if row[0] == "Overall")


def test_totals_shown_are_the_services_totals_for_the_bergen_demo(qtbot, demo_db, qtmodeltester):
    budget = visit_budget(demo_db, "DEMO-BERGEN-2014")
    _window, tab = open_budget(qtbot, demo_db, budget.visit_id)
    base, totals = budget.base_currency, budget.totals
    assert overall_row(tab)[1:] == [
        format_money(totals.overall.planned, base),
        format_money(totals.overall.actual, base),
        format_money(totals.overall.variance, base),
    ]
    rows = {row[0].strip(): row[1:] for row in tab.total_texts()}
    for code, amounts in totals.by_category.items():
        from app.domain.budget_totals import category_label

        assert rows[category_label(code)][0] == format_money(amounts.planned, base)
    for key, amounts in totals.by_source.items():
        if key is not None:
            assert rows[budget.source_name(key)][0] == format_money(amounts.planned, base)
    assert tab.model.rowCount() == len(budget.lines)
    assert tab.rate_model.rowCount() == len(budget.rates)
    qtmodeltester.check(tab.model)


def test_adding_a_line_updates_the_totals_and_undo_takes_it_back(qtbot, db, visit):
    _window, tab = open_budget(qtbot, db, visit.id)
    assert overall_row(tab)[1] == format_money(Decimal(0), "EUR")
    dialog = tab.add_line(exec_dialog=False)
    dialog.description.setText("Viesnīca")
    dialog.quantity.setText("3")
    dialog.unit_price.setText("120,50")
    dialog.accept()
    assert overall_row(tab)[1] == format_money(Decimal("361.50"), "EUR")
    assert tab.model.rowCount() == 1
    tab.context.stack.undo()
    assert overall_row(tab)[1] == format_money(Decimal(0), "EUR")


def test_a_refused_line_keeps_the_form_open_with_the_reason(qtbot, db, visit):
    _window, tab = open_budget(qtbot, db, visit.id)
    dialog = tab.add_line(exec_dialog=False)
    dialog.unit_price.setText("100")
    dialog.currency.setCurrentText("NOK")  # no rate yet
    dialog.accept()
    assert "NOK has no exchange rate" in dialog.problem.text()
    assert tab.model.rowCount() == 0


def test_a_currency_without_a_rate_shows_its_warning(qtbot, db, visit):
    from app.services.budget import create_budget_line, create_exchange_rate
    from db.models import ExchangeRate

    rate = create_exchange_rate(db, visit.id, currency="NOK", per_base="11.5")
    create_budget_line(
        db,
        visit.id,
        category="accommodation",
        description="Viesnīca",
        quantity="2",
        unit_price="1290",
        currency="NOK",
    )
    with db.write() as session:  # the rate lost outside the window (an old import)
        session.get(ExchangeRate, rate.id).deleted_at = dt.datetime(2026, 1, 1)
    _window, tab = open_budget(qtbot, db, visit.id)
    shown = [tab.warnings.item(i).text() for i in range(tab.warnings.count())]
    assert any(text.startswith("NOK has no exchange rate") and "Viesnīca" in text for text in shown)
    assert tab.model.data(tab.model.index(0, 4)) == "—"  # planned cannot be converted


def test_deleting_a_line_asks_first_and_undo_brings_it_back(qtbot, demo_db, answer_yes):
    budget = visit_budget(demo_db, "DEMO-BERGEN-2014")
    _window, tab = open_budget(qtbot, demo_db, budget.visit_id)
    before = overall_row(tab)[1]
    count = tab.model.rowCount()
    tab.lines.selectRow(0)
    tab.delete_line()
    assert len(answer_yes) == 1 and "budget line" in answer_yes[0]
    assert tab.model.rowCount() == count - 1
    assert overall_row(tab)[1] != before
    tab.context.stack.undo()
    assert tab.model.rowCount() == count
    assert overall_row(tab)[1] == before


def test_ecb_file_sets_the_rate_and_undo_puts_the_old_one_back(
    qtbot, db, visit, tmp_path, qtmodeltester
):
    from app.services.budget import create_exchange_rate

    create_exchange_rate(db, visit.id, currency="NOK", per_base="11.5", source="bank")
    path = tmp_path / "eurofxref.csv"
    path.write_text("Date, USD, NOK, \n31 March 2026, 1.0788, 11.7000, \n", encoding="utf-8")
    _window, tab = open_budget(qtbot, db, visit.id)
    asked: list[str] = []
    tab.ask_reprice = lambda question: asked.append(question) or False
    tab.import_ecb(str(path))  # the plan keeps its rate unless re-pricing is chosen
    assert tab.rate_model.data(tab.rate_model.index(0, 1)) == "11.5"
    assert "The plan keeps its rates for NOK" in asked[0]
    tab.ask_reprice = lambda question: True
    tab.import_ecb(str(path))
    assert tab.rate_model.data(tab.rate_model.index(0, 1)) == "11.7000"
    qtmodeltester.check(tab.rate_model)
    tab.context.stack.undo()  # the re-pricing is its own step
    assert tab.rate_model.data(tab.rate_model.index(0, 1)) == "11.5"
    assert tab.rate_model.data(tab.rate_model.index(0, 3)) == "bank"


def test_editing_a_line_changes_its_planned_amount_and_totals(qtbot, db, visit):
    from app.services.budget import create_budget_line

    create_budget_line(
        db, visit.id, category="catering", quantity="10", unit_price="20", currency="EUR"
    )
    _window, tab = open_budget(qtbot, db, visit.id)
    tab.lines.selectRow(0)
    dialog = tab.edit_line(exec_dialog=False)
    assert dialog.quantity.text() == "10"
    dialog.quantity.setText("12")
    dialog.accept()
    assert tab.model.data(tab.model.index(0, 4)) == format_money(Decimal("240"), "EUR")
    assert overall_row(tab)[1] == format_money(Decimal("240"), "EUR")


def test_a_new_funding_source_gets_its_own_totals_row(qtbot, db, visit):
    _window, tab = open_budget(qtbot, db, visit.id)
    dialog = tab.add_source(exec_dialog=False)
    dialog.name.setText("EEZ grants")
    dialog.share.setText("85")
    dialog.accept()
    assert tab.source_model.data(tab.source_model.index(0, 0)) == "EEZ grants"
    assert any(row[0].strip() == "EEZ grants" for row in tab.total_texts())
    assert any("add up to 85 %" in tab.warnings.item(i).text() for i in range(tab.warnings.count()))


def test_budget_pdf_and_spreadsheet_are_written_by_a_worker(qtbot, demo_db, tmp_path):
    """Saving runs off the UI thread: the buttons wait, then the status says where."""
    budget = visit_budget(demo_db, "DEMO-BERGEN-2014")
    _window, tab = open_budget(qtbot, demo_db, budget.visit_id)
    out = tmp_path / "out"
    out.mkdir()
    for name, magic in (("budget.pdf", b"%PDF"), ("budget.xlsx", b"PK")):
        path = out / name
        tab.export(path.suffix[1:], str(path))
        assert tab.exporting and not tab.pdf_button.isEnabled()
        qtbot.waitUntil(lambda: not tab.exporting, timeout=30000)
        assert path.read_bytes().startswith(magic)
        assert tab.status.text() == f"Saved {path}"
        assert tab.pdf_button.isEnabled()
    assert sorted(p.name for p in out.iterdir()) == ["budget.pdf", "budget.xlsx"]
