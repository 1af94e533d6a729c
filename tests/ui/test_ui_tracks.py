"""Parallel tracks: people are placed on tracks in one step, the Programme tab warns while a
track has nobody, and each person's itinerary then holds only their own track."""

from __future__ import annotations

import datetime as dt

import pytest

from app.documents.data import load_visit
from app.documents.itinerary import own_items
from app.services.programme import create_programme_item, list_programme
from app.services.tracks import track_plan
from ui.main_window import MainWindow

ENERGY, WASTE = "Enerģētika", "Atkritumi"


@pytest.fixture
def parallel(db, visit):
    """Day 2 of the Bergen visit: a plenary, then two sessions at once in two tracks."""
    day = dt.date(2026, 4, 7)
    made = {}
    for title, track, start, end in (
        ("Kopīgā sesija", None, 9, 10),
        ("BIR enerģijas stacija", ENERGY, 10, 12),
        ("Vējparks Fedje", ENERGY, 13, 15),
        ("Atkritumu šķirošana", WASTE, 10, 12),
        ("Poligons Rådalen", WASTE, 13, 15),
    ):
        made[title] = create_programme_item(
            db,
            visit.id,
            title=title,
            track=track,
            starts=dt.datetime.combine(day, dt.time(start)),
            ends=dt.datetime.combine(day, dt.time(end)),
        ).id
    return made


def programme_tab(qtbot, db, visit):
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.open_visit(visit.id)
    tab = window.workspace.programme
    window.workspace.tabs.setCurrentWidget(tab)
    return window, tab


def person_ids(db, visit):
    plan = track_plan(db, visit.id)
    return {name: person_id for person_id, name in plan.people}


def test_until_people_are_placed_the_tab_says_so(qtbot, db, visit, parallel):
    _window, tab = programme_tab(qtbot, db, visit)
    assert tab.tracks_button.isVisibleTo(tab)
    assert "not yet assigned to the parallel tracks" in tab.tracks_note.text()
    assert ENERGY in tab.tracks_note.text() and WASTE in tab.tracks_note.text()


def test_placing_everyone_in_one_step_and_each_itinerary_shows_only_their_track(
    qtbot, db, visit, parallel
):
    window, tab = programme_tab(qtbot, db, visit)
    dialog = tab.assign_tracks(exec_dialog=False)
    assert "nobody yet" in dialog.counts.text()
    people = person_ids(db, visit)
    dialog.set_track(people["Jānis Bērziņš"], ENERGY)
    dialog.share_evenly()  # Anna goes to the emptier track
    assert dialog.chosen()[people["Anna Čakste"]] == WASTE
    dialog.ok_button.click()

    assert "⚠" not in tab.tracks_note.text()
    assert f"{ENERGY} (1)" in tab.tracks_note.text()
    doc = load_visit(db, visit.id)
    seen = {p.full_name: {i.title for i in own_items(doc, p)} for p in doc.people}
    assert seen["Jānis Bērziņš"] == {"Kopīgā sesija", "BIR enerģijas stacija", "Vējparks Fedje"}
    assert seen["Anna Čakste"] == {"Kopīgā sesija", "Atkritumu šķirošana", "Poligons Rådalen"}
    assert not any(tab.problems.values())

    window.undo_action.trigger()  # the whole assignment is one step
    assert all(item.attendees_all for item in list_programme(db, visit.id))
    assert "not yet assigned" in tab.tracks_note.text()
    assert window.statusBar().currentMessage() == "Undone: Assign people to tracks"


def test_a_track_with_nobody_is_warned_about(qtbot, db, visit, parallel):
    _window, tab = programme_tab(qtbot, db, visit)
    dialog = tab.assign_tracks(exec_dialog=False)
    for person_id in dialog.combos:
        dialog.set_track(person_id, ENERGY)
    dialog.ok_button.click()
    assert f"Nobody is assigned to the track “{WASTE}”." in tab.tracks_note.text()
    reopened = tab.assign_tracks(exec_dialog=False)  # the dialog shows where people are
    assert set(reopened.chosen().values()) == {ENERGY}


def test_a_programme_without_tracks_shows_nothing_about_them(qtbot, db, visit):
    _window, tab = programme_tab(qtbot, db, visit)
    tab.add_item("Brokastis")
    assert not tab.tracks_button.isVisibleTo(tab)
    assert not tab.tracks_note.isVisibleTo(tab)
