"""Travel legs (each end in its own zone), hotel stays and the rooming list."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.enums import ROOM_TYPES, TRAVEL_MODES
from db.models.base import Base, Editable, Keyed, Str300, choice

if TYPE_CHECKING:
    from db.models.directory import Person
    from db.models.visit import Visit

travel_passenger = Table(
    "travel_passenger",
    Base.metadata,
    Column("leg_id", ForeignKey("travel_leg.id", ondelete="CASCADE"), primary_key=True),
    Column("person_id", ForeignKey("person.id", ondelete="CASCADE"), primary_key=True, index=True),
)

room_occupant = Table(
    "room_occupant",
    Base.metadata,
    Column("room_id", ForeignKey("room.id", ondelete="CASCADE"), primary_key=True),
    Column("person_id", ForeignKey("person.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class TravelLeg(Editable, Keyed, Base):
    """A flight, train or bus: departs in the zone of its origin, arrives in that of its end."""

    __tablename__ = "travel_leg"
    __table_args__ = (CheckConstraint("departs_utc < arrives_utc", name="arrives_after_departs"),)

    visit_id: Mapped[int] = mapped_column(ForeignKey("visit.id", ondelete="CASCADE"), index=True)
    mode: Mapped[str] = mapped_column(choice("travel_mode", TRAVEL_MODES), default="flight")
    carrier: Mapped[str | None] = mapped_column(Str300)
    number: Mapped[str | None] = mapped_column(String(40))
    from_place: Mapped[str] = mapped_column(Str300)
    from_timezone: Mapped[str] = mapped_column(String(64))
    departs: Mapped[dt.datetime] = mapped_column()
    to_place: Mapped[str] = mapped_column(Str300)
    to_timezone: Mapped[str] = mapped_column(String(64))
    arrives: Mapped[dt.datetime] = mapped_column()
    departs_utc: Mapped[dt.datetime] = mapped_column(index=True)
    arrives_utc: Mapped[dt.datetime] = mapped_column()
    booking_ref: Mapped[str | None] = mapped_column(String(40))
    passengers_all: Mapped[bool] = mapped_column(Boolean, default=True)
    notes: Mapped[str | None] = mapped_column(Text)

    visit: Mapped[Visit] = relationship(back_populates="travel")
    passengers: Mapped[list[Person]] = relationship(secondary=travel_passenger)


class Stay(Editable, Keyed, Base):
    """A hotel (or other accommodation) with its rooms."""

    __tablename__ = "stay"
    __table_args__ = (CheckConstraint("check_in <= check_out", name="check_out_after_in"),)

    visit_id: Mapped[int] = mapped_column(ForeignKey("visit.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(Str300)
    address: Mapped[str | None] = mapped_column(Str300)
    phone: Mapped[str | None] = mapped_column(String(40))
    check_in: Mapped[dt.date] = mapped_column(Date)
    check_out: Mapped[dt.date] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)

    visit: Mapped[Visit] = relationship(back_populates="stays")
    rooms: Mapped[list[Room]] = relationship(
        back_populates="stay", cascade="all, delete-orphan", order_by="Room.position"
    )


class Room(Editable, Base):
    """A room of a stay and who sleeps in it."""

    __tablename__ = "room"

    stay_id: Mapped[int] = mapped_column(ForeignKey("stay.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    label: Mapped[str | None] = mapped_column(Str300)
    type: Mapped[str] = mapped_column(choice("room_type", ROOM_TYPES), default="single")

    stay: Mapped[Stay] = relationship(back_populates="rooms")
    occupants: Mapped[list[Person]] = relationship(secondary=room_occupant)
