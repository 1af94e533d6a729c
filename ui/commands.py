"""Undo commands: every edit in the window is one of these, pushed on the window's stack.

Each command does its work once before it is pushed (``run``), so that a refused change
(``Invalid``, ``ServiceError``) reaches the form that made it and nothing is pushed; the
stack's first ``redo`` is then skipped. Later undo/redo call the services again, each in its
own transaction. A failure during undo or redo (a colleague deleted the row meanwhile) is
reported through ``on_error`` and leaves the stack where it was.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand, QUndoStack

if TYPE_CHECKING:
    from app.operations import Operation

Changed = Callable[[], None]
MERGING_ID = 1001
OnError = Callable[[Exception], None]


class ServiceCommand(QUndoCommand):
    """A command whose ``do``/``undo_work`` call services; ``changed`` refreshes the views."""

    def __init__(self, text: str, changed: Changed, on_error: OnError) -> None:
        super().__init__(text)
        self._changed = changed
        self._on_error = on_error
        self._done_once = False
        self.place: Any = None  # where the window was when it was made (ui.undo_places)
        self.what = text  # what it changed, as "Undone: …" names it

    def do(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def undo_work(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def run(self) -> None:
        """The first execution: raises so the caller can show the problem inline."""
        self.do()
        self._done_once = True

    def redo(self) -> None:
        if self._done_once:
            self._done_once = False
            self._changed()
            return
        self._guard(self.do)

    def undo(self) -> None:
        self._guard(self.undo_work)

    def _guard(self, work: Callable[[], None]) -> None:
        from ui.widgets.messages import refused

        try:
            work()
        except refused() as exc:
            self.setObsolete(True)
            self._on_error(exc)
        self._changed()


class CreateCommand(ServiceCommand):
    """Create a row; undo deletes it, redo restores the same row (same id and uuid)."""

    def __init__(
        self,
        text: str,
        create: Callable[[], Any],
        delete: Callable[[int], None],
        restore: Callable[[int], Any],
        changed: Changed,
        on_error: OnError,
    ) -> None:
        super().__init__(text, changed, on_error)
        self._create, self._delete, self._restore = create, delete, restore
        self.row_id: int | None = None

    def do(self) -> None:
        if self.row_id is None:
            self.row_id = self._create().id
        else:
            self._restore(self.row_id)

    def undo_work(self) -> None:
        assert self.row_id is not None
        self._delete(self.row_id)


class UpdateCommand(ServiceCommand):
    """Change some fields; undo puts back the values they had before."""

    def __init__(
        self,
        text: str,
        update: Callable[[dict[str, Any]], Any],
        before: dict[str, Any],
        after: dict[str, Any],
        changed: Changed,
        on_error: OnError,
        merge_key: Any = None,
    ) -> None:
        super().__init__(text, changed, on_error)
        self._update, self._before, self._after = update, before, after
        self.merge_key = merge_key

    def id(self) -> int:
        return MERGING_ID if self.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        """Typing "14:30" is one change, not four: keep the first before, take the last after.
        Typing that ends where it began (an impossible 25:00 put back) is no step at all: the
        stack drops it, and the next undo undoes the change before it."""
        if not isinstance(other, UpdateCommand) or other.merge_key != self.merge_key:
            return False
        self._after = other._after
        if self._after == self._before:
            self.setObsolete(True)
        return True

    def do(self) -> None:
        self._update(self._after)

    def undo_work(self) -> None:
        self._update(self._before)


class DeleteCommand(ServiceCommand):
    """Soft-delete a row; undo restores it with everything deleted along with it."""

    def __init__(
        self,
        text: str,
        delete: Callable[[], None],
        restore: Callable[[], Any],
        changed: Changed,
        on_error: OnError,
    ) -> None:
        super().__init__(text, changed, on_error)
        self._delete, self._restore = delete, restore

    def do(self) -> None:
        self._delete()

    def undo_work(self) -> None:
        self._restore()


class OperationCommand(ServiceCommand):
    """A named operation of ``app.operations`` (an import that adds many rows, a merge):
    its name is the step's, its ``do`` and ``undo`` are the step's."""

    def __init__(self, operation: Operation, changed: Changed, on_error: OnError) -> None:
        super().__init__(operation.name, changed, on_error)
        self.operation = operation

    def do(self) -> None:
        self.operation.do()

    def undo_work(self) -> None:
        self.operation.undo()


def push(stack: QUndoStack, command: ServiceCommand) -> None:
    """Run the command (raising on a refused change) and, once it worked, keep it for undo."""
    command.run()
    stack.push(command)
