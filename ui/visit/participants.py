"""The Participants tab: who takes part, with role, status, dates and needs.

People are added from the directory or created on the spot, or imported from a CSV/XLSX
list. Dietary and accessibility needs belong to the person (they follow them to the next
visit); role, status, arrival and departure to this visit. Counts by status sit above.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.i18n import N_, _
from app.interchange.participants import role_label, status_label
from app.labels import PARTICIPATION_STATUSES, ROLES
from ui.models.rows_model import Column, RowsModel
from ui.read_only import guarded
from ui.visit.tab_base import VisitTab
from ui.widgets import file_dialogs
from ui.widgets.binding import Binder, PlainText, combo_field, date_field, text_field
from ui.widgets.fields import ProblemLabel, code_combo, date_edit
from ui.widgets.flow_layout import flow
from ui.widgets.messages import refused
from ui.widgets.views import uniform_rows

if TYPE_CHECKING:
    from app.records import Participation
    from ui.context import Context


def _org(p: Participation) -> str:
    return p.person.organisation.name if p.person.organisation else ""


def _day(value: Any) -> str:
    from ui.widgets.date_time_edits import date_text

    return date_text(value) if value else ""


PARTICIPANT_COLUMNS: list[Column[Any]] = [
    Column(N_("Family name"), lambda p: p.person.family_name),
    Column(N_("Given name"), lambda p: p.person.given_name),
    Column(N_("Organisation"), _org),
    Column(N_("Role"), lambda p: role_label(p.role)),
    Column(N_("Status"), lambda p: status_label(p.status)),
    Column(
        N_("Arrives"),
        lambda p: _day(p.arrives),
        sort=lambda p: p.arrives.isoformat() if p.arrives else "",
    ),
    Column(
        N_("Departs"),
        lambda p: _day(p.departs),
        sort=lambda p: p.departs.isoformat() if p.departs else "",
    ),
    Column(N_("Dietary needs"), lambda p: p.person.dietary),
    Column(N_("Accessibility needs"), lambda p: p.person.accessibility),
]


class ParticipantsTab(VisitTab):
    def __init__(self, context: Context, visit_id: int, parent: QWidget | None = None) -> None:
        from app.services.people import update_participation, update_person

        super().__init__(context, visit_id, parent)
        self.model: RowsModel[Any] = RowsModel(PARTICIPANT_COLUMNS, self)
        self.proxy = self.model  # the model narrows and sorts itself
        self.counts = QLabel()
        self.counts.setAccessibleName(_("Counts by status"))
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setWordWrap(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        uniform_rows(self.table)  # one row height in every list
        self.table.setAccessibleName(_("Participants"))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._selected())
        QShortcut(
            QKeySequence(QKeySequence.StandardKey.Delete),
            self.table,
            activated=guarded(self.table, self.remove_selected),
        )
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2):
            # Enter or F2 on the list: edit the selected participation in the form.
            QShortcut(
                QKeySequence(key),
                self.table,
                activated=lambda: self.role.setFocus(),
                context=Qt.ShortcutContext.WidgetShortcut,
            )

        self.add_button = QPushButton(_("&Add from People…"))
        self.create_button = QPushButton(_("&New person…"))
        self.import_button = QPushButton(_("&Import list…"))
        self.remove_button = QPushButton(_("&Remove"))
        self.add_button.clicked.connect(self.add_from_people)
        self.create_button.clicked.connect(self.create_person)
        self.import_button.clicked.connect(lambda: self.import_file())
        self.remove_button.clicked.connect(self.remove_selected)

        self.problem = ProblemLabel()
        self.role = code_combo(ROLES, role_label)
        self.status = code_combo(PARTICIPATION_STATUSES, status_label)
        self.arrives = date_edit(optional=True)
        self.departs = date_edit(optional=True)
        self.notes = PlainText()
        self.dietary = PlainText()
        self.accessibility = PlainText()
        for edit in (self.notes, self.dietary, self.accessibility):
            edit.setTabChangesFocus(True)
            edit.setMaximumHeight(70)
        self.binder = Binder(
            context,
            self.problem,
            _("Change {field}"),
            lambda row_id, seen, changes: update_participation(context.db, row_id, seen, **changes),
        )
        self.binder.add("role", combo_field(self.role, _("Role")))
        self.binder.add("status", combo_field(self.status, _("Status")))
        self.binder.add("arrives", date_field(self.arrives, _("Arrives")))
        self.binder.add("departs", date_field(self.departs, _("Departs")))
        self.binder.add("notes", text_field(self.notes, _("Notes")))
        self.needs = Binder(
            context,
            self.problem,
            _("Change {field}"),
            lambda row_id, seen, changes: update_person(context.db, row_id, seen, **changes),
        )
        self.needs.add("dietary", text_field(self.dietary, _("Dietary needs")))
        self.needs.add("accessibility", text_field(self.accessibility, _("Accessibility needs")))

        form_box = QGroupBox(_("In this visit"))
        form = QFormLayout(form_box)
        form.addRow(_("R&ole"), self.role)
        form.addRow(_("S&tatus"), self.status)
        form.addRow(_("Arri&ves"), self.arrives)
        form.addRow(_("De&parts"), self.departs)
        form.addRow(_("N&otes"), self.notes)
        needs_box = QGroupBox(_("Needs (kept with the person)"))
        needs = QFormLayout(needs_box)
        needs.addRow(_("&Dietary"), self.dietary)
        needs.addRow(_("Acc&essibility"), self.accessibility)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(form_box)
        right_layout.addWidget(needs_box)
        right_layout.addWidget(self.problem)  # below the fields: they never move while typing
        right_layout.addStretch(1)

        # wraps onto a second line in a narrow window (Latvian labels at 1024 px)
        buttons = flow(self.add_button, self.create_button, self.import_button, self.remove_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.counts)
        left_layout.addLayout(buttons)
        left_layout.addWidget(self.table)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    def reload(self) -> None:
        from app.services.base import NotFound
        from app.services.people import list_participations

        current = self.current()
        try:
            rows = list_participations(self.db, self.visit_id)
        except NotFound:
            return
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        counts = {status: 0 for status in PARTICIPATION_STATUSES}
        for row in rows:
            counts[row.status] += 1
        self.counts.setText(
            " · ".join(f"{status_label(s)}: {n}" for s, n in counts.items() if n)
            or _("Nobody is on this visit yet.")
        )
        if current is not None:
            self.select(current.id)
        self._selected()

    def current(self) -> Participation | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.row_at(index.row())

    def select(self, participation_id: int) -> None:
        row = self.model.row_of(participation_id)
        if row >= 0:
            index = self.model.index(row, 0)
            self.table.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )

    def _selected(self) -> None:
        part = self.current()
        self.remove_button.setEnabled(part is not None)
        if part is None:
            self.binder.load(None, {})
            self.needs.load(None, {})
            return
        self.binder.load(part.id, {n: getattr(part, n) for n in self.binder.fields}, part.version)
        self.needs.load(
            part.person_id,
            {n: getattr(part.person, n) for n in self.needs.fields},
            part.person.version,
        )

    # --- edits

    def add_person(self, person_id: int, **fields: Any) -> int | None:
        from app.services.people import (
            add_participant,
            delete_participation,
            restore_participation,
        )

        db = self.db
        try:
            part_id = self.context.create(
                _("Add participant"),
                lambda: add_participant(db, self.visit_id, person_id, **fields),
                lambda i: delete_participation(db, i),
                lambda i: restore_participation(db, i),
            )
        except refused() as problem:
            self.context.report(problem)
            return None
        self.reload()
        self.select(part_id)
        return part_id

    def add_from_people(self) -> None:
        from ui.dialogs.person_picker import PersonPicker

        taken = {row.person_id for row in self.model.rows()}
        picker = PersonPicker(self.db, taken, self)
        if picker.exec():
            for person_id in picker.chosen():
                self.add_person(person_id)

    def create_person(self) -> None:
        from ui.dialogs.quick_create import create_person_quickly

        person_id = create_person_quickly(self.context, self)
        if person_id is not None:
            self.add_person(person_id)

    def import_file(self, path: str | None = None) -> bool:
        from app.interchange.participants import FileProblem
        from ui.dialogs.import_participants import ImportParticipantsDialog

        if path is None:
            path, _filter = file_dialogs.get_open_file_name(
                self,
                _("Import participants"),
                "",
                _("Participant lists (*.csv *.txt *.xlsx *.xls *.ods);;All files (*)"),
            )
            if not path:
                return False
        try:
            dialog = ImportParticipantsDialog(self.context, self.visit_id, path, self)
        except FileProblem as problem:
            self.context.report(problem.message)
            return False
        done = bool(dialog.exec())
        self.reload()
        return done

    def remove_selected(self) -> None:
        from app.services.people import delete_participation, restore_participation
        from ui.widgets.messages import confirm_delete

        part = self.current()
        if part is None:
            return
        name = part.person.full_name
        if not confirm_delete(self, _("{name} from this visit").format(name=name)):
            return
        db = self.db
        try:
            self.context.delete(
                _("Remove {name}").format(name=name),
                lambda: delete_participation(db, part.id),
                lambda: restore_participation(db, part.id),
            )
        except refused() as problem:
            self.context.report(problem)
        self.reload()
