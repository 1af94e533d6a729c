"""The Budget tab's "Payments convert at" shows the rule in force after a refused change.

The Bergen visit is reported; choosing the InforEuro rule would move its figures, so the
window asks, and a No changes nothing. The combo then said "InforEuro" while the project
kept the ECB rule — and every figure on the tab was still at the ECB rule.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QMessageBox

from app.services import projects
from tests.ui.conftest import open_budget


def test_a_no_to_moving_reported_figures_puts_the_rule_back(
    qtbot, db, monkeypatch, bergen_2027
) -> None:
    # the payment of 20 May at the ECB rate of 19 May
    visit_id = bergen_2027(rule="ecb", status="reported", ecb={dt.date(2027, 5, 19): "11.5"})
    _window, tab = open_budget(qtbot, db, visit_id)
    asked: list[str] = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda parent, title, text, *a, **k: (asked.append(text), QMessageBox.StandardButton.No)[1],
    )
    row = tab.rule_row
    assert row.rule.currentData() == "ecb"
    row.rule.setCurrentIndex(row.rule.findData("inforeuro"))
    row.rule.activated.emit(row.rule.currentIndex())
    assert len(asked) == 1 and "BERGEN-2027" in asked[0]
    assert projects.find_project(db, "LV07/EEZ-2027").rate_rule == "ecb"
    assert row.problem.text()  # said under the row
    assert row.rule.currentData() == "ecb"  # the rule in force, not the one refused
