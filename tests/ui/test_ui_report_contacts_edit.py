"""A contact gained can be edited (a tester found no way to correct one): Edit…, Enter, F2
or a double-click open the entry's text; saving is one undo step and keeps the entry's
link to the directory; an empty text is refused in the form, which stays open."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ui.main_window import MainWindow


@pytest.fixture
def report(qtbot, db, visit):
    """The Report tab with one contact gained, linked to a directory contact."""
    from app.services.directory import create_contact, create_organisation
    from app.services.reports import create_report, create_report_contact

    org = create_organisation(db, name="Hordaland fylkeskommune", country="NO", city="Bergen")
    contact = create_contact(db, org.id, name="Ingrid Haugland", position="rådgiver")
    report = create_report(db, visit.id)
    create_report_contact(db, report.id, text="Ingrid Haugland, radgiver", contact_id=contact.id)
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.open_visit(visit.id)
    tab = window.workspace._tab("report")
    window.workspace.tabs.setCurrentWidget(tab)
    tab.reload()
    tab.contacts.setCurrentRow(0)
    return window, tab, report.id, contact.id


def entries(db, report_id):
    from app.services.reports import list_report_contacts

    return [(e.text, e.contact_id) for e in list_report_contacts(db, report_id)]


def test_editing_the_text_keeps_the_link_and_is_one_undo_step(db, report):
    window, tab, report_id, contact_id = report
    box = tab.contact_box
    assert box.edit_button.isEnabled()
    form = box.edit_entry(exec_dialog=False)
    edit = form.fields["text"].widget
    assert edit.text() == "Ingrid Haugland, radgiver"
    edit.setText("Ingrid Haugland, rådgiver — klasteri un atkritumi")
    steps = window.context.stack.count()
    form.accept()
    assert form.result() == form.DialogCode.Accepted
    assert entries(db, report_id) == [
        ("Ingrid Haugland, rådgiver — klasteri un atkritumi", contact_id)
    ]
    assert tab.contacts.item(0).text().startswith("Ingrid Haugland, rådgiver — klasteri")
    assert "Hordaland fylkeskommune" in tab.contacts.item(0).text()  # still linked
    assert window.context.stack.count() == steps + 1
    window.context.stack.undo()
    assert entries(db, report_id) == [("Ingrid Haugland, radgiver", contact_id)]


def test_an_empty_text_is_refused_in_the_open_form(db, report):
    _window, tab, report_id, contact_id = report
    form = tab.contact_box.edit_entry(exec_dialog=False)
    form.fields["text"].widget.setText("   ")
    form.accept()
    assert "required" in form.problem.text()
    assert entries(db, report_id) == [("Ingrid Haugland, radgiver", contact_id)]


def test_enter_f2_and_a_double_click_open_the_form(qtbot, report, monkeypatch):
    from ui.dialogs.form_dialog import FormDialog

    window, tab, _report_id, _contact_id = report
    opened: list[str] = []
    monkeypatch.setattr(
        FormDialog, "exec", lambda form: opened.append(form.fields["text"].widget.text())
    )
    window.show()
    qtbot.waitExposed(window)
    for key in (Qt.Key.Key_Return, Qt.Key.Key_F2):
        window.activateWindow()
        tab.contacts.setFocus()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is tab.contacts)
        qtbot.keyClick(tab.contacts, key)
    tab.contacts.itemDoubleClicked.emit(tab.contacts.item(0))
    assert opened == ["Ingrid Haugland, radgiver"] * 3
