"""A thin table model over a list of plain rows, described by its columns.

Every directory and workspace table (people, institutions, participants, travel, rooms)
is one of these: a column is a translatable header, a function giving the text shown, and
optionally a sort key (dates by date; text in Latvian alphabetical order,
``app.domain.text.sort_key``). The model holds the rows the services returned (detached objects) and is reset on reload.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from app.domain.text import fold, sort_key
from app.i18n import _

R = TypeVar("R")


Index = QModelIndex | QPersistentModelIndex

ID_ROLE = Qt.ItemDataRole.UserRole + 2


@dataclass(frozen=True)
class Column(Generic[R]):
    header: str  # an English msgid marked with N_, translated when shown
    text: Callable[[R], str | None]
    sort: Callable[[R], Any] | None = None
    tooltip: Callable[[R], str | None] | None = None
    right: bool = False


class RowsModel(QAbstractTableModel, Generic[R]):
    """Rows of one kind, one column per ``Column``; ``ID_ROLE`` gives the row's id.

    The model narrows (``set_text``) and sorts (``sort``) itself over cached keys: a
    ``QSortFilterProxyModel`` over 50,000 people called ``data()`` for every comparison and
    took over a minute to sort; this takes a fraction of a second.
    """

    def __init__(
        self,
        columns: Sequence[Column[R]],
        parent: Any = None,
        search: Callable[[R], str] | None = None,
    ) -> None:
        """``search`` gives more text a row is found by than its columns show (an
        organisation's English name and abbreviation), already folded."""
        super().__init__(parent)
        self.columns = list(columns)
        self._search = search
        self._all: list[R] = []
        self._rows: list[R] = []
        self._keys: dict[tuple[int, int], Any] = {}
        self._haystacks: dict[int, str] = {}
        self._needle = ""
        self._words: list[str] = []
        self._sort: tuple[int, Qt.SortOrder] | None = None

    def set_rows(self, rows: Sequence[R]) -> None:
        self._all = list(rows)
        self._keys.clear()
        self._haystacks.clear()
        self._refresh()

    def set_text(self, text: str) -> None:
        """Keep the rows where each typed word is in a column (case and diacritics ignored,
        so "berzins janis" finds "Jānis Bērziņš")."""
        self._needle = fold(text.strip())
        self._words = self._needle.split()
        self._refresh()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if 0 <= column < len(self.columns):
            self._sort = (column, order)
            self._refresh()

    def _haystack(self, number: int) -> str:
        found = self._haystacks.get(number)
        if found is None:
            row = self._all[number]
            found = "\x1f".join(fold(c.text(row) or "") for c in self.columns)
            if self._search is not None:
                found += "\x1f" + self._search(row)
            self._haystacks[number] = found
        return found

    def _key(self, number: int, column: int) -> Any:
        key = self._keys.get((number, column))
        if key is None:
            spec = self.columns[column]
            row = self._all[number]
            key = spec.sort(row) if spec.sort is not None else sort_key(spec.text(row))
            self._keys[(number, column)] = key
        return key

    def _refresh(self) -> None:
        self.beginResetModel()
        words = self._words
        numbers = [
            n
            for n in range(len(self._all))
            if not words or all(w in self._haystack(n) for w in words)
        ]
        if self._sort is not None:
            column, order = self._sort
            numbers.sort(
                key=lambda n: self._key(n, column), reverse=order == Qt.SortOrder.DescendingOrder
            )
        self._rows = [self._all[n] for n in numbers]
        self.endResetModel()

    def rows(self) -> list[R]:
        return list(self._all)

    def total(self) -> int:
        return len(self._all)

    def row_at(self, row: int) -> R:
        return self._rows[row]

    def row_of(self, row_id: int) -> int:
        """The position of the row with this id among those shown, or -1."""
        for number, row in enumerate(self._rows):
            if getattr(row, "id", None) == row_id:
                return number
        return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.columns)
        ):
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
        if role == ID_ROLE:
            return getattr(row, "id", None)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
