"""After the visit: the report, its lessons, follow-up actions, contacts gained and
attachments (photos).

A visit has at most one live report (a unique index over live rows says so). A deleted
report stays in the bin for undo and does not block a new one; restoring it while the visit
has another live report is refused with a message saying what to do.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.domain.validation import Invalid
from app.i18n import N_, _
from app.services import crud
from app.services import field_rules as rules
from app.services.base import Duplicate
from db.engine import Database
from db.enums import ATTACHMENT_KINDS, FOLLOW_UP_STATUSES
from db.models import Attachment, Contact, FollowUp, Lesson, Report, ReportContact, Visit

ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024
PHOTO_TYPES = ("image/png", "image/jpeg")
_MIME = re.compile(r"^[a-z0-9][a-z0-9.+-]*/[a-z0-9][a-z0-9.+-]*$")


# --- report ---------------------------------------------------------------------------


def _one_report(session: Session, report: Report) -> None:
    """A visit's second live report is refused before the unique index would say so."""
    other = session.scalar(
        select(Report.id)
        .where(
            Report.visit_id == report.visit_id,
            Report.id != (report.id or 0),
            Report.deleted_at.is_(None),
        )
        .execution_options(include_deleted=True)
    )
    if other is None:
        return
    if report.id is None:
        raise Duplicate(_("This visit already has a report."))
    raise Duplicate(
        _("This visit has another report now; delete that one before restoring this one.")
    )


REPORT = crud.Entity(
    Report,
    label=N_("Report"),
    spec={
        "summary": rules.long_text,
        "results": rules.text_list,
        "article": rules.long_text,
    },
    parent=(Visit, "visit_id"),
    loads=(
        selectinload(Report.lessons),
        selectinload(Report.follow_ups),
        selectinload(Report.contacts),
        selectinload(Report.attachments),
    ),
    children=lambda report: [
        *report.lessons,
        *report.follow_ups,
        *report.contacts,
        *report.attachments,
    ],
)


def create_report(db: Database, visit_id: int, **fields: Any) -> Report:
    return crud.create(db, REPORT, fields, parent_id=visit_id, before=_one_report)


def get_report(db: Database, report_id: int) -> Report:
    return crud.fetch(db, REPORT, report_id)


def report_for_visit(db: Database, visit_id: int) -> Report | None:
    """The visit's live report with lessons, follow-ups, contacts and attachments, or None."""
    rows = crud.listing(db, REPORT, parent_id=visit_id)
    return rows[0] if rows else None


def update_report(db: Database, report_id: int, version: int | None, **changes: Any) -> Report:
    return crud.update(db, REPORT, report_id, version, changes)


def delete_report(db: Database, report_id: int, version: int | None = None) -> None:
    crud.delete(db, REPORT, report_id, version)


def restore_report(db: Database, report_id: int) -> Report:
    return crud.restore(db, REPORT, report_id, before=_one_report)


# --- lessons and follow-ups -------------------------------------------------------------


def _placed(cls: type[Any], report_id: int) -> crud.Check:
    def place(session: Session, row: Any) -> None:
        row.position = crud.next_position(session, cls, "report_id", report_id)

    return place


def lesson_topics(text: str) -> list[str]:
    """The topics typed in one line: a Latvian user separates a list with semicolons as
    often as with commas ("inovācijas; pudurs"), so both separate; blanks around a topic
    and empty parts go. The window's lesson fields and the service read typed text here."""
    return [part.strip() for part in re.split(r"[,;]", text) if part.strip()]


def _lesson_topics(value: Any) -> list[str] | None:
    """A lesson's topics: a list as it comes (a visit file's), or one typed line split by
    ``lesson_topics``; none typed is no list (what the archive and statistics read)."""
    if isinstance(value, str):
        return lesson_topics(value) or None
    return rules.text_list(value)


LESSON = crud.Entity(
    Lesson,
    label=N_("Lesson"),
    spec={"text": rules.required_long_text, "topics": _lesson_topics},
    required=("text",),
    parent=(Report, "report_id"),
    order_by=(Lesson.position,),
)

FOLLOW_UP = crud.Entity(
    FollowUp,
    label=N_("Follow-up"),
    spec={
        "action": rules.required_long_text,
        "owner": rules.line(),
        "due": rules.date(),
        "status": rules.enum(FOLLOW_UP_STATUSES, default="open"),
    },
    required=("action",),
    parent=(Report, "report_id"),
    order_by=(FollowUp.position,),
)


def create_lesson(db: Database, report_id: int, **fields: Any) -> Lesson:
    return crud.create(db, LESSON, fields, parent_id=report_id, before=_placed(Lesson, report_id))


def get_lesson(db: Database, lesson_id: int) -> Lesson:
    return crud.fetch(db, LESSON, lesson_id)


def update_lesson(db: Database, lesson_id: int, version: int | None, **changes: Any) -> Lesson:
    return crud.update(db, LESSON, lesson_id, version, changes)


def delete_lesson(db: Database, lesson_id: int, version: int | None = None) -> None:
    crud.delete(db, LESSON, lesson_id, version)


def restore_lesson(db: Database, lesson_id: int) -> Lesson:
    return crud.restore(db, LESSON, lesson_id)


def list_lessons(db: Database, report_id: int) -> list[Lesson]:
    return crud.listing(db, LESSON, parent_id=report_id)


def create_follow_up(db: Database, report_id: int, **fields: Any) -> FollowUp:
    return crud.create(
        db, FOLLOW_UP, fields, parent_id=report_id, before=_placed(FollowUp, report_id)
    )


