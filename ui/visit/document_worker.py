"""Generating one document off the UI thread (50 itineraries take seconds; the window must
stay responsive and the user must be able to stop it).

The worker only calls the app's builder and, for a PDF, renders its first page with
``pdftoppm`` when that program is installed; it never touches a widget. What it has to
say reaches the UI thread through queued signals.

Python's cyclic garbage collector runs in whichever thread happens to allocate; if it
runs in the worker and frees a widget left in a cycle by the UI thread, the program
crashes (seen here as a segmentation fault). So while any worker runs, automatic
collection is off, and the UI thread collects once when the last one ends.
"""

from __future__ import annotations

import gc
import shutil
import subprocess
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QThread, Signal

# Threads still running after their tab was closed: kept alive here until they end, so
# Qt never destroys a running QThread (that aborts the program).
_RUNNING: set[DocumentWorker] = set()
_gc_was_enabled = True


def _hold_gc() -> None:
    """Called on the UI thread before a worker starts."""
    global _gc_was_enabled
    if not _RUNNING:
        _gc_was_enabled = gc.isenabled()
        gc.collect()
        gc.disable()


def _release_gc() -> None:
    """Called on the UI thread after a worker ended."""
    if not _RUNNING and _gc_was_enabled:
        gc.enable()
        gc.collect()


class DocumentWorker(QThread):
    progressed = Signal(int, int)
    succeeded = Signal(str, str)  # path written, preview image ("" when none)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, db: Any, visit_id: int, name: str, out_path: str, *,
                 lang: str | None, person: str | None, preview_dir: str | None,
                 options: dict[str, Any] | None = None) -> None:
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
        self._stop = threading.Event()
        self.finished.connect(self._forget)

    def start(self, *args: object) -> None:
        _hold_gc()
        _RUNNING.add(self)
        super().start(*args)  # type: ignore[arg-type]

    def cancel(self) -> None:
        """Ask the builder to stop at its next check; it leaves no file behind."""
        self._stop.set()

    @property
    def cancel_requested(self) -> bool:
        return self._stop.is_set()

    def _forget(self) -> None:
        _RUNNING.discard(self)
        _release_gc()
        self.deleteLater()

    def run(self) -> None:
        from app.documents import builder
        from app.documents.common import Cancelled

        try:
            arguments: dict[str, Any] = {"lang": self.lang, **self.options}
            if self.person is not None:
                arguments["person"] = self.person
            path = builder(self.name)(self.db, self.visit_id, self.out_path,
                                      progress=self.progressed.emit,
                                      cancel=self._stop.is_set, **arguments)
        except Cancelled:
            self.cancelled.emit()
            return
        except Exception as problem:  # told to the user, never as a traceback
            from app.failures import user_message

            self.failed.emit(user_message(problem, doing=f"making {self.name}"))
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
        subprocess.run([program, "-png", "-f", "1", "-l", "1", "-r", "100", "-singlefile",
                        str(pdf), str(stem)], check=True, capture_output=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return ""
    image = stem.with_suffix(".png")
    return str(image) if image.exists() else ""
