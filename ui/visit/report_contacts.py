"""Contacts gained on a visit, each linked to the directory when the person is there.

A contact met on a visit is worth something only if it can be found again next year: an
entry linked to a directory contact shows that contact's institution (and follows its
changes), while an entry typed as text keeps what was written until someone links it. An
entry's text can be edited (Edit…, Enter, F2 or a double-click) and keeps its link.
Every change is one undo step; deleting asks first.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from ui.widgets.binding import line_field
from ui.widgets.fields import describe
from ui.widgets.messages import confirm_delete, refused
from ui.widgets.views import edit_keys
from ui.widgets.wrap_delegate import wrap_rows

if TYPE_CHECKING:
    from ui.context import Context
    from ui.dialogs.form_dialog import FormDialog

ROW_ID = Qt.ItemDataRole.UserRole
_NAME_END = re.compile(r"\s*(?:,|–|—| - |\()")


def contact_rows(db: Any) -> list[tuple[int, str]]:
    """Every live directory contact as "Name — Institution, position", by institution."""
    from app.services.directory import list_organisations

    rows = []
    for organisation in list_organisations(db):
        for contact in organisation.contacts:
            if contact.deleted_at is not None:
                continue
            shown = f"{contact.name} — {organisation.name}"
            if contact.position:
                shown += f", {contact.position}"
            rows.append((contact.id, shown))
    return rows


def choose_contact(db: Any, parent: QWidget, search: str = "") -> int | None:
    """A directory contact chosen by typing part of the name (``search`` typed already)."""
    from ui.dialogs.chooser import ChooserDialog

    dialog = ChooserDialog(_("Choose a contact"), contact_rows(db), parent)
    if search:
        dialog.search.setText(search)
        if not dialog.list.count():  # nothing starts like the text: show them all
            dialog.search.clear()
    if not dialog.exec():
        return None
    chosen = dialog.chosen()
    return int(chosen[0]) if chosen is not None else None


def name_part(text: str) -> str:
    """The name at the start of "Ingrid Haugland, Hordaland – klasteri" (to search by)."""
    return _NAME_END.split(text, maxsplit=1)[0].strip()


class ContactsBox(QGroupBox):
    """The report's contacts gained; ``ensure_report`` makes the report on the first entry."""

    def __init__(
        self,
        context: Context,
        ensure_report: Callable[[], int],
        on_problem: Callable[[str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setFlat(True)
        self.context = context
        self.ensure_report = ensure_report
        self.on_problem = on_problem
        self.shown: dict[int, Any] = {}
        self.entries = QListWidget()
        self.entries.setAccessibleName(_("Contacts gained"))
        wrap_rows(self.entries)  # a long entry wraps in its own row, the others stay whole
        self.entries.currentItemChanged.connect(lambda *_a: self._chosen())
        edit_keys(self.entries, self.edit_entry, self.delete_entry)
        self.text = QLineEdit()
        self.text.setAccessibleName(_("Contact gained"))
        self.text.setPlaceholderText(_("Name, institution, what about…"))
        self.text.returnPressed.connect(self.add_text)
        self.add_text_button = QPushButton(_("Add as text"))
        self.add_text_button.clicked.connect(self.add_text)
        self.add_directory_button = QPushButton(_("Add from directory…"))
        self.add_directory_button.clicked.connect(self.add_from_directory)
        self.edit_button = QPushButton(_("Edit…"))
        self.edit_button.clicked.connect(lambda: self.edit_entry())
        self.link_button = QPushButton(_("Link to directory…"))
        self.link_button.clicked.connect(self.link_entry)
        self.delete_button = QPushButton(_("Delete contact"))
        self.delete_button.clicked.connect(self.delete_entry)
        row = QHBoxLayout()
        row.addWidget(self.text, 1)
        row.addWidget(self.add_text_button)
        self.entries.setMinimumHeight(44)  # two entries; the list scrolls (1024×700)
        # two by two: in one row the Latvian labels were cut at 1024 px
        buttons = QGridLayout()
        for number, button in enumerate(
            (self.add_directory_button, self.edit_button, self.link_button, self.delete_button)
        ):
            buttons.addWidget(button, number // 2, number % 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.entries, 1)
        layout.addLayout(row)
        layout.addLayout(buttons)
        self._chosen()

    @property
    def db(self) -> Any:
        return self.context.db

    # --- reading

    def show_entries(self, entries: Sequence[Any]) -> None:
        """Show the report's contacts (in their order), keeping the chosen one."""
        current = self.current_id()
        self.entries.clear()
        self.shown.clear()
        for entry in entries:
            self.shown[entry.id] = entry
            contact = entry.contact  # loaded with its institution
            if contact is not None and contact.deleted_at is not None:
                contact = None  # left the directory since: the text still says who
            item = QListWidgetItem(self._label(entry, contact))
            item.setData(ROW_ID, entry.id)
            item.setToolTip(self._details(entry, contact))
            if contact is None:  # a text alone, not (or no longer) in the directory
                font = item.font()
                font.setItalic(True)
                item.setFont(font)
            self.entries.addItem(item)
            if entry.id == current:
                self.entries.setCurrentItem(item)
        self._chosen()

    def _contact(self, contact_id: int | None) -> Any:
        from app.services.base import NotFound
        from app.services.directory import get_contact

        if contact_id is None:
            return None
        try:
            return get_contact(self.db, contact_id)
        except NotFound:  # deleted from the directory since: the text still says who
            return None

    @staticmethod
    def _label(entry: Any, contact: Any) -> str:
        if contact is None:
            return entry.text
        return f"{entry.text}  ·  {contact.organisation.name}"

    @staticmethod
    def _details(entry: Any, contact: Any) -> str:
        if contact is None:
            return (
                entry.text
                + "\n"
                + (
                    _("Not linked to the directory")
                    if entry.contact_id is None
                    else _("No longer in the directory")
                )
            )
        parts = [
            contact.name,
            contact.position,
            contact.organisation.name,
            contact.email,
            contact.phone,
        ]
        return (
            entry.text
            + "\n"
            + _("In the directory: {contact}").format(contact=" · ".join(p for p in parts if p))
        )

    def current_id(self) -> int | None:
        item = self.entries.currentItem()
        return int(item.data(ROW_ID)) if item is not None else None

    def _chosen(self) -> None:
        entry = self.shown.get(self.current_id() or 0)
        self.edit_button.setEnabled(entry is not None)
        self.link_button.setEnabled(entry is not None)
        self.delete_button.setEnabled(entry is not None)
        if entry is not None and entry.contact_id is not None:
            self.link_button.setText(_("Link to another…"))
        else:
            self.link_button.setText(_("Link to directory…"))

    # --- writing

    def _try(self, work: Callable[[], Any]) -> bool:
        try:
            work()
        except refused() as problem:
            self.on_problem(
                describe(problem, {"text": _("Contact gained"), "contact_id": _("Contact")})
            )
            return False
        self.on_problem("")
        return True

    def _create(self, label: str, fields: dict[str, Any]) -> bool:
        from app.services.reports import (
            create_report_contact,
            delete_report_contact,
            restore_report_contact,
        )

        db = self.db

        def add() -> None:
            report_id = self.ensure_report()
            self.context.create(
                label,
                lambda: create_report_contact(db, report_id, **fields),
                lambda i: delete_report_contact(db, i),
                lambda i: restore_report_contact(db, i),
            )

        return self._try(add)

    def add_text(self) -> None:
        """The typed line as an entry not (yet) linked to anyone in the directory."""
        if self._create(_("Add contact gained"), {"text": self.text.text().strip()}):
            self.text.clear()

    def add_from_directory(self) -> None:
        """A directory contact as an entry: its name (and position) as the text, linked."""
        contact_id = choose_contact(self.db, self, self.text.text().strip())
        contact = self._contact(contact_id)
        if contact is None:
            return
        text = contact.name + (f", {contact.position}" if contact.position else "")
        if self._create(_("Add contact gained"), {"text": text, "contact_id": contact.id}):
            self.text.clear()

    def edit_entry(self, exec_dialog: bool = True) -> FormDialog | None:
        """Change the chosen entry's text (one undo step); its directory link stays."""
        from app.services.reports import update_report_contact
        from ui.dialogs.form_dialog import FormDialog

        entry = self.shown.get(self.current_id() or 0)
        if entry is None:
            return None
        db, entry_id = self.db, entry.id
        edit = QLineEdit()
        edit.setMinimumWidth(480)  # "Name, institution, what about…" is often long

        def submit(after: dict[str, Any]) -> None:
            self.context.update_row(
                _("Change contact gained"),
                lambda seen, changes: update_report_contact(db, entry_id, seen, **changes),
                entry.version,
                {"text": entry.text},
                after,
            )
            self.on_problem("")

        dialog = FormDialog(
            _("Contact gained"),
            {"text": line_field(edit, _("&Contact gained"))},
            {"text": entry.text},
            submit,
            self,
        )
        if exec_dialog:
            dialog.exec()
        return dialog

    def link_entry(self) -> None:
        """Link the chosen entry to a directory contact; its text stays as written."""
        from app.services.reports import update_report_contact

        entry = self.shown.get(self.current_id() or 0)
        if entry is None:
            return
        contact_id = choose_contact(self.db, self, name_part(entry.text))
        if contact_id is None or contact_id == entry.contact_id:
            return
        db, entry_id = self.db, entry.id
        self._try(
            lambda: self.context.update_row(
                _("Link the contact to the directory"),
                lambda seen, changes: update_report_contact(db, entry_id, seen, **changes),
                entry.version,
                {"contact_id": entry.contact_id},
                {"contact_id": contact_id},
            )
        )

    def delete_entry(self) -> None:
        from app.services.reports import delete_report_contact, restore_report_contact

        entry = self.shown.get(self.current_id() or 0)
        if entry is None or not confirm_delete(
            self, _("the contact “{text}”").format(text=entry.text)
        ):
            return
        db, entry_id = self.db, entry.id
        self._try(
            lambda: self.context.delete(
                _("Delete contact gained"),
                lambda: delete_report_contact(db, entry_id),
                lambda: restore_report_contact(db, entry_id),
            )
        )
