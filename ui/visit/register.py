"""The visits register: every visit in a sortable table, narrowed by status, year,
country and text; new, duplicate as a template, delete (asked first), open.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app import labels
from app.i18n import _
from app.labels import VISIT_STATUSES
from ui.models.visits_model import COL_START, COL_TITLE, VisitsModel
from ui.read_only import read_safe
from ui.widgets.fields import code_combo, set_code
from ui.widgets.messages import refused
from ui.widgets.mnemonics import keep_unique
from ui.widgets.views import down_to, edit_keys, uniform_rows

if TYPE_CHECKING:
    from app.records import Visit
    from app.services.visits import VisitSummary
    from ui.context import Context

TITLE_FALLBACK = 180  # px: the title's width when the other columns fill the list

_REGISTER_SQL = """
SELECT v.id, v.code, v.title, v.kind, v.status, v.start_date, v.end_date, v.country, v.city,
       COALESCE(taking.n, 0)
  FROM visit AS v
  LEFT JOIN (SELECT p.visit_id, count(*) AS n
               FROM participation AS p
              WHERE p.deleted_at IS NULL AND p.status IN ({marks})
                AND p.person_id NOT IN (SELECT id FROM person WHERE deleted_at IS NOT NULL)
              GROUP BY p.visit_id) AS taking ON taking.visit_id = v.id
 WHERE v.deleted_at IS NULL
 ORDER BY v.start_date DESC, v.code
