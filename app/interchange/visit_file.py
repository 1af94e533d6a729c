"""The visit file (``studyvisit/1``): the two calls the command line and the window use."""

from __future__ import annotations

from typing import Any

from app.interchange.importer import ImportResult, import_visit
from app.interchange.writer import dumps, visit_document
from app.services.base import visit_by_ref

__all__ = ["ImportResult", "export_visit", "import_visit"]


def export_visit(db: Any, ref: str, *, include_sensitive: bool = False) -> str:
    """The whole file for the visit named by code or id (sensitive fields only when asked)."""
    with db.read() as s:
        visit = visit_by_ref(s, ref)
        return dumps(visit_document(s, visit.id, include_sensitive=include_sensitive))
