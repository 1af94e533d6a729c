"""The Participants tab and the participant-list import: problems listed by line before
anything is saved, the mapping changeable, the import one undo step."""

from __future__ import annotations

from pathlib import Path

from app.services.people import list_participations, list_people
from ui.dialogs.import_participants import ImportParticipantsDialog
from ui.main_window import MainWindow

BAD = """Vārds;Uzvārds;E-pasts;Iestāde;Loma;Statuss;Ierašanās;Ēdināšana
Līga;Eglīte;liga@example.lv;Ogres novada dome;delegāts;apstiprināts;06.04.2026;veģetārietis
Ilze;Kalva;ilze@bad;Ogres novada dome;;;;
;Ozols;;;;;;
Pēteris;Liepa;p@example.lv;;boss;yes;2030-01-01;
"""
GOOD = """Vārds;Uzvārds;E-pasts;Iestāde;Loma;Statuss;Ierašanās;Ēdināšana
Līga;Eglīte;liga@example.lv;Ogres novada dome;delegāts;apstiprināts;06.04.2026;veģetārietis
Ilze;Kalva;ilze@example.lv;Ogres novada dome;tulks;;;
"""


def open_tab(qtbot, db, visit):
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.open_visit(visit.id)
    window.workspace.tabs.setCurrentWidget(window.workspace.participants)
    return window, window.workspace.participants


def test_counts_by_status_and_editing_a_participation(qtbot, db, visit):
    import datetime as dt

    _window, tab = open_tab(qtbot, db, visit)
    assert tab.counts.text() == "Confirmed: 2"
    assert tab.model.data(tab.model.index(0, 0)) == "Bērziņš"  # Č after B, Latvian order
    tab.table.selectRow(0)
    tab.status.setCurrentIndex(tab.status.findData("declined"))
    assert tab.counts.text() == "Confirmed: 1 · Declined: 1"
    tab.table.selectRow(0)
    tab.departs.setDate(tab.departs.date().fromString("2026-04-12", "yyyy-MM-dd"))
    assert "outside the visit" in tab.problem.text()  # the visit ends on the 9th
    tab.departs.setDate(tab.departs.date().fromString("2026-04-08", "yyyy-MM-dd"))
    assert [
        p.departs for p in list_participations(db, visit.id) if p.person.family_name == "Bērziņš"
    ] == [dt.date(2026, 4, 8)]


def test_import_lists_every_problem_with_its_line_and_saves_nothing(
    qtbot, db, visit, tmp_path: Path
):
    path = tmp_path / "saraksts.csv"
    path.write_text(BAD, encoding="utf-8")
    dialog = ImportParticipantsDialog(open_tab(qtbot, db, visit)[0].context, visit.id, str(path))
    qtbot.addWidget(dialog)
    problems = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
    # each problem names the column as the file does
    assert problems[0].startswith("line 3: E-pasts")
    assert any(p.startswith("line 4: Vārds") for p in problems)
    assert any(p.startswith("line 5: Loma") for p in problems)
    assert any(p.startswith("line 5: Ierašanās") for p in problems)
    assert not dialog.import_button.isEnabled()
    # a line with a problem is marked at its number, in the error colour, not a red row
    from PySide6.QtCore import Qt

    from ui.icons import status_colour

    model = dialog.preview.model()
    bad = next(
        r
        for r in range(model.rowCount())
        if model.data(model.index(r, 0), Qt.ItemDataRole.ToolTipRole)
    )
    assert model.data(model.index(bad, 0), Qt.ItemDataRole.ForegroundRole) == status_colour("error")
    assert model.data(model.index(bad, 0), Qt.ItemDataRole.DecorationRole) is not None
    assert model.data(model.index(bad, 1), Qt.ItemDataRole.ForegroundRole) is None
    dialog.accept()
    assert len(list_participations(db, visit.id)) == 2


