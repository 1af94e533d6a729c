"""The funding frame of visits: a project with its funder and acknowledgement."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, Date, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.enums import RATE_RULES
from db.models.base import Base, Editable, Keyed, Str300, choice, live_unique
from db.types import DecimalText


class Project(Editable, Keyed, Base):
    """A funded project (``4.3-24/NFI/INP-002``); several visits may belong to it."""

    __tablename__ = "project"
    __table_args__ = (live_unique("uq_project_code_live", "code"),)

    code: Mapped[str] = mapped_column(Str300)
    title: Mapped[str | None] = mapped_column(Str300)
    programme: Mapped[str | None] = mapped_column(Str300)
    funder: Mapped[str | None] = mapped_column(Str300)
    period_start: Mapped[dt.date | None] = mapped_column(Date)
    period_end: Mapped[dt.date | None] = mapped_column(Date)
    grant_rate: Mapped[Decimal | None] = mapped_column(DecimalText())
    acknowledgement: Mapped[str | None] = mapped_column(Text)
    logo: Mapped[bytes | None] = mapped_column(LargeBinary)
    logo_mime: Mapped[str | None] = mapped_column(String(20))
    # The grant awarded (minor units of ``currency``), the currency the project reports in
    # (NULL: EUR), the rule actuals convert by (NULL: ``ecb``) and, for the ``fixed`` rule,
    # units of each currency per euro ({"NOK": "11.5"}) — migration 0008.
    awarded_minor: Mapped[int | None] = mapped_column(BigInteger)
    currency: Mapped[str | None] = mapped_column(String(3))
    rate_rule: Mapped[str | None] = mapped_column(choice("rate_rule", RATE_RULES))
    fixed_rates: Mapped[dict[str, Any] | None] = mapped_column()

    @property
    def report_currency(self) -> str:
        return self.currency or "EUR"
