"""Follow-ups: the open actions promised in every visit's report, soonest due first.

After a dozen visits nobody remembers which promise is due when; this list gathers them
(``app.services.followups``) with their owners and visits, and shows the overdue ones in
red so they are seen before they are forgotten. A double-click or Enter opens the visit's
Report tab with that follow-up chosen, where it is marked done or changed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _, ngettext
from ui.icons import mark
from ui.read_only import read_safe
from ui.widgets.date_time_edits import date_text
from ui.widgets.filter_row import FilterRow
from ui.widgets.section_page import SectionPage

if TYPE_CHECKING:
    from app.services.followups import Action
    from ui.context import Context

VISIT_ROLE = Qt.ItemDataRole.UserRole
ACTION_ROLE = Qt.ItemDataRole.UserRole + 1
COL_DUE, COL_ACTION, COL_OWNER, COL_VISIT, COL_STATUS = range(5)


class FollowUpsPage(SectionPage):
    """Every open follow-up of the live visits, with an owner filter."""

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        read_safe(self)  # an owner filter and a list that opens visits: it only reads
        self.actions: list[Action] = []
        self.owner = QLineEdit()
        self.owner.setClearButtonEnabled(True)
        self.owner.setAccessibleName(_("Owner"))
        self.owner.setPlaceholderText(_("Only this owner…"))
        self.owner.textChanged.connect(lambda _t: self.reload())
        self.table = QTreeWidget()
        self.table.setRootIsDecorated(False)
        self.table.setUniformRowHeights(True)  # one line each; Qt skips measuring every row
        self.table.setAccessibleName(_("Follow-ups"))
        self.table.setHeaderLabels([_("Due"), _("Action"), _("Owner"), _("Visit"), _("Status")])
        self.table.setColumnWidth(COL_DUE, 250)
        self.table.setColumnWidth(COL_ACTION, 380)
        self.table.setColumnWidth(COL_OWNER, 160)
        self.table.setColumnWidth(COL_VISIT, 240)
        self.table.setAlternatingRowColors(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.opening(self.table, self._open)
        self.summary = QLabel()

        top = FilterRow()
        top.add(_("&Owner:"), self.owner, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)

    def reload(self) -> None:
        """The open actions again, soonest due first (the service's order)."""
        from app.services.followups import follow_ups, status_label

        self.stale = False
        self.actions = follow_ups(self.context.db, owner=self.owner.text() or None)
        self.table.clear()
        for action in self.actions:
            due = date_text(action.due) if action.due else _("no date")
            if action.overdue:
                due = _("{date} (overdue)").format(date=due)
            row = QTreeWidgetItem(
                self.table,
                [
                    due,
                    action.action,
                    action.owner or "",
                    f"{action.visit_code} · {action.visit_title}",
                    status_label(action.status),
                ],
            )
            row.setData(0, VISIT_ROLE, action.visit_id)
            row.setData(0, ACTION_ROLE, action.id)
            row.setToolTip(COL_ACTION, action.action)
            if action.overdue:  # the due date marked, not the whole row
                mark(row, 0, "error", _("Overdue"))
        overdue = sum(1 for a in self.actions if a.overdue)
        message = ngettext("{n} open action", "{n} open actions", len(self.actions)).format(
            n=len(self.actions)
        )
        if overdue:
            message += " · " + ngettext("{n} overdue", "{n} overdue", overdue).format(n=overdue)
        self.summary.setText(message)
        self.say(message)

    def focus_search(self) -> None:
        self.owner.setFocus()

    def _open(self, item: QTreeWidgetItem, _column: int) -> None:
        """The visit at this follow-up: its Report tab, the row chosen."""
        visit_id = item.data(0, VISIT_ROLE)
        if visit_id is not None:
            self.context.open_visit_at.emit(
                int(visit_id), "follow_up", int(item.data(0, ACTION_ROLE) or 0)
            )
