"""The visit file (``studyvisit/1``): the two calls the command line and the window use."""

from __future__ import annotations

from typing import Any

from app.i18n import _
from app.interchange.importer import ImportResult, find_visit_id, import_visit
from app.interchange.writer import dumps, visit_document
from app.services.base import NotFound

__all__ = ["ImportResult", "export_visit", "import_visit"]


def export_visit(db: Any, ref: str, *, include_sensitive: bool = False) -> str:
    """The whole file for the visit named by code or id (sensitive fields only when asked)."""
    with db.read() as s:
        visit_id = find_visit_id(s, str(ref))
        if visit_id is None:
            raise NotFound(_("No visit with the code or id {ref}.").format(ref=ref))
        return dumps(visit_document(s, visit_id, include_sensitive=include_sensitive))
