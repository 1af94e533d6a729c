"""What came of each programme meeting: one outcome note per item, beside the report.

The note lives on the programme item (``outcome``), so the archive finds it with the
meeting it belongs to; here the items are listed in time order with their notes, and the
chosen one is edited below the list (saved as one undo step).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _, format_date
from ui.widgets.wrap_delegate import wrap_rows

if TYPE_CHECKING:
    from ui.context import Context

ROW_ID = Qt.ItemDataRole.UserRole


class OutcomesBox(QGroupBox):
    """The visit's programme items with their outcome notes, one editable at a time."""

    def __init__(self, context: Context, visit_id: int, on_problem: Any,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFlat(True)
        self.context = context
        self.visit_id = visit_id
        self.on_problem = on_problem
        self.outcomes: dict[int, str | None] = {}
        self.items = QTreeWidget()
        self.items.setRootIsDecorated(False)
        self.items.setAccessibleName(_("Outcomes of the meetings"))
        self.items.setHeaderLabels([_("Date"), _("Meeting"), _("Outcome")])
        # dates as everywhere else ("2014. gada 2. apr."), with room for the longest month
        widest = self.items.fontMetrics().horizontalAdvance(format_date(dt.date(2000, 9, 30)))
        self.items.setColumnWidth(0, widest + 16)
        self.items.setColumnWidth(1, 160)
        wrap_rows(self.items)  # an outcome wraps in its own row; a long word does not clip all
        self.items.currentItemChanged.connect(lambda *_a: self._chosen())
        self.note = QPlainTextEdit()
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
        self.items.clear()
        self.outcomes.clear()
        for item in list_programme(self.context.db, self.visit_id):
            self.outcomes[item.id] = item.outcome
            row = QTreeWidgetItem(self.items, [
                format_date(item.starts.date()), item.title,
                (item.outcome or "").replace("\n", " ")])
            row.setData(0, ROW_ID, item.id)
            row.setToolTip(2, item.outcome or "")
            if item.id == current:
                self.items.setCurrentItem(row)
        self._chosen()

    def current_id(self) -> int | None:
        row = self.items.currentItem()
        return int(row.data(0, ROW_ID)) if row is not None else None

    def choose(self, item_id: int) -> None:
        for index in range(self.items.topLevelItemCount()):
            row = self.items.topLevelItem(index)
            if row.data(0, ROW_ID) == item_id:
                self.items.setCurrentItem(row)

    def _chosen(self) -> None:
        item_id = self.current_id()
        self.note.setEnabled(item_id is not None)
        self.save_button.setEnabled(item_id is not None)
        self.note.setPlainText((self.outcomes.get(item_id) or "") if item_id else "")

    def save(self) -> None:
        from app.services.programme import update_programme_item
        from ui.widgets.fields import describe
        from ui.widgets.messages import refused

        item_id = self.current_id()
        if item_id is None:
            return
        after = self.note.toPlainText().strip() or None
        try:
            self.context.update(
                _("Change the outcome"),
                lambda changes: update_programme_item(self.context.db, item_id, None,
                                                      **changes),
                {"outcome": self.outcomes.get(item_id)}, {"outcome": after})
        except refused() as problem:
            self.on_problem(describe(problem, {"outcome": _("Outcome")}))
