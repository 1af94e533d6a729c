"""The Report tab lists follow-ups by due date (undated last), like the Follow-ups section,
not in the order they were typed; a click on a column's header sorts by that column."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPoint, Qt

from ui.main_window import MainWindow
from ui.widgets.fields import put_date


def _report_tab(qtbot, db, visit_id):
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.open_visit(visit_id)
    tab = window.workspace._tab("report")
    window.workspace.tabs.setCurrentWidget(tab)
    window.show()
    qtbot.waitExposed(window)
    tab.reload()
    return window, tab


def _column(tab, column: int) -> list[str]:
    tree = tab.follow_ups
    return [tree.topLevelItem(i).text(column) for i in range(tree.topLevelItemCount())]


def _click_header(qtbot, tab, column: int) -> None:
    header = tab.follow_ups.header()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2)
    )


def _typed(db, visit_id) -> None:
    """Four follow-ups typed in an order that is not their due dates' order."""
    from app.services.reports import create_follow_up, create_report

    report = create_report(db, visit_id)
    for action, owner, due in (
        ("Nosūtīt pateicības vēstules", "Zane", dt.date(2023, 6, 1)),
        ("Apkopot atziņas valdei", "Ēriks", None),
        ("Ārējais audits", "Anna", dt.date(2023, 3, 15)),
        ("Čeku atskaite", "", dt.date(2023, 9, 30)),
    ):
        create_follow_up(db, report.id, action=action, owner=owner or None, due=due)


def test_a_new_action_due_in_2020_comes_before_the_2023_ones(qtbot, db, visit):
    _typed(db, visit.id)
    _window, tab = _report_tab(qtbot, db, visit.id)
    assert _column(tab, 0) == [
        "Ārējais audits",
        "Nosūtīt pateicības vēstules",
        "Čeku atskaite",
        "Apkopot atziņas valdei",
    ]  # undated last

    tab.action_text.setText("Atbildēt Bergenas kolēģiem")
    put_date(tab.action_due, dt.date(2020, 1, 1))
    tab.add_action_button.click()
    assert _column(tab, 0)[0] == "Atbildēt Bergenas kolēģiem"
    assert _column(tab, 0)[-1] == "Apkopot atziņas valdei"


def test_clicking_a_header_sorts_by_that_column(qtbot, db, visit):
    _typed(db, visit.id)
    _window, tab = _report_tab(qtbot, db, visit.id)

    _click_header(qtbot, tab, 0)  # Action, A to Ž: Ā with A, Č after C
    assert _column(tab, 0) == [
        "Apkopot atziņas valdei",
        "Ārējais audits",
        "Čeku atskaite",
        "Nosūtīt pateicības vēstules",
    ]
    _click_header(qtbot, tab, 0)  # again: the other way round
    assert _column(tab, 0)[0] == "Nosūtīt pateicības vēstules"

    _click_header(qtbot, tab, 1)  # Owner: the one without an owner last
    assert _column(tab, 1) == ["Anna", "Ēriks", "Zane", ""]

    _click_header(qtbot, tab, 2)  # Due: by date, not by the text "15 Mar 2023" < "1 Jun…"
    assert _column(tab, 0) == [
        "Ārējais audits",
        "Nosūtīt pateicības vēstules",
        "Čeku atskaite",
        "Apkopot atziņas valdei",
    ]


def test_the_chosen_order_stays_after_an_edit(qtbot, db, visit):
    _typed(db, visit.id)
    _window, tab = _report_tab(qtbot, db, visit.id)
    _click_header(qtbot, tab, 1)
    before = _column(tab, 1)
    tab.follow_ups.setCurrentItem(tab.follow_ups.topLevelItem(0))
    tab.mark_done()  # the change reloads the list
    assert _column(tab, 1) == before
    assert _column(tab, 3)[0] == "Done"
