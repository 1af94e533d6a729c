"""Opening an archive hit opens the visit at the place the words were found (issue 6):
a programme item on the Programme tab, a lesson or an outcome note on the Report tab, the
visit's purpose on the Overview — by double-click or by Enter."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from app.services.visits import find_visit
from ui.archive.archive_page import PLACE_ROLE, ROW_ROLE, VISIT_ROLE
from ui.main_window import SECTIONS, MainWindow


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
        programme.tree.currentIndex().row(), programme.tree.currentIndex().parent()
    )
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
    hit = next(
        h
        for h in search(demo_db, "atkritumu")
        if h.where == "programme" and h.visit_id == bergen.id
    )
    bare = replace(hit, row_id=None, place=None)
    page.results.clear()
    page._add_visit(bare, [bare])
    page.results.expandAll()
    row = page.results.topLevelItem(0).child(0)
    _press_enter_on(qtbot, page, row)
    programme = window.workspace.programme
    assert window.workspace.tabs.currentWidget() is programme
    assert programme.current_item_id() == hit.item_id


def _click_nav(qtbot, window, name: str) -> None:
    """A mouse click on the section's entry in the navigation list."""
    from ui.main_window import SECTIONS

    item = window.nav.item(SECTIONS.index(name))
    where = window.nav.visualItemRect(item).center()
    qtbot.mouseClick(window.nav.viewport(), Qt.MouseButton.LeftButton, pos=where)


def test_after_opening_a_hit_one_click_on_archive_goes_back_to_the_results(qtbot, demo_db):
    bergen = find_visit(demo_db, "DEMO-BERGEN-2014")
    window, page = _archive(qtbot, demo_db, "vienotu tarifu")
    _double_click(qtbot, page, _place_row(page, bergen.id, "lesson"))
    assert window.stack.currentWidget() is window.workspace
    assert window.current_section() == "visits"  # the open visit belongs to Visits

    _click_nav(qtbot, window, "archive")
    assert window.stack.currentWidget() is page and page.isVisible()
    assert page.visit_ids() and page.visit_ids()[0] == bergen.id  # the results are kept

    _click_nav(qtbot, window, "visits")  # and Visits is the register again
    assert window.stack.currentWidget() is window.visits_page and window.workspace is None


def test_a_click_on_the_chosen_entry_shows_its_page_again(qtbot, demo_db):
    """Even if the entry stayed chosen while a visit was shown, clicking it is not ignored."""
    bergen = find_visit(demo_db, "DEMO-BERGEN-2014")
    window, page = _archive(qtbot, demo_db, "tarifs")
    window.context.open_visit.emit(bergen.id)
    window.nav.blockSignals(True)  # as before the fix: Archive left chosen
    window.nav.setCurrentRow(SECTIONS.index("archive"))
    window.nav.blockSignals(False)
    _click_nav(qtbot, window, "archive")
    assert window.stack.currentWidget() is page


def test_a_summary_hit_is_named_by_the_tab_it_opens(qtbot, demo_db):
    """The Overview tab is "Pamatdati"; a hit in the report's summary opens "Atskaite", and
    says so ("Atskaite: kopsavilkums"), not the Overview's word."""
    from app.i18n import set_language

    set_language("lv")  # the clash is in the Latvian words (English said Overview/Report)
    bergen = find_visit(demo_db, "DEMO-BERGEN-2014")
    window, page = _archive(qtbot, demo_db, "astoņām institūcijām")
    row = _place_row(page, bergen.id, "summary")
    assert row.text(0) == "Atskaite: kopsavilkums"
    purpose = _archive(qtbot, demo_db, "klasteru investīciju")[1]
    assert _place_row(purpose, bergen.id, "purpose").text(0) == "Pamatdati: mērķis"
    _double_click(qtbot, page, row)
    workspace = window.workspace
    assert workspace.tabs.currentWidget() is workspace._tab("report")
    assert workspace.tabs.tabText(workspace.tabs.currentIndex()).replace("&", "") == "Atskaite"


def _follow_ups(qtbot, db):
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.resize(1300, 800)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    window.show_section("followups")
    return window, window._directory("followups")


@pytest.mark.parametrize("how", ["double-click", "enter"])
def test_a_follow_up_opens_the_report_tab_at_that_follow_up(qtbot, demo_db, how):
    from app.services.followups import follow_ups
    from app.services.reports import create_follow_up, report_for_visit

    bergen = find_visit(demo_db, "DEMO-BERGEN-2014")
    report = report_for_visit(demo_db, bergen.id)
    for n in range(3):
        create_follow_up(demo_db, report.id, action=f"Atbildēt KS {n}", owner="Anna")
    window, page = _follow_ups(qtbot, demo_db)
    wanted = next(a for a in follow_ups(demo_db) if a.action == "Atbildēt KS 1")
    row = next(
        page.table.topLevelItem(i)
        for i in range(page.table.topLevelItemCount())
        if page.table.topLevelItem(i).text(1) == "Atbildēt KS 1"
    )
    page.table.setCurrentItem(row)
    if how == "enter":
        page.table.setFocus()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is page.table)
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    else:
        page.table.scrollToItem(row)
        where = page.table.visualItemRect(row).center()
        qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=where)
        qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=where)

    workspace = window.workspace
    assert workspace is not None and workspace.visit_id == bergen.id
    tab = workspace._tab("report")
    assert workspace.tabs.currentWidget() is tab
    chosen = tab.follow_ups.currentItem()
    assert chosen is not None and chosen.data(0, Qt.ItemDataRole.UserRole) == wanted.id
    assert chosen.text(0) == "Atbildēt KS 1"
    _click_nav(qtbot, window, "followups")  # and back to the list in one click
    assert window.stack.currentWidget() is page
