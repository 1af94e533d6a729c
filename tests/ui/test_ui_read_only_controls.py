"""A database opened for reading only: every control that would change it is disabled, on
every page and tab (not only the first), and stays so when choosing a row would enable it;
reading, searching, writing documents and exporting keep working. The same window on a
writable copy has them enabled (so these checks can fail).
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QLineEdit, QPlainTextEdit, QWidget

from app.services.visits import find_visit
from db.engine import Database
from ui.main_window import MainWindow

BERGEN = "DEMO-BERGEN-2014"


@pytest.fixture
def read_only_db(demo_db, tmp_path: Path):
    """The demo database opened for reading only (as from read-only storage)."""
    demo_db.dispose()
    con = sqlite3.connect(demo_db.path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # read-only opening does not read a WAL
    con.close()
    path = tmp_path / "shelf.db"
    shutil.copyfile(demo_db.path, path)
    database = Database(f"sqlite:///{path}", read_only=True)
    yield database
    database.dispose()


def window_on(qtbot, db) -> MainWindow:
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    qtbot.waitExposed(window)
    return window


def tab_of(window: MainWindow, name: str) -> QWidget:
    window.open_visit(find_visit(window.db, BERGEN).id)
    tab = window.workspace._tab(name)
    window.workspace.tabs.setCurrentWidget(tab)
    return tab


def changeable(widget: QWidget) -> bool:
    """Could the user change this field's value?"""
    if isinstance(widget, (QLineEdit, QPlainTextEdit, QAbstractSpinBox)):
        return widget.isEnabled() and not widget.isReadOnly()
    return widget.isEnabled()


def fields(part: QWidget) -> list[QWidget]:
    """The part's own fields (not a combo's inner line edit)."""
    found = [
        w
        for w in part.findChildren(QWidget)
        if isinstance(w, (QLineEdit, QPlainTextEdit, QAbstractSpinBox, QComboBox))
        and not isinstance(w.parentWidget(), (QComboBox, QAbstractSpinBox))
    ]
    assert found
    return found


def choose_first_row(view) -> None:
    view.setCurrentIndex(view.model().index(0, 0))


def test_the_register_and_menus_read_but_do_not_change(qtbot, read_only_db, demo_db, tmp_path):
    window = window_on(qtbot, read_only_db)
    page = window.visits_page
    choose_first_row(page.table)  # a chosen visit enables Delete and Duplicate elsewhere
    assert not page.new_button.isEnabled() and not page.delete_button.isEnabled()
    assert not page.duplicate_button.isEnabled()
    for action in (
        window.new_action,
        window.import_visit_action,
        window.restore_action,
        window.undo_action,
        window.redo_action,
        window.allowance_rates_action,
    ):
        assert not action.isEnabled(), action.text()
    assert page.open_button.isEnabled() and page.filter_edit.isEnabled()
    page.filter_edit.setText("Bergen")  # searching still narrows the list
    assert page.shown_codes() == [BERGEN]
    choose_first_row(page.table)
    for action in (
        window.export_visit_action,
        window.backup_action,
        window.open_db_action,
        window.find_action,
        window.reload_action,
    ):
        assert action.isEnabled(), action.text()
    exported = window.export_visit_file(
        str(tmp_path / "bergen.json"), include_sensitive=False
    )  # the chosen visit
    assert exported is not None and BERGEN in Path(exported).read_text(encoding="utf-8")
    backup = window.back_up(str(tmp_path / "copy.db"))
    assert backup is not None and Path(backup).stat().st_size > 0

    writable = window_on(qtbot, demo_db)  # the same on a database that can change
    choose_first_row(writable.visits_page.table)
    assert writable.visits_page.new_button.isEnabled()
    assert writable.visits_page.delete_button.isEnabled()
    assert writable.new_action.isEnabled() and writable.restore_action.isEnabled()


