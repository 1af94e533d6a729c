"""A visit and who takes part in it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import CheckConstraint, Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.enums import (
    DIRECTIONS,
    PARTICIPATION_STATUSES,
    ROLES,
    TAKING_PART,
    VISIT_KINDS,
    VISIT_STATUSES,
)
from db.models.base import Base, Editable, Keyed, Str300, choice, live_unique
from db.types import DecimalText

if TYPE_CHECKING:
    from db.models.budget import BudgetLine, ExchangeRate, FundingSource
    from db.models.directory import Organisation, Person
    from db.models.logistics import Stay, TravelLeg
    from db.models.programme import ProgrammeItem
    from db.models.project import Project
    from db.models.report import Report


class Visit(Editable, Keyed, Base):
    """One study visit, conference, seminar or hosted delegation."""

    __tablename__ = "visit"
    __table_args__ = (
        live_unique("uq_visit_code_live", "code"),
        CheckConstraint("start_date <= end_date", name="dates_in_order"),
    )

    code: Mapped[str] = mapped_column(Str300)
    title: Mapped[str] = mapped_column(Str300)
    translations: Mapped[dict[str, Any] | None] = mapped_column()
    kind: Mapped[str] = mapped_column(choice("visit_kind", VISIT_KINDS), default="study_visit")
    direction: Mapped[str] = mapped_column(choice("direction", DIRECTIONS), default="outgoing")
    status: Mapped[str] = mapped_column(choice("visit_status", VISIT_STATUSES), default="draft")
    purpose: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    topics: Mapped[list[Any] | None] = mapped_column()
    country: Mapped[str | None] = mapped_column(String(2))
    city: Mapped[str | None] = mapped_column(Str300)
    timezone: Mapped[str] = mapped_column(String(64))
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date] = mapped_column(Date)
    languages: Mapped[list[Any] | None] = mapped_column()
    organiser_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"), index=True
    )
    coordinator_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), index=True
    )
    emergency: Mapped[list[Any] | None] = mapped_column()
    project_id: Mapped[int | None] = mapped_column(
        ForeignKey("project.id", ondelete="SET NULL"), index=True
    )
    base_currency: Mapped[str] = mapped_column(String(3), default="EUR")
    # The share of the daily allowance paid on reduced days, in percent (NULL: the default
    # 30 %). Not in the visit file: an input of the allowance calculator kept so that every
    # document counts as the Daily allowances tab did (migration 0006).
    allowance_share: Mapped[Decimal | None] = mapped_column(DecimalText())

    organiser: Mapped[Organisation | None] = relationship(foreign_keys=[organiser_id])
    coordinator: Mapped[Person | None] = relationship(foreign_keys=[coordinator_id])
    project: Mapped[Project | None] = relationship()
    participations: Mapped[list[Participation]] = relationship(
        back_populates="visit", cascade="all, delete-orphan", order_by="Participation.id"
    )
    programme: Mapped[list[ProgrammeItem]] = relationship(
        back_populates="visit",
        cascade="all, delete-orphan",
        order_by="(ProgrammeItem.starts_utc, ProgrammeItem.track, ProgrammeItem.title)",
    )
    travel: Mapped[list[TravelLeg]] = relationship(
        back_populates="visit", cascade="all, delete-orphan", order_by="TravelLeg.departs_utc"
    )
    stays: Mapped[list[Stay]] = relationship(
        back_populates="visit", cascade="all, delete-orphan", order_by="Stay.check_in"
    )
    # The plan's rates (one per currency); the dated ECB/InforEuro rates the actuals
    # convert at are ``dated_rates``.
    rates: Mapped[list[ExchangeRate]] = relationship(
        back_populates="visit",
        cascade="all, delete-orphan",
        order_by="ExchangeRate.currency",
        primaryjoin="and_(Visit.id == ExchangeRate.visit_id, ExchangeRate.kind == 'plan')",
    )
    dated_rates: Mapped[list[ExchangeRate]] = relationship(
        cascade="all, delete-orphan",
        viewonly=False,
        overlaps="rates,visit",
        order_by="(ExchangeRate.currency, ExchangeRate.kind, ExchangeRate.date)",
        primaryjoin="and_(Visit.id == ExchangeRate.visit_id, ExchangeRate.kind != 'plan')",
    )
    funding_sources: Mapped[list[FundingSource]] = relationship(
        back_populates="visit", cascade="all, delete-orphan", order_by="FundingSource.position"
    )
    budget_lines: Mapped[list[BudgetLine]] = relationship(
        back_populates="visit", cascade="all, delete-orphan", order_by="BudgetLine.position"
    )
    report: Mapped[Report | None] = relationship(
        back_populates="visit", cascade="all, delete-orphan", uselist=False
    )


class Participation(Editable, Base):
    """A person in a visit, with their role and status there."""

    __tablename__ = "participation"
    __table_args__ = (live_unique("uq_participation_live", "visit_id", "person_id"),)

    visit_id: Mapped[int] = mapped_column(ForeignKey("visit.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(choice("role", ROLES), default="delegate")
    status: Mapped[str] = mapped_column(
        choice("participation_status", PARTICIPATION_STATUSES), default="invited"
    )
    arrives: Mapped[dt.date | None] = mapped_column(Date)
    departs: Mapped[dt.date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)
    # The days with free accommodation and three meals (paid at the visit's reduced
    # allowance share): ISO dates separated by spaces, NULL for none. Not in the visit file
    # (migration 0006); read and written by app.services.allowances.
    allowance_reduced_days: Mapped[str | None] = mapped_column(Text)

    visit: Mapped[Visit] = relationship(back_populates="participations")
    person: Mapped[Person] = relationship(back_populates="participations")

    @property
    def takes_part(self) -> bool:
        return self.status in TAKING_PART
