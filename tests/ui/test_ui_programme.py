"""The Programme tab: items added in the window are saved at once, a conflict shows on both
items as soon as the times overlap and goes when they no longer do, and undo/redo replay it.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTime

from app.services.programme import list_programme
from tests.ui.conftest import open_programme
from ui.models.programme_model import COL_PROBLEMS, ProgrammeModel


def test_days_of_the_visit_are_sections_even_when_empty(qtbot, db, visit):
    _window, tab = open_programme(qtbot, db, visit)
    assert tab.model.days() == [dt.date(2026, 4, 6) + dt.timedelta(days=n) for n in range(4)]
    assert tab.model.rowCount() == 4
    assert tab.model.data(tab.model.index(0, 1)) == "nothing planned"


def test_added_items_are_saved_and_a_conflict_comes_and_goes(qtbot, db, visit):
    window, tab = open_programme(qtbot, db, visit)
    first = tab.add_item()
    tab.form.title_edit.setText("Hordalannes reģions")
    tab.form.title_edit.editingFinished.emit()
    second = tab.add_item()  # after the first: 10:00–11:00, no conflict
    assert [i.title for i in list_programme(db, visit.id)] == ["Hordalannes reģions", "New item"]
    assert not any(tab.problems.values())

    tab.select_item(second)
    tab.form.starts.setTime(QTime(9, 30))  # typed: overlaps the first item now
    assert tab.problems[first] and tab.problems[second]
    assert "overlap" in tab.problems[second][0].lower()
    index = tab.model.index_of(second)
    problems_cell = tab.model.data(index.siblingAtColumn(COL_PROBLEMS))
    assert "Hordalannes" in problems_cell
    assert "2 items with problems" in tab.summary.text()

    tab.form.starts.setTime(QTime(11, 0))  # moved away: the conflict is gone
    assert not any(tab.problems.values())

    window.undo_action.trigger()  # the typing was one step: back to 10:00
    assert not any(tab.problems.values())
    item = {i.id: i for i in list_programme(db, visit.id)}[second]
    assert item.starts == dt.datetime(2026, 4, 6, 10, 0)
    assert item.ends == dt.datetime(2026, 4, 6, 11, 0)  # the length was kept


def test_undo_and_redo_of_a_conflicting_move(qtbot, db, visit):
    window, tab = open_programme(qtbot, db, visit)
    first = tab.add_item()
    second = tab.add_item()
    tab.select_item(second)
    tab.form.save_times(dt.datetime(2026, 4, 6, 9, 15), dt.datetime(2026, 4, 6, 10, 15))
    assert tab.problems[first]
    window.undo_action.trigger()
    assert not tab.problems[first]
    window.redo_action.trigger()
    assert tab.problems[first]
    assert window.redo_action.shortcuts()[0].toString() == "Ctrl+Shift+Z"
    assert window.undo_action.shortcut().toString() == "Ctrl+Z"


def test_an_end_before_the_start_is_refused_inline_and_kept(qtbot, db, visit):
    _window, tab = open_programme(qtbot, db, visit)
    item_id = tab.add_item()
    tab.select_item(item_id)
    tab.form.ends.setTime(QTime(8, 0))  # before 09:00
    assert tab.form.problem.isVisibleTo(tab.form)
    assert "Ends" in tab.form.problem.text()
    assert tab.form.ends.time() == QTime(8, 0)  # what was typed stays to be corrected
    assert list_programme(db, visit.id)[0].ends == dt.datetime(2026, 4, 6, 10, 0)


def test_delete_asks_first_and_undo_brings_the_item_back(qtbot, db, visit, answer_yes):
    window, tab = open_programme(qtbot, db, visit)
    item_id = tab.add_item()
    tab.select_item(item_id)
    tab.delete_item()
    assert answer_yes and "New item" in answer_yes[0]
    assert list_programme(db, visit.id) == []
    window.undo_action.trigger()
    assert [i.id for i in list_programme(db, visit.id)] == [item_id]


def test_duplicate_puts_a_copy_right_after(qtbot, db, visit):
    _window, tab = open_programme(qtbot, db, visit)
    item_id = tab.add_item()
    tab.select_item(item_id)
    copy_id = tab.duplicate_item()
    items = {i.id: i for i in list_programme(db, visit.id)}
    assert items[copy_id].starts == items[item_id].ends
    assert tab.current_item_id() == copy_id


def test_chosen_attendees_and_a_host_created_on_the_spot(qtbot, db, visit, monkeypatch):
    from PySide6.QtCore import Qt

    from ui.dialogs import quick_create

    def fill_and_accept(dialog):
        dialog.edits["name"].setText("Bergen kommune")
        dialog.edits["country"].setText("no")
        dialog.accept()
        return 1

    monkeypatch.setattr(quick_create.QuickDialog, "exec", fill_and_accept)
    _window, tab = open_programme(qtbot, db, visit)
    item_id = tab.add_item()
    tab.select_item(item_id)
    tab.form.create_host()
    tab.form.chosen.setChecked(True)
    tab.form.people.item(0).setCheckState(Qt.CheckState.Checked)
    item = list_programme(db, visit.id)[0]
    assert item.host is not None and item.host.name == "Bergen kommune"
    assert item.host.country == "NO"
    assert not item.attendees_all and len(item.attendees) == 1


def test_programme_model_passes_the_model_tester(qtmodeltester, db, visit):
    from ui.models.programme_model import ItemRow

    model = ProgrammeModel()
    rows = [
        ItemRow(
            1,
            "Tikšanās",
            dt.datetime(2026, 4, 6, 9),
            dt.datetime(2026, 4, 6, 10),
            "Europe/Oslo",
            problems=("pārklājas",),
        ),
        ItemRow(
            2, "Vakariņas", dt.datetime(2026, 4, 7, 19), dt.datetime(2026, 4, 7, 21), "Europe/Oslo"
        ),
    ]
    model.set_programme(dt.date(2026, 4, 6), dt.date(2026, 4, 9), rows)
    qtmodeltester.check(model)
    assert model.data(model.index_of(1)) == "09:00–10:00 CEST"
