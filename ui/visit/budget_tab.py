"""The Budget tab: the visit's budget lines, exchange rates and funding sources, with the
totals and warnings finance staff check.

The totals come from ``app.services.budget_report`` (the same computation as the budget PDF
and spreadsheet), so the cents shown here are the cents printed. Every change goes through
the services as an undoable command; the tab only formats what they return. Deleting a
line, a rate or a source asks first (also from the Delete key on its table). The PDF and
the spreadsheet are written off the UI thread (``ui.visit.budget_export``) with a progress
bar and Cancel, which leaves no file.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.budget_totals import Amounts, LineOut, category_label
from app.i18n import N_, _, current_language, format_date, format_money, ngettext
from ui.models.budget_model import RATE_COLUMNS, SOURCE_COLUMNS, line_columns
from ui.models.rows_model import Column, RowsModel
from ui.settings import load_bytes, remember_splitter
from ui.visit.budget_dialogs import ChosenLinesDialog, LineDialog, RateDialog, SourceDialog
from ui.visit.budget_export import BudgetExportWorker
from ui.visit.tab_base import VisitTab
from ui.widgets import file_dialogs
from ui.widgets.messages import confirm_delete, refused, show_error
from ui.widgets.views import edit_keys, read_only_table

if TYPE_CHECKING:
    from app.services.budget_report import RateRow, VisitBudget
    from ui.context import Context


def _table(model: RowsModel[Any], name: str) -> QTableView:
    table = read_only_table(model, name)
    table.setWordWrap(False)
    table.horizontalHeader().setMaximumSectionSize(260)  # a long grant name elides
    return table


def rates_set_text(result: Any) -> str:
    """What an ECB import set, as the tab writes it: "Rates of 1. apr. 2014 set: NOK
    8,2400." and, apart, the note on a day without rates — each a sentence of its own,
    rates with the language's decimal mark (as the rates table), dates as the app writes
    them."""
    from app.documents.budget_text import number

    lang = current_language()
    parts = []
    if result.rates:
        parts.append(_("Rates of {day} set: {rates}.").format(
            day=format_date(result.day),
            rates=", ".join(f"{c} {number(r, lang)}" for c, r, _new in result.rates)))
    if result.kept:
        parts.append(_("The plan keeps its rates for {currencies}.").format(
            currencies=", ".join(result.kept)))
    if result.dated:
        parts.append(ngettext("{count} ECB rate stored for the payments' days.",
                              "{count} ECB rates stored for the payments' days.",
                              result.dated).format(count=result.dated))
    message = " ".join(parts)
    if result.requested is not None and result.requested != result.day:
        message += " " + _("{day} has no reference rates (a weekend or holiday); the rates "
                           "of {used} were taken.").format(
            day=format_date(result.requested), used=format_date(result.day))
    return message


def _rate_note(rate: RateRow | None) -> str:
    """"÷ 8.2550 (ECB, 2014-03-31)": the rate used and where and when it is from."""
    if rate is None:
        return ""
    origin = ", ".join(x for x in (rate.source, rate.date.isoformat() if rate.date else None)
                       if x)
    return f" ÷ {rate.per_base}" + (f" ({origin})" if origin else "")


def _lines_columns(base: str, source_name: Any,
                   rate_of: Callable[[str | None], RateRow | None] = lambda _c: None
                   ) -> list[Column[LineOut]]:
    """The model's line columns, with what the invoice says: the actual amount in its own
    currency (the Actual cell's tooltip), the invoice or receipt, its date, and paid; and
    each amount in its own currency, with the rate and the rate's date in the tooltips
    (the PDF prints them; the window should not know less)."""
    columns = line_columns(base, source_name)
    headers = [column.header for column in columns]

    def planned_original(o: LineOut) -> str:
        return format_money(o.line.quantity * o.line.unit_price, o.line.currency)

    def actual_original(o: LineOut) -> str:
        line = o.line
        if line.actual_amount is None:
            return ""
        return format_money(line.actual_amount, line.actual_currency or line.currency)

    def explain(text: str, currency: str, converted: Decimal | None) -> str:
        if converted is None:
            return _("{amount}: {currency} has no exchange rate").format(
                amount=text, currency=currency)
        if currency == base:
            return text
        return f"{text}{_rate_note(rate_of(currency))} = {format_money(converted, base)}"

    def planned_tip(o: LineOut) -> str:
        return explain(planned_original(o), o.line.currency, o.planned)

    def actual_tip(o: LineOut) -> str | None:
        """The rate the payment converted at — its own day's under the project's rule —
        and the exchange difference against the plan's rate."""
        line = o.line
        if line.actual_amount is None:
            return None
        currency = line.actual_currency or line.currency
        used = o.rate
        if used is None or used.kind == "plan" or o.actual is None:
            text = explain(actual_original(o), currency, o.actual)
        else:
            origin = {"ecb": "ECB", "inforeuro": "InforEuro"}.get(used.kind, _("fixed rate"))
            when = f", {used.date.isoformat()}" if used.date else ""
            text = (f"{actual_original(o)} ÷ {used.per_base} ({origin}{when}) = "
                    f"{format_money(o.actual, base)}")
        if o.exchange:
            text += " · " + _("exchange difference {amount}").format(
                amount=format_money(o.exchange, base))
        return text

    planned = headers.index("Planned")
    columns[planned] = dataclasses.replace(columns[planned], tooltip=planned_tip)
    actual = headers.index("Actual")
    columns[actual] = dataclasses.replace(columns[actual], tooltip=actual_tip)
    extra = [
        Column(N_("Paid"), lambda o: (_("yes") if o.line.actual_paid else _("no"))),
        Column(N_("Invoice or receipt"), lambda o: o.line.actual_document),
        Column(N_("Document date"),  # as the form's date field writes it (2026-04-10)
               lambda o: o.line.actual_date.isoformat() if o.line.actual_date else "",
               sort=lambda o: o.line.actual_date or dt.date.min),
    ]
    at = headers.index("Variance") + 1
    originals = [
        Column(N_("Planned in its currency"), planned_original, tooltip=planned_tip,
               sort=lambda o: o.line.quantity * o.line.unit_price, right=True),
        Column(N_("Actual in its currency"), actual_original, tooltip=actual_tip,
               sort=lambda o: o.line.actual_amount if o.line.actual_amount is not None
               else Decimal("-1e18"), right=True),
    ]
    return columns[:at] + extra + columns[at:] + originals


def _rate_columns() -> list[Column[Any]]:
    """Currency, rate, the rate's date and its source: a rate without its day cannot be
    checked (a 2014 rate on a 2023 visit looked like any other)."""
    date = Column(N_("Date"), lambda r: r.date.isoformat() if r.date else "",
                  sort=lambda r: r.date or dt.date.min)
    return [*RATE_COLUMNS[:2], date, *RATE_COLUMNS[2:]]


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


_LONG_WORD = re.compile(r"\S{25,}")


def breakable(text: str) -> str:
    """The text with a zero-width space every 20 letters of a very long word, where Qt's
    word wrap may then break it (it breaks only between words)."""
    return _LONG_WORD.sub(lambda m: "\u200b".join(
        m.group()[i:i + 20] for i in range(0, len(m.group()), 20)), text)


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
        self.line_versions: dict[int, int] = {}  # line id → version when last shown
        self.worker: BudgetExportWorker | None = None
        self.model: RowsModel[LineOut] = RowsModel(_lines_columns("EUR", str), self)
        self.lines = _table(self.model, _("Budget lines"))
        # Sorted by a click on a header; several lines chosen (Shift/Ctrl) take a funding
        # source or a category at once ("Change chosen lines…").
        # (the lines' own order until a header is clicked: no sort column at first)
        self.lines.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.lines.setSortingEnabled(True)
        self.lines.setSelectionMode(QTableView.SelectionMode.ExtendedSelection)
        edit_keys(self.lines, self.edit_line, self.delete_line)
        self.chosen_button = QPushButton(_("C&hange chosen lines…"))
        self.chosen_button.setToolTip(_("Give every chosen line a funding source or a "
                                        "category (choose lines with Shift or Ctrl)"))
        self.chosen_button.clicked.connect(lambda: self.change_chosen())
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
        self.cancel_button = QPushButton(_("&Cancel"))
        self.cancel_button.clicked.connect(self.cancel_export)
        self.progress = QProgressBar()
        self.progress.setAccessibleName(_("Progress"))
        self.progress.setMaximumWidth(160)
        self.status = QLabel()
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

        self.rate_model: RowsModel[Any] = RowsModel(_rate_columns(), self)
        self.rates = _table(self.rate_model, _("Exchange rates"))
        edit_keys(self.rates, self.edit_rate, self.delete_rate)
        self.add_rate_button = QPushButton(_("Add &rate…"))
        self.edit_rate_button = QPushButton(_("Edit rate…"))
        self.delete_rate_button = QPushButton(_("Delete rate"))
        self.delete_rate_button.clicked.connect(lambda: self.delete_rate())
        self.ecb_button = QPushButton(_("Import &ECB file…"))
        self.add_rate_button.clicked.connect(lambda: self.add_rate())
        self.edit_rate_button.clicked.connect(lambda: self.edit_rate())
        self.ecb_button.clicked.connect(lambda: self.import_ecb())

        self.source_model: RowsModel[Any] = RowsModel(
            [*SOURCE_COLUMNS, Column(N_("Grant"), lambda s: _("yes") if s.is_grant
                                     else _("no"))], self)
        self.sources = _table(self.source_model, _("Funding sources"))
        sources_header = self.sources.horizontalHeader()
        sources_header.setStretchLastSection(False)
        sources_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            sources_header.setSectionResizeMode(column,
                                                QHeaderView.ResizeMode.ResizeToContents)
        edit_keys(self.sources, self.edit_source, self.delete_source)
        self.add_source_button = QPushButton(_("Add &funding source…"))
        self.edit_source_button = QPushButton(_("Edit source…"))
        self.delete_source_button = QPushButton(_("Delete source"))
        self.delete_source_button.clicked.connect(lambda: self.delete_source())
        self.add_source_button.clicked.connect(lambda: self.add_source())
        self.edit_source_button.clicked.connect(lambda: self.edit_source())

        self.totals = QTreeWidget()
        self.totals.setHeaderLabels([_("Totals"), _("Planned"), _("Actual"), _("Variance")])
        self.totals.setAccessibleName(_("Totals"))
        self.totals.setRootIsDecorated(False)
        # The amounts as wide as their widest text, the labels as wide as theirs up to a
        # limit (a long one elides; its tooltip has it), scrolling sideways when the panel
        # is narrower: with a stretching label column, amounts of 10^11 squeezed the labels
        # to "…" and cut the variance's digits.
        header = self.totals.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.warnings = QListWidget()
        self.warnings.setAccessibleName(_("Warnings"))
        # Each warning wraps to the list's width (again when it is resized) instead of
        # widening the list, so a long one cannot push the others out of sight.
        self.warnings.setWordWrap(True)
        self.warnings.setResizeMode(QListView.ResizeMode.Adjust)
        self.warnings.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        actions = QHBoxLayout()
        for widget in (self.add_button, self.edit_button, self.delete_button,
                       self.chosen_button, self.pdf_button, self.xlsx_button, self.progress, self.cancel_button):
            actions.addWidget(widget)
        actions.addWidget(self.status, 1)  # a long path is cut, not widening the window
        top_layout.addLayout(actions)
        top_layout.addWidget(self.lines)
        rates_box = self._box(_("Exchange rates"), self.rates, self.add_rate_button,
                              self.edit_rate_button, self.delete_rate_button,
                              self.ecb_button)
        sources_box = self._box(_("Funding sources"), self.sources, self.add_source_button,
                                self.edit_source_button, self.delete_source_button)
        totals_box = self._box(_("Totals"), self.totals)
        warnings_box = self._box(_("Warnings"), self.warnings)
        bottom = QSplitter(Qt.Orientation.Horizontal)
        side = QSplitter(Qt.Orientation.Vertical)
        side.addWidget(rates_box)
        side.addWidget(sources_box)
        # The totals over the warnings, sharing the wider half: four columns of amounts
        # up to 10^11 need the width more than the warnings, which wrap.
        checks = QSplitter(Qt.Orientation.Vertical)
        checks.addWidget(totals_box)
        checks.addWidget(warnings_box)
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
        self.panes.setWidget(bottom)
        split.addWidget(top)
        split.addWidget(self.panes)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        self._first_sizes = load_bytes("budget/split") is None
        # Every pane but the lines can be folded away by dragging its edge, and each
        # splitter is where the user left it, next time too.
        split.setCollapsible(0, False)
        self.splitters = {"budget/split": split, "budget/bottom": bottom,
                          "budget/side": side, "budget/checks": checks}
        for key, splitter in self.splitters.items():
            remember_splitter(splitter, key)
        layout = QVBoxLayout(self)
        layout.addWidget(split)
        self._set_exporting(False)

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
        self.rate_model.set_rows(list_exchange_rates(self.db, self.visit_id))
        self.source_model.set_rows(list_funding_sources(self.db, self.visit_id))
        self.lines.resizeColumnsToContents()
        for column, widest in ((1, 210), (2, 150)):  # description, funding source: the
            if self.lines.columnWidth(column) > widest:  # tooltip and the form show all
                self.lines.setColumnWidth(column, widest)
        self._show_totals(budget)
        self.warnings.clear()
        for text in [w.text for w in budget.warnings] or [_("No warnings.")]:
            item = QListWidgetItem(breakable(text))
            item.setToolTip(text)
            self.warnings.addItem(item)

    def _show_totals(self, budget: VisitBudget) -> None:
        base, totals = budget.base_currency, budget.totals
        self.totals.clear()

        def row(label: str, amounts: Amounts, *, heading: bool = False) -> None:
            item = QTreeWidgetItem([label, format_money(amounts.planned, base),
                                    format_money(amounts.actual, base),
                                    format_money(amounts.variance, base)])
            for column in range(4):
                item.setToolTip(column, item.text(column).strip())
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
        title(_("Eligibility"))
        row("  " + _("Eligible costs"), totals.eligible)
        row("  " + _("Ineligible costs"), totals.ineligible)
        row(_("Overall"), totals.overall, heading=True)
        self.totals.header().resizeSection(
            0, min(max(self.totals.sizeHintForColumn(0), 120), 220))
        self._fit_totals()

    TOTALS_MAX_HEIGHT = 420  # px; beyond it the panel scrolls (a budget of many sources)

    def _fit_totals(self) -> None:
        """Make the totals panel as tall as its rows, so the overall row at the bottom is
        seen without scrolling (at 1400×900 it was cut off under the splitter's share);
        a budget with more rows than fit in ``TOTALS_MAX_HEIGHT`` scrolls instead."""
        tree = self.totals
        rows = sum(max(tree.sizeHintForRow(i), tree.fontMetrics().height())
                   for i in range(tree.topLevelItemCount()))
        height = tree.header().sizeHint().height() + rows + 2 * tree.frameWidth() + 2
        if tree.header().length() > tree.viewport().width() > 0:
            height += tree.horizontalScrollBar().sizeHint().height()
        tree.setMinimumHeight(min(height, self.TOTALS_MAX_HEIGHT))

    def total_texts(self) -> list[list[str]]:
        """What the totals panel shows, row by row (for tests and screen readers)."""
        return [[self.totals.topLevelItem(i).text(c) for c in range(4)]
                for i in range(self.totals.topLevelItemCount())]

    # --- budget lines -------------------------------------------------------------------

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
        return [int(self.model.row_at(row).line.id) for row in rows
                if row < self.model.rowCount()]

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
                selection.select(self.model.index(row, 0),
                                 self.model.index(row, self.model.columnCount() - 1))
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
        dialog = ChosenLinesDialog(lambda fields: self.set_lines(ids, fields),
                                   count=len(ids), sources=sources, parent=self)
        if exec_dialog:
            dialog.exec()
        return dialog

    def set_lines(self, ids: list[int], fields: dict[str, Any]) -> None:
        """``fields`` for the lines ``ids`` in one transaction and one undo step."""
        from app.services.budget import set_budget_lines

        db = self.db
        versions = {line_id: self.line_versions.get(line_id) for line_id in ids}
        was: dict[int, dict[str, Any]] = {}

        def do() -> None:
            done = set_budget_lines(db, {line_id: fields for line_id in ids}, versions)
            for line_id, (version, before) in done.items():
                versions[line_id] = version
                was.setdefault(line_id, before)

        def undo() -> None:
            done = set_budget_lines(db, was, versions)
            for line_id, (version, _before) in done.items():
                versions[line_id] = version

        n = len(ids)
        self.context.call(ngettext("Change {n} budget line", "Change {n} budget lines",
                                   n).format(n=n), do, undo)

    def _selected_line(self) -> LineOut | None:
        index = self.lines.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _line_dialog(self, save: Any, line: Any = None) -> LineDialog:
        assert self.budget is not None
        currencies = [self.budget.base_currency] + [r.currency for r in self.budget.rates]
        sources = [(s.name, int(s.key)) for s in self.budget.sources]
        rates = {r.currency: r.per_base for r in self.budget.rates}
        return LineDialog(save, currencies=currencies, sources=sources, line=line,
                          base=self.budget.base_currency, rates=rates,
                          source=default_source(self.budget) if line is None else None,
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
            "eligible": line.eligible,
            "actual_amount": None if line.actual_amount is None else str(line.actual_amount),
            "actual_currency": line.actual_currency, "actual_document": line.actual_document,
            "actual_date": line.actual_date, "actual_paid": line.actual_paid,
        }
        db, line_id = self.db, line.id
        version = self.line_versions.get(line_id)

        def save(after: dict[str, Any]) -> None:
            self.context.update_row(_("Change budget line"),
                                    lambda seen, changes: update_budget_line(
                                        db, line_id, seen, **changes),
                                    version, before, after)

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
        db, rate_id, version = self.db, rate.id, rate.version

        def save(after: dict[str, Any]) -> None:
            self.context.update_row(_("Change exchange rate"),
                                    lambda seen, changes: update_exchange_rate(
                                        db, rate_id, seen, **changes),
                                    version, before, after)

        RateDialog(save, base=self.budget.base_currency, rate=rate, parent=self).exec()

    def delete_rate(self) -> None:
        """Delete the chosen rate, asking first; a rate that lines still use is refused by
        the service, and its sentence (how many lines, which currency) is shown."""
        from app.services.budget import delete_exchange_rate, restore_exchange_rate

        rate = self._current(self.rates, self.rate_model)
        if rate is None:
            return
        what = _("the exchange rate of {currency}").format(currency=rate.currency)
        if not confirm_delete(self, what):
            return
        db, rate_id = self.db, rate.id
        try:
            self.context.delete(_("Delete exchange rate"),
                                lambda: delete_exchange_rate(db, rate_id),
                                lambda: restore_exchange_rate(db, rate_id))
        except refused() as problem:
            self.context.report(problem)

    def import_ecb(self, path: str | None = None) -> None:
        """Rates from a saved ECB reference-rate file: the CSV, or the zip the ECB offers.

        A file whose latest rates are more than a week older than the visit's first day is
        not applied silently: the user is asked whether to take that day's rates anyway.
        The status line then says which day the rates are of.
        """
        from app.domain.validation import Invalid
        from app.services.ecb_rates import (
            OldRates,
            import_ecb_rates,
            put_rates,
            rate_values,
            read_ecb_file,
        )

        if path is None:
            path, _filter = file_dialogs.get_open_file_name(
                self, _("Import ECB file"), "", _("ECB rate files (*.csv *.zip)"))
            if not path:
                return
        try:
            text = read_ecb_file(path)
        except OSError as problem:
            self.context.report(Invalid(_("{file}: cannot read the file ({reason})").format(
                file=Path(path).name, reason=problem.strerror or problem)))
            return
        except Invalid as problem:
            self.context.report(Invalid(f"{Path(path).name}: {problem}"))
            return
        db, visit_id = self.db, self.visit_id
        before = rate_values(db, visit_id)
        after: dict[str, Any] = {}
        done: list[Any] = []

        def do(day: dt.date | None) -> None:
            """The import the first time; the rates it set again on redo (one transaction
            each way, so an undo never leaves half the rates restored)."""
            if after:
                put_rates(db, visit_id, after)
                return
            done.append(import_ecb_rates(db, visit_id, text, day=day))
            after.update(rate_values(db, visit_id))

        def run(day: dt.date | None) -> None:
            self.context.call(_("Import ECB file"), lambda: do(day),
                              lambda: put_rates(db, visit_id, before))

        try:
            try:
                run(None)
            except OldRates as old:
                if not self.ask_old_rates(_(
                        "The file's latest rates on or before {day} are of {used}, more "
                        "than a week earlier. Take the rates of {used} anyway?").format(
                        day=old.wanted.isoformat(), used=old.latest.isoformat())):
                    return
                run(old.latest)
        except refused() as problem:
            self.context.report(problem)
            return
        if done and done[-1].kept and self.ask_reprice(_(
                "The plan keeps its rates for {currencies}. Re-price the plan at the rates "
                "of {day}? (The payments convert at their own days' rates either way.)"
                ).format(currencies=", ".join(done[-1].kept),
                         day=format_date(done[-1].day))):
            self.reprice_plan(text, done[-1].day, done[-1].requested)
            return
        if done:
            message = rates_set_text(done[-1])
            self.status.setText(message)
            self.status.setToolTip(message)

    def reprice_plan(self, text: str, day: dt.date, requested: dt.date | None = None) -> None:
        """Re-price the plan at a file's rates of ``day``: its own undoable step
        (``requested``: the day first asked for, when the file had no rates for it)."""
        from app.services.ecb_rates import import_ecb_rates, put_rates, rate_values

        db, visit_id = self.db, self.visit_id
        before = rate_values(db, visit_id)
        after: dict[Any, Any] = {}
        done: list[Any] = []

        def do() -> None:
            if after:
                put_rates(db, visit_id, after)
                return
            done.append(import_ecb_rates(db, visit_id, text, day=day, reprice=True))
            done[-1].requested = requested or day
            after.update(rate_values(db, visit_id))

        try:
            self.context.call(_("Re-price the plan"), do,
                              lambda: put_rates(db, visit_id, before))
        except refused() as problem:
            self.context.report(problem)
            return
        if done:
            message = rates_set_text(done[-1])
            self.status.setText(message)
            self.status.setToolTip(message)

    def ask_reprice(self, question: str) -> bool:
        """Whether to re-price the plan at the imported rates (asked, default No)."""
        answer = QMessageBox.question(
            self, _("Re-price the plan"), question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def ask_old_rates(self, question: str) -> bool:
        """Whether to take rates older than a week before the visit (asked, default No)."""
        answer = QMessageBox.question(
            self, _("Import ECB file"), question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

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
                  "share": None if source.share is None else str(source.share),
                  "is_grant": bool(source.is_grant)}
        db, source_id, version = self.db, source.id, source.version

        def save(after: dict[str, Any]) -> None:
            self.context.update_row(_("Change funding source"),
                                    lambda seen, changes: update_funding_source(
                                        db, source_id, seen, **changes),
                                    version, before, after)

        SourceDialog(save, source=source, parent=self).exec()

    def delete_source(self) -> None:
        """Delete the chosen funding source, asking first; its lines stay, without a
        source, until undo gives them their source back."""
        from app.services.budget import delete_funding_source, restore_funding_source

        source = self._current(self.sources, self.source_model)
        if source is None:
            return
        key = str(source.id)
        count = sum(1 for o in (self.budget.totals.lines if self.budget else [])
                    if o.line.funding == key)
        what = _("the funding source “{name}”").format(name=source.name)
        if count:
            what += " " + ngettext(
                "({count} budget line will have no funding source)",
                "({count} budget lines will have no funding source)", count).format(
                count=count)
        if not confirm_delete(self, what):
            return
        db, source_id = self.db, source.id
        try:
            self.context.delete(_("Delete funding source"),
                                lambda: delete_funding_source(db, source_id),
                                lambda: restore_funding_source(db, source_id))
        except refused() as problem:
            self.context.report(problem)

    # --- documents ----------------------------------------------------------------------

    def export(self, kind: str, path: str | None = None) -> None:
        """The budget PDF or spreadsheet for finance staff, in the interface language,
        written by a worker thread: the window stays usable and Cancel leaves no file."""
        if self.budget is None or self.exporting:
            return
        if path is None:
            pattern = _("PDF files (*.pdf)") if kind == "pdf" else _("Spreadsheets (*.xlsx)")
            path, _filter = file_dialogs.get_save_file_name(
                self, _("Export budget"), f"{self.budget.code}-budget.{kind}", pattern)
            if not path:
                return
        worker = BudgetExportWorker(self.db, self.visit_id, kind, path,
                                    lang=current_language())
        worker.progressed.connect(self._progressed)
        worker.succeeded.connect(self._exported)
        worker.failed.connect(self._export_failed)
        worker.cancelled.connect(self._export_cancelled)
        worker.finished.connect(self._export_ended)
        self.worker = worker
        self.progress.setRange(0, 0)  # busy until the worker says how far it is
        self._set_exporting(True)
        self.status.setText(_("Writing {file}…").format(file=Path(path).name))
        worker.start()

    @property
    def exporting(self) -> bool:
        return self.worker is not None

    def cancel_export(self) -> None:
        if self.worker is not None:
            self.worker.cancel()
            self.status.setText(_("Cancelling…"))

    def _set_exporting(self, running: bool) -> None:
        self.pdf_button.setEnabled(not running)
        self.xlsx_button.setEnabled(not running)
        self.cancel_button.setVisible(running)
        self.progress.setVisible(running)

    # --- what the worker reports (queued to the UI thread)

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _exported(self, written: str, _image: str) -> None:
        self.status.setText(_("Saved {path}").format(path=written))
        self.status.setToolTip(written)

    def _export_failed(self, message: str) -> None:
        self.status.setText(_("The document could not be made."))
        show_error(self, _("The document could not be made: {problem}").format(
            problem=message))

    def _export_cancelled(self) -> None:
        self.status.setText(_("Cancelled; no file was saved."))

    def _export_ended(self) -> None:
        self.worker = None
        self._set_exporting(False)
