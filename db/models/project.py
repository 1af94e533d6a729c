"""The funding frame of visits: a project with its funder and acknowledgement."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import Date, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, Editable, Keyed, Str300, live_unique
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
