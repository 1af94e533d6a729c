"""Ctrl+Z on a rate import in the Budget tab, while a colleague changes rates too.

The coordinator's window imports the ECB history file (or the finance office's rate
table) into the Trondheim–Gdańsk visit of October 2027 from the Budget tab; a colleague
on the same database file (a second ``Database``: their window) then types a rate. Ctrl+Z
takes back the import's rows only, and a rate of the import the colleague changed refuses
the undo with one sentence, in the window's language, changing nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app import i18n
from db.engine import Database
from tests.budget.trondheim_rates import (
    HISTORY,
    IMPORTED,
    TABLE,
    TYPED,
    content,
    rates,
    trondheim,
    types_rate,
)
from tests.ui.conftest import open_budget

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def colleague(db_path: Path):
    other = Database(f"sqlite:///{db_path}")
    yield other
    other.dispose()


def press(qtbot, window, tab, *modifiers) -> None:
    """Ctrl+Z (with Shift: redo) with the focus in the tab's rate table."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    tab.rates.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is tab.rates)
    mods = CTRL
    for extra in modifiers:
        mods |= extra
    qtbot.keyClick(tab.rates, Qt.Key.Key_Z, mods)


def test_ctrl_z_takes_back_the_ecb_import_and_leaves_the_colleagues_rate(
    qtbot, db, colleague, tmp_path, warnings_shown
) -> None:
    visit_id = trondheim(db)
    window, tab = open_budget(qtbot, db, visit_id, shown=True)
    asked: list[str] = []
    tab.ask_reprice = lambda question: asked.append(question) or False  # the plan stays
    history = tmp_path / "eurofxref-hist.csv"
    history.write_text(HISTORY, encoding="utf-8")
    tab.import_ecb(str(history))
    assert rates(db, visit_id) == {**TYPED, **IMPORTED}

    types_rate(colleague, visit_id, "PLN", "4.2800")  # in the finance officer's window
    press(qtbot, window, tab)
    assert window.statusBar().currentMessage() == "Undone: Import ECB file"
    assert rates(db, visit_id) == {**TYPED, ("plan", "PLN", None): ("4.2800", None)}
    press(qtbot, window, tab, SHIFT)
    assert window.statusBar().currentMessage() == "Redone: Import ECB file"
    assert rates(db, visit_id) == {
        **TYPED,
        ("plan", "PLN", None): ("4.2800", None),
        **IMPORTED,
    }
    assert warnings_shown == []


def test_ctrl_z_over_a_rate_the_colleague_changed_is_refused_in_latvian(
    qtbot, db, db_path, colleague, tmp_path, warnings_shown
) -> None:
    i18n.set_language("lv")
    visit_id = trondheim(db)
    window, tab = open_budget(qtbot, db, visit_id, shown=True)
    table = tmp_path / "kursi.csv"
    table.write_text(TABLE, encoding="utf-8")
    tab.import_ecb(str(table))  # the template is known by its headers
    assert rates(db, visit_id)[("plan", "SEK", None)] == ("11.4020", "Swedbank")

    types_rate(colleague, visit_id, "SEK", "11.3900")
    before = content(db_path)
    press(qtbot, window, tab)
    assert warnings_shown == [
        "Kāds cits pēc šī soļa mainīja SEK plāna kursu; nekas netika atsaukts."
    ]
    assert content(db_path) == before
