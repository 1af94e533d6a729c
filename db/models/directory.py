"""The shared directory: host institutions with their contacts, and people."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.enums import GENDERS, ORG_KINDS
from db.models.base import Base, Editable, Keyed, Str300, choice

if TYPE_CHECKING:
    from db.models.visit import Participation


class Organisation(Editable, Keyed, Base):
    """A host institution or organiser, reused across visits."""

    __tablename__ = "organisation"

    name: Mapped[str] = mapped_column(Str300)
    name_original: Mapped[str | None] = mapped_column(Str300)
    name_en: Mapped[str | None] = mapped_column(Str300)
    kind: Mapped[str | None] = mapped_column(choice("org_kind", ORG_KINDS))
    country: Mapped[str | None] = mapped_column(String(2))
    city: Mapped[str | None] = mapped_column(Str300)
    address: Mapped[str | None] = mapped_column(Str300)
    website: Mapped[str | None] = mapped_column(Str300)
    notes: Mapped[str | None] = mapped_column(Text)

    contacts: Mapped[list[Contact]] = relationship(
        back_populates="organisation", order_by="Contact.id", cascade="all, delete-orphan"
    )


class Contact(Editable, Keyed, Base):
    """A person at a host institution (not a delegate: delegates are ``Person`` rows)."""

    __tablename__ = "contact"

    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(Str300)
    position: Mapped[str | None] = mapped_column(Str300)
    email: Mapped[str | None] = mapped_column(Str300)
    phone: Mapped[str | None] = mapped_column(String(40))
    languages: Mapped[list[Any] | None] = mapped_column()

    organisation: Mapped[Organisation] = relationship(back_populates="contacts")


class Person(Editable, Keyed, Base):
    """A delegate or staff member, reused across visits.

    ``id_document`` and ``date_of_birth`` are sensitive: masked in the UI, never printed in
    full, exported only when asked.
    """

    __tablename__ = "person"

    given_name: Mapped[str] = mapped_column(Str300)
    family_name: Mapped[str] = mapped_column(Str300)
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"), index=True
    )
    position: Mapped[str | None] = mapped_column(Str300)
    email: Mapped[str | None] = mapped_column(Str300, index=True)
    phone: Mapped[str | None] = mapped_column(String(40))
    date_of_birth: Mapped[dt.date | None] = mapped_column(Date)
    id_document: Mapped[str | None] = mapped_column(Str300)
    dietary: Mapped[str | None] = mapped_column(Text)
    accessibility: Mapped[str | None] = mapped_column(Text)
    emergency_name: Mapped[str | None] = mapped_column(Str300)
    emergency_phone: Mapped[str | None] = mapped_column(String(40))
    notes: Mapped[str | None] = mapped_column(Text)
    # Grammatical gender for Latvian words about the person ("Delegāte", "Koordinatore");
    # NULL: not known, documents then guess it from the name's ending.
    gender: Mapped[str | None] = mapped_column(choice("gender", GENDERS), nullable=True)

    organisation: Mapped[Organisation | None] = relationship()
    participations: Mapped[list[Participation]] = relationship(back_populates="person")

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"
