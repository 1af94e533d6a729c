"""The People form shows the grammatical gender guessed from the name, and changing it is
saved (one undo step, like every field)."""

from __future__ import annotations

from app.services.people import create_person, get_person
from ui.main_window import MainWindow


def test_gender_is_shown_and_changed_in_the_people_form(qtbot, db) -> None:
    made = create_person(db, given_name="Ligita", family_name="Pudža")
    window = MainWindow(db)
    qtbot.addWidget(window)
    page = window.people_page
    page.reload()
    page.select(made.id)
    assert page.gender.currentData() == "female"
    page.gender.setCurrentIndex(page.gender.findData("male"))
    assert get_person(db, made.id).gender == "male"
    window.undo_action.trigger()
    assert get_person(db, made.id).gender == "female"
