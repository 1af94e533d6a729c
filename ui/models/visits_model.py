"""The visit list of the main window: a table model over ``list_visits`` and its filter.

The model holds plain ``VisitSummary`` rows (no session, no lazy loading); the window
reloads it after a change. Sorting uses ``SORT_ROLE`` so that dates sort by date and
counts by number whatever the display format; the filter ignores case and Latvian
diacritics, so "riga" finds "Rīga" (coordinators often type without them).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from app import labels
from app.i18n import _, format_date
from app.services.visits import VisitSummary

COL_CODE = 0
COL_TITLE = 1
COL_KIND = 2
COL_STATUS = 3
COL_START = 4
COL_END = 5
COL_PLACE = 6
COL_PARTICIPANTS = 7
COLUMN_COUNT = 8

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


def fold(text: str) -> str:
    """Text for matching: case and diacritics removed (``Rīga`` → ``riga``)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


class VisitsModel(QAbstractTableModel):
    """One row per visit, newest first as the service returns them."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[VisitSummary] = []

    def set_visits(self, visits: Sequence[VisitSummary]) -> None:
        self.beginResetModel()
        self._rows = list(visits)
        self.endResetModel()

    def visit_at(self, row: int) -> VisitSummary:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        headers = {
            COL_CODE: _("Code"), COL_TITLE: _("Title"), COL_KIND: _("Kind"),
            COL_STATUS: _("Status"), COL_START: _("Starts"), COL_END: _("Ends"),
            COL_PLACE: _("Destination"), COL_PARTICIPANTS: _("Participants"),
        }
        return headers.get(section)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        visit = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._display(visit, column)
        if role == SORT_ROLE:
            return self._sort_key(visit, column)
        if role == ID_ROLE:
            return visit.id
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_PARTICIPANTS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _display(visit: VisitSummary, column: int) -> str | None:
        if column == COL_CODE:
            return visit.code
        if column == COL_TITLE:
            return visit.title
        if column == COL_KIND:
            return labels.visit_kind(visit.kind)
        if column == COL_STATUS:
            return labels.visit_status(visit.status)
        if column == COL_START:
            return format_date(visit.start_date)
        if column == COL_END:
            return format_date(visit.end_date)
        if column == COL_PLACE:
            return labels.place(visit.city, visit.country)
        if column == COL_PARTICIPANTS:
            return str(visit.participants)
        return None

    def _sort_key(self, visit: VisitSummary, column: int) -> Any:
        if column == COL_START:
            return visit.start_date.isoformat()
        if column == COL_END:
            return visit.end_date.isoformat()
        if column == COL_PARTICIPANTS:
            return visit.participants
        return fold(self._display(visit, column) or "")


class VisitsFilterProxy(QSortFilterProxyModel):
    """Sorts by ``SORT_ROLE`` and keeps the rows where any column contains the filter text."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._needle = ""
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)

    def set_text(self, text: str) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.10 and later
            self.beginFilterChange()
            self._needle = fold(text.strip())
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._needle = fold(text.strip())
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._needle:
            return True
        model = self.sourceModel()
        for column in range(model.columnCount(source_parent)):
            value = model.data(model.index(source_row, column, source_parent))
            if value and self._needle in fold(str(value)):
                return True
        return False
