"""The budget lines table (issue 10, item 10): sorted by a click on a header, several lines
chosen take a funding source or a category at once as one undo step, and the line just
edited stays the current one."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import QItemSelectionModel, Qt

from app.services import budget, visits
from ui.main_window import MainWindow


def _budget_tab(qtbot, db):
    visit = visits.create_visit(
        db,
        code="LPR-TRD",
        title="Vidzeme–Trondheima",
        country="NO",
        city="Trondheim",
        timezone="Europe/Oslo",
        start_date=dt.date(2027, 5, 4),
        end_date=dt.date(2027, 5, 7),
    )
    grant = budget.create_funding_source(db, visit.id, name="EEZ grants", share="85")
    own = budget.create_funding_source(
        db, visit.id, name="Vidzemes plānošanas reģions <pašu> & līdzekļi", share="15"
    )
    for n in range(12):
        budget.create_budget_line(
            db,
            visit.id,
            category="travel" if n < 6 else "catering",
            description=f"Rinda {n:02d} — Trondheima",
            quantity=str(n + 1),
            unit_price="100.50",
            currency="EUR",
            funding_source_id=grant.id,
        )
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    window.open_visit(visit.id)
    tab = window.workspace._tab("budget")
    window.workspace.tabs.setCurrentWidget(tab)
    return window, tab, visit, grant, own


def _descriptions(tab) -> list[str]:
    return [tab.model.row_at(r).line.description for r in range(tab.model.rowCount())]


def test_sorting_choosing_several_and_one_undo_step(qtbot, db):
    window, tab, visit, grant, own = _budget_tab(qtbot, db)
    header = tab.lines.horizontalHeader()
    planned = next(i for i, c in enumerate(tab.model.columns) if c.header == "Planned")
    assert tab.lines.isSortingEnabled()
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=_section_centre(header, planned)
    )
    order = [tab.model.row_at(r).planned for r in range(tab.model.rowCount())]
    assert order in (sorted(order), sorted(order, reverse=True))
    tab.lines.sortByColumn(planned, Qt.SortOrder.DescendingOrder)
    assert _descriptions(tab)[0].startswith("Rinda 11")

    chosen = tab.lines.selectionModel()
    tab.lines.setCurrentIndex(tab.model.index(8, 0))
    for row in (8, 9, 10, 11):  # the four cheapest: Rinda 03 … 00
        chosen.select(
            tab.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
    ids = tab.chosen_line_ids()
    assert len(ids) == 4
    dialog = tab.change_chosen(exec_dialog=False)
    dialog.accept()  # nothing chosen to change: says so, saves nothing
    assert dialog.problem.text()
    dialog.source.setCurrentIndex(dialog.source.findData(own.id))
    dialog.category.setCurrentIndex(dialog.category.findData("other"))
    dialog.accept()
    lines = {line.id: line for line in budget.list_budget_lines(db, visit.id)}
    assert {(lines[i].funding_source_id, lines[i].category) for i in ids} == {(own.id, "other")}
    assert sum(1 for line in lines.values() if line.funding_source_id == own.id) == 4
    assert sorted(tab.chosen_line_ids()) == sorted(ids)  # still chosen after the reload
    assert _descriptions(tab)[0].startswith("Rinda 11")  # still sorted

    window.context.stack.undo()  # one step for the four
    lines = budget.list_budget_lines(db, visit.id)
    assert all(line.funding_source_id == grant.id for line in lines)
    assert [line.category for line in lines] == ["travel"] * 6 + ["catering"] * 6
    window.context.stack.redo()
    assert (
        sum(1 for line in budget.list_budget_lines(db, visit.id) if line.category == "other") == 4
    )


def test_the_edited_line_stays_current(qtbot, db):
    _window, tab, _visit, _grant, _own = _budget_tab(qtbot, db)
    tab.lines.setCurrentIndex(tab.model.index(9, 0))
    line_id = tab.model.row_at(9).line.id
    dialog = tab.edit_line(exec_dialog=False)
    dialog.unit_price.setText("99,99")
    dialog.accept()
    assert budget.get_budget_line(db, line_id).unit_price == Decimal("99.99")
    assert tab.model.row_at(tab.lines.currentIndex().row()).line.id == line_id


def _section_centre(header, section):
    from PySide6.QtCore import QPoint

    x = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
    return QPoint(x, header.height() // 2)
