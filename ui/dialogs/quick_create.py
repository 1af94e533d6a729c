"""Create a host institution or a contact on the spot, from the programme form.

Small dialogs with only what identifies them; the rest is filled in later in the
Institutions directory. Each creation is one undoable step.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.validation import Invalid
from app.i18n import _
from app.services.base import ServiceError
from ui.widgets.fields import ProblemLabel, describe

if TYPE_CHECKING:
    from ui.context import Context


class QuickDialog(QDialog):
    """Named line edits; ``submit(values)`` saves and returns the new id, or raises."""

    def __init__(self, title: str, fields: list[tuple[str, str]],
                 submit: Callable[[dict[str, Any]], int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._submit = submit
        self.row_id: int | None = None
        self.edits: dict[str, QLineEdit] = {}
        self.labels = {name: label.replace("&", "") for name, label in fields}
        form = QFormLayout()
        for name, label in fields:
            self.edits[name] = QLineEdit()
            form.addRow(label, self.edits[name])
        self.problem = ProblemLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def values(self) -> dict[str, Any]:
        return {name: (edit.text().strip() or None) for name, edit in self.edits.items()}

    def accept(self) -> None:
        try:
            self.row_id = self._submit(self.values())
        except (Invalid, ServiceError) as problem:
            self.problem.show_problem(describe(problem, self.labels))
            return
        super().accept()


def create_organisation_quickly(context: Context, parent: QWidget | None) -> int | None:
    from app.services.directory import (
        create_organisation,
        delete_organisation,
        restore_organisation,
    )

    db = context.db

    def submit(values: dict[str, Any]) -> int:
        if values.get("country"):
            values["country"] = values["country"].upper()
        return context.create(_("New institution {name}").format(name=values.get("name")),
                              lambda: create_organisation(db, **values),
                              lambda i: delete_organisation(db, i),
                              lambda i: restore_organisation(db, i))

    dialog = QuickDialog(_("New host institution"),
                         [("name", _("&Name")), ("city", _("C&ity")),
                          ("country", _("C&ountry (two letters)"))], submit, parent)
    return dialog.row_id if dialog.exec() else None


def create_contact_quickly(context: Context, organisation_id: int,
                           parent: QWidget | None) -> int | None:
    from app.services.directory import create_contact, delete_contact, restore_contact

    db = context.db

    def submit(values: dict[str, Any]) -> int:
        return context.create(_("New contact {name}").format(name=values.get("name")),
                              lambda: create_contact(db, organisation_id, **values),
                              lambda i: delete_contact(db, i),
                              lambda i: restore_contact(db, i))

    dialog = QuickDialog(_("New contact"),
                         [("name", _("&Name")), ("position", _("&Position")),
                          ("email", _("&E-mail")), ("phone", _("&Phone"))], submit, parent)
    return dialog.row_id if dialog.exec() else None


def create_person_quickly(context: Context, parent: QWidget | None) -> int | None:
    from app.services.people import create_person, delete_person, restore_person

    db = context.db

    def submit(values: dict[str, Any]) -> int:
        return context.create(_("New person {name}").format(
            name=f"{values.get('given_name') or ''} {values.get('family_name') or ''}".strip()),
            lambda: create_person(db, **values), lambda i: delete_person(db, i),
            lambda i: restore_person(db, i))

    dialog = QuickDialog(_("New person"),
                         [("given_name", _("&Given name")), ("family_name", _("&Family name")),
                          ("position", _("&Position")), ("email", _("&E-mail")),
                          ("phone", _("P&hone"))], submit, parent)
    return dialog.row_id if dialog.exec() else None


def create_project_quickly(context: Context, parent: QWidget | None) -> int | None:
    """A new funding project by its code and title (the rest in the Projects section)."""
    from app.services.projects import create_project, delete_project, restore_project, typed

    db = context.db

    def submit(values: dict[str, Any]) -> int:
        fields = {name: typed(name, value) for name, value in values.items()}
        return context.create(_("New project {code}").format(code=values.get("code")),
                              lambda: create_project(db, **fields),
                              lambda i: delete_project(db, i),
                              lambda i: restore_project(db, i))

    dialog = QuickDialog(_("New project"),
                         [("code", _("&Code")), ("title", _("&Title")),
                          ("programme", _("P&rogramme")), ("funder", _("&Funder")),
                          ("grant_rate", _("&Grant rate, %"))], submit, parent)
    return dialog.row_id if dialog.exec() else None
