"""A list of rows with Add, Edit and Delete buttons above it: the panel every table of the
window that is edited in dialogs is made of (budget lines, exchange rates, funding sources,
travel, stays, rooms).

The panel only lays out and wires: the row of buttons (and whatever else the page puts
beside them), a read-only table over a ``RowsModel`` (``ui.widgets.views``: one look, and
double-click, Enter, F2 and Delete on the table), and the chosen row. What Add, Edit and
Delete do is the page's: each is an undoable command through ``ui.context``, and Delete
asks first there.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.models.rows_model import Column, RowsModel
from ui.widgets.views import edit_keys, read_only_table

Action = tuple[str, Callable[[], Any]]  # a button's text (with its mnemonic) and its slot


def button_row(
    *widgets: QWidget, tail: QWidget | None = None, right: Sequence[QWidget] = ()
) -> QHBoxLayout:
    """``widgets`` side by side from the left; then ``tail`` taking the rest of the width
    (a status line, cut rather than widening the window), or empty space; then ``right``
    at the right end (undo and redo)."""
    row = QHBoxLayout()
    for widget in widgets:
        row.addWidget(widget)
    if tail is None:
        row.addStretch(1)
    else:
        row.addWidget(tail, 1)
    for widget in right:
        row.addWidget(widget)
    return row


def titled(title: str, content: QWidget) -> QGroupBox:
    """``content`` in a group box named ``title`` (a panel among others on a page)."""
    box = QGroupBox(title)
    QVBoxLayout(box).addWidget(content)
    return box


class ListPanel(QWidget):
    """``columns`` of rows in a table named ``name`` (for screen readers), under a row of
    Add, Edit and Delete buttons, then ``extras`` (more buttons, a progress bar),
    ``tail`` and ``right`` (see ``button_row``).

    ``add``, ``edit`` and ``delete`` are each a button text and what it calls; Edit and
    Delete act on the chosen row (``current``), the keys on the table call them too.
    The panel has no margins of its own, so it sits in a group box or a page as its
    buttons and table did.
    """

    def __init__(
        self,
        columns: Sequence[Column[Any]],
        name: str,
        *,
        add: Action,
        edit: Action,
        delete: Action,
        extras: Sequence[QWidget] = (),
        tail: QWidget | None = None,
        right: Sequence[QWidget] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.model: RowsModel[Any] = RowsModel(columns, self)
        self.table: QTableView = read_only_table(self.model, name)
        self.add_button, self.edit_button, self.delete_button = (
            self._button(text, slot) for text, slot in (add, edit, delete)
        )
        edit_keys(self.table, edit[1], delete[1])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(
            button_row(
                self.add_button,
                self.edit_button,
                self.delete_button,
                *extras,
                tail=tail,
                right=right,
            )
        )
        layout.addWidget(self.table)

    @staticmethod
    def _button(text: str, slot: Callable[[], Any]) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(lambda: slot())  # not slot(checked): add(exec_dialog=False)
        return button

    def current(self) -> Any:
        """The chosen row, or None."""
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.model.set_rows(rows)
