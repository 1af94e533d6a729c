"""Choose one row from a long list (institutions, people) by typing part of its name."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.name_search import SEPARATOR, matches
from app.domain.text import fold
from app.i18n import _

SHOWN = 500  # more than this is not read by anyone; typing narrows it


class ChooserDialog(QDialog):
    def __init__(
        self,
        title: str,
        rows: Sequence[tuple[int, str]],
        parent: QWidget | None = None,
        search: Sequence[str] | None = None,
    ) -> None:
        """``search``: for each row, more (folded) text it is found by than it shows."""
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(520, 520)
        extra = list(search) if search is not None else [""] * len(rows)
        self._rows = [
            (row_id, text, fold(text) + SEPARATOR + more)
            for (row_id, text), more in zip(rows, extra, strict=True)
        ]
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Type part of the name…"))
        self.search.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setAccessibleName(title)
        self.search.textChanged.connect(self._fill)
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
        self._fill("")

    def _fill(self, text: str) -> None:
        self.list.clear()
        for row_id, shown, hay in self._rows:
            if matches(text, hay):
                entry = QListWidgetItem(shown)
                entry.setData(Qt.ItemDataRole.UserRole, row_id)
                self.list.addItem(entry)
                if self.list.count() >= SHOWN:
                    break
        if self.list.count():
            self.list.setCurrentRow(0)

    def chosen(self) -> tuple[int, str] | None:
        entry = self.list.currentItem()
        if entry is None:
            return None
        return entry.data(Qt.ItemDataRole.UserRole), entry.text()


def choose_organisation(db: object, parent: QWidget) -> tuple[int, str] | None:
    from app import labels
    from app.services.directory import list_organisations, organisation_search

    found = list_organisations(db)  # type: ignore[arg-type]
    rows = [
        (o.id, o.name + (f" ({labels.place(o.city, o.country)})" if o.city else "")) for o in found
    ]
    dialog = ChooserDialog(
        _("Choose an institution"), rows, parent, search=[organisation_search(o) for o in found]
    )
    return dialog.chosen() if dialog.exec() else None


def choose_person(db: object, parent: QWidget) -> tuple[int, str] | None:
    from app.services.people import list_people, person_search

    found = list_people(db)  # type: ignore[arg-type]
    rows = [
        (p.id, p.full_name + (f" — {p.organisation.name}" if p.organisation else "")) for p in found
    ]
    dialog = ChooserDialog(
        _("Choose a person"), rows, parent, search=[person_search(p) for p in found]
    )
    return dialog.chosen() if dialog.exec() else None


def organisation_name(db: object, organisation_id: int) -> str:
    from app.services.base import NotFound
    from app.services.directory import get_organisation

    try:
        return get_organisation(db, organisation_id).name  # type: ignore[arg-type]
    except NotFound:
        return "—"


def person_name(db: object, person_id: int) -> str:
    from app.services.base import NotFound
    from app.services.people import get_person

    try:
        return get_person(db, person_id).full_name  # type: ignore[arg-type]
    except NotFound:
        return "—"
