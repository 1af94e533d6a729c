"""A new visit's zone follows its country (and city, where the country has several), and a
new travel leg continues from where the last one arrived."""

from __future__ import annotations

import datetime as dt

import pytest

from app.domain.zones import zone_for_place
from app.services.logistics import list_travel
from ui.dialogs.form_dialog import FormDialog
from ui.dialogs.visit_dialogs import NewVisitDialog
from ui.main_window import MainWindow


@pytest.mark.parametrize(
    "country, city, zone",
    [
        ("NO", "Trondheim", "Europe/Oslo"),
        ("no", "", "Europe/Oslo"),
        ("LV", "Rīga", "Europe/Riga"),
        ("ES", "Madrid", "Europe/Madrid"),
        ("ES", "", "Europe/Madrid"),
        ("ES", "Canary", "Atlantic/Canary"),
        ("PT", "Madeira", "Atlantic/Madeira"),
        ("US", "Chicago", "America/Chicago"),
        ("US", "Los Angeles", "America/Los_Angeles"),
        ("US", "", "America/New_York"),
        ("CA", "Vancouver", "America/Vancouver"),
        ("AU", "Perth", "Australia/Perth"),
        ("FI", "Helsinki", "Europe/Helsinki"),
    ],
)
def test_the_zone_of_a_place(country, city, zone):
    assert zone_for_place(country, city) == zone


def test_an_unknown_country_gives_no_zone():
    assert zone_for_place("XX", "Nekurciems") is None
    assert zone_for_place(None) is None


def test_the_new_visit_dialog_takes_the_zone_of_the_country_and_city(qtbot):
    dialog = NewVisitDialog(lambda fields: None)
    qtbot.addWidget(dialog)
    assert dialog.zone.currentText() == "Europe/Riga"
    dialog.country.setText("NO")
    assert dialog.zone.currentText() == "Europe/Oslo"
    dialog.country.setText("US")
    dialog.city.setText("Chicago")
    assert dialog.zone.currentText() == "America/Chicago"
    assert dialog.fields()["timezone"] == "America/Chicago"


def test_a_zone_chosen_by_hand_is_kept(qtbot):
    dialog = NewVisitDialog(lambda fields: None)
    qtbot.addWidget(dialog)
    dialog.zone.lineEdit().textEdited.emit("Europe/Helsinki")
    dialog.zone.setCurrentText("Europe/Helsinki")
    dialog.country.setText("NO")
    assert dialog.zone.currentText() == "Europe/Helsinki"


def test_a_new_leg_starts_where_the_last_one_arrived(qtbot, db, visit, monkeypatch):
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.open_visit(visit.id)
    tab = window.workspace.logistics
    window.workspace.tabs.setCurrentWidget(tab)
    offered: list[dict] = []

    def fill(dialog: FormDialog) -> int:
        offered.append(dialog.values())
        f = dialog.fields
        if len(offered) == 1:
            f["from_place"].widget.setText("Rīga (RIX)")
            f["to_place"].widget.setText("Oslo (OSL)")
            f["departs"].show(dt.datetime(2026, 4, 6, 7, 0))
            f["arrives"].show(dt.datetime(2026, 4, 6, 7, 45))
        else:
            f["to_place"].widget.setText("Bergen (BGO)")  # on, inside Norway
            f["to_timezone"].show("Europe/Oslo")
            f["departs"].show(dt.datetime(2026, 4, 6, 9, 30))
            f["arrives"].show(dt.datetime(2026, 4, 6, 10, 25))
        dialog.accept()
        return 1

    monkeypatch.setattr(FormDialog, "exec", fill)
    assert tab.add_leg() is not None
    assert offered[0]["from_timezone"] == "Europe/Riga"
    assert offered[0]["to_timezone"] == "Europe/Oslo"
    assert tab.add_leg() is not None
    second = offered[1]
    assert second["from_place"] == "Oslo (OSL)"
    assert second["from_timezone"] == "Europe/Oslo"
    assert second["departs"] == dt.datetime(2026, 4, 6, 7, 45)
    assert second["arrives"] > second["departs"]
    assert second["to_timezone"] == "Europe/Riga"  # from the visit's zone: home next
    legs = list_travel(db, visit.id)
    assert [leg.from_place for leg in legs] == ["Rīga (RIX)", "Oslo (OSL)"]
