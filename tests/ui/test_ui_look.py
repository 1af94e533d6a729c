"""The window's look, as a new coordinator meets it: a toolbar with the actions used most,
sections with icons and the count of open follow-ups, visit statuses as coloured chips,
and an empty list that says what to do next."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QLabel

from ui.main_window import SECTIONS, MainWindow
from ui.models.visits_model import COL_STATUS
from ui.widgets.chips import CODE_ROLE, VISIT_STATE, ChipDelegate


def _window(qtbot, db):  # type: ignore[no-untyped-def]
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    return window


def test_the_toolbar_holds_the_main_actions_with_icons_and_they_work(qtbot, db, visit) -> None:
    window = _window(qtbot, db)
    actions = [a for a in window.toolbar.actions() if not a.isSeparator()]
    assert actions == [
        window.new_action,
        window.open_visit_action,
        window.undo_action,
        window.redo_action,
        window.documents_action,
        window.find_action,
    ]
    assert all(not a.icon().isNull() for a in actions)
    assert window.undo_action.iconText() == "Undo"  # one word on the button
    # Open visit opens the one chosen in the register; Documents shows its Documents tab
    window.visits_page.select_visit(visit.id)
    window.open_visit_action.trigger()
    assert window.workspace is not None and window.workspace.visit_id == visit.id
    window.documents_action.trigger()
    assert window.workspace.tabs.currentWidget() is window.workspace._tab("documents")
    # every toolbar action is in a menu too (the keyboard path stays)
    in_menus = {
        a
        for menu in window.menuBar().findChildren(type(window.menuBar().addMenu("x")))
        for a in menu.actions()
    }
    assert {
        window.new_action,
        window.undo_action,
        window.redo_action,
        window.find_action,
    } <= in_menus


def test_sections_have_icons_and_follow_ups_show_how_many_are_open(qtbot, db, visit) -> None:
    from app.services.reports import create_follow_up, create_report

    window = _window(qtbot, db)
    assert all(not window.nav.item(r).icon().isNull() for r in range(len(SECTIONS)))
    row = SECTIONS.index("followups")
    assert window.nav.item(row).text() == "Follow-ups"
    report = create_report(db, visit.id)
    for n in range(3):
        create_follow_up(
            db, report.id, action=f"Darbība {n}", owner="Anna", due=dt.date(2030, 1, 1 + n)
        )
    window.context.notify()
    assert window.nav.item(row).text() == "Follow-ups (3)"


def test_statuses_are_chips_and_an_empty_register_says_what_to_do(qtbot, db) -> None:
    window = _window(qtbot, db)
    empty = window.visits_page.findChild(QLabel, "empty_state")
    assert empty.isVisible() and "New visit" in empty.text()
    from app.services.visits import create_visit

    create_visit(
        db,
        code="V-1",
        title="Vizīte",
        country="NO",
        city="Bergen",
        timezone="Europe/Oslo",
        start_date=dt.date(2027, 4, 6),
        end_date=dt.date(2027, 4, 9),
        status="cancelled",
    )
    window.visits_page.reload()
    assert not empty.isVisible()
    model = window.visits_page.table.model()
    index = model.index(0, COL_STATUS)
    assert model.data(index, CODE_ROLE) == "cancelled" and VISIT_STATE["cancelled"] == "error"
    assert isinstance(window.visits_page.table.itemDelegateForColumn(COL_STATUS), ChipDelegate)
    window.visits_page.filter_edit.setText("nothing like this")
    assert empty.isVisible() and "Clear the search" in empty.text()
    image = window.visits_page.table.grab()  # the chip paints without error
    assert not image.isNull()
