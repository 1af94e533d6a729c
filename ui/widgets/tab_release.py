"""Tab leaves a table: no keyboard trap in the read-only lists.

A ``QTableView`` (and ``QTableWidget``) moves from cell to cell on Tab by default
(``tabKeyNavigation``), so a keyboard user who tabs into a table never tabs out of it to the
buttons under it or the next panel (nine Tab presses stayed in the Budget tab's lines). Our
tables are read-only lists, edited in forms and dialogs; the arrow keys move between rows
and cells, and Tab should move on to the next control as it does everywhere else.

Rather than every tab remembering to switch it off, the application switches it off for
whichever item view receives the focus (``QApplication.focusChanged``: once per focus move,
not per event). A view that really wants Tab to walk its cells (an editable grid) sets the
dynamic property ``KEEP_TAB`` to True.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget

KEEP_TAB = "keepsTabInCells"  # a view with this property True keeps Tab between its cells
_INSTALLED = "tabLeavesTables"  # the application's property: the hook is connected


def release_tab(view: QAbstractItemView) -> None:
    """Tab and Shift+Tab leave ``view`` instead of moving between its cells (unless the view
    asked to keep them with ``KEEP_TAB``)."""
    if view.tabKeyNavigation() and not view.property(KEEP_TAB):
        view.setTabKeyNavigation(False)


def _view_of(widget: QWidget | None) -> QAbstractItemView | None:
    """The item view that owns ``widget`` when it is the view or its viewport."""
    if isinstance(widget, QAbstractItemView):
        return widget
    parent = widget.parentWidget() if widget is not None else None
    if isinstance(parent, QAbstractItemView) and parent.viewport() is widget:
        return parent
    return None


def _focus_moved(_old: QWidget | None, new: QWidget | None) -> None:
    view = _view_of(new)
    if view is not None:
        release_tab(view)


def install(app: QApplication) -> None:
    """Every item view of ``app`` lets Tab leave it once it has the focus (idempotent)."""
    if app.property(_INSTALLED):
        return
    app.focusChanged.connect(_focus_moved)
    app.setProperty(_INSTALLED, True)


def uninstall(app: QObject) -> None:
    """Undo ``install`` (for tests that share one application object)."""
    if app.property(_INSTALLED):
        app.focusChanged.disconnect(_focus_moved)  # type: ignore[attr-defined]
        app.setProperty(_INSTALLED, False)
