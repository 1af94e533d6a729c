"""Keyboard (issue 10, item 10): the Visits register works like every other list — Ctrl+F,
type, Down reaches the table, Enter opens the chosen visit, Delete deletes it after asking
— and a directory's search goes down to its list the same way."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.services.visits import find_visit, list_visits
from ui.main_window import MainWindow


def _window(qtbot, db) -> MainWindow:
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _focused(qtbot, window, widget) -> None:
    """The window active and ``widget`` holding the keyboard, as after a user's keys."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget, timeout=3000)


def test_find_down_enter_opens_the_visit_found(qtbot, demo_db):
    window = _window(qtbot, demo_db)
    page = window.visits_page
    window.find_action.trigger()
    _focused(qtbot, window, page.filter_edit)
    qtbot.keyClicks(page.filter_edit, "trondelag")
    assert page.model.rowCount() == 1
    qtbot.keyClick(page.filter_edit, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is page.table
    assert page.selected().code == "DEMO-TRONDELAG-2015"
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert window.workspace is not None
    assert window.workspace.visit_id == find_visit(demo_db, "DEMO-TRONDELAG-2015").id


def test_delete_in_the_register_asks_then_deletes_and_undo_brings_it_back(
    qtbot, demo_db, monkeypatch
):
    from PySide6.QtWidgets import QMessageBox

    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    asked: list[str] = []

    def question(parent, title, text, *args, **kwargs):
        asked.append(text)
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", question)
    window = _window(qtbot, demo_db)
    page = window.visits_page
    before = len(list_visits(demo_db))
    page.table.setFocus()
    _focused(qtbot, window, page.table)
    page.table.selectRow(page.model.rowCount() - 1)  # the last row, not the first
    chosen = page.selected()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert chosen.code in asked[0] and len(list_visits(demo_db)) == before  # No: kept
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert len(list_visits(demo_db)) == before - 1
    assert chosen.code not in page.shown_codes()
    window.context.stack.undo()
    assert len(list_visits(demo_db)) == before


def test_a_directory_search_goes_down_to_its_list(qtbot, demo_db):
    window = _window(qtbot, demo_db)
    window.show_section("people")
    page = window.people_page
    window.find_action.trigger()
    _focused(qtbot, window, page.search)
    qtbot.keyClicks(page.search, "a")
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is page.table and page.current() is not None
