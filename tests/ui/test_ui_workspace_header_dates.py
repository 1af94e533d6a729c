"""The visit's header says its dates as the documents' titles do ("6–9 April 2026",
"2026. gada 6.–9. aprīlis"), not as two short dates; the register's cells stay short."""

from __future__ import annotations

import datetime as dt

import pytest

from app import i18n
from app.i18n import format_date
from ui.main_window import MainWindow


def _header(qtbot, db, visit_id) -> str:
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.open_visit(visit_id)
    return window.workspace.header.text()


@pytest.mark.parametrize(
    ("lang", "dates", "short"),
    [
        ("en", "6–9 April 2026", "Apr 6, 2026"),
        ("lv", "2026. gada 6.–9. aprīlis", "2026. gada 6. apr."),
    ],
)
def test_the_header_gives_the_dates_as_a_range(qtbot, db, visit, lang, dates, short):
    i18n.set_language(lang)
    header = _header(qtbot, db, visit.id)
    assert f"<br>{dates} · " in header
    assert short not in header
    assert format_date(dt.date(2026, 4, 6)) == short  # the short form, for table cells


def test_a_visit_across_months_and_a_one_day_visit(qtbot, db):
    from app.services.visits import create_visit

    across = create_visit(
        db,
        code="A",
        title="A",
        timezone="Europe/Riga",
        start_date=dt.date(2026, 3, 30),
        end_date=dt.date(2026, 4, 2),
    )
    one = create_visit(
        db,
        code="B",
        title="B",
        timezone="Europe/Riga",
        start_date=dt.date(2026, 5, 12),
        end_date=dt.date(2026, 5, 12),
    )
    assert "30 March – 2 April 2026" in _header(qtbot, db, across.id)
    assert "<br>12 May 2026 · " in _header(qtbot, db, one.id)
