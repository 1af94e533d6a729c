"""Asking before a project change moves the figures of a visit already reported.

A reported visit's figures never move by themselves: the service refuses a change of the
project's conversion rule, fixed rates or currency that would move them
(``ReportedFigures``, naming the visits). In the window the user is asked instead; a Yes
saves the change on purpose, and its undo and redo (the two values the user approved)
then go through without asking again. A No leaves everything as it was, and the refusal
is the one sentence shown under the form.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtWidgets import QWidget

from app.i18n import _
from ui.widgets.messages import ask


def _key(project_id: int, name: str, value: Any) -> tuple[int, str, str]:
    return project_id, name, json.dumps(value, sort_keys=True, default=str)


class ReportedGuard:
    """``update`` in place of ``update_project`` for the window's project edits."""

    def __init__(self, parent: QWidget) -> None:
        self.parent = parent
        self.approved: set[tuple[int, str, str]] = set()

    def update(self, db: Any, project_id: int, version: int | None, changes: dict[str, Any]) -> Any:
        from app.services.ecb_rates import ReportedFigures
        from app.services.projects import get_project, update_project

        keys = {_key(project_id, n, v) for n, v in changes.items()}
        try:
            return update_project(
                db, project_id, version, reported_ok=keys <= self.approved, **changes
            )
        except ReportedFigures as problem:
            if not ask(
                self.parent,
                _("Reported visit"),
                str(problem) + "\n\n" + _("Change the reported figures anyway?"),
            ):
                raise
            current = get_project(db, project_id)
            self.approved |= keys | {
                _key(project_id, n, getattr(current, n, None)) for n in changes
            }
            return update_project(db, project_id, version, reported_ok=True, **changes)
