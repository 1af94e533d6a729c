"""Budget: funding sources, exchange rates, budget lines and the allowance-rate table.

Quantities, unit prices, rates and shares are exact decimal text; actual amounts and
allowance rates are integer minor units (cents) of their currency.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    text,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.enums import BUDGET_CATEGORIES, BUDGET_UNITS, RATE_KINDS
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


_LIVE_PLAN = text("deleted_at IS NULL AND kind = 'plan'")
_LIVE_DATED = text("deleted_at IS NULL AND kind <> 'plan'")


class ExchangeRate(Editable, Base):
    """How many units of ``currency`` make one unit of the visit's base currency.

    ``kind`` ``plan``: the rate the plan is made with, one per currency; importing rates
    never changes it. ``ecb`` / ``inforeuro``: dated rates (a day; a month's first day) the
    actuals convert at under the project's rule (migration 0008).
    """

    __tablename__ = "exchange_rate"
    __table_args__ = (
        Index(
            "uq_exchange_rate_live",
            "visit_id",
            "currency",
            unique=True,
            sqlite_where=_LIVE_PLAN,
            postgresql_where=_LIVE_PLAN,
        ),
        Index(
            "uq_exchange_rate_dated_live",
            "visit_id",
            "currency",
            "kind",
            "date",
            unique=True,
            sqlite_where=_LIVE_DATED,
            postgresql_where=_LIVE_DATED,
        ),
    )

    visit_id: Mapped[int] = mapped_column(ForeignKey("visit.id", ondelete="CASCADE"), index=True)
    currency: Mapped[str] = mapped_column(String(3))
    per_base: Mapped[Decimal] = mapped_column(DecimalText())
    date: Mapped[dt.date | None] = mapped_column(Date)
    source: Mapped[str | None] = mapped_column(Str300)
    kind: Mapped[str] = mapped_column(
        choice("rate_kind", RATE_KINDS), default="plan", server_default="plan"
    )

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
    # Shared between sources by percent ([{"source": id, "percent": "85"}, ...]); NULL: the
    # whole line is ``funding_source_id``'s. The participant a daily-allowance line is for
    # (bound by id, never by the name in the description) — migration 0008.
    shares: Mapped[list[Any] | None] = mapped_column()
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), index=True
    )

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
