"""Institutions and People directories, the Logistics tab, the language switch and a
database closed and opened again."""

from __future__ import annotations

from app.demo import load_demo
from app.services.logistics import list_rooms, list_stays
from app.services.visits import find_visit
from db.engine import Database
from ui.dialogs.form_dialog import FormDialog
from ui.directory.people import mask
from ui.main_window import MainWindow


def test_id_numbers_are_masked_and_search_ignores_diacritics(qtbot, db):
    from app.services.people import create_person

    create_person(db, given_name="Ārija", family_name="Šteinberga", id_document="LV1234567")
    create_person(db, given_name="Gints", family_name="Kalniņš")
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show_section("people")
    page = window.people_page
    page.reload()
    texts = [page.proxy.data(page.proxy.index(r, 6)) for r in range(page.proxy.rowCount())]
    assert "••••••567" in texts and "LV1234567" not in texts
    page.search.setText("steinb")
    assert page.proxy.rowCount() == 1
    assert mask("AB12") == "••••"


def test_a_person_edited_in_the_directory_is_saved(qtbot, db):
    from app.services.people import create_person, get_person

    person = create_person(db, given_name="Edgars", family_name="Vītols")
    window = MainWindow(db)
    qtbot.addWidget(window)
    page = window.people_page
    page.reload()
    page.select(person.id)
    field = page.binder.fields["email"]
    field.widget.setText("nav-epasts")
    field.widget.editingFinished.emit()
    assert "E-mail" in page.problem.text()
    field.widget.setText("edgars@rezekne.lv")
    field.widget.editingFinished.emit()
    assert get_person(db, person.id).email == "edgars@rezekne.lv"
    assert page.problem.text() == ""


def test_institutions_show_their_contacts_and_visits(qtbot, db):
    load_demo(db)
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show_section("institutions")
    page = window.institutions_page
    page.search.setText("hordaland")
    page.table.selectRow(0)
    assert page.contacts.count() >= 1
    visits = [page.appears.item(i).text() for i in range(page.appears.count())]
    assert any("DEMO-BERGEN-2014" in v for v in visits)


def test_nobody_sleeps_in_two_rooms_the_same_night(qtbot, db, monkeypatch):
    load_demo(db)
    visit = find_visit(db, "DEMO-BERGEN-2014")
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.open_visit(visit.id)
    tab = window.workspace.logistics
    window.workspace.tabs.setCurrentWidget(tab)
    stay = list_stays(db, visit.id)[0]
    before = len(list_rooms(db, stay.id))
    taken = list_rooms(db, stay.id)[0].occupants[0]
    seen = {}

    def try_twice(dialog: FormDialog) -> int:
        dialog.fields["label"].widget.setText("430")
        checklist = dialog.fields["occupants"].widget
        for row in range(checklist.count()):
            entry = checklist.item(row)
            if entry.text() == taken.full_name:
                entry.setCheckState(entry.checkState().Checked)
        dialog.accept()
        seen["problem"] = dialog.problem.text()
        return 0

    monkeypatch.setattr(FormDialog, "exec", try_twice)
    assert tab.add_room() is None
    assert taken.full_name in seen["problem"]
    assert len(list_rooms(db, stay.id)) == before


def test_logistics_models_pass_the_model_tester(qtmodeltester, qtbot, db):
    load_demo(db)
    visit = find_visit(db, "DEMO-BERGEN-2014")
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.open_visit(visit.id)
    tab = window.workspace.logistics
    window.workspace.tabs.setCurrentWidget(tab)
    assert tab.legs.rowCount() == 4
    for model in (
        tab.legs,
        tab.stays,
        tab.rooms,
        window.people_page.model,
        window.institutions_page.model,
    ):
        qtmodeltester.check(model)
    departs = tab.legs.data(tab.legs.index(0, 3))
    assert departs.endswith("EEST")  # Riga's summer time at the start, Oslo's at the end
    assert tab.legs.data(tab.legs.index(0, 5)).endswith("CEST")


def test_the_language_switch_rebuilds_the_window_in_latvian(qtbot, db):
    from app.config import interface_language

    window = MainWindow(db)
    qtbot.addWidget(window)
    window.language_actions["lv"].trigger()
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus[0] == "&Fails"
    assert window.nav.item(0).text() == "Vizītes"
    assert interface_language() == "lv"  # and on the next start


