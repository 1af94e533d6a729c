"""The visit file (``studyvisit/1``): the two calls the command line and the window use."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.interchange.importer import ImportResult, import_visit
from app.interchange.writer import dumps, visit_document
from app.services.base import visit_by_ref

__all__ = [
    "ImportResult",
    "code_taken",
    "export_visit",
    "file_code",
    "import_visit",
    "read_visit_text",
    "shown_warnings",
]

SHOWN_WARNINGS = 10


def shown_warnings(warnings: list[str], limit: int = SHOWN_WARNINGS) -> list[str]:
    """The first ``limit`` warnings of an import and one line for the rest: a broken file
    must not bury the user in thousands of lines (the Programme tab lists them all)."""
    if len(warnings) <= limit:
        return list(warnings)
    from app.i18n import ngettext

    rest = len(warnings) - limit
    return [
        *warnings[:limit],
        ngettext(
            "… and {n} more warning; the Programme tab lists every one.",
            "… and {n} more warnings; the Programme tab lists every one.",
            rest,
        ).format(n=rest),
    ]


def export_visit(db: Any, ref: str, *, include_sensitive: bool = False) -> str:
    """The whole file for the visit named by code or id (sensitive fields only when asked)."""
    with db.read() as s:
        visit = visit_by_ref(s, ref)
        return dumps(visit_document(s, visit.id, include_sensitive=include_sensitive))


def read_visit_text(path: str | Path) -> str:
    """A visit file's text (UTF-8, with or without a byte-order mark), or ``Invalid`` in one
    sentence naming the file."""
    from app.domain.validation import Invalid
    from app.i18n import _

    file = Path(path)
    try:
        data = file.read_bytes()
    except OSError as problem:
        raise Invalid(
            _("{file}: cannot read the file ({reason})").format(
                file=file.name, reason=problem.strerror or problem
            )
        ) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as problem:
        raise Invalid(
            _("{file}: not UTF-8 text (byte {offset})").format(file=file.name, offset=problem.start)
        ) from None


def file_code(text: str) -> str:
    """The code of the visit in a file, after checking the whole file (``Invalid``)."""
    from app.interchange.reader import read_visit_file

    return str(read_visit_file(text).visit["code"])


def code_taken(db: Any, code: str) -> bool:
    """Whether importing a visit with this code would meet one already in the database
    (``import_visit`` then needs ``replace`` or a ``new_code``)."""
    from sqlalchemy import select

    from db.models import Visit

    with db.read() as s:
        return s.scalars(select(Visit.id).where(Visit.code == code)).first() is not None
