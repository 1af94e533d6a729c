"""The Daily allowances tab and the allowance-rate table: what a finance officer sees per
traveller, the lines written to the budget (one undo step), and the rate table's edits."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from PySide6.QtCore import Qt

from app.i18n import format_money
from app.services.allowances import import_allowance_rates
from app.services.budget import create_allowance_rate, list_allowance_rates
from app.services.budget_report import visit_budget
from ui.context import Context

BERGEN = "DEMO-BERGEN-2014"
RATES = "country;daily;accommodation_cap;valid_from;source\nNO;70,00;100;2011-11-01;test table\n"


@pytest.fixture
def context(demo_db):
    return Context(demo_db)


def bergen_id(db) -> int:
    return visit_budget(db, BERGEN).visit_id


def allowance_lines(db) -> list:
    return [
        o.line
        for o in visit_budget(db, BERGEN).totals.lines
        if o.line.category == "daily_allowance"
    ]


def make_tab(qtbot, context):
    from ui.visit.allowances_tab import AllowancesTab

    tab = AllowancesTab(context, bergen_id(context.db))
    qtbot.addWidget(tab)
    tab.reload()
    return tab


def col(tab, header: str) -> int:
    return [c.header for c in tab.model.columns].index(header)


AMOUNT = -1  # the last column


def test_the_bergen_travellers_show_their_days_and_amounts(qtbot, context, qtmodeltester):
    import_allowance_rates(context.db, RATES)
    tab = make_tab(qtbot, context)
    rows = tab.row_texts()
    assert len(rows) == 10
    for row in rows:
        assert row[col(tab, "Country")] == "Norway"
        assert row[col(tab, "Dates")] == "2–5 April 2014"
        assert row[col(tab, "Days")] == "4"  # 2 to 5 April, both included
        assert row[col(tab, "Daily rate")] == format_money(D("70"), "EUR")
        assert row[AMOUNT] == format_money(D("280"), "EUR")
    assert tab.total.text() == "Total: " + format_money(D("2800"), "EUR")
    assert tab.missing.isHidden()
    qtmodeltester.check(tab.model)


def test_the_hotel_above_the_cap_is_warned(qtbot, context):
    import_allowance_rates(context.db, RATES)  # cap 100 EUR; the hotel is 156.27 EUR a night
    tab = make_tab(qtbot, context)
    assert any(
        f"{format_money(D('156.27'), 'EUR')}, {format_money(D('56.27'), 'EUR')} above "
        f"the accommodation cap of {format_money(D('100'), 'EUR')}" in text
        for text in tab.warning_texts()
    )


def test_reduced_days_and_the_reduced_share_change_the_amounts(qtbot, context):
    import_allowance_rates(context.db, RATES)
    tab = make_tab(qtbot, context)
    first = tab.plan.travellers[0]
    tab.select_person(first.person_id)
    assert tab.days.count() == 4
    tab.days.item(1).setCheckState(Qt.CheckState.Checked)  # 3 April
    assert tab.row_texts()[0][col(tab, "Reduced days")] == "1"
    assert tab.row_texts()[0][col(tab, "Full days")] == "3"
    assert tab.row_texts()[0][AMOUNT] == format_money(D("231"), "EUR")  # 3 × 70 + 21
    tab.share.setValue(50)
    assert tab.row_texts()[0][AMOUNT] == format_money(D("245"), "EUR")  # 3 × 70 + 35
    assert tab.row_texts()[1][AMOUNT] == format_money(D("280"), "EUR")  # no reduced day
    tab.same_days_for_everyone()
    assert tab.total.text() == "Total: " + format_money(D("2450"), "EUR")


def test_make_lines_writes_the_budget_and_undo_puts_back_exactly_what_was_there(qtbot, context):
    import_allowance_rates(context.db, RATES)
    before = {(line.id, line.description) for line in allowance_lines(context.db)}
    assert len(before) == 1  # the demo's planned allowance line
    tab = make_tab(qtbot, context)
    tab.set_reduced_days(tab.plan.travellers[0].person_id, {dt.date(2014, 4, 3)})
    tab.make_lines()
    written = allowance_lines(context.db)
    # ten travellers, one of them with a reduced day too; the demo's group payment of
    # 1 720 € spread over them (its old line gone, so no planned-0 line warns)
    assert len(written) == 11
    assert sum(line.quantity * line.unit_price for line in written) == D(
        "2751.00"
    )  # 2800 − 70 + 21
    assert sum(line.actual_amount for line in written) == D("1720.00")
    assert "11 daily-allowance lines written" in tab.status.text()
    assert "The group payment of €1,720.00 was spread over 11 lines." in tab.status.text()
    assert "was kept" not in tab.status.text()
    assert context.stack.count() == 2  # the reduced day, then the lines
    context.stack.undo()
    assert {(line.id, line.description) for line in allowance_lines(context.db)} == before
    context.stack.redo()
    assert {line.id for line in allowance_lines(context.db)} == {line.id for line in written}


def test_a_missing_rate_tells_the_user_to_enter_it_and_writes_nothing(
    qtbot, context, warnings_shown
):
    # A table with Sweden only (an empty table is explained apart: test_ui_allowance_periods)
    import_allowance_rates(context.db, "country,daily,valid_from\nSE,64,2011-11-01\n")
    tab = make_tab(qtbot, context)
    assert not tab.missing.isHidden()
    assert "Enter the daily allowance rate first" in tab.missing.text()
    assert "no daily allowance rate for Norway" in tab.missing.text()
    assert not tab.make_button.isEnabled()
    before = allowance_lines(context.db)
    tab.make_lines()
    assert "Allowance rates…" in warnings_shown[-1]
    assert [line.id for line in allowance_lines(context.db)] == [line.id for line in before]
    assert context.stack.count() == 0


def test_the_statement_pdf_of_the_selected_traveller_is_written(
    qtbot, context, tmp_path, monkeypatch
):
    from PySide6.QtWidgets import QMessageBox

    told: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "information", lambda parent, title, text, *a, **k: told.append(text)
    )
    import_allowance_rates(context.db, RATES)
    tab = make_tab(qtbot, context)
    chosen = tab.plan.travellers[2]
    tab.select_person(chosen.person_id)
    written = tab.statement(str(tmp_path / "s.pdf"))
    assert written is not None and (tmp_path / "s.pdf").read_bytes().startswith(b"%PDF")
    assert chosen.name in told[0]


def test_the_rate_dialog_adds_and_deletes_with_undo(qtbot, context, answer_yes):
    from ui.dialogs.allowance_rates import AllowanceRatesDialog

    create_allowance_rate(context.db, country="PL", daily="50", valid_from="2011-11-01")
    dialog = AllowanceRatesDialog(context)
    qtbot.addWidget(dialog)
    form = dialog.add_rate(exec_dialog=False)
    form.fields["country"].widget.setText("no")
    form.fields["daily"].widget.setText("70,50")
    form.fields["accommodation_cap"].widget.setText("160")
    form.fields["source"].widget.setText("MK noteikumi Nr. 969")
    form.accept()
    assert form.problem.isHidden()
    rows = dialog.row_texts()
    assert [row[0] for row in rows] == ["NO — Norway", "PL — Poland"]  # by country
    assert rows[0][1] == format_money(D("70.50"), "EUR")
    dialog.select(list_allowance_rates(context.db, country="NO")[0].id)
    dialog.delete_rate()
    assert "the allowance rate for Norway" in answer_yes[0]
    assert [row[0] for row in dialog.row_texts()] == ["PL — Poland"]
    context.stack.undo()
    assert len(dialog.row_texts()) == 2


def test_a_refused_rate_keeps_the_form_open_with_the_reason(qtbot, context):
    from ui.dialogs.allowance_rates import AllowanceRatesDialog

    dialog = AllowanceRatesDialog(context)
    qtbot.addWidget(dialog)
    form = dialog.add_rate(exec_dialog=False)
    form.fields["country"].widget.setText("NO")
    form.accept()
    assert "is required" in form.problem.text()
    assert list_allowance_rates(context.db) == []


def test_a_bad_csv_is_refused_with_its_line_and_nothing_written(
    qtbot, context, tmp_path, warnings_shown
):
    from ui.dialogs.allowance_rates import AllowanceRatesDialog

    bad = tmp_path / "rates.csv"
    bad.write_text(RATES + "XX;10;;2011-01-01;\n", encoding="utf-8")
    dialog = AllowanceRatesDialog(context)
    qtbot.addWidget(dialog)
    dialog.import_csv(str(bad))
    assert "line 3" in warnings_shown[-1] and "Nothing was imported" in warnings_shown[-1]
    assert list_allowance_rates(context.db) == []
    assert context.stack.count() == 0


def test_a_csv_import_is_one_undo_step(qtbot, context, tmp_path):
    from ui.dialogs.allowance_rates import AllowanceRatesDialog

    create_allowance_rate(context.db, country="NO", daily="60", valid_from="2011-11-01")
    good = tmp_path / "rates.csv"
    good.write_text(RATES + "PL;50;120;2011-11-01;test table\n", encoding="utf-8")
    dialog = AllowanceRatesDialog(context)
    qtbot.addWidget(dialog)
    dialog.import_csv(str(good))
    assert "1 added, 1 updated" in dialog.status.text()
    assert len(dialog.row_texts()) == 2
    imported = [(r.id, r.country, r.daily_minor) for r in list_allowance_rates(context.db)]
    context.stack.undo()
    [no] = list_allowance_rates(context.db)
    assert (no.country, no.daily_minor) == ("NO", 6000)
    # redo brings back the very rows the import made, not new ones
    context.stack.redo()
    assert [(r.id, r.country, r.daily_minor) for r in list_allowance_rates(context.db)] == imported


def test_in_the_visit_workspace_undo_of_the_lines_refreshes_the_budget_tab(
    qtbot, demo_db, monkeypatch
):
    from ui.main_window import MainWindow
    from ui.visit import workspace

    assert "allowances" in [name for name, _title, _where in workspace.LAZY_TABS]
    import_allowance_rates(demo_db, RATES)
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.open_visit(bergen_id(demo_db))
    tab = window.workspace._tab("allowances")
    window.workspace.tabs.setCurrentWidget(tab)
    assert len(tab.row_texts()) == 10
    budget = window.workspace._tab("budget")
    tab.make_lines()
    window.workspace.tabs.setCurrentWidget(budget)
    # ten travellers; the demo's group payment spread over them, its line gone
    assert sum(1 for o in budget.model.rows() if o.line.category == "daily_allowance") == 10
    assert not [w for w in budget.budget.warnings if w.kind == "over_planned"]
    window.context.stack.undo()
    assert sum(1 for o in budget.model.rows() if o.line.category == "daily_allowance") == 1


def test_editing_a_rate_changes_the_tab_s_amounts_and_undo_restores_them(qtbot, context):
    from ui.dialogs.allowance_rates import AllowanceRatesDialog

    import_allowance_rates(context.db, RATES)
    tab = make_tab(qtbot, context)
    dialog = AllowanceRatesDialog(context, tab)
    dialog.select(list_allowance_rates(context.db)[0].id)
    form = dialog.edit_rate(exec_dialog=False)
    assert form.fields["daily"].widget.text() == "70.00"
    form.fields["daily"].widget.setText("75,5")
    form.accept()
    assert dialog.row_texts()[0][1] == format_money(D("75.50"), "EUR")
    tab.recompute()  # what closing the dialog does
    assert tab.row_texts()[0][AMOUNT] == format_money(D("302"), "EUR")
    context.stack.undo()
    assert list_allowance_rates(context.db)[0].daily_minor == 7000
    assert dialog.row_texts()[0][1] == format_money(D("70"), "EUR")


def test_reduced_days_survive_reopening_and_the_tab_agrees_with_the_lines(qtbot, context):
    """The tester's case: 3 April ticked for everyone, lines made, the visit reopened."""
    import_allowance_rates(context.db, RATES)
    tab = make_tab(qtbot, context)
    assert not tab.mismatch.isHidden()  # the demo's hand-made line: 1 720 € against 2 800 €
    assert format_money(D("1720"), "EUR") in tab.mismatch.text()
    assert tab.mismatch.text() in tab.warning_texts()
    tab.select_person(tab.plan.travellers[0].person_id)
    tab.days.item(1).setCheckState(Qt.CheckState.Checked)  # 3 April
    tab.same_days_for_everyone()
    tab.make_lines()
    assert tab.mismatch.isHidden()
    lines_total = sum(line.quantity * line.unit_price for line in allowance_lines(context.db))
    assert lines_total == D("2310.00")

    again = make_tab(qtbot, context)  # the visit opened again
    assert again.total.text() == "Total: " + format_money(lines_total, "EUR")
    assert {row[col(again, "Reduced days")] for row in again.row_texts()} == {"1"}
    again.select_person(again.plan.travellers[3].person_id)
    assert again.days.item(1).checkState() == Qt.CheckState.Checked
    assert again.mismatch.isHidden()


