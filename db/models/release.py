"""A released version of a visit's programme: what the delegates and hosts were sent.

A coordinator sends the programme, then things move. Each release freezes the programme,
logistics and participants as a visit-file snapshot (the ``studyvisit/1`` structure,
without budget, report or sensitive data), numbered from 1 per visit, so that a notice can
later say what changed since the version a person received. The row belongs to the visit
(``import visit --replace`` keeps the visit row, so releases survive it) and is never
edited: a release is a fact about what was sent.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import ForeignKey, Integer, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, utcnow


class ProgrammeRelease(Base):
    __tablename__ = "programme_release"
    __table_args__ = (UniqueConstraint("visit_id", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visit.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    released_at: Mapped[dt.datetime] = mapped_column(default=utcnow)  # naive UTC
    note: Mapped[str | None] = mapped_column(Text)
    snapshot: Mapped[dict[str, Any]] = mapped_column()
