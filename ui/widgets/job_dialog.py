"""A long job's progress bar and Cancel button, while the job runs off the UI thread.

The dialog is modal over the part of the window that started the job, so nothing else is
changed meanwhile, but the window keeps painting and answering. Cancel (or Esc, or closing
the dialog) asks the job to stop at its next check; the dialog stays, saying
"Cancelling…", until the job has ended, so that the caller learns what really happened:
``"done"`` (``result``), ``"cancelled"`` (a writing job rolled back: nothing changed) or
``"failed"`` (``message``, one sentence).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from ui.widgets.mnemonics import keep_unique
from ui.workers import JobWorker

Job = Callable[[Callable[[int, int], None], Callable[[], bool]], Any]


class JobDialog(QDialog):
    def __init__(
        self, parent: QWidget | None, title: str, text: str, job: Job, *, doing: str
    ) -> None:
        """``text``: what is being done, for the user; ``doing``: the same in English, for
        the log of an unforeseen error."""
        super().__init__(parent)
        keep_unique(self)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.outcome: str | None = None
        self.result: Any = None
        self.message = ""
        self.cancel_asked_at: float | None = None  # perf_counter() of the first Cancel
        self.ended_at: float | None = None  # and of the job's end
        self.text = QLabel(text)
        self.text.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setAccessibleName(_("Progress"))
        self.bar.setRange(0, 0)  # busy until the job says how far it is
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.rejected.connect(self.cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.bar)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)
        self._loop = QEventLoop(self)
        self.worker = JobWorker(job, doing)
        self.worker.progressed.connect(self._progressed)
        self.worker.succeeded.connect(self._succeeded)
        self.worker.failed.connect(self._failed)
        self.worker.cancelled.connect(self._cancelled)
        self.worker.finished.connect(self._ended)

    def run(self) -> str:
        """Start the job, show the dialog and wait (the window's events still run) until
        the job has ended; the outcome."""
        self.worker.start()
        self.show()
        if self.ended_at is None:  # its end is told through the event loop run here
            self._loop.exec()
        self.hide()
        return self.outcome or "failed"

    def cancel(self) -> None:
        if self.cancel_asked_at is None:
            self.cancel_asked_at = time.perf_counter()
        self.worker.cancel()
        self.cancel_button.setEnabled(False)
        self.text.setText(_("Cancelling…"))

    def reject(self) -> None:  # Esc or the window's close button: the same as Cancel
        self.cancel()

    def _progressed(self, done: int, total: int) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)

    def _succeeded(self, result: Any) -> None:
        self.outcome, self.result = "done", result

    def _failed(self, message: str) -> None:
        self.outcome, self.message = "failed", message

    def _cancelled(self) -> None:
        self.outcome = "cancelled"

    def _ended(self) -> None:
        self.ended_at = time.perf_counter()
        self._loop.quit()
