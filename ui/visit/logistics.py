"""The Logistics tab: travel legs (each end in its own zone), stays, and the rooming list.

A leg departs at the wall-clock time of its origin and arrives at that of its end, so an
overnight flight Riga → Bergen shows the times printed on the ticket. A room holds its
occupants; the service refuses a person in two rooms on the same night, and the reason is
shown in the room's dialog.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _, date_text, pgettext
from app.labels import ROOM_TYPES, TRAVEL_MODES
from ui.dialogs.form_dialog import FormDialog
from ui.icons import tint
from ui.models.logistics_model import (
    LEG_COLUMNS,
    MODE_LABELS,
    ROOM_COLUMNS,
    ROOM_LABELS,
    STAY_COLUMNS,
)
from ui.visit.tab_base import VisitTab
from ui.widgets.binding import Field, PlainText, combo_field, date_field, line_field, text_field
from ui.widgets.date_time_edits import DateTimeEdit, date_format
from ui.widgets.fields import code_combo, date_edit, zone_combo
from ui.widgets.list_panel import ListPanel, titled
from ui.widgets.messages import confirm_delete, refused

if TYPE_CHECKING:
    from ui.context import Context


class PeopleChecklist(QListWidget):
    """The visit's people with a check box each (passengers, occupants)."""

    def __init__(self, people: list[tuple[int, str]], chosen: list[int]) -> None:
        super().__init__()
        for person_id, name in people:
            entry = QListWidgetItem(name)
            entry.setData(Qt.ItemDataRole.UserRole, person_id)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(
                Qt.CheckState.Checked if person_id in chosen else Qt.CheckState.Unchecked
            )
            self.addItem(entry)

    def checked(self) -> list[int]:
        return [
            self.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.count())
            if self.item(i).checkState() == Qt.CheckState.Checked
        ]


def _datetime_field(label: str) -> Field:
    edit = DateTimeEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(f"{date_format()} HH:mm")

    def read() -> dt.datetime:
        value = edit.dateTime().toPython()
        return value.replace(second=0, microsecond=0)

    def show(value: dt.datetime | None) -> None:
        if value is not None:
            edit.setDateTime(QDateTime(value))

    return Field(edit, label, read, show)


def _zone_field(label: str) -> Field:
    combo = zone_combo()
    return Field(
        combo,
        label,
        lambda: combo.currentText().strip(),
        lambda value: combo.setCurrentText(value or "Europe/Riga"),
    )


