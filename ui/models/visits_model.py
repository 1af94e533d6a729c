"""The visit list of the main window: a table model over ``list_visits`` and its filter.

The model holds plain ``VisitSummary`` rows (no session, no lazy loading); the window
reloads it after a change. It sorts by real values (dates by date, counts by number,
whatever the display format) and filters itself; the filter ignores case and Latvian
diacritics, so "riga" finds "Rīga" (coordinators often type without them).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from app import labels
from app.domain.text import fold, sort_key
from app.i18n import _

if TYPE_CHECKING:
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

_SEARCHED = (COL_CODE, COL_TITLE, COL_KIND, COL_STATUS, COL_PLACE)

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
# The status code behind the label, which ui.widgets.chips paints as a coloured chip.
from ui.widgets.chips import CODE_ROLE  # noqa: E402
from ui.widgets.date_time_edits import date_text  # noqa: E402

Index = QModelIndex | QPersistentModelIndex


class VisitsModel(QAbstractTableModel):
    """The visits, narrowed by status, year, country and text, in the chosen order.

    Filtering and sorting happen here in Python over cached keys rather than in a
    ``QSortFilterProxyModel``: with 10,000 visits a proxy calls ``data()`` a quarter of a
    million times per keystroke (three seconds); this takes a few milliseconds.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._all: list[VisitSummary] = []
        self._rows: list[VisitSummary] = []
        self._haystacks: dict[int, str] = {}
        self._sort_keys: dict[tuple[int, int], Any] = {}
        self._needle = ""
        self._status: str | None = None
        self._year: int | None = None
        self._country: str | None = None
        self._sort: tuple[int, Qt.SortOrder] | None = None

    def set_visits(self, visits: Sequence[VisitSummary]) -> None:
        self._all = list(visits)
        self._haystacks.clear()
        self._sort_keys.clear()
        self._refresh()

    # --- narrowing and order

    def set_text(self, text: str) -> None:
        self._needle = fold(text.strip())
        self._refresh()

    def set_status(self, status: str | None) -> None:
        self._status = status
        self._refresh()

    def set_year(self, year: int | None) -> None:
        self._year = year
        self._refresh()

    def set_country(self, country: str | None) -> None:
        self._country = country
        self._refresh()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if 0 <= column < COLUMN_COUNT:
            self._sort = (column, order)
            self._refresh()

    def _accepts(self, number: int, visit: VisitSummary) -> bool:
        if self._status is not None and visit.status != self._status:
            return False
        if self._year is not None and not (
            visit.start_date.year <= self._year <= visit.end_date.year
        ):
            return False
        if self._country is not None and visit.country != self._country:
            return False
        return not self._needle or self._needle in self.haystack(number)

    def _refresh(self) -> None:
        self.beginResetModel()
        numbers = [n for n, visit in enumerate(self._all) if self._accepts(n, visit)]
        if self._sort is not None:
            column, order = self._sort
            numbers.sort(
                key=lambda n: self._key(n, column), reverse=order == Qt.SortOrder.DescendingOrder
            )
        self._rows = [self._all[n] for n in numbers]
        self.endResetModel()

    def _key(self, number: int, column: int) -> Any:
        key = self._sort_keys.get((number, column))
        if key is None:
            key = self._sort_keys[(number, column)] = self._sort_key(self._all[number], column)
        return key

    def haystack(self, number: int) -> str:
        """The visit's words as shown, folded once (the filter runs on each keystroke).

        Dates are left out: formatting 20,000 of them took a second on the first keystroke,
        and the year filter serves that purpose.
        """
        found = self._haystacks.get(number)
        if found is None:
            visit = self._all[number]
            found = "\x1f".join(fold(self._display(visit, c) or "") for c in _SEARCHED)
            self._haystacks[number] = found
        return found

    def total(self) -> int:
        return len(self._all)

    def years(self) -> list[int]:
        """Every year a visit touches, newest first (for the year filter)."""
        found = set()
        for visit in self._all:
            found.update(range(visit.start_date.year, visit.end_date.year + 1))
        return sorted(found, reverse=True)

    def countries(self) -> list[str]:
        return sorted({v.country for v in self._all if v.country})

    def visit_at(self, row: int) -> VisitSummary:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        headers = {
            COL_CODE: _("Code"),
            COL_TITLE: _("Title"),
            COL_KIND: _("Kind"),
            COL_STATUS: _("Status"),
            COL_START: _("Starts"),
            COL_END: _("Ends"),
            COL_PLACE: _("Destination"),
            COL_PARTICIPANTS: _("Participants"),
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
        if role == CODE_ROLE and column == COL_STATUS:
            return visit.status
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
            return date_text(visit.start_date)
        if column == COL_END:
            return date_text(visit.end_date)
        if column == COL_PLACE:
            return labels.place(visit.city, visit.country)
        if column == COL_PARTICIPANTS:
            return str(visit.participants)
        return None

    def _sort_key(self, visit: VisitSummary, column: int) -> Any:
        if column == COL_START:
            return visit.start_date
        if column == COL_END:
            return visit.end_date
        if column == COL_PARTICIPANTS:
            return visit.participants
        return sort_key(self._display(visit, column))
