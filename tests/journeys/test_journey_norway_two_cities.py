"""A planning region takes eight people to Oslo and Bergen: the whole visit made in the
window, corrected on its last days, closed and opened again, and given to the delegates.

The story (after the seed article "LPS Valde dodas pieredzes apmaiņas vizītē uz Bergenu"):
the Kurzeme Planning Region flies Riga → Oslo on Thursday 25 March 2027, meets KS and
Innovation Norway in Oslo, takes the train to Bergen on Friday, meets the county and the
waste company on Saturday, the university on Sunday — the day Norway and Latvia put their
clocks forward — and flies home that evening. The coordinator works in Latvian through the
window only: the visit, the eight delegates (Latvian letters in every name), a programme
on every day, the three journeys each in its own zones, and then corrections on days 3
and 4 with an undo and a redo. The window is closed and opened again; nothing moved.

Then what the delegates get, read by programs this project did not write: the calendar by
``icalendar`` and by ``vobject`` (every event at its instant in UTC and at its wall-clock
time in Oslo, across the change to summer time), the Norwegian letter to a host by
python-docx, and the programme PDF's text by pypdf.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from pathlib import Path
from typing import Any

import icalendar
import pytest
import vobject
from docx import Document
from pypdf import PdfReader

from app.i18n import set_language
from tests.journeys.hands import answer_next_dialog, choose_day, press_ok, type_over, write
from ui.main_window import MainWindow
from ui.widgets.fields import set_code

CODE = "KPR-NO-2027"
DAYS = [dt.date(2027, 3, 25) + dt.timedelta(days=n) for n in range(4)]
OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
UTC = dt.UTC

DELEGATES = [
    ("Ilze", "Ozoliņa", "Kurzemes plānošanas reģiona izpilddirektore"),
    ("Jānis", "Bērziņš", "Kuldīgas novada domes priekšsēdētājs"),
    ("Līga", "Kalniņa", "Ventspils attīstības nodaļas vadītāja"),
    ("Artūrs", "Liepiņš", "Talsu novada izpilddirektors"),
    ("Dace", "Krūmiņa", "Saldus novada vides speciāliste"),
    ("Māris", "Vītols", "Liepājas enerģētiķis"),
    ("Ģirts", "Šķēle", "Dienvidkurzemes novada plānotājs"),
    ("Žanete", "Čudarkina", "Tukuma novada projektu vadītāja"),
]
# (day, title, host, start typed, end typed)
PROGRAMME = [
    (0, "Tikšanās ar Norvēģijas pašvaldību savienību KS", "KS", "1100", "12:30"),
    (0, "Innovation Norway: atbalsts uzņēmējiem", "Innovation Norway", "1400", "15:30"),
    (1, "Bergenas pilsētas pašvaldība", "Bergen kommune", "1630", "18:00"),
    (2, "Vestlandes reģiona padome", "Vestland fylkeskommune", "0900", "11:00"),
    (2, "BIR: starppašvaldību atkritumu apsaimniekošana", "BIR AS", "1200", "14:00"),
    (3, "Bergenas Universitāte", "Universitetet i Bergen", "0900", "10:30"),
    (3, "Noslēguma pusdienas", None, "1200", "13:30"),
]
# mode, number, from, its zone, departs, to, its zone, arrives (each in its own zone)
JOURNEYS = [
    (
        "flight",
        "BT151",
        "Rīga",
        "Europe/Riga",
        "25.03.2027 07:05",
        "Oslo",
        "Europe/Oslo",
        "25.03.2027 08:05",
    ),
    (
        "train",
        "R60",
        "Oslo S",
        "Europe/Oslo",
        "26.03.2027 08:25",
        "Bergen stasjon",
        "Europe/Oslo",
        "26.03.2027 15:20",
    ),
    (
        "flight",
        "BT166",
        "Bergen",
        "Europe/Oslo",
        "28.03.2027 17:10",
        "Rīga",
        "Europe/Riga",
        "28.03.2027 20:50",
    ),
]
# What the delegates' calendar must say: title → (UTC start, Oslo wall-clock start). The
# last day is in summer time (UTC+2), the others in winter time (UTC+1).
EXPECTED = {
    "Tikšanās ar Norvēģijas pašvaldību savienību KS": ("2027-03-25 10:00", "11:00"),
    "Innovation Norway: atbalsts uzņēmējiem": ("2027-03-25 13:00", "14:00"),
    "Bergenas pilsētas pašvaldība": ("2027-03-26 15:30", "16:30"),
    "Vestlandes reģiona padome (Vestland fylkeskommune)": ("2027-03-27 08:30", "09:30"),
    "BIR: starppašvaldību atkritumu apsaimniekošana": ("2027-03-27 11:00", "12:00"),
    "Bergenas Universitāte": ("2027-03-28 08:15", "10:15"),
    "Noslēguma pusdienas": ("2027-03-28 10:00", "12:00"),
}


@pytest.fixture
def latvian():
    set_language("lv")
    yield
    set_language("en")


def shown_window(qtbot, db) -> MainWindow:
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def test_a_visit_to_oslo_and_bergen_from_the_window_to_the_delegates(
    qtbot, cli, db, db_path, tmp_path: Path, latvian
):
    window = shown_window(qtbot, db)
    visit_id = make_the_visit(qtbot, window)
    workspace = window.workspace
    add_the_delegates(workspace)
    plan_every_day(qtbot, workspace)
    book_the_journeys(qtbot, workspace)
    correct_days_three_and_four(qtbot, window)
    window.close()

    again = shown_window(qtbot, db)  # the program started again on the same database
    again.open_visit(visit_id)
    nothing_moved(again)
    again.close()
    db.dispose()

    the_calendar_says_the_same_in_two_parsers(cli, db_path, tmp_path)
    the_norwegian_letter_speaks_norwegian(cli, db_path, tmp_path)
    the_programme_has_every_day(cli, db_path, tmp_path)


# --- in the window ---------------------------------------------------------------------------


def make_the_visit(qtbot, window: MainWindow) -> int:
    def fill(dialog: Any) -> None:
        write(qtbot, dialog.code, CODE)
        write(qtbot, dialog.title_edit, "Kurzemes plānošanas reģiona pieredzes apmaiņa Norvēģijā")
        dialog.country.setFocus()
        qtbot.keyClicks(dialog.country, "NO")
        write(qtbot, dialog.city, "Bergena")
        type_over(qtbot, dialog.starts, "25.03.2027")
        type_over(qtbot, dialog.ends, "28.03.2027")
        press_ok(dialog)

    answer_next_dialog(fill)
    window.new_action.trigger()
    assert window.workspace.visit.timezone == "Europe/Oslo"
    return window.workspace.visit_id


def add_the_delegates(workspace) -> None:
    tab = workspace.participants
    workspace.tabs.setCurrentWidget(tab)
    for given, family, position in DELEGATES:

        def fill(dialog: Any, given=given, family=family, position=position) -> None:
            dialog.edits["given_name"].setText(given)
            dialog.edits["family_name"].setText(family)
            dialog.edits["position"].setText(position)
            press_ok(dialog)

        answer_next_dialog(fill)
        tab.create_button.click()
        set_code(tab.status, "confirmed")
    assert tab.model.rowCount() == 8


def plan_every_day(qtbot, workspace) -> None:
    tab = workspace.programme
    workspace.tabs.setCurrentWidget(tab)
    for day, title, host, start, end in PROGRAMME:
        choose_day(tab, DAYS[day])
        tab.add_button.click()
        write(qtbot, tab.form.title_edit, title)
        type_over(qtbot, tab.form.starts, start)
        type_over(qtbot, tab.form.ends, end)
        if host:

            def institution(dialog: Any, host=host) -> None:
                dialog.edits["name"].setText(host)
                dialog.edits["country"].setText("NO")
                press_ok(dialog)

            answer_next_dialog(institution)
            tab.form.new_host.click()
    assert len(tab.items) == len(PROGRAMME)


def book_the_journeys(qtbot, workspace) -> None:
    from tests.journeys.hands import button

    tab = workspace.logistics
    workspace.tabs.setCurrentWidget(tab)
    for mode, number, start, start_zone, departs, end, end_zone, arrives in JOURNEYS:

        def fill(
            dialog: Any, leg=(mode, number, start, start_zone, departs, end, end_zone, arrives)
        ):
            f = dialog.fields
            set_code(f["mode"].widget, leg[0])
            f["carrier"].widget.setText("airBaltic" if leg[0] == "flight" else "Vy")
            f["number"].widget.setText(leg[1])
            f["from_place"].widget.setText(leg[2])
            f["from_timezone"].widget.setCurrentText(leg[3])
            type_over(qtbot, f["departs"].widget, leg[4])
            f["to_place"].widget.setText(leg[5])
            f["to_timezone"].widget.setCurrentText(leg[6])
            type_over(qtbot, f["arrives"].widget, leg[7])
            press_ok(dialog)

        answer_next_dialog(fill)
        button(tab, "Pievienot posmu…").click()
    assert tab.legs.rowCount() == 3


def correct_days_three_and_four(qtbot, window: MainWindow) -> None:
    """The county asks for half past nine; the university moves to 10:15 and gets its
    full name; one step back and forward again, as a coordinator checks what changed."""
    workspace = window.workspace
    tab = workspace.programme
    workspace.tabs.setCurrentWidget(tab)
    by_title = {item.title: item_id for item_id, item in tab.items.items()}
    tab.select_item(by_title["Vestlandes reģiona padome"])
    type_over(qtbot, tab.form.starts, "0930")
    write(qtbot, tab.form.title_edit, "Vestlandes reģiona padome (Vestland fylkeskommune)")
    tab.select_item(by_title["Bergenas Universitāte"])
    type_over(qtbot, tab.form.starts, "1015")
    assert tab.items[by_title["Bergenas Universitāte"]].starts == dt.datetime(2027, 3, 28, 10, 15)
    window.undo_action.trigger()
    assert tab.items[by_title["Bergenas Universitāte"]].starts == dt.datetime(2027, 3, 28, 9, 0)
    window.redo_action.trigger()
    assert tab.items[by_title["Bergenas Universitāte"]].starts == dt.datetime(2027, 3, 28, 10, 15)


def nothing_moved(window: MainWindow) -> None:
    tab = window.workspace.programme
    window.workspace.tabs.setCurrentWidget(tab)
    local = {item.title: item for item in tab.items.values()}
    assert set(local) == set(EXPECTED)
    for title, (_utc, oslo) in EXPECTED.items():
        item = local[title]
        day = tab.model.index_of(item.id).parent().row()
        assert item.starts.strftime("%H:%M") == oslo, title
        assert DAYS[day] == item.starts.date(), f"{title} is under its own day"
    assert local["Bergenas Universitāte"].ends == dt.datetime(2027, 3, 28, 11, 45)
    # a night in Oslo before the train is a stay: no meeting there is "before arrival"
    assert not any(tab.problems.values()), tab.problems


# --- what the delegates get ------------------------------------------------------------------


def the_calendar_says_the_same_in_two_parsers(cli, db_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "kalendars.ics"
    assert cli("--db", db_path, "export", "ics", CODE, "--out", path).code == 0
    raw = path.read_bytes()
    first = {
        str(event["SUMMARY"]): event["DTSTART"].dt
        for event in icalendar.Calendar.from_ical(raw).walk("VEVENT")
    }
    second = {
        event.summary.value: event.dtstart.value
        for event in vobject.readOne(raw.decode()).vevent_list
    }
    for title, (utc, oslo) in EXPECTED.items():
        for parser, starts in (("icalendar", first[title]), ("vobject", second[title])):
            assert starts.astimezone(UTC).strftime("%Y-%m-%d %H:%M") == utc, (parser, title)
            assert starts.astimezone(OSLO).strftime("%H:%M") == oslo, (parser, title)
    flights = {t: s for t, s in first.items() if "BT" in t}
    home = next(s for t, s in flights.items() if "BT166" in t)
    assert home.astimezone(UTC).strftime("%d %H:%M") == "28 15:10"  # 17:10 Oslo summer time


def the_norwegian_letter_speaks_norwegian(cli, db_path: Path, tmp_path: Path) -> None:
    folder = tmp_path / "vestules"
    run = cli("--db", db_path, "export", "letters", CODE, "--kind", "request", "--out", folder)
    assert run.code == 0, run.err
    letter = folder / f"{CODE}-request-BIR_AS-nb.docx"
    text = " ".join(p.text for p in Document(str(letter)).paragraphs)
    assert "Forespørsel om møte" in text and "Med vennlig hilsen" in text
    assert "Žanete Čudarkina" in text and "Ģirts Šķēle" in text
    assert "Vi ankommer Bergen stasjon fredag 26. mars kl. 15:20 (lokal tid)." in text


def the_programme_has_every_day(cli, db_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "programma.pdf"
    assert cli("--db", db_path, "export", "programme", CODE, "--out", path).code == 0
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())
    for heading in (
        "Ceturtdiena, 25. marts",
        "Piektdiena, 26. marts",
        "Sestdiena, 27. marts",
        "Svētdiena, 28. marts",
    ):
        assert heading in text
    assert "Bergenas Universitāte" in text and "10:15–11:45" in text
    assert "Ilze Ozoliņa" in text and "Žanete Čudarkina" in text
