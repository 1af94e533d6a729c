"""The main window: the list of visits with a filter, and the File and Help menus.

A first, minimal desktop (the visit workspace comes with the desktop issue): it shows what
is in the database, sorts by any column, and narrows the list as the user types.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app import __version__
from app.i18n import _, ngettext
from app.services.visits import list_visits
from ui.models.visits_model import (
    COL_START,
    COL_TITLE,
    VisitsFilterProxy,
    VisitsModel,
)

if TYPE_CHECKING:
    from db.engine import Database


class MainWindow(QMainWindow):
    """Visits of one database; ``reload()`` reads them again from the services."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle(_("Study Visit Planner"))
        self.resize(1280, 640)

        self.model = VisitsModel(self)
        self.proxy = VisitsFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(_("Filter by code, title, place or status…"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._filter_changed)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)  # long titles elide; the tooltip shows them whole
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.table)
        self.setCentralWidget(central)

        self._build_menus()
        self.reload()
        self.table.sortByColumn(COL_START, Qt.SortOrder.DescendingOrder)
        self.table.resizeColumnsToContents()
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(_("&File"))
        self.reload_action = QAction(_("&Reload"), self)
        self.reload_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        self.reload_action.triggered.connect(self.reload)
        file_menu.addAction(self.reload_action)
        file_menu.addSeparator()
        self.quit_action = QAction(_("&Quit"), self)
        self.quit_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
        self.quit_action.triggered.connect(self.close)
        file_menu.addAction(self.quit_action)

        help_menu = self.menuBar().addMenu(_("&Help"))
        self.about_action = QAction(_("&About Study Visit Planner"), self)
        self.about_action.triggered.connect(self.show_about)
        help_menu.addAction(self.about_action)

    def reload(self) -> None:
        """Read the visits again (after an import, or a change by a colleague)."""
        self.model.set_visits(list_visits(self.db))
        self._update_status()

    def _filter_changed(self, text: str) -> None:
        self.proxy.set_text(text)
        self._update_status()

    def _update_status(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        if total == 0:
            message = _("No visits yet.")
        elif shown == total:
            message = ngettext("{n} visit", "{n} visits", total).format(n=total)
        else:
            message = ngettext("{shown} of {n} visit", "{shown} of {n} visits", total).format(
                shown=shown, n=total)
        self.statusBar().showMessage(message)

    def about_text(self) -> str:
        return _(
            "<b>Study Visit Planner</b> {version}<br>Plans, documents, budgets and reports "
            "study visits of public-sector organisations.<br>Database: {database}"
        ).format(version=__version__, database=escape(self._database_name()))

    def _database_name(self) -> str:
        from app.storage import describe

        return describe(self.db.url)

    def show_about(self) -> None:
        QMessageBox.about(self, _("About Study Visit Planner"), self.about_text())


