"""The allowance-rate dialog is modal: its keys must work inside it. Enter and F2 edit the
chosen rate, Delete deletes it after asking, and Ctrl+Z / Ctrl+Shift+Z undo and redo there
(the main window's Edit menu cannot be reached while the dialog is open)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.services.budget import create_allowance_rate, list_allowance_rates
from ui.context import Context


@pytest.fixture
def context(demo_db):
    return Context(demo_db)


@pytest.fixture
def dialog(qtbot, context):
    from ui.dialogs.allowance_rates import AllowanceRatesDialog

    create_allowance_rate(context.db, country="PL", daily="50", valid_from="2011-11-01")
    create_allowance_rate(context.db, country="NO", daily="70", valid_from="2011-11-01")
    shown = AllowanceRatesDialog(context)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def press(qtbot, dialog, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    dialog.activateWindow()
    dialog.table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.table)
    qtbot.keyClick(dialog.table, key, modifier)


def countries(context) -> list[str]:
    return sorted(r.country for r in list_allowance_rates(context.db))


def test_the_table_has_the_keyboard_with_a_rate_chosen_when_opened(dialog):
    assert dialog.selected() is not None
    assert dialog.table.hasFocus() or dialog.focusWidget() is dialog.table


def test_enter_and_f2_open_the_chosen_rate_s_form(qtbot, dialog, monkeypatch):
    from ui.dialogs.form_dialog import FormDialog

    opened: list[str] = []
    monkeypatch.setattr(
        FormDialog, "exec", lambda form: opened.append(form.fields["country"].widget.text())
    )
    dialog.select(list_allowance_rates(dialog.context.db, country="PL")[0].id)
    press(qtbot, dialog, Qt.Key.Key_Return)
    press(qtbot, dialog, Qt.Key.Key_F2)
    assert opened == ["PL", "PL"]


def test_delete_asks_first_and_ctrl_z_ctrl_shift_z_undo_and_redo_in_the_dialog(
    qtbot, dialog, context, answer_yes
):
    dialog.select(list_allowance_rates(context.db, country="NO")[0].id)
    press(qtbot, dialog, Qt.Key.Key_Delete)
    assert len(answer_yes) == 1
    assert "the allowance rate for Norway" in answer_yes[0]
    # the question names the way to undo that works here, not the unreachable Edit menu
    assert "Edit →" not in answer_yes[0] and "Ctrl+Z" in answer_yes[0]
    assert countries(context) == ["PL"]
    assert [r[0] for r in dialog.row_texts()] == ["PL — Poland"]
    press(qtbot, dialog, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert countries(context) == ["NO", "PL"]
    assert len(dialog.row_texts()) == 2
    press(
        qtbot,
        dialog,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert countries(context) == ["PL"]


def test_answering_no_keeps_the_rate(qtbot, dialog, context, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    press(qtbot, dialog, Qt.Key.Key_Delete)
    assert countries(context) == ["NO", "PL"]
    assert context.stack.count() == 0


def test_the_undo_button_names_the_step_and_undoes_it(dialog, context, answer_yes):
    assert not dialog.undo_button.isEnabled()
    dialog.delete_rate()
    assert dialog.undo_button.isEnabled()
    assert "Delete allowance rate" in dialog.undo_action.text()
    dialog.undo_button.click()
    assert countries(context) == ["NO", "PL"]
