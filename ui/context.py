"""What every screen of one window shares: the database, the undo stack, and the signal
that something was saved.

Passed to pages instead of the main window itself (STYLE: narrow things), so a page can be
built and tested alone. After every edit, undo or redo ``changed`` is emitted and each page
reloads what it shows (a hidden page only marks itself stale and reloads when shown).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from ui import commands
from ui.widgets.messages import show_error

if TYPE_CHECKING:
    from db.engine import Database


class Context(QObject):
    changed = Signal()
    open_visit = Signal(int)
    # (visit id, place, row id or 0): open the visit at one of its rows — an archive hit's
    # programme item, lesson or field (``app.services.archive.PLACES``)
    open_visit_at = Signal(int, str, int)

    def __init__(self, db: Database, window: QWidget | None = None) -> None:
        super().__init__(window)
        self.db = db
        self.window = window
        self.stack = QUndoStack(self)

    def notify(self) -> None:
        self.changed.emit()

    def report(self, problem: Exception) -> None:
        show_error(self.window, problem)

    # --- edits: each builds a command, runs it once (raising if refused), then keeps it

    def create(self, text: str, create: Callable[[], Any], delete: Callable[[int], None],
               restore: Callable[[int], Any]) -> int:
        command = commands.CreateCommand(text, create, delete, restore, self.notify,
                                         self.report)
        commands.push(self.stack, command)
        assert command.row_id is not None
        return command.row_id

    def update(self, text: str, update: Callable[[dict[str, Any]], Any],
               before: dict[str, Any], after: dict[str, Any],
               merge_key: Any = None) -> None:
        """``merge_key``: successive changes with the same key (typing a time) are one step."""
        if before == after:
            return
        commands.push(self.stack, commands.UpdateCommand(text, update, before, after,
                                                         self.notify, self.report,
                                                         merge_key=merge_key))

    def delete(self, text: str, delete: Callable[[], None], restore: Callable[[], Any]) -> None:
        commands.push(self.stack, commands.DeleteCommand(text, delete, restore, self.notify,
                                                         self.report))

    def call(self, text: str, do: Callable[[], Any], undo: Callable[[], Any]) -> None:
        commands.push(self.stack, commands.CallCommand(text, do, undo, self.notify,
                                                       self.report))
