"""What every screen of one window shares: the database, the undo stack, and the signal
that something was saved.

Passed to pages instead of the main window itself (docs/contributing.md, style: narrow things), so a page can be
built and tested alone. After every edit, undo or redo ``changed`` is emitted and each page
reloads what it shows (a hidden page only marks itself stale and reloads when shown).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from ui import commands
from ui.widgets.messages import show_error

if TYPE_CHECKING:
    from app.operations import Operation
    from app.records import Database

Op = TypeVar("Op", bound="Operation")


class Context(QObject):
    changed = Signal()
    open_visit = Signal(int)
    # (visit id, place, row id or 0): open the visit at one of its rows — an archive hit's
    # programme item, lesson or field (``app.services.archive.PLACES``)
    open_visit_at = Signal(int, str, int)
    # (visit id, programme item id, host id or None): a host was just chosen for an item
    # and is about to be saved — the side panel asks what the region knows at once,
    # alongside the save, instead of after it and the tabs' reloading (issue 18)
    host_chosen = Signal(int, int, object)
    # (visit id): the list of host institutions opened for one of its items — the side
    # panel counts what does not depend on the host while the coordinator searches
    host_choosing = Signal(int)

    def __init__(self, db: Database, window: QWidget | None = None) -> None:
        super().__init__(window)
        self.db = db
        self.window = window
        self.stack = QUndoStack(self)
        # (row class, id) → the version this window's last step on the row left it at, so
        # that undoing two own edits of one row (or an edit after its delete is undone)
        # sends the version the window itself made, not the one its dialog first saw.
        self.versions: dict[tuple[str, int], int] = {}
        # Where the window is (section, visit, tab, chosen rows): each step keeps the place
        # it was made at, so that undo and redo show it (set by the main window).
        self.where: Callable[[], Any] | None = None

    def _push(self, command: commands.ServiceCommand, what: str | None = None) -> None:
        """Run and keep ``command``, noting where it was made and what it changed.

        On a read-only database nothing is run: the window disables its editing controls
        (``ui.read_only``), and this refuses whatever still reaches here, in one sentence."""
        if getattr(self.db, "read_only", False):
            from app.i18n import _
            from app.services.base import ServiceError

            raise ServiceError(_("This database is read-only: changes cannot be saved."))
        command.place = self.where() if self.where is not None else None
        command.what = what or command.text()
        commands.push(self.stack, command)

    def notify(self) -> None:
        self.changed.emit()

    def report(self, problem: Exception) -> None:
        show_error(self.window, problem)

    def remember(self, row: Any) -> tuple[str, int] | None:
        """Note the version a step of this window left ``row`` at; its key, if it has one."""
        version, row_id = getattr(row, "version", None), getattr(row, "id", None)
        if not isinstance(version, int) or not isinstance(row_id, int):
            return None
        key = (type(row).__name__, row_id)
        self.versions[key] = version
        return key

    # --- edits: each builds a command, runs it once (raising if refused), then keeps it

    def create(
        self,
        text: str,
        create: Callable[[], Any],
        delete: Callable[[int], None],
        restore: Callable[[int], Any],
    ) -> int:
        def made() -> Any:
            row = create()
            self.remember(row)
            return row

        def back(row_id: int) -> Any:
            row = restore(row_id)
            self.remember(row)
            return row

        command = commands.CreateCommand(text, made, delete, back, self.notify, self.report)
        self._push(command)
        assert command.row_id is not None
        return command.row_id

    def update(
        self,
        text: str,
        update: Callable[[dict[str, Any]], Any],
        before: dict[str, Any],
        after: dict[str, Any],
        merge_key: Any = None,
        what: str | None = None,
    ) -> None:
        """``merge_key``: successive changes with the same key (typing a time) are one step.
        ``what``: the field's name, for "Undone: City" (else the step's text)."""
        if before == after:
            return
        self._push(
            commands.UpdateCommand(
                text, update, before, after, self.notify, self.report, merge_key=merge_key
            ),
            what,
        )

    def update_row(
        self,
        text: str,
        update: Callable[[int | None, dict[str, Any]], Any],
        version: int | None,
        before: dict[str, Any],
        after: dict[str, Any],
        merge_key: Any = None,
        what: str | None = None,
    ) -> None:
        """``update`` with the row's version, so a colleague's save is never overwritten.

        ``update(version, changes)`` calls a service's update and returns the saved row.
        The first save sends the version the dialog was opened with; every later undo or
        redo sends the version this window's last step on the row returned (``versions``).
        So undo/redo of one's own changes works, while a change made by someone else in
        between (a shared office database) is refused with the service's ``StaleEdit`` and
        nothing is written. Merged steps (``merge_key``: typing a time) keep the first
        step's ``apply``, which reads the row's latest version from ``versions`` too.
        """
        key: list[tuple[str, int] | None] = []

        def apply(changes: dict[str, Any]) -> Any:
            sent = self.versions.get(key[0], version) if key and key[0] else version
            row = update(sent, changes)
            key[:] = [self.remember(row)]
            return row

        self.update(text, apply, before, after, merge_key=merge_key, what=what)

    def delete(self, text: str, delete: Callable[[], None], restore: Callable[[], Any]) -> None:
        def back() -> Any:
            row = restore()
            self.remember(row)
            return row

        self._push(commands.DeleteCommand(text, delete, back, self.notify, self.report))

    def run(self, operation: Op) -> Op:
        """Do a named operation of ``app.operations`` as one undo step (raising, with
        nothing pushed, if it is refused); the operation, to read what it did."""
        self._push(commands.OperationCommand(operation, self.notify, self.report))
        return operation
