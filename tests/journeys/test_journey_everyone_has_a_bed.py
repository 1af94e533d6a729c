"""The coordinator books the hotel and puts the delegates in rooms: until everyone who is
there on the hotel's nights has a bed, the Logistics tab and the rooming list's export say
who has none.

Nothing said so: a rooming list of five sent to the hotel for a delegation of eight showed
only "rooms: 3, guests: 5", and three delegates would have arrived to no bed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt

from app.i18n import set_language
from app.services.logistics import create_stay
from app.services.people import add_participant, create_person
from app.services.visits import create_visit
from tests.journeys.hands import answer_next_dialog, button, press_ok
from ui.main_window import MainWindow
from ui.widgets.fields import set_code

PEOPLE = [
    ("Ilze", "Ozoliņa", None, None),
    ("Jānis", "Bērziņš", None, None),
    ("Līga", "Kalniņa", None, None),
    ("Ģirts", "Šķēle", dt.date(2027, 3, 27), None),  # comes for the last two nights
    ("Žanete", "Čudarkina", None, dt.date(2027, 3, 26)),  # leaves before the hotel's nights
]


def test_the_logistics_tab_says_who_has_no_room_until_everyone_has_one(qtbot, cli, db, db_path):
    set_language("lv")
    visit = create_visit(
        db,
        code="KPR-BGO-2027",
        title="Kurzemes plānošanas reģiona vizīte Bergenā",
        country="NO",
        city="Bergena",
        timezone="Europe/Oslo",
        start_date=dt.date(2027, 3, 25),
        end_date=dt.date(2027, 3, 28),
    )
    for given, family, arrives, departs in PEOPLE:
        person = create_person(db, given_name=given, family_name=family)
        add_participant(
            db, visit.id, person.id, status="confirmed", arrives=arrives, departs=departs
        )
    create_stay(
        db,
        visit.id,
        name="Thon Hotel Bristol Bergen",
        check_in=dt.date(2027, 3, 26),
        check_out=dt.date(2027, 3, 28),
    )
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.open_visit(visit.id)
    tab = window.workspace.logistics
    window.workspace.tabs.setCurrentWidget(tab)
    note = tab.rooms_note
    assert not note.isHidden()
    assert "Jānis Bērziņš, Līga Kalniņa, Ilze Ozoliņa, Ģirts Šķēle" in note.text()
    assert "Čudarkina" not in note.text()  # gone before the hotel's first night

    def room(label: str, kind: str, names: list[str]) -> None:
        def fill(dialog: Any) -> None:
            dialog.fields["label"].widget.setText(label)
            set_code(dialog.fields["type"].widget, kind)
            people = dialog.fields["occupants"].widget
            for row in range(people.count()):
                if people.item(row).text() in names:
                    people.item(row).setCheckState(Qt.CheckState.Checked)
            press_ok(dialog)

        answer_next_dialog(fill)
        button(tab, "Pievienot istabu…").click()

    room("401", "double", ["Jānis Bērziņš", "Ģirts Šķēle"])
    assert "vēl nav istabas: Līga Kalniņa, Ilze Ozoliņa." in note.text()
    window.close()
    db.dispose()
    run = cli(
        "--db", db_path, "export", "rooming", "KPR-BGO-2027", "--out", db_path.parent / "r.pdf"
    )
    assert run.code == 0 and (db_path.parent / "r.pdf").is_file()
    assert run.err == (  # the command line speaks the tests' English
        "warning: Thon Hotel Bristol Bergen (03/26/2027 – 03/28/2027): no room yet for "
        "Līga Kalniņa, Ilze Ozoliņa.\n"
    )

    set_language("lv")  # the command line spoke its own language
    again = MainWindow(db)
    qtbot.addWidget(again)
    again.open_visit(visit.id)
    tab = again.workspace.logistics
    again.workspace.tabs.setCurrentWidget(tab)
    room("402", "double", ["Ilze Ozoliņa", "Līga Kalniņa"])
    assert tab.rooms_note.isHidden()  # everyone there has a bed
