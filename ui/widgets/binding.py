"""Forms that save each field as soon as it is finished, through an undo command.

A ``Binder`` knows, for each field name, its widget, how to read and show its value, and
its label. When a field is finished (Enter, leaving it, a new choice), the change goes to
the service at once in its own transaction, as one undoable step. A refused value stays in
the widget with the reason shown under the form, so an entry is never lost; reloading the
row after someone else's change leaves alone the field the user is typing in.

Each save sends the version the row had when it was shown (``load``), so on a shared
database a colleague's change saved meanwhile is refused ("changed by someone else —
reload") instead of overwritten; undo and redo send the version the window's own last step
left (``Context.update_row``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QLineEdit,
    QPlainTextEdit,
    QTimeEdit,
    QWidget,
)

from ui.widgets.fields import ProblemLabel, describe, get_date, put_date, set_code

if TYPE_CHECKING:
    from ui.context import Context


class PlainText(QPlainTextEdit):
    """A multi-line field that says when the user leaves it (Qt's has no such signal)."""

    editingFinished = Signal()

    def focusOutEvent(self, event: Any) -> None:
        self.editingFinished.emit()
        super().focusOutEvent(event)


@dataclass
class Field:
    widget: QWidget
    label: str
    read: Callable[[], Any]
    show: Callable[[Any], None]


def _none_if_blank(text: str) -> str | None:
    return text if text.strip() else None


def line_field(widget: QLineEdit, label: str) -> Field:
    def show(value: Any) -> None:
        widget.setText("" if value is None else str(value))
        widget.setCursorPosition(0)  # a long title shows its beginning

    return Field(widget, label, lambda: _none_if_blank(widget.text()), show)


def text_field(widget: QPlainTextEdit, label: str) -> Field:
    return Field(
        widget,
        label,
        lambda: _none_if_blank(widget.toPlainText()),
        lambda value: widget.setPlainText(value or ""),
    )


def list_field(widget: QPlainTextEdit, label: str) -> Field:
    """One entry per line (topics)."""

    def read() -> list[str] | None:
        lines = [line.strip() for line in widget.toPlainText().splitlines() if line.strip()]
        return lines or None

    return Field(widget, label, read, lambda value: widget.setPlainText("\n".join(value or [])))


def combo_field(widget: QComboBox, label: str) -> Field:
    return Field(widget, label, widget.currentData, lambda value: set_code(widget, value))


def date_field(widget: QDateEdit, label: str) -> Field:
    return Field(widget, label, lambda: get_date(widget), lambda value: put_date(widget, value))


def ref_field(widget: Any, label: str) -> Field:
    """A ``RefPicker``: the id of the chosen row."""
    return Field(widget, label, widget.value, widget.set_value)


def check_field(widget: QCheckBox, label: str) -> Field:
    return Field(widget, label, widget.isChecked, lambda value: widget.setChecked(bool(value)))


def _signal(widget: QWidget) -> Any:
    if isinstance(widget, (QLineEdit, PlainText)):
        return widget.editingFinished
    if isinstance(widget, QComboBox):
        return widget.activated if widget.isEditable() else widget.currentIndexChanged
    if isinstance(widget, QTimeEdit):
        return widget.timeChanged
    if isinstance(widget, QDateEdit):
        return widget.dateChanged
    if isinstance(widget, QCheckBox):
        return widget.toggled
    return getattr(widget, "changed", None)  # a RefPicker


class Binder:
    """The fields of one form over one row at a time."""

    def __init__(
        self,
        context: Context,
        problem: ProblemLabel,
        what: str,
        update: Callable[[int, int | None, dict[str, Any]], Any],
    ) -> None:
        """``update(row_id, version, changes)`` calls the service's update and returns the
        saved row."""
        self.context = context
        self.problem = problem
        self.what = what  # "Change {field}" text for the undo menu names the field
        self.update = update
        self.fields: dict[str, Field] = {}
        self.values: dict[str, Any] = {}
        self.row_id: int | None = None
        self.version: int | None = None
        self.after_commit: Callable[[], None] | None = None

    def add(self, name: str, field: Field) -> None:
        self.fields[name] = field
        signal = _signal(field.widget)
        if signal is not None:
            signal.connect(lambda *_args, n=name: self.commit(n))

    def names(self) -> dict[str, str]:
        return {name: field.label for name, field in self.fields.items()}

    def load(self, row_id: int | None, values: dict[str, Any], version: int | None = None) -> None:
        """Show a row at ``version``; for the same row, the field being typed in keeps its
        text."""
        same = row_id == self.row_id
        self.row_id = row_id
        self.version = version
        for name, field in self.fields.items():
            value = values.get(name)
            if same and field.widget.hasFocus() and self.values.get(name) == value:
                continue
            self.values[name] = value
            field.widget.blockSignals(True)
            field.show(value)
            field.widget.blockSignals(False)
        if not same:
            self.problem.clear_problem()
        for field in self.fields.values():
            field.widget.setEnabled(row_id is not None)

    def commit(
        self, *names: str, extra: dict[str, Any] | None = None, label: str | None = None
    ) -> bool:
        """Save the named fields (with ``extra`` values); False when the service refused."""
        if self.row_id is None:
            return False
        after = {name: self.fields[name].read() for name in names}
        after.update(extra or {})
        before = {name: self.values.get(name) for name in after}
        if before == after:
            return True
        row_id = self.row_id
        if label is None:
            label = ", ".join(self.fields[n].label for n in names if n in self.fields)
        from ui.widgets.messages import refused

        def save(version: int | None, changes: dict[str, Any]) -> Any:
            return self.saved(row_id, self.update(row_id, version, changes))

        try:
            self.context.update_row(
                self.what.format(field=label), save, self.version, before, after, what=label
            )
        except refused() as problem:
            self.problem.show_problem(describe(problem, self.names()))
            return False
        self.values.update(after)
        self.problem.clear_problem()
        if self.after_commit is not None:
            self.after_commit()
        return True

    def saved(self, row_id: int, row: Any) -> Any:
        """Note the version a save of this form's row left it at (before any reload)."""
        if row_id == self.row_id and isinstance(getattr(row, "version", None), int):
            self.version = row.version
        return row


def qtime(value: Any) -> QTime:
    return QTime(value.hour, value.minute)
