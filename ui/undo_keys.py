"""Ctrl+Z and Ctrl+Shift+Z (or Ctrl+Y) reach the window's undo stack from inside a field.

A focused line, text, date or time field takes those keys for its own undo history, which
after a saved edit is empty or out of date: the window's undo never fired. Here a field
keeps the keys only while it holds typing not yet saved (its text differs from the text it
had when it got the focus or when the last step was saved); otherwise the keys undo or redo
the window's last step, wherever the focus is.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QKeyCombination, QObject, Qt
from PySide6.QtGui import QKeyEvent, QUndoStack
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
UNDO_KEYS = {QKeyCombination(CTRL, Qt.Key.Key_Z)}
REDO_KEYS = {QKeyCombination(CTRL | SHIFT, Qt.Key.Key_Z), QKeyCombination(CTRL, Qt.Key.Key_Y)}
SAVED_TEXT = "undo_keys_saved_text"  # the widget property holding the text last saved


def field_text(widget: QWidget | None) -> str | None:
    """The text of a field that has its own undo (None for anything else)."""
    if isinstance(widget, QLineEdit):
        return None if widget.isReadOnly() else widget.text()
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        return None if widget.isReadOnly() else widget.toPlainText()
    if isinstance(widget, QAbstractSpinBox):
        return None if widget.isReadOnly() else widget.text()
    if isinstance(widget, QComboBox) and widget.isEditable():
        return widget.currentText()
    return None


def typing(widget: QWidget | None) -> bool:
    """Whether ``widget`` is a field holding typing that is not saved yet."""
    text = field_text(widget)
    if text is None or widget is None:
        return False
    saved = widget.property(SAVED_TEXT)
    return saved is not None and saved != text


def mark_saved(widget: QWidget | None) -> None:
    text = field_text(widget)
    if widget is not None and text is not None:
        widget.setProperty(SAVED_TEXT, text)


def own_undo(widget: QWidget | None, redo: bool) -> bool:
    """Let a field with unsaved typing undo (or redo) its own typing; True when it did."""
    if not typing(widget):
        return False
    target: Any = widget
    if isinstance(widget, (QAbstractSpinBox, QComboBox)):
        target = widget.lineEdit()
    if target is None:
        return False
    (target.redo if redo else target.undo)()
    return True


class UndoKeys(QObject):
    """Watches the application's keys for one window and routes undo and redo."""

    def __init__(
        self, window: QWidget, stack: QUndoStack, undo: Callable[[], None], redo: Callable[[], None]
    ) -> None:
        super().__init__(window)
        self.window = window
        self.undo, self.redo = undo, redo
        self._swallow: QKeyCombination | None = None
        stack.indexChanged.connect(lambda _index: mark_saved(QApplication.focusWidget()))
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)

    def _ours(self, watched: QObject) -> bool:
        return isinstance(watched, QWidget) and watched.window() is self.window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.FocusIn:
            if self._ours(watched):
                mark_saved(watched)  # type: ignore[arg-type]
            return False
        if kind not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        assert isinstance(event, QKeyEvent)
        keys = event.keyCombination()
        if keys not in UNDO_KEYS and keys not in REDO_KEYS:
            return False
        if kind == QEvent.Type.KeyPress:
            if self._swallow == keys and self._ours(watched):
                self._swallow = None  # the key that came after a routed override
                return True
            return False
        if not self._ours(watched) or field_text(watched) is None:  # type: ignore[arg-type]
            return False  # not a field: the window's own shortcut does it
        if typing(watched):  # type: ignore[arg-type]
            return False  # the field undoes its own typing first
        event.accept()
        self._swallow = keys
        (self.undo if keys in UNDO_KEYS else self.redo)()
        return True