def test_overview_fields_show_the_visit_but_take_no_typing(qtbot, read_only_db):
    window = window_on(qtbot, read_only_db)
    tab = tab_of(window, "participants")  # opens the visit; the overview is built
    overview = window.workspace.overview
    shown = fields(overview)
    assert not [w.accessibleName() or type(w).__name__ for w in shown if changeable(w)]
    title = next(w for w in overview.findChildren(QLineEdit) if w.text().strip())
    before = title.text()
    title.setFocus()
    qtbot.keyClicks(title, "xyz")
    assert title.text() == before
    del tab


def test_participants_stay_locked_when_a_row_is_chosen(qtbot, read_only_db, answer_yes):
    window = window_on(qtbot, read_only_db)
    tab = tab_of(window, "participants")
    count = tab.model.rowCount()
    assert count > 0
    choose_first_row(tab.table)
    for button in (tab.add_button, tab.create_button, tab.import_button, tab.remove_button):
        assert not button.isEnabled(), button.text()
    assert not [w.accessibleName() for w in fields(tab) if changeable(w)]
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Delete)  # the list's Delete key does nothing
    assert answer_yes == [] and tab.model.rowCount() == count


def test_programme_and_budget_lists_cannot_be_edited(qtbot, read_only_db, answer_yes):
    window = window_on(qtbot, read_only_db)
    programme = tab_of(window, "programme")
    programme.tree.setCurrentIndex(programme.model.index(0, 0))
    for button in (
        programme.add_button,
        programme.duplicate_button,
        programme.delete_button,
        programme.tracks_button,
    ):
        assert not button.isEnabled(), button.text()
    assert not [w.accessibleName() for w in fields(programme.form) if changeable(w)]
    programme.tree.setFocus()
    qtbot.keyClick(programme.tree, Qt.Key.Key_Delete)
    assert answer_yes == []

    budget = tab_of(window, "budget")
    for panel in (budget.line_panel, budget.rate_panel, budget.source_panel):
        if panel.model.rowCount():
            choose_first_row(panel.table)
        for button in (panel.add_button, panel.edit_button, panel.delete_button):
            assert not button.isEnabled(), button.text()
    assert not budget.chosen_button.isEnabled() and not budget.ecb_button.isEnabled()
    assert budget.pdf_button.isEnabled() and budget.xlsx_button.isEnabled()


def test_documents_are_still_written_but_a_release_is_not_made(
    qtbot, read_only_db, tmp_path, monkeypatch
):
    from PySide6.QtWidgets import QFileDialog

    window = window_on(qtbot, read_only_db)
    tab = tab_of(window, "documents")
    assert not tab.sending.release_button.isEnabled()
    assert tab.document.isEnabled() and tab.language.isEnabled()
    target = tmp_path / "programma.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr("ui.visit.documents_tab.QDesktopServices.openUrl", lambda url: None)
    assert tab.save_button.isEnabled()
    tab.save_button.click()
    qtbot.waitUntil(lambda: not tab.running, timeout=30000)
    assert target.read_bytes().startswith(b"%PDF")


def test_directory_pages_search_but_do_not_change(qtbot, read_only_db):
    window = window_on(qtbot, read_only_db)
    for section in ("people", "institutions", "projects"):
        window.show_section(section)
        page = window._directory(section)
        if page.model.rowCount():
            choose_first_row(page.table)
        for button in (page.new_button, page.delete_button, page.merge_button):
            assert not button.isEnabled(), (section, button.text())
        assert page.search.isEnabled() and not page.search.isReadOnly()
        form = [w for w in fields(page) if w is not page.search]
        assert not [w.accessibleName() for w in form if changeable(w)], section
    window.show_section("archive")
    archive = window._directory("archive")
    assert changeable(archive.search)


def test_an_edit_that_still_reaches_the_window_is_refused_in_one_sentence(qtbot, read_only_db):
    from app.operations import Operation
    from ui.widgets.messages import refused

    ran: list[str] = []

    class Change(Operation):
        name = "Change"

        def do(self) -> None:
            ran.append("do")

        def undo(self) -> None:
            ran.append("undo")

    window = window_on(qtbot, read_only_db)
    with pytest.raises(refused()) as caught:
        window.context.run(Change())
    assert str(caught.value) == "This database is read-only: changes cannot be saved."
    assert ran == [] and window.context.stack.count() == 0
