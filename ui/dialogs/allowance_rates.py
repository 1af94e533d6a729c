"""The daily-allowance rate table: per country, the daily allowance and the accommodation
cap in EUR from a date on, with the legal source.

The table is global (not a visit's): every visit's calculator reads the rate in force on
its travellers' departure day. Each add, change, delete and CSV import is one step on the
window's undo stack (Ctrl+Z / Ctrl+Shift+Z and the Undo/Redo buttons work inside this
modal dialog, whose delete question says so); a CSV file with a bad row is
refused whole with the line named, so nothing half-read is ever saved.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.money import from_minor
from app.i18n import N_, _, format_date, format_money
from app.labels import country as country_name
from ui.dialogs.form_dialog import FormDialog
from ui.models.rows_model import Column, RowsModel
from ui.widgets import file_dialogs
from ui.widgets.binding import Field, date_field, line_field
from ui.widgets.date_time_edits import date_text
from ui.widgets.fields import date_edit
from ui.widgets.list_panel import ListPanel
from ui.widgets.messages import ask, refused, show_error
from ui.widgets.mnemonics import keep_unique

if TYPE_CHECKING:
    from app.records import AllowanceRate
    from ui.context import Context


def _eur(minor: int | None) -> str:
    return "" if minor is None else format_money(from_minor(minor), "EUR")


def _amount_text(minor: int | None) -> str | None:
    """The amount as the service takes it (decimal text), for the form and for undo."""
    return None if minor is None else str(from_minor(minor))


def _decimal_text(edit: QLineEdit) -> str | None:
    """What the user typed, with a decimal comma and spaces accepted ("1 234,50")."""
    text = edit.text().strip().replace("\xa0", "").replace(" ", "").replace(",", ".")
    return text or None


COLUMNS: list[Column[Any]] = [
    Column(
        N_("Country"),
        lambda r: f"{r.country} — {country_name(r.country)}",
        sort=lambda r: r.country,
    ),
    Column(N_("Daily allowance"), lambda r: _eur(r.daily_minor), right=True),
    Column(N_("Accommodation cap"), lambda r: _eur(r.accommodation_cap_minor), right=True),
    Column(N_("Valid from"), lambda r: date_text(r.valid_from), sort=lambda r: r.valid_from),
    Column(N_("Legal source"), lambda r: r.source or ""),
]


def rate_fields() -> dict[str, Field]:
    """The form of one rate; amounts in EUR as typed, the country as two letters."""
    country = QLineEdit()
    country.setMaxLength(2)
    country.setPlaceholderText(_("two letters, e.g. NO"))
    daily, cap, source = QLineEdit(), QLineEdit(), QLineEdit()
    cap.setPlaceholderText(_("none"))
    source.setPlaceholderText(_("e.g. Cabinet Regulation No. 969, Annex 1"))
    source.setMinimumWidth(360)
    valid_from = date_edit()

    def amount(edit: QLineEdit, label: str) -> Field:
        return Field(
            edit,
            label,
            lambda: _decimal_text(edit),
            lambda value: edit.setText("" if value is None else str(value)),
        )

    return {
        "country": Field(
            country,
            _("&Country"),
            lambda: country.text().strip().upper() or None,
            lambda value: country.setText(value or ""),
        ),
        "daily": amount(daily, _("&Daily allowance, EUR")),
        "accommodation_cap": amount(cap, _("&Accommodation cap, EUR")),
        "valid_from": date_field(valid_from, _("&Valid from")),
        "source": line_field(source, _("&Legal source")),
    }


def rate_values(rate: AllowanceRate) -> dict[str, Any]:
    return {
        "country": rate.country,
        "daily": _amount_text(rate.daily_minor),
        "accommodation_cap": _amount_text(rate.accommodation_cap_minor),
        "valid_from": rate.valid_from,
        "source": rate.source,
    }


class AllowanceRatesDialog(QDialog):
    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        keep_unique(self)
        self.context = context
        self.setWindowTitle(_("Daily allowance rates"))
        self.resize(820, 460)
        self.note = QLabel(
            _(
                "Rates in EUR per country; each applies from its date until a "
                "later one. Import CSV columns: country, daily, "
                "accommodation_cap, valid_from, source."
            )
        )
        self.note.setWordWrap(True)
        self.status = QLabel()
        self.status.setWordWrap(True)

        self.import_button = QPushButton(_("&Import CSV…"))
        self.import_button.clicked.connect(lambda: self.import_csv())
        # The program ships no rates: a template with the columns, to fill in from the annex.
        self.template_button = QPushButton(_("Save &template…"))
        self.template_button.clicked.connect(lambda: self.save_template())
        # Undo and redo of the window's stack, here too: the dialog is modal, so the main
        # window's Edit menu cannot be reached while it is open. The same keys as that menu
        # (not the platform's StandardKey.Redo, which is Ctrl+Y only on some platforms),
        # and buttons that say what Ctrl+Z would undo.
        self.undo_action = context.stack.createUndoAction(self, _("&Undo"))
        self.undo_action.setShortcut(QKeySequence("Ctrl+Z"))
        self.redo_action = context.stack.createRedoAction(self, _("&Redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.addActions([self.undo_action, self.redo_action])
        self.undo_button, self.redo_button = QToolButton(), QToolButton()
        self.undo_button.setDefaultAction(self.undo_action)
        self.redo_button.setDefaultAction(self.redo_action)

        # the keys on the table only
        self.panel = ListPanel(
            COLUMNS,
            _("Daily allowance rates"),
            add=(_("&Add…"), lambda: self.add_rate()),
            edit=(_("&Edit…"), self.edit_rate),
            delete=(_("&Delete"), self.delete_rate),
            extras=(self.import_button, self.template_button),
            right=(self.undo_button, self.redo_button),
        )
        self.model: RowsModel[Any] = self.panel.model
        self.table = self.panel.table
        self.table.setWordWrap(False)
        self.add_button = self.panel.add_button
        self.edit_button = self.panel.edit_button
        self.delete_button = self.panel.delete_button
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.panel)
        layout.addWidget(self.status)
        layout.addWidget(close)
        context.changed.connect(self.reload)
        self.finished.connect(lambda _r: self._disconnect())
        self.reload()
        if self.model.rowCount():  # the keys work at once: a rate chosen, the table focused
            self.table.selectRow(0)
        self.table.setFocus()

    def _disconnect(self) -> None:
        with contextlib.suppress(RuntimeError, TypeError):  # already gone
            self.context.changed.disconnect(self.reload)

    def reload(self) -> None:
        from app.services.budget import list_allowance_rates

        chosen = self.selected()
        rows = list_allowance_rates(self.context.db)
        rows.sort(key=lambda r: (r.country, r.valid_from))
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        if chosen is not None:
            self.select(chosen.id)
        self.edit_button.setEnabled(bool(rows))
        self.delete_button.setEnabled(bool(rows))

    def selected(self) -> Any:
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return self.model.row_at(index.row())

    def select(self, rate_id: int) -> None:
        row = self.model.row_of(rate_id)
        if row >= 0:
            self.table.selectRow(row)

    def row_texts(self) -> list[list[str]]:
        return [
            [self.model.data(self.model.index(r, c)) or "" for c in range(self.model.columnCount())]
            for r in range(self.model.rowCount())
        ]

    # --- editing ------------------------------------------------------------------------

    def add_rate(self, exec_dialog: bool = True) -> FormDialog:
        from app.services.budget import (
            create_allowance_rate,
            delete_allowance_rate,
            restore_allowance_rate,
        )

        db = self.context.db

        def submit(values: dict[str, Any]) -> int:
            return self.context.create(
                _("Add allowance rate"),
                lambda: create_allowance_rate(db, **values),
                lambda row_id: delete_allowance_rate(db, row_id),
                lambda row_id: restore_allowance_rate(db, row_id),
            )

        dialog = FormDialog(
            _("Allowance rate"), rate_fields(), {"valid_from": dt.date.today()}, submit, self
        )
        if exec_dialog and dialog.exec() and dialog.result_value is not None:
            self.select(dialog.result_value)
        return dialog

    def edit_rate(self, exec_dialog: bool = True) -> FormDialog | None:
        from app.services.budget import update_allowance_rate

        rate = self.selected()
        if rate is None:
            return None
        db, rate_id, before = self.context.db, rate.id, rate_values(rate)
        version = rate.version

        def submit(after: dict[str, Any]) -> None:
            self.context.update_row(
                _("Change allowance rate"),
                lambda seen, changes: update_allowance_rate(db, rate_id, seen, **changes),
                version,
                before,
                after,
            )

        dialog = FormDialog(_("Allowance rate"), rate_fields(), before, submit, self)
        if exec_dialog:
            dialog.exec()
        return dialog

    def delete_rate(self) -> None:
        from app.services.budget import delete_allowance_rate, restore_allowance_rate

        rate = self.selected()
        if rate is None:
            return
        what = _("the allowance rate for {country} from {day}").format(
            country=country_name(rate.country), day=format_date(rate.valid_from)
        )
        if not ask(
            self,
            _("Delete"),
            _("Delete {what}? You can undo this here with Undo (Ctrl+Z).").format(what=what),
        ):
            return
        db, rate_id = self.context.db, rate.id
        try:
            self.context.delete(
                _("Delete allowance rate"),
                lambda: delete_allowance_rate(db, rate_id),
                lambda: restore_allowance_rate(db, rate_id),
            )
        except refused() as problem:
            show_error(self, problem)

    def import_csv(self, path: str | None = None) -> None:
        """Rates from a CSV file; all rows or none, and undo puts the table back."""
        from pathlib import Path

        from app.operations.allowances import ImportAllowanceRates

        if path is None:
            path, _filter = file_dialogs.get_open_file_name(
                self, _("Import allowance rates"), "", _("CSV files (*.csv *.txt)")
            )
            if not path:
                return
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as problem:  # Excel's "Unicode text" is UTF-16
            show_error(
                self,
                _("{file}: not UTF-8 text (byte {offset})").format(
                    file=Path(path).name, offset=problem.start
                ),
            )
            return
        except OSError as problem:
            show_error(
                self,
                _("The file {file} could not be read: {problem}").format(
                    file=Path(path).name, problem=problem.strerror or problem
                ),
            )
            return
        try:
            done = self.context.run(ImportAllowanceRates(self.context.db, text))
        except refused() as problem:
            show_error(
                self,
                _("Nothing was imported from {file}: {problem}").format(
                    file=Path(path).name, problem=problem
                ),
            )
            return
        added, updated = done.counts
        self.status.setText(
            _("Allowance rates: {added} added, {updated} updated.").format(
                added=added, updated=updated
            )
        )

    def save_template(self, path: str | None = None) -> None:
        """An empty rate table with Latvian headers (UTF-8 with BOM: Excel reads the
        letters), to fill in from the annex of Regulation No. 969 and import."""
        from pathlib import Path

        from app.interchange.templates import write_template
        from app.services.allowances import allowance_rates_template

        if path is None:
            path, _filter = file_dialogs.get_save_file_name(
                self,
                _("Save allowance rate template"),
                "dienas-naudas-likmes.csv",
                _("CSV files (*.csv *.txt)"),
            )
            if not path:
                return
        try:
            write_template(path, allowance_rates_template())
        except OSError as problem:
            show_error(
                self,
                _("The file {file} could not be written: {problem}").format(
                    file=Path(path).name, problem=problem.strerror or problem
                ),
            )
            return
        self.status.setText(
            _("Template saved as {file}: fill in a row per country and import it.").format(
                file=Path(path).name
            )
        )


def open_allowance_rates(context: Context, parent: QWidget | None = None) -> None:
    """Show the rate table (from the allowances tab, or the Settings menu)."""
    dialog = AllowanceRatesDialog(context, parent)
    dialog.exec()
    dialog.deleteLater()
