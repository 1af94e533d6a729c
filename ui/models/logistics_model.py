"""The columns of the Logistics tab's tables: travel legs, stays, the rooming list.

A leg's times are written in the zone of each end (an overnight flight Riga → Bergen
shows the times on the ticket) and sort by their UTC moment; the words for the travel
modes and room types are the ones the forms offer.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from app.i18n import N_, _, format_time
from ui.models.programme_model import zone_abbreviation
from ui.models.rows_model import Column
from ui.widgets.date_time_edits import date_text

MODE_LABELS = {
    "flight": N_("Flight"),
    "train": N_("Train"),
    "bus": N_("Bus"),
    "ferry": N_("Ferry"),
    "car": N_("Car"),
    "other": N_("Other"),
}
ROOM_LABELS = {"single": N_("Single"), "double": N_("Double"), "twin": N_("Twin")}


def moment(value: dt.datetime, zone: str) -> str:
    return f"{date_text(value.date())} {format_time(value)} {zone_abbreviation(value, zone)}"


def passengers(leg: Any) -> str:
    if leg.passengers_all:
        return _("everyone")
    return ", ".join(p.full_name for p in leg.passengers)


LEG_COLUMNS: list[Column[Any]] = [
    Column(N_("Mode"), lambda leg: _(MODE_LABELS.get(leg.mode, leg.mode))),
    Column(
        N_("Carrier and number"), lambda leg: " ".join(p for p in (leg.carrier, leg.number) if p)
    ),
    Column(N_("From"), lambda leg: leg.from_place),
    Column(
        N_("Departs"),
        lambda leg: moment(leg.departs, leg.from_timezone),
        sort=lambda leg: leg.departs_utc.isoformat(),
    ),
    Column(N_("To"), lambda leg: leg.to_place),
    Column(
        N_("Arrives"),
        lambda leg: moment(leg.arrives, leg.to_timezone),
        sort=lambda leg: leg.arrives_utc.isoformat(),
    ),
    Column(N_("Booking"), lambda leg: leg.booking_ref),
    Column(N_("Passengers"), passengers),
]
STAY_COLUMNS: list[Column[Any]] = [
    Column(N_("Accommodation"), lambda s: s.name),
    Column(N_("Check-in"), lambda s: date_text(s.check_in), sort=lambda s: s.check_in.isoformat()),
    Column(
        N_("Check-out"), lambda s: date_text(s.check_out), sort=lambda s: s.check_out.isoformat()
    ),
    Column(N_("Address"), lambda s: s.address),
    Column(
        N_("Rooms"), lambda s: str(len([r for r in s.rooms if r.deleted_at is None])), right=True
    ),
]
ROOM_COLUMNS: list[Column[Any]] = [
    Column(N_("Room"), lambda r: r.label or str(r.position)),
    Column(N_("Type"), lambda r: _(ROOM_LABELS.get(r.type, r.type))),
    Column(N_("Occupants"), lambda r: ", ".join(p.full_name for p in r.occupants)),
]
