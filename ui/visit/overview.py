"""The Overview tab: every field of the visit, each saved when it is finished.

Organiser, coordinator and project are chosen from the directory; the status changes here
too. Topics are one per line; emergency numbers one per line as "label: phone".
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app import labels
from app.domain.validation import Invalid
from app.i18n import N_, _
from app.labels import DIRECTIONS, VISIT_KINDS, VISIT_STATUSES
from ui.dialogs.chooser import choose_organisation, choose_person, organisation_name, person_name
from ui.visit.tab_base import VisitTab
from ui.widgets.binding import (
    Binder,
    Field,
    PlainText,
    combo_field,
    date_field,
    line_field,
    list_field,
    ref_field,
    text_field,
)
from ui.widgets.fields import ProblemLabel, code_combo, date_edit, set_code, zone_combo
from ui.widgets.ref_picker import RefPicker

if TYPE_CHECKING:
    from app.records import Visit
    from ui.context import Context

DIRECTION_LABELS = {
    "outgoing": N_("Outgoing (we travel)"),
    "incoming": N_("Incoming (we host)"),
    "domestic": N_("Domestic"),
}


def _emergency_text(value: list[dict[str, str]] | None) -> str:
    return "\n".join(f"{e['label']}: {e['phone']}" for e in value or [])


def _emergency_read(widget: PlainText) -> list[dict[str, str]] | None:
    out = []
    for number, line in enumerate(widget.toPlainText().splitlines(), start=1):
        if not line.strip():
            continue
        label, sep, phone = line.rpartition(":")
        if not sep:
            raise Invalid(_("line {n}: write “label: phone”").format(n=number), "emergency")
        out.append({"label": label.strip(), "phone": phone.strip()})
    return out or None


class OverviewTab(VisitTab):
    def __init__(self, context: Context, visit_id: int, parent: QWidget | None = None) -> None:
        from app.services.visits import update_visit

        super().__init__(context, visit_id, parent)
        self.problem = ProblemLabel()
        self.binder = Binder(
            context,
            self.problem,
            _("Change {field}"),
            lambda row_id, seen, changes: update_visit(self.db, row_id, seen, **changes),
        )
        self.widgets = w = self._fields()
        self._bind(w)
        self._bind_more(w)
        self._bind_other_languages()
        what, where = self._visit_boxes(w)
        who = self._funding_box(w)
        languages = self._languages_box()
        grid = QGridLayout()
        self.grid, self.boxes, self.columns = grid, (what, where, who, languages), 0
        self._arrange(2)
        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        inner_layout.addLayout(grid)
        inner_layout.addWidget(self.problem)  # below the fields: they never move while typing
        inner_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def _fields(self) -> dict[str, Any]:
        """The visit's own fields, by the service's names."""
        w: dict[str, Any] = {
            "code": QLineEdit(),
            "title": QLineEdit(),
            "kind": code_combo(VISIT_KINDS, labels.visit_kind),
            "direction": code_combo(DIRECTIONS, lambda c: _(DIRECTION_LABELS[c])),
            "status": code_combo(VISIT_STATUSES, labels.visit_status),
            "country": QLineEdit(),
            "city": QLineEdit(),
            "timezone": zone_combo(),
            "start_date": date_edit(),
            "end_date": date_edit(),
            "organiser_id": RefPicker(
                lambda w: choose_organisation(self.db, w), lambda i: organisation_name(self.db, i)
            ),
            "coordinator_id": RefPicker(
                lambda w: choose_person(self.db, w), lambda i: person_name(self.db, i)
            ),
            "project_id": QComboBox(),
            "base_currency": QLineEdit(),
            "languages": QLineEdit(),
            "purpose": PlainText(),
            "notes": PlainText(),
            "topics": PlainText(),
            "emergency": PlainText(),
        }
        w["country"].setMaxLength(2)
        w["base_currency"].setMaxLength(3)
        w["languages"].setPlaceholderText(_("programme languages, e.g. lv, en, nb"))
        w["topics"].setPlaceholderText(_("one topic per line"))
        w["emergency"].setPlaceholderText(_("one per line, e.g. Embassy: +47 22 00 00 00"))
        for name in ("purpose", "notes", "topics", "emergency"):
            w[name].setTabChangesFocus(True)
            w[name].setMaximumHeight(90)
        return w

    def _bind(self, w: dict[str, Any]) -> None:
        """Each field saved through the binder when it is left (one undo step each): what
        and where first, then ``_bind_more``'s."""
        b = self.binder
        b.add("code", line_field(w["code"], _("Code")))
        b.add("title", line_field(w["title"], _("Title")))
        b.add("kind", combo_field(w["kind"], _("Kind")))
        b.add("direction", combo_field(w["direction"], _("Direction")))
        b.add("status", combo_field(w["status"], _("Status")))
        b.add(
            "country",
            Field(
                w["country"],
                _("Country"),
                lambda: w["country"].text().strip().upper() or None,
                lambda v: w["country"].setText(v or ""),
            ),
        )
        b.add("city", line_field(w["city"], _("City")))
        b.add(
            "timezone",
            Field(
                w["timezone"],
                _("Time zone"),
                lambda: w["timezone"].currentText().strip(),
                lambda v: w["timezone"].setCurrentText(v or ""),
            ),
        )
        b.add("start_date", date_field(w["start_date"], _("Starts")))
        b.add("end_date", date_field(w["end_date"], _("Ends")))

    def _bind_more(self, w: dict[str, Any]) -> None:
        """Who organises and pays, then the longer texts (after ``_bind``'s fields)."""
        b = self.binder
        b.add("organiser_id", ref_field(w["organiser_id"], _("Organiser")))
        b.add("coordinator_id", ref_field(w["coordinator_id"], _("Coordinator")))
        b.add("project_id", combo_field(w["project_id"], _("Project")))
        b.add(
            "base_currency",
            Field(
                w["base_currency"],
                _("Base currency"),
                lambda: w["base_currency"].text().strip().upper(),
                lambda v: w["base_currency"].setText(v or ""),
            ),
        )
        b.add(
            "languages",
            Field(
                w["languages"],
                _("Languages"),
                self._languages,
                lambda v: w["languages"].setText(", ".join(v or [])),
            ),
        )
        b.add("purpose", text_field(w["purpose"], _("Purpose")))
        b.add("notes", text_field(w["notes"], _("Notes")))
        b.add("topics", list_field(w["topics"], _("Topics")))
        b.add(
            "emergency",
            Field(
                w["emergency"],
                _("Emergency numbers"),
                lambda: self._safe_emergency(),
                lambda v: w["emergency"].setPlainText(_emergency_text(v)),
            ),
        )

    def _bind_other_languages(self) -> None:
        """The title and purpose in English and Norwegian, saved together as
        ``translations``."""
        self.other: dict[tuple[str, str], Any] = {
            ("en", "title"): QLineEdit(),
            ("en", "purpose"): PlainText(),
            ("nb", "title"): QLineEdit(),
            ("nb", "purpose"): PlainText(),
        }
        for (_lang, name), widget in self.other.items():
            if name == "purpose":
                widget.setTabChangesFocus(True)
                widget.setMaximumHeight(70)
        self.binder.add(
            "translations",
            Field(
                self.other[("en", "title")],
                _("Other languages"),
                self._read_translations,
                self._show_translations,
            ),
        )
        for key, widget in self.other.items():
            if key != ("en", "title"):
                widget.editingFinished.connect(lambda: self.binder.commit("translations"))

    def _visit_boxes(self, w: dict[str, Any]) -> tuple[QGroupBox, QGroupBox]:
        """The visit's fields, and where and when it is."""
        what = QGroupBox(_("The visit"))
        form = QFormLayout(what)
        for name, label in (
            ("code", _("&Code")),
            ("title", _("&Title")),
            ("kind", _("&Kind")),
            ("direction", _("&Direction")),
            ("status", _("&Status")),
            ("purpose", _("&Purpose")),
            ("topics", _("To&pics")),
            ("notes", _("&Notes")),
        ):
            form.addRow(label, w[name])
        where = QGroupBox(_("Where and when"))
        form2 = QFormLayout(where)
        for name, label in (
            ("country", _("C&ountry (two letters)")),
            ("city", _("C&ity")),
            ("timezone", _("Time &zone")),
            ("start_date", _("&Starts")),
            ("end_date", _("&Ends")),
            ("languages", _("Programme &languages")),
            ("emergency", _("E&mergency numbers")),
        ):
            form2.addRow(label, w[name])
        return what, where

    def _funding_box(self, w: dict[str, Any]) -> QGroupBox:
        """Organiser, coordinator and the funding project (with New project…)."""
        who = QGroupBox(_("Organisation and funding"))
        form3 = QFormLayout(who)
        self.new_project = QPushButton(_("Ne&w project…"))
        self.new_project.setToolTip(_("Create a funding project and choose it for this visit"))
        self.new_project.clicked.connect(lambda: self.create_project())
        project_row = QHBoxLayout()
        project_row.addWidget(w["project_id"], 1)
        project_row.addWidget(self.new_project)
        for name, label in (
            ("organiser_id", _("Or&ganiser")),
            ("coordinator_id", _("Coo&rdinator")),
            ("project_id", _("Pro&ject")),
            ("base_currency", _("&Base currency")),
        ):
            if name == "project_id":
                project_label = QLabel(label)
                project_label.setBuddy(w[name])
                form3.addRow(project_label, project_row)
            else:
                form3.addRow(label, w[name])
        return who

    def _languages_box(self) -> QGroupBox:
        languages = QGroupBox(_("For programmes in other languages"))
        form4 = QFormLayout(languages)
        for (lang, name), label in (
            (("en", "title"), _("Title in English")),
            (("en", "purpose"), _("Purpose in English")),
            (("nb", "title"), _("Title in Norwegian")),
            (("nb", "purpose"), _("Purpose in Norwegian")),
        ):
            form4.addRow(label, self.other[(lang, name)])
        return languages

    # --- two columns where there is room, one in a narrow window (1024 px with the side
    # panel): the form then never scrolls sideways

    def _arrange(self, columns: int) -> None:
        if columns == self.columns:
            return
        what, where, who, languages = self.boxes
        for box in self.boxes:
            self.grid.removeWidget(box)
        if columns == 2:
            self.grid.addWidget(what, 0, 0, 2, 1)
            self.grid.addWidget(where, 0, 1)
            self.grid.addWidget(who, 1, 1)
            self.grid.addWidget(languages, 2, 0, 1, 2)
            self.grid.setColumnStretch(1, 1)
        else:
            for row, box in enumerate(self.boxes):
                self.grid.addWidget(box, row, 0, 1, 2)
            self.grid.setColumnStretch(1, 0)
        self.grid.setColumnStretch(0, 1)
        self.columns = columns

    def least_width(self) -> int:
        """The width the form needs in one column (the side panel asks, ``_Beside``)."""
        margins = 60  # the scroll area's frame and bar, the layouts' margins
        return max(box.minimumSizeHint().width() for box in self.boxes) + margins

    def resizeEvent(self, event: Any) -> None:
        what, where, who, _languages = self.boxes
        two = (
            what.minimumSizeHint().width()
            + max(where.minimumSizeHint().width(), who.minimumSizeHint().width())
            + 60
        )
        self._arrange(2 if event.size().width() >= two else 1)
        super().resizeEvent(event)

    def select_field(self, name: str) -> None:
        """Scroll to the field ``name`` (a visit's field, e.g. purpose or topics) and focus it:
        where an archive hit in the visit's own texts is shown."""
        widget = self.widgets.get(name) or self.widgets["purpose"]
        scroll = self.findChild(QScrollArea)
        if scroll is not None:
            scroll.ensureWidgetVisible(widget)
        widget.setFocus()

    def create_project(self) -> int | None:
        """A new project from the small form, then chosen for this visit (a second step)."""
        from ui.dialogs.quick_create import create_project_quickly

        project_id = create_project_quickly(self.context, self)
        if project_id is None:
            return None
        try:
            visit = self.take_visit()
        except Exception:  # the visit was deleted meanwhile: the project stays made
            return project_id
        self._fill_choices(visit)
        combo = self.widgets["project_id"]
        set_code(combo, project_id)
        return project_id

    def _read_translations(self) -> dict[str, dict[str, str]] | None:
        """The titles and purposes typed for English and Norwegian programmes."""
        out: dict[str, dict[str, str]] = {}
        for (lang, name), widget in self.other.items():
            text = widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()
            if text.strip():
                out.setdefault(lang, {})[name] = text.strip()
        return out or None

    def _show_translations(self, value: dict[str, dict[str, str]] | None) -> None:
        for (lang, name), widget in self.other.items():
            text = ((value or {}).get(lang) or {}).get(name, "")
            widget.blockSignals(True)
            if isinstance(widget, QLineEdit):
                widget.setText(text)
                widget.setCursorPosition(0)
            else:
                widget.setPlainText(text)
            widget.blockSignals(False)

    def _languages(self) -> list[str] | None:
        text = self.widgets["languages"].text().replace(";", ",")
        return [part.strip().lower() for part in text.split(",") if part.strip()] or None

    def _safe_emergency(self) -> Any:
        try:
            return _emergency_read(self.widgets["emergency"])
        except Invalid as problem:
            self.problem.show_problem(problem.message)
            return self.binder.values.get("emergency")

    def _fill_choices(self, visit: Visit) -> None:
        from app.services.projects import list_projects

        combo = self.widgets["project_id"]
        combo.blockSignals(True)
        combo.clear()
        combo.addItem("—", None)
        for project in list_projects(self.db):
            combo.addItem(
                f"{project.code} — {project.title}" if project.title else project.code, project.id
            )
        combo.blockSignals(False)

    def reload(self) -> None:
        from app.services.base import NotFound

        try:
            visit = self.take_visit()
        except NotFound:
            return
        self._fill_choices(visit)
        self.binder.load(
            visit.id, {name: getattr(visit, name) for name in self.binder.fields}, visit.version
        )
