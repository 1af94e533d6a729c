"""A search for the visit's city is named by the field it is in: "Bergena" (or "bergena")
found the visit and said "Overview: title", and opening the hit focused the title."""

from __future__ import annotations

import datetime as dt

from app.i18n import _, set_language
from app.services.archive import PLACE_LABELS, search
from app.services.visits import create_visit


def test_a_city_hit_is_named_and_opened_as_the_city(qtbot, db) -> None:
    visit = create_visit(
        db,
        code="KPR-BGO-2027",
        title="Kurzemes plānošanas reģiona pieredzes apmaiņa Norvēģijā",
        country="NO",
        city="Bergena",
        timezone="Europe/Oslo",
        start_date=dt.date(2027, 3, 25),
        end_date=dt.date(2027, 3, 28),
    )
    for query in ("Bergena", "bergena"):
        (hit,) = search(db, query)
        assert hit.place == "city", query
    set_language("lv")
    assert _(PLACE_LABELS["city"]) == "Pamatdati: pilsēta"
    assert search(db, "Kurzemes")[0].place == "title"  # the title is still the title

    from ui.main_window import MainWindow

    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.open_visit(visit.id)
    window.workspace.show_item("city")
    qtbot.waitUntil(lambda: window.workspace.overview.widgets["city"].hasFocus())
