"""What every service shares: its errors and the small steps of an edit.

Services take a ``Database`` and return detached ORM objects (``expire_on_commit=False``)
with what the caller needs loaded; a caller never holds a session.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, TypeVar

from app.i18n import N_, _
from db.models.base import Editable

if TYPE_CHECKING:
    from db.models import Visit

T = TypeVar("T", bound=Editable)


class ServiceError(Exception):
    """A change that cannot be made; ``str()`` is a message for the user."""


class NotFound(ServiceError):
    pass


class StaleEdit(ServiceError):
    """The row changed (or was deleted) since the user loaded it: reload instead of overwrite."""

    def __init__(self) -> None:
        super().__init__(
            _("This was changed by someone else in the meantime. Reload and try again.")
        )


class Duplicate(ServiceError):
    pass


# What a user calls each kind of row (the same words the entity services use).
_LABELS = {
    "AllowanceRate": N_("Allowance rate"),
    "Attachment": N_("Attachment"),
    "BudgetLine": N_("Budget line"),
    "Contact": N_("Contact"),
    "ExchangeRate": N_("Exchange rate"),
    "FollowUp": N_("Follow-up"),
    "FundingSource": N_("Funding source"),
    "Lesson": N_("Lesson"),
    "Organisation": N_("Organisation"),
    "Participation": N_("Participation"),
    "Person": N_("Person"),
    "ProgrammeItem": N_("Programme item"),
    "Project": N_("Project"),
    "Report": N_("Report"),
    "Room": N_("Room"),
    "Stay": N_("Stay"),
    "TravelLeg": N_("Travel leg"),
    "Visit": N_("Visit"),
}


def label(cls: type) -> str:
    """The row kind in the interface language (``Visit`` → ``Vizīte``)."""
    return _(_LABELS.get(cls.__name__, cls.__name__))


def get_live(session: Any, cls: type[T], row_id: int) -> T:
    """The row, unless it does not exist or was deleted."""
    row = session.get(cls, row_id)
    if row is None or row.deleted_at is not None:
        raise NotFound(_("{what} {id} was not found.").format(what=label(cls), id=row_id))
    return row


def get_any(session: Any, cls: type[T], row_id: int) -> T:
    """The row even when soft-deleted (for restore)."""
    row = session.get(cls, row_id, execution_options={"include_deleted": True})
    if row is None:
        raise NotFound(_("{what} {id} was not found.").format(what=label(cls), id=row_id))
    return row


def visit_by_ref(session: Any, ref: str | int, *options: Any) -> Visit:
    """The live visit whose code is ``ref``, else whose id is ``ref`` (``options``: loads).

    The code is tried first: it is what a coordinator writes, and a code made of digits
    must not be shadowed by an unrelated visit's id. The command line, the documents, the
    budget and the visit file all name a visit this way.
    """
    from sqlalchemy import select

    from db.models import Visit

    text = str(ref).strip()
    live = Visit.deleted_at.is_(None)
    visit = session.scalars(select(Visit).where(Visit.code == text, live).options(*options)).first()
    if visit is None and text.isdigit():
        visit = session.scalars(
            select(Visit).where(Visit.id == int(text), live).options(*options)
        ).first()
    if visit is None:
        raise NotFound(_("No visit with the code or id “{ref}”.").format(ref=text))
    return visit


def expect_version(row: Editable, version: int | None) -> None:
    """Refuse to apply an edit made on an older copy of the row."""
    if version is not None and row.version != version:
        raise StaleEdit()


def today() -> dt.date:
    return dt.date.today()