def test_ticking_a_day_and_the_share_are_undo_steps(qtbot, context):
    import_allowance_rates(context.db, RATES)
    tab = make_tab(qtbot, context)
    first = tab.plan.travellers[0].person_id
    tab.select_person(first)
    tab.days.item(1).setCheckState(Qt.CheckState.Checked)
    tab.share.setValue(50)
    assert tab.row_texts()[0][AMOUNT] == format_money(D("245"), "EUR")
    assert context.stack.count() == 2
    context.stack.undo()  # the share
    tab.reload()  # what the workspace does after an undo
    assert tab.share.value() == 30
    assert tab.row_texts()[0][AMOUNT] == format_money(D("231"), "EUR")
    context.stack.undo()  # the day
    tab.reload()
    assert tab.row_texts()[0][AMOUNT] == format_money(D("280"), "EUR")
    assert make_tab(qtbot, context).row_texts()[0][AMOUNT] == format_money(D("280"), "EUR")


def test_a_share_with_decimals_shows_and_counts_as_the_command_line_stores_it(qtbot, context):
    """The command line stores 45.5 %: the tab shows 45.5 %, not 45, and the same total."""
    from app.services.allowances import allowance_plan, save_allowance_inputs

    import_allowance_rates(context.db, RATES)
    save_allowance_inputs(context.db, bergen_id(context.db), share=D("45.5"))
    tab = make_tab(qtbot, context)
    assert tab.share.text() == "45.50 %"  # English: a decimal point
    assert tab.plan.total == allowance_plan(context.db, BERGEN).total
    tab.share.setValue(12.25)
    from app.services.allowances import allowance_inputs

    assert allowance_inputs(context.db, BERGEN).stored_share == D("12.25")


