"""The Institutions directory: host institutions and organisers with their contacts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from app import labels
from app.i18n import N_, _
from app.labels import ORG_KINDS
from app.services.usage import visits_of_organisation
from ui.directory.page import DirectoryPage
from ui.models.rows_model import Column
from ui.widgets.binding import Binder, Field, PlainText, combo_field, line_field, text_field
from ui.widgets.fields import code_combo
from ui.widgets.messages import confirm_delete, refused

if TYPE_CHECKING:
    from ui.context import Context

ORG_KIND_LABELS = {
    "municipality": N_("Municipality"),
    "region": N_("Planning region"),
    "ministry": N_("Ministry"),
    "agency": N_("Agency"),
    "university": N_("University"),
    "company": N_("Company"),
    "association": N_("Association"),
    "ngo": N_("NGO"),
    "other": N_("Other"),
}


def org_kind(code: str | None) -> str:
    return _(ORG_KIND_LABELS[code]) if code in ORG_KIND_LABELS else ""


INSTITUTION_COLUMNS: list[Column[Any]] = [
    Column(N_("Name"), lambda o: o.name),
    Column(N_("Original name"), lambda o: o.name_original),
    Column(N_("Kind"), lambda o: org_kind(o.kind)),
    Column(N_("Place"), lambda o: labels.place(o.city, o.country)),
    Column(
        N_("Contacts"),
        lambda o: str(len([c for c in o.contacts if c.deleted_at is None])),
        sort=lambda o: len(o.contacts),
        right=True,
    ),
]


class InstitutionsPage(DirectoryPage):
    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        from app.services.directory import organisation_search, update_organisation

        super().__init__(
            context, INSTITUTION_COLUMNS, _("Institutions"), parent, search=organisation_search
        )
        self.search.setPlaceholderText(_("Search by any name, abbreviation or city…"))
        self.binder = Binder(
            context,
            self.problem,
            _("Change {field}"),
            lambda row_id, seen, changes: update_organisation(context.db, row_id, seen, **changes),
        )
        country = QLineEdit()
        country.setMaxLength(2)
        fields: list[tuple[str, str, Field]] = [
            ("name", _("&Name"), line_field(QLineEdit(), _("Name"))),
            ("name_original", _("&Original name"), line_field(QLineEdit(), _("Original name"))),
            ("name_en", _("Name in &English"), line_field(QLineEdit(), _("Name in English"))),
            (
                "kind",
                _("&Kind"),
                combo_field(code_combo(ORG_KINDS, org_kind, empty="—"), _("Kind")),
            ),
            (
                "country",
                _("C&ountry (two letters)"),
                Field(
                    country,
                    _("Country"),
                    lambda: country.text().strip().upper() or None,
                    lambda v: country.setText(v or ""),
                ),
            ),
            ("city", _("C&ity"), line_field(QLineEdit(), _("City"))),
            ("address", _("&Address"), line_field(QLineEdit(), _("Address"))),
            ("website", _("&Website"), line_field(QLineEdit(), _("Website"))),
            ("notes", _("N&otes"), text_field(PlainText(), _("Notes"))),
        ]
        box = QGroupBox(_("Institution"))
        form = QFormLayout(box)
        for name, label, field in fields:
            if isinstance(field.widget, PlainText):
                field.widget.setMaximumHeight(70)
                field.widget.setTabChangesFocus(True)
            self.binder.add(name, field)
            form.addRow(label, field.widget)
        self.contacts = QListWidget()
        self.contacts.setAccessibleName(_("Contacts"))
        self.contacts.setMaximumHeight(120)
        self.add_contact = QPushButton(_("Add contact…"))
        self.remove_contact = QPushButton(_("Remove contact"))
        self.add_contact.clicked.connect(self.new_contact)
        self.remove_contact.clicked.connect(self.delete_contact)
        contact_buttons = QHBoxLayout()
        contact_buttons.addWidget(self.add_contact)
        contact_buttons.addWidget(self.remove_contact)
        contact_buttons.addStretch(1)
        self.right_layout.addWidget(box)
        self.right_layout.addWidget(self.problem)  # below the fields, not above to push them
        self.right_layout.addWidget(QLabel(_("Contacts")))
        self.right_layout.addWidget(self.contacts)
        self.right_layout.addLayout(contact_buttons)
        self.right_layout.addWidget(QLabel(_("Appears in these visits")))
        self.right_layout.addWidget(self.appears)
        self.right_layout.addStretch(1)

    def status_message(self) -> str:
        from app.i18n import ngettext

        n = self.model.rowCount()
        return ngettext("{n} institution", "{n} institutions", n).format(n=n)

    def fetch(self) -> list[Any]:
        from app.services.directory import list_organisations

        return list_organisations(self.context.db)

    def show_row(self, row: Any) -> None:
        from PySide6.QtCore import Qt

        self.contacts.clear()
        self.add_contact.setEnabled(row is not None)
        self.remove_contact.setEnabled(row is not None)
        if row is None:
            self.binder.load(None, {})
            return
        self.binder.load(row.id, {n: getattr(row, n) for n in self.binder.fields}, row.version)
        for contact in row.contacts:
            if contact.deleted_at is not None:
                continue
            parts = [contact.name, contact.position, contact.email, contact.phone]
            entry = QListWidgetItem(" · ".join(p for p in parts if p))
            entry.setData(Qt.ItemDataRole.UserRole, contact.id)
            self.contacts.addItem(entry)

    def visits_of(self, row: Any) -> list[tuple[int, str]]:
        return visits_of_organisation(self.context.db, row.id)

    def new_row(self) -> None:
        from ui.dialogs.quick_create import create_organisation_quickly

        org_id = create_organisation_quickly(self.context, self)
        if org_id is not None:
            self.reload()
            self.select(org_id)

    def merge_row(self, row: Any) -> None:
        """Merge the selected institution (a duplicate) into another one."""
        from ui.dialogs.chooser import choose_organisation

        chosen = choose_organisation(self.context.db, self)
        if chosen is not None:
            self.merge_into(row.id, chosen[0], row.name, chosen[1])

    def merge_into(self, duplicate_id: int, keep_id: int, duplicate: str, keep: str) -> bool:
        from PySide6.QtWidgets import QMessageBox

        from app.operations.directory import MergeOrganisations

        answer = QMessageBox.question(
            self,
            _("Merge"),
            _(
                "Merge {duplicate} into {keep}? Its contacts, people, hosted programme items and "
                "organised visits move to {keep}, and {duplicate} is deleted. You can undo this "
                "with Edit → Undo."
            ).format(duplicate=duplicate, keep=keep),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            self.context.run(
                MergeOrganisations(
                    self.context.db, duplicate_id, keep_id, duplicate=duplicate, keep=keep
                )
            )
        except refused() as problem:
            self.context.report(problem)
            return False
        self.reload()
        self.select(keep_id)
        return True

    def delete_row(self, row: Any) -> None:
        from app.services.directory import delete_organisation, restore_organisation

        if not confirm_delete(self, row.name):
            return
        db = self.context.db
        try:
            self.context.delete(
                _("Delete {name}").format(name=row.name),
                lambda: delete_organisation(db, row.id),
                lambda: restore_organisation(db, row.id),
            )
        except refused() as problem:
            self.context.report(problem)
        self.reload()

    def new_contact(self) -> None:
        from ui.dialogs.quick_create import create_contact_quickly

        row = self.current()
        if row is not None and create_contact_quickly(self.context, row.id, self) is not None:
            self.reload()

    def delete_contact(self) -> None:
        from PySide6.QtCore import Qt

        from app.services.directory import delete_contact, restore_contact

        entry = self.contacts.currentItem()
        if entry is None or not confirm_delete(self, entry.text()):
            return
        contact_id = entry.data(Qt.ItemDataRole.UserRole)
        db = self.context.db
        try:
            self.context.delete(
                _("Delete contact"),
                lambda: delete_contact(db, contact_id),
                lambda: restore_contact(db, contact_id),
            )
        except refused() as problem:
            self.context.report(problem)
        self.reload()
