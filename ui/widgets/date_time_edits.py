"""Date and time fields that take a whole value typed over their text.

Qt's date and time edits type section by section: a section that is full moves on to the
next one by itself, and a separator typed after it moves on once more, so "2027-05-07"
typed over a selected date skipped the month (2027→2026 stayed, 05 went to the day); a day
typed before its month is cut to the month shown (31 in April became 30); and text typed
over a whole selection went into the section under the cursor (16:30 became 19:30). Here
typing over the selection starts at the first section, a separator after a section that
moved on by itself is taken as said already, and a complete value typed in one go
("31.12.2027", "7.5.2027", "07052027", "16:30") is read whole when its last part is in.

A complete value that cannot be (31.02.2027, 25:00, 12:75, a month 25 when the English
window's month comes first, a year before the field's first) is refused: Qt had quietly
made it another value (28.02.2027, 02:00, 12:07, 14.09.1752) and the form saved that. The
field goes back to what it held before the typing, its text is chosen for typing again,
and one sentence says why (``refused``, also shown as the field's tool tip). Letters are
refused the same way: the field takes digits only.

Dates are shown as the interface language writes them in short (``dd.MM.yyyy`` in
Latvian), with a four-digit year: ``app.i18n.date_pattern``, the rule the app layer's
messages follow too (re-exported here as ``date_format``, with ``date_text``).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, QDateTime, QPoint, QTime, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDateEdit, QDateTimeEdit, QTimeEdit, QToolTip

from app.domain.typed_dates import read_typed as read_typed
from app.i18n import _, date_pattern, pattern_name
from app.i18n import date_text as date_text

date_format = date_pattern  # the name the window's date fields ask for


class _WholeTyping:
    """The typing rules above, for any ``QDateTimeEdit`` (mixed in before it)."""

    _advanced = False  # the last digit moved on to the next section by itself
    _typed: str | None = None  # what was typed since typing started over the selection
    _before: QDateTime | None = None  # the value when that typing started

    def _starts_over(self) -> bool:
        edit: Any = self
        line = edit.lineEdit()
        if not line.hasSelectedText():
            return False
        selected = line.selectedText()
        section = edit.sectionText(edit.currentSection())
        return len(selected) > len(section) or (
            edit.currentSectionIndex() == 0 and selected == section
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:
        edit: Any = self
        text = event.text()
        printable = len(text) == 1 and text.isprintable()
        if not printable:
            self._typed, self._advanced = None, False
            super().keyPressEvent(event)  # type: ignore[misc]
            return
        if text.isalpha():
            event.accept()
            self._refuse(
                _("The field takes digits only, written {format}; it is left as it was.").format(
                    format=pattern_name(edit.displayFormat())
                ),
                restore=False,
            )
            return
        if self._starts_over():
            first = edit.sectionAt(0)
            edit.setCurrentSection(first)
            edit.setSelectedSection(first)
            self._typed, self._advanced = "", False
            self._before = edit.dateTime()
        if self._typed is not None:
            self._typed += text
        if not text.isalnum() and self._advanced:
            self._advanced = False  # "16" moved on to the minutes; ":" says it again
            event.accept()
        else:
            before = edit.currentSectionIndex()
            super().keyPressEvent(event)  # type: ignore[misc]
            self._advanced = text.isdigit() and edit.currentSectionIndex() != before
        if self._typed:
            self._take_whole(self._typed)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        edit: Any = self
        self._said: QDateTime | None = None  # the value last said (changed signals)
        edit.dateTimeChanged.connect(self._note_said)

    def _note_said(self, value: QDateTime) -> None:
        self._said = value

    def focusInEvent(self, event: Any) -> None:
        self._said = self.dateTime()  # type: ignore[attr-defined]
        super().focusInEvent(event)  # type: ignore[misc]

    def focusOutEvent(self, event: Any) -> None:
        """Leaving the field finishes the typing: the value is said if it changed (Qt's
        edit, not tracking the keyboard, kept quiet about a value typed over it)."""
        edit: Any = self
        self._typed, self._advanced = None, False
        super().focusOutEvent(event)  # type: ignore[misc]
        value = edit.dateTime()
        if not edit.keyboardTracking() and self._said is not None and value != self._said:
            self._said = value
            edit.dateTimeChanged.emit(value)
            edit.dateChanged.emit(value.date())
            edit.timeChanged.emit(value.time())

    def _take_whole(self, typed: str) -> None:
        edit: Any = self
        fields = read_typed(typed, edit.displayFormat())
        if fields is None:
            return
        shown: QDateTime = edit.dateTime()
        day = QDate(
            fields.get("year", shown.date().year()),
            fields.get("month", shown.date().month()),
            fields.get("day", shown.date().day()),
        )
        time = QTime(
            fields.get("hour", shown.time().hour()), fields.get("minute", shown.time().minute())
        )
        value = QDateTime(day, time)
        if not day.isValid() or not time.isValid():
            self._refuse(self._impossible(typed))
            return
        if value == shown:
            return
        if not edit.minimumDateTime() <= value <= edit.maximumDateTime():
            self._refuse(
                _("{typed} is outside what this field takes; it is left as it was.").format(
                    typed=typed
                )
            )
            return
        quiet = not edit.keyboardTracking()  # it says so when the typing is finished
        edit.blockSignals(quiet)
        edit.setDateTime(value)
        edit.blockSignals(False)
        edit.lineEdit().setCursorPosition(len(edit.lineEdit().text()))

    def _impossible(self, typed: str) -> str:
        edit: Any = self
        sections = edit.displayedSections()
        has_date = bool(sections & edit.Section.DateSections_Mask)
        has_time = bool(sections & edit.Section.TimeSections_Mask)
        # the field's own order is named: a day-first 25/03/2027 in the English window's
        # month-first field is refused, and the user sees why
        if has_date and has_time:
            message = _(
                "{typed} is not a real date and time ({format}); the field is left as it was."
            )
        elif has_time:
            message = _("{typed} is not a real time ({format}); the field is left as it was.")
        else:
            message = _("{typed} is not a real date ({format}); the field is left as it was.")
        return message.format(typed=typed, format=pattern_name(edit.displayFormat()))

    def _refuse(self, text: str, *, restore: bool = True) -> None:
        """Go back to the value held before the typing and say why, once."""
        edit: Any = self
        if restore and self._before is not None:
            # Set even when equal: the text may show an unfinished impossible value
            # (31.02.2027) that Qt would otherwise fix up into another date on leaving.
            quiet = not edit.keyboardTracking()  # it says so when the typing is finished
            edit.blockSignals(quiet)
            edit.setDateTime(self._before)
            edit.blockSignals(False)
        self._typed, self._advanced = None, False
        edit.lineEdit().selectAll()  # the next key types the value over again
        edit.setToolTip(text)
        QToolTip.showText(edit.mapToGlobal(QPoint(0, edit.height())), text, edit)
        edit.refused.emit(text)


class TimeEdit(_WholeTyping, QTimeEdit):
    """A time field (``HH:mm``) that takes a time typed over it."""

    refused = Signal(str)  # why a typed time was not taken


class DateEdit(_WholeTyping, QDateEdit):
    """A date field in the interface language's short form that takes a typed date."""

    refused = Signal(str)  # why a typed date was not taken


class DateTimeEdit(_WholeTyping, QDateTimeEdit):
    """A date and time field (short date, ``HH:mm``) that takes a typed value."""

    refused = Signal(str)  # why a typed value was not taken