def test_undo_of_the_first_share_change_leaves_no_share_stored(qtbot, context):
    from db.models import Visit

    import_allowance_rates(context.db, RATES)
    tab = make_tab(qtbot, context)
    tab.share.setValue(50)
    context.stack.undo()
    with context.db.read() as session:
        assert session.get(Visit, bergen_id(context.db)).allowance_share is None


def test_the_statement_offers_a_file_name_a_visit_code_with_slashes_cannot_break(
    qtbot, context, tmp_path, monkeypatch, warnings_shown
):
    """A visit numbered like its papers, ``LPS/2027/NO``: the offered name was
    ``LPS/2027/NO-….pdf``, a file in folders that do not exist. It is made by
    ``app.documents.file_stem``, the one rule for file names, and the PDF is written."""
    from PySide6.QtWidgets import QMessageBox

    from app.documents import file_stem
    from app.services.visits import find_visit, update_visit
    from ui.widgets import file_dialogs

    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    bergen = find_visit(context.db, BERGEN)
    import_allowance_rates(context.db, RATES)
    tab = make_tab(qtbot, context)
    update_visit(context.db, bergen.id, bergen.version, code="LPS/2027/NO")
    tab.reload()
    assert tab.plan.code == "LPS/2027/NO"
    chosen = tab.plan.travellers[2]
    tab.select_person(chosen.person_id)
    offered: list[str] = []

    def save_as(parent, title, name, *a, **k):
        offered.append(name)
        return str(tmp_path / name), ""

    monkeypatch.setattr(file_dialogs, "get_save_file_name", save_as)
    written = tab.statement()
    assert offered == [f"LPS_2027_NO-{file_stem(chosen.name)}.pdf"], warnings_shown
    assert "/" not in offered[0] and "\\" not in offered[0]
    assert written is not None and (tmp_path / offered[0]).read_bytes().startswith(b"%PDF")
