"""Generating one document off the UI thread (50 itineraries take seconds; the window must
stay responsive and the user must be able to stop it).

The worker only calls the app's builder and, for a PDF, renders its first page with
``pdftoppm`` when that program is installed; it never touches a widget. What it has to
say reaches the UI thread through queued signals; its thread bookkeeping (and the garbage
collector held while it runs) is every worker's (``ui.workers``).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal

from ui.workers import Worker


class DocumentWorker(Worker):
    succeeded = Signal(str, str)  # path written, preview image ("" when none)

    def __init__(
        self,
        db: Any,
        visit_id: int,
        name: str,
        out_path: str,
        *,
        lang: str | None,
        person: str | None,
        preview_dir: str | None,
        options: dict[str, Any] | None = None,
    ) -> None:
        """``options``: more of the builder's own arguments (a letter's kind, a release)."""
        super().__init__()
        self.options = dict(options or {})
        self.db = db
        self.visit_id = visit_id
        self.name = name
        self.out_path = out_path
        self.lang = lang
        self.person = person
        self.preview_dir = preview_dir

    def run(self) -> None:
        from app.documents import builder
        from app.documents.common import Cancelled

        try:
            arguments: dict[str, Any] = {"lang": self.lang, **self.options}
            if self.person is not None:
                arguments["person"] = self.person
            path = builder(self.name)(
                self.db,
                self.visit_id,
                self.out_path,
                progress=self.progressed.emit,
                cancel=self._stop.is_set,
                **arguments,
            )
        except Cancelled:
            self.cancelled.emit()
            return
        except Exception as problem:  # told to the user, never as a traceback
            from app.failures import file_failure, user_message

            # A file that could not be written is named (not "the database"), and a full
            # disk is the disk it was written to.
            where = self.out_path if file_failure(problem) else None
            self.failed.emit(user_message(problem, where=where, doing=f"making {self.name}"))
            return
        if self._stop.is_set() and not Path(path).is_dir():  # cancelled after the last
            Path(path).unlink(missing_ok=True)  # check: the file was written
            self.cancelled.emit()
            return
        self.succeeded.emit(str(path), first_page_image(Path(path), self.preview_dir))


def first_page_image(pdf: Path, folder: str | None) -> str:
    """A PNG of the PDF's first page, or "" (no pdftoppm, not a PDF, or it failed).

    The preview is a convenience: its absence must never stop a document being saved.
    """
    program = shutil.which("pdftoppm")
    if folder is None or program is None or pdf.suffix.lower() != ".pdf":
        return ""
    stem = Path(folder) / "preview"
    try:
        subprocess.run(
            [
                program,
                "-png",
                "-f",
                "1",
                "-l",
                "1",
                "-r",
                "100",
                "-singlefile",
                str(pdf),
                str(stem),
            ],
            check=True,
            capture_output=True,
            timeout=30,
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    image = stem.with_suffix(".png")
    return str(image) if image.exists() else ""
