"""The form of one programme item, beside the day-by-day tree.

Each field is saved when it is finished; a change of day or time is saved as the user
types (changes while typing merge into one undo step), so a conflict with another item
appears, and disappears, at once. Times are the venue's wall-clock time in the item's zone.
Moving the start keeps the item's length; choosing another day moves the whole item.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.validation import Invalid
from app.i18n import N_, _, format_date, pgettext
from app.labels import ITEM_KINDS
from app.services.base import ServiceError
from ui.dialogs.chooser import choose_organisation, organisation_name
from ui.icons import icon_label, tint
from ui.widgets.binding import (
    Binder,
    Field,
    PlainText,
    check_field,
    combo_field,
    line_field,
    qtime,
    ref_field,
    text_field,
)
from ui.widgets.date_time_edits import TimeEdit
from ui.widgets.fields import (
    ProblemLabel,
    code_combo,
    describe,
    find_data,
    set_code,
    tell_refusals,
    zone_combo,
)
from ui.widgets.ref_picker import RefPicker

if TYPE_CHECKING:
    from app.records import Participation, ProgrammeItem
    from ui.context import Context

ITEM_KIND_LABELS = {
    "meeting": N_("Meeting"),
    "presentation": N_("Presentation"),
    "site_visit": N_("Site visit"),
    "workshop": N_("Workshop"),
    "meal": N_("Meal"),
    "transfer": N_("Transfer"),
    "free_time": N_("Free time"),
    "ceremony": N_("Ceremony"),
    "other": N_("Other"),
}


def item_kind(code: str) -> str:
    return _(ITEM_KIND_LABELS.get(code, code))


class ItemForm(QWidget):
    """Edits one item; ``show_item`` loads it, ``None`` empties and disables the form."""

    def __init__(self, context: Context, visit_id: int, parent: QWidget | None = None) -> None:
        from app.services.programme import update_programme_item

        super().__init__(parent)
        self.context = context
        self.visit_id = visit_id
        self.item: ProgrammeItem | None = None
        self.problem = ProblemLabel()
        self.checks = QLabel()
        self.checks.setWordWrap(True)
        tint(self.checks, "warning")
        self.checks.setAccessibleName(_("Problems of this item"))
        # The marker beside the times says at once that they conflict; its space is kept
        # while hidden, so the row does not shift under the cursor as the user types.
        self.time_marker = QLabel()
        self.time_marker.setAccessibleName(_("Problems of this item"))
        icon_label(self.time_marker, "warning", "warning")
        policy = self.time_marker.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.time_marker.setSizePolicy(policy)
        self.binder = Binder(
            context,
            self.problem,
            _("Change {field}"),
            lambda row_id, seen, changes: update_programme_item(
                context.db, row_id, seen, **changes
            ),
        )
        self.title_edit = QLineEdit()
        self.kind = code_combo(ITEM_KINDS, item_kind)
        self.day = QComboBox()
        self.starts = TimeEdit()  # QTimeEdit that takes a whole time typed over it
        self.ends = TimeEdit()
        for edit in (self.starts, self.ends):
            edit.setDisplayFormat("HH:mm")
            edit.setKeyboardTracking(True)
        self.zone = zone_combo()
        self.host = RefPicker(
            lambda w: choose_organisation(context.db, w), lambda i: organisation_name(context.db, i)
        )
        self.contact = QComboBox()
        self.new_host = QPushButton(_("New…"))
        self.new_host.setAccessibleName(_("New host institution"))
        self.new_contact = QPushButton(_("New…"))
        self.new_contact.setAccessibleName(_("New contact"))
        self.venue = QLineEdit()
        self.address = QLineEdit()
        self.track = QLineEdit()
        self.track.setPlaceholderText(_("empty when everyone is together"))
        self.everyone = QRadioButton(_("Everyone taking part"))
        self.chosen = QRadioButton(_("Chosen people:"))
        group = QButtonGroup(self)
        group.addButton(self.everyone)
        group.addButton(self.chosen)
        self.people = QListWidget()
        # Fixed heights (not squeezed to the window): a growing form in its scroll area is
        # laid out anew, and the fields would jump when a problem line appears.
        self.people.setFixedHeight(self.people.fontMetrics().lineSpacing() * 4 + 12)
        self.people.setAccessibleName(_("Attendees"))
        self.interpreter = QCheckBox(_("Interpreter needed"))
        self.confirmed = QCheckBox(_("Confirmed by the host"))
        self.description = PlainText()
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(self.description.fontMetrics().lineSpacing() * 4 + 12)

        b = self.binder
        b.add("title", line_field(self.title_edit, _("Title")))
        b.add("kind", combo_field(self.kind, _("Kind")))
        b.fields["host_id"] = ref_field(self.host, _("Host institution"))  # saved below
        b.add("contact_id", combo_field(self.contact, _("Contact")))
        b.add("venue", line_field(self.venue, pgettext("programme", "Venue")))
        b.add("address", line_field(self.address, _("Address")))
        b.add("track", line_field(self.track, _("Track")))
        b.add("interpreter", check_field(self.interpreter, _("Interpreter")))
        b.add("confirmed", check_field(self.confirmed, _("Confirmed")))
        b.add("description", text_field(self.description, _("Description")))
        b.add(
            "timezone",
            Field(
                self.zone,
                _("Time zone"),
                lambda: self.zone.currentText().strip(),
                lambda v: self.zone.setCurrentText(v or ""),
            ),
        )
        self.host.changed.connect(self._host_changed)
        self.host.choosing.connect(self._host_choosing)
        self.day.currentIndexChanged.connect(lambda _i: self._times_changed("day"))
        self.starts.timeChanged.connect(lambda _t: self._times_changed("starts"))
        self.ends.timeChanged.connect(lambda _t: self._times_changed("ends"))
        self.everyone.toggled.connect(lambda _on: self._attendees_changed())
        self.people.itemChanged.connect(lambda _item: self._attendees_changed())
        self.new_host.clicked.connect(self.create_host)
        self.new_contact.clicked.connect(self.create_contact)

        form = QFormLayout()
        form.addRow(_("&Title"), self.title_edit)
        form.addRow(_("&Kind"), self.kind)
        form.addRow(_("&Day"), self.day)
        times = QHBoxLayout()
        times.addWidget(self.starts)
        times.addWidget(QLabel("–"))
        times.addWidget(self.ends)
        times.addWidget(self.zone, 1)
        starts_label = QLabel(_("&From – to"))
        starts_label.setBuddy(self.starts)
        # the marker sits beside the label, in the labels' column: the fields keep their width
        marked = QWidget()
        marked_row = QHBoxLayout(marked)
        marked_row.setContentsMargins(0, 0, 0, 0)
        marked_row.addWidget(starts_label)
        marked_row.addWidget(self.time_marker)
        marked_row.addStretch(1)
        form.addRow(marked, times)
        form.addRow(_buddy(_("&Host institution"), self.host), _row(self.host, self.new_host))
        form.addRow(_buddy(_("Co&ntact"), self.contact), _row(self.contact, self.new_contact))
        form.addRow(_("&Venue"), self.venue)
        form.addRow(_("Addr&ess"), self.address)
        form.addRow(_("T&rack"), self.track)
        self.everyone.setAccessibleDescription(_("Attendees"))
        who = QVBoxLayout()
        who.addWidget(self.everyone)
        who.addWidget(self.chosen)
        who.addWidget(self.people)
        form.addRow(_("Attendees"), who)
        form.addRow("", self.interpreter)
        form.addRow("", self.confirmed)
        form.addRow(_("Descri&ption"), self.description)
        layout = QVBoxLayout(self)
        # Problems are written below the fields: a conflict that appears while the user
        # types a time must not push the form down under the cursor.
        layout.addLayout(form)
        layout.addWidget(self.checks)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        tell_refusals(self, self.problem)
        self._participants: list[Participation] = []
        self._days: list[dt.date] = []
        for combo in (self.kind, self.day, self.zone, self.contact):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(12)
        self.show_item(None)

    # --- loading

    def set_choices(self, days: list[dt.date], participants: list[Participation]) -> None:
        self._days = days
        self._participants = participants
        self.day.blockSignals(True)
        self.day.clear()
        for day in days:
            self.day.addItem(format_date(day, fmt="full"), day)
        self.day.blockSignals(False)

    def _fill_contacts(self, host_id: int | None) -> None:
        from app.services.directory import list_contacts

        self.contact.blockSignals(True)
        self.contact.clear()
        self.contact.addItem("—", None)
        if host_id is not None:
            for contact in list_contacts(self.context.db, host_id):
                text = f"{contact.name} ({contact.position})" if contact.position else contact.name
                self.contact.addItem(text, contact.id)
        self.contact.blockSignals(False)

    def show_item(self, item: ProgrammeItem | None, problems: list[str] | None = None) -> None:
        self.item = item
        enabled = item is not None
        for widget in (
            self.day,
            self.starts,
            self.ends,
            self.everyone,
            self.chosen,
            self.people,
            self.new_host,
            self.new_contact,
        ):
            widget.setEnabled(enabled)
        self.checks.setText("\n".join(f"⚠ {p}" for p in problems or []))
        self.checks.setVisible(bool(problems))
        self.time_marker.setToolTip(self.checks.text())
        self.time_marker.setVisible(bool(problems))
        if item is None:
            self.binder.load(None, {})
            return
        self._fill_contacts(item.host_id)
        values = {name: getattr(item, name) for name in self.binder.fields}
        self.binder.load(item.id, values, item.version)
        self.binder.values["starts"] = item.starts
        self.binder.values["ends"] = item.ends
        for widget, value in ((self.starts, qtime(item.starts)), (self.ends, qtime(item.ends))):
            if not widget.hasFocus() or widget.time() != value:
                widget.blockSignals(True)
                widget.setTime(value)
                widget.blockSignals(False)
        self.day.blockSignals(True)
        day = item.starts.date()
        if find_data(self.day, day) < 0:  # an item outside the visit's dates keeps its day
            self.day.addItem(format_date(day, fmt="full"), day)
        set_code(self.day, day)
        self.day.blockSignals(False)
        chosen = {p.id for p in item.attendees}
        self.binder.values["attendees"] = "all" if item.attendees_all else sorted(chosen)
        for button in (self.everyone, self.chosen):
            button.blockSignals(True)
        self.everyone.setChecked(item.attendees_all)
        self.chosen.setChecked(not item.attendees_all)
        for button in (self.everyone, self.chosen):
            button.blockSignals(False)
        self.people.blockSignals(True)
        self.people.clear()
        for part in self._participants:
            entry = QListWidgetItem(part.person.full_name)
            entry.setData(Qt.ItemDataRole.UserRole, part.person_id)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(
                Qt.CheckState.Checked if part.person_id in chosen else Qt.CheckState.Unchecked
            )
            self.people.addItem(entry)
        self.people.setEnabled(not item.attendees_all)
        self.people.blockSignals(False)

    # --- saving what is not a plain field

    def _host_choosing(self) -> None:
        if self.item is not None:
            self.context.host_choosing.emit(self.item.visit_id)

    def _host_changed(self) -> None:
        host_id = self.host.value()
        if self.binder.row_id is not None and self.item is not None:
            self.context.host_chosen.emit(self.item.visit_id, self.binder.row_id, host_id)
        self._fill_contacts(host_id)
        if self.binder.row_id is not None:
            self.binder.commit("host_id", extra={"contact_id": None}) if self.binder.values.get(
                "contact_id"
            ) is not None else self.binder.commit("host_id")

    def _times_changed(self, which: str) -> None:
        if self.item is None or self.binder.row_id is None:
            return
        old_starts: dt.datetime = self.binder.values["starts"]
        old_ends: dt.datetime = self.binder.values["ends"]
        # Only the Day box moves an item to another day; a time edit keeps the saved day.
        day = self.day.currentData() if which == "day" else old_starts.date()
        if not isinstance(day, dt.date):
            day = old_starts.date()
        start_time = self.starts.time()
        starts = dt.datetime.combine(day, dt.time(start_time.hour(), start_time.minute()))
        end_time = self.ends.time()
        if which == "starts":
            ends = starts + (old_ends - old_starts)
            self.ends.blockSignals(True)
            self.ends.setTime(qtime(ends))
            self.ends.blockSignals(False)
        elif which == "day":
            ends = old_ends + (starts - old_starts)
        else:
            ends = dt.datetime.combine(
                day + (old_ends.date() - old_starts.date()),
                dt.time(end_time.hour(), end_time.minute()),
            )
        self.save_times(starts, ends)

    def save_times(self, starts: dt.datetime, ends: dt.datetime) -> bool:
        """Save a new start and end (one undo step while the user keeps typing)."""
        from app.services.programme import update_programme_item

        before = {"starts": self.binder.values["starts"], "ends": self.binder.values["ends"]}
        after = {"starts": starts, "ends": ends}
        row_id = self.binder.row_id
        assert row_id is not None
        db = self.context.db
        try:
            self.context.update_row(
                _("Change the time of “{title}”").format(
                    title=self.item.title if self.item else ""
                ),
                lambda seen, changes: self.binder.saved(
                    row_id, update_programme_item(db, row_id, seen, **changes)
                ),
                self.binder.version,
                before,
                after,
                merge_key=("times", row_id),
            )
        except (Invalid, ServiceError) as problem:
            self.problem.show_problem(describe(problem, {"starts": _("Starts"), "ends": _("Ends")}))
            return False
        self.binder.values.update(after)
        self.problem.clear_problem()
        return True

    def _attendees_changed(self) -> None:
        if self.binder.row_id is None:
            return
        self.people.setEnabled(self.chosen.isChecked())
        if self.everyone.isChecked():
            value: Any = "all"
        else:
            value = sorted(
                self.people.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.people.count())
                if self.people.item(i).checkState() == Qt.CheckState.Checked
            )
        self.binder.commit(extra={"attendees": value}, label=_("Attendees"))

    # --- the directory on the spot

    def create_host(self) -> None:
        from ui.dialogs.quick_create import create_organisation_quickly

        org_id = create_organisation_quickly(self.context, self)
        if org_id is not None:
            self.host.pick(org_id, organisation_name(self.context.db, org_id))

    def create_contact(self) -> None:
        from ui.dialogs.quick_create import create_contact_quickly

        host_id = self.host.value()
        if host_id is None:
            self.problem.show_problem(_("Choose the host institution first."))
            return
        contact_id = create_contact_quickly(self.context, host_id, self)
        if contact_id is not None:
            self._fill_contacts(host_id)
            set_code(self.contact, contact_id)


def _row(*widgets: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    for number, widget in enumerate(widgets):
        row.addWidget(widget, 1 if number == 0 else 0)
    return row


def _buddy(text: str, widget: QWidget) -> QLabel:
    """A label whose mnemonic (Alt+letter) moves to ``widget``, and names it for readers."""
    label = QLabel(text)
    label.setBuddy(widget)
    widget.setAccessibleName(text.replace("&", ""))
    return label
