"""The budget line form's "In EUR" line converts the actual as the table then shows it:
at the rate of the invoice's date under the project's rule, not at the plan's rate.

A Bergen hotel invoice of 1 150 NOK dated Friday 9 April 2027 converts, under the ECB
rule, at Thursday's 11.5 (100,00 €); the plan's 11.699 would say 98,30 €. The form said
98,30 € and the table, after OK, 100,00 €.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from app.i18n import format_money
from tests.ui.conftest import open_budget

ACTUAL = 5  # the lines table's Actual column


def test_the_form_converts_the_invoice_at_its_days_rate_as_the_table_does(qtbot, db, bergen_2027):
    _window, tab = open_budget(
        qtbot, db, bergen_2027(rule="ecb", ecb={dt.date(2027, 4, 8): "11.5"}, paid=False)
    )
    tab.lines.selectRow(0)
    dialog = tab.edit_line(exec_dialog=False)
    dialog.actual.setText("1150")
    dialog.actual_date.setText("2027-04-09")
    at_its_day = format_money(D("100.00"), "EUR")
    assert f"actual {at_its_day}" in dialog.in_base.text(), dialog.in_base.text()
    dialog.accept()
    assert tab.model.data(tab.model.index(0, ACTUAL)) == at_its_day

    tab.lines.selectRow(0)
    again = tab.edit_line(exec_dialog=False)
    assert f"actual {at_its_day}" in again.in_base.text(), again.in_base.text()
    again.actual_date.setText("")  # undated: the plan's rate, as the table would use
    assert f"actual {format_money(D('98.30'), 'EUR')}" in again.in_base.text()
