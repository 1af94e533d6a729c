"""The programme as a tree: the visit's days, each with its items in time order.

Every day of the visit is a section even when empty (so the coordinator sees the gap); an
item dated outside the visit gets its own section and carries the "outside the dates"
problem. Problems found by the programme checks are shown on their item: a warning icon,
red text, the reasons in a column and in the tooltip.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QApplication, QStyle

from app.i18n import N_, NC_, _, format_date, format_time, pgettext
from ui.icons import status_colour

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 2
DAY_ROLE = Qt.ItemDataRole.UserRole + 3

COL_TIME, COL_TITLE, COL_HOST, COL_VENUE, COL_TRACK, COL_ATTENDEES, COL_PROBLEMS = range(7)
HEADERS = (
    N_("Time"),
    N_("Title"),
    N_("Host"),
    NC_("programme", "Venue"),  # where a meeting is; "Venue" alone is the budget's room hire
    N_("Track"),
    N_("Attendees"),
    N_("Problems"),
)


@dataclass(frozen=True)
class ItemRow:
    """What the tree shows of one item (plain data, no session)."""

    id: int
    title: str
    starts: dt.datetime
    ends: dt.datetime
    timezone: str
    host: str = ""
    venue: str = ""
    track: str = ""
    attendees: str = ""
    confirmed: bool = False
    problems: tuple[str, ...] = field(default_factory=tuple)


def zone_abbreviation(moment: dt.datetime, zone_name: str) -> str:
    from app.domain.validation import zone

    return moment.replace(tzinfo=zone(zone_name)).tzname() or zone_name


def time_span(row: ItemRow) -> str:
    return f"{format_time(row.starts)}–{format_time(row.ends)} {zone_abbreviation(row.starts, row.timezone)}"


class ProgrammeModel(QAbstractItemModel):
    """Days at the top level (internal id 0), items below (internal id = day number + 1)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._days: list[dt.date] = []
        self._items: list[list[ItemRow]] = []

    def set_programme(self, first: dt.date, last: dt.date, items: Sequence[ItemRow]) -> None:
        days = {first + dt.timedelta(days=n) for n in range((last - first).days + 1)}
        days.update(item.starts.date() for item in items)
        self.beginResetModel()
        self._days = sorted(days)
        self._items = [[i for i in items if i.starts.date() == day] for day in self._days]
        self.endResetModel()

    # --- lookups for the view

    def item_at(self, index: Index) -> ItemRow | None:
        if not index.isValid() or index.internalId() == 0:
            return None
        return self._items[index.internalId() - 1][index.row()]

    def day_at(self, index: Index) -> dt.date | None:
        if not index.isValid():
            return None
        if index.internalId() == 0:
            return self._days[index.row()]
        return self._days[index.internalId() - 1]

    def index_of(self, item_id: int) -> QModelIndex:
        for day_number, items in enumerate(self._items):
            for row, item in enumerate(items):
                if item.id == item_id:
                    return self.createIndex(row, 0, day_number + 1)
        return QModelIndex()

    def day_index(self, day: dt.date) -> QModelIndex:
        if day in self._days:
            return self.createIndex(self._days.index(day), 0, 0)
        return QModelIndex()

    def days(self) -> list[dt.date]:
        return list(self._days)

    def all_items(self) -> list[ItemRow]:
        return [item for items in self._items for item in items]

    # --- the model

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column < 0 or column >= len(HEADERS) or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0) if row < len(self._days) else QModelIndex()
        if parent.internalId() != 0 or parent.column() != 0:
            return QModelIndex()
        day_number = parent.row()
        if day_number >= len(self._items) or row >= len(self._items[day_number]):
            return QModelIndex()
        return self.createIndex(row, column, day_number + 1)

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._days)
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self._items[parent.row()])
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(HEADERS)
        ):
            if section == COL_VENUE:
                return pgettext("programme", HEADERS[section])
            return _(HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == 0:
            return self._day_data(index, role)
        item = self.item_at(index)
        if item is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(item, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if item.problems:
                return "\n".join(item.problems)
            return self._text(item, column) or None
        if role == Qt.ItemDataRole.DecorationRole and column == COL_TITLE and item.problems:
            style = QApplication.style()
            return (
                style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
                if style is not None
                else None
            )
        if role == Qt.ItemDataRole.ForegroundRole and item.problems:
            return QBrush(status_colour("error"))
        if role == ID_ROLE:
            return item.id
        if role == DAY_ROLE:
            return item.starts.date()
        return None

    def _day_data(self, index: Index, role: int) -> Any:
        day = self._days[index.row()]
        if role == Qt.ItemDataRole.DisplayRole and index.column() == 0:
            return format_date(day, fmt="full")
        if role == Qt.ItemDataRole.DisplayRole and index.column() == COL_TITLE:
            count = len(self._items[index.row()])
            if count == 0:
                return _("nothing planned")
            return None
        if role == DAY_ROLE:
            return day
        if role == Qt.ItemDataRole.FontRole and index.column() == 0:
            from PySide6.QtGui import QFont

            font = QFont()
            font.setBold(True)
            return font
        return None

    @staticmethod
    def _text(item: ItemRow, column: int) -> str:
        if column == COL_TIME:
            return time_span(item)
        if column == COL_TITLE:
            return item.title
        if column == COL_HOST:
            return item.host
        if column == COL_VENUE:
            return item.venue
        if column == COL_TRACK:
            return item.track
        if column == COL_ATTENDEES:
            return item.attendees
        if column == COL_PROBLEMS:
            return "; ".join(item.problems)
        return ""
