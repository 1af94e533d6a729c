"""Pickers find an institution by any of its names and a person by full name, without
accents; quick "New…" asks before making a look-alike; dialogs open on their first field,
with the fields a user needs (issue 10, items 5 and 6)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QMessageBox

from app.services import directory, people
from ui.context import Context

NTNU_LV = "Norvēģijas Zinātnes un tehnoloģiju universitāte (NTNU)"


@pytest.fixture
def crowded(db):
    """Forty institutions and forty people; the ones looked for come late in the list."""
    for n in range(40):
        org = directory.create_organisation(db, name=f"Ābeles pašvaldība {n:02d}", city="Cēsis")
        people.create_person(
            db, given_name=f"Persona{n:02d}", family_name="Ozola", organisation_id=org.id
        )
    ntnu = directory.create_organisation(
        db,
        name="Trondheimas universitāte",
        name_original="Norges teknisk-naturvitenskapelige universitet",
        name_en="Norwegian University of Science and Technology",
        city="Trondheim",
        country="NO",
    )
    janis = people.create_person(
        db, given_name="Jānis", family_name="Bērziņš", organisation_id=ntnu.id
    )
    return ntnu, janis


def _answer(monkeypatch, answer):
    asked: list[str] = []

    def question(parent, title, text, *args, **kwargs):
        asked.append(text)
        return answer

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def test_the_institution_chooser_finds_an_abbreviation_and_the_english_name(
    qtbot, db, crowded, monkeypatch
):
    from ui.dialogs import chooser

    ntnu, _janis = crowded
    seen: list[list[str]] = []

    def type_then_enter(dialog):
        for typed in ("ntnu", "NORWEGIAN univ", "trondheimas universitate"):
            dialog.search.setText(typed)
            seen.append([dialog.list.item(i).text() for i in range(dialog.list.count())])
        dialog.show()
        qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
        return dialog.result()

    monkeypatch.setattr(chooser.ChooserDialog, "exec", type_then_enter)
    widget = QLineEdit()
    qtbot.addWidget(widget)
    chosen = chooser.choose_organisation(db, widget)
    assert all(texts == ["Trondheimas universitāte (Trondheim, Norway)"] for texts in seen), seen
    assert chosen is not None and chosen[0] == ntnu.id


def test_add_from_people_finds_the_full_name_and_enter_adds_it(qtbot, db, crowded):
    from ui.dialogs.person_picker import PersonPicker

    _ntnu, janis = crowded
    picker = PersonPicker(db, set(), None)
    qtbot.addWidget(picker)
    picker.show()
    qtbot.keyClicks(picker.search, "berzins janis")
    assert picker.list.count() == 1
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert picker.result() == QDialog.DialogCode.Accepted and picker.chosen() == [janis.id]
    picker = PersonPicker(db, set(), None)
    qtbot.addWidget(picker)
    picker.search.setText("ntnu")  # by the organisation's abbreviation too
    assert picker.chosen() == [janis.id]


def test_the_directory_pages_search_every_name(qtbot, db, crowded):
    from ui.main_window import MainWindow

    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show_section("institutions")
    page = window.institutions_page
    page.search.setText("ntnu")
    assert [page.model.row_at(i).name for i in range(page.model.rowCount())] == [
        "Trondheimas universitāte"
    ]
    window.show_section("people")
    page = window.people_page
    page.search.setText("berzins janis")
    assert page.model.rowCount() == 1 and page.model.row_at(0).family_name == "Bērziņš"
    assert directory.list_organisations(db, text="Norwegian technology")[0].city == "Trondheim"
    assert [p.given_name for p in people.list_people(db, text="BERZINS")] == ["Jānis"]


def test_a_new_institution_that_looks_like_one_there_is_asked_about(
    qtbot, db, crowded, monkeypatch
):
    from ui.dialogs.quick_create import QuickDialog, create_organisation_quickly

    context = Context(db)
    outcomes: list[QuickDialog] = []

    def type_ntnu(dialog):
        dialog.edits["name"].setText("NTNU")
        dialog.edits["city"].setText("Trondheim")
        dialog.accept()
        outcomes.append(dialog)
        return dialog.result()

    monkeypatch.setattr(QuickDialog, "exec", type_ntnu)
    asked = _answer(monkeypatch, QMessageBox.StandardButton.No)
    assert create_organisation_quickly(context, None) is None
    assert "Trondheimas universitāte" in asked[0] and outcomes[0].isVisible() is False
    assert len(directory.list_organisations(db)) == 41  # nothing made
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Yes)
    made = create_organisation_quickly(context, None)
    assert made is not None and len(asked) == 1
    assert directory.get_organisation(db, made).name == "NTNU"
    context.stack.undo()
    assert len(directory.list_organisations(db)) == 41

    asked = _answer(monkeypatch, QMessageBox.StandardButton.No)
    monkeypatch.setattr(
        QuickDialog,
        "exec",
        lambda d: (d.edits["name"].setText("Bergen kommune"), d.accept(), d.result())[-1],
    )
    assert create_organisation_quickly(context, None) is not None and asked == []


def test_a_new_person_has_an_organisation_and_a_namesake_is_asked_about(
    qtbot, db, crowded, monkeypatch
):
    from ui.dialogs.quick_create import QuickDialog, create_person_quickly

    ntnu, _janis = crowded
    context = Context(db)
    sizes = []

    def fill(dialog):
        sizes.append(dialog.minimumWidth())
        dialog.edits["given_name"].setText("Janis")
        dialog.edits["family_name"].setText("Berzins")
        dialog.pickers["organisation_id"].pick(ntnu.id, "Trondheimas universitāte")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(QuickDialog, "exec", fill)
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Yes)
    person_id = create_person_quickly(context, None)
    assert "Jānis Bērziņš — Trondheimas universitāte" in asked[0]
    assert people.get_person(db, person_id).organisation_id == ntnu.id
    assert sizes[0] >= 400


def test_a_contact_is_asked_for_a_full_name(qtbot, db, crowded, monkeypatch):
    from ui.dialogs.quick_create import QuickDialog, create_contact_quickly

    ntnu, _janis = crowded
    labels = []

    def look(dialog):
        from PySide6.QtWidgets import QFormLayout

        form = dialog.findChild(QFormLayout)
        labels.append(form.labelForField(dialog.edits["name"]).text())
        return 0

    monkeypatch.setattr(QuickDialog, "exec", look)
    create_contact_quickly(Context(db), ntnu.id, None)
    assert labels == ["Full &name"]


@pytest.mark.parametrize("which", ["rate", "source"])
def test_budget_dialogs_open_on_the_first_field_and_enter_does_not_save_nothing(qtbot, db, which):
    from app.services.budget import list_exchange_rates, list_funding_sources
    from app.services.visits import create_visit
    from ui.main_window import MainWindow

    visit = create_visit(
        db,
        code="LPR-TRD",
        title="Vidzeme–Trondheima",
        country="NO",
        city="Trondheim",
        timezone="Europe/Oslo",
        start_date=dt.date(2027, 5, 4),
        end_date=dt.date(2027, 5, 7),
    )
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    window.open_visit(visit.id)
    tab = window.workspace._tab("budget")
    window.workspace.tabs.setCurrentWidget(tab)
    dialog = (
        tab.add_rate(exec_dialog=False) if which == "rate" else tab.add_source(exec_dialog=False)
    )
    dialog.show()
    first = dialog.currency if which == "rate" else dialog.name
    qtbot.waitUntil(lambda: QApplication.focusWidget() is first, timeout=2000)
    assert dialog.focusWidget() is first
    qtbot.keyClick(first, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.problem.text()
    count = (
        len(list_exchange_rates(db, visit.id))
        if which == "rate"
        else len(list_funding_sources(db, visit.id))
    )
    assert count == 0
