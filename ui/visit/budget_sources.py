"""The Budget tab's funding sources: adding, changing and deleting a source.

Deleting asks first and says how many lines will be left without a source; the lines keep
their amounts, and undo gives them their source back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from app.i18n import _, ngettext
from ui.visit.budget_dialogs import SourceDialog, source_cap
from ui.visit.tab_base import TabPart
from ui.widgets.messages import confirm_delete, refused

if TYPE_CHECKING:
    from app.records import Database
    from app.services.budget_report import VisitBudget
    from ui.context import Context
    from ui.widgets.list_panel import ListPanel


class BudgetSourcesActions(TabPart):
    """What the Budget tab does with its funding sources (mixed into ``BudgetTab``, which
    holds the attributes named here)."""

    context: Context
    db: Database
    visit_id: int
    budget: VisitBudget | None
    source_panel: ListPanel

    def add_source(self, exec_dialog: bool = True) -> SourceDialog:
        from app.services.budget import (
            create_funding_source,
            delete_funding_source,
            restore_funding_source,
        )

        db, visit_id = self.db, self.visit_id

        def save(fields: dict[str, Any]) -> None:
            self.context.create(
                _("Add funding source"),
                lambda: create_funding_source(db, visit_id, **fields),
                lambda row_id: delete_funding_source(db, row_id),
                lambda row_id: restore_funding_source(db, row_id),
            )

        dialog = SourceDialog(save, parent=self)
        if exec_dialog:
            dialog.exec()
        return dialog

    def edit_source(self) -> None:
        from app.services.budget import update_funding_source

        source = self.source_panel.current()
        if source is None:
            return
        before = {
            "name": source.name,
            "share": None if source.share is None else str(source.share),
            "cap": source_cap(source),
            "is_grant": bool(source.is_grant),
        }
        db, source_id, version = self.db, source.id, source.version

        def save(after: dict[str, Any]) -> None:
            self.context.update_row(
                _("Change funding source"),
                lambda seen, changes: update_funding_source(db, source_id, seen, **changes),
                version,
                before,
                after,
            )

        SourceDialog(save, source=source, parent=self).exec()

    def delete_source(self) -> None:
        """Delete the chosen funding source, asking first; its lines stay, without a
        source, until undo gives them their source back."""
        from app.services.budget import delete_funding_source, restore_funding_source

        source = self.source_panel.current()
        if source is None:
            return
        key = str(source.id)
        count = sum(
            1 for o in (self.budget.totals.lines if self.budget else []) if o.line.funding == key
        )
        what = _("the funding source “{name}”").format(name=source.name)
        if count:
            what += " " + ngettext(
                "({count} budget line will have no funding source)",
                "({count} budget lines will have no funding source)",
                count,
            ).format(count=count)
        if not confirm_delete(self, what):
            return
        db, source_id = self.db, source.id
        try:
            self.context.delete(
                _("Delete funding source"),
                lambda: delete_funding_source(db, source_id),
                lambda: restore_funding_source(db, source_id),
            )
        except refused() as problem:
            self.context.report(problem)
