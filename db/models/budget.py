"""Budget: funding sources, exchange rates, budget lines and the allowance-rate table.

Quantities, unit prices, rates and shares are exact decimal text; actual amounts and
allowance rates are integer minor units (cents) of their currency.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import BigInteger, Boolean, Date, ForeignKey, Integer, String, Text, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.enums import BUDGET_CATEGORIES, BUDGET_UNITS
from db.models.base import Base, Editable, Keyed, Str300, choice, live_unique
from db.types import DecimalText

if TYPE_CHECKING:
    from db.models.visit import Visit


class FundingSource(Editable, Keyed, Base):
    """Who pays: a grant or own funds, with the share of the visit's total it should cover."""

    __tablename__ = "funding_source"

    visit_id: Mapped[int] = mapped_column(ForeignKey("visit.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(Str300)
    share: Mapped[Decimal | None] = mapped_column(DecimalText())
    # The grant-rate rule counts the sources marked as grants (own funds are not).
    is_grant: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    cap_minor: Mapped[int | None] = mapped_column(BigInteger)

    visit: Mapped[Visit] = relationship(back_populates="funding_sources")


class ExchangeRate(Editable, Base):
    """How many units of ``currency`` make one unit of the visit's base currency."""

    __tablename__ = "exchange_rate"
    __table_args__ = (live_unique("uq_exchange_rate_live", "visit_id", "currency"),)

    visit_id: Mapped[int] = mapped_column(ForeignKey("visit.id", ondelete="CASCADE"), index=True)
    currency: Mapped[str] = mapped_column(String(3))
    per_base: Mapped[Decimal] = mapped_column(DecimalText())
    date: Mapped[dt.date | None] = mapped_column(Date)
    source: Mapped[str | None] = mapped_column(Str300)

    visit: Mapped[Visit] = relationship(back_populates="rates")


class BudgetLine(Editable, Keyed, Base):
    """A planned cost (quantity × unit price in a currency) and what was actually paid."""

    __tablename__ = "budget_line"

    visit_id: Mapped[int] = mapped_column(ForeignKey("visit.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    category: Mapped[str] = mapped_column(choice("budget_category", BUDGET_CATEGORIES))
    description: Mapped[str | None] = mapped_column(Str300)
    funding_source_id: Mapped[int | None] = mapped_column(
        ForeignKey("funding_source.id", ondelete="SET NULL"), index=True
    )
    eligible: Mapped[bool] = mapped_column(Boolean, default=True)
    quantity: Mapped[Decimal] = mapped_column(DecimalText())
    unit: Mapped[str | None] = mapped_column(choice("budget_unit", BUDGET_UNITS))
    unit_price: Mapped[Decimal] = mapped_column(DecimalText())
    currency: Mapped[str] = mapped_column(String(3))
    actual_minor: Mapped[int | None] = mapped_column(BigInteger)
    actual_currency: Mapped[str | None] = mapped_column(String(3))
    actual_document: Mapped[str | None] = mapped_column(Str300)
    actual_date: Mapped[dt.date | None] = mapped_column(Date)
    actual_paid: Mapped[bool] = mapped_column(Boolean, default=False)

    visit: Mapped[Visit] = relationship(back_populates="budget_lines")
    funding_source: Mapped[FundingSource | None] = relationship()


class AllowanceRate(Editable, Base):
    """Daily allowance and accommodation cap for a country, in EUR cents, from a date on."""

    __tablename__ = "allowance_rate"
    __table_args__ = (live_unique("uq_allowance_rate_live", "country", "valid_from"),)

    country: Mapped[str] = mapped_column(String(2))
    daily_minor: Mapped[int] = mapped_column(BigInteger)
    accommodation_cap_minor: Mapped[int | None] = mapped_column(BigInteger)
    valid_from: Mapped[dt.date] = mapped_column(Date)
    source: Mapped[str | None] = mapped_column(Text)
