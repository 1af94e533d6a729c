"""Renaming a funding source in the Budget tab keeps its grant marker: the form shows the
stored marker, typing a new name does not move the box, and the box's state is what is
saved (one undo step puts the old name back)."""

from __future__ import annotations

from app.services.budget import list_funding_sources
from app.services.budget_report import visit_budget
from ui.main_window import MainWindow

POLAND = "DEMO-POLAND-2023"
STATE = "Valsts budžeta līdzfinansējums"


def test_renaming_own_funds_to_a_grant_like_name_keeps_it_own_funds(qtbot, demo_db, monkeypatch):
    from PySide6.QtCore import Qt

    from ui.visit.budget_dialogs import SourceDialog

    visit_id = visit_budget(demo_db, POLAND).visit_id
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.open_visit(visit_id)
    tab = window.workspace._tab("budget")
    window.workspace.tabs.setCurrentWidget(tab)
    row = next(
        r
        for r in range(tab.source_model.rowCount())
        if tab.source_model.data(tab.source_model.index(r, 0)) == STATE
    )
    seen: list[bool] = []

    def rename(dialog: SourceDialog) -> None:  # the form is modal: used here as by a user
        seen.append(dialog.grant.isChecked())
        dialog.name.selectAll()
        qtbot.keyClick(dialog.name, Qt.Key.Key_Delete)
        qtbot.keyClicks(dialog.name, "Valsts atbalsts")  # a grant's name by the rule
        seen.append(dialog.grant.isChecked())
        assert dialog.fields()["is_grant"] is False  # what is sent: the stored marker
        dialog.accept()

    monkeypatch.setattr(SourceDialog, "exec", rename)
    tab.sources.selectRow(row)
    tab.edit_source()
    assert seen == [False, False]
    sources = {s.name: s.is_grant for s in list_funding_sources(demo_db, visit_id)}
    assert sources["Valsts atbalsts"] is False
    assert tab.source_model.data(tab.source_model.index(row, 2)) == "no"
    window.context.stack.undo()
    assert STATE in {s.name for s in list_funding_sources(demo_db, visit_id)}