class LogisticsTab(VisitTab):
    def __init__(self, context: Context, visit_id: int, parent: QWidget | None = None) -> None:
        super().__init__(context, visit_id, parent)
        self.leg_panel = ListPanel(
            LEG_COLUMNS,
            pgettext("logistics", "Travel"),
            add=(_("Add leg…"), self.add_leg),
            edit=(_("Edit…"), lambda: self.edit_leg()),
            delete=(_("Delete"), lambda: self.delete_leg()),
        )
        self.stay_panel = ListPanel(
            STAY_COLUMNS,
            _("Stays"),
            add=(_("Add stay…"), self.add_stay),
            edit=(_("Edit…"), lambda: self.edit_stay()),
            delete=(_("Delete"), lambda: self.delete_stay()),
        )
        self.room_panel = ListPanel(
            ROOM_COLUMNS,
            _("Rooming list"),
            add=(_("Add room…"), self.add_room),
            edit=(_("Edit…"), lambda: self.edit_room()),
            delete=(_("Delete"), lambda: self.delete_room()),
        )
        self.legs, self.leg_table = self.leg_panel.model, self.leg_panel.table
        self.stays, self.stay_table = self.stay_panel.model, self.stay_panel.table
        self.rooms, self.room_table = self.room_panel.model, self.room_panel.table
        self.stay_table.selectionModel().currentRowChanged.connect(lambda *_a: self._stay_chosen())
        self._people: list[tuple[int, str]] = []
        self._visit: Any = None

        # Who is there on a stay's nights with no room: said until everyone has a bed.
        self.rooms_note = QLabel()
        self.rooms_note.setWordWrap(True)
        self.rooms_note.setAccessibleName(_("People without a room"))
        tint(self.rooms_note, "warning")
        self.rooms_note.hide()
        travel = titled(pgettext("logistics", "Travel"), self.leg_panel)
        stays = titled(_("Stays"), self.stay_panel)
        rooms = titled(_("Rooming list of the chosen stay"), self.room_panel)
        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(stays)
        lower.addWidget(rooms)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(travel)
        splitter.addWidget(lower)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        layout.addWidget(self.rooms_note)

    # --- reading

    def reload(self) -> None:
        from app.services.base import NotFound
        from app.services.logistics import list_stays, list_travel
        from app.services.people import list_participations

        try:
            self._visit = self.take_visit()
        except NotFound:
            return
        self._people = [
            (p.person_id, p.person.full_name) for p in list_participations(self.db, self.visit_id)
        ]
        stay = self.stay_panel.current()
        self.legs.set_rows(list_travel(self.db, self.visit_id))
        self.stays.set_rows(list_stays(self.db, self.visit_id))
        self.leg_table.resizeColumnsToContents()
        self.stay_table.resizeColumnsToContents()
        if stay is not None and self.stays.row_of(stay.id) >= 0:
            self.stay_table.selectRow(self.stays.row_of(stay.id))
        elif self.stays.rowCount():
            self.stay_table.selectRow(0)
        self._stay_chosen()
        self._show_missing_rooms()

    def _show_missing_rooms(self) -> None:
        from app.services.rooming import people_without_a_room

        gaps = people_without_a_room(self.db, self.visit_id)
        self.rooms_note.setText(
            "\n".join(
                "⚠ "
                + _("{stay} ({check_in} – {check_out}): no room yet for {people}.").format(
                    stay=gap.stay,
                    check_in=date_text(gap.check_in),
                    check_out=date_text(gap.check_out),
                    people=", ".join(gap.people),
                )
                for gap in gaps
            )
        )
        self.rooms_note.setVisible(bool(gaps))

    def _stay_chosen(self) -> None:
        from app.services.logistics import list_rooms

        stay = self.stay_panel.current()
        self.rooms.set_rows(list_rooms(self.db, stay.id) if stay is not None else [])
        self.room_table.resizeColumnsToContents()

    # --- travel legs

    def _leg_fields(self, chosen: Any) -> dict[str, Field]:
        passengers_list = PeopleChecklist(self._people, chosen if chosen != "all" else [])
        everyone = QComboBox()
        everyone.addItem(_("Everyone taking part"), "all")
        everyone.addItem(_("The people ticked below"), "chosen")
        everyone.setCurrentIndex(0 if chosen == "all" else 1)
        return {
            "mode": combo_field(code_combo(TRAVEL_MODES, lambda c: _(MODE_LABELS[c])), _("&Mode")),
            "carrier": line_field(QLineEdit(), _("&Carrier")),
            "number": line_field(QLineEdit(), _("&Number")),
            "from_place": line_field(QLineEdit(), _("&From")),
            "from_timezone": _zone_field(_("Time zone at the start")),
            "departs": _datetime_field(_("&Departs (local time)")),
            "to_place": line_field(QLineEdit(), _("&To")),
            "to_timezone": _zone_field(_("Time zone at the end")),
            "arrives": _datetime_field(_("&Arrives (local time)")),
            "booking_ref": line_field(QLineEdit(), _("&Booking reference")),
            "passengers": Field(
                everyone,
                _("&Passengers"),
                lambda: "all" if everyone.currentData() == "all" else passengers_list.checked(),
                lambda _v: None,
            ),
            "passengers_list": Field(passengers_list, "", lambda: None, lambda _v: None),
            "notes": text_field(PlainText(), _("N&otes")),
        }

    def _leg_values(self, leg: Any) -> dict[str, Any]:
        names = (
            "mode",
            "carrier",
            "number",
            "from_place",
            "from_timezone",
            "departs",
            "to_place",
            "to_timezone",
            "arrives",
            "booking_ref",
            "notes",
        )
        values = {n: getattr(leg, n) for n in names}
        values["passengers"] = "all" if leg.passengers_all else [p.id for p in leg.passengers]
        return values

    def _new_leg_values(self) -> dict[str, Any]:
        """A new leg continues from where the last one arrives (its place, zone and time);
        the first starts in Riga on the visit's first morning. It goes to the visit's zone,
        or home to Riga once the travellers are there."""
        zone = self._visit.timezone
        legs = [self.legs.row_at(row) for row in range(self.legs.rowCount())]
        if not legs:
            start = dt.datetime.combine(self._visit.start_date, dt.time(8, 0))
            return {
                "mode": "flight",
                "from_place": _("Riga"),
                "from_timezone": "Europe/Riga",
                "departs": start,
                "to_timezone": zone,
                "arrives": start + dt.timedelta(hours=2),
                "passengers": "all",
            }
        last = max(legs, key=lambda leg: (leg.arrives_utc or leg.arrives, leg.id))
        home = "Europe/Riga"
        return {
            "mode": last.mode,
            "from_place": last.to_place,
            "from_timezone": last.to_timezone,
            "departs": last.arrives,
            "to_timezone": home if last.to_timezone == zone and zone != home else zone,
            "arrives": last.arrives + dt.timedelta(hours=2),
            "passengers": "all",
        }

    def add_leg(self) -> int | None:
        from app.services.logistics import create_travel_leg, delete_travel_leg, restore_travel_leg

        values = self._new_leg_values()
        db = self.db

        def submit(fields: dict[str, Any]) -> int:
            fields.pop("passengers_list", None)
            return self.context.create(
                _("Add travel leg"),
                lambda: create_travel_leg(db, self.visit_id, **fields),
                lambda i: delete_travel_leg(db, i),
                lambda i: restore_travel_leg(db, i),
            )

        dialog = FormDialog(_("New travel leg"), self._leg_fields("all"), values, submit, self)
        return dialog.result_value if dialog.exec() else None

    def edit_leg(self) -> None:
        from app.services.logistics import update_travel_leg

        leg = self.leg_panel.current()
        if leg is None:
            return
        before = self._leg_values(leg)
        db = self.db

        def submit(fields: dict[str, Any]) -> None:
            fields.pop("passengers_list", None)
            self.context.update_row(
                _("Change travel leg"),
                lambda seen, changes: update_travel_leg(db, leg.id, seen, **changes),
                leg.version,
                before,
                fields,
            )

        FormDialog(
            _("Travel leg"), self._leg_fields(before["passengers"]), before, submit, self
        ).exec()

    def delete_leg(self) -> None:
        from app.services.checks import leg_label
        from app.services.logistics import delete_travel_leg, restore_travel_leg

        leg = self.leg_panel.current()
        if leg is None or not confirm_delete(self, leg_label(leg)):
            return
        db = self.db
        try:
            self.context.delete(
                _("Delete travel leg"),
                lambda: delete_travel_leg(db, leg.id),
                lambda: restore_travel_leg(db, leg.id),
            )
        except refused() as problem:
            self.context.report(problem)

    # --- stays

    def _stay_fields(self) -> dict[str, Field]:
        return {
            "name": line_field(QLineEdit(), _("&Name")),
            "address": line_field(QLineEdit(), _("&Address")),
            "phone": line_field(QLineEdit(), _("&Phone")),
            "check_in": date_field(date_edit(), _("Check-&in")),
            "check_out": date_field(date_edit(), _("Check-&out")),
            "notes": text_field(PlainText(), _("N&otes")),
        }

    def add_stay(self) -> int | None:
        from app.services.logistics import create_stay, delete_stay, restore_stay

        values = {"check_in": self._visit.start_date, "check_out": self._visit.end_date}
        db = self.db

        def submit(fields: dict[str, Any]) -> int:
            return self.context.create(
                _("Add stay"),
                lambda: create_stay(db, self.visit_id, **fields),
                lambda i: delete_stay(db, i),
                lambda i: restore_stay(db, i),
            )

        dialog = FormDialog(_("New stay"), self._stay_fields(), values, submit, self)
        return dialog.result_value if dialog.exec() else None

    def edit_stay(self) -> None:
        from app.services.logistics import update_stay

        stay = self.stay_panel.current()
        if stay is None:
            return
        fields = self._stay_fields()
        before = {n: getattr(stay, n) for n in fields}
        db = self.db
        FormDialog(
            _("Stay"),
            fields,
            before,
            lambda after: self.context.update_row(
                _("Change stay"),
                lambda seen, changes: update_stay(db, stay.id, seen, **changes),
                stay.version,
                before,
                after,
            ),
            self,
        ).exec()

    def delete_stay(self) -> None:
        from app.services.logistics import delete_stay, restore_stay

        stay = self.stay_panel.current()
        if stay is None or not confirm_delete(self, stay.name):
            return
        db = self.db
        try:
            self.context.delete(
                _("Delete stay"),
                lambda: delete_stay(db, stay.id),
                lambda: restore_stay(db, stay.id),
            )
        except refused() as problem:
            self.context.report(problem)

    # --- rooms

    def _room_fields(self, chosen: list[int]) -> dict[str, Field]:
        occupants = PeopleChecklist(self._people, chosen)
        return {
            "label": line_field(QLineEdit(), _("&Room")),
            "type": combo_field(code_combo(ROOM_TYPES, lambda c: _(ROOM_LABELS[c])), _("&Type")),
            "occupants": Field(occupants, _("&Occupants"), occupants.checked, lambda _v: None),
        }

    def add_room(self, values: dict[str, Any] | None = None) -> int | None:
        from app.services.logistics import create_room, delete_room, restore_room

        stay = self.stay_panel.current()
        if stay is None:
            return None
        db = self.db

        def submit(fields: dict[str, Any]) -> int:
            return self.context.create(
                _("Add room"),
                lambda: create_room(db, stay.id, **fields),
                lambda i: delete_room(db, i),
                lambda i: restore_room(db, i),
            )

        values = values or {"type": "single", "occupants": []}
        dialog = FormDialog(
            _("New room"), self._room_fields(values.get("occupants", [])), values, submit, self
        )
        return dialog.result_value if dialog.exec() else None

    def edit_room(self) -> None:
        from app.services.logistics import update_room

        room = self.room_panel.current()
        if room is None:
            return
        before = {
            "label": room.label,
            "type": room.type,
            "occupants": [p.id for p in room.occupants],
        }
        db = self.db
        FormDialog(
            _("Room"),
            self._room_fields(before["occupants"]),
            before,
            lambda after: self.context.update_row(
                _("Change room"),
                lambda seen, changes: update_room(db, room.id, seen, **changes),
                room.version,
                before,
                after,
            ),
            self,
        ).exec()

    def delete_room(self) -> None:
        from app.services.logistics import delete_room, restore_room

        room = self.room_panel.current()
        if room is None or not confirm_delete(
            self, _("room {room}").format(room=room.label or room.position)
        ):
            return
        db = self.db
        try:
            self.context.delete(
                _("Delete room"),
                lambda: delete_room(db, room.id),
                lambda: restore_room(db, room.id),
            )
        except refused() as problem:
            self.context.report(problem)
