"""The day-by-day programme: items in local wall time with their IANA zone."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from sqlalchemy import Boolean, CheckConstraint, Column, ForeignKey, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.enums import ITEM_KINDS
from db.models.base import Base, Editable, Keyed, Str300, choice

if TYPE_CHECKING:
    from db.models.directory import Contact, Organisation, Person
    from db.models.visit import Visit

programme_attendee = Table(
    "programme_attendee",
    Base.metadata,
    Column("item_id", ForeignKey("programme_item.id", ondelete="CASCADE"), primary_key=True),
    Column("person_id", ForeignKey("person.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class ProgrammeItem(Editable, Keyed, Base):
    """One meeting, visit, meal or transfer.

    ``starts``/``ends`` are the wall-clock times at the venue, in ``timezone``; the UTC
    columns are derived from them (for ordering and conflict checks) whenever they change.
    """

    __tablename__ = "programme_item"
    __table_args__ = (CheckConstraint("starts_utc < ends_utc", name="starts_before_ends"),)

    visit_id: Mapped[int] = mapped_column(ForeignKey("visit.id", ondelete="CASCADE"), index=True)
    starts: Mapped[dt.datetime] = mapped_column()
    ends: Mapped[dt.datetime] = mapped_column()
    timezone: Mapped[str] = mapped_column(String(64))
    starts_utc: Mapped[dt.datetime] = mapped_column(index=True)
    ends_utc: Mapped[dt.datetime] = mapped_column()
    kind: Mapped[str] = mapped_column(choice("item_kind", ITEM_KINDS), default="meeting")
    title: Mapped[str] = mapped_column(Str300)
    description: Mapped[str | None] = mapped_column(Text)
    translations: Mapped[dict[str, Any] | None] = mapped_column()
    host_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"), index=True
    )
    contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("contact.id", ondelete="SET NULL"), index=True
    )
    venue: Mapped[str | None] = mapped_column(Str300)
    address: Mapped[str | None] = mapped_column(Str300)
    track: Mapped[str | None] = mapped_column(Str300)
    attendees_all: Mapped[bool] = mapped_column(Boolean, default=True)
    interpreter: Mapped[bool] = mapped_column(Boolean, default=False)
    confirmed: Mapped[bool] = mapped_column(Boolean, default=False)
    outcome: Mapped[str | None] = mapped_column(Text)

    visit: Mapped[Visit] = relationship(back_populates="programme")
    host: Mapped[Organisation | None] = relationship()
    contact: Mapped[Contact | None] = relationship()
    attendees: Mapped[list[Person]] = relationship(secondary=programme_attendee)