def test_everything_is_still_there_after_closing_and_reopening(qtbot, db_path):
    import datetime as dt

    db = Database(f"sqlite:///{db_path}")
    window = MainWindow(db)
    qtbot.addWidget(window)
    page = window.visits_page
    from app.services.visits import create_visit

    visit = create_visit(
        db,
        code="RE-OPEN",
        title="Vizīte",
        timezone="Europe/Riga",
        start_date=dt.date(2026, 6, 1),
        end_date=dt.date(2026, 6, 2),
    )
    page.reload()
    window.open_visit(visit.id)
    programme = window.workspace.programme
    window.workspace.tabs.setCurrentWidget(programme)
    programme.add_item()
    programme.form.title_edit.setText("Tikšanās ar Jūrmalas domi")
    programme.form.title_edit.editingFinished.emit()
    window.close()
    db.dispose()

    again_db = Database(f"sqlite:///{db_path}")
    try:
        again = MainWindow(again_db)
        qtbot.addWidget(again)
        assert "RE-OPEN" in again.visits_page.shown_codes()
        again.open_visit(visit.id)
        tab = again.workspace.programme
        again.workspace.tabs.setCurrentWidget(tab)
        assert [i.title for i in tab.model.all_items()] == ["Tikšanās ar Jūrmalas domi"]
    finally:
        again_db.dispose()


def test_merging_a_duplicate_person_moves_their_visits_and_undoes_whole(qtbot, db, answer_yes):
    import datetime as dt

    from app.services.people import add_participant, create_person, list_participations
    from app.services.programme import create_programme_item, get_programme_item
    from app.services.visits import create_visit

    visit = create_visit(
        db,
        code="MERGE",
        title="Vizīte",
        timezone="Europe/Riga",
        start_date=dt.date(2026, 5, 4),
        end_date=dt.date(2026, 5, 5),
    )
    keep = create_person(db, given_name="Gints", family_name="Kalniņš", email="gints@lps.lv")
    twin = create_person(db, given_name="Gints", family_name="Kalnins")
    add_participant(db, visit.id, twin.id, role="head", status="confirmed")
    item = create_programme_item(
        db,
        visit.id,
        title="Tikšanās",
        starts=dt.datetime(2026, 5, 4, 10),
        ends=dt.datetime(2026, 5, 4, 11),
        attendees=[twin.id],
    )
    window = MainWindow(db)
    qtbot.addWidget(window)
    page = window.people_page
    page.reload()
    assert page.merge_into(twin.id, keep.id, "Gints Kalnins", "Gints Kalniņš")
    assert "Gints Kalnins" in answer_yes[0]
    parts = list_participations(db, visit.id)
    assert [(p.person_id, p.role, p.status) for p in parts] == [(keep.id, "head", "confirmed")]
    assert [p.id for p in get_programme_item(db, item.id).attendees] == [keep.id]
    assert page.model.row_of(twin.id) == -1
    window.undo_action.trigger()
    assert [p.person_id for p in list_participations(db, visit.id)] == [twin.id]
    assert [p.id for p in get_programme_item(db, item.id).attendees] == [twin.id]
    window.redo_action.trigger()
    assert [p.person_id for p in list_participations(db, visit.id)] == [keep.id]


def test_merging_a_duplicate_institution_moves_hosts_contacts_and_people(qtbot, db, answer_yes):
    import datetime as dt

    from app.services.directory import create_contact, create_organisation, list_contacts
    from app.services.people import create_person, get_person
    from app.services.programme import create_programme_item, get_programme_item
    from app.services.visits import create_visit, get_visit

    keep = create_organisation(db, name="Bergen kommune", country="NO")
    twin = create_organisation(db, name="Bergenas pašvaldība", country="NO")
    contact = create_contact(db, twin.id, name="Hilde Myklebust")
    visit = create_visit(
        db,
        code="ORG",
        title="Vizīte",
        timezone="Europe/Oslo",
        organiser_id=twin.id,
        start_date=dt.date(2026, 5, 4),
        end_date=dt.date(2026, 5, 5),
    )
    item = create_programme_item(
        db,
        visit.id,
        title="Rātsnams",
        host_id=twin.id,
        contact_id=contact.id,
        starts=dt.datetime(2026, 5, 4, 10),
        ends=dt.datetime(2026, 5, 4, 11),
    )
    person = create_person(db, given_name="Kjetil", family_name="Sandvik", organisation_id=twin.id)
    window = MainWindow(db)
    qtbot.addWidget(window)
    page = window.institutions_page
    page.reload()
    assert page.merge_into(twin.id, keep.id, twin.name, keep.name)
    moved = get_programme_item(db, item.id)
    assert moved.host_id == keep.id and moved.contact.name == "Hilde Myklebust"
    assert [c.name for c in list_contacts(db, keep.id)] == ["Hilde Myklebust"]
    assert get_visit(db, visit.id).organiser_id == keep.id
    assert get_person(db, person.id).organisation_id == keep.id
    window.undo_action.trigger()
    back = get_programme_item(db, item.id)
    assert (back.host_id, back.contact_id) == (twin.id, contact.id)
    assert get_visit(db, visit.id).organiser_id == twin.id
    assert list_contacts(db, keep.id) == []


