"""The Archive and Follow-ups sections and the visit's Report tab, driven as a user would."""

from __future__ import annotations

import datetime as dt

from app.services.visits import find_visit
from ui.main_window import MainWindow


def _window(qtbot, db) -> MainWindow:
    window = MainWindow(db)
    qtbot.addWidget(window)
    return window


def test_searching_the_archive_finds_the_bergen_visit(qtbot, demo_db):
    bergen = find_visit(demo_db, "DEMO-BERGEN-2014")
    window = _window(qtbot, demo_db)
    window.show_section("archive")
    page = window._directory("archive")
    for query in ("tarifs", "BIR"):
        page.search.setText(query)
        page.run_search()
        assert bergen.id in page.visit_ids(), query
        assert "<b>" in page.results.itemWidget(
            page.results.topLevelItem(page.visit_ids().index(bergen.id)).child(0), 1).text()


def test_an_archive_filter_narrows_and_a_double_click_opens_the_visit(qtbot, demo_db):
    bergen = find_visit(demo_db, "DEMO-BERGEN-2014")
    window = _window(qtbot, demo_db)
    window.show_section("archive")
    page = window._directory("archive")
    page.search.setText("tarifs")
    page.country.setCurrentIndex(page.country.findData("NO"))
    assert page.visit_ids() and all(
        find_visit(demo_db, str(v)).country == "NO" for v in page.visit_ids())
    item = page.results.topLevelItem(page.visit_ids().index(bergen.id))
    page.results.itemDoubleClicked.emit(item, 0)
    assert window.workspace is not None and window.workspace.visit_id == bergen.id


def test_follow_ups_list_sorted_by_due_with_overdue_in_red(qtbot, db, visit):
    from app.services.reports import create_follow_up, create_report

    report = create_report(db, visit.id)
    create_follow_up(db, report.id, action="Nosūtīt pateicības vēstules", owner="Anna",
                     due=dt.date(2000, 1, 5))
    create_follow_up(db, report.id, action="Sagatavot rakstu", owner="Jānis",
                     due=dt.date(2999, 1, 5))
    window = _window(qtbot, db)
    window.show_section("followups")
    page = window._directory("followups")
    rows = [page.table.topLevelItem(i) for i in range(page.table.topLevelItemCount())]
    assert [r.text(1) for r in rows] == ["Nosūtīt pateicības vēstules", "Sagatavot rakstu"]
    assert "overdue" in rows[0].text(0) and rows[0].foreground(1).color().red() > 150
    assert "overdue" not in rows[1].text(0)
    assert "1 overdue" in window.statusBar().currentMessage()
    page.owner.setText("jān")
    assert page.table.topLevelItemCount() == 1
