"""The columns of the Budget tab's tables: lines, exchange rates, funding sources.

Amounts in the base currency go through ``format_money`` and quantities and rates through
the documents' number formatter, so the screen reads like the budget PDF. Sort keys are the
amounts themselves (a line without a rate sorts first), not their text.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from app.domain.budget_totals import LineOut, category_label
from app.i18n import N_, _, current_language, format_money
from ui.models.rows_model import Column


def _money(amount: Decimal | None, currency: str) -> str:
    return "—" if amount is None else format_money(amount, currency)


def _number(value: Decimal | None) -> str:
    from app.documents.budget_text import number

    return number(value, current_language())


def line_columns(base: str, source_name: Any) -> list[Column[LineOut]]:
    """The lines' columns; planned, actual and variance in the visit's base currency."""
    from app.documents.budget_text import unit

    def original(o: LineOut) -> str:
        line = o.line
        text = f"{_number(line.quantity)} × {_number(line.unit_price)} {line.currency}"
        return f"{text} ({unit(current_language(), line.unit)})" if line.unit else text

    def amount(value: Decimal | None) -> Any:
        return value if value is not None else Decimal("-1e18")

    return [
        Column(N_("Category"), lambda o: category_label(o.line.category)),
        Column(N_("Description"), lambda o: o.line.description),
        Column(N_("Funding source"), lambda o: source_name(o.line.funding)),
        Column(N_("Quantity × unit price"), original),
        Column(N_("Planned"), lambda o: _money(o.planned, base),
               sort=lambda o: amount(o.planned), right=True),
        Column(N_("Actual"), lambda o: _money(o.actual, base) if o.line.actual_amount
               is not None else "", sort=lambda o: amount(o.actual), right=True),
        Column(N_("Variance"), lambda o: _money(o.variance, base)
               if o.variance is not None else "", sort=lambda o: amount(o.variance),
               right=True),
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
