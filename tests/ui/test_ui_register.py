"""The visits register: filters, new visit, duplicate as a template, delete with undo,
and the window remembering its size and last section."""

from __future__ import annotations

import datetime as dt

from app.demo import load_demo
from app.services.programme import list_programme
from app.services.visits import find_visit, list_visits
from ui.dialogs.visit_dialogs import DuplicateVisitDialog, NewVisitDialog
from ui.main_window import MainWindow


def test_filters_by_status_year_and_country(qtbot, db):
    load_demo(db)
    window = MainWindow(db)
    qtbot.addWidget(window)
    page = window.visits_page
    total = len(page.shown_codes())
    page.year_combo.setCurrentIndex(page.year_combo.findData(2014))
    assert page.shown_codes() == ["DEMO-BERGEN-2014"]
    page.year_combo.setCurrentIndex(0)
    page.country_combo.setCurrentIndex(page.country_combo.findData("PL"))
    assert page.shown_codes() and all("PO" in c for c in page.shown_codes())
    assert page.country_combo.currentText() == "Poland"
    page.country_combo.setCurrentIndex(0)
    page.status_combo.setCurrentIndex(page.status_combo.findData("draft"))
    assert page.shown_codes() == []
    assert window.statusBar().currentMessage() == f"0 of {total} visits"
    page.status_combo.setCurrentIndex(0)
    page.filter_edit.setText("trondelag")
    assert page.shown_codes() == ["DEMO-TRONDELAG-2015"]


def test_a_new_visit_is_saved_and_opened(qtbot, db, monkeypatch):
    def fill(dialog: NewVisitDialog) -> int:
        dialog.code.setText("LPR-OSLO")
        dialog.title_edit.setText("Latgales plānošanas reģions Oslo")
        dialog.country.setText("no")
        dialog.zone.setCurrentText("Europe/Oslo")
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(NewVisitDialog, "exec", fill)
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.new_action.trigger()
    visit = find_visit(db, "LPR-OSLO")
    assert visit.country == "NO" and visit.status == "draft"
    assert window.workspace is not None and window.workspace.visit_id == visit.id
    window.undo_action.trigger()
    assert list_visits(db) == []


def test_the_new_visit_dialog_keeps_the_entry_when_the_code_is_taken(qtbot, db):
    load_demo(db)
    seen = []

    def submit(fields):
        from app.services.visits import create_visit

        seen.append(fields)
        return create_visit(db, **fields)

    dialog = NewVisitDialog(submit)
    qtbot.addWidget(dialog)
    dialog.code.setText("DEMO-BERGEN-2014")
    dialog.title_edit.setText("Otrreiz")
    dialog.accept()
    assert dialog.visit is None
    assert "already exists" in dialog.problem.text()
    assert dialog.title_edit.text() == "Otrreiz"


def test_duplicate_as_template_shifts_the_programme(qtbot, db, monkeypatch):
    load_demo(db)
    source = find_visit(db, "DEMO-BERGEN-2014")

    def fill(dialog: DuplicateVisitDialog) -> int:
        dialog.code.setText("BERGEN-2027")
        dialog.starts.setDate(dialog.starts.date().addYears(13))
        dialog.accept()
        return 1

    monkeypatch.setattr(DuplicateVisitDialog, "exec", fill)
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.visits_page.select_visit(source.id)
    copy = window.visits_page.duplicate_selected()
    assert copy is not None and copy.start_date == dt.date(2027, 4, 2)
    old = list_programme(db, source.id)
    new = list_programme(db, copy.id)
    assert len(new) == len(old)
    assert new[0].starts.time() == old[0].starts.time()
    assert "BERGEN-2027" in window.visits_page.shown_codes()


def test_delete_asks_and_undo_restores(qtbot, db, answer_yes):
    load_demo(db)
    window = MainWindow(db)
    qtbot.addWidget(window)
    visit = find_visit(db, "DEMO-BERGEN-2014")
    window.visits_page.select_visit(visit.id)
    window.visits_page.delete_selected()
    assert "DEMO-BERGEN-2014" in answer_yes[0]
    assert "DEMO-BERGEN-2014" not in window.visits_page.shown_codes()
    window.undo_action.trigger()
    window.visits_page.reload()
    assert "DEMO-BERGEN-2014" in window.visits_page.shown_codes()


def test_declining_the_question_deletes_nothing(qtbot, db, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    load_demo(db)
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.visits_page.table.selectRow(0)
    window.visits_page.delete_selected()
    assert len(list_visits(db)) == len(window.visits_page.shown_codes())
    assert window.undo_action.isEnabled() is False


def test_size_and_last_section_are_remembered(qtbot, db):
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    window.resize(720, 560)
    window.show_section("people")
    window.close()
    again = MainWindow(db)
    qtbot.addWidget(again)
    assert again.current_section() == "people"
    assert again.width() == 720  # the height is held at the content's minimum offscreen


def test_double_click_opens_and_back_returns(qtbot, db):
    load_demo(db)
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.visits_page.table.selectRow(0)
    window.visits_page.open_selected()
    assert window.workspace is not None
    from ui.visit.workspace import LAZY_TABS

    assert window.workspace.tabs.count() == 1 + len(LAZY_TABS)  # the Overview, then the rest
    window.workspace.back_button.click()
    assert window.workspace is None
    assert window.stack.currentWidget() is window.visits_page


def test_the_register_query_answers_as_the_service(db, db_path):
    from app.services.people import delete_person, list_participations, update_participation
    from ui.visit.register import read_register

    load_demo(db)
    bergen = find_visit(db, "DEMO-BERGEN-2014")
    parts = list_participations(db, bergen.id)
    delete_person(db, parts[0].person_id)  # a deleted person no longer counts
    update_participation(db, parts[1].id, None, status="declined")
    assert [tuple(row) for row in read_register(db_path)] == [
        (
            v.id,
            v.code,
            v.title,
            v.kind,
            v.status,
            v.start_date,
            v.end_date,
            v.country,
            v.city,
            v.participants,
        )
        for v in list_visits(db)
    ]


def test_overview_saves_a_field_and_the_title_for_english_programmes(qtbot, db):
    load_demo(db)
    bergen = find_visit(db, "DEMO-BERGEN-2014")
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.open_visit(bergen.id)
    overview = window.workspace.overview
    assert overview.other[("en", "title")].text() == "LALRG Board study visit to Bergen"
    overview.other[("nb", "title")].setText("LPS-styret i Bergen")
    overview.other[("nb", "title")].editingFinished.emit()
    status = overview.widgets["status"]
    status.setCurrentIndex(status.findData("cancelled"))
    visit = find_visit(db, "DEMO-BERGEN-2014")
    assert visit.translations["nb"] == {"title": "LPS-styret i Bergen"}
    assert visit.translations["en"]["title"] == "LALRG Board study visit to Bergen"
    assert visit.status == "cancelled"
    assert "Cancelled" in window.workspace.header.text()
    window.undo_action.trigger()
    assert find_visit(db, "DEMO-BERGEN-2014").status == "reported"
