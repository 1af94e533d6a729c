"""User actions of several steps as named, undoable operations, shared by the window and
scripts.

A simple edit (create, change or delete one row) is undone by the service that made it
(``ui.commands``). An action that changes many rows at once — an ECB import, giving
several budget lines a source, writing the allowance lines, a merge — needs to remember
what it found and what it made so that undo puts back exactly that, and redo makes exactly
the same rows again. Each such action is an ``Operation``: an object with a name (what the
Edit menu and the status bar say: "Undone: Import ECB file") and ``do``/``undo`` that call
``app.services``, each in one transaction. The state undo needs lives in the operation's
own attributes, not in dictionaries closed over in a tab (as Anki's ``aqt/operations``
keeps the window's actions apart from its widgets). On a shared database that state is
the rows the step changed, never a snapshot of a whole table: undo would otherwise take
back what a colleague saved after the step (``app.services.changed_rows``).

The window runs one with ``ui.context.Context.run`` (it is pushed on the undo stack only
once its first ``do`` worked; a refused one raises ``Invalid`` or ``ServiceError`` and
changes nothing); a script calls ``do()`` itself.
"""

from __future__ import annotations

from abc import ABC, abstractmethod


class Operation(ABC):
    """One user action of several steps: ``name`` says what it did, ``do`` does it (the
    first time) or does it again exactly (redo), ``undo`` takes it back."""

    name: str

    @abstractmethod
    def do(self) -> None:
        """Do the action; on a later call (redo) make exactly what the first call made."""

    @abstractmethod
    def undo(self) -> None:
        """Put back what was there before ``do``, in one transaction."""
