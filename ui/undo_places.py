"""Where an edit was made, so that its undo and redo can show it.

Every step on the window's undo stack keeps a ``Place``: the section, the open visit and
its tab, and the rows chosen in that page's lists and tables at the time. Undoing the step
shows that page with those rows chosen again, so an undo never changes something out of
sight. Rows are found by the id their model gives (``ID_ROLE`` of the window's models, or
``UserRole`` of the simple list widgets); a row deleted since is simply not chosen.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QWidget

# The roles that hold a row's id: the window's models (ui.models.*.ID_ROLE) and the list
# and tree widgets that keep the id under UserRole.
ID_ROLES = (Qt.ItemDataRole.UserRole + 2, Qt.ItemDataRole.UserRole)


@dataclass(frozen=True)
class Place:
    section: str
    visit_id: int | None = None
    tab: str | None = None
    rows: tuple[tuple[int, int, int], ...] = ()  # (view number, id role, row id)


def _views(page: QWidget) -> list[QAbstractItemView]:
    """The page's lists, tables and trees in the order they were made (a stable number)."""
    return page.findChildren(QAbstractItemView)


def _row_id(index: QModelIndex) -> tuple[int, int] | None:
    first = index.siblingAtColumn(0)
    for role in ID_ROLES:
        value = first.data(role)
        if isinstance(value, int) and not isinstance(value, bool):
            return int(role), value
    return None


def chosen_rows(page: QWidget | None) -> tuple[tuple[int, int, int], ...]:
    """The id of the current row of every list on ``page`` that has one."""
    if page is None:
        return ()
    rows = []
    for number, view in enumerate(_views(page)):
        if view.model() is None or view.selectionModel() is None:
            continue
        index = view.currentIndex()
        found = _row_id(index) if index.isValid() else None
        if found is not None:
            rows.append((number, *found))
    return tuple(rows)


def choose_rows(page: QWidget | None, rows: tuple[tuple[int, int, int], ...]) -> None:
    """Choose again the rows ``chosen_rows`` noted (those that still exist), in view."""
    if page is None:
        return
    views = _views(page)
    for number, role, row_id in rows:
        if number >= len(views):
            continue
        view = views[number]
        model = view.model()
        if model is None or view.selectionModel() is None or model.rowCount() == 0:
            continue
        found = model.match(
            model.index(0, 0),
            role,
            row_id,
            1,
            Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive,
        )
        if not found:
            continue
        index: Any = found[0]
        if view.currentIndex().siblingAtColumn(0) != index.siblingAtColumn(0):
            view.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        view.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
