"""Warnings on an allowance plan that come from the budget: the daily-allowance lines
planning another amount than the calculator, and hotel nights above the accommodation cap.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.allowances import (
    over_cap,
)
from app.domain.money import MissingRate, convert
from app.i18n import _, format_money
from db.models import (
    BudgetLine,
    ExchangeRate,
    Visit,
)

if TYPE_CHECKING:
    from app.services.allowances.plan import AllowancePlan, TravellerAllowance


def lines_check(
    session: Session, visit: Visit, plan: AllowancePlan
) -> tuple[Decimal | None, str | None]:
    """What the daily-allowance budget lines plan in EUR, and a warning when it is not what
    the calculator gives (the demo's lines are hand-made at an older rate, for one)."""
    lines = list(
        session.scalars(
            select(BudgetLine).where(
                BudgetLine.visit_id == visit.id, BudgetLine.category == "daily_allowance"
            )
        )
    )
    rates = {
        r.currency: r.per_base
        for r in session.scalars(
            select(ExchangeRate).where(
                ExchangeRate.visit_id == visit.id, ExchangeRate.kind == "plan"
            )
        )
    }
    rates[visit.base_currency] = Decimal(1)
    if "EUR" not in rates:
        return None, None
    total = Decimal("0.00")
    for line in lines:
        if line.currency not in rates:
            return None, None
        total += convert(
            line.quantity * line.unit_price, line.currency, "EUR", visit.base_currency, rates
        )
    if not any(t.allowance for t in plan.travellers) or total == plan.total:
        return total, None
    if not lines:
        return total, _(
            "The budget has no daily-allowance lines yet; the calculator gives "
            "{calculated}. Make the allowance lines to plan it."
        ).format(calculated=format_money(plan.total, "EUR"))
    return total, _(
        "The daily-allowance budget lines plan {lines}, the calculator gives "
        "{calculated} ({difference} difference). Make the allowance lines again "
        "so that the budget and the per-person table agree."
    ).format(
        lines=format_money(total, "EUR"),
        calculated=format_money(plan.total, "EUR"),
        difference=format_money(abs(plan.total - total), "EUR"),
    )


def cap_warnings(session: Session, visit: Visit, travellers: list[TravellerAllowance]) -> list[str]:
    """Hotel nights (accommodation lines priced per night) above the country's cap."""
    caps = {t.rate.accommodation_cap for t in travellers if t.rate}
    caps.discard(None)
    if not caps:
        return []
    cap = min(c for c in caps if c is not None)
    rates = {
        r.currency: r.per_base
        for r in session.scalars(
            select(ExchangeRate).where(
                ExchangeRate.visit_id == visit.id, ExchangeRate.kind == "plan"
            )
        )
    }
    found = []
    for line in session.scalars(
        select(BudgetLine)
        .where(
            BudgetLine.visit_id == visit.id,
            BudgetLine.category == "accommodation",
            BudgetLine.unit == "night",
        )
        .order_by(BudgetLine.position)
    ):
        try:
            # The cap is in euros: a NOK visit's 1 300 NOK night is compared as euros
            # (it was compared as 1 300 against a cap of 130 €).
            price = convert(line.unit_price, line.currency, "EUR", visit.base_currency, rates)
        except MissingRate:
            continue
        above = over_cap(price, cap)
        if above is not None:
            found.append(
                _(
                    "“{line}”: a night costs {price}, {above} above the accommodation cap of {cap}"
                ).format(
                    line=line.description or _("Accommodation"),
                    price=format_money(price, "EUR"),  # converted: the cap is in euros
                    above=format_money(above, "EUR"),
                    cap=format_money(cap, "EUR"),
                )
            )
    return found
