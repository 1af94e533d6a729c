"""The main window lists the database's visits, narrows them with the filter, and has
File → Quit and Help → About."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QMessageBox

from app import __version__
from db.models import Visit
from ui.main_window import MainWindow
from ui.models.visits_model import COL_CODE


def add_visits(db) -> None:
    with db.write() as s:
        s.add_all(
            [
                Visit(
                    code="LPS-BERGEN",
                    title="LPS valdes pieredzes apmaiņa Bergenā",
                    timezone="Europe/Oslo",
                    country="NO",
                    city="Bergen",
                    status="completed",
                    start_date=dt.date(2024, 4, 2),
                    end_date=dt.date(2024, 4, 5),
                ),
                Visit(
                    code="LPR-TRONDELAG",
                    title="Latgales plānošanas reģions Trondelāgā",
                    timezone="Europe/Oslo",
                    country="NO",
                    city="Trondheim",
                    start_date=dt.date(2024, 9, 16),
                    end_date=dt.date(2024, 9, 19),
                ),
                Visit(
                    code="SEM-RIGA",
                    title="Seminārs ar trim darba grupām",
                    timezone="Europe/Riga",
                    country="LV",
                    city="Rīga",
                    kind="seminar",
                    start_date=dt.date(2024, 2, 11),
                    end_date=dt.date(2024, 2, 11),
                ),
            ]
        )


def shown_codes(window: MainWindow) -> list[str]:
    proxy = window.proxy
    return [proxy.data(proxy.index(r, COL_CODE)) for r in range(proxy.rowCount())]


def test_window_lists_the_visits_newest_first(qtbot, db):
    add_visits(db)
    window = MainWindow(db)
    qtbot.addWidget(window)
    assert window.windowTitle() == "Study Visit Planner"
    assert shown_codes(window) == ["LPR-TRONDELAG", "LPS-BERGEN", "SEM-RIGA"]
    assert window.statusBar().currentMessage() == "3 visits"


def test_window_lists_the_demo_visits(qtbot, db):
    from app.demo import load_demo

    codes = load_demo(db)
    window = MainWindow(db)
    qtbot.addWidget(window)
    assert sorted(shown_codes(window)) == sorted(codes)
    window.filter_edit.setText("bergena")  # "Bergenā" typed without the long vowel
    assert [c for c in shown_codes(window) if "BERGEN" in c] == shown_codes(window)
    assert len(shown_codes(window)) >= 1


def test_typing_in_the_filter_narrows_the_list(qtbot, db):
    add_visits(db)
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.filter_edit.setText("trondelag")  # no diacritics typed, "Trondelāgā" matches
    assert shown_codes(window) == ["LPR-TRONDELAG"]
    assert window.statusBar().currentMessage() == "1 of 3 visits"
    window.filter_edit.setText("rīga")
    assert shown_codes(window) == ["SEM-RIGA"]
    window.filter_edit.clear()
    assert len(shown_codes(window)) == 3


def test_reload_shows_a_visit_added_meanwhile(qtbot, db):
    window = MainWindow(db)
    qtbot.addWidget(window)
    assert shown_codes(window) == []
    assert window.statusBar().currentMessage() == "No visits yet."
    add_visits(db)
    window.reload_action.trigger()
    assert len(shown_codes(window)) == 3


def test_about_names_the_version(qtbot, db, monkeypatch):
    seen = {}
    monkeypatch.setattr(
        QMessageBox, "about", lambda parent, title, text: seen.update(title=title, text=text)
    )
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.about_action.trigger()
    assert __version__ in seen["text"]
    assert "Study Visit Planner" in seen["title"]


def test_quit_closes_the_window(qtbot, db):
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.quit_action.trigger()
    assert not window.isVisible()
