"""Tab leaves a table: a keyboard user is not trapped in the Budget tab's lines (nine Tab
presses used to stay in it) or any other read-only list of the window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableView, QTableWidget

from ui.app import application
from ui.main_window import MainWindow
from ui.widgets import tab_release


@pytest.fixture
def app_hook(qapp):
    """The application as ``ui.app`` sets it up (the hook connected), undone afterwards so
    other tests see Qt's defaults."""
    app = application([])
    assert app is qapp
    yield app
    tab_release.uninstall(app)


def _shown_budget(qtbot, db, visit_id: int):
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.open_visit(visit_id)
    tab = window.workspace._tab("budget")
    window.workspace.tabs.setCurrentWidget(tab)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window, tab


def _focus(qtbot, widget) -> None:
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)


def test_tab_moves_out_of_the_budget_lines_table(qtbot, app_hook, demo_db):
    from app.services.budget_report import visit_budget

    budget = visit_budget(demo_db, "DEMO-BERGEN-2014")
    _window, tab = _shown_budget(qtbot, demo_db, budget.visit_id)
    assert tab.model.rowCount() > 1  # cells to walk, were Tab still walking them
    _focus(qtbot, tab.lines)
    tab.lines.setCurrentIndex(tab.model.index(0, 0))
    qtbot.keyClick(tab.lines, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not tab.lines
    assert tab.lines.currentIndex().column() == 0  # the cell did not move either

    _focus(qtbot, tab.lines)
    qtbot.keyClick(tab.lines, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is not tab.lines


def test_without_the_hook_tab_stays_in_the_table(qtbot, demo_db):
    """The trap the hook removes (so the test above can fail)."""
    from app.services.budget_report import visit_budget

    budget = visit_budget(demo_db, "DEMO-BERGEN-2014")
    _window, tab = _shown_budget(qtbot, demo_db, budget.visit_id)
    _focus(qtbot, tab.lines)
    tab.lines.setCurrentIndex(tab.model.index(0, 0))
    qtbot.keyClick(tab.lines, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is tab.lines
    assert tab.lines.currentIndex().column() == 1


def test_every_table_of_every_tab_lets_tab_leave(qtbot, app_hook, demo_db):
    from app.services.budget_report import visit_budget

    budget = visit_budget(demo_db, "DEMO-BERGEN-2014")
    window, _tab = _shown_budget(qtbot, demo_db, budget.visit_id)
    tabs = window.workspace.tabs
    checked = 0
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        page = tabs.currentWidget()
        for table in page.findChildren(QTableView):
            if not table.isVisibleTo(window) or not table.isEnabled():
                continue
            _focus(qtbot, table)
            qtbot.keyClick(table, Qt.Key.Key_Tab)
            assert QApplication.focusWidget() is not table, (
                tabs.tabText(index),
                table.accessibleName(),
            )
            checked += 1
    assert checked >= 4  # participants, budget lines, rates, sources at least


def test_a_view_that_asks_keeps_tab_between_its_cells(qtbot, app_hook):
    grid = QTableWidget(2, 2)
    grid.setProperty(tab_release.KEEP_TAB, True)
    qtbot.addWidget(grid)
    grid.show()
    qtbot.waitExposed(grid)
    grid.activateWindow()
    qtbot.waitUntil(grid.isActiveWindow)
    _focus(qtbot, grid)
    assert grid.tabKeyNavigation()
