"""The columns of the Budget tab's tables: lines, exchange rates, funding sources.

Amounts in the base currency go through ``format_money`` and quantities and rates through
the documents' number formatter, so the screen reads like the budget PDF. Sort keys are the
amounts themselves (a line without a rate sorts first), not their text.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from app.domain.budget_totals import LineOut, category_label
from app.i18n import N_, _, current_language, format_money
from ui.models.rows_model import Column
from ui.widgets.date_time_edits import date_text

if TYPE_CHECKING:
    from app.services.budget_report import RateRow


def _money(amount: Decimal | None, currency: str) -> str:
    return "—" if amount is None else format_money(amount, currency)


def _number(value: Decimal | None) -> str:
    from app.documents.budget_text import number

    return number(value, current_language())


def _amount_columns(base: str, source_name: Any) -> list[Column[LineOut]]:
    """The lines' own columns; planned, actual and variance in the visit's base currency."""
    from app.documents.budget_text import funding_text, unit

    def original(o: LineOut) -> str:
        line = o.line
        text = f"{_number(line.quantity)} × {_number(line.unit_price)} {line.currency}"
        return f"{text} ({unit(current_language(), line.unit)})" if line.unit else text

    def amount(value: Decimal | None) -> Any:
        return value if value is not None else Decimal("-1e18")

    return [
        Column(N_("Category"), lambda o: category_label(o.line.category)),
        Column(N_("Description"), lambda o: o.line.description),
        Column(
            N_("Funding source"),
            lambda o: funding_text(o.line, source_name, current_language()),
        ),
        Column(N_("Quantity × unit price"), original),
        Column(
            N_("Planned"),
            lambda o: _money(o.planned, base),
            sort=lambda o: amount(o.planned),
            right=True,
        ),
        Column(
            N_("Actual"),
            lambda o: _money(o.actual, base) if o.line.actual_amount is not None else "",
            sort=lambda o: amount(o.actual),
            right=True,
        ),
        Column(
            N_("Variance"),
            lambda o: _money(o.variance, base) if o.variance is not None else "",
            sort=lambda o: amount(o.variance),
            right=True,
        ),
        Column(N_("Eligible"), lambda o: _("yes") if o.line.eligible else _("no")),
    ]


RATE_COLUMNS: list[Column[Any]] = [
    Column(N_("Currency"), lambda r: r.currency),
    Column(N_("Rate"), lambda r: _number(r.per_base), right=True),
    Column(N_("Source"), lambda r: r.source),
]
SOURCE_COLUMNS: list[Column[Any]] = [
    Column(N_("Name"), lambda s: s.name),
    Column(N_("Share, %"), lambda s: _number(s.share), right=True),
]


def _rate_note(rate: RateRow | None) -> str:
    """ "÷ 8.2550 (ECB, 31.03.2014)": the rate used and where and when it is from."""
    if rate is None:
        return ""
    origin = ", ".join(x for x in (rate.source, date_text(rate.date) if rate.date else None) if x)
    return f" ÷ {rate.per_base}" + (f" ({origin})" if origin else "")


def _planned_original(o: LineOut) -> str:
    return format_money(o.line.quantity * o.line.unit_price, o.line.currency)


def _actual_original(o: LineOut) -> str:
    line = o.line
    if line.actual_amount is None:
        return ""
    return format_money(line.actual_amount, line.actual_currency or line.currency)


class _Tips:
    """The amounts' tooltips: each amount in its own currency, the rate it converted at
    (with the rate's source and day) and what it came to in the base currency."""

    def __init__(self, base: str, rate_of: Callable[[str | None], RateRow | None]) -> None:
        self.base, self.rate_of = base, rate_of

    def _explain(self, text: str, currency: str, converted: Decimal | None) -> str:
        if converted is None:
            return _("{amount}: {currency} has no exchange rate").format(
                amount=text, currency=currency
            )
        if currency == self.base:
            return text
        return f"{text}{_rate_note(self.rate_of(currency))} = {format_money(converted, self.base)}"

    def planned(self, o: LineOut) -> str:
        return self._explain(_planned_original(o), o.line.currency, o.planned)

    def actual(self, o: LineOut) -> str | None:
        """The rate the payment converted at — its own day's under the project's rule —
        and the exchange difference against the plan's rate."""
        line = o.line
        if line.actual_amount is None:
            return None
        currency = line.actual_currency or line.currency
        used = o.rate
        if used is None or used.kind == "plan" or o.actual is None:
            text = self._explain(_actual_original(o), currency, o.actual)
        else:
            origin = {"ecb": "ECB", "inforeuro": "InforEuro"}.get(used.kind, _("fixed rate"))
            when = f", {date_text(used.date)}" if used.date else ""
            text = (
                f"{_actual_original(o)} ÷ {used.per_base} ({origin}{when}) = "
                f"{format_money(o.actual, self.base)}"
            )
        if o.exchange:
            text += " · " + _("exchange difference {amount}").format(
                amount=format_money(o.exchange, self.base)
            )
        return text


def line_columns(
    base: str, source_name: Any, rate_of: Callable[[str | None], RateRow | None] = lambda _c: None
) -> list[Column[LineOut]]:
    """The model's line columns, with what the invoice says: the actual amount in its own
    currency (the Actual cell's tooltip), the invoice or receipt, its date, and paid; and
    each amount in its own currency, with the rate and the rate's date in the tooltips
    (the PDF prints them; the window should not know less)."""
    columns = _amount_columns(base, source_name)
    headers = [column.header for column in columns]
    tips = _Tips(base, rate_of)
    planned = headers.index("Planned")
    columns[planned] = dataclasses.replace(columns[planned], tooltip=tips.planned)
    actual = headers.index("Actual")
    columns[actual] = dataclasses.replace(columns[actual], tooltip=tips.actual)
    extra = [
        Column(N_("Paid"), lambda o: _("yes") if o.line.actual_paid else _("no")),
        Column(N_("Invoice or receipt"), lambda o: o.line.actual_document),
        Column(
            N_("Document date"),
            lambda o: date_text(o.line.actual_date),
            sort=lambda o: o.line.actual_date or dt.date.min,
        ),
    ]
    at = headers.index("Variance") + 1
    originals = [
        Column(
            N_("Planned in its currency"),
            _planned_original,
            tooltip=tips.planned,
            sort=lambda o: o.line.quantity * o.line.unit_price,
            right=True,
        ),
        Column(
            N_("Actual in its currency"),
            _actual_original,
            tooltip=tips.actual,
            sort=lambda o: (
                o.line.actual_amount if o.line.actual_amount is not None else Decimal("-1e18")
            ),
            right=True,
        ),
    ]
    return columns[:at] + extra + columns[at:] + originals


def rate_columns() -> list[Column[Any]]:
    """Currency, rate, the rate's date and its source: a rate without its day cannot be
    checked (a 2014 rate on a 2023 visit looked like any other)."""
    date = Column(N_("Date"), lambda r: date_text(r.date), sort=lambda r: r.date or dt.date.min)
    return [*RATE_COLUMNS[:2], date, *RATE_COLUMNS[2:]]


def source_columns() -> list[Column[Any]]:
    """Name, share and whether the source is a grant."""
    return [*SOURCE_COLUMNS, Column(N_("Grant"), lambda s: _("yes") if s.is_grant else _("no"))]
