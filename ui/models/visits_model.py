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
        self._haystacks: dict[int, str] = {}
        self._sort_keys: dict[tuple[int, int], Any] = {}

    def set_visits(self, visits: Sequence[VisitSummary]) -> None:
        self.beginResetModel()
        self._rows = list(visits)
        self._haystacks.clear()
        self._sort_keys.clear()
        self.endResetModel()

    def haystack(self, row: int) -> str:
        """Every column's text of the row, folded once (the filter runs on each keystroke)."""
        found = self._haystacks.get(row)
        if found is None:
            visit = self._rows[row]
            found = "\x1f".join(fold(self._display(visit, c) or "") for c in range(COLUMN_COUNT))
            self._haystacks[row] = found
        return found

    def years(self) -> list[int]:
        """Every year a visit touches, newest first (for the year filter)."""
        found = set()
        for visit in self._rows:
            found.update(range(visit.start_date.year, visit.end_date.year + 1))
        return sorted(found, reverse=True)

    def countries(self) -> list[str]:
        return sorted({v.country for v in self._rows if v.country})

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
            key = self._sort_keys.get((index.row(), column))
            if key is None:
                key = self._sort_keys[(index.row(), column)] = self._sort_key(visit, column)
            return key
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
    """Sorts by ``SORT_ROLE``; keeps the rows of the chosen status, year and country where
    any column contains the filter text."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._needle = ""
        self._status: str | None = None
        self._year: int | None = None
        self._country: str | None = None
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)

    def _change(self, **values: Any) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.10 and later
            self.beginFilterChange()
            for name, value in values.items():
                setattr(self, name, value)
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            for name, value in values.items():
                setattr(self, name, value)
            self.invalidateRowsFilter()

    def set_text(self, text: str) -> None:
        self._change(_needle=fold(text.strip()))

    def set_status(self, status: str | None) -> None:
        self._change(_status=status)

    def set_year(self, year: int | None) -> None:
        self._change(_year=year)

    def set_country(self, country: str | None) -> None:
        self._change(_country=country)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, VisitsModel) or source_parent.isValid():
            return True
        visit = model.visit_at(source_row)
        if self._status is not None and visit.status != self._status:
            return False
        if self._year is not None and not (
                visit.start_date.year <= self._year <= visit.end_date.year):
            return False
        if self._country is not None and visit.country != self._country:
            return False
        return not self._needle or self._needle in model.haystack(source_row)
