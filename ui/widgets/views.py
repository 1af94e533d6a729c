"""What every read-only list of the window shares: its look, and its edit and delete keys.

The tables are lists of rows edited in forms and dialogs: one row chosen at a time, no
editing in the cells, alternating rows; double-click, Enter and F2 edit the chosen row and
Delete deletes it (asking first) — on the view only, so Enter in a form keeps its meaning.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QSize, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QScrollArea,
    QTableView,
    QWidget,
)


def read_only_table(model: QAbstractItemModel, name: str) -> QTableView:
    """A table of ``model``'s rows, chosen one at a time, named ``name`` for screen readers."""
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.horizontalHeader().setStretchLastSection(True)
    table.setAccessibleName(name)
    uniform_rows(table)
    return table


def uniform_rows(table: QTableView) -> None:
    """One row height for every list of the window: a line of text with room around it,
    fixed, so rows do not vary with their content (every table built elsewhere calls this
    too)."""
    rows = table.verticalHeader()
    rows.hide()
    rows.setMinimumSectionSize(1)
    rows.setDefaultSectionSize(table.fontMetrics().height() + 10)
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)


def edit_keys(view: QAbstractItemView, edit: Callable[[], Any], delete: Callable[[], Any]) -> None:
    """Double-click, Enter and F2 call ``edit``; Delete calls ``delete`` (which asks);
    none of them in a read-only window (``ui.read_only``)."""
    from ui.read_only import guarded

    edit, delete = guarded(view, edit), guarded(view, delete)
    # An item widget (list, tree) says which item; a plain view which index. A real
    # double-click sends both, so only one is heard.
    clicked = getattr(view, "itemDoubleClicked", None) or view.doubleClicked
    clicked.connect(lambda *_a: edit())
    for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2):
        QShortcut(
            QKeySequence(key),
            view,
            activated=lambda: edit(),
            context=Qt.ShortcutContext.WidgetShortcut,
        )
    QShortcut(
        QKeySequence(QKeySequence.StandardKey.Delete),
        view,
        activated=lambda: delete(),
        context=Qt.ShortcutContext.WidgetShortcut,
    )


def down_to(search: QWidget, view: QAbstractItemView) -> None:
    """Down (or Page Down) in a search box moves to the list it narrows, on its chosen row
    or the first: Ctrl+F, type, Down, Enter opens what was found."""

    def go() -> None:
        model = view.model()
        if model is None or model.rowCount() == 0:
            return
        chosen = view.selectionModel()
        if not view.currentIndex().isValid() or (chosen is not None and not chosen.hasSelection()):
            view.setCurrentIndex(model.index(0, 0))  # chooses the whole first row
        view.setFocus()

    for key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown):
        QShortcut(
            QKeySequence(key), search, activated=go, context=Qt.ShortcutContext.WidgetShortcut
        )


class FormScroll(QScrollArea):
    """A form that scrolls up and down, never sideways, and is never narrower than the
    form: its fields no longer set the window's least height (a person's fields asked
    750 px in Latvian), and a splitter beside it cannot squeeze it to a sliver."""

    def __init__(self, form: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWidget(form)

    def _extra(self) -> int:
        return self.verticalScrollBar().sizeHint().width() + 2 * self.frameWidth()

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        form = self.widget()
        width = form.minimumSizeHint().width() + self._extra() if form is not None else 0
        return QSize(max(hint.width(), width), hint.height())

    def sizeHint(self) -> QSize:
        form = self.widget()
        if form is None:
            return super().sizeHint()
        wanted = form.sizeHint()
        return QSize(wanted.width() + self._extra(), wanted.height())
