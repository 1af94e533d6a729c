"""Two coordinators on one shared database: a save made on an older copy of a row is
refused with "changed by someone else — reload" instead of silently overwriting the other
coordinator's change, while one's own save, undo and redo keep working."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ui.main_window import MainWindow

STALE = "This was changed by someone else in the meantime. Reload and try again."


def _tab(qtbot, db, visit_id: int, name: str):
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.open_visit(visit_id)
    tab = window.workspace._tab(name)
    window.workspace.tabs.setCurrentWidget(tab)
    tab.reload()
    return window, tab


@pytest.fixture
def line(db, visit):
    from app.services.budget import create_budget_line

    return create_budget_line(
        db, visit.id, category="catering", quantity="10", unit_price="20", currency="EUR"
    )


def _quantity(db, line_id: int) -> Decimal:
    """The line's quantity as stored now."""
    from db.models import BudgetLine

    with db.read() as session:
        return Decimal(session.get(BudgetLine, line_id).quantity)


def _edit_line(tab, quantity: str):
    tab.lines.selectRow(0)
    dialog = tab.edit_line(exec_dialog=False)
    dialog.quantity.setText(quantity)
    return dialog


def test_a_budget_line_changed_meanwhile_is_not_overwritten_by_the_dialog(
    qtbot, db, visit, line, warnings_shown
):
    from app.services.budget import update_budget_line

    window, tab = _tab(qtbot, db, visit.id, "budget")
    tab.lines.selectRow(0)
    dialog = tab.edit_line(exec_dialog=False)
    update_budget_line(db, line.id, None, quantity="15")  # the other coordinator saves
    dialog.quantity.setText("12")
    dialog.accept()
    assert dialog.problem.text() == STALE and dialog.result() == 0
    assert _quantity(db, line.id) == 15
    assert window.context.stack.count() == 0


def test_own_budget_line_save_undo_and_redo_work_exactly(qtbot, db, visit, line, warnings_shown):
    window, tab = _tab(qtbot, db, visit.id, "budget")
    _edit_line(tab, "12").accept()
    assert _quantity(db, line.id) == 12
    stack = window.context.stack
    for expected in (10, 12, 10, 12):
        stack.undo() if expected == 10 else stack.redo()
        assert _quantity(db, line.id) == expected
    assert warnings_shown == []


def test_two_own_edits_and_a_delete_of_one_line_all_undo_and_redo(
    qtbot, db, visit, line, answer_yes, warnings_shown
):
    """The window's own later steps on the row are not "someone else": undoing the second
    edit, the restored delete and then the first edit all go through."""
    window, tab = _tab(qtbot, db, visit.id, "budget")
    _edit_line(tab, "12").accept()
    _edit_line(tab, "14").accept()
    tab.lines.selectRow(0)
    tab.delete_line()
    assert tab.model.rowCount() == 0
    stack = window.context.stack
    stack.undo()  # the delete
    assert tab.model.rowCount() == 1 and _quantity(db, line.id) == 14
    stack.undo()
    assert _quantity(db, line.id) == 12
    stack.undo()
    assert _quantity(db, line.id) == 10
    stack.redo()
    stack.redo()
    assert _quantity(db, line.id) == 14
    assert warnings_shown == []


def test_undo_after_someone_else_changed_the_line_is_refused_and_keeps_their_value(
    qtbot, db, visit, line, warnings_shown
):
    from app.services.budget import update_budget_line

    window, tab = _tab(qtbot, db, visit.id, "budget")
    _edit_line(tab, "12").accept()
    update_budget_line(db, line.id, None, quantity="15")  # the other coordinator
    window.context.stack.undo()
    assert warnings_shown == [STALE]
    assert _quantity(db, line.id) == 15


def _follow_up_dialog(monkeypatch, fill):
    from ui.dialogs.form_dialog import FormDialog

    seen: list[FormDialog] = []

    def run(dialog: FormDialog) -> int:
        seen.append(dialog)
        fill(dialog)
        return dialog.result()

    monkeypatch.setattr(FormDialog, "exec", run)
    return seen


def test_a_follow_up_changed_meanwhile_is_refused_and_undo_redo_of_ones_own_work(
    qtbot, db, visit, monkeypatch, warnings_shown
):
    from app.services.reports import (
        create_follow_up,
        create_report,
        get_follow_up,
        update_follow_up,
    )

    report = create_report(db, visit.id)
    made = create_follow_up(db, report.id, action="Sagatavot rakstu", owner="Anna")
    window, tab = _tab(qtbot, db, visit.id, "report")

    def others_meanwhile(dialog) -> None:
        update_follow_up(db, made.id, None, owner="Līga")  # the other coordinator
        dialog.fields["owner"].widget.setText("Jānis")
        dialog.accept()

    seen = _follow_up_dialog(monkeypatch, others_meanwhile)
    tab.follow_ups.setCurrentItem(tab.follow_ups.topLevelItem(0))
    tab.edit_action_button.click()
    assert seen[-1].problem.text() == STALE and seen[-1].result() == 0
    assert get_follow_up(db, made.id).owner == "Līga"
    assert window.context.stack.count() == 0

    def own(dialog) -> None:  # the dialog opened again, on the row as it is now
        assert dialog.fields["owner"].widget.text() == "Līga"
        dialog.fields["owner"].widget.setText("Jānis")
        dialog.accept()

    _follow_up_dialog(monkeypatch, own)
    tab.reload()
    tab.follow_ups.setCurrentItem(tab.follow_ups.topLevelItem(0))
    tab.edit_action_button.click()
    assert get_follow_up(db, made.id).owner == "Jānis"
    stack = window.context.stack
    for step, owner in (
        (stack.undo, "Līga"),
        (stack.redo, "Jānis"),
        (stack.undo, "Līga"),
        (stack.redo, "Jānis"),
    ):
        step()
        assert get_follow_up(db, made.id).owner == owner
    assert warnings_shown == []

    update_follow_up(db, made.id, None, owner="Pēteris")  # the other coordinator again
    stack.undo()
    assert warnings_shown == [STALE]
    assert get_follow_up(db, made.id).owner == "Pēteris"