"""


def read_register(path: Any) -> list[Any] | None:
    """The register's rows from a SQLite file with plain SQL, or None to ask the service.

    The same answer as ``list_visits`` (a test holds them equal), counted with one grouped
    query (deleted people are few, so they are excluded by a list rather than a join): the
    per-visit subquery of ``visits list`` took half a second on 10,000 visits.
    """
    import datetime as dt
    import sqlite3

    from app.cli_visit_list import VisitRow
    from app.labels import TAKING_PART

    statuses = sorted(TAKING_PART)
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error:
        return None
    try:
        rows = con.execute(
            _REGISTER_SQL.format(marks=", ".join("?" for _ in statuses)), statuses
        ).fetchall()
        day = dt.date.fromisoformat
        return [
            VisitRow(r[0], r[1], r[2], r[3], r[4], day(r[5]), day(r[6]), r[7], r[8], r[9])
            for r in rows
        ]
    except (sqlite3.Error, ValueError, TypeError):
        return None
    finally:
        con.close()


def read_visit_list(db: Any) -> list[VisitSummary]:
    """The register's rows: plain SQL on a SQLite file (the ORM is not loaded before the
    window is painted), else the service."""
    from app.storage import sqlite_path

    path = sqlite_path(db.url)
    if path is not None:
        rows = read_register(path)
        if rows is not None:  # VisitRow has VisitSummary's fields
            return rows  # type: ignore[return-value]
    from app.services.visits import list_visits

    return list_visits(db)


class VisitsPage(QWidget):
    """The register; ``status_message`` says how many visits are shown."""

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.stale = True
        self.model = VisitsModel(self)
        self.proxy = self.model  # the model filters and sorts itself (fast with 10,000)

        self._make_filters()
        self._make_buttons()
        header = self._make_table()
        self._lay_out()
        self._keyboard_order()
        self.status_message = ""
        self.on_status: Any = None
        keep_unique(self)
        context.changed.connect(self._mark_stale)
        self.reload()
        header.setResizeContentsPrecision(40)  # the first rows, not all 10,000
        self.table.resizeColumnsToContents()
        # The title takes what is left; when the other columns leave nothing (Latvian
        # words at 1024 px), Qt gave it its whole text (565 px) and pushed the status and
        # dates out of sight. It falls back to a readable width instead.
        header.resizeSection(COL_TITLE, min(header.sectionSize(COL_TITLE), TITLE_FALLBACK))
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)

    def _make_filters(self) -> None:
        """The search field and the status, year and country filters."""
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(_("Search by code, title, place or status…"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName(_("Search visits"))
        self.filter_edit.textChanged.connect(self._text_changed)
        self.status_combo = code_combo(VISIT_STATUSES, labels.visit_status, empty=_("All statuses"))
        self.status_combo.setAccessibleName(_("Status"))
        self.status_combo.currentIndexChanged.connect(
            lambda: self._apply(self.proxy.set_status, self.status_combo.currentData())
        )
        self.year_combo = QComboBox()
        self.year_combo.setAccessibleName(_("Year"))
        self.year_combo.currentIndexChanged.connect(
            lambda: self._apply(self.proxy.set_year, self.year_combo.currentData())
        )
        self.country_combo = QComboBox()
        self.country_combo.setAccessibleName(_("Country"))
        self.country_combo.currentIndexChanged.connect(
            lambda: self._apply(self.proxy.set_country, self.country_combo.currentData())
        )

    def _make_buttons(self) -> None:
        self.new_button = QPushButton(_("&New visit…"))
        self.duplicate_button = QPushButton(_("D&uplicate as template…"))
        self.delete_button = QPushButton(_("&Delete"))
        self.open_button = QPushButton(_("&Open"))
        self.new_button.clicked.connect(self.new_visit)
        self.duplicate_button.clicked.connect(self.duplicate_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.open_button.clicked.connect(self.open_selected)
        read_safe(
            self.filter_edit,
            self.status_combo,
            self.year_combo,
            self.country_combo,
            self.open_button,
        )

    def _make_table(self) -> QHeaderView:
        """The list (Enter opens, Delete deletes) and what it says when empty; its
        header, whose columns are sized once the rows are in."""
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_START, Qt.SortOrder.DescendingOrder)  # before the rows
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        uniform_rows(self.table)  # one row height in every list
        self.table.setAccessibleName(_("Visits"))
        # Enter (and double-click) opens the chosen visit, Delete deletes it after asking,
        # as in every other list; Down in the search goes to the list.
        edit_keys(self.table, self.open_selected, self.delete_selected)
        down_to(self.filter_edit, self.table)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        from ui.models.visits_model import COL_STATUS
        from ui.widgets.chips import ChipDelegate

        self.table.setItemDelegateForColumn(COL_STATUS, ChipDelegate(self.table))
        # What to do next when the list is empty, instead of an empty grid.
        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setObjectName("empty_state")
        self.empty_label.hide()
        return header

    def _lay_out(self) -> None:
        filters = QHBoxLayout()
        filters.addWidget(self.filter_edit, 3)
        for label, combo in (
            (_("S&tatus"), self.status_combo),
            (_("&Year"), self.year_combo),
            (_("Coun&try"), self.country_combo),
        ):
            caption = QLabel(label)
            caption.setBuddy(combo)
            filters.addWidget(caption)
            filters.addWidget(combo, 1)
        actions = QHBoxLayout()
        for button in (self.new_button, self.duplicate_button, self.delete_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.table)
        layout.addLayout(actions)

    def _keyboard_order(self) -> None:
        # Keyboard order follows the screen: search, filters, the list, then the buttons.
        for first, second in (
            (self.filter_edit, self.status_combo),
            (self.status_combo, self.year_combo),
            (self.year_combo, self.country_combo),
            (self.country_combo, self.table),
            (self.table, self.new_button),
            (self.new_button, self.duplicate_button),
            (self.duplicate_button, self.delete_button),
            (self.delete_button, self.open_button),
        ):
            QWidget.setTabOrder(first, second)

    # --- data

    def reload(self) -> None:
        self.model.set_visits(read_visit_list(self.context.db))
        self._fill_choices()
        self.stale = False
        self._update_status()

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

    def _fill_choices(self) -> None:
        for combo, first, values, show in (
            (self.year_combo, _("All years"), self.model.years(), str),
            (self.country_combo, _("All countries"), self.model.countries(), labels.country),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(first, None)
            for value in values:
                combo.addItem(show(value), value)
            set_code(combo, current)
            combo.blockSignals(False)

    def _text_changed(self, text: str) -> None:
        self._apply(self.proxy.set_text, text)

    def _apply(self, setter: Any, value: Any) -> None:
        setter(value)
        self._update_status()

    def _update_status(self) -> None:
        from app.i18n import ngettext

        shown, total = self.model.rowCount(), self.model.total()
        if total == 0:
            message = _("No visits yet.")
        elif shown == total:
            message = ngettext("{n} visit", "{n} visits", total).format(n=total)
        else:
            message = ngettext("{shown} of {n} visit", "{shown} of {n} visits", total).format(
                shown=shown, n=total
            )
        self.status_message = message
        if self.on_status is not None:
            self.on_status(message)
        if total == 0:
            self.empty_label.setText(
                _(
                    "No visits yet — create one with “New visit…”, import a visit file (File → "
                    "Import visit file…), or start the program with an empty database to be "
                    "offered the demo visits."
                )
            )
        elif shown == 0:
            self.empty_label.setText(
                _(
                    "No visit matches the search and filters. Clear the search to see all {n}."
                ).format(n=total)
            )
        self.empty_label.setVisible(shown == 0)

    # --- selection and actions

    def shown_codes(self) -> list[str]:
        return [self.proxy.data(self.proxy.index(r, 0)) for r in range(self.proxy.rowCount())]

    def selected(self) -> VisitSummary | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.visit_at(rows[0].row())

    def select_visit(self, visit_id: int) -> None:
        for row in range(self.model.rowCount()):
            if self.model.visit_at(row).id == visit_id:
                self.table.selectRow(row)
                self.table.scrollTo(self.model.index(row, 0))
                return

    def focus_search(self) -> None:
        self.filter_edit.setFocus()
        self.filter_edit.selectAll()

    def open_selected(self) -> None:
        visit = self.selected()
        if visit is not None:
            self.context.open_visit.emit(visit.id)

    def new_visit(self) -> Visit | None:
        from app.services.visits import create_visit, delete_visit, restore_visit
        from ui.dialogs.visit_dialogs import NewVisitDialog

        db = self.context.db
        made: dict[str, Visit] = {}

        def submit(fields: dict[str, Any]) -> Visit:
            def create() -> Visit:
                made["visit"] = create_visit(db, **fields)
                return made["visit"]

            self.context.create(
                _("New visit {code}").format(code=fields["code"]),
                create,
                lambda i: delete_visit(db, i),
                lambda i: restore_visit(db, i),
            )
            return made["visit"]

        dialog = NewVisitDialog(submit, self)
        if dialog.exec() and dialog.visit is not None:
            self.reload()
            self.select_visit(dialog.visit.id)
            self.context.open_visit.emit(dialog.visit.id)
            return dialog.visit
        return None

    def duplicate_selected(self) -> Visit | None:
        import datetime as dt

        from app.services.visits import delete_visit, duplicate_visit, restore_visit
        from ui.dialogs.visit_dialogs import DuplicateVisitDialog

        source = self.selected()
        if source is None:
            return None
        db = self.context.db

        def submit(code: str, start: dt.date) -> Visit:
            made: dict[str, Visit] = {}

            def create() -> Visit:
                made["visit"] = duplicate_visit(db, source.id, code, start)
                return made["visit"]

            self.context.create(
                _("Duplicate {code}").format(code=source.code),
                create,
                lambda i: delete_visit(db, i),
                lambda i: restore_visit(db, i),
            )
            return made["visit"]

        dialog = DuplicateVisitDialog(submit, source.code, source.start_date, self)
        if dialog.exec() and dialog.visit is not None:
            self.reload()
            self.select_visit(dialog.visit.id)
            return dialog.visit
        return None

    def delete_selected(self) -> None:
        from app.services.visits import delete_visit, restore_visit
        from ui.widgets.messages import confirm_delete

        visit = self.selected()
        if visit is None:
            return
        if not confirm_delete(
            self, _("the visit {code} “{title}”").format(code=visit.code, title=visit.title)
        ):
            return
        db = self.context.db
        try:
            self.context.delete(
                _("Delete visit {code}").format(code=visit.code),
                lambda: delete_visit(db, visit.id),
                lambda: restore_visit(db, visit.id),
            )
        except refused() as problem:
            self.context.report(problem)
        self.reload()

    def current_index(self) -> QModelIndex:
        return self.table.currentIndex()
