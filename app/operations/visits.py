"""A visit's actions of many rows: replacing it from a visit file, placing its people on
parallel tracks."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.i18n import _
from app.interchange.importer import ImportResult, import_visit
from app.interchange.visit_file import export_visit
from app.operations import Operation
from app.progress import CancelCheck, Progress
from app.services.tracks import assign_tracks, attendees_now, put_attendees
from db.engine import Database


class ReplaceVisit(Operation):
    """The visit ``code`` replaced by the one in a visit file's ``text``; undo imports the
    visit as it was (its own file, sensitive fields included), redo the file again."""

    def __init__(self, db: Database, code: str, text: str) -> None:
        self.db, self.code, self.text = db, code, text
        self.before = export_visit(db, code, include_sensitive=True)
        self.result: ImportResult | None = None
        self.name = _("Replace visit {code} from a file").format(code=code)
        self._saved = False

    def save(
        self, progress: Progress | None = None, cancel: CancelCheck | None = None
    ) -> ImportResult:
        """The first ``do``, run by the caller beforehand (a long file off the window's
        thread, with progress and Cancel: a cancel changes nothing); the ``do`` that then
        records the step does nothing more."""
        self.result = import_visit(
            self.db, self.text, replace=True, progress=progress, cancel=cancel
        )
        self._saved = True
        return self.result

    def do(self) -> None:
        if self._saved:
            self._saved = False
            return
        self.result = import_visit(self.db, self.text, replace=True)

    def undo(self) -> None:
        import_visit(self.db, self.before, replace=True)


class AssignTracks(Operation):
    """Each person (id → track, or None) on their parallel track's items; undo gives every
    track item back the attendees it had."""

    def __init__(self, db: Database, visit_id: int, chosen: Mapping[int, str | None]) -> None:
        self.db, self.visit_id, self.chosen = db, visit_id, dict(chosen)
        self.before: dict[int, Any] = attendees_now(db, visit_id)
        self.name = _("Assign people to tracks")

    def do(self) -> None:
        assign_tracks(self.db, self.visit_id, self.chosen)

    def undo(self) -> None:
        put_attendees(self.db, self.before)
