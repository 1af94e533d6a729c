"""What the window's cross-visit sections share (Archive, Statistics, Follow-ups): read
again after a saved change only when shown, a line for the status bar, and a list whose
row opens its visit on double-click or Enter."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QTreeWidget, QWidget

if TYPE_CHECKING:
    from ui.context import Context


class SectionPage(QWidget):
    """A section of the main window over ``context``; ``reload`` reads what it shows.

    ``on_status`` (set by the main window) is told the section's status line while the
    section is shown; ``status_message`` gives it again when the section is shown later.
    """

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.stale = True
        self.on_status: Callable[[str], Any] | None = None
        self._message = ""
        self._opened: tuple[QTreeWidget, Callable[[Any, int], Any]] | None = None
        context.changed.connect(self._mark_stale)

    def reload(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def _mark_stale(self) -> None:
        self.stale = True
        if self.isVisible():
            self.reload()

    def reload_if_stale(self) -> None:
        if self.stale:
            self.reload()

    def say(self, message: str) -> None:
        """The section's status line: kept, and shown in the status bar when visible."""
        self._message = message
        if self.on_status is not None and self.isVisible():
            self.on_status(message)

    def status_message(self) -> str:
        return self._message

    def opening(self, tree: QTreeWidget, open_item: Callable[[Any, int], Any]) -> None:
        """A double-click on a row of ``tree``, or Enter on the current one
        (``open_current``), calls ``open_item(item, column)`` (Enter is a shortcut: the
        tree itself would only expand the row)."""
        self._opened = (tree, open_item)
        tree.itemDoubleClicked.connect(open_item)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            QShortcut(
                QKeySequence(key),
                tree,
                activated=self.open_current,
                context=Qt.ShortcutContext.WidgetShortcut,
            )

    def open_current(self) -> None:
        if self._opened is None:
            return
        tree, open_item = self._opened
        item = tree.currentItem()
        if item is not None:
            open_item(item, 0)