def get_follow_up(db: Database, follow_up_id: int) -> FollowUp:
    return crud.fetch(db, FOLLOW_UP, follow_up_id)


def update_follow_up(
    db: Database, follow_up_id: int, version: int | None, **changes: Any
) -> FollowUp:
    return crud.update(db, FOLLOW_UP, follow_up_id, version, changes)


def delete_follow_up(db: Database, follow_up_id: int, version: int | None = None) -> None:
    crud.delete(db, FOLLOW_UP, follow_up_id, version)


def restore_follow_up(db: Database, follow_up_id: int) -> FollowUp:
    return crud.restore(db, FOLLOW_UP, follow_up_id)


def list_follow_ups(db: Database, report_id: int) -> list[FollowUp]:
    return crud.listing(db, FOLLOW_UP, parent_id=report_id)


# --- contacts gained ------------------------------------------------------------------


def _check_contact(session: Session, entry: ReportContact) -> None:
    """A new link goes to a live directory contact (a text alone needs none); a link made
    before the contact left the directory does not block editing the text."""
    if entry.contact_id is not None and (
        entry.id is None or entry.contact_id != crud.committed(entry, "contact_id")
    ):
        contact = session.get(Contact, entry.contact_id)
        if contact is None or contact.deleted_at is not None:
            raise Invalid(
                _("{what} {id} does not exist").format(what=_("Contact"), id=entry.contact_id)
            ).at("contact_id")


REPORT_CONTACT = crud.Entity(
    ReportContact,
    label=N_("Contact gained"),
    spec={"text": rules.required_long_text, "contact_id": rules.ident},
    required=("text",),
    parent=(Report, "report_id"),
    check=_check_contact,
    loads=(selectinload(ReportContact.contact).selectinload(Contact.organisation),),
    order_by=(ReportContact.position,),
)


def create_report_contact(db: Database, report_id: int, **fields: Any) -> ReportContact:
    """``text`` as written (required); ``contact_id`` links it to a directory contact."""
    return crud.create(
        db, REPORT_CONTACT, fields, parent_id=report_id, before=_placed(ReportContact, report_id)
    )


def get_report_contact(db: Database, entry_id: int) -> ReportContact:
    return crud.fetch(db, REPORT_CONTACT, entry_id)


def update_report_contact(
    db: Database, entry_id: int, version: int | None, **changes: Any
) -> ReportContact:
    return crud.update(db, REPORT_CONTACT, entry_id, version, changes)


def delete_report_contact(db: Database, entry_id: int, version: int | None = None) -> None:
    crud.delete(db, REPORT_CONTACT, entry_id, version)


def restore_report_contact(db: Database, entry_id: int) -> ReportContact:
    return crud.restore(db, REPORT_CONTACT, entry_id)


def list_report_contacts(db: Database, report_id: int) -> list[ReportContact]:
    """The report's live contacts gained in their order, each with its directory contact."""
    return crud.listing(db, REPORT_CONTACT, parent_id=report_id)


# --- attachments ------------------------------------------------------------------------


def _data(value: Any) -> bytes:
    if not isinstance(value, (bytes, bytearray)) or not value:
        raise Invalid(_("must be the contents of a file"))
    if len(value) > ATTACHMENT_MAX_BYTES:
        raise Invalid(
            _("is too large: at most {size} MB").format(size=ATTACHMENT_MAX_BYTES // 2**20)
        )
    return bytes(value)


def _mime(value: Any) -> str | None:
    text = rules.line(required=True, limit=40)(value)
    if text is not None and not _MIME.match(text):
        raise Invalid(_("is not a file type such as image/jpeg: {value}").format(value=text))
    return text


def _check_attachment(_session: Session, attachment: Attachment) -> None:
    if (attachment.kind or "photo") == "photo" and attachment.mime not in PHOTO_TYPES:
        raise Invalid(
            _("a photo must be one of: {allowed}").format(allowed=", ".join(PHOTO_TYPES))
        ).at("mime")


ATTACHMENT = crud.Entity(
    Attachment,
    label=N_("Attachment"),
    spec={
        "kind": rules.enum(ATTACHMENT_KINDS, default="photo"),
        "caption": rules.line(),
        "taken": rules.date(),
        "filename": rules.line(),
        "mime": _mime,
        "data": _data,
    },
    required=("mime", "data"),
    parent=(Report, "report_id"),
    check=_check_attachment,
    order_by=(Attachment.position,),
)


def create_attachment(db: Database, report_id: int, **fields: Any) -> Attachment:
    return crud.create(
        db, ATTACHMENT, fields, parent_id=report_id, before=_placed(Attachment, report_id)
    )


def get_attachment(db: Database, attachment_id: int) -> Attachment:
    return crud.fetch(db, ATTACHMENT, attachment_id)


def update_attachment(
    db: Database, attachment_id: int, version: int | None, **changes: Any
) -> Attachment:
    return crud.update(db, ATTACHMENT, attachment_id, version, changes)


def delete_attachment(db: Database, attachment_id: int, version: int | None = None) -> None:
    crud.delete(db, ATTACHMENT, attachment_id, version)


def restore_attachment(db: Database, attachment_id: int) -> Attachment:
    return crud.restore(db, ATTACHMENT, attachment_id)


def list_attachments(db: Database, report_id: int) -> list[Attachment]:
    return crud.listing(db, ATTACHMENT, parent_id=report_id)
