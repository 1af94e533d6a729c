"""A reference to a directory row (organiser, coordinator, host): its name, "Choose…" and
a clear button.

A combo of every person or institution is unusable with 50,000 people and costs a second
to fill on every reload; this shows one name and opens a searchable list only when asked.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QToolButton, QWidget

from app.i18n import _

Choose = Callable[[QWidget], "tuple[int, str] | None"]


class RefPicker(QWidget):
    changed = Signal()
    choosing = Signal()  # the list is about to open (what depends on the choice may prepare)

    def __init__(
        self, choose: Choose, name_of: Callable[[int], str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._choose = choose
        self._name_of = name_of
        self._value: int | None = None
        self.display = QLineEdit()
        self.display.setReadOnly(True)
        self.display.setPlaceholderText("—")
        self.choose_button = QToolButton()
        self.choose_button.setText("…")
        self.choose_button.setToolTip(_("Choose…"))
        self.choose_button.setAccessibleName(_("Choose…"))
        self.clear_button = QToolButton()
        self.clear_button.setText("×")
        self.clear_button.setToolTip(_("Clear"))
        self.clear_button.setAccessibleName(_("Clear"))
        self.choose_button.clicked.connect(self.choose)
        self.clear_button.clicked.connect(lambda: self.pick(None, ""))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.display, 1)
        layout.addWidget(self.choose_button)
        layout.addWidget(self.clear_button)
        self.setFocusProxy(self.choose_button)

    def value(self) -> int | None:
        return self._value

    def set_value(self, value: int | None) -> None:
        """Show a stored reference (no signal)."""
        self._value = value
        self.display.setText(self._name_of(value) if value is not None else "")
        self.display.setCursorPosition(0)

    def pick(self, value: int | None, text: str) -> None:
        """The user's choice: shown, then announced so the form saves it."""
        if value == self._value:
            return
        self._value = value
        self.display.setText(text)
        self.display.setCursorPosition(0)
        self.changed.emit()

    def choose(self) -> None:
        self.choosing.emit()
        chosen = self._choose(self)
        if chosen is not None:
            self.pick(*chosen)
