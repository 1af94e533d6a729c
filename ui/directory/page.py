"""What the Institutions and People pages share: a searchable table beside a form whose
fields save as they are finished, New and Delete (asked first), and the visits the
chosen row appears in.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from ui.models.rows_model import Column, RowsModel
from ui.read_only import guarded, read_safe
from ui.widgets.fields import ProblemLabel
from ui.widgets.flow_layout import flow
from ui.widgets.mnemonics import keep_unique
from ui.widgets.views import FormScroll, down_to, uniform_rows

if TYPE_CHECKING:
    from ui.context import Context


class DirectoryPage(QWidget):
    """Subclasses give the columns, the rows, the form and the delete/restore services."""

    def __init__(
        self,
        context: Context,
        columns: list[Column[Any]],
        name: str,
        parent: QWidget | None = None,
        search: Callable[[Any], str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.stale = True
        self.model: RowsModel[Any] = RowsModel(columns, self, search=search)
        self.proxy = self.model  # the model narrows and sorts itself
        self.search = QLineEdit()
        read_safe(self.search)
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(_("Search"))
        self.search.textChanged.connect(self._search)
        self.table = self._rows_table(name)
        down_to(self.search, self.table)
        self._buttons()
        self.problem = ProblemLabel()
        self.appears = QListWidget()
        self.appears.setAccessibleName(_("Appears in these visits"))
        self.appears.setMaximumHeight(140)
        self.appears.itemDoubleClicked.connect(
            lambda entry: context.open_visit.emit(entry.data(Qt.ItemDataRole.UserRole))
        )

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.table)
        # wraps when narrow: the row of three must not hold the list (and window) wide
        left_layout.addLayout(flow(self.new_button, self.delete_button, self.merge_button))
        self.right = QWidget()
        self.right_layout = QVBoxLayout(self.right)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        # The form scrolls rather than setting the window's height: a person's fifteen
        # fields asked 750 px in Latvian and the window could not be 700 px high.
        self.splitter.addWidget(left)
        self.splitter.addWidget(FormScroll(self.right))
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)
        self.on_status: Any = None
        context.changed.connect(self._mark_stale)
        keep_unique(self)  # once the page's own form is added

    def _rows_table(self, name: str) -> QTableView:
        """The rows, sorted by a header click, one chosen at a time: Delete deletes it
        (asked first), Enter or F2 goes to its form."""
        table = QTableView()
        table.setModel(self.proxy)
        table.setSortingEnabled(True)
        table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        uniform_rows(table)  # one row height in every list
        table.horizontalHeader().setStretchLastSection(True)
        table.setAccessibleName(name)
        table.selectionModel().currentRowChanged.connect(lambda *_a: self._selected())
        QShortcut(
            QKeySequence(QKeySequence.StandardKey.Delete),
            table,
            activated=guarded(table, self.delete_selected),
        )
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2):
            QShortcut(
                QKeySequence(key),
                table,
                activated=self.edit_selected,
                context=Qt.ShortcutContext.WidgetShortcut,
            )
        return table

    def _buttons(self) -> None:
        """New, Delete and Merge into… (shown only where the page can merge rows)."""
        self.new_button = QPushButton(_("&New"))
        self.delete_button = QPushButton(_("&Delete"))
        self.merge_button = QPushButton(_("&Merge into…"))
        self.merge_button.setToolTip(
            _("This record is a duplicate: move its visits to another record and delete it")
        )
        self.merge_button.clicked.connect(self.merge_selected)
        self.merge_button.setVisible(type(self).merge_row is not DirectoryPage.merge_row)
        self.new_button.clicked.connect(self.new_row)
        self.delete_button.clicked.connect(self.delete_selected)

    # --- to be given by the page

    def status_message(self) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    def fetch(self) -> list[Any]:  # pragma: no cover - overridden
        raise NotImplementedError

    def show_row(self, row: Any) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def new_row(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def delete_row(self, row: Any) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def merge_row(self, row: Any) -> None:
        """Pages that can merge duplicates override this (the button shows only then)."""

    def visits_of(self, row: Any) -> list[tuple[int, str]]:  # pragma: no cover - overridden
        raise NotImplementedError

    # --- shared behaviour

    def edit_selected(self) -> None:
        """Enter or F2 on the list: go to the form's first field to edit the selected row."""
        binder = getattr(self, "binder", None)
        if binder is None or binder.row_id is None or not binder.fields:
            return
        first = next(iter(binder.fields.values())).widget
        first.setFocus()

    def _mark_stale(self) -> None:
        self.stale = True
        if self.isVisible():
            QTimer.singleShot(0, self.reload_if_stale)

    def reload_if_stale(self) -> None:
        if self.stale:
            self.reload()

    def showEvent(self, event: Any) -> None:
        self.reload_if_stale()
        super().showEvent(event)

    def reload(self) -> None:
        current = self.current()
        self.model.set_rows(self.fetch())
        self.table.resizeColumnsToContents()
        self.stale = False
        if self.on_status is not None:
            self.on_status(self.status_message())
        if current is not None:
            self.select(current.id)
        self._selected()

    def _search(self, text: str) -> None:
        self.model.set_text(text)
        if self.on_status is not None:
            self.on_status(self.status_message())

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def current(self) -> Any:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.row_at(index.row())

    def select(self, row_id: int) -> None:
        row = self.model.row_of(row_id)
        if row >= 0:
            index = self.model.index(row, 0)
            self.table.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.table.scrollTo(index)

    def _selected(self) -> None:
        row = self.current()
        self.delete_button.setEnabled(row is not None)
        self.merge_button.setEnabled(row is not None)
        self.show_row(row)
        self.appears.clear()
        if row is not None:
            from PySide6.QtWidgets import QListWidgetItem

            for visit_id, text in self.visits_of(row):
                entry = QListWidgetItem(text)
                entry.setData(Qt.ItemDataRole.UserRole, visit_id)
                self.appears.addItem(entry)

    def merge_selected(self) -> None:
        row = self.current()
        if row is not None:
            self.merge_row(row)

    def delete_selected(self) -> None:
        row = self.current()
        if row is not None:
            self.delete_row(row)
