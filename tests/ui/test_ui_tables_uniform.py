"""Lists read alike: numbers right-aligned, dates written as the date fields write them
(one format in the window, Latvian and English), and one row height in every list."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt

from app.i18n import set_language
from tests.ui.conftest import open_tab
from ui.main_window import MainWindow
from ui.models.visits_model import COL_CODE, COL_PARTICIPANTS, COL_START
from ui.widgets.fields import date_edit

RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def _aligned(model, row: int, column: int):  # type: ignore[no-untyped-def]
    value = model.data(model.index(row, column), Qt.ItemDataRole.TextAlignmentRole)
    return int(value) if value is not None else None


def _field_text(day: dt.date) -> str:
    edit = date_edit()
    edit.setDate(QDate(day.year, day.month, day.day))
    return edit.text()


@pytest.mark.parametrize(("lang", "written"), [("lv", "06.04.2026"), ("en", "04/06/2026")])
def test_register_and_participants_write_dates_as_the_fields_do(qtbot, db, visit, lang, written):
    set_language(lang)
    try:
        window = MainWindow(db)
        qtbot.addWidget(window)
        model = window.visits_page.table.model()
        assert model.data(model.index(0, COL_START)) == written == _field_text(dt.date(2026, 4, 6))
        assert _aligned(model, 0, COL_PARTICIPANTS) == RIGHT
        assert _aligned(model, 0, COL_CODE) is None  # text stays at the left
        window.open_visit(visit.id)
        tab = window.workspace.participants
        window.workspace.tabs.setCurrentWidget(tab)
        tab.table.selectRow(0)
        tab.arrives.setDate(QDate(2026, 4, 6))
        tab.arrives.editingFinished.emit()
        arrives = [c.header for c in tab.model.columns].index("Arrives")
        texts = {tab.model.data(tab.model.index(r, arrives)) for r in range(tab.model.rowCount())}
        assert written in texts
    finally:
        set_language("en")


def test_budget_amounts_are_right_aligned_and_rows_are_one_height(qtbot, db, visit):
    from app.services.budget import create_budget_line

    for n in range(3):
        create_budget_line(
            db,
            visit.id,
            category="accommodation",
            description=f"Viesnīca {n}",
            quantity="2",
            unit_price="95.50",
            currency="EUR",
        )
    window, tab = open_tab(qtbot, db, visit.id, "budget")
    window.resize(1024, 700)
    window.show()
    table = tab.lines
    model = table.model()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert _aligned(model, 0, headers.index("Planned")) == RIGHT
    assert _aligned(model, 0, headers.index("Description")) is None
    heights = {table.rowHeight(r) for r in range(model.rowCount())}
    register = window.visits_page.table
    window.workspace.tabs.setCurrentWidget(window.workspace.participants)
    participants = window.workspace.participants.table
    assert len(heights) == 1
    assert (
        heights
        == {register.verticalHeader().defaultSectionSize()}
        == {participants.verticalHeader().defaultSectionSize()}
    )
    assert heights.pop() >= table.fontMetrics().height() + 6  # a line with room around it


def test_programme_and_one_line_trees_have_uniform_rows(qtbot, db, visit):
    """The programme, follow-ups and the statistics' visits are one line a row: Qt gives
    them one height (the wrapping ones, a report's follow-ups, measure each row)."""
    window, tab = open_tab(qtbot, db, visit.id, "programme")
    assert tab.tree.uniformRowHeights()
    window.show_section("followups")
    assert window.stack.currentWidget().table.uniformRowHeights()
    window.show_section("statistics")
    assert window.stack.currentWidget().visits.uniformRowHeights()
    report = window.workspace._tab("report")
    assert not report.follow_ups.uniformRowHeights()  # wrapped rows keep their heights
