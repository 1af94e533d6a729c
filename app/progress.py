"""Progress reports and cancel checks of a long job the window runs off its UI thread:
a document being written, a participant list or a visit file being imported.

The job calls ``progress(done, total)`` as it goes and checks ``cancel()``; a cancel raises
``Cancelled`` at the next check. A job that writes does all its work in one transaction,
so ``Cancelled`` raised inside it rolls everything back: cancelled means nothing changed.
"""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int, int], None]
CancelCheck = Callable[[], bool]


class Cancelled(Exception):
    """The user cancelled a long job; it left nothing behind (no file, no row)."""


class Step:
    """Progress reports and cancel checks of one run, for a worker thread in the window.

    ``progress(done, total)`` is called as parts are done; ``cancel()`` returning True
    stops the run with ``Cancelled`` at the next check.
    """

    def __init__(
        self, progress: Progress | None, cancel: CancelCheck | None, total: int = 1
    ) -> None:
        self._progress = progress
        self._cancel = cancel
        self.total = max(total, 1)
        self.done = 0

    def check(self) -> None:
        if self._cancel is not None and self._cancel():
            raise Cancelled()

    def advance(self, count: int = 1) -> None:
        self.check()
        self.done = min(self.done + count, self.total)
        if self._progress is not None:
            self._progress(self.done, self.total)

    def finish(self) -> None:
        self.done = self.total
        if self._progress is not None:
            self._progress(self.total, self.total)
