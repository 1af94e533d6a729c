"""Create an institution, a contact, a person or a project on the spot.

Small dialogs with what identifies the entry and what a user needs at once (a person's
organisation); the rest is filled in later in the directory. Before a new institution,
contact or person is made, one that looks like it (the same name without accents, an
abbreviation, a near spelling) is named and the user asked. Each creation is one undoable
step.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.validation import Invalid
from app.i18n import _
from app.services.base import ServiceError
from ui.widgets.fields import ProblemLabel, describe, problem_slot
from ui.widgets.messages import ask
from ui.widgets.mnemonics import keep_unique

if TYPE_CHECKING:
    from ui.context import Context


class QuickDialog(QDialog):
    """Named line edits (and other pickers); ``submit(values)`` saves and returns the new
    id, or raises. ``alike(values)`` names entries already in the directory that the new one
    looks like: OK then asks once whether to make it anyway, so a duplicate is not made by
    accident."""

    def __init__(
        self,
        title: str,
        fields: list[tuple[str, str]],
        submit: Callable[[dict[str, Any]], int],
        parent: QWidget | None = None,
        *,
        pickers: dict[str, tuple[str, Any]] | None = None,
        alike: Callable[[dict[str, Any]], list[str]] | None = None,
    ) -> None:
        super().__init__(parent)
        keep_unique(self)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self._submit = submit
        self._alike = alike
        self.asked: list[str] = []  # the look-alike questions asked (for the record, tests)
        self.row_id: int | None = None
        self.edits: dict[str, QLineEdit] = {}
        self.pickers: dict[str, Any] = {}
        self.labels = {name: label.replace("&", "") for name, label in fields}
        form = QFormLayout()
        for name, label in fields:
            self.edits[name] = QLineEdit()
            form.addRow(label, self.edits[name])
        for name, (label, widget) in (pickers or {}).items():
            self.pickers[name] = widget
            self.labels[name] = label.replace("&", "")
            caption = QLabel(label)
            caption.setBuddy(widget)
            form.addRow(caption, widget)
        self.problem = ProblemLabel()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(problem_slot(self.problem))
        layout.addStretch(1)
        layout.addWidget(buttons)
        if fields:
            self.edits[fields[0][0]].setFocus()

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            name: (edit.text().strip() or None) for name, edit in self.edits.items()
        }
        out.update({name: widget.value() for name, widget in self.pickers.items()})
        return out

    def accept(self) -> None:
        values = self.values()
        if self._alike is not None and not self._confirmed(values):
            return
        try:
            self.row_id = self._submit(values)
        except (Invalid, ServiceError) as problem:
            self.problem.show_problem(describe(problem, self.labels))
            return
        super().accept()

    def _confirmed(self, values: dict[str, Any]) -> bool:
        """No look-alike, or the user says the new entry is another one."""
        assert self._alike is not None
        try:
            found = self._alike(values)
        except (Invalid, ServiceError):
            return True  # the save names the problem
        if not found:
            return True
        shown = found[:5] + ([_("and {n} more").format(n=len(found) - 5)] if len(found) > 5 else [])
        text = _(
            "The directory already has {names}. Is this a different one? Choose No to "
            "go back and use the one there."
        ).format(names="; ".join(f"“{name}”" for name in shown))
        self.asked.append(text)
        return ask(self, _("Already in the directory?"), text)


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
        return context.create(
            _("New institution {name}").format(name=values.get("name")),
            lambda: create_organisation(db, **values),
            lambda i: delete_organisation(db, i),
            lambda i: restore_organisation(db, i),
        )

    def alike(values: dict[str, Any]) -> list[str]:
        from app.services.directory import similar_organisations

        return [
            o.name
            for o in similar_organisations(
                db, values.get("name"), values.get("name_original"), values.get("name_en")
            )
        ]

    dialog = QuickDialog(
        _("New institution"),
        [
            ("name", _("&Name")),
            ("name_original", _("&Original name")),
            ("name_en", _("Name in &English")),
            ("city", _("C&ity")),
            ("country", _("C&ountry (two letters)")),
        ],
        submit,
        parent,
        alike=alike,
    )
    return dialog.row_id if dialog.exec() else None


def create_contact_quickly(
    context: Context, organisation_id: int, parent: QWidget | None
) -> int | None:
    from app.services.directory import create_contact, delete_contact, restore_contact

    db = context.db

    def submit(values: dict[str, Any]) -> int:
        return context.create(
            _("New contact {name}").format(name=values.get("name")),
            lambda: create_contact(db, organisation_id, **values),
            lambda i: delete_contact(db, i),
            lambda i: restore_contact(db, i),
        )

    def alike(values: dict[str, Any]) -> list[str]:
        from app.services.directory import similar_contacts

        return [c.name for c in similar_contacts(db, organisation_id, values.get("name"))]

    dialog = QuickDialog(
        _("New contact"),
        [
            ("name", _("Full &name")),
            ("position", _("&Position")),
            ("email", _("&E-mail")),
            ("phone", _("P&hone")),
        ],
        submit,
        parent,
        alike=alike,
    )
    return dialog.row_id if dialog.exec() else None


def create_person_quickly(context: Context, parent: QWidget | None) -> int | None:
    from app.services.people import create_person, delete_person, restore_person

    db = context.db

    def submit(values: dict[str, Any]) -> int:
        return context.create(
            _("New person {name}").format(
                name=f"{values.get('given_name') or ''} {values.get('family_name') or ''}".strip()
            ),
            lambda: create_person(db, **values),
            lambda i: delete_person(db, i),
            lambda i: restore_person(db, i),
        )

    def alike(values: dict[str, Any]) -> list[str]:
        from app.services.people import similar_people

        return [
            p.full_name + (f" — {p.organisation.name}" if p.organisation else "")
            for p in similar_people(db, values.get("given_name"), values.get("family_name"))
        ]

    from ui.dialogs.chooser import choose_organisation, organisation_name
    from ui.widgets.ref_picker import RefPicker

    organisation = RefPicker(
        lambda w: choose_organisation(db, w), lambda i: organisation_name(db, i)
    )
    dialog = QuickDialog(
        _("New person"),
        [
            ("given_name", _("&Given name")),
            ("family_name", _("&Family name")),
            ("position", _("&Position")),
            ("email", _("&E-mail")),
            ("phone", _("P&hone")),
        ],
        submit,
        parent,
        pickers={"organisation_id": (_("&Organisation"), organisation)},
        alike=alike,
    )
    return dialog.row_id if dialog.exec() else None


def create_project_quickly(context: Context, parent: QWidget | None) -> int | None:
    """A new funding project by its code and title (the rest in the Projects section)."""
    from app.services.projects import create_project, delete_project, restore_project, typed

    db = context.db

    def submit(values: dict[str, Any]) -> int:
        fields = {name: typed(name, value) for name, value in values.items()}
        return context.create(
            _("New project {code}").format(code=values.get("code")),
            lambda: create_project(db, **fields),
            lambda i: delete_project(db, i),
            lambda i: restore_project(db, i),
        )

    dialog = QuickDialog(
        _("New project"),
        [
            ("code", _("&Code")),
            ("title", _("&Title")),
            ("programme", _("P&rogramme")),
            ("funder", _("&Funder")),
            ("grant_rate", _("&Grant rate, %")),
        ],
        submit,
        parent,
    )
    return dialog.row_id if dialog.exec() else None
