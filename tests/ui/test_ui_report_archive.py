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
        assert (
            "<b>"
            in page.results.itemWidget(
                page.results.topLevelItem(page.visit_ids().index(bergen.id)).child(0), 1
            ).text()
        )


def test_an_archive_filter_narrows_and_a_double_click_opens_the_visit(qtbot, demo_db):
    bergen = find_visit(demo_db, "DEMO-BERGEN-2014")
    window = _window(qtbot, demo_db)
    window.show_section("archive")
    page = window._directory("archive")
    page.search.setText("tarifs")
    page.country.setCurrentIndex(page.country.findData("NO"))
    assert page.visit_ids() and all(
        find_visit(demo_db, str(v)).country == "NO" for v in page.visit_ids()
    )
    item = page.results.topLevelItem(page.visit_ids().index(bergen.id))
    page.results.itemDoubleClicked.emit(item, 0)
    assert window.workspace is not None and window.workspace.visit_id == bergen.id


def test_follow_ups_list_sorted_by_due_with_the_overdue_date_marked(qtbot, db, visit):
    from app.services.reports import create_follow_up, create_report

    report = create_report(db, visit.id)
    create_follow_up(
        db, report.id, action="Nosūtīt pateicības vēstules", owner="Anna", due=dt.date(2000, 1, 5)
    )
    create_follow_up(
        db, report.id, action="Sagatavot rakstu", owner="Jānis", due=dt.date(2199, 1, 5)
    )
    window = _window(qtbot, db)
    window.show_section("followups")
    page = window._directory("followups")
    rows = [page.table.topLevelItem(i) for i in range(page.table.topLevelItemCount())]
    assert [r.text(1) for r in rows] == ["Nosūtīt pateicības vēstules", "Sagatavot rakstu"]
    assert "overdue" in rows[0].text(0) and rows[0].foreground(0).color().red() > 150
    assert not rows[0].icon(0).isNull() and rows[0].toolTip(0) == "Overdue"
    # only the date is marked: the action itself reads in the normal colour
    assert rows[0].foreground(1).color() != rows[0].foreground(0).color()
    assert "overdue" not in rows[1].text(0)
    assert "1 overdue" in window.statusBar().currentMessage()
    page.owner.setText("jān")
    assert page.table.topLevelItemCount() == 1


def _report_tab(qtbot, db, visit_id):
    window = _window(qtbot, db)
    window.open_visit(visit_id)
    tab = window.workspace._tab("report")
    window.workspace.tabs.setCurrentWidget(tab)
    tab.reload()
    return window, tab


def test_a_follow_up_added_in_the_report_appears_in_the_follow_ups_section(qtbot, db, visit):
    from ui.widgets.fields import put_date

    window, tab = _report_tab(qtbot, db, visit.id)
    tab.action_text.setText("Nosūtīt BIR tarifu aprakstu valdei")
    tab.action_owner.setText("Anna Čakste")
    put_date(tab.action_due, dt.date(2001, 2, 3))
    tab.add_action_button.click()
    assert tab.follow_ups.topLevelItemCount() == 1
    assert tab.follow_ups.topLevelItem(0).foreground(2).color().red() > 150  # overdue date
    window.show_section("followups")
    page = window._directory("followups")
    row = page.table.topLevelItem(0)
    assert row.text(1) == "Nosūtīt BIR tarifu aprakstu valdei" and row.text(2) == "Anna Čakste"
    assert "LPS-BERGEN" in row.text(3)


def test_a_saved_lesson_and_summary_survive_reopening_and_undo_takes_the_lesson_back(
    qtbot, db, visit
):
    window, tab = _report_tab(qtbot, db, visit.id)
    tab.summary.setPlainText("Redzējām reģionālo atkritumu uzņēmumu.")
    tab.results.setPlainText("Tarifu metodika\n\nLīguma paraugs")
    tab.save_texts()
    tab.lesson_text.setText("Kopīgs uzņēmums samazina izmaksas")
    tab.lesson_topics.setText("atkritumi, sadarbība")
    tab.add_lesson_button.click()
    window.close_visit()

    window, tab = _report_tab(qtbot, db, visit.id)
    assert tab.summary.toPlainText() == "Redzējām reģionālo atkritumu uzņēmumu."
    assert tab.results.toPlainText() == "Tarifu metodika\nLīguma paraugs"
    assert tab.lessons.count() == 1
    assert "Kopīgs uzņēmums" in tab.lessons.item(0).text()
    assert "atkritumi, sadarbība" in tab.lessons.item(0).text()

    tab.lesson_text.setText("")
    tab.add_lesson_button.click()
    assert tab.problem.isVisibleTo(tab) and tab.lessons.count() == 1


def test_a_photo_is_shown_as_a_thumbnail_with_its_caption(qtbot, db, visit, tmp_path):
    from PIL import Image

    path = tmp_path / "bir.jpg"
    Image.new("RGB", (800, 600), (30, 120, 200)).save(path)
    tab = _report_tab(qtbot, db, visit.id)[1]
    tab.photo_caption.setText("BIR enerģijas stacija")
    tab.add_photo(str(path))
    tab.reload()
    assert tab.photos.count() == 1
    assert tab.photos.item(0).text() == "BIR enerģijas stacija"
    assert not tab.photos.item(0).icon().isNull()


def test_an_outcome_note_saved_for_a_meeting_is_kept_with_the_meeting(qtbot, db, visit):
    from app.services.programme import create_programme_item, get_programme_item

    item = create_programme_item(
        db,
        visit.id,
        title="BIR atkritumu enerģijas stacija",
        starts=dt.datetime(2026, 4, 7, 10, 0),
        ends=dt.datetime(2026, 4, 7, 12, 0),
    )
    window, tab = _report_tab(qtbot, db, visit.id)
    tab.outcomes.choose(item.id)
    tab.outcomes.note.setPlainText("Saņemts tarifu aprēķina paraugs")
    tab.outcomes.save_button.click()
    assert get_programme_item(db, item.id).outcome == "Saņemts tarifu aprēķina paraugs"
    tab.reload()
    assert tab.outcomes.items.topLevelItem(0).text(2) == "Saņemts tarifu aprēķina paraugs"
    window.context.stack.undo()
    assert get_programme_item(db, item.id).outcome is None


def test_a_search_of_punctuation_or_an_emoji_alone_is_a_message_not_an_error(qtbot, demo_db):
    """ "&" or 😀 holds no word: the page says so where its count stands, nothing raises."""
    window = _window(qtbot, demo_db)
    window.show_section("archive")
    page = window._directory("archive")
    for query in ("&", "-", '"', "😀"):
        page.search.setText(query)
        page.run_search()
        assert page.visit_ids() == []
        assert page.summary.text() and page.summary.text() != "0", query
