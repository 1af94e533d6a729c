"""Read-only mode: a window on a database that cannot be changed here (read-only storage)
disables every control that would change it, and keeps reading, searching and exporting.

One guard for every page and tab, present and future: text fields become read-only (their
text can still be scrolled, selected and copied), choices, dates and buttons are disabled, cells cannot be
edited, and the edit keys on lists (Enter, F2, double-click, Delete) do nothing. A control
that only reads (a search box, a filter, a document's language, Export, Save… of a
document) is marked ``read_safe``, or sits in a part marked so (the Documents tab, the
archive), unless marked ``writes`` itself (Release in the Documents tab); everything else
is taken as editing. The guard watches the application's events:
a control made later (a tab opened, a form rebuilt) is locked when it is shown, and
one that the page enables again (a chosen row enables Delete) is disabled again at once.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QToolButton,
    QWidget,
)

READ_ONLY = "studyvisitReadOnly"  # on a window: its database is only read
READ_SAFE = "studyvisitReadSafe"  # on a control or a part: it only reads

_TEXT = (QLineEdit, QPlainTextEdit, QTextEdit)  # read-only: still scrolled, selected, copied
_CHOICES = (QComboBox, QAbstractButton, QAbstractSpinBox)  # dates, times, numbers: disabled
_WATCHED = (QEvent.Type.Show, QEvent.Type.EnabledChange, QEvent.Type.ReadOnlyChange)


def read_safe(*controls: QWidget | QAction) -> None:
    """Keep ``controls`` (or everything inside a part) usable in a read-only window."""
    for control in controls:
        control.setProperty(READ_SAFE, True)


def writes(*controls: QWidget | QAction) -> None:
    """Disable ``controls`` in a read-only window even inside a part marked ``read_safe``."""
    for control in controls:
        control.setProperty(READ_SAFE, False)


def is_read_only(widget: QWidget | None) -> bool:
    """Whether ``widget`` is in a window whose database is only read."""
    if widget is None:
        return False
    return bool(widget.window().property(READ_ONLY))


def _safe(widget: QWidget) -> bool:
    top = widget.window()
    current: QWidget | None = widget
    while current is not None:
        marked = current.property(READ_SAFE)
        if marked is not None:
            return bool(marked)
        if current is top:
            return False
        current = current.parentWidget()
    return False


def lock(widget: QWidget) -> None:
    """Make ``widget`` unable to change anything, unless it is safe to read with."""
    if not isinstance(widget, (*_TEXT, *_CHOICES, QAbstractItemView)) or _safe(widget):
        return
    if isinstance(widget, _TEXT):
        if not widget.isReadOnly():
            widget.setReadOnly(True)
    elif isinstance(widget, QAbstractItemView):
        widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    elif isinstance(widget.parentWidget(), QTabBar) or (
        isinstance(widget, QToolButton) and widget.defaultAction() is not None
    ):
        return  # a tab bar's scroll arrows; a tool bar's button follows its action
    elif widget.isEnabled():
        widget.setEnabled(False)


class _Guard(QObject):
    """Locks the controls of read-only windows as they are shown or enabled again."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _WATCHED and isinstance(watched, QWidget) and is_read_only(watched):
            lock(watched)
        return False


_guard: _Guard | None = None
_locked: set[int] = set()  # the read-only windows (by id) the guard watches for


def lock_window(window: QWidget, actions: list[QAction]) -> None:
    """Put ``window`` in read-only mode: its writing ``actions`` (menus, tool bar) and every
    editing control in it, now and later, are disabled. The guard watches the application's
    events only while such a window exists."""
    global _guard
    window.setProperty(READ_ONLY, True)
    app = QApplication.instance()
    if _guard is None and app is not None:
        _guard = _Guard(app)
        app.installEventFilter(_guard)
    if id(window) not in _locked:
        _locked.add(id(window))
        key = id(window)
        window.destroyed.connect(lambda *_a: _forget(key))
    for action in actions:
        action.setEnabled(False)
        action.changed.connect(lambda a=action: a.setEnabled(False) if a.isEnabled() else None)
    for widget in window.findChildren(QWidget):
        lock(widget)


def unlock_window(window: QWidget) -> None:
    """``window`` shows a database that can be changed again (another one was opened)."""
    window.setProperty(READ_ONLY, False)
    _forget(id(window))


def _forget(key: int) -> None:
    global _guard
    _locked.discard(key)
    if not _locked and _guard is not None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(_guard)
        _guard.deleteLater()
        _guard = None


def guarded(widget: QWidget, slot: Any) -> Any:
    """``slot``, doing nothing while ``widget`` is in a read-only window (the edit keys of a
    list open an edit dialog or delete without their buttons)."""

    def run(*_args: Any) -> Any:
        if is_read_only(widget):
            return None
        return slot()

    return run
