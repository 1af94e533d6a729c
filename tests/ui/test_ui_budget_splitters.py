"""The Budget tab's panes: the rates, sources, totals and warnings fold away by dragging
their edge so the lines take the height, and each splitter is where the user left it
when the visit is opened again (after a restart too: kept in the window's settings)."""

from __future__ import annotations

from tests.ui.conftest import open_budget
from ui.settings import load_bytes


def test_folded_panes_are_remembered_for_the_next_window(qtbot, db, visit) -> None:
    window, tab = open_budget(qtbot, db, visit.id)
    window.resize(1024, 700)
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(20)  # the first sharing of the height (after the first paint)
    split = tab.splitters["budget/split"]
    before = tab.lines.height()
    # the lines have most of the height at 1024×700; the panes below scroll instead
    assert before > tab.panes.height()
    assert before > tab.height() * 0.45
    total = sum(split.sizes())
    split.moveSplitter(total, 1)  # the bottom panes dragged away: folded
    assert split.sizes()[1] == 0
    qtbot.wait(20)
    assert tab.lines.height() > before
    qtbot.waitUntil(lambda: load_bytes("budget/split") is not None, timeout=2000)
    bottom = tab.splitters["budget/bottom"]
    bottom.setSizes([300, 500])
    bottom.splitterMoved.emit(300, 1)
    window.close()

    again, tab2 = open_budget(qtbot, db, visit.id)  # a new window reads the settings
    again.resize(1024, 700)
    again.show()
    qtbot.waitExposed(again)
    assert tab2.splitters["budget/split"].sizes()[1] == 0
    assert tab2.lines.height() > before
    qtbot.wait(400)  # the second splitter's save settles
    assert load_bytes("budget/bottom") is not None
