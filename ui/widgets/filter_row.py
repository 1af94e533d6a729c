"""A row of filters above a list: each field after its caption, the caption's mnemonic
moving to the field (Alt+P → the Project filter), as the Archive, Statistics and
Follow-ups sections lay them out."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget


class FilterRow(QWidget):
    """Fields in a row, left to right, each after its caption; no margins of its own, so it
    lines up with the list below it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)

    def add(self, caption: str, field: QWidget, stretch: int = 0) -> QLabel:
        """``field`` after ``caption`` (with its mnemonic), taking ``stretch`` of the width."""
        label = QLabel(caption)
        label.setBuddy(field)
        self.row.addWidget(label)
        self.row.addWidget(field, stretch)
        return label

    def add_widget(self, widget: QWidget, stretch: int = 0) -> None:
        """A field without a caption, or a button (Export…)."""
        self.row.addWidget(widget, stretch)

    def add_stretch(self) -> None:
        """Empty space: what follows sits at the right end."""
        self.row.addStretch(1)
