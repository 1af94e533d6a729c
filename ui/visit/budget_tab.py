"""The Budget tab: the visit's budget lines, exchange rates and funding sources, with the
totals and warnings finance staff check.

The totals come from ``app.services.budget_report`` (the same computation as the budget PDF
and spreadsheet), so the cents shown here are the cents printed. Every change goes through
the services as an undoable command; the tab only formats what they return.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QListWidget,
    QPushButton,
    QSplitter,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.budget_totals import Amounts, LineOut, category_label
from app.i18n import _, current_language, format_money
from ui.models.budget_model import RATE_COLUMNS, SOURCE_COLUMNS, line_columns
from ui.models.rows_model import RowsModel
from ui.visit.budget_dialogs import LineDialog, RateDialog, SourceDialog
from ui.visit.tab_base import VisitTab
from ui.widgets.messages import confirm_delete, refused

if TYPE_CHECKING:
    from app.services.budget_report import VisitBudget
    from ui.context import Context


def _table(model: RowsModel[Any], name: str) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.setWordWrap(False)
    table.setAccessibleName(name)
    header = table.horizontalHeader()
    header.setStretchLastSection(True)
    header.setMaximumSectionSize(260)  # a long grant name elides (its tooltip has it all)
    return table


def _buttons(*buttons: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return row


class BudgetTab(VisitTab):
    def __init__(self, context: Context, visit_id: int, parent: QWidget | None = None) -> None:
        super().__init__(context, visit_id, parent)
        self.budget: VisitBudget | None = None
        self.model: RowsModel[LineOut] = RowsModel(line_columns("EUR", str), self)
        self.lines = _table(self.model, _("Budget lines"))
        self.lines.doubleClicked.connect(lambda *_a: self.edit_line())
        self.add_button = QPushButton(_("&Add line…"))
        self.edit_button = QPushButton(_("&Edit…"))
        self.delete_button = QPushButton(_("&Delete"))
        self.pdf_button = QPushButton(_("Budget &PDF…"))
        self.xlsx_button = QPushButton(_("Budget &spreadsheet…"))
        self.add_button.clicked.connect(lambda: self.add_line())
        self.edit_button.clicked.connect(lambda: self.edit_line())
        self.delete_button.clicked.connect(lambda: self.delete_line())
        self.pdf_button.clicked.connect(lambda: self.export("pdf"))
        self.xlsx_button.clicked.connect(lambda: self.export("xlsx"))

        self.rate_model: RowsModel[Any] = RowsModel(RATE_COLUMNS, self)
        self.rates = _table(self.rate_model, _("Exchange rates"))
        self.rates.doubleClicked.connect(lambda *_a: self.edit_rate())
        self.add_rate_button = QPushButton(_("Add &rate…"))
        self.edit_rate_button = QPushButton(_("Edit rate…"))
        self.ecb_button = QPushButton(_("Import &ECB file…"))
        self.add_rate_button.clicked.connect(lambda: self.add_rate())
        self.edit_rate_button.clicked.connect(lambda: self.edit_rate())
        self.ecb_button.clicked.connect(lambda: self.import_ecb())

        self.source_model: RowsModel[Any] = RowsModel(SOURCE_COLUMNS, self)
        self.sources = _table(self.source_model, _("Funding sources"))
        sources_header = self.sources.horizontalHeader()
        sources_header.setStretchLastSection(False)
        sources_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        sources_header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.sources.doubleClicked.connect(lambda *_a: self.edit_source())
        self.add_source_button = QPushButton(_("Add &funding source…"))
        self.edit_source_button = QPushButton(_("Edit source…"))
        self.add_source_button.clicked.connect(lambda: self.add_source())
        self.edit_source_button.clicked.connect(lambda: self.edit_source())

        self.totals = QTreeWidget()
        self.totals.setHeaderLabels([_("Totals"), _("Planned"), _("Actual"), _("Variance")])
        self.totals.setAccessibleName(_("Totals"))
        self.totals.setRootIsDecorated(False)
        header = self.totals.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.warnings = QListWidget()
        self.warnings.setAccessibleName(_("Warnings"))
        self.warnings.setWordWrap(True)

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(_buttons(self.add_button, self.edit_button, self.delete_button,
                                      self.pdf_button, self.xlsx_button))
        top_layout.addWidget(self.lines)
        rates_box = self._box(_("Exchange rates"), self.rates, self.add_rate_button,
                              self.edit_rate_button, self.ecb_button)
        sources_box = self._box(_("Funding sources"), self.sources, self.add_source_button,
                                self.edit_source_button)
        totals_box = self._box(_("Totals"), self.totals)
        warnings_box = self._box(_("Warnings"), self.warnings)
        bottom = QSplitter(Qt.Orientation.Horizontal)
        side = QSplitter(Qt.Orientation.Vertical)
        side.addWidget(rates_box)
        side.addWidget(sources_box)
        bottom.addWidget(side)
        bottom.addWidget(totals_box)
        bottom.addWidget(warnings_box)
        bottom.setStretchFactor(0, 2)
        bottom.setStretchFactor(1, 3)
        bottom.setStretchFactor(2, 2)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(bottom)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(split)

    @staticmethod
    def _box(title: str, view: QWidget, *buttons: QPushButton) -> QGroupBox:
        box = QGroupBox(title)
        layout = QVBoxLayout(box)
        if buttons:
            layout.addLayout(_buttons(*buttons))
        layout.addWidget(view)
        return box

    # --- showing ------------------------------------------------------------------------

    def reload(self) -> None:
        from app.services.budget import list_exchange_rates, list_funding_sources
        from app.services.budget_report import visit_budget

        self.take_visit()
        budget = self.budget = visit_budget(self.db, self.visit_id)
        base = budget.base_currency
        self.model.columns = line_columns(base, budget.source_name)
        self.model.set_rows(budget.totals.lines)
        self.rate_model.set_rows(list_exchange_rates(self.db, self.visit_id))
        self.source_model.set_rows(list_funding_sources(self.db, self.visit_id))
        self.lines.resizeColumnsToContents()
        self._show_totals(budget)
        self.warnings.clear()
        self.warnings.addItems([w.text for w in budget.warnings] or [_("No warnings.")])

    def _show_totals(self, budget: VisitBudget) -> None:
        base, totals = budget.base_currency, budget.totals
        self.totals.clear()

        def row(label: str, amounts: Amounts, *, heading: bool = False) -> None:
            item = QTreeWidgetItem([label, format_money(amounts.planned, base),
                                    format_money(amounts.actual, base),
                                    format_money(amounts.variance, base)])
            item.setToolTip(0, label.strip())
            for column in (1, 2, 3):
                item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight)
            if heading:
                font = item.font(0)
                font.setBold(True)
                for column in range(4):
                    item.setFont(column, font)
            self.totals.addTopLevelItem(item)

        def title(text: str) -> None:
            item = QTreeWidgetItem([text])
            font = item.font(0)
            font.setItalic(True)
            item.setFont(0, font)
            self.totals.addTopLevelItem(item)

        title(_("By category"))
        for code, amounts in totals.by_category.items():
            row("  " + category_label(code), amounts)
        title(_("By funding source"))
        for key, amounts in totals.by_source.items():
            row("  " + (budget.source_name(key) if key else _("(no funding source)")),
                amounts)
        row(_("Overall"), totals.overall, heading=True)

    def total_texts(self) -> list[list[str]]:
        """What the totals panel shows, row by row (for tests and screen readers)."""
        return [[self.totals.topLevelItem(i).text(c) for c in range(4)]
                for i in range(self.totals.topLevelItemCount())]

    # --- budget lines -------------------------------------------------------------------

    def _selected_line(self) -> LineOut | None:
        index = self.lines.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _line_dialog(self, save: Any, line: Any = None) -> LineDialog:
        assert self.budget is not None
        currencies = [self.budget.base_currency] + [r.currency for r in self.budget.rates]
        sources = [(s.name, int(s.key)) for s in self.budget.sources]
        return LineDialog(save, currencies=currencies, sources=sources, line=line,
                          parent=self)

    def add_line(self, exec_dialog: bool = True) -> LineDialog:
        from app.services.budget import (
            create_budget_line,
            delete_budget_line,
            restore_budget_line,
        )

        db, visit_id = self.db, self.visit_id

        def save(fields: dict[str, Any]) -> None:
            self.context.create(_("Add budget line"),
                                lambda: create_budget_line(db, visit_id, **fields),
                                lambda row_id: delete_budget_line(db, row_id),
                                lambda row_id: restore_budget_line(db, row_id))

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
            "category": line.category, "description": line.description,
            "funding_source_id": int(line.funding) if line.funding else None,
            "quantity": str(line.quantity), "unit": line.unit,
            "unit_price": str(line.unit_price), "currency": line.currency,
            "actual_amount": None if line.actual_amount is None else str(line.actual_amount),
            "actual_paid": line.actual_paid, "eligible": line.eligible,
        }
        db, line_id = self.db, line.id

        def save(after: dict[str, Any]) -> None:
            self.context.update(_("Change budget line"),
                                lambda changes: update_budget_line(db, line_id, None,
                                                                   **changes),
                                before, after)

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
            self.context.delete(_("Delete budget line"),
                                lambda: delete_budget_line(db, line_id),
                                lambda: restore_budget_line(db, line_id))
        except refused() as problem:
            self.context.report(problem)

    # --- rates and sources --------------------------------------------------------------

    @staticmethod
    def _current(table: QTableView, model: RowsModel[Any]) -> Any:
        index = table.currentIndex()
        return model.row_at(index.row()) if index.isValid() else None

    def add_rate(self, exec_dialog: bool = True) -> RateDialog:
        from app.services.budget import (
            create_exchange_rate,
            delete_exchange_rate,
            restore_exchange_rate,
        )

        db, visit_id = self.db, self.visit_id

        def save(fields: dict[str, Any]) -> None:
            self.context.create(_("Add exchange rate"),
                                lambda: create_exchange_rate(db, visit_id, **fields),
                                lambda row_id: delete_exchange_rate(db, row_id),
                                lambda row_id: restore_exchange_rate(db, row_id))

        assert self.budget is not None
        dialog = RateDialog(save, base=self.budget.base_currency, parent=self)
        if exec_dialog:
            dialog.exec()
        return dialog

    def edit_rate(self) -> None:
        from app.services.budget import update_exchange_rate

        rate = self._current(self.rates, self.rate_model)
        if rate is None or self.budget is None:
            return
        before = {"currency": rate.currency, "per_base": str(rate.per_base),
                  "source": rate.source}
        db, rate_id = self.db, rate.id

        def save(after: dict[str, Any]) -> None:
            self.context.update(_("Change exchange rate"),
                                lambda changes: update_exchange_rate(db, rate_id, None,
                                                                     **changes),
                                before, after)

        RateDialog(save, base=self.budget.base_currency, rate=rate, parent=self).exec()

    def import_ecb(self, path: str | None = None) -> None:
        """Rates from a saved ECB reference-rate file (eurofxref.csv or its history)."""
        from pathlib import Path

        from app.services.budget import (
            delete_exchange_rate,
            list_exchange_rates,
            update_exchange_rate,
        )
        from app.services.ecb_rates import import_ecb_rates

        if path is None:
            path, _filter = QFileDialog.getOpenFileName(
                self, _("Import ECB file"), "", _("ECB rate files (*.csv *.zip *.xml)"))
            if not path:
                return
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as problem:
            self.context.report(problem)
            return
        db, visit_id = self.db, self.visit_id
        before = {r.currency: r for r in list_exchange_rates(db, visit_id)}

        def undo() -> None:
            """Rates the file added go; rates it changed get their old values back."""
            for rate in list_exchange_rates(db, visit_id):
                old = before.get(rate.currency)
                if old is None:
                    delete_exchange_rate(db, rate.id)
                else:
                    update_exchange_rate(db, rate.id, None, per_base=str(old.per_base),
                                         date=old.date, source=old.source)

        try:
            self.context.call(_("Import ECB file"),
                              lambda: import_ecb_rates(db, visit_id, text), undo)
        except refused() as problem:
            self.context.report(problem)

    def add_source(self, exec_dialog: bool = True) -> SourceDialog:
        from app.services.budget import (
            create_funding_source,
            delete_funding_source,
            restore_funding_source,
        )

        db, visit_id = self.db, self.visit_id

        def save(fields: dict[str, Any]) -> None:
            self.context.create(_("Add funding source"),
                                lambda: create_funding_source(db, visit_id, **fields),
                                lambda row_id: delete_funding_source(db, row_id),
                                lambda row_id: restore_funding_source(db, row_id))

        dialog = SourceDialog(save, parent=self)
        if exec_dialog:
            dialog.exec()
        return dialog

    def edit_source(self) -> None:
        from app.services.budget import update_funding_source

        source = self._current(self.sources, self.source_model)
        if source is None:
            return
        before = {"name": source.name,
                  "share": None if source.share is None else str(source.share)}
        db, source_id = self.db, source.id

        def save(after: dict[str, Any]) -> None:
            self.context.update(_("Change funding source"),
                                lambda changes: update_funding_source(db, source_id, None,
                                                                      **changes),
                                before, after)

        SourceDialog(save, source=source, parent=self).exec()

    # --- documents ----------------------------------------------------------------------

    def export(self, kind: str, path: str | None = None) -> None:
        """The budget PDF or spreadsheet for finance staff, in the interface language."""
        if self.budget is None:
            return
        if path is None:
            pattern = _("PDF files (*.pdf)") if kind == "pdf" else _("Spreadsheets (*.xlsx)")
            path, _filter = QFileDialog.getSaveFileName(
                self, _("Export budget"), f"{self.budget.code}-budget.{kind}", pattern)
            if not path:
                return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # a second or so
        try:
            try:
                self._write(kind, path)
            finally:
                QApplication.restoreOverrideCursor()
        except (*refused(), OSError) as problem:
            self.context.report(problem)

    def _write(self, kind: str, path: str) -> None:
        assert self.budget is not None
        if kind == "pdf":
            from app.documents.budget_pdf import write_budget_pdf

            write_budget_pdf(self.budget, path, current_language())
        else:
            from app.documents.budget_xlsx import write_budget_xlsx

            write_budget_xlsx(self.budget, path, current_language())
