"""The Budget tab: the visit's budget lines, exchange rates and funding sources, with the
totals and warnings finance staff check.

The totals come from ``app.services.budget_report`` (the same computation as the budget PDF
and spreadsheet), so the cents shown here are the cents printed. Every change goes through
the services as an undoable command; the tab only formats what they return. Deleting a
line, a rate or a source asks first (also from the Delete key on its table). The PDF and
the spreadsheet are written off the UI thread (``ui.visit.budget_export``) with a progress
bar and Cancel, which leaves no file.

This module lays the tab out and reloads it; what each part does lives beside it:
``budget_lines`` (the lines), ``budget_rates`` (exchange rates, the ECB and InforEuro
imports), ``budget_rule`` (how payments convert: the project's rule and fixed rates),
``budget_sources`` (funding sources), ``budget_export`` (the documents),
``budget_totals_view`` (totals and warnings), ``budget_delegates_view`` (the cost per
delegate and per sending organisation), ``ui.models.budget_model`` (the columns).
Each table with its Add, Edit and Delete buttons is a ``ui.widgets.list_panel.ListPanel``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QFrame,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.budget_totals import LineOut
from app.i18n import _
from ui.models.budget_model import line_columns as _lines_columns
from ui.models.budget_model import rate_columns, source_columns
from ui.models.rows_model import RowsModel
from ui.read_only import read_safe
from ui.settings import load_bytes, remember_splitter
from ui.visit.budget_delegates_view import DelegateCostsView
from ui.visit.budget_export import BudgetExporting, BudgetExportWorker
from ui.visit.budget_lines import BudgetLinesActions
from ui.visit.budget_rate_help import RateHelp
from ui.visit.budget_rates import BudgetRatesActions, rates_set_text
from ui.visit.budget_reprice import BudgetRepricing
from ui.visit.budget_rule import RuleRow
from ui.visit.budget_sources import BudgetSourcesActions
from ui.visit.budget_totals_view import TotalsTree, WarningsList
from ui.visit.tab_base import VisitTab
from ui.widgets.list_panel import ListPanel, button_row, titled

if TYPE_CHECKING:
    from app.services.budget_report import VisitBudget
    from ui.context import Context

__all__ = ["BudgetTab", "_lines_columns", "rates_set_text"]


def _budget_table(table: QTableView) -> None:
    """One line a row; a long grant name elides rather than widening its column."""
    table.setWordWrap(False)
    table.horizontalHeader().setMaximumSectionSize(260)


class BudgetTab(
    BudgetLinesActions,
    BudgetRatesActions,
    BudgetRepricing,
    BudgetSourcesActions,
    BudgetExporting,
    VisitTab,
):
    def __init__(self, context: Context, visit_id: int, parent: QWidget | None = None) -> None:
        super().__init__(context, visit_id, parent)
        self.budget: VisitBudget | None = None
        self.line_versions: dict[int, int] = {}  # line id → version when last shown
        self.worker: BudgetExportWorker | None = None
        self._build_lines()
        self._build_rates_and_sources()
        self.totals = TotalsTree()
        self.delegates = DelegateCostsView()
        self.warnings = WarningsList()
        self._lay_out()
        self._set_exporting(False)

    def _build_lines(self) -> None:
        """The lines' table under their buttons, the document buttons and the status."""
        self.chosen_button = QPushButton(_("C&hange chosen lines…"))
        self.chosen_button.setToolTip(
            _(
                "Give every chosen line a funding source or a "
                "category (choose lines with Shift or Ctrl)"
            )
        )
        self.chosen_button.clicked.connect(lambda: self.change_chosen())
        self.pdf_button = QPushButton(_("Budget &PDF…"))
        self.xlsx_button = QPushButton(_("Budget &spreadsheet…"))
        self.pdf_button.clicked.connect(lambda: self.export("pdf"))
        self.xlsx_button.clicked.connect(lambda: self.export("xlsx"))
        self.cancel_button = QPushButton(_("&Cancel"))
        read_safe(self.pdf_button, self.xlsx_button, self.cancel_button)
        self.cancel_button.clicked.connect(self.cancel_export)
        self.progress = QProgressBar()
        self.progress.setAccessibleName(_("Progress"))
        self.progress.setMaximumWidth(160)
        self.status = QLabel()
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.line_panel = ListPanel(
            _lines_columns("EUR", str),
            _("Budget lines"),
            add=(_("&Add line…"), self.add_line),
            edit=(_("&Edit…"), self.edit_line),
            delete=(_("&Delete"), self.delete_line),
            extras=(
                self.chosen_button,
                self.pdf_button,
                self.xlsx_button,
                self.progress,
                self.cancel_button,
            ),
            tail=self.status,
        )  # a long path is cut, not widening the window
        self.model: RowsModel[LineOut] = self.line_panel.model
        self.lines = self.line_panel.table
        self.add_button = self.line_panel.add_button
        self.edit_button = self.line_panel.edit_button
        self.delete_button = self.line_panel.delete_button
        _budget_table(self.lines)
        # Sorted by a click on a header; several lines chosen (Shift/Ctrl) take a funding
        # source or a category at once ("Change chosen lines…").
        # (the lines' own order until a header is clicked: no sort column at first)
        self.lines.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.lines.setSortingEnabled(True)
        self.lines.setSelectionMode(QTableView.SelectionMode.ExtendedSelection)

    def _build_rates_and_sources(self) -> None:
        self.ecb_button = QPushButton(_("Import rate &file…"))
        self.ecb_button.setToolTip(
            _(
                "The ECB's reference rates (eurofxref.csv, "
                "eurofxref-hist.csv or their zip) or the Commission's "
                "monthly InforEuro rates (JSON or CSV)"
            )
        )
        self.ecb_button.clicked.connect(lambda: self.import_ecb())
        self.rule_row = RuleRow(self.context)
        self.rate_help = RateHelp()
        self.reprice_button = QPushButton(_("Re-price pla&n…"))
        self.reprice_button.setToolTip(
            _(
                "Give the plan other rates (an ECB day, an "
                "InforEuro month, the project's fixed rates): "
                "shown first, one step you can undo"
            )
        )
        self.reprice_button.clicked.connect(lambda: self.reprice())
        self.rate_panel = ListPanel(
            rate_columns(),
            _("Exchange rates"),
            add=(_("Add &rate…"), self.add_rate),
            edit=(_("Edit rate…"), self.edit_rate),
            delete=(_("Delete rate"), self.delete_rate),
        )
        self.rate_model = self.rate_panel.model
        self.rates = self.rate_panel.table
        self.add_rate_button = self.rate_panel.add_button
        self.edit_rate_button = self.rate_panel.edit_button
        self.delete_rate_button = self.rate_panel.delete_button
        _budget_table(self.rates)

        self.source_panel = ListPanel(
            source_columns(),
            _("Funding sources"),
            add=(_("Add &funding source…"), self.add_source),
            edit=(_("Edit source…"), self.edit_source),
            delete=(_("Delete source"), self.delete_source),
        )
        self.source_model = self.source_panel.model
        self.sources = self.source_panel.table
        self.add_source_button = self.source_panel.add_button
        self.edit_source_button = self.source_panel.edit_button
        self.delete_source_button = self.source_panel.delete_button
        _budget_table(self.sources)
        sources_header = self.sources.horizontalHeader()
        sources_header.setStretchLastSection(False)
        sources_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            sources_header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

    def _lay_out(self) -> None:
        bottom = QSplitter(Qt.Orientation.Horizontal)
        side = QSplitter(Qt.Orientation.Vertical)
        rates = QWidget()
        rates_layout = QVBoxLayout(rates)
        rates_layout.setContentsMargins(0, 0, 0, 0)
        rates_layout.addWidget(self.rule_row)
        # The file import and re-pricing on a row of their own: beside Add/Edit/Delete
        # they widened the rates pane and squeezed the totals at 1024 px.
        rates_layout.addLayout(button_row(self.ecb_button, self.reprice_button))
        rates_layout.addWidget(self.rate_panel, 1)
        rates_layout.addWidget(self.rate_help, 1)  # in the empty table's place
        side.addWidget(titled(_("Exchange rates"), rates))
        side.addWidget(titled(_("Funding sources"), self.source_panel))
        # The totals over the warnings, sharing the wider half: four columns of amounts
        # up to 10^11 need the width more than the warnings, which wrap.
        checks = QSplitter(Qt.Orientation.Vertical)
        checks.addWidget(titled(_("Totals"), self.totals))
        checks.addWidget(titled(_("Warnings"), self.warnings))
        checks.setStretchFactor(0, 3)
        checks.setStretchFactor(1, 2)
        bottom.addWidget(side)
        bottom.addWidget(checks)
        bottom.setStretchFactor(0, 2)
        bottom.setStretchFactor(1, 3)
        bottom.setSizes([2000, 3000])  # the proportions, whatever the long names ask
        split = QSplitter(Qt.Orientation.Vertical)
        # The panes below the lines scroll as one when the window is low (1024×700), so
        # they no longer take the lines' height: the lines get most of it, and at
        # 1400×900 the panes still show whole (the first sizes, see showEvent).
        self.panes = QScrollArea()
        self.panes.setWidgetResizable(True)
        self.panes.setFrameShape(QFrame.Shape.NoFrame)
        self.panes.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Under them the cost per delegate and per sending organisation, the whole width:
        # six columns beside the totals left the organisations' names "…" at 1024 px.
        panes = QWidget()
        panes_layout = QVBoxLayout(panes)
        panes_layout.setContentsMargins(0, 0, 0, 0)
        panes_layout.addWidget(bottom, 1)
        panes_layout.addWidget(
            titled(_("Cost per delegate and per sending organisation"), self.delegates)
        )
        self.panes.setWidget(panes)
        split.addWidget(self.line_panel)
        split.addWidget(self.panes)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        self._first_sizes = load_bytes("budget/split") is None
        # Every pane but the lines can be folded away by dragging its edge, and each
        # splitter is where the user left it, next time too.
        split.setCollapsible(0, False)
        self.splitters = {
            "budget/split": split,
            "budget/bottom": bottom,
            "budget/side": side,
            "budget/checks": checks,
        }
        for key, splitter in self.splitters.items():
            remember_splitter(splitter, key)
        layout = QVBoxLayout(self)
        layout.addWidget(split)

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._first_sizes:  # not when the user's own sizes were restored
            self._first_sizes = False
            QTimer.singleShot(0, self._share_height)

    def _share_height(self) -> None:
        """The panes as tall as they need while the lines keep at least 60 % of the
        height; below that the panes scroll."""
        split = self.splitters["budget/split"]
        total = sum(split.sizes())
        if total <= 0:
            return
        wanted = self.panes.widget().minimumSizeHint().height() + 2
        panes = min(wanted, int(total * 0.4))
        split.setSizes([total - panes, panes])

    # --- showing ------------------------------------------------------------------------

    def reload(self) -> None:
        from app.services.budget import (
            budget_line_versions,
            list_exchange_rates,
            list_funding_sources,
        )
        from app.services.budget_report import visit_budget

        self.take_visit()
        # Each line's version, read before the lines: a change landing between the two
        # reads then makes a save refused (reload), never a silent overwrite.
        self.line_versions = budget_line_versions(self.db, self.visit_id)
        budget = self.budget = visit_budget(self.db, self.visit_id)
        base = budget.base_currency
        self.model.columns = _lines_columns(base, budget.source_name, budget.rate_of)
        current, chosen = self._line_id_at(self.lines.currentIndex()), self.chosen_line_ids()
        self.model.set_rows(budget.totals.lines)
        self._choose_lines(current, chosen)  # an edited line stays the current one
        self.rate_panel.set_rows(list_exchange_rates(self.db, self.visit_id))
        self.source_panel.set_rows(list_funding_sources(self.db, self.visit_id))
        self.lines.resizeColumnsToContents()
        for column, widest in ((1, 210), (2, 150)):  # description, funding source: the
            if self.lines.columnWidth(column) > widest:  # tooltip and the form show all
                self.lines.setColumnWidth(column, widest)
        self.rule_row.show_budget(budget)
        self.rate_help.show_budget(budget)
        self.rates.setVisible(bool(budget.rates))  # the note says what to do instead
        self.totals.show_budget(budget)
        self.delegates.show_budget(budget)
        self.warnings.show_texts([w.text for w in budget.warnings])

    def total_texts(self) -> list[list[str]]:
        """What the totals panel shows, row by row (for tests and screen readers)."""
        return self.totals.texts()
