"""After the visit: the report, its lessons, follow-up actions and attachments."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from sqlalchemy import Date, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.enums import ATTACHMENT_KINDS, FOLLOW_UP_STATUSES
from db.models.base import Base, Editable, Str300, choice, live_unique

if TYPE_CHECKING:
    from db.models.directory import Contact
    from db.models.visit import Visit


class Report(Editable, Base):
    """The post-visit summary of one visit (one live report per visit; a deleted one stays
    in the bin for undo without blocking a new one)."""

    __tablename__ = "report"
    __table_args__ = (live_unique("uq_report_visit_live", "visit_id"),)

    visit_id: Mapped[int] = mapped_column(ForeignKey("visit.id", ondelete="CASCADE"), index=True)
    summary: Mapped[str | None] = mapped_column(Text)
    results: Mapped[list[Any] | None] = mapped_column()
    article: Mapped[str | None] = mapped_column(Text)

    visit: Mapped[Visit] = relationship(back_populates="report")
    lessons: Mapped[list[Lesson]] = relationship(
        back_populates="report", cascade="all, delete-orphan", order_by="Lesson.position"
    )
    contacts: Mapped[list[ReportContact]] = relationship(
        back_populates="report", cascade="all, delete-orphan", order_by="ReportContact.position"
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


class ReportContact(Editable, Base):
    """A contact gained on the visit: the text as written ("Ingrid Haugland, Hordaland
    fylkeskommune – klasteri"), linked to the directory's contact when the person is there.

    The text is what the visit file carries and what the documents print; the link lets the
    summary name the institution and the directory show where a contact was met.
    """

    __tablename__ = "report_contact"

    report_id: Mapped[int] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text)
    contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("contact.id", ondelete="SET NULL"), index=True
    )

    report: Mapped[Report] = relationship(back_populates="contacts")
    contact: Mapped[Contact | None] = relationship()


class FollowUp(Editable, Base):
    """An action agreed after the visit, with its owner and due date."""

    __tablename__ = "follow_up"

    report_id: Mapped[int] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    action: Mapped[str] = mapped_column(Text)
    owner: Mapped[str | None] = mapped_column(Str300)
    due: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(
        choice("follow_up_status", FOLLOW_UP_STATUSES), default="open"
    )

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
