"""A thin table model over a list of plain rows, described by its columns.

Every directory and workspace table (people, institutions, participants, travel, rooms)
is one of these: a column is a translatable header, a function giving the text shown, and
optionally a sort key (dates by date; text by ``crud.sort_key``: Č beside C, as a Latvian
reader expects). The model holds the
rows the services returned (detached objects) and is reset on reload.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from app.i18n import _
from app.services.crud import sort_key
from ui.models.visits_model import fold

R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2


@dataclass(frozen=True)
class Column(Generic[R]):
    header: str  # an English msgid marked with N_, translated when shown
    text: Callable[[R], str | None]
    sort: Callable[[R], Any] | None = None
    tooltip: Callable[[R], str | None] | None = None
    right: bool = False


class RowsModel(QAbstractTableModel, Generic[R]):
    """Rows of one kind, one column per ``Column``; ``ID_ROLE`` gives the row's id."""

    def __init__(self, columns: Sequence[Column[R]], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._rows: list[R] = []

    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[R]:
        return list(self._rows)

    def row_at(self, row: int) -> R:
        return self._rows[row]

    def row_of(self, row_id: int) -> int:
        """The position of the row with this id, or -1."""
        for number, row in enumerate(self._rows):
            if getattr(row, "id", None) == row_id:
                return number
        return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.columns)):
            return _(self.columns[section].header)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if not 0 <= index.column() < len(self.columns):
            return None
        row = self._rows[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row) or ""
        if role == Qt.ItemDataRole.ToolTipRole:
            return (column.tooltip or column.text)(row) or None
        if role == SORT_ROLE:
            if column.sort is not None:
                return column.sort(row)
            return "\x1f".join(sort_key(column.text(row)))
        if role == ID_ROLE:
            return getattr(row, "id", None)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class TextFilterProxy(QSortFilterProxyModel):
    """Sorts by ``SORT_ROLE``; keeps rows where a column contains the text (diacritics
    and case ignored, so "berzins" finds "Bērziņš")."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._needle = ""
        self.setSortRole(SORT_ROLE)

    def set_text(self, text: str) -> None:
        self._needle = fold(text.strip())
        self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._needle:
            return True
        model = self.sourceModel()
        for column in range(model.columnCount(source_parent)):
            value = model.data(model.index(source_row, column, source_parent))
            if value and self._needle in fold(str(value)):
                return True
        return False
