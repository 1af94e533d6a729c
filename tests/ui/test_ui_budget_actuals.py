"""The Budget tab's actual side: what an invoice says (amount in its own currency,
reference, date, paid), converted with the visit's rate and agreeing to the cent with the
totals; deleting rates and funding sources (asked first, undoable, from the Delete key);
the budget PDF written by a worker that Cancel stops without leaving a file."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import Qt

from app.i18n import format_money
from app.services.budget_report import visit_budget
from tests.ui.conftest import open_budget

# The lines table: ... Planned, Actual, Variance, Paid, Invoice or receipt, Document date
PLANNED, ACTUAL, VARIANCE, PAID, DOCUMENT, DATE = 4, 5, 6, 7, 8, 9


def cell(model, row: int, column: int) -> str:
    return model.data(model.index(row, column))


def overall_row(tab) -> list[str]:
    return next(row for row in tab.total_texts() if row[0] == "Overall")


def add_line(tab, **texts: str):
    """Fill the line form as a user would (text typed, boxes ticked) and press OK."""
    dialog = tab.add_line(exec_dialog=False)
    for name, value in texts.items():
        widget = getattr(dialog, name)
        if hasattr(widget, "setChecked"):
            widget.setChecked(bool(value))
        elif hasattr(widget, "setCurrentText"):
            widget.setCurrentText(value)
        else:
            widget.setText(value)
    dialog.accept()
    return dialog


def test_an_invoice_in_nok_shows_actual_and_variance_in_eur_agreeing_with_totals(qtbot, db, visit):
    from app.services.budget import create_exchange_rate

    create_exchange_rate(db, visit.id, currency="NOK", per_base="11.5")
    _window, tab = open_budget(qtbot, db, visit.id)
    add_line(
        tab,
        description="Viesnīca",
        quantity="3",
        unit_price="120,50",
        actual="1 290,00",
        actual_currency="NOK",
        document="INV-2026-14",
    )
    # Three taxi receipts of 1 NOK: 0.0869… EUR each is 0.09 EUR; the total is 0.27 EUR,
    # the sum of rounded lines, not 0.26 EUR from the unrounded 0.2608…
    for _n in range(3):
        add_line(
            tab,
            category="local_transport",
            quantity="1",
            unit_price="0.10",
            actual="1",
            actual_currency="NOK",
        )
    assert tab.model.rowCount() == 4
    assert cell(tab.model, 0, PLANNED) == format_money(Decimal("361.50"), "EUR")
    assert cell(tab.model, 0, ACTUAL) == format_money(Decimal("112.17"), "EUR")  # 1290/11.5
    assert cell(tab.model, 0, VARIANCE) == format_money(Decimal("-249.33"), "EUR")
    assert cell(tab.model, 0, DOCUMENT) == "INV-2026-14"
    tooltip = tab.model.data(tab.model.index(0, ACTUAL), Qt.ItemDataRole.ToolTipRole)
    assert format_money(Decimal("1290"), "NOK") in tooltip
    assert cell(tab.model, 1, ACTUAL) == format_money(Decimal("0.09"), "EUR")
    assert overall_row(tab)[1:] == [
        format_money(Decimal("361.80"), "EUR"),
        format_money(Decimal("112.44"), "EUR"),
        format_money(Decimal("-249.36"), "EUR"),
    ]
    totals = visit_budget(db, visit.id).totals.overall  # what the PDF and XLSX print
    assert (totals.planned, totals.actual) == (Decimal("361.80"), Decimal("112.44"))


def test_the_form_shows_the_line_in_eur_as_it_is_typed(qtbot, db, visit):
    from app.services.budget import create_exchange_rate

    create_exchange_rate(db, visit.id, currency="NOK", per_base="11.5")
    _window, tab = open_budget(qtbot, db, visit.id)
    dialog = tab.add_line(exec_dialog=False)
    dialog.quantity.setText("3")
    dialog.unit_price.setText("120,50")
    assert dialog.in_base.text() == (
        f"In EUR: planned {format_money(Decimal('361.50'), 'EUR')}; actual —; variance —"
    )
    dialog.actual.setText("1290")
    dialog.actual_currency.setCurrentText("NOK")
    assert dialog.in_base.text() == (
        f"In EUR: planned {format_money(Decimal('361.50'), 'EUR')}; "
        f"actual {format_money(Decimal('112.17'), 'EUR')}; "
        f"variance {format_money(Decimal('-249.33'), 'EUR')}"
    )
    dialog.actual_currency.setCurrentText("SEK")  # no rate: nothing made up
    assert "actual —; variance —" in dialog.in_base.text()
    dialog.actual_currency.setCurrentText("NOK")
    dialog.actual.setText("12,345")  # refused on OK (cents at most): not shown as 1.07
    assert "actual —; variance —" in dialog.in_base.text()


def test_paid_flag_invoice_and_date_persist_and_undo_takes_them_back(qtbot, db, visit):
    _window, tab = open_budget(qtbot, db, visit.id)
    add_line(tab, description="Tulks", quantity="1", unit_price="400")
    tab.lines.selectRow(0)
    dialog = tab.edit_line(exec_dialog=False)
    assert not dialog.paid.isChecked()
    dialog.actual.setText("420")
    dialog.document.setText("Rēķins 7/2026")
    dialog.actual_date.setText("10.04.2026")  # as a Latvian invoice writes it
    dialog.paid.setChecked(True)
    dialog.accept()
    assert cell(tab.model, 0, PAID) == "yes"
    assert cell(tab.model, 0, DOCUMENT) == "Rēķins 7/2026"
    assert cell(tab.model, 0, DATE) == "04/10/2026"  # as the window writes dates
    assert cell(tab.model, 0, VARIANCE) == format_money(Decimal("20"), "EUR")

    _window2, fresh = open_budget(qtbot, db, visit.id)  # read back from the database
    fresh.lines.selectRow(0)
    again = fresh.edit_line(exec_dialog=False)
    assert again.paid.isChecked()
    assert again.actual.text() == "420.00"
    assert again.actual_currency.currentText() == "EUR"
    assert again.document.text() == "Rēķins 7/2026"
    assert again.actual_date.text() == "04/10/2026"
    line = visit_budget(db, visit.id).lines[0]
    assert (line.actual_paid, line.actual_date) == (True, dt.date(2026, 4, 10))

    tab.context.stack.undo()  # one step: the whole actual side goes back
    line = visit_budget(db, visit.id).lines[0]
    assert (line.actual_amount, line.actual_paid, line.actual_document) == (None, False, None)
    assert cell(tab.model, 0, PAID) == "no"


def test_the_document_date_is_written_and_read_as_the_window_writes_dates(qtbot, db, visit):
    """One date format in the window: the table and the form write 04/10/2026 (English),
    and the form reads that, ISO and the Latvian 10.04.2026 (10.4.2026, 10.04.2026.) alike."""
    _window, tab = open_budget(qtbot, db, visit.id)
    typed_forms = ("04/10/2026", "2026-04-10", "10.04.2026", "10.4.2026", "10.04.2026.")
    for typed in typed_forms:
        add_line(
            tab,
            description=f"Tulks {typed}",
            quantity="1",
            unit_price="400",
            actual="400",
            actual_date=typed,
        )
    dates = {line.actual_date for line in visit_budget(db, visit.id).lines}
    assert dates == {dt.date(2026, 4, 10)}
    assert [cell(tab.model, row, DATE) for row in range(5)] == ["04/10/2026"] * 5
    tab.lines.selectRow(0)
    assert tab.edit_line(exec_dialog=False).actual_date.text() == "04/10/2026"


def test_redo_saves_the_day_read_when_typed_whatever_the_language_later(qtbot, db, visit):
    """ "05042026" is 5 April in a Latvian window (dd.mm.gggg) but would be 4 May read
    again as English (mm/dd/yyyy): the form reads it once, so redo saves the same day."""
    from app.i18n import current_language, set_language

    before = current_language()
    set_language("lv")
    try:
        _window, tab = open_budget(qtbot, db, visit.id)
        add_line(tab, description="Tulks", quantity="1", unit_price="400")
        tab.lines.selectRow(0)
        dialog = tab.edit_line(exec_dialog=False)
        dialog.actual_date.setText("05042026")
        dialog.accept()
        assert visit_budget(db, visit.id).lines[0].actual_date == dt.date(2026, 4, 5)
        tab.context.stack.undo()
        assert visit_budget(db, visit.id).lines[0].actual_date is None
        set_language("en")
        tab.context.stack.redo()
        assert visit_budget(db, visit.id).lines[0].actual_date == dt.date(2026, 4, 5)
    finally:
        set_language(before)


def test_latvian_window_writes_the_document_date_with_dots(qtbot, db, visit):
    from app.i18n import current_language, set_language

    before = current_language()
    set_language("lv")
    try:
        _window, tab = open_budget(qtbot, db, visit.id)
        add_line(
            tab,
            description="Tulks",
            quantity="1",
            unit_price="400",
            actual="400",
            actual_date="10.04.2026",
        )
        assert cell(tab.model, 0, DATE) == "10.04.2026"
    finally:
        set_language(before)


def test_bad_amounts_and_a_currency_without_rate_are_named_and_nothing_is_lost(qtbot, db, visit):
    _window, tab = open_budget(qtbot, db, visit.id)
    dialog = add_line(
        tab, description="Vakariņas", quantity="12", unit_price="45", actual="540,555"
    )
    assert dialog.problem.text() == "Actual amount: has more than 2 decimal places"
    dialog.actual.setText("5x0")
    dialog.accept()
    assert dialog.problem.text() == "Actual amount: is not a decimal number: 5x0"
    dialog.actual.setText("5400")
    dialog.actual_date.setText("31.02.2026")
    dialog.accept()
    assert dialog.problem.text() == "Document date: is not a real date: 02/31/2026"
    dialog.actual_date.setText("Feb 2026")
    dialog.accept()
    assert dialog.problem.text() == "Document date: must be a date written mm/dd/yyyy"
    dialog.actual_date.setText("2026-02-27")
    dialog.actual_currency.setCurrentText("SEK")
    dialog.accept()
    assert dialog.problem.text() == (
        "Actual currency: SEK has no exchange rate in this visit; add the rate first"
    )
    dialog.actual_currency.setCurrentText("")
    dialog.unit_price.setText("abc")
    dialog.accept()
    assert dialog.problem.text() == "Unit price: is not a decimal number: abc"
    assert tab.model.rowCount() == 0
    assert (dialog.description.text(), dialog.quantity.text(), dialog.actual.text()) == (
        "Vakariņas",
        "12",
        "5400",
    )  # what was typed is still there
    dialog.unit_price.setText("45")
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert cell(tab.model, 0, ACTUAL) == format_money(Decimal("5400"), "EUR")


def test_delete_key_on_rates_asks_and_undo_restores_the_rate(qtbot, db, visit, answer_yes):
    from PySide6.QtWidgets import QApplication

    from app.services.budget import create_exchange_rate

    create_exchange_rate(db, visit.id, currency="SEK", per_base="11.2", source="ECB")
    _window, tab = open_budget(qtbot, db, visit.id, shown=True)
    tab.rates.selectRow(0)
    tab.rates.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is tab.rates)
    qtbot.keyClick(tab.rates, Qt.Key.Key_Delete)
    assert answer_yes == ["Delete the exchange rate of SEK? You can undo this with Edit → Undo."]
    assert tab.rate_model.rowCount() == 0
    tab.context.stack.undo()
    assert tab.rate_model.rowCount() == 1
    assert [cell(tab.rate_model, 0, c) for c in (0, 1, 3)] == ["SEK", "11.2", "ECB"]


def test_delete_key_on_lines_and_sources_asks_first(qtbot, db, visit, answer_yes):
    from PySide6.QtWidgets import QApplication

    from app.services.budget import create_budget_line, create_funding_source

    create_funding_source(db, visit.id, name="EEZ grants", share="100")
    create_budget_line(db, visit.id, category="visa", quantity="2", unit_price="80", currency="EUR")
    _window, tab = open_budget(qtbot, db, visit.id, shown=True)
    for table, model in ((tab.lines, tab.model), (tab.sources, tab.source_model)):
        table.selectRow(0)
        table.setFocus()
        qtbot.waitUntil(lambda table=table: QApplication.focusWidget() is table)
        qtbot.keyClick(table, Qt.Key.Key_Delete)
        assert model.rowCount() == 0
    assert len(answer_yes) == 2
    assert "the budget line “Visas”" in answer_yes[0]
    assert "the funding source “EEZ grants”" in answer_yes[1]


def test_a_rate_still_used_by_lines_is_kept_and_the_reason_shown(
    qtbot, db, visit, answer_yes, warnings_shown
):
    from app.services.budget import create_exchange_rate

    create_exchange_rate(db, visit.id, currency="NOK", per_base="11.5")
    _window, tab = open_budget(qtbot, db, visit.id)
    add_line(tab, quantity="2", unit_price="1290", currency="NOK")
    tab.rates.selectRow(0)
    tab.delete_rate()
    assert warnings_shown == [
        "1 budget line is in NOK; the rate cannot be removed while it uses it."
    ]
    assert tab.rate_model.rowCount() == 1
    assert tab.context.stack.undoText() == "Add budget line"  # no delete step was kept


def test_deleting_a_funding_source_says_what_its_lines_lose_and_undo_restores(
    qtbot, db, visit, answer_yes
):
    from app.services.budget import create_funding_source

    create_funding_source(db, visit.id, name="EEZ grants", share="85")
    _window, tab = open_budget(qtbot, db, visit.id)
    add_line(tab, description="Lidojums", quantity="2", unit_price="300", source="EEZ grants")
    assert cell(tab.model, 0, 2) == "EEZ grants"
    tab.sources.selectRow(0)
    tab.delete_source()
    assert "1 budget line will have no funding source" in answer_yes[0]
    assert tab.source_model.rowCount() == 0
    assert cell(tab.model, 0, 2) == ""
    assert not any(row[0].strip() == "EEZ grants" for row in tab.total_texts())
    tab.context.stack.undo()
    assert cell(tab.model, 0, 2) == "EEZ grants"
    assert any(row[0].strip() == "EEZ grants" for row in tab.total_texts())


def test_cancel_leaves_no_file_and_keeps_an_older_one(qtbot, demo_db, tmp_path):
    budget = visit_budget(demo_db, "DEMO-BERGEN-2014")
    _window, tab = open_budget(qtbot, demo_db, budget.visit_id)
    out = tmp_path / "out"
    out.mkdir()
    fresh, older = out / "new.pdf", out / "old.xlsx"
    older.write_bytes(b"last week's spreadsheet")
    for path in (fresh, older):
        tab.export(path.suffix[1:], str(path))
        assert not tab.cancel_button.isHidden()
        tab.cancel_export()
        qtbot.waitUntil(lambda: not tab.exporting, timeout=30000)
        assert tab.status.text() == "Cancelled; no file was saved."
    assert sorted(p.name for p in out.iterdir()) == ["old.xlsx"]
    assert older.read_bytes() == b"last week's spreadsheet"


def test_a_failed_export_is_told_in_a_message(qtbot, demo_db, tmp_path, warnings_shown):
    budget = visit_budget(demo_db, "DEMO-BERGEN-2014")
    _window, tab = open_budget(qtbot, demo_db, budget.visit_id)
    tab.export("pdf", str(tmp_path / "no such folder" / "budget.pdf"))
    qtbot.waitUntil(lambda: not tab.exporting, timeout=30000)
    assert len(warnings_shown) == 1
    assert warnings_shown[0] == (
        f"The document could not be made: {tmp_path / 'no such folder' / 'budget.pdf'}: "
        "cannot write the file (No such file or directory)"
    )
    assert tab.pdf_button.isEnabled()


def test_a_funding_source_is_marked_grant_or_own_funds_and_undo_restores(
    qtbot, db, visit, monkeypatch
):
    from ui.visit.budget_dialogs import SourceDialog

    _window, tab = open_budget(qtbot, db, visit.id)
    own = tab.add_source(exec_dialog=False)
    qtbot.keyClicks(own.name, "LPS pasu lidzekli")  # the box follows the name as typed
    assert not own.grant.isChecked()
    own.share.setText("15")
    own.accept()
    grant = tab.add_source(exec_dialog=False)
    qtbot.keyClicks(grant.name, "EEZ")
    assert grant.grant.isChecked()
    grant.grant.click()  # the user's choice stands against the name
    qtbot.keyClicks(grant.name, " grants")
    assert not grant.grant.isChecked()
    grant.grant.click()
    grant.share.setText("85")
    grant.accept()
    assert [[cell(tab.source_model, r, c) for c in (0, 2)] for r in range(2)] == [
        ["LPS pasu lidzekli", "no"],
        ["EEZ grants", "yes"],
    ]

    def untick(dialog):  # the form is modal: answered here as the user would
        assert dialog.grant.isChecked()
        dialog.grant.setChecked(False)
        dialog.accept()

    monkeypatch.setattr(SourceDialog, "exec", untick)
    tab.sources.selectRow(1)
    tab.edit_source()
    assert cell(tab.source_model, 1, 2) == "no"
    from app.services.budget import list_funding_sources

    assert [s.is_grant for s in list_funding_sources(db, visit.id)] == [False, False]
    tab.context.stack.undo()
    assert cell(tab.source_model, 1, 2) == "yes"