def test_a_flight_is_entered_in_the_local_time_of_each_end(qtbot, db, monkeypatch):
    import datetime as dt

    from app.services.logistics import list_travel
    from app.services.visits import create_visit

    visit = create_visit(
        db,
        code="FLY",
        title="Lidojums",
        timezone="Europe/Oslo",
        start_date=dt.date(2026, 4, 6),
        end_date=dt.date(2026, 4, 9),
    )
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.open_visit(visit.id)
    tab = window.workspace.logistics
    window.workspace.tabs.setCurrentWidget(tab)

    def fill(dialog: FormDialog) -> int:
        f = dialog.fields
        f["carrier"].widget.setText("airBaltic")
        f["number"].widget.setText("BT 151")
        f["from_place"].widget.setText("Rīga (RIX)")
        f["to_place"].widget.setText("Bergen (BGO)")
        f["departs"].show(dt.datetime(2026, 4, 6, 9, 5))
        f["arrives"].show(
            dt.datetime(2026, 4, 6, 8, 35)
        )  # "before" 9:05, yet later: Oslo is behind
        dialog.accept()
        return 1

    monkeypatch.setattr(FormDialog, "exec", fill)
    assert tab.add_leg() is not None
    leg = list_travel(db, visit.id)[0]
    assert (leg.from_timezone, leg.to_timezone) == ("Europe/Riga", "Europe/Oslo")
    assert leg.arrives_utc - leg.departs_utc == dt.timedelta(minutes=30)
    assert tab.legs.data(tab.legs.index(0, 3)).endswith("09:05 EEST")


def _shown_window(qtbot, db, code: str | None = "DEMO-BERGEN-2014") -> MainWindow:
    """The window, shown and active (shortcuts need a focused widget), with the demo data;
    the visit ``code`` opened."""
    load_demo(db)
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    if code is not None:
        window.open_visit(find_visit(db, code).id)
    window.activateWindow()
    return window


def _press_on(qtbot, table, key, then_focused=None) -> None:
    """Press ``key`` on the focused ``table``; wait for the focus to move if asked."""
    from PySide6.QtWidgets import QApplication

    table.window().activateWindow()
    table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is table)
    qtbot.keyClick(table, key)
    if then_focused is not None:
        qtbot.waitUntil(lambda: QApplication.focusWidget() is then_focused)


def test_logistics_tables_answer_enter_f2_and_delete(qtbot, db, monkeypatch):
    """Keyboard users edit a leg with Enter or F2 and delete it with Delete."""
    from PySide6.QtCore import Qt

    window = _shown_window(qtbot, db)
    tab = window.workspace.logistics
    window.workspace.tabs.setCurrentWidget(tab)
    calls: list[str] = []
    monkeypatch.setattr(tab, "edit_leg", lambda: calls.append("edit"))
    monkeypatch.setattr(tab, "delete_leg", lambda: calls.append("delete"))
    tab.leg_table.selectRow(0)
    for key in (Qt.Key.Key_Return, Qt.Key.Key_F2, Qt.Key.Key_Delete):
        _press_on(qtbot, tab.leg_table, key)
    assert calls == ["edit", "edit", "delete"]


def test_enter_and_f2_in_a_directory_go_to_the_form(qtbot, db):
    from PySide6.QtCore import Qt

    window = _shown_window(qtbot, db, code=None)
    window.show_section("people")
    page = window.people_page
    page.table.setFocus()
    page.table.selectRow(0)
    qtbot.waitUntil(lambda: page.binder.row_id is not None)
    first = next(iter(page.binder.fields.values())).widget
    for key in (Qt.Key.Key_F2, Qt.Key.Key_Return):
        _press_on(qtbot, page.table, key, then_focused=first)


def test_enter_and_f2_on_participants_go_to_the_form(qtbot, db):
    from PySide6.QtCore import Qt

    window = _shown_window(qtbot, db)
    tab = window.workspace.participants
    window.workspace.tabs.setCurrentWidget(tab)
    tab.table.selectRow(0)
    for key in (Qt.Key.Key_F2, Qt.Key.Key_Return):
        _press_on(qtbot, tab.table, key, then_focused=tab.role)
