"""Undo and redo from the keyboard, with the focus in a field and out of it.

After a saved edit, Ctrl+Z undoes it wherever the focus is; a field holding typing not yet
saved undoes its own typing first; the status bar says what was undone and the window shows
the tab and the row where it happened, never changing something out of sight.
"""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.services.programme import list_programme
from app.services.visits import get_visit
from ui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def window(qtbot, db, visit):
    shown = MainWindow(db)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    shown.activateWindow()
    qtbot.waitUntil(shown.isActiveWindow)
    shown.open_visit(visit.id)
    return shown


def focus(qtbot, widget) -> None:
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)


def type_into(qtbot, widget, text: str) -> None:
    """Select the field's text and type over it, key by key (ASCII only: see docs/pitfalls.md)."""
    focus(qtbot, widget)
    widget.selectAll()
    qtbot.keyClicks(widget, text)


def test_ctrl_z_in_the_field_just_saved_undoes_it_and_says_so(qtbot, db, visit, window):
    city = window.workspace.overview.widgets["city"]
    type_into(qtbot, city, "Trondheim")
    qtbot.keyClick(city, Qt.Key.Key_Return)  # saved: one step
    assert get_visit(db, visit.id).city == "Trondheim"

    qtbot.keyClick(city, Qt.Key.Key_Z, CTRL)  # the focus is still in the field
    assert get_visit(db, visit.id).city == "Bergen"
    assert city.text() == "Bergen"
    assert window.statusBar().currentMessage() == "Undone: City"

    qtbot.keyClick(city, Qt.Key.Key_Z, CTRL | SHIFT)
    assert get_visit(db, visit.id).city == "Trondheim"
    assert city.text() == "Trondheim"
    assert window.statusBar().currentMessage() == "Redone: City"

    qtbot.keyClick(city, Qt.Key.Key_Z, CTRL)
    qtbot.keyClick(city, Qt.Key.Key_Y, CTRL)  # Ctrl+Y redoes too
    assert get_visit(db, visit.id).city == "Trondheim"


def test_a_field_with_unsaved_typing_undoes_its_own_typing_first(qtbot, db, visit, window):
    city = window.workspace.overview.widgets["city"]
    type_into(qtbot, city, "Oslo")
    qtbot.keyClick(city, Qt.Key.Key_Tab)  # saved by leaving the field
    assert get_visit(db, visit.id).city == "Oslo"
    steps = window.context.stack.index()

    type_into(qtbot, city, "Tromso")  # typing, not saved
    qtbot.keyClick(city, Qt.Key.Key_Z, CTRL)
    assert city.text() != "Tromso"  # the field's own undo took the typing back
    assert get_visit(db, visit.id).city == "Oslo"  # nothing saved was undone
    assert window.context.stack.index() == steps

    while city.text() != "Oslo":  # the typing all undone: the field is as saved
        qtbot.keyClick(city, Qt.Key.Key_Z, CTRL)
    qtbot.keyClick(city, Qt.Key.Key_Z, CTRL)  # now the saved change is undone
    assert get_visit(db, visit.id).city == "Bergen"
    assert window.context.stack.index() == steps - 1


def test_a_saved_report_summary_is_undone_from_inside_the_text(qtbot, db, visit, window):
    from app.services.reports import report_for_visit

    tab = window.workspace._tab("report")
    window.workspace.tabs.setCurrentWidget(tab)
    focus(qtbot, tab.summary)
    qtbot.keyClicks(tab.summary, "Redzejam tarifu modeli")
    qtbot.keyClick(tab.summary, Qt.Key.Key_Tab)  # left: saved
    assert report_for_visit(db, visit.id).summary == "Redzejam tarifu modeli"
    focus(qtbot, tab.summary)
    qtbot.keyClick(tab.summary, Qt.Key.Key_Z, CTRL)
    assert report_for_visit(db, visit.id).summary is None
    assert tab.summary.toPlainText() == ""
    assert window.statusBar().currentMessage() == "Undone: Summary"


