"""How a user's hands are simulated in the journey tests: modal dialogs filled while open,
fields typed into and left with Tab, buttons found by their text.

``QTest.keyClicks`` aborts on non-ASCII text (docs/pitfalls.md): Latvian and Norwegian
letters are inserted as typed with ``insert``; times and dates are typed key by key.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QPushButton


def answer_next_dialog(act: Callable[[QDialog], None]) -> None:
    """When the next modal dialog opens, ``act`` fills it (and presses its OK)."""
    tries = [0]

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog) or not dialog.isVisible():
            tries[0] += 1
            if tries[0] < 200:
                QTimer.singleShot(10, run)
            return
        dialog.activateWindow()
        for _wait in range(100):
            if dialog.isActiveWindow():
                break
            QApplication.processEvents()
            QTest.qWait(5)
        try:
            act(dialog)
        finally:
            if dialog.isVisible():  # the act failed: never leave the test waiting
                dialog.reject()

    QTimer.singleShot(0, run)


def press_ok(dialog: QDialog) -> None:
    box = dialog.findChild(QDialogButtonBox)
    box.button(QDialogButtonBox.StandardButton.Ok).click()


def focus(qtbot: Any, widget: Any) -> None:
    """Click into ``widget``: its window comes to the front (after a dialog closed)."""
    if not widget.window().isActiveWindow():
        widget.window().activateWindow()
        qtbot.waitUntil(widget.window().isActiveWindow)
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)


def type_over(qtbot: Any, widget: Any, text: str) -> None:
    """Select a date or time box's whole text, type ``text`` (ASCII keys) and Tab out."""
    focus(qtbot, widget)
    widget.lineEdit().selectAll()
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Tab)


def write(qtbot: Any, line_edit: Any, text: str) -> None:
    """Type a line with Latvian letters and leave the field with Tab."""
    focus(qtbot, line_edit)
    line_edit.selectAll()
    line_edit.insert(text)
    qtbot.keyClick(line_edit, Qt.Key.Key_Tab)


def button(page: Any, text: str) -> QPushButton:
    return next(b for b in page.findChildren(QPushButton) if b.text() == text)


def choose_day(tab: Any, day: Any) -> None:
    """Select ``day`` in the Programme tab's tree, as a click on its row does."""
    tab.tree.selectionModel().setCurrentIndex(
        tab.model.index(tab.model.days().index(day), 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
