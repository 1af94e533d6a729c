"""The Daily allowances tab: each traveller's days, the country's rate and the amount, the
reduced days (free accommodation and three meals), and the button that writes the visit's
daily-allowance budget lines.

The numbers are ``app.services.allowances.allowance_plan``'s, the same the command line,
the budget PDF and spreadsheet and the per-person statement use. The reduced share and
each traveller's reduced days are stored (each change one undo step), so reopening the
visit and every document show the same days. The budget lines change only through "Make
allowance lines", one undo step that takes back exactly the lines it wrote and brings back
exactly those it replaced; what was paid on a replaced line is kept. When the lines plan
another amount than the calculator, a banner says so.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLocale, QModelIndex, Qt
from PySide6.QtWidgets import (
    QApplication,
    QDoubleSpinBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.domain.allowances import DEFAULT_REDUCED_SHARE, trip_days
from app.i18n import N_, _, current_language, format_date, format_money, ngettext
from app.labels import country as country_name
from ui.icons import banner, icon, status_colour
from ui.models.rows_model import Column, RowsModel
from ui.read_only import read_safe
from ui.visit.tab_base import VisitTab
from ui.widgets import file_dialogs
from ui.widgets.messages import refused, show_error
from ui.widgets.views import read_only_table

if TYPE_CHECKING:
    from app.services.allowances import AllowancePlan, TravellerAllowance
    from ui.context import Context

T = Any  # a TravellerAllowance (imported lazily: the services pull in SQLAlchemy)


def _money(amount: Decimal | None) -> str:
    return "" if amount is None else format_money(amount, "EUR")


def _dates(t: T) -> str:
    """The trip as the statement PDF writes it ("2014. gada 2.–5. aprīlis")."""
    from app.documents.words import date_range

    a = t.allowance
    if a is not None:
        return date_range(a.departure, a.return_day, current_language())
    # Without a rate the trip is still known: only the money columns stay empty.
    if t.departure is None or t.return_day is None or t.days is None:
        return ""
    return date_range(t.departure, t.return_day, current_language())


def _role_of(t: T) -> str:
    from app.interchange.participants import role_label

    return f"{t.name} — {role_label(t.role)}"


def _rate_tip(t: T) -> str | None:
    if t.rate is None:
        return t.problem
    return _("From {day}; {source}").format(
        day=format_date(t.rate.valid_from), source=t.rate.source or "—"
    )


def _rates(t: T, which: str) -> str:
    """The rate, or each rate in force during the trip ("€70.00 → €80.00") when a new
    table came into force inside it: days × one rate would not make the amount."""
    a = t.allowance
    if a is None:
        return _money(t.rate.daily) if which == "daily" and t.rate else ""
    return " → ".join(_money(getattr(p, which)) for p in a.periods)


def _number(value: Any) -> str:
    return "" if value is None else str(value)


def _days_key(t: T | None) -> tuple[Any, ...] | None:
    """Who and which trip the day list is for: it is rebuilt only when this changes."""
    if t is None:
        return None
    a = t.allowance
    return (t.person_id, a.departure, a.return_day) if a else (t.person_id,)


COLUMNS: list[Column[T]] = [
    Column(N_("Traveller"), lambda t: t.name, tooltip=lambda t: _role_of(t)),
    Column(
        N_("Country"),
        lambda t: (
            country_name(t.rate.country) if t.rate else country_name(t.country) if t.country else ""
        ),
    ),
    Column(N_("Dates"), _dates),
    Column(N_("Days"), lambda t: _number(t.allowance.days if t.allowance else t.days), right=True),
    Column(N_("Daily rate"), lambda t: _rates(t, "daily"), tooltip=_rate_tip, right=True),
    Column(
        N_("Full days"),
        lambda t: _number(t.allowance.full_days if t.allowance else t.full_days),
        right=True,
    ),
    Column(
        N_("Reduced days"),
        lambda t: _number(
            len(t.allowance.reduced_days)
            if t.allowance
            else len(t.reduced)
            if t.days is not None
            else None
        ),
        right=True,
    ),
    Column(N_("Reduced rate"), lambda t: _rates(t, "reduced"), right=True),
    Column(
        N_("Amount"),
        lambda t: _money(t.allowance.amount) if t.allowance else "—",
        tooltip=lambda t: t.problem,
        right=True,
    ),
]


class AllowancesTab(VisitTab):
    def __init__(self, context: Context, visit_id: int, parent: QWidget | None = None) -> None:
        super().__init__(context, visit_id, parent)
        self.plan: AllowancePlan | None = None
        self.reduced: dict[int, set[dt.date]] = {}  # person id → days at the reduced share
        self._days_of: int | None = None  # whose days the day list shows
        self._days_shown: tuple[Any, ...] | None = None  # and for which trip
        self._filling = False

        # Two decimals, as the visit file and the command line take ("45.5"), written
        # with the language's decimal mark.
        self.share = QDoubleSpinBox()
        self.share.setLocale(QLocale(current_language()))
        self.share.setDecimals(2)
        self.share.setRange(0, 100)
        self.share.setSuffix(" %")
        self.share.setValue(float(DEFAULT_REDUCED_SHARE))
        self.share.setKeyboardTracking(False)  # typing 45 is one change, not 4 then 45
        self.share.setAccessibleName(_("Reduced share"))
        self.share.setToolTip(
            _(
                "The share of the daily allowance paid on a day with free "
                "accommodation and three meals"
            )
        )
        self.share.valueChanged.connect(lambda value: self._share_changed(value))
        share_label = QLabel(_("Reduced &share:"))
        share_label.setBuddy(self.share)
        self.make_button = QPushButton(_("&Make allowance lines"))
        self.make_button.setToolTip(
            _("Replace the visit's daily-allowance budget lines with these amounts")
        )
        self.statement_button = QPushButton(_("S&tatement PDF…"))
        self.statement_button.setToolTip(
            _("The selected traveller's allowance statement for the business-trip order")
        )
        self.rates_button = QPushButton(_("Allowance &rates…"))
        self.make_button.clicked.connect(lambda: self.make_lines())
        self.statement_button.clicked.connect(lambda: self.statement())
        read_safe(self.statement_button)
        self.rates_button.clicked.connect(lambda: self.open_rates())

        self.missing = QLabel()  # a rate to enter: shown above everything until entered
        self.missing.setWordWrap(True)
        banner(self.missing)
        self.missing.setAccessibleName(_("Missing rate"))
        self.missing.hide()
        self.mismatch = QLabel()  # the budget lines plan another amount than shown here
        self.mismatch.setWordWrap(True)
        banner(self.mismatch)
        self.mismatch.setAccessibleName(_("Budget lines differ"))
        self.mismatch.hide()

        self.model: RowsModel[T] = RowsModel(COLUMNS, self)
        self.table = read_only_table(self.model, _("Daily allowances"))
        self.table.setWordWrap(False)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._selection_changed())
        self.total = QLabel()
        self.total.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.total.setAccessibleName(_("Total"))
        self.status = QLabel()  # what the last "Make allowance lines" did
        self.status.setWordWrap(True)

        self.days = QListWidget()
        self.days.setAccessibleName(_("Days with free accommodation and three meals"))
        self.days.itemChanged.connect(self._day_toggled)
        self.days_note = QLabel()
        self.days_note.setWordWrap(True)
        self.everyone_button = QPushButton(_("Same days for &everyone"))
        self.everyone_button.setToolTip(_("Give every traveller the reduced days ticked here"))
        self.everyone_button.clicked.connect(lambda: self.same_days_for_everyone())
        days_box = self.days_box = QGroupBox(_("Days with free accommodation and three meals"))
        days_layout = QVBoxLayout(days_box)
        days_layout.addWidget(self.days_note)
        days_layout.addWidget(self.days)
        days_layout.addWidget(self.everyone_button)

        self.warnings = QListWidget()
        self.warnings.setAccessibleName(_("Warnings"))
        self.warnings.setWordWrap(True)
        warnings_box = QGroupBox(_("Warnings"))
        QVBoxLayout(warnings_box).addWidget(self.warnings)

        top = QHBoxLayout()
        top.addWidget(share_label)
        top.addWidget(self.share)
        top.addSpacing(12)
        for button in (self.make_button, self.statement_button, self.rates_button):
            top.addWidget(button)
        top.addStretch(1)
        upper = QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addWidget(self.table)
        upper_layout.addWidget(self.total)
        upper_layout.addWidget(self.status)
        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(days_box)
        lower.addWidget(warnings_box)
        lower.setStretchFactor(0, 1)
        lower.setStretchFactor(1, 2)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(upper)
        split.addWidget(lower)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.missing)
        layout.addWidget(self.mismatch)
        layout.addWidget(split)

    # --- showing ------------------------------------------------------------------------

    def reload(self) -> None:
        """The stored share and reduced days, and the amounts they give."""
        from app.services.allowances import allowance_inputs

        self.take_visit()
        try:
            stored = allowance_inputs(self.db, self.visit_id)
        except refused() as problem:
            self.context.report(problem)
            return
        self.reduced = {person: set(days) for person, days in stored.reduced.items()}
        self.share.blockSignals(True)
        self.share.setValue(float(stored.share))
        self.share.blockSignals(False)
        self._days_shown = None  # the day list shows the stored ticks
        self.recompute()

    def recompute(self) -> None:
        """The plan for the share and reduced days now chosen (nothing is written)."""
        from app.services.allowances import allowance_plan

        try:
            plan = allowance_plan(
                self.db, self.visit_id, reduced=self.reduced, share=self.share_value()
            )
        except refused() as problem:
            self.context.report(problem)
            return
        self.plan = plan
        chosen = self._selected_person()
        self._filling = True
        try:
            # A visit we host: no table of guests with a dash each, the banner says why.
            self.model.set_rows([] if plan.hosted else plan.travellers)
            row = next(
                (n for n, t in enumerate(plan.travellers) if t.person_id == chosen),
                0 if self.model.rowCount() else -1,
            )
            if row >= 0:
                self.table.selectRow(row)
        finally:
            self._filling = False
        self.table.resizeColumnsToContents()
        self.total.setText(_("Total: {amount}").format(amount=format_money(plan.total, "EUR")))
        self.total.setHidden(plan.hosted)
        self.days_box.setHidden(plan.hosted)
        self._show_missing(plan)
        self.mismatch.setText(plan.lines_warning or "")
        self.mismatch.setVisible(bool(plan.lines_warning))
        self._show_warnings(plan)
        self._selection_changed()
        self.make_button.setEnabled(any(t.allowance for t in plan.travellers))

    def missing_rate_text(self, plan: AllowancePlan) -> str:
        """What to do when the destination's rate is not in the table ("" when it is);
        on a visit we host, why nobody has an allowance."""
        if plan.hosted:
            from app.services.allowances.plan import hosted_note

            return hosted_note()
        problems = sorted({t.problem for t in plan.travellers if t.rate is None and t.problem})
        if not problems:
            return ""
        if plan.no_rate_table:
            return _(
                "The program comes with no daily allowance rates: Cabinet Regulation "
                "No. 969 sets them in its annex, and they change. Open “Allowance "
                "rates…” to import the annex from a CSV file (“Save template…” there "
                "gives the columns to fill in); until then nobody gets an allowance."
            )
        return _(
            "Enter the daily allowance rate first: {problems}. Add it with “Allowance "
            "rates…”; until then these travellers get no allowance."
        ).format(problems="; ".join(problems))

    def _show_missing(self, plan: AllowancePlan) -> None:
        text = self.missing_rate_text(plan)
        self.missing.setText(text)
        self.missing.setVisible(bool(text))

    def _show_warnings(self, plan: AllowancePlan) -> None:
        self.warnings.clear()
        caps = set(plan.cap_warnings)
        marker = icon("warning", "warning")
        shown = self.missing_rate_text(plan) if plan.hosted else None  # said above already
        texts = [t for t in plan.warnings if t != shown]
        for text in ([plan.lines_warning] if plan.lines_warning else []) + texts:
            item = QListWidgetItem(text)
            if (
                text in caps or text == plan.lines_warning
            ):  # a hotel above the cap: finance staff must see it at once
                item.setIcon(marker)
                item.setForeground(status_colour("warning"))
            self.warnings.addItem(item)
        if not texts and not plan.lines_warning:
            self.warnings.addItem(_("No warnings."))

    def warning_texts(self) -> list[str]:
        return [self.warnings.item(i).text() for i in range(self.warnings.count())]

    # --- the traveller chosen and their reduced days -----------------------------------

    def selected(self) -> TravellerAllowance | None:
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return self.model.row_at(index.row())

    def _selected_person(self) -> int | None:
        chosen = self.selected()
        return chosen.person_id if chosen else None

    def select_person(self, person_id: int) -> None:
        for row in range(self.model.rowCount()):
            if self.model.row_at(row).person_id == person_id:
                self.table.setCurrentIndex(self.model.index(row, 0))
                return

    def _selection_changed(self) -> None:
        if self._filling:
            return
        chosen = self.selected()
        if _days_key(chosen) != self._days_shown:
            self._show_days(chosen)
        self.statement_button.setEnabled(bool(chosen and chosen.allowance))

    def _show_days(self, chosen: TravellerAllowance | None) -> None:
        self._days_of = chosen.person_id if chosen else None
        self._days_shown = _days_key(chosen)
        self.days.blockSignals(True)
        self.days.clear()
        a = chosen.allowance if chosen else None
        if chosen is None:
            self.days_note.setText(_("Choose a traveller above."))
        elif a is None:
            self.days_note.setText(_("{name} has no allowance yet.").format(name=chosen.name))
        else:
            self.days_note.setText(
                _("Tick the days when {name} had free accommodation and three meals.").format(
                    name=chosen.name
                )
            )
            ticked = self.reduced.get(chosen.person_id, set())
            for day in trip_days(a.departure, a.return_day):
                item = QListWidgetItem(format_date(day, fmt="full"))
                item.setData(Qt.ItemDataRole.UserRole, day)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(
                    Qt.CheckState.Checked if day in ticked else Qt.CheckState.Unchecked
                )
                self.days.addItem(item)
        self.days.blockSignals(False)
        self.days.setEnabled(a is not None)
        self.everyone_button.setEnabled(a is not None)

    def _day_toggled(self, item: QListWidgetItem) -> None:
        if self._days_of is None:
            return
        day = item.data(Qt.ItemDataRole.UserRole)
        ticked = set(self.reduced.get(self._days_of, set()))
        if item.checkState() == Qt.CheckState.Checked:
            ticked.add(day)
        else:
            ticked.discard(day)
        self._store_days(_("Change reduced days"), {self._days_of: ticked})

    def set_reduced_days(self, person_id: int, days: set[dt.date]) -> None:
        """Tick ``days`` for one traveller (what the day list does; for tests and scripts)."""
        self._store_days(_("Change reduced days"), {person_id: set(days)})

    def same_days_for_everyone(self) -> None:
        if self._days_of is None or self.plan is None:
            return
        days = set(self.reduced.get(self._days_of, set()))
        # days outside a trip are ignored
        self._store_days(
            _("Same reduced days for everyone"),
            {t.person_id: set(days) for t in self.plan.travellers},
        )

    def _store_days(self, text: str, days: dict[int, set[dt.date]]) -> None:
        """Store reduced days: one undo step; the amounts follow at once."""
        from app.operations.allowances import SaveReducedDays

        try:
            self.context.run(SaveReducedDays(self.db, self.visit_id, days, text))
        except refused() as problem:
            self.context.report(problem)
        self.reload()

    def share_value(self) -> Decimal:
        """The box's share as the exact two-decimal number shown (not the float)."""
        share = Decimal(str(round(self.share.value(), 2))).quantize(Decimal("0.01"))
        return share.quantize(Decimal(1)) if share == share.to_integral() else share.normalize()

    def _share_changed(self, _value: float) -> None:
        """Store the reduced share: one undo step (an undo sets the box back by reloading,
        and puts back exactly what was stored, no share at all included)."""
        from app.operations.allowances import SaveReducedShare

        try:
            self.context.run(SaveReducedShare(self.db, self.visit_id, self.share_value()))
        except refused() as problem:
            self.context.report(problem)
        self.reload()

    # --- writing the budget lines --------------------------------------------------------

    def make_lines(self) -> None:
        """Replace the visit's daily-allowance lines with the amounts shown: one undo step."""
        from app.operations.allowances import MakeAllowanceLines
        from app.services.allowances import AllowanceWrite, lines_with_actuals

        self.recompute()
        plan = self.plan
        if plan is None:
            return
        if not any(t.allowance for t in plan.travellers):
            show_error(
                self, self.missing_rate_text(plan) or _("Nobody has a daily allowance to write.")
            )
            return
        kept = lines_with_actuals(self.db, self.visit_id)
        try:
            made = self.context.run(MakeAllowanceLines(self.db, plan))
        except refused() as problem:
            self.context.report(problem)
            return
        result = made.written or AllowanceWrite(0)
        count = result.written
        kept -= result.spread  # a group payment spread is said below, not "kept"
        status = ngettext(
            "{count} daily-allowance line written to {visit}.",
            "{count} daily-allowance lines written to {visit}.",
            count,
        ).format(count=count, visit=plan.code)
        for note in result.notes:
            status += " " + note
        if kept > 0:
            status += " " + ngettext(
                "The actual amount paid on {count} line was kept.",
                "The actual amounts paid on {count} lines were kept.",
                kept,
            ).format(count=kept)
        self.status.setText(status)
        self.reload()

    # --- the statement and the rate table ------------------------------------------------

    def statement(self, path: str | None = None) -> str | None:
        """The selected traveller's statement PDF; returns the file written."""
        from app.documents.allowance_statement import write_allowance_statement

        plan, chosen = self.plan, self.selected()
        if plan is None or chosen is None:
            show_error(self, _("Choose a traveller first."))
            return None
        if chosen.allowance is None:
            show_error(self, self.missing_rate_text(plan) or chosen.problem or "")
            return None
        if path is None:
            from app.documents import file_stem  # "LPS/2027/NO" is no folder path

            path, _filter = file_dialogs.get_save_file_name(
                self,
                _("Daily allowance statement"),
                f"{file_stem(plan.code)}-{file_stem(chosen.name)}.pdf",
                _("PDF files (*.pdf)"),
            )
            if not path:
                return None
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # a fraction of a second
        try:
            try:
                written = write_allowance_statement(plan, chosen, path, current_language())
            finally:
                QApplication.restoreOverrideCursor()
        except (*refused(), OSError, ValueError) as problem:
            show_error(self, _("The statement was not written: {problem}").format(problem=problem))
            return None
        QMessageBox.information(
            self,
            _("Daily allowance statement"),
            _("Allowance statement of {name} written to {file}.").format(
                name=chosen.name, file=written
            ),
        )
        return str(written)

    def open_rates(self) -> None:
        from ui.dialogs.allowance_rates import open_allowance_rates

        open_allowance_rates(self.context, self)
        self.recompute()  # a rate entered there applies here at once

    def row_texts(self) -> list[list[str]]:
        """What the table shows, row by row (for tests and screen readers)."""
        return [
            [self.model.data(self.model.index(r, c)) or "" for c in range(self.model.columnCount())]
            for r in range(self.model.rowCount(QModelIndex()))
        ]
