"""The Budget tab's lines: adding, changing and deleting a line, and giving several chosen
lines a funding source or a category at once.

Each change is an undoable command through ``ui.context`` that calls ``app.services.budget``
with the version the line was shown with, so a line changed meanwhile by someone else is
refused rather than overwritten. Deleting asks first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QTableView

from app.domain.budget_totals import LineOut
from app.i18n import _
from ui.visit.budget_dialogs import ChosenLinesDialog, LineDialog
from ui.visit.tab_base import TabPart
from ui.widgets.messages import confirm_delete, refused

if TYPE_CHECKING:
    from app.records import Database
    from app.services.budget_report import VisitBudget
    from ui.context import Context
    from ui.models.rows_model import RowsModel


def default_source(budget: VisitBudget) -> int | None:
    """The funding source a new line starts with: the last line's, else the only source,
    else the first grant — never "(none)" when the visit has sources, which made every
    new line a share warning."""
    live = {s.key for s in budget.sources}
    for line in reversed(budget.lines):
        if line.funding in live:
            return int(line.funding)
    if len(budget.sources) == 1:
        return int(budget.sources[0].key)
    grants = [s for s in budget.sources if s.is_grant]
    return int(grants[0].key) if grants else None


class BudgetLinesActions(TabPart):
    """What the Budget tab does with its lines (mixed into ``BudgetTab``, which holds
    the attributes named here)."""

    context: Context
    db: Database
    visit_id: int
    budget: VisitBudget | None
    line_versions: dict[int, int]
    model: RowsModel[LineOut]
    lines: QTableView

    def _line_id_at(self, index: Any) -> int | None:
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return int(self.model.row_at(index.row()).line.id)

    def chosen_line_ids(self) -> list[int]:
        """The lines chosen in the table, in the order shown."""
        chosen = self.lines.selectionModel()
        if chosen is None:
            return []
        rows = sorted({index.row() for index in chosen.selectedRows()})
        return [int(self.model.row_at(row).line.id) for row in rows if row < self.model.rowCount()]

    def _choose_lines(self, current: int | None, chosen: list[int]) -> None:
        """Choose the lines again after a reload (the model is reset by it)."""
        from PySide6.QtCore import QItemSelection, QItemSelectionModel

        rows = {int(self.model.row_at(r).line.id): r for r in range(self.model.rowCount())}
        picked = self.lines.selectionModel()
        if current in rows:
            self.lines.setCurrentIndex(self.model.index(rows[current], 0))
        selection = QItemSelection()
        for line_id in chosen:
            if line_id in rows:
                row = rows[line_id]
                selection.select(
                    self.model.index(row, 0), self.model.index(row, self.model.columnCount() - 1)
                )
        if chosen:
            picked.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        if current in rows:
            self.lines.scrollTo(self.model.index(rows[current], 0))

    def change_chosen(self, exec_dialog: bool = True) -> ChosenLinesDialog | None:
        """A funding source or a category for every chosen line, as one undo step."""
        ids = self.chosen_line_ids()
        if not ids or self.budget is None:
            return None
        sources = [(s.name, int(s.key)) for s in self.budget.sources]
        dialog = ChosenLinesDialog(
            lambda fields: self.set_lines(ids, fields), count=len(ids), sources=sources, parent=self
        )
        if exec_dialog:
            dialog.exec()
        return dialog

    def set_lines(self, ids: list[int], fields: dict[str, Any]) -> None:
        """``fields`` for the lines ``ids`` in one transaction and one undo step."""
        from app.operations.budget import ChangeBudgetLines

        self.context.run(ChangeBudgetLines(self.db, ids, fields, self.line_versions))

    def _selected_line(self) -> LineOut | None:
        index = self.lines.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _line_dialog(self, save: Any, line: Any = None) -> LineDialog:
        assert self.budget is not None
        currencies = [self.budget.base_currency] + [r.currency for r in self.budget.rates]
        sources = [(s.name, int(s.key)) for s in self.budget.sources]
        return LineDialog(
            save,
            currencies=currencies,
            sources=sources,
            line=line,
            base=self.budget.base_currency,
            rates=self.budget.book,
            source=default_source(self.budget) if line is None else None,
            parent=self,
        )

    def add_line(self, exec_dialog: bool = True) -> LineDialog:
        from app.services.budget import (
            create_budget_line,
            delete_budget_line,
            restore_budget_line,
        )

        db, visit_id = self.db, self.visit_id

        def save(fields: dict[str, Any]) -> None:
            self.context.create(
                _("Add budget line"),
                lambda: create_budget_line(db, visit_id, **fields),
                lambda row_id: delete_budget_line(db, row_id),
                lambda row_id: restore_budget_line(db, row_id),
            )

        dialog = self._line_dialog(save)
        if exec_dialog:
            dialog.exec()
        return dialog

    def edit_line(self, exec_dialog: bool = True) -> LineDialog | None:
        from app.services.budget import update_budget_line

        chosen = self._selected_line()
        if chosen is None:
            return None
        line = chosen.line
        before = {
            "category": line.category,
            "description": line.description,
            "funding_source_id": int(line.funding) if line.funding else None,
            "quantity": str(line.quantity),
            "unit": line.unit,
            "unit_price": str(line.unit_price),
            "currency": line.currency,
            "eligible": line.eligible,
            "actual_amount": None if line.actual_amount is None else str(line.actual_amount),
            "actual_currency": line.actual_currency,
            "actual_document": line.actual_document,
            "actual_date": line.actual_date,
            "actual_paid": line.actual_paid,
        }
        db, line_id = self.db, line.id
        version = self.line_versions.get(line_id)

        def save(after: dict[str, Any]) -> None:
            self.context.update_row(
                _("Change budget line"),
                lambda seen, changes: update_budget_line(db, line_id, seen, **changes),
                version,
                before,
                after,
            )

        dialog = self._line_dialog(save, line)
        if exec_dialog:
            dialog.exec()
        return dialog

    def delete_line(self) -> None:
        from app.domain.budget_totals import line_name
        from app.services.budget import delete_budget_line, restore_budget_line

        chosen = self._selected_line()
        if chosen is None:
            return
        what = _("the budget line “{line}”").format(line=line_name(chosen.line))
        if not confirm_delete(self, what):
            return
        db, line_id = self.db, chosen.line.id
        try:
            self.context.delete(
                _("Delete budget line"),
                lambda: delete_budget_line(db, line_id),
                lambda: restore_budget_line(db, line_id),
            )
        except refused() as problem:
            self.context.report(problem)
