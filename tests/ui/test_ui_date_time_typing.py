"""A whole date or time typed over a selected field is the value the user typed.

Seen in the window: 2027 typed over a selected date stayed 2026, 16:30 became 19:30, and
date fields showed ISO dates while the rest of the window wrote them in Latvian.
"""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, QDateTime, Qt, QTime

from app.i18n import set_language
from app.services.programme import list_programme
from ui.widgets.date_time_edits import DateEdit, DateTimeEdit, TimeEdit, date_format, read_typed
from ui.widgets.fields import date_edit, get_date


def shown(qtbot, widget):
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)
    return widget


def type_over(qtbot, widget, text: str) -> None:
    """Select the whole text (as a mouse drag or Ctrl+A does) and type."""
    widget.lineEdit().selectAll()
    qtbot.keyClicks(widget, text)


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("16:30", QTime(16, 30)),
        ("1630", QTime(16, 30)),
        ("7:05", QTime(7, 5)),
        ("0745", QTime(7, 45)),
        ("23:59", QTime(23, 59)),
        ("00:00", QTime(0, 0)),
    ],
)
def test_a_time_typed_over_the_field(qtbot, typed, expected):
    edit = shown(qtbot, TimeEdit())
    edit.setDisplayFormat("HH:mm")
    edit.setTime(QTime(9, 0))
    type_over(qtbot, edit, typed)
    assert edit.time() == expected


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("07.05.2027", QDate(2027, 5, 7)),
        ("7.5.2027", QDate(2027, 5, 7)),
        ("07052027", QDate(2027, 5, 7)),
        ("31.12.2027", QDate(2027, 12, 31)),
        ("1.1.2028", QDate(2028, 1, 1)),
        ("29.02.2028", QDate(2028, 2, 29)),
        ("31-01-2027", QDate(2027, 1, 31)),
    ],
)
def test_a_latvian_date_typed_over_the_field(qtbot, typed, expected):
    edit = shown(qtbot, DateEdit())
    edit.setDisplayFormat("dd.MM.yyyy")
    edit.setDate(QDate(2026, 4, 6))  # April: 30 days, as when 31 was cut to 30
    type_over(qtbot, edit, typed)
    assert edit.date() == expected


def test_typing_after_tab_into_the_field_takes_the_whole_date_too(qtbot):
    edit = shown(qtbot, DateEdit())
    edit.setDisplayFormat("dd.MM.yyyy")
    edit.setDate(QDate(2026, 4, 6))
    edit.setSelectedSection(edit.sectionAt(0))  # what Tab leaves: the day chosen
    qtbot.keyClicks(edit, "31.12.2027")
    assert edit.date() == QDate(2027, 12, 31)


def test_a_date_and_time_typed_over_the_field(qtbot):
    edit = shown(qtbot, DateTimeEdit())
    edit.setDisplayFormat("dd.MM.yyyy HH:mm")
    edit.setDateTime(QDateTime(QDate(2026, 4, 6), QTime(9, 0)))
    for typed, expected in (
        ("07.05.2027 16:30", (2027, 5, 7, 16, 30)),
        ("7.5.2027 9:05", (2027, 5, 7, 9, 5)),
        ("310120271845", (2027, 1, 31, 18, 45)),
    ):
        type_over(qtbot, edit, typed)
        assert edit.dateTime().toPython() == dt.datetime(*expected)


def test_dates_are_written_as_the_window_writes_them():
    assert date_format("lv") == "dd.MM.yyyy"
    assert date_format("en") == "MM/dd/yyyy"
    set_language("lv")
    assert date_edit().displayFormat() == "dd.MM.yyyy"
    edit = date_edit()
    edit.setDate(QDate(2027, 4, 6))
    assert edit.text() == "06.04.2027"


def test_an_optional_date_typed_over_its_dash(qtbot):
    set_language("lv")
    edit = shown(qtbot, date_edit(optional=True))
    assert edit.text() == "—"
    type_over(qtbot, edit, "06.04.2027")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert get_date(edit) == dt.date(2027, 4, 6)


@pytest.mark.parametrize(
    "typed, expected", [("15.05.2027", QDate(2027, 5, 15)), ("31.12.2027", QDate(2027, 12, 31))]
)
@pytest.mark.parametrize("finish", ["enter", "leave"])
def test_a_typed_date_is_said_once_when_finished(qtbot, typed, expected, finish):
    """A form saves a date when it changes: once, not at every digit typed."""
    edit = shown(qtbot, date_edit())
    edit.setDisplayFormat("dd.MM.yyyy")
    edit.setDate(QDate(2026, 4, 6))
    said: list[QDate] = []
    edit.dateChanged.connect(said.append)
    type_over(qtbot, edit, typed)
    assert said == []
    if finish == "enter":
        qtbot.keyClick(edit, Qt.Key.Key_Return)
    else:
        edit.clearFocus()
    assert said == [expected]


def test_an_incomplete_value_is_not_read_early():
    assert read_typed("16:3", "HH:mm") is None
    assert read_typed("7.5.202", "dd.MM.yyyy") is None
    assert read_typed("0705202", "dd.MM.yyyy") is None
    assert read_typed("7.5.2027", "dd.MM.yyyy") == {"day": 7, "month": 5, "year": 2027}


def test_start_and_end_typed_in_the_programme_form_on_the_third_day(qtbot, db, visit):
    from tests.ui.test_ui_programme_days import DAYS, add_item_on, open_programme

    window, tab = open_programme(qtbot, db, visit)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    item_id = add_item_on(tab, DAYS[2], "Tikšanās Trondelāgas reģionā")
    tab.select_item(item_id)
    for widget, typed in ((tab.form.starts, "16:30"), (tab.form.ends, "18:45")):
        widget.setFocus()
        qtbot.waitUntil(widget.hasFocus)
        type_over(qtbot, widget, typed)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    item = {i.id: i for i in list_programme(db, visit.id)}[item_id]
    assert (item.starts, item.ends) == (
        dt.datetime(2026, 4, 8, 16, 30),
        dt.datetime(2026, 4, 8, 18, 45),
    )
