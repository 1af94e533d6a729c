"""The forms of the Budget tab: a budget line, an exchange rate, a funding source.

Each form only gathers text; the services check it (decimal text, currencies with a rate,
shares up to 100 %). ``save`` is called on OK and a refused change is shown inside the
form, named by the field's label, and the form stays open, so nothing the user typed is
lost.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.budget_totals import category_label
from app.domain.rates import RateBook
from app.domain.typed_dates import typed_date
from app.domain.validation import Invalid
from app.i18n import _, current_language, format_money, ngettext
from app.labels import BUDGET_CATEGORIES, BUDGET_UNITS
from ui.widgets.date_time_edits import date_text
from ui.widgets.fields import (
    ProblemLabel,
    code_combo,
    describe,
    first_field,
    problem_slot,
    set_code,
)
from ui.widgets.messages import refused
from ui.widgets.mnemonics import keep_unique

Save = Callable[[dict[str, Any]], Any]


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _or_none(edit: QLineEdit) -> str | None:
    return edit.text().strip() or None


def _decimal_text(edit: QLineEdit) -> str | None:
    """What was typed, with a decimal comma accepted ("120,50"); empty is None."""
    return (_or_none(edit) or "").replace(",", ".").replace("\xa0", "").replace(" ", "") or None


def _typed_day(edit: QLineEdit) -> dt.date | str | None:
    """A typed date read as the window reads dates (``app.domain.typed_dates``), so that
    undo and redo later save the same day; what is not a date goes as typed, for the
    service to name."""
    text = _or_none(edit)
    try:
        return typed_date(text)
    except Invalid:
        return text


class FormDialog(QDialog):
    """OK runs ``save`` with the fields; a refusal is shown and the form stays open."""

    def __init__(self, title: str, save: Save, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        keep_unique(self)
        self.setWindowTitle(title)
        self._save = save
        self.form = QFormLayout()
        self.problem = ProblemLabel()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.body = QVBoxLayout(self)
        self.body.addLayout(self.form)
        self.body.addWidget(problem_slot(self.problem))
        self.body.addWidget(buttons)

    def fields(self) -> dict[str, Any]:  # pragma: no cover - overridden
        raise NotImplementedError

    def names(self) -> dict[str, str]:
        """The form's label of each service field, to name it in a refusal."""
        return {}

    def showEvent(self, event: Any) -> None:
        """Open on the first field: the buttons are made before the subclass's fields, so
        Qt would otherwise give OK the focus and Enter would submit an untouched form."""
        super().showEvent(event)
        first = first_field(self.form)
        if first is not None:
            first.setFocus()

    def accept(self) -> None:
        edits = self.findChildren(QLineEdit)
        if edits and not any(edit.text().strip() for edit in edits):
            self.problem.show_problem(_("Nothing is filled in yet."))
            return
        try:
            self._save(self.fields())
        except refused() as problem:
            self.problem.show_problem(describe(problem, self.names()))
            return
        super().accept()


