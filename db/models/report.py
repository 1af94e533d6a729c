"""After the visit: the report, its lessons, follow-up actions and attachments."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from sqlalchemy import Date, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.enums import ATTACHMENT_KINDS, FOLLOW_UP_STATUSES
from db.models.base import Base, Editable, Str300, choice

if TYPE_CHECKING:
    from db.models.visit import Visit


class Report(Editable, Base):
    """The post-visit summary of one visit."""

    __tablename__ = "report"

    visit_id: Mapped[int] = mapped_column(
        ForeignKey("visit.id", ondelete="CASCADE"), unique=True
    )
    summary: Mapped[str | None] = mapped_column(Text)
    results: Mapped[list[Any] | None] = mapped_column()
    contacts_gained: Mapped[list[Any] | None] = mapped_column()
    article: Mapped[str | None] = mapped_column(Text)

    visit: Mapped[Visit] = relationship(back_populates="report")
    lessons: Mapped[list[Lesson]] = relationship(
        back_populates="report", cascade="all, delete-orphan", order_by="Lesson.position"
    )
    follow_ups: Mapped[list[FollowUp]] = relationship(
        back_populates="report", cascade="all, delete-orphan", order_by="FollowUp.position"
    )
    attachments: Mapped[list[Attachment]] = relationship(
        back_populates="report", cascade="all, delete-orphan", order_by="Attachment.position"
    )


class Lesson(Editable, Base):
    """A lesson learned, tagged with topics for the experience archive."""

    __tablename__ = "lesson"

    report_id: Mapped[int] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text)
    topics: Mapped[list[Any] | None] = mapped_column()

    report: Mapped[Report] = relationship(back_populates="lessons")


class FollowUp(Editable, Base):
    """An action agreed after the visit, with its owner and due date."""

    __tablename__ = "follow_up"

    report_id: Mapped[int] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    action: Mapped[str] = mapped_column(Text)
    owner: Mapped[str | None] = mapped_column(Str300)
    due: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(choice("follow_up_status", FOLLOW_UP_STATUSES),
                                        default="open")

    report: Mapped[Report] = relationship(back_populates="follow_ups")


class Attachment(Editable, Base):
    """A photo or file kept inside the database, so that a backup holds it."""

    __tablename__ = "attachment"

    report_id: Mapped[int] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[str] = mapped_column(choice("attachment_kind", ATTACHMENT_KINDS), default="photo")
    caption: Mapped[str | None] = mapped_column(Str300)
    taken: Mapped[dt.date | None] = mapped_column(Date)
    filename: Mapped[str | None] = mapped_column(Str300)
    mime: Mapped[str] = mapped_column(String(40))
    data: Mapped[bytes] = mapped_column(LargeBinary)

    report: Mapped[Report] = relationship(back_populates="attachments")
