"""The forms of the Budget tab: a budget line, an exchange rate, a funding source.

Each form only gathers text; the services check it (decimal text, currencies with a rate,
shares up to 100 %). ``save`` is called on OK and a refused change is shown inside the
form, which stays open, so nothing the user typed is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.budget_totals import category_label
from app.i18n import _, current_language
from db.enums import BUDGET_CATEGORIES, BUDGET_UNITS
from ui.widgets.fields import ProblemLabel, code_combo, set_code
from ui.widgets.messages import refused

Save = Callable[[dict[str, Any]], Any]


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _or_none(edit: QLineEdit) -> str | None:
    return edit.text().strip() or None


class FormDialog(QDialog):
    """OK runs ``save`` with the fields; a refusal is shown and the form stays open."""

    def __init__(self, title: str, save: Save, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._save = save
        self.form = QFormLayout()
        self.problem = ProblemLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def fields(self) -> dict[str, Any]:  # pragma: no cover - overridden
        raise NotImplementedError

    def accept(self) -> None:
        try:
            self._save(self.fields())
        except refused() as problem:
            self.problem.show_problem(str(problem))
            return
        super().accept()


class LineDialog(FormDialog):
    """A budget line: planned quantity × unit price in a currency; the actual when paid."""

    def __init__(self, save: Save, *, currencies: list[str], sources: list[tuple[str, int]],
                 line: Any = None, parent: QWidget | None = None) -> None:
        from app.documents.budget_text import unit

        super().__init__(_("Budget line"), save, parent)
        lang = current_language()
        self.category = code_combo(BUDGET_CATEGORIES, category_label)
        self.description = QLineEdit()
        self.source = QComboBox()
        self.source.addItem(_("(none)"), None)
        for name, source_id in sources:
            self.source.addItem(name, source_id)
        self.quantity = QLineEdit("1")
        self.unit = code_combo(BUDGET_UNITS, lambda code: unit(lang, code), empty="—")
        self.unit_price = QLineEdit()
        self.currency = QComboBox()
        self.currency.setEditable(True)
        self.currency.addItems(currencies)
        self.actual = QLineEdit()
        self.actual.setPlaceholderText(_("when paid"))
        self.paid = QCheckBox(_("Paid"))
        self.eligible = QCheckBox(_("Eligible for the grant"))
        self.eligible.setChecked(True)
        for label, widget in ((_("Category"), self.category),
                              (_("Description"), self.description),
                              (_("Funding source"), self.source),
                              (_("Quantity"), self.quantity), (_("Unit"), self.unit),
                              (_("Unit price"), self.unit_price),
                              (_("Currency"), self.currency),
                              (_("Actual amount"), self.actual)):
            self.form.addRow(label, widget)
        self.form.addRow("", self.paid)
        self.form.addRow("", self.eligible)
        if line is not None:
            self._show(line)

    def _show(self, line: Any) -> None:
        set_code(self.category, line.category)
        self.description.setText(line.description or "")
        set_code(self.source, int(line.funding) if line.funding else None)
        self.quantity.setText(_text(line.quantity))
        set_code(self.unit, line.unit)
        self.unit_price.setText(_text(line.unit_price))
        self.currency.setCurrentText(line.currency)
        self.actual.setText(_text(line.actual_amount))
        self.paid.setChecked(bool(line.actual_paid))
        self.eligible.setChecked(bool(line.eligible))

    def fields(self) -> dict[str, Any]:
        return {
            "category": self.category.currentData(),
            "description": _or_none(self.description),
            "funding_source_id": self.source.currentData(),
            "quantity": self.quantity.text().strip().replace(",", "."),
            "unit": self.unit.currentData(),
            "unit_price": self.unit_price.text().strip().replace(",", "."),
            "currency": self.currency.currentText().strip().upper(),
            "actual_amount": (_or_none(self.actual) or "").replace(",", ".") or None,
            "actual_paid": self.paid.isChecked(),
            "eligible": self.eligible.isChecked(),
        }


class RateDialog(FormDialog):
    """How many units of a currency make one unit of the visit's base currency."""

    def __init__(self, save: Save, *, base: str, rate: Any = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(_("Exchange rate"), save, parent)
        self.currency = QLineEdit()
        self.currency.setMaxLength(3)
        self.per_base = QLineEdit()
        self.per_base.setPlaceholderText(_("units for 1 {base}").format(base=base))
        self.source = QLineEdit()
        self.form.addRow(_("Currency"), self.currency)
        self.form.addRow(_("Rate"), self.per_base)
        self.form.addRow(_("Source"), self.source)
        if rate is not None:
            self.currency.setText(rate.currency)
            self.per_base.setText(_text(rate.per_base))
            self.source.setText(rate.source or "")

    def fields(self) -> dict[str, Any]:
        return {"currency": self.currency.text().strip().upper(),
                "per_base": self.per_base.text().strip().replace(",", "."),
                "source": _or_none(self.source)}


class SourceDialog(FormDialog):
    """A funding source with the share of the visit it is meant to cover."""

    def __init__(self, save: Save, *, source: Any = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(_("Funding source"), save, parent)
        self.name = QLineEdit()
        self.share = QLineEdit()
        self.share.setPlaceholderText("%")
        self.form.addRow(_("Name"), self.name)
        self.form.addRow(_("Share, %"), self.share)
        if source is not None:
            self.name.setText(source.name)
            self.share.setText(_text(source.share))

    def fields(self) -> dict[str, Any]:
        return {"name": self.name.text().strip(),
                "share": (_or_none(self.share) or "").replace(",", ".") or None}