class LineDialog(FormDialog):
    """A budget line: planned quantity × unit price in a currency; then what was paid.

    The actual side is what the invoice or receipt says: its amount in its own currency
    (a NOK invoice for a line planned in EUR), its reference and date, and whether it is
    paid. Every currency other than the base needs the visit's rate; the service refuses a
    line without one and the form says which field.
    """

    def __init__(
        self,
        save: Save,
        *,
        currencies: list[str],
        sources: list[tuple[str, int]],
        line: Any = None,
        base: str = "EUR",
        rates: Mapping[str, Decimal] | RateBook | None = None,
        source: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        from app.documents.budget_text import unit

        super().__init__(_("Budget line"), save, parent)
        # the visit's rate book: an actual converts at its date's rate, as in the table
        self._rates = RateBook.of(base, rates if rates is not None else {})
        self._base = base
        lang = current_language()
        self.category = code_combo(BUDGET_CATEGORIES, category_label)
        self.description = QLineEdit()
        self.source = QComboBox()
        self.source.addItem(_("(none)"), None)
        for name, source_id in sources:
            self.source.addItem(name, source_id)
        set_code(self.source, source)  # a new line's starting source (see the tab)
        self.quantity = QLineEdit("1")
        self.unit = code_combo(BUDGET_UNITS, lambda code: unit(lang, code), empty="—")
        self.unit_price = QLineEdit()
        self.currency = QComboBox()
        self.currency.setEditable(True)
        self.currency.addItems(currencies)
        self.eligible = QCheckBox(_("Eligible for the grant"))
        self.eligible.setChecked(True)
        self.form.addRow(_("Category"), self.category)
        self.form.addRow(_("Description"), self.description)
        self.form.addRow(_("Funding source"), self.source)
        planned_box = QGroupBox(_("Planned"))
        planned_form = QFormLayout(planned_box)
        for label, widget in (
            (_("Quantity"), self.quantity),
            (_("Unit"), self.unit),
            (_("Unit price"), self.unit_price),
            (_("Currency"), self.currency),
        ):
            planned_form.addRow(label, widget)
        planned_form.addRow("", self.eligible)

        self.actual = QLineEdit()
        self.actual.setPlaceholderText(_("when paid"))
        self.actual_currency = QComboBox()
        self.actual_currency.setEditable(True)
        self.actual_currency.addItems(["", *currencies])
        edit = self.actual_currency.lineEdit()
        assert edit is not None
        edit.setPlaceholderText(_("as planned"))
        self.document = QLineEdit()
        self.document.setPlaceholderText(_("invoice or receipt number"))
        # Typed from the paper, not picked: an invoice date is quicker to type than to
        # find in a calendar, and a wrong one gets its message like a wrong amount.
        self.actual_date = QLineEdit()
        self.actual_date.setPlaceholderText(
            _("e.g. {date}").format(date=date_text(dt.date.today()))
        )
        self.paid = QCheckBox(_("Paid"))
        actual_box = QGroupBox(_("Actual (from the invoice or receipt)"))
        actual_form = QFormLayout(actual_box)
        for label, widget in (
            (_("Actual amount"), self.actual),
            (_("Actual currency"), self.actual_currency),
            (_("Invoice or receipt"), self.document),
            (_("Document date"), self.actual_date),
        ):
            actual_form.addRow(label, widget)
        actual_form.addRow("", self.paid)
        # What the line comes to in the base currency as it is typed, converted and
        # rounded as the totals do, so an invoice in NOK is seen in EUR before OK.
        self.in_base = QLabel()
        self.in_base.setWordWrap(True)
        self.in_base.setAccessibleName(_("In the base currency"))
        self.body.insertWidget(1, planned_box)
        self.body.insertWidget(2, actual_box)
        self.body.insertWidget(3, self.in_base)
        if line is not None:
            self._show(line)
        for edit in (self.quantity, self.unit_price, self.actual, self.actual_date):
            edit.textChanged.connect(self._convert)
        for combo in (self.currency, self.actual_currency):
            combo.currentTextChanged.connect(self._convert)
        self._convert()

    def _convert(self) -> None:
        from app.domain.budget_totals import LineIn
        from app.domain.budget_totals import convert as line_in_base

        def number(edit: QLineEdit) -> Decimal | None:
            try:
                value = Decimal(_decimal_text(edit) or "x")
            except InvalidOperation:
                return None
            return value if value.is_finite() else None

        base, rates = self._base, self._rates
        currency = self.currency.currentText().strip().upper()
        paid_in = self.actual_currency.currentText().strip().upper() or currency
        quantity, price, paid = (
            number(self.quantity),
            number(self.unit_price),
            number(self.actual),
        )
        day = _typed_day(self.actual_date)
        if not isinstance(day, dt.date):
            day = None  # undated (or refused on OK): the plan's rate, as the table uses
        planned = actual = None  # without a rate only "—": the service names it on OK
        if quantity is not None and price is not None:
            planned = line_in_base(
                LineIn(None, "other", None, None, True, quantity, None, price, currency),
                base,
                rates,
            ).planned
        if paid is not None and paid == paid.quantize(Decimal("0.01")):  # else refused
            actual = line_in_base(
                LineIn(
                    None,
                    "other",
                    None,
                    None,
                    True,
                    Decimal(0),
                    None,
                    Decimal(0),
                    paid_in,
                    actual_amount=paid,
                    actual_date=day,
                ),
                base,
                rates,
            ).actual

        def shown(amount: Decimal | None) -> str:
            return "—" if amount is None else format_money(amount, base)

        variance = actual - planned if planned is not None and actual is not None else None
        self.in_base.setText(
            _("In {base}: planned {planned}; actual {actual}; variance {variance}").format(
                base=base, planned=shown(planned), actual=shown(actual), variance=shown(variance)
            )
        )

    def _show(self, line: Any) -> None:
        set_code(self.category, line.category)
        self.description.setText(line.description or "")
        set_code(self.source, int(line.funding) if line.funding else None)
        self.quantity.setText(_text(line.quantity))
        set_code(self.unit, line.unit)
        self.unit_price.setText(_text(line.unit_price))
        self.currency.setCurrentText(line.currency)
        self.eligible.setChecked(bool(line.eligible))
        self.actual.setText(_text(line.actual_amount))
        self.actual_currency.setCurrentText(line.actual_currency or "")
        self.document.setText(line.actual_document or "")
        self.actual_date.setText(date_text(line.actual_date))
        self.paid.setChecked(bool(line.actual_paid))

    def fields(self) -> dict[str, Any]:
        return {
            "category": self.category.currentData(),
            "description": _or_none(self.description),
            "funding_source_id": self.source.currentData(),
            "quantity": _decimal_text(self.quantity),
            "unit": self.unit.currentData(),
            "unit_price": _decimal_text(self.unit_price),
            "currency": self.currency.currentText().strip().upper(),
            "eligible": self.eligible.isChecked(),
            "actual_amount": _decimal_text(self.actual),
            "actual_currency": self.actual_currency.currentText().strip().upper() or None,
            "actual_document": _or_none(self.document),
            "actual_date": _typed_day(self.actual_date),
            "actual_paid": self.paid.isChecked(),
        }

    def names(self) -> dict[str, str]:
        return {
            "category": _("Category"),
            "description": _("Description"),
            "funding_source_id": _("Funding source"),
            "quantity": _("Quantity"),
            "unit": _("Unit"),
            "unit_price": _("Unit price"),
            "currency": _("Currency"),
            "actual_amount": _("Actual amount"),
            "actual_currency": _("Actual currency"),
            "actual_document": _("Invoice or receipt"),
            "actual_date": _("Document date"),
        }


class RateDialog(FormDialog):
    """How many units of a currency make one unit of the visit's base currency."""

    def __init__(
        self, save: Save, *, base: str, rate: Any = None, parent: QWidget | None = None
    ) -> None:
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
        return {
            "currency": self.currency.text().strip().upper(),
            "per_base": _decimal_text(self.per_base),
            "source": _or_none(self.source),
        }

    def names(self) -> dict[str, str]:
        return {"currency": _("Currency"), "per_base": _("Rate"), "source": _("Source")}


def source_cap(source: Any) -> str | None:
    """A funding source's cap as the service takes it (decimal text), or None."""
    from app.domain.money import from_minor

    minor = getattr(source, "cap_minor", None)
    return None if minor is None else str(from_minor(minor))


class SourceDialog(FormDialog):
    """A funding source with the share of the visit it is meant to cover, and whether it
    is a grant (the project's grant rate then limits it; own funds are not limited).

    For a new source the grant box follows the name as it is typed ("LPS pašu līdzekļi"
    is own funds, "EEZ grants" a grant: the rule the import and the migration use) until
    the user ticks or clears it; then the user's choice stands.
    """

    def __init__(self, save: Save, *, source: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(_("Funding source"), save, parent)
        self.name = QLineEdit()
        self.share = QLineEdit()
        self.share.setPlaceholderText("%")
        self.cap = QLineEdit()
        self.cap.setPlaceholderText(_("none"))
        self.cap.setToolTip(
            _(
                "The most this source may pay, in the visit's base currency: "
                "the budget warns when the plan or the payments exceed it."
            )
        )
        self.grant = QCheckBox(_("Grant (the project's grant rate applies)"))
        self.grant.setChecked(True)
        self.form.addRow(_("Name"), self.name)
        self.form.addRow(_("Share, %"), self.share)
        self.form.addRow(_("Cap"), self.cap)
        self.form.addRow("", self.grant)
        self._grant_chosen = source is not None
        if source is not None:
            self.name.setText(source.name)
            self.share.setText(_text(source.share))
            self.cap.setText(_text(source_cap(source)))
            self.grant.setChecked(bool(source.is_grant))
        self.name.textEdited.connect(self._follow_name)
        self.grant.clicked.connect(self._chosen)

    def _follow_name(self, text: str) -> None:
        from app.domain.funding import is_grant_source

        if not self._grant_chosen:
            self.grant.setChecked(is_grant_source(None, text))

    def _chosen(self) -> None:
        self._grant_chosen = True

    def fields(self) -> dict[str, Any]:
        return {
            "name": self.name.text().strip(),
            "share": _decimal_text(self.share),
            "cap": _decimal_text(self.cap),
            "is_grant": self.grant.isChecked(),
        }

    def names(self) -> dict[str, str]:
        return {"name": _("Name"), "share": _("Share, %"), "cap": _("Cap"), "is_grant": _("Grant")}


class ChosenLinesDialog(FormDialog):
    """A funding source and/or a category for every chosen line at once; "unchanged"
    leaves that field of each line as it is."""

    def __init__(
        self,
        save: Save,
        *,
        count: int,
        sources: list[tuple[str, int]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_("Change the chosen lines"), save, parent)
        unchanged = _("— unchanged —")
        self.source = QComboBox()
        self.source.addItem(unchanged, "keep")
        self.source.addItem(_("(no funding source)"), None)
        for name, source_id in sources:
            self.source.addItem(name, source_id)
        self.category = code_combo(BUDGET_CATEGORIES, category_label, empty=unchanged)
        self.form.addRow(
            QLabel(ngettext("{n} line is chosen.", "{n} lines are chosen.", count).format(n=count))
        )
        self.form.addRow(_("&Funding source"), self.source)
        self.form.addRow(_("&Category"), self.category)

    def fields(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.source.currentData() != "keep":
            out["funding_source_id"] = self.source.currentData()
        if self.category.currentData() is not None:
            out["category"] = self.category.currentData()
        return out

    def accept(self) -> None:
        if not self.fields():
            self.problem.show_problem(_("Choose a funding source or a category to give the lines."))
            return
        try:
            self._save(self.fields())
        except refused() as problem:
            self.problem.show_problem(
                describe(
                    problem, {"funding_source_id": _("Funding source"), "category": _("Category")}
                )
            )
            return
        QDialog.accept(self)
