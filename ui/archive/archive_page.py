"""The Archive: search what every visit learned, narrowed by country, year, topic or host.

The search itself is ``app.services.archive`` (FTS5, Latvian folding); this page only
collects the query and filters, shows one row per visit with the places the words were
found underneath (highlighted snippets). A double-click or Enter on a visit opens it; on a
place, opens the visit at that place (the programme item, the lesson, the outcome note…).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import labels
from app.i18n import _, ngettext
from app.services.archive import PLACE_LABELS
from ui.read_only import read_safe
from ui.widgets.date_time_edits import date_text
from ui.widgets.fields import set_code
from ui.widgets.filter_row import FilterRow
from ui.widgets.section_page import SectionPage

if TYPE_CHECKING:
    from app.services.archive import Hit
    from ui.context import Context

VISIT_ROLE = Qt.ItemDataRole.UserRole
PLACE_ROLE = Qt.ItemDataRole.UserRole + 1  # a hit's place (app.services.archive.PLACES)
ROW_ROLE = Qt.ItemDataRole.UserRole + 2  # the id of the row holding the hit's text
PLACE_OF = {"visit": "purpose", "programme": "programme", "report": "summary", "lesson": "lesson"}


class _Snippet(QLabel):
    """A wrapped rich-text snippet whose wanted height follows the column's width (a plain
    wrapped QLabel asks for a narrow, tall box and leaves gaps between the rows)."""

    def __init__(self, html: str) -> None:
        super().__init__(html)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(True)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.wanted_width = 600

    def sizeHint(self) -> QSize:
        return QSize(self.wanted_width, self.heightForWidth(self.wanted_width) + 4)


class ArchivePage(SectionPage):
    """A search box, four filters and the hits grouped by visit."""

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        read_safe(self)  # searching only reads
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(_("Search the archive"))
        self.search.setPlaceholderText(_("Words from programmes, reports and lessons…"))
        # typing waits a moment, so each keystroke does not search the whole archive
        self._timer = QTimer(self, singleShot=True, interval=250)
        self._timer.timeout.connect(self.run_search)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.search.returnPressed.connect(self.run_search)
        self.country = self._combo(_("Country"))
        self.year = self._combo(_("Year"))
        self.topic = self._combo(_("Topic"))
        self.institution = self._combo(_("Institution"))
        self.results = QTreeWidget()
        self.results.setAccessibleName(_("Archive results"))
        self.results.setHeaderLabels([_("Visit"), _("Found")])
        self.results.setColumnWidth(0, 380)
        self.results.setWordWrap(True)
        self.opening(self.results, self._open)  # Enter opens the chosen row too
        self.summary = QLabel()

        filters = FilterRow()
        for label, combo in (
            (_("Country"), self.country),
            (_("Year"), self.year),
            (_("Topic"), self.topic),
            (_("Institution"), self.institution),
        ):
            filters.add(label + ":", combo, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(filters)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.summary)

    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(8)
        combo.currentIndexChanged.connect(lambda _i: self.run_search())
        return combo

    # --- loading

    def reload(self) -> None:
        """The filters' choices again (a new visit may bring a country), then the search."""
        from app.services.archive import facets

        found = facets(self.context.db)
        self.stale = False
        choices: list[tuple[QComboBox, list[tuple[str, Any]]]] = [
            (self.country, [(labels.country(c) or c, c) for c in found.countries]),
            (self.year, [(str(y), y) for y in found.years]),
            (self.topic, [(t, t) for t in found.topics]),
            (self.institution, [(name, org_id) for org_id, name in found.institutions]),
        ]
        for combo, values in choices:
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(_("All"), None)
            for text, value in values:
                combo.addItem(text, value)
            set_code(combo, current)
            combo.blockSignals(False)
        self.run_search()

    def run_search(self) -> None:
        """Search now with the query and filters on screen; nothing asked shows nothing."""
        from app.services.archive import Filters, by_visit, search
        from ui.widgets.messages import refused

        self._timer.stop()
        filters = Filters(
            country=self.country.currentData(),
            year=self.year.currentData(),
            topic=self.topic.currentData(),
            institution=self.institution.currentData(),
        )
        self.results.clear()
        query = self.search.text().strip()
        if not query and not filters:
            self._status(_("Type a word, or choose a filter."))
            return
        try:
            hits = search(self.context.db, query, filters)
        except refused() as problem:  # "&" or an emoji alone: no word to search for
            self._status(str(problem))
            return
        groups = by_visit(hits)
        for first, found in groups:
            self._add_visit(first, found)
        self.results.expandAll()
        self._fit_snippets()
        self._status(
            ngettext("{n} visit", "{n} visits", len(groups)).format(n=len(groups))
            + ", "
            + ngettext("{n} place found", "{n} places found", len(hits)).format(n=len(hits))
            if hits
            else _("Nothing found.")
        )

    def _add_visit(self, first: Hit, found: list[Hit]) -> None:
        place = labels.place(first.city, first.country)
        top = QTreeWidgetItem(
            self.results,
            [
                f"{first.code} · {first.title}",
                ", ".join(p for p in (date_text(first.start_date), place) if p),
            ],
        )
        top.setData(0, VISIT_ROLE, first.visit_id)
        top.setToolTip(0, f"{first.code} · {first.title}")
        font = top.font(0)
        font.setBold(True)
        top.setFont(0, font)
        for hit in found:
            # the PostgreSQL search knows only where and the item: the nearest place then
            place = hit.place or PLACE_OF.get(hit.where, "")
            where = _(PLACE_LABELS[place]) if place in PLACE_LABELS else hit.where
            if hit.item:
                where = f"{where}: {hit.item}"
            child = QTreeWidgetItem(top, [where, ""])
            child.setData(0, VISIT_ROLE, hit.visit_id)
            child.setData(0, PLACE_ROLE, place or None)
            child.setData(0, ROW_ROLE, hit.row_id or hit.item_id)
            child.setToolTip(1, hit.plain())
            self.results.setItemWidget(child, 1, _Snippet(hit.html()))

    def _fit_snippets(self) -> None:
        """Rows as tall as their snippet wrapped at the column's present width."""
        width = max(self.results.viewport().width() - self.results.columnWidth(0), 400)
        for i in range(self.results.topLevelItemCount()):
            top = self.results.topLevelItem(i)
            for j in range(top.childCount()):
                child = top.child(j)
                label = self.results.itemWidget(child, 1)
                if isinstance(label, _Snippet):
                    label.wanted_width = width
        self.results.doItemsLayout()

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._fit_snippets()

    def _status(self, message: str) -> None:
        self.summary.setText(message)
        self.say(message)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def visit_ids(self) -> list[int]:
        """The visits listed, in order (what a test or a screen reader sees first)."""
        return [
            self.results.topLevelItem(i).data(0, VISIT_ROLE)
            for i in range(self.results.topLevelItemCount())
        ]

    def _open(self, item: QTreeWidgetItem, _column: int) -> None:
        """A visit's row opens the visit; a place's row opens it at that place."""
        visit_id = item.data(0, VISIT_ROLE)
        if visit_id is None:
            return
        place = item.data(0, PLACE_ROLE)
        if place:
            row_id = item.data(0, ROW_ROLE)
            self.context.open_visit_at.emit(int(visit_id), str(place), int(row_id or 0))
        else:
            self.context.open_visit.emit(int(visit_id))