def test_with_no_field_focused_undo_shows_the_tab_and_row_it_changes(qtbot, db, visit, window):
    workspace = window.workspace
    programme = workspace.programme
    workspace.tabs.setCurrentWidget(programme)
    first = programme.add_item("Brokastis")
    second = programme.add_item("Tikšanās NTNU")
    programme.select_item(first)
    programme.form.title_edit.setText("Brokastis viesnīcā")
    programme.form.title_edit.editingFinished.emit()
    programme.select_item(second)

    participants = workspace.participants
    workspace.tabs.setCurrentWidget(participants)
    focus(qtbot, participants.table)  # a table, not a field, on another tab
    qtbot.keyClick(participants.table, Qt.Key.Key_Z, CTRL)

    assert workspace.tabs.currentWidget() is programme  # shown where it happened
    assert programme.current_item_id() == first  # on the row it changed
    assert programme.form.title_edit.text() == "Brokastis"
    titles = {i.id: i.title for i in list_programme(db, visit.id)}
    assert titles[first] == "Brokastis"
    assert window.statusBar().currentMessage() == "Undone: Title"


def test_undo_of_an_edit_in_another_visit_opens_that_visit(qtbot, db, visit, window):
    from app.services.visits import create_visit

    other = create_visit(
        db,
        code="TRD-2027",
        title="Trondheima",
        country="NO",
        city="Trondheim",
        timezone="Europe/Oslo",
        start_date=dt.date(2027, 4, 6),
        end_date=dt.date(2027, 4, 9),
    )
    city = window.workspace.overview.widgets["city"]
    city.setText("Stavanger")
    city.editingFinished.emit()
    window.open_visit(other.id)
    window.undo_action.trigger()  # from the menu, in the other visit
    assert window.workspace.visit_id == visit.id
    assert get_visit(db, visit.id).city == "Bergen"
    assert window.statusBar().currentMessage() == "Undone: City"


def test_the_status_bar_speaks_latvian(qtbot, db, visit):
    from app.i18n import set_language

    set_language("lv")
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.open_visit(visit.id)
    city = window.workspace.overview.widgets["city"]
    city.setText("Trondheima")
    city.editingFinished.emit()
    window.undo_action.trigger()
    assert window.statusBar().currentMessage() == "Atsaukts: Pilsēta"
    window.redo_action.trigger()
    assert window.statusBar().currentMessage() == "Atkārtots: Pilsēta"


def test_the_menu_names_the_step(qtbot, db, visit):
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.open_visit(visit.id)
    assert not window.undo_action.isEnabled()
    city = window.workspace.overview.widgets["city"]
    city.setText("Trondheim")
    city.editingFinished.emit()
    assert window.undo_action.isEnabled()
    assert window.undo_action.text() == "&Undo Change City"
    window.undo_action.trigger()
    assert window.redo_action.text() == "&Redo Change City"
    assert QApplication.instance() is not None


def test_undo_chooses_again_the_participant_it_changes(qtbot, db, visit, window):
    from app.services.people import list_participations
    from ui.widgets.fields import set_code

    workspace = window.workspace
    tab = workspace.participants
    workspace.tabs.setCurrentWidget(tab)
    anna, janis = (
        next(p for p in list_participations(db, visit.id) if p.person.given_name == name)
        for name in ("Anna", "Jānis")
    )
    tab.select(anna.id)
    set_code(tab.role, "interpreter")  # saved at once: one step
    tab.select(janis.id)
    workspace.tabs.setCurrentWidget(workspace.overview)

    window.undo_action.trigger()
    assert workspace.tabs.currentWidget() is tab
    assert tab.current().id == anna.id  # her row chosen again, her role back
    assert {p.id: p.role for p in list_participations(db, visit.id)}[anna.id] != "interpreter"
    assert window.statusBar().currentMessage() == "Undone: Role"
