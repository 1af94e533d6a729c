"""The Translations tab, as a coordinator fills the English gaps before printing.

The story: a half-translated Tromsø visit. The line above the grid says what is still
only in Latvian; the coordinator types an English title for the third day's workshop and
an English name for a host, sees the count go down, undoes one with Ctrl+Z, and prints.
"""

from __future__ import annotations

import json

from PySide6.QtCore import Qt

from app.services.programme import list_programme
from app.services.visits import find_visit
from tests.documents.test_doc_completeness import half_translated
from ui.main_window import MainWindow
from ui.visit.translations_tab import EN, LV, NB


def _grid(qtbot, db):  # type: ignore[no-untyped-def]
    from app.interchange.visit_file import import_visit

    import_visit(db, json.dumps(half_translated(), ensure_ascii=False))
    visit = find_visit(db, "T-HALF")
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.open_visit(visit.id)
    tab = window.workspace._tab("translations")
    window.workspace.tabs.setCurrentWidget(tab)
    tab.reload()
    return window, tab, visit


def _row(tab, latvian: str) -> int:  # type: ignore[no-untyped-def]
    return next(i for i in range(tab.table.rowCount()) if tab.table.item(i, LV).text() == latvian)


def test_typing_an_english_title_fills_a_gap_and_undo_takes_it_back(qtbot, db) -> None:
    window, tab, visit = _grid(qtbot, db)
    assert "2 of 3 programme items have no English title." in tab.summary.text()
    row = _row(tab, "Darba grupa B")  # the second day's parallel workshop
    assert "Thursday" not in tab.table.item(row, 0).text()  # interface is English here
    assert "Wednesday 3 April 09:00" in tab.table.item(row, 0).text()
    tab.table.item(row, EN).setText("Working group B")
    item = next(i for i in list_programme(db, visit.id) if i.title == "Darba grupa B")
    assert item.translations == {"en": {"title": "Working group B"}}
    assert "1 of 3 programme items have no English title." in tab.summary.text()

    host = _row(tab, "Ziemeļu padome")
    assert tab.table.item(host, NB).flags() & Qt.ItemFlag.ItemIsEditable  # a Norwegian host
    tab.table.item(host, EN).setText("Northern Council")
    assert "hosts have only a Latvian name" not in tab.summary.text()

    window.context.stack.undo()  # the host's name
    window.context.stack.undo()  # the workshop's title
    item = next(i for i in list_programme(db, visit.id) if i.title == "Darba grupa B")
    assert not item.translations
    tab.reload_if_stale()
    assert "2 of 3 programme items have no English title." in tab.summary.text()
    window.context.stack.redo()
    item = next(i for i in list_programme(db, visit.id) if i.title == "Darba grupa B")
    assert item.translations == {"en": {"title": "Working group B"}}


def test_only_missing_hides_the_complete_rows_and_hostile_text_stays_text(qtbot, db) -> None:
    _window, tab, visit = _grid(qtbot, db)
    tab.only_missing.setChecked(True)
    shown = [
        tab.table.item(i, LV).text()
        for i in range(tab.table.rowCount())
        if not tab.table.isRowHidden(i)
    ]
    assert "Darba grupa A" not in shown  # it has an English title … and bokmål falls back
    assert "Tikšanās <i>&amp;</i> ÆØÅ æøå" in shown
    row = _row(tab, "Tikšanās <i>&amp;</i> ÆØÅ æøå")
    tab.table.item(row, NB).setText("<b>Møte</b> & ÆØÅ")
    item = next(i for i in list_programme(db, visit.id) if i.title.startswith("Tikšanās"))
    assert item.translations["nb"]["title"] == "<b>Møte</b> & ÆØÅ"


def test_a_description_keeps_its_line_breaks_when_edited(qtbot, db) -> None:
    from PySide6.QtWidgets import QPlainTextEdit, QStyleOptionViewItem

    _window, tab, visit = _grid(qtbot, db)
    row = next(i for i, r in enumerate(tab.rows) if r.field == "description")
    delegate = tab.table.itemDelegate()
    index = tab.table.model().index(row, EN)
    editor = delegate.createEditor(tab.table.viewport(), QStyleOptionViewItem(), index)
    assert isinstance(editor, QPlainTextEdit)  # not a one-line editor that joins lines
    editor.setPlainText("BIG in English\nsecond line")
    delegate.setModelData(editor, tab.table.model(), index)
    item = next(i for i in list_programme(db, visit.id) if i.description)
    assert item.translations["en"]["description"] == "BIG in English\nsecond line"
    title = tab.table.model().index(_row(tab, "Darba grupa B"), EN)
    assert not isinstance(
        delegate.createEditor(tab.table.viewport(), QStyleOptionViewItem(), title), QPlainTextEdit
    )
