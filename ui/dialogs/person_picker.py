"""Choose people from the directory to add to a visit (search as you type)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.name_search import matches
from app.i18n import _
from ui.dialogs.chooser import SHOWN


class PersonPicker(QDialog):
    """People not yet on the visit; several can be chosen at once."""

    def __init__(self, db: Any, taken: set[int], parent: QWidget | None = None) -> None:
        from app.services.people import list_people, person_search

        super().__init__(parent)
        self.setWindowTitle(_("Add from People"))
        self.resize(480, 520)
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search by name, e-mail or organisation…"))
        self.search.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setAccessibleName(_("People"))
        self._people: list[tuple[int, str, str]] = []
        for person in list_people(db):
            if person.id in taken:
                continue
            org = person.organisation.name if person.organisation else ""
            text = f"{person.family_name} {person.given_name}" + (f" — {org}" if org else "")
            self._people.append((person.id, text, person_search(person)))
        self.search.textChanged.connect(self._filter)
        self._filter("")
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.list)
        layout.addWidget(buttons)

    def _filter(self, text: str) -> None:
        """The people matching the text, at most ``SHOWN`` (typing narrows a long list)."""
        self.list.clear()
        for person_id, shown, hay in self._people:
            if matches(text, hay):
                entry = QListWidgetItem(shown)
                entry.setData(Qt.ItemDataRole.UserRole, person_id)
                self.list.addItem(entry)
                if self.list.count() >= SHOWN:
                    break
        if text.strip() and self.list.count():
            self.list.setCurrentRow(0)  # Enter in the search adds the first match

    def chosen(self) -> list[int]:
        return [entry.data(Qt.ItemDataRole.UserRole) for entry in self.list.selectedItems()]
