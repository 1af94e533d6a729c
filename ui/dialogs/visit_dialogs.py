"""Dialogs that make a visit: a new one, or a copy of another as a template.

Both stay open with a message when the code is taken or a date is wrong, so nothing the
coordinator typed is lost.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app import labels
from app.i18n import _
from app.labels import VISIT_KINDS
from ui.widgets.fields import (
    ProblemLabel,
    code_combo,
    date_edit,
    describe,
    get_date,
    problem_slot,
    put_date,
    tell_refusals,
    zone_combo,
)
from ui.widgets.mnemonics import keep_unique

if TYPE_CHECKING:
    from app.records import Visit


class NewVisitDialog(QDialog):
    """Code, title, kind, place, zone and dates: what a visit needs to exist."""

    def __init__(
        self, submit: Callable[[dict[str, Any]], Visit], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        keep_unique(self)
        self._submit = submit
        self.visit: Visit | None = None
        self.setWindowTitle(_("New visit"))
        self.code = QLineEdit()
        self.title_edit = QLineEdit()
        self.kind = code_combo(VISIT_KINDS, labels.visit_kind)
        self.country = QLineEdit()
        self.country.setPlaceholderText(_("two letters, e.g. NO"))
        self.country.setMaxLength(2)
        self.city = QLineEdit()
        self.zone = zone_combo()
        self.zone.setCurrentText("Europe/Riga")
        # the zone follows the country and city typed, until the user chooses one himself
        self.zone_chosen = False
        self.zone.activated.connect(self._zone_chosen)
        self.zone.lineEdit().textEdited.connect(self._zone_chosen)
        self.country.textChanged.connect(self._follow_place)
        self.city.textChanged.connect(self._follow_place)
        self.starts = date_edit()
        self.ends = date_edit()
        today = dt.date.today()
        put_date(self.starts, today)
        put_date(self.ends, today)
        self.starts.dateChanged.connect(self._follow_start)
        self.problem = ProblemLabel()
        self.names = {
            "code": _("Code"),
            "title": _("Title"),
            "country": _("Country"),
            "city": _("City"),
            "timezone": _("Time zone"),
            "start_date": _("Starts"),
            "end_date": _("Ends"),
        }
        form = QFormLayout()
        form.addRow(_("&Code"), self.code)
        form.addRow(_("&Title"), self.title_edit)
        form.addRow(_("&Kind"), self.kind)
        form.addRow(_("C&ountry"), self.country)
        form.addRow(_("C&ity"), self.city)
        form.addRow(_("Time &zone"), self.zone)
        form.addRow(_("&Starts"), self.starts)
        form.addRow(_("&Ends"), self.ends)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(problem_slot(self.problem))
        layout.addWidget(buttons)
        tell_refusals(self, self.problem)

    def _zone_chosen(self, *_args: Any) -> None:
        self.zone_chosen = True

    def _follow_place(self) -> None:
        """The zone of the country typed (its city's where it has several)."""
        from app.domain.zones import zone_for_place

        if self.zone_chosen:
            return
        zone = zone_for_place(self.country.text().strip(), self.city.text().strip())
        if zone is not None and zone != self.zone.currentText():
            self.zone.setCurrentText(zone)

    def _follow_start(self, start: QDate) -> None:
        if self.ends.date() < start:
            self.ends.setDate(start)

    def fields(self) -> dict[str, Any]:
        return {
            "code": self.code.text(),
            "title": self.title_edit.text(),
            "kind": self.kind.currentData(),
            "country": self.country.text().strip().upper() or None,
            "city": self.city.text() or None,
            "timezone": self.zone.currentText().strip(),
            "start_date": get_date(self.starts),
            "end_date": get_date(self.ends),
        }

    def accept(self) -> None:
        from app.domain.validation import Invalid
        from app.services.base import ServiceError

        try:
            self.visit = self._submit(self.fields())
        except (Invalid, ServiceError) as problem:
            self.problem.show_problem(describe(problem, self.names))
            return
        super().accept()


class DuplicateVisitDialog(QDialog):
    """A new code and start date for a copy of ``source`` (programme, hosts, budget)."""

    def __init__(
        self,
        submit: Callable[[str, dt.date], Visit],
        source_code: str,
        start: dt.date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        keep_unique(self)
        self._submit = submit
        self.visit: Visit | None = None
        self.setWindowTitle(_("Duplicate visit {code}").format(code=source_code))
        self.code = QLineEdit(f"{source_code}-2")
        self.starts = date_edit()
        put_date(self.starts, start)
        self.problem = ProblemLabel()
        form = QFormLayout()
        form.addRow(_("New &code"), self.code)
        form.addRow(_("New &start date"), self.starts)
        hint = _(
            "The programme, hosts and budget are copied and moved to the new dates; "
            "participants, travel and the report are not."
        )
        note = ProblemLabel()
        note.setStyleSheet("")
        note.show_problem(hint)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(problem_slot(self.problem))
        layout.addWidget(buttons)
        tell_refusals(self, self.problem)

    def accept(self) -> None:
        from app.domain.validation import Invalid
        from app.services.base import ServiceError

        try:
            self.visit = self._submit(self.code.text(), get_date(self.starts) or dt.date.today())
        except (Invalid, ServiceError) as problem:
            self.problem.show_problem(describe(problem, {"new_start_date": _("Start date")}))
            return
        super().accept()
