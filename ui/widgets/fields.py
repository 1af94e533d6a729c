"""Small editors the forms share: vocabulary combos, time-zone picker, optional dates,
and a message line under a field for inline validation.

A code stays in the combo's item data and the user sees its translated word, so the
database keeps ``confirmed`` while the window says "Apstiprināts".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from functools import cache
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QDateEdit, QLabel, QWidget

from app.i18n import _

NO_DATE = QDate(2000, 1, 1)


def code_combo(
    codes: Iterable[str],
    label: Callable[[str], str],
    *,
    empty: str | None = None,
    parent: QWidget | None = None,
) -> QComboBox:
    """A combo of codes shown by their words; ``empty`` adds a first "none" entry."""
    combo = QComboBox(parent)
    if empty is not None:
        combo.addItem(empty, None)
    for code in codes:
        combo.addItem(label(code), code)
    return combo


def find_data(combo: QComboBox, value: Any) -> int:
    """The index of the first item whose data equals ``value``, or -1.

    ``QComboBox.findData`` compares Python objects other than int and str by identity in
    PySide6 6.12: a fresh ``date(2027, 4, 8)`` never matches the one stored, so a day box
    fell back to the first day. Comparing here with ``==`` holds for every type.
    """
    for index in range(combo.count()):
        data = combo.itemData(index)
        if isinstance(data, bool) != isinstance(value, bool):
            continue  # True == 1 in Python; a flag is not an id
        if data == value:
            return index
    return -1


def set_code(combo: QComboBox, code: Any) -> None:
    """Choose the item whose data is ``code`` (the first item when none has it)."""
    combo.setCurrentIndex(max(find_data(combo, code), 0))


@cache
def zone_names() -> list[str]:
    from zoneinfo import available_timezones

    return sorted(z for z in available_timezones() if "/" in z and not z.startswith("Etc/"))


def zone_combo(parent: QWidget | None = None) -> QComboBox:
    """An editable combo of IANA zones with completion (type "oslo" to find Europe/Oslo)."""
    combo = QComboBox(parent)
    combo.setEditable(True)
    combo.addItems(zone_names())
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    completer = QCompleter(zone_names(), combo)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    combo.setCompleter(completer)
    return combo


def date_edit(*, optional: bool = False, parent: QWidget | None = None) -> QDateEdit:
    """A date with a calendar, written as the window writes dates (``dd.MM.yyyy`` in
    Latvian), that takes a whole date typed over it; an optional one shows "—" at its
    lowest value (no date). It says it changed when the typing is finished (Enter, or
    leaving it), not at every digit: a form saves it once."""
    from ui.widgets.date_time_edits import DateEdit, date_format

    edit = DateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(date_format())
    edit.setKeyboardTracking(False)
    if optional:
        edit.setMinimumDate(NO_DATE)
        edit.setSpecialValueText("—")
        edit.setDate(NO_DATE)
    return edit


def get_date(edit: QDateEdit) -> dt.date | None:
    qdate = edit.date()
    if edit.specialValueText() and qdate == edit.minimumDate():
        return None
    return dt.date(qdate.year(), qdate.month(), qdate.day())


def put_date(edit: QDateEdit, value: dt.date | None) -> None:
    edit.blockSignals(True)
    if value is None:
        edit.setDate(edit.minimumDate())
    else:
        edit.setDate(QDate(value.year, value.month, value.day))
    edit.blockSignals(False)


class ProblemLabel(QLabel):
    """A red line under a form: what is wrong with the entry, until it is fixed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        from ui.icons import tint

        tint(self, "error")
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_problem(self, text: str) -> None:
        self.setText(text)
        self.setAccessibleName(_("Problem"))
        self.setVisible(bool(text))
        if text:
            self._make_room()

    def _make_room(self) -> None:
        """A dialog grows down when the message needs more lines than its place has: Qt
        does not grow a window for a wrapped label's height, and the end was cut off."""
        from PySide6.QtWidgets import QDialog

        window = self.window()
        layout = window.layout() if isinstance(window, QDialog) else None
        if layout is None or not layout.hasHeightForWidth():
            return
        layout.activate()
        need = layout.totalHeightForWidth(window.width())
        if need > window.height():
            window.resize(window.width(), need)

    def clear_problem(self) -> None:
        self.show_problem("")


def tell_refusals(form: QWidget, problem: ProblemLabel) -> None:
    """Show under ``form`` why a date or time typed into one of its fields was not taken
    (31.02.2027, 25:00): the field went back to its value, and the sentence stays in the
    form's problem line, not only in the field's passing tool tip."""
    from ui.widgets.date_time_edits import DateEdit, DateTimeEdit, TimeEdit

    for kind in (DateEdit, TimeEdit, DateTimeEdit):
        for edit in form.findChildren(kind):
            edit.refused.connect(problem.show_problem)


def problem_slot(problem: ProblemLabel, lines: int = 2) -> QWidget:
    """A place kept for ``problem``, ``lines`` of text high whether a problem shows or not:
    showing one must not grow a dialog and move its OK button from under the pointer, nor
    push a form down while the user types (a longer message may still take more room)."""
    from PySide6.QtWidgets import QHBoxLayout

    slot = QWidget()
    layout = QHBoxLayout(slot)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(problem)
    problem.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    # a strut, not a minimum height: a message of more lines still gets its height
    layout.addStrut(problem.fontMetrics().lineSpacing() * lines)
    return slot


def describe(problem: Exception, names: dict[str, str]) -> str:
    """A refused entry as a sentence naming the field as the form labels it.

    ``Invalid`` carries the field's path (``ends``); the form knows it as "Ends".
    """
    from app.domain.validation import Invalid

    if isinstance(problem, Invalid) and problem.path:
        head = problem.path.split(".")[0].split("[")[0]
        name = names.get(head)
        if name:
            return f"{name}: {problem.message}"
        return str(problem)
    return str(problem)


def first_field(form: Any) -> QWidget | None:
    """The first enabled field of a ``QFormLayout`` that takes the keyboard: where a dialog
    opens, so typing goes into the form and Enter does not submit it untouched."""
    from PySide6.QtWidgets import QFormLayout

    for row in range(form.rowCount()):
        item = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
        if item is None:
            item = form.itemAt(row, QFormLayout.ItemRole.SpanningRole)
        if item is None:
            continue
        widgets = [item.widget()] if item.widget() is not None else []
        layout = item.layout()
        if layout is not None:
            widgets += [layout.itemAt(i).widget() for i in range(layout.count())]
        for widget in widgets:
            if (
                widget is not None
                and widget.isEnabled()
                and not widget.isHidden()
                and widget.focusPolicy() != Qt.FocusPolicy.NoFocus
            ):
                return widget
            proxy = widget.focusProxy() if widget is not None else None
            if proxy is not None and proxy.isEnabled():
                return proxy
    return None
