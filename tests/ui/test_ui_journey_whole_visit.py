"""A coordinator builds a whole visit in the window, closes the program, opens it again,
and finds everything where it was put.

The story: the Vidzeme Planning Region takes twelve people to Trondheim for four days in
April 2027. The coordinator works in Latvian, only through the window: a new visit (the
zone follows Norway by itself), eight delegates imported from the list the municipalities
sent and four added by hand, a programme on every day with two parallel tracks on the
second day, the times of items on days 2–4 corrected by typing over them, everyone placed
on a track, a hotel with rooms, a budget line, and a summary typed into the report. Then
the window is closed (the summary was never "saved"), a new window opens on the same
database, and every item is on its day at its time, and every typed word is there.

Nothing here calls a service to make data; services are only read to check what was saved.
Modal dialogs are filled while they are open (``answer_next_dialog``), as a user would.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from app.i18n import _, set_language
from tests.journeys.hands import (
    answer_next_dialog,
    button,
    choose_day,
    focus,
    press_ok,
    type_over,
    write,
)
from ui.main_window import MainWindow
from ui.widgets.fields import set_code

CODE = "VPR-TRD-2027"
TITLE = "Vidzemes plānošanas reģiona pieredzes apmaiņa Trēndelāgā"
DAYS = [dt.date(2027, 4, 6) + dt.timedelta(days=n) for n in range(4)]
ENERGY, WASTE = "Enerģētika", "Atkritumi"
SUMMARY = (
    "Trēndelāgas reģions parādīja, kā pašvaldības kopīgi plāno atkritumu "
    "apsaimniekošanu un vēja enerģiju; Vidzemē to var pārņemt 2028. gadā."
)

IMPORTED = """Vārds;Uzvārds;E-pasts;Iestāde;Amats;Loma;Statuss;Ēdināšana
Ilze;Ozoliņa;ilze.ozolina@vidzeme.lv;Vidzemes plānošanas reģions;Izpilddirektore;vadītājs;apstiprināts;
Jānis;Bērziņš;janis.berzins@cesis.lv;Cēsu novada pašvaldība;Attīstības nodaļas vadītājs;delegāts;apstiprināts;
Līga;Kalniņa;liga.kalnina@valmiera.lv;Valmieras novada pašvaldība;Projektu vadītāja;delegāts;apstiprināts;veģetāriete
Artūrs;Liepiņš;arturs.liepins@smiltene.lv;Smiltenes novada pašvaldība;Izpilddirektors;delegāts;apstiprināts;
Dace;Krūmiņa;dace.krumina@madona.lv;Madonas novada pašvaldība;Vides speciāliste;delegāts;apstiprināts;
Māris;Vītols;maris.vitols@gulbene.lv;Gulbenes novada pašvaldība;Enerģētiķis;delegāts;apstiprināts;
Inese;Zariņa;inese.zarina@valka.lv;Valkas novada pašvaldība;Attīstības plānotāja;delegāts;apstiprināts;bez glutēna
Edgars;Ābele;edgars.abele@vidzeme.lv;Vidzemes plānošanas reģions;Sabiedrisko attiecību speciālists;delegāts;apstiprināts;
"""
BY_HAND = [
    ("Kristīne", "Sproģe", "Tulce"),
    ("Pēteris", "Šmits", "Alūksnes novada mērs"),
    ("Anda", "Čakste", "Balvu novada deputāte"),
    ("Rihards", "Ņikitins", "Šoferis"),
]

# (day, title, track, start, end) as first typed; TIMES_CORRECTED changes some on days 2–4
PROGRAMME = [
    (0, "Ierašanās un iekārtošanās viesnīcā", None, "15:00", "16:00"),
    (0, "Iepazīšanās vakariņas ar Trēndelāgas kolēģiem", None, "19:00", "21:00"),
    (1, "Trēndelāgas fylkeskommune prezentācija", None, "09:00", "10:30"),
    (1, "Fosen vēja parks", ENERGY, "11:00", "14:00"),
    (1, "Heimdal atkritumu pārstrādes rūpnīca", WASTE, "11:00", "14:00"),
    (2, "NTNU inovāciju centrs", None, "10:00", "12:00"),
    (2, "Trondheimas pašvaldība: klimata plāns", None, "13:30", "15:00"),
    (3, "Noslēguma brokastis un secinājumi", None, "08:00", "09:00"),
    (3, "Izbraukšana uz Værnes lidostu", None, "10:00", "11:00"),
]
TIMES_CORRECTED = {
    "Trēndelāgas fylkeskommune prezentācija": ("09:15", "10:45"),
    "Fosen vēja parks": ("11:30", "14:30"),
    "Heimdal atkritumu pārstrādes rūpnīca": ("11:30", "14:30"),
    "NTNU inovāciju centrs": ("10:30", "12:15"),
    "Noslēguma brokastis un secinājumi": ("07:30", "08:30"),
    "Izbraukšana uz Værnes lidostu": ("09:45", "10:30"),
}


# --- how the user's hands are simulated ---------------------------------------------------


def shown_window(qtbot, db) -> MainWindow:
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


# --- the story ----------------------------------------------------------------------------


@pytest.fixture
def latvian():
    set_language("lv")
    yield
    set_language("en")


def test_a_whole_visit_made_in_the_window_is_all_there_after_a_restart(
    qtbot, db, tmp_path: Path, monkeypatch, latvian
):
    window = shown_window(qtbot, db)
    visit_id = make_the_visit(qtbot, window)
    workspace = window.workspace
    add_the_delegates(qtbot, workspace, tmp_path, monkeypatch)
    plan_the_programme(qtbot, workspace)
    correct_times_on_days_two_to_four(qtbot, workspace)
    place_everyone_on_a_track(workspace)
    book_the_hotel(workspace)
    add_a_budget_line(workspace)
    type_the_summary(qtbot, workspace)
    window.close()  # the summary is still in its field: closing must not lose it

    again = shown_window(qtbot, db)  # the program started again on the same database
    again.open_visit(visit_id)
    everything_is_there(again, db, visit_id)


def make_the_visit(qtbot, window: MainWindow) -> int:
    def fill(dialog: Any) -> None:
        write(qtbot, dialog.code, CODE)
        write(qtbot, dialog.title_edit, TITLE)
        focus(qtbot, dialog.country)
        qtbot.keyClicks(dialog.country, "NO")
        write(qtbot, dialog.city, "Trondheima")
        assert dialog.zone.currentText() == "Europe/Oslo"  # followed Norway by itself
        type_over(qtbot, dialog.starts, "06.04.2027")
        type_over(qtbot, dialog.ends, "09.04.2027")
        press_ok(dialog)

    answer_next_dialog(fill)
    window.new_action.trigger()
    assert window.workspace is not None, "the new visit opens at once"
    visit = window.workspace.visit
    assert (visit.code, visit.timezone) == (CODE, "Europe/Oslo")
    assert (visit.start_date, visit.end_date) == (DAYS[0], DAYS[-1])
    return window.workspace.visit_id


def add_the_delegates(qtbot, workspace, tmp_path: Path, monkeypatch) -> None:
    from ui.widgets import file_dialogs

    tab = workspace.participants
    workspace.tabs.setCurrentWidget(tab)
    sent = tmp_path / "dalibnieki.csv"
    sent.write_text(IMPORTED, encoding="utf-8")
    monkeypatch.setattr(
        file_dialogs, "get_open_file_name", lambda *args, **kwargs: (str(sent), "")
    )  # the file the user picks
    answer_next_dialog(lambda dialog: dialog.import_button.click())
    tab.import_button.click()
    assert tab.model.rowCount() == 8

    for given, family, position in BY_HAND:

        def fill(dialog: Any, given=given, family=family, position=position) -> None:
            dialog.edits["given_name"].setText(given)
            dialog.edits["family_name"].setText(family)
            dialog.edits["position"].setText(position)
            press_ok(dialog)

        answer_next_dialog(fill)
        tab.create_button.click()
        set_code(tab.status, "confirmed")  # the new participant is chosen: confirm them
    assert tab.model.rowCount() == 12
    assert "12" in tab.counts.text()


def plan_the_programme(qtbot, workspace) -> None:
    tab = workspace.programme
    workspace.tabs.setCurrentWidget(tab)
    for day, title, track, start, end in PROGRAMME:
        choose_day(tab, DAYS[day])
        tab.add_button.click()
        write(qtbot, tab.form.title_edit, title)
        if track:
            write(qtbot, tab.form.track, track)
        type_over(qtbot, tab.form.starts, start.replace(":", ""))
        type_over(qtbot, tab.form.ends, end)
    assert len(tab.items) == len(PROGRAMME)


def correct_times_on_days_two_to_four(qtbot, workspace) -> None:
    tab = workspace.programme
    for item_id, item in list(tab.items.items()):
        if item.title in TIMES_CORRECTED:
            start, end = TIMES_CORRECTED[item.title]
            tab.select_item(item_id)
            assert tab.form.day.currentData() == item.starts.date()  # the Day box agrees
            type_over(qtbot, tab.form.starts, start)
            type_over(qtbot, tab.form.ends, end)


def place_everyone_on_a_track(workspace) -> None:
    tab = workspace.programme
    assert "nav sadalīti" in tab.tracks_note.text()  # warned until people are placed

    def share(dialog: Any) -> None:
        dialog.share_evenly()
        press_ok(dialog)

    answer_next_dialog(share)
    tab.tracks_button.click()
    assert "⚠" not in tab.tracks_note.text()
    assert f"{ENERGY} (6)" in tab.tracks_note.text()


def book_the_hotel(workspace) -> None:
    tab = workspace.logistics
    workspace.tabs.setCurrentWidget(tab)

    def stay(dialog: Any) -> None:
        dialog.fields["name"].widget.setText("Scandic Nidelven")
        dialog.fields["address"].widget.setText("Havnegata 1-3, Trondheim")
        press_ok(dialog)

    answer_next_dialog(stay)
    button(tab, _("Add stay…")).click()
    assert tab.stays.rowCount() == 1
    for label, kind, count in (("301", "double", 2), ("302", "single", 1)):

        def room(dialog: Any, label=label, kind=kind, count=count) -> None:
            dialog.fields["label"].widget.setText(label)
            set_code(dialog.fields["type"].widget, kind)
            people = dialog.fields["occupants"].widget
            already = 0 if label == "301" else 2
            for row in range(already, already + count):
                people.item(row).setCheckState(Qt.CheckState.Checked)
            press_ok(dialog)

        answer_next_dialog(room)
        button(tab, _("Add room…")).click()
    assert tab.rooms.rowCount() == 2


def add_a_budget_line(workspace) -> None:
    tab = workspace._tab("budget")
    workspace.tabs.setCurrentWidget(tab)

    def line(dialog: Any) -> None:
        dialog.description.setText("Viesnīca Scandic Nidelven, 3 naktis")
        dialog.quantity.setText("3")
        dialog.unit_price.setText("1 250,50")
        press_ok(dialog)

    answer_next_dialog(line)
    tab.add_button.click()
    assert tab.model.rowCount() == 1


def type_the_summary(qtbot, workspace) -> None:
    tab = workspace._tab("report")
    workspace.tabs.setCurrentWidget(tab)
    focus(qtbot, tab.summary)
    tab.summary.insertPlainText(SUMMARY)  # typed, the field never left


def everything_is_there(window: MainWindow, db, visit_id: int) -> None:
    from app.services.budget import list_budget_lines
    from app.services.logistics import list_rooms, list_stays
    from app.services.people import list_participations
    from app.services.programme import list_programme
    from app.services.reports import report_for_visit

    workspace = window.workspace
    assert workspace.visit.title == TITLE and workspace.visit.city == "Trondheima"

    tab = workspace.programme
    workspace.tabs.setCurrentWidget(tab)
    saved = {item.title: item for item in list_programme(db, visit_id)}
    assert set(saved) == {title for _d, title, _t, _s, _e in PROGRAMME}
    for day, title, track, start, end in PROGRAMME:
        start, end = TIMES_CORRECTED.get(title, (start, end))
        item = saved[title]
        assert (item.starts, item.ends) == (
            dt.datetime.combine(DAYS[day], dt.time.fromisoformat(start)),
            dt.datetime.combine(DAYS[day], dt.time.fromisoformat(end)),
        ), title
        assert item.timezone == "Europe/Oslo" and item.track == track
        assert tab.model.index_of(item.id).parent().row() == day, title  # under its day
    assert not any(tab.problems.values()), tab.problems
    assert "⚠" not in tab.tracks_note.text()

    people = list_participations(db, visit_id, taking_part=True)
    assert len(people) == 12
    names = {p.person.full_name for p in people}
    assert {"Līga Kalniņa", "Inese Zariņa", "Pēteris Šmits", "Rihards Ņikitins"} <= names
    kalnina = next(p for p in people if p.person.family_name == "Kalniņa")
    assert kalnina.person.dietary == "veģetāriete"
    energy = saved["Fosen vēja parks"].attendees
    waste = saved["Heimdal atkritumu pārstrādes rūpnīca"].attendees
    assert len(energy) == len(waste) == 6 and not {p.id for p in energy} & {p.id for p in waste}

    stays = list_stays(db, visit_id)
    assert [s.name for s in stays] == ["Scandic Nidelven"]
    rooms = list_rooms(db, stays[0].id)
    assert sorted((r.label, r.type, len(r.occupants)) for r in rooms) == [
        ("301", "double", 2),
        ("302", "single", 1),
    ]

    lines = list_budget_lines(db, visit_id)
    assert [(line.description, line.quantity, line.unit_price) for line in lines] == [
        ("Viesnīca Scandic Nidelven, 3 naktis", Decimal("3"), Decimal("1250.50"))
    ]

    assert report_for_visit(db, visit_id).summary == SUMMARY
    report = workspace._tab("report")
    workspace.tabs.setCurrentWidget(report)
    assert report.summary.toPlainText() == SUMMARY
