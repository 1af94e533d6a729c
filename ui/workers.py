"""Long jobs off the UI thread: a document being written, a list or a file being imported.

A worker only calls ``app`` and never touches a widget; what it has to say reaches the UI
thread through queued signals. The job is told ``progress(done, total)`` and checks
``cancel()``; a cancel ends it with ``app.progress.Cancelled`` (a writing job rolls its one
transaction back).

Python's cyclic garbage collector runs in whichever thread happens to allocate; if it
runs in a worker and frees a widget left in a cycle by the UI thread, the program
crashes (seen here as a segmentation fault). So while any worker runs, automatic
collection is off; it is on again when the last one ends, and then runs on the UI thread
only. No full collection is forced at either end: with a checked list of 100 000 lines in
memory one took over a second of the UI thread (the window froze as the save began and
ended).
"""

from __future__ import annotations

import atexit
import gc
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QThread, Signal

# Threads still running after their window part was closed: kept alive here until they
# end, so Qt never destroys a running QThread (that aborts the program).
_RUNNING: set[Worker] = set()
_gc_was_enabled = True


def _finish_running() -> None:
    """At the program's exit: the workers still running are asked to stop and waited
    for (a QThread destroyed while it runs aborts the program: a panel still asking
    when the window was closed a moment after a change)."""
    for worker in list(_RUNNING):
        worker.cancel()
        worker.wait(5000)


atexit.register(_finish_running)


def _hold_gc() -> None:
    """Called on the UI thread before a worker starts."""
    global _gc_was_enabled
    if not _RUNNING:
        _gc_was_enabled = gc.isenabled()
        gc.disable()


def _release_gc() -> None:
    """Called on the UI thread after a worker ended."""
    if not _RUNNING and _gc_was_enabled:
        gc.enable()


class Worker(QThread):
    """A thread that holds the garbage collector while it runs and can be asked to stop."""

    progressed = Signal(int, int)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._stop = threading.Event()
        self.finished.connect(self._forget)

    def start(self, *args: object) -> None:
        _hold_gc()
        _RUNNING.add(self)
        super().start(*args)  # type: ignore[arg-type]

    def cancel(self) -> None:
        """Ask the job to stop at its next check."""
        self._stop.set()

    @property
    def cancel_requested(self) -> bool:
        return self._stop.is_set()

    def _forget(self) -> None:
        _RUNNING.discard(self)
        _release_gc()
        self.deleteLater()


NO_RESULT = object()


class JobWorker(Worker):
    """Runs ``job(progress, cancel)``; its result goes out with ``succeeded``, and stays
    in ``result`` (``NO_RESULT`` until it succeeded) for a caller that waited for it."""

    succeeded = Signal(object)

    def __init__(
        self, job: Callable[[Callable[[int, int], None], Callable[[], bool]], Any], doing: str
    ) -> None:
        """``doing``: what the job does, in English, for the log of an unforeseen error."""
        super().__init__()
        self.job = job
        self.doing = doing
        self.result: Any = NO_RESULT

    def run(self) -> None:
        from app.progress import Cancelled

        try:
            result = self.job(self.progressed.emit, self._stop.is_set)
        except Cancelled:
            self.cancelled.emit()
            return
        except Exception as problem:  # told to the user, never as a traceback
            from app.failures import user_message

            self.failed.emit(user_message(problem, doing=self.doing))
            return
        self.result = result
        self.succeeded.emit(result)
