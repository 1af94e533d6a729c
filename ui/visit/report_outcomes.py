"""What came of each programme meeting: one outcome note per item, beside the report.

The note lives on the programme item (``outcome``), so the archive finds it with the
meeting it belongs to; here the items are listed in time order with their notes, and the
chosen one is edited below the list. A note is saved like every other field (one undo
step): when the user leaves it, chooses another meeting, or closes the visit or the program;
a reload keeps a note being typed.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from ui.widgets.binding import PlainText
from ui.widgets.date_time_edits import date_text
from ui.widgets.wrap_delegate import wrap_rows

if TYPE_CHECKING:
    from ui.context import Context

ROW_ID = Qt.ItemDataRole.UserRole


class OutcomesBox(QGroupBox):
    """The visit's programme items with their outcome notes, one editable at a time."""

    def __init__(
        self, context: Context, visit_id: int, on_problem: Any, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setFlat(True)
        self.context = context
        self.visit_id = visit_id
        self.on_problem = on_problem
        self.outcomes: dict[int, str | None] = {}
        self.versions: dict[int, int] = {}  # each item's version as listed, sent with a save
        self.items = QTreeWidget()
        self.items.setRootIsDecorated(False)
        self.items.setAccessibleName(_("Outcomes of the meetings"))
        self.items.setHeaderLabels([_("Date"), _("Meeting"), _("Outcome")])
        # dates as everywhere else ("2014. gada 2. apr."), with room for the longest month
        widest = self.items.fontMetrics().horizontalAdvance(date_text(dt.date(2000, 9, 30)))
        self.items.setColumnWidth(0, widest + 16)
        self.items.setColumnWidth(1, 160)
        wrap_rows(self.items)  # an outcome wraps in its own row; a long word does not clip all
        self.items.currentItemChanged.connect(lambda *_a: self._chosen())
        self.note = PlainText()
        self.note.setTabChangesFocus(True)
        self.note.editingFinished.connect(self.save)
        self._note_item: int | None = None  # the item whose note the field shows
        self._note_shown = ""  # the text it showed then: typing not saved differs from it
        self.note.setAccessibleName(_("Outcome"))
        self.note.setPlaceholderText(_("What came of this meeting…"))
        self.note.setMaximumHeight(70)
        self.save_button = QPushButton(_("Save &outcome"))
        self.save_button.clicked.connect(self.save)
        row = QHBoxLayout()
        row.addWidget(self.note, 1)
        row.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.addWidget(self.items, 1)
        layout.addLayout(row)

    def reload(self) -> None:
        from app.services.programme import list_programme

        current = self.current_id()
        self.items.blockSignals(True)  # refilling chooses nothing (see the end)
        self.items.clear()
        self.outcomes.clear()
        self.versions.clear()
        for item in list_programme(self.context.db, self.visit_id):
            self.outcomes[item.id] = item.outcome
            self.versions[item.id] = item.version
            row = QTreeWidgetItem(
                self.items,
                [
                    date_text(item.starts.date()),
                    item.title,
                    (item.outcome or "").replace("\n", " "),
                ],
            )
            row.setData(0, ROW_ID, item.id)
            row.setToolTip(2, item.outcome or "")
            if item.id == current:
                self.items.setCurrentItem(row)
        self.items.blockSignals(False)
        self._chosen()

    def current_id(self) -> int | None:
        row = self.items.currentItem()
        return int(row.data(0, ROW_ID)) if row is not None else None

    def choose(self, item_id: int) -> None:
        for index in range(self.items.topLevelItemCount()):
            row = self.items.topLevelItem(index)
            if row.data(0, ROW_ID) == item_id:
                self.items.setCurrentItem(row)

    def typing(self) -> bool:
        """Whether the note holds typing not saved yet."""
        return self._note_item is not None and self.note.toPlainText() != self._note_shown

    def _chosen(self) -> None:
        item_id = self.current_id()
        if item_id != self._note_item and self.typing():
            self.save(self._note_item)  # another meeting chosen: the note is kept first
        self.note.setEnabled(item_id is not None)
        self.save_button.setEnabled(item_id is not None)
        if item_id == self._note_item and self.typing():
            return
        self._note_item = item_id
        self._note_shown = (self.outcomes.get(item_id) or "") if item_id else ""
        self.note.setPlainText(self._note_shown)

    def commit_pending(self) -> None:
        if self.typing():
            self.save(self._note_item)

    def save(self, item_id: int | None = None) -> None:
        from app.services.programme import update_programme_item
        from ui.widgets.fields import describe
        from ui.widgets.messages import refused

        item_id = item_id or self._note_item
        if item_id is None or item_id not in self.outcomes:
            return
        typed = self.note.toPlainText()
        after = typed.strip() or None
        before, shown = self.outcomes.get(item_id), self._note_shown
        self._note_shown = typed  # saved (the reload the save causes keeps it shown)
        if after == before:
            return
        self.outcomes[item_id] = after
        try:
            self.context.update_row(
                _("Change the outcome"),
                lambda seen, changes: update_programme_item(
                    self.context.db, item_id, seen, **changes
                ),
                self.versions.get(item_id),
                {"outcome": before},
                {"outcome": after},
            )
        except refused() as problem:
            self.outcomes[item_id], self._note_shown = before, shown
            self.on_problem(describe(problem, {"outcome": _("Outcome")}))
