"""A line shared 85 % grant / 15 % own funds names both sources and their percents in
the Budget tab's Funding source column (it was blank: a shared line has no single
source), in Latvian and English, at 1024×700."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.i18n import set_language
from app.interchange.importer import import_visit
from tests.journeys.finance_project import write_files
from tests.ui.conftest import open_budget


@pytest.mark.parametrize(
    ("lang", "header", "grant", "own"),
    [
        ("en", "Funding source", "EEZ un Norvēģijas granti 85 %", "KPR pašu līdzekļi 15 %"),
        ("lv", "Finansējuma avots", "EEZ un Norvēģijas granti 85 %", "KPR pašu līdzekļi 15 %"),
    ],
)
def test_a_shared_line_names_its_sources_and_percents(qtbot, db, tmp_path: Path, lang, header, grant, own):  # fmt: skip
    set_language(lang)
    files = write_files(tmp_path)
    visit_id = import_visit(db, files["norway"].read_text(encoding="utf-8")).visit_id
    window, tab = open_budget(qtbot, db, visit_id)
    window.resize(1024, 700)
    model = tab.model
    column = next(
        c
        for c in range(model.columnCount())
        if model.headerData(c, Qt.Orientation.Horizontal) == header
    )
    shown = [model.index(row, column).data() for row in range(model.rowCount())]
    assert len(shown) == 7
    assert all(text == f"{grant} · {own}" for text in shown), shown
