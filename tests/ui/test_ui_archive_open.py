"""Opening an archive hit opens the visit at the place the words were found (issue 6):
a programme item on the Programme tab, a lesson or an outcome note on the Report tab, the
visit's purpose on the Overview — by double-click or by Enter."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from app.services.visits import find_visit
from ui.archive.archive_page import PLACE_ROLE, ROW_ROLE, VISIT_ROLE
from ui.main_window import MainWindow


def _archive(qtbot, db, query: str):
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.resize(1300, 800)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    window.show_section("archive")
    page = window._directory("archive")
    page.search.setText(query)
    page.run_search()
    return window, page


def _press_enter_on(qtbot, page, row, key=Qt.Key.Key_Return) -> None:
    """Choose ``row`` and press Enter with the results list focused, as a keyboard user."""
    page.results.setCurrentItem(row)
    page.results.window().activateWindow()
    page.results.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.results)
    qtbot.keyClick(page.results, key)


def _place_row(page, visit_id: int, place: str):
    """The first row under the visit ``visit_id`` whose hit is in ``place``."""
    top = page.results.topLevelItem(page.visit_ids().index(visit_id))
    for index in range(top.childCount()):
        child = top.child(index)
        if child.data(0, PLACE_ROLE) == place:
            assert child.data(0, VISIT_ROLE) == visit_id
            return child
    raise AssertionError(f"no {place} hit under visit {visit_id}")


def _double_click(qtbot, page, row) -> None:
    page.results.scrollToItem(row)
    where = page.results.visualItemRect(row).topLeft() + QPoint(40, 8)  # the place's name
    # a double-click is a press and release, then a second press that comes as a double one
    qtbot.mouseClick(page.results.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert page.results.currentItem() is row
    qtbot.mouseDClick(page.results.viewport(), Qt.MouseButton.LeftButton, pos=where)


def test_double_click_on_a_programme_hit_opens_the_programme_at_that_item(qtbot, demo_db):
    bergen = find_visit(demo_db, "DEMO-BERGEN-2014")
    window, page = _archive(qtbot, demo_db, "atkritumu enerģijas stacijas")
    row = _place_row(page, bergen.id, "programme")
    item_id = row.data(0, ROW_ROLE)
    _double_click(qtbot, page, row)

    workspace = window.workspace
    assert workspace is not None and workspace.visit_id == bergen.id
    assert window.stack.currentWidget() is workspace and workspace.isVisible()
    programme = workspace.programme
    assert workspace.tabs.currentWidget() is programme
    assert programme.current_item_id() == item_id
    assert "enerģijas stacij" in programme.items[item_id].title
    assert programme.tree.selectionModel().isRowSelected(
        programme.tree.currentIndex().row(), programme.tree.currentIndex().parent())
    assert programme.form.title_edit.text() == programme.items[item_id].title


def test_enter_on_a_lesson_hit_opens_the_report_with_that_lesson_chosen(qtbot, demo_db):
    bergen = find_visit(demo_db, "DEMO-BERGEN-2014")
    window, page = _archive(qtbot, demo_db, "vienotu tarifu")
    row = _place_row(page, bergen.id, "lesson")
    lesson_id = row.data(0, ROW_ROLE)
    _press_enter_on(qtbot, page, row)

    workspace = window.workspace
    assert workspace is not None and workspace.visit_id == bergen.id
    report = workspace._tab("report")
    assert workspace.tabs.currentWidget() is report
    chosen = report.lessons.currentItem()
    assert chosen is not None and chosen.data(Qt.ItemDataRole.UserRole) == lesson_id
    assert "vienotu tarifu" in chosen.text()


def test_an_outcome_hit_opens_the_meetings_outcome_note(qtbot, demo_db):
    trondelag = find_visit(demo_db, "DEMO-TRONDELAG-2015")
    window, page = _archive(qtbot, demo_db, "Trondelaga apvienošana")
    row = _place_row(page, trondelag.id, "outcome")
    item_id = row.data(0, ROW_ROLE)
    _double_click(qtbot, page, row)

    report = window.workspace._tab("report")
    assert window.workspace.tabs.currentWidget() is report
    assert report.corner.currentWidget() is report.outcomes
    assert report.outcomes.current_id() == item_id
    assert "apvienošana" in report.outcomes.note.toPlainText()


def test_a_purpose_hit_opens_the_overview_with_the_purpose_focused(qtbot, demo_db):
    bergen = find_visit(demo_db, "DEMO-BERGEN-2014")
    window, page = _archive(qtbot, demo_db, "klasteru investīciju")
    row = _place_row(page, bergen.id, "purpose")
    assert row.data(0, ROW_ROLE) == bergen.id
    _press_enter_on(qtbot, page, row, Qt.Key.Key_Enter)

    workspace = window.workspace
    assert workspace.tabs.currentWidget() is workspace.overview
    purpose = workspace.overview.widgets["purpose"]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is purpose)


def test_a_visit_row_still_opens_the_visit_itself(qtbot, demo_db):
    bergen = find_visit(demo_db, "DEMO-BERGEN-2014")
    window, page = _archive(qtbot, demo_db, "tarifs")
    top = page.results.topLevelItem(page.visit_ids().index(bergen.id))
    _press_enter_on(qtbot, page, top)
    assert window.workspace is not None and window.workspace.visit_id == bergen.id
    assert window.workspace.tabs.currentWidget() is window.workspace.overview


def test_a_hit_that_knows_only_its_item_opens_that_item(qtbot, demo_db):
    """The PostgreSQL search gives where and the item, not the place: the item still opens."""
    from dataclasses import replace

    from app.services.archive import search

    bergen = find_visit(demo_db, "DEMO-BERGEN-2014")
    window, page = _archive(qtbot, demo_db, "")
    hit = next(h for h in search(demo_db, "atkritumu") if h.where == "programme"
               and h.visit_id == bergen.id)
    bare = replace(hit, row_id=None, place=None)
    page.results.clear()
    page._add_visit(bare, [bare])
    page.results.expandAll()
    row = page.results.topLevelItem(0).child(0)
    _press_enter_on(qtbot, page, row)
    programme = window.workspace.programme
    assert window.workspace.tabs.currentWidget() is programme
    assert programme.current_item_id() == hit.item_id