def test_a_clean_file_is_imported_and_undone_in_one_step(
    qtbot, db, visit, tmp_path: Path, monkeypatch
):
    path = tmp_path / "saraksts.csv"
    path.write_text(GOOD, encoding="utf-8")
    window, tab = open_tab(qtbot, db, visit)
    monkeypatch.setattr(
        ImportParticipantsDialog, "exec", lambda dialog: (dialog.accept(), dialog.result())[1]
    )
    assert tab.import_file(str(path))
    parts = {p.person.family_name: p for p in list_participations(db, visit.id)}
    assert parts["Eglīte"].status == "confirmed" and parts["Kalva"].role == "interpreter"
    assert parts["Eglīte"].person.dietary == "veģetārietis"
    assert parts["Eglīte"].person.organisation.name == "Ogres novada dome"
    assert "Invited: 1" in tab.counts.text()
    window.undo_action.trigger()
    assert len(list_participations(db, visit.id)) == 2
    assert {p.family_name for p in list_people(db)} == {"Bērziņš", "Čakste"}
    window.redo_action.trigger()
    assert len(list_participations(db, visit.id)) == 4


def test_changing_the_mapping_rechecks_the_lines(qtbot, db, visit, tmp_path: Path):
    path = tmp_path / "list.csv"
    path.write_text("Who,Mail\nJānis Ozols,janis@example.lv\n", encoding="utf-8")
    dialog = ImportParticipantsDialog(open_tab(qtbot, db, visit)[0].context, visit.id, str(path))
    qtbot.addWidget(dialog)
    assert not dialog.import_button.isEnabled()
    assert "full name" in dialog.problem.text()
    dialog.combos[0].setCurrentIndex(dialog.combos[0].findData("name"))
    dialog.combos[1].setCurrentIndex(dialog.combos[1].findData("email"))
    assert dialog.import_button.isEnabled()
    assert dialog.preview_model.text(0, 1) == "Jānis Ozols"


def test_an_excel_list_is_read_with_its_row_numbers(tmp_path: Path, db, visit):
    import datetime as dt

    from openpyxl import Workbook

    from app.interchange import participants as imp

    book = Workbook()
    sheet = book.active
    sheet.append(["Given name", "Family name", "Arrival"])
    sheet.append(["Gints", "Kalniņš", dt.datetime(2026, 4, 6)])
    sheet.append([None, None, None])
    sheet.append(["Dace", "Bērziņa", dt.datetime(2026, 5, 1)])
    book.save(tmp_path / "list.xlsx")
    table = imp.read_table(tmp_path / "list.xlsx")
    checked = imp.plan(db, visit.id, table, imp.guess_mapping(table.headers))
    assert checked.problems == [
        "line 4: Arrival: 05/01/2026 is outside the visit (04/06/2026 – 04/09/2026)"
    ]


def test_participant_models_pass_the_model_tester(qtmodeltester, qtbot, db, visit):
    _window, tab = open_tab(qtbot, db, visit)
    qtmodeltester.check(tab.model)
    qtmodeltester.check(tab.proxy)


def test_a_line_with_an_unknown_role_shows_no_stray_text(qtbot, db, visit, tmp_path: Path):
    path = tmp_path / "saraksts.csv"
    path.write_text(BAD, encoding="utf-8")
    dialog = ImportParticipantsDialog(open_tab(qtbot, db, visit)[0].context, visit.id, str(path))
    qtbot.addWidget(dialog)
    roles = [dialog.preview_model.text(r, 4) for r in range(dialog.preview_model.rowCount())]
    assert roles == ["Delegate", "Delegate", "Delegate", ""]  # "boss" is listed as a problem


def test_add_from_people_lists_only_those_not_on_the_visit(qtbot, db, visit, monkeypatch):
    from app.services.people import create_person
    from ui.dialogs.person_picker import PersonPicker

    create_person(db, given_name="Māris", family_name="Ozoliņš")
    _window, tab = open_tab(qtbot, db, visit)

    def choose(picker: PersonPicker) -> int:
        picker.search.setText("ozolins")
        assert picker.list.count() == 1
        picker.list.item(0).setSelected(True)
        return 1

    monkeypatch.setattr(PersonPicker, "exec", choose)
    tab.add_from_people()
    assert tab.counts.text() == "Invited: 1 · Confirmed: 2"  # in the order of the statuses
