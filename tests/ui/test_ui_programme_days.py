"""An item stays on its day when its times are edited, on every day of a visit abroad.

Seen in the window: the Day box showed the first day whatever item was chosen
(``QComboBox.findData`` cannot match a fresh ``date`` in PySide6 6.12), and a time edit then
rebuilt the item on that day — Saturday's breakfast moved to Wednesday.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QItemSelectionModel, QTime
from PySide6.QtWidgets import QComboBox

from app.services.programme import list_programme
from tests.ui.conftest import open_programme
from ui.widgets.fields import find_data, set_code

DAYS = [dt.date(2026, 4, 6) + dt.timedelta(days=n) for n in range(4)]  # the Bergen visit


def choose_day(tab, day: dt.date) -> None:
    """Click the day's heading in the tree, as the user does before "Add item"."""
    row = tab.model.days().index(day)
    tab.tree.selectionModel().setCurrentIndex(
        tab.model.index(row, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )


def add_item_on(tab, day: dt.date, title: str) -> int:
    choose_day(tab, day)
    tab.add_button.click()
    tab.form.title_edit.setText(title)
    tab.form.title_edit.editingFinished.emit()
    return tab.current_item_id()


def test_start_and_end_edits_keep_every_item_on_its_day(qtbot, db, visit):
    _window, tab = open_programme(qtbot, db, visit)
    made = {day: add_item_on(tab, day, f"Brokastis {day:%d.%m.}") for day in DAYS}
    assert len(set(made.values())) == 4

    for day, item_id in made.items():
        tab.select_item(item_id)
        assert tab.form.day.currentData() == day  # the Day box shows the item's own day
        tab.form.starts.setTime(QTime(7, 30))
        tab.form.ends.setTime(QTime(8, 15))

    saved = {item.id: item for item in list_programme(db, visit.id)}
    for day, item_id in made.items():
        item = saved[item_id]
        assert (item.starts, item.ends) == (
            dt.datetime.combine(day, dt.time(7, 30)),
            dt.datetime.combine(day, dt.time(8, 15)),
        )
        assert item.timezone == "Europe/Oslo"
    # the tree shows each under its own day too
    for day, item_id in made.items():
        assert tab.model.index_of(item_id).parent().row() == DAYS.index(day)


def test_editing_the_last_day_again_after_a_reload_keeps_it_there(qtbot, db, visit):
    window, tab = open_programme(qtbot, db, visit)
    last = add_item_on(tab, DAYS[3], "Atpakaļceļš")
    window.close_visit()
    window.open_visit(visit.id)
    tab = window.workspace.programme
    window.workspace.tabs.setCurrentWidget(tab)
    tab.select_item(last)
    tab.form.ends.setTime(QTime(12, 0))
    tab.form.starts.setTime(QTime(10, 45))  # the start keeps the length (3 h)
    item = {i.id: i for i in list_programme(db, visit.id)}[last]
    assert item.starts == dt.datetime(2026, 4, 9, 10, 45)
    assert item.ends == dt.datetime(2026, 4, 9, 13, 45)
    window.undo_action.trigger()  # the start typing is one step
    window.undo_action.trigger()
    item = {i.id: i for i in list_programme(db, visit.id)}[last]
    assert item.starts.date() == DAYS[3]


def test_the_day_box_moves_an_item_and_undo_brings_it_back(qtbot, db, visit):
    window, tab = open_programme(qtbot, db, visit)
    item_id = add_item_on(tab, DAYS[1], "Vizīte NTNU")
    tab.select_item(item_id)
    tab.form.day.setCurrentIndex(3)
    item = {i.id: i for i in list_programme(db, visit.id)}[item_id]
    assert item.starts.date() == DAYS[3]
    tab.select_item(item_id)
    assert tab.form.day.currentData() == DAYS[3]
    window.undo_action.trigger()
    item = {i.id: i for i in list_programme(db, visit.id)}[item_id]
    assert item.starts.date() == DAYS[1]


def test_set_code_finds_fresh_dates_and_other_values(qtbot):
    combo = QComboBox()
    qtbot.addWidget(combo)
    combo.addItem("—", None)
    for day in DAYS:
        combo.addItem(str(day), day)
    combo.addItem("one", 1)
    combo.addItem("flag", True)
    set_code(combo, dt.date(2026, 4, 8))  # a new object, equal to the third day
    assert combo.currentIndex() == 3
    assert find_data(combo, True) == 6  # not the item holding 1
    assert find_data(combo, 1) == 5
    assert find_data(combo, None) == 0
    assert find_data(combo, dt.date(2030, 1, 1)) == -1


def test_no_widget_uses_find_data_of_qt():
    """One home for finding a combo's item by its data (``ui.widgets.fields.find_data``)."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "ui"
    users = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if ".findData(" in path.read_text(encoding="utf-8")
    ]
    assert users == []
