"""The People directory: delegates and staff, reused from visit to visit.

ID-document numbers are shown masked (only the last three characters) in the table, and
in the form until the field is being edited.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QLineEdit, QWidget

from app.i18n import N_, _
from app.services.usage import visits_of_person
from ui.directory.page import DirectoryPage
from ui.models.rows_model import Column
from ui.widgets.binding import Binder, PlainText, combo_field, date_field, line_field, text_field
from ui.widgets.fields import date_edit
from ui.widgets.messages import confirm_delete, refused

if TYPE_CHECKING:
    from ui.context import Context


def mask(value: str | None) -> str:
    """``LV1234567`` → ``••••••567``: enough to tell documents apart, not to copy one."""
    if not value:
        return ""
    keep = value[-3:] if len(value) > 4 else ""
    return "•" * (len(value) - len(keep)) + keep


PEOPLE_COLUMNS: list[Column[Any]] = [
    Column(N_("Family name"), lambda p: p.family_name),
    Column(N_("Given name"), lambda p: p.given_name),
    Column(N_("Organisation"), lambda p: p.organisation.name if p.organisation else ""),
    Column(N_("Position"), lambda p: p.position),
    Column(N_("E-mail"), lambda p: p.email),
    Column(N_("Phone"), lambda p: p.phone),
    Column(N_("ID document"), lambda p: mask(p.id_document)),
]


class PeoplePage(DirectoryPage):
    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        from app.services.people import person_search, update_person

        super().__init__(context, PEOPLE_COLUMNS, _("People"), parent, search=person_search)
        self.search.setPlaceholderText(_("Search by name, e-mail or organisation…"))
        self.binder = Binder(
            context,
            self.problem,
            _("Change {field}"),
            lambda row_id, seen, changes: update_person(context.db, row_id, seen, **changes),
        )
        self.organisation = QComboBox()
        self.gender = QComboBox()
        self.gender.addItem(_("not known"), None)
        self.gender.addItem(_("feminine (Delegāte, Koordinatore)"), "female")
        self.gender.addItem(_("masculine (Delegāts, Koordinators)"), "male")
        self.gender.setToolTip(
            _(
                "The form of Latvian words about the person in documents; "
                "guessed from the name when the person was added"
            )
        )
        self.id_document = QLineEdit()
        self.id_document.setEchoMode(QLineEdit.EchoMode.PasswordEchoOnEdit)
        self.id_document.setAccessibleDescription(_("Shown masked; type to replace it"))
        widgets: list[tuple[str, str, Any]] = [
            ("given_name", _("&Given name"), line_field(QLineEdit(), _("Given name"))),
            ("family_name", _("&Family name"), line_field(QLineEdit(), _("Family name"))),
            (
                "organisation_id",
                _("&Organisation"),
                combo_field(self.organisation, _("Organisation")),
            ),
            ("position", _("&Position"), line_field(QLineEdit(), _("Position"))),
            ("gender", _("Grammatical gende&r"), combo_field(self.gender, _("Grammatical gender"))),
            ("email", _("&E-mail"), line_field(QLineEdit(), _("E-mail"))),
            ("phone", _("P&hone"), line_field(QLineEdit(), _("Phone"))),
            (
                "date_of_birth",
                _("Date of &birth"),
                date_field(date_edit(optional=True), _("Date of birth")),
            ),
            (
                "id_document",
                _("&ID document number"),
                line_field(self.id_document, _("ID document number")),
            ),
            ("dietary", _("&Dietary needs"), text_field(PlainText(), _("Dietary needs"))),
            (
                "accessibility",
                _("&Accessibility needs"),
                text_field(PlainText(), _("Accessibility needs")),
            ),
            (
                "emergency_name",
                _("Emergency &contact"),
                line_field(QLineEdit(), _("Emergency contact")),
            ),
            (
                "emergency_phone",
                _("Emergency p&hone"),
                line_field(QLineEdit(), _("Emergency phone")),
            ),
            ("notes", _("&Notes"), text_field(PlainText(), _("Notes"))),
        ]
        box = QGroupBox(_("Person"))
        form = QFormLayout(box)
        for name, label, field in widgets:
            if isinstance(field.widget, PlainText):
                field.widget.setMaximumHeight(60)
                field.widget.setTabChangesFocus(True)
            self.binder.add(name, field)
            form.addRow(label, field.widget)
        self.right_layout.addWidget(box)
        self.right_layout.addWidget(self.problem)  # below the fields, not above to push them
        self.right_layout.addWidget(QLabel(_("Appears in these visits")))
        self.right_layout.addWidget(self.appears)
        self.right_layout.addStretch(1)

    def status_message(self) -> str:
        from app.i18n import ngettext

        n = self.model.rowCount()
        return ngettext("{n} person", "{n} people", n).format(n=n)

    def fetch(self) -> list[Any]:
        from app.services.directory import list_organisations
        from app.services.people import list_people

        self.organisation.blockSignals(True)
        self.organisation.clear()
        self.organisation.addItem("—", None)
        for org in list_organisations(self.context.db):
            self.organisation.addItem(org.name, org.id)
        self.organisation.blockSignals(False)
        return list_people(self.context.db)

    def show_row(self, row: Any) -> None:
        if row is None:
            self.binder.load(None, {})
        else:
            self.binder.load(row.id, {n: getattr(row, n) for n in self.binder.fields}, row.version)

    def visits_of(self, row: Any) -> list[tuple[int, str]]:
        return visits_of_person(self.context.db, row.id)

    def new_row(self) -> None:
        from ui.dialogs.quick_create import create_person_quickly

        person_id = create_person_quickly(self.context, self)
        if person_id is not None:
            self.reload()
            self.select(person_id)

    def merge_row(self, row: Any) -> None:
        """Merge the selected person (a duplicate) into another, chosen from the directory."""
        from ui.dialogs.chooser import choose_person

        chosen = choose_person(self.context.db, self)
        if chosen is not None:
            self.merge_into(row.id, chosen[0], row.full_name, chosen[1])

    def merge_into(self, duplicate_id: int, keep_id: int, duplicate: str, keep: str) -> bool:
        from PySide6.QtWidgets import QMessageBox

        from app.operations.directory import MergePeople

        answer = QMessageBox.question(
            self,
            _("Merge"),
            _(
                "Merge {duplicate} into {keep}? {keep} takes the place of {duplicate} in every "
                "visit, and {duplicate} is deleted. You can undo this with Edit → Undo."
            ).format(duplicate=duplicate, keep=keep),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            self.context.run(
                MergePeople(self.context.db, duplicate_id, keep_id, duplicate=duplicate, keep=keep)
            )
        except refused() as problem:
            self.context.report(problem)
            return False
        self.reload()
        self.select(keep_id)
        return True

    def delete_row(self, row: Any) -> None:
        from app.services.people import delete_person, restore_person

        if not confirm_delete(self, row.full_name):
            return
        db = self.context.db
        try:
            self.context.delete(
                _("Delete {name}").format(name=row.full_name),
                lambda: delete_person(db, row.id),
                lambda: restore_person(db, row.id),
            )
        except refused() as problem:
            self.context.report(problem)
        self.reload()
