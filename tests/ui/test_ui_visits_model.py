"""The visit table model: what each column shows, sorting by real dates, the filter."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex, Qt

from app.i18n import set_language
from app.services.visits import VisitSummary
from ui.models.visits_model import (
    COL_CODE,
    COL_KIND,
    COL_PLACE,
    COL_START,
    COL_STATUS,
    COLUMN_COUNT,
    ID_ROLE,
    VisitsModel,
)


def summary(
    id_: int,
    code: str,
    title: str,
    start: dt.date,
    *,
    city: str = "Bergen",
    country: str = "NO",
    status: str = "planned",
) -> VisitSummary:
    return VisitSummary(
        id=id_,
        code=code,
        title=title,
        kind="study_visit",
        status=status,
        start_date=start,
        end_date=start + dt.timedelta(days=3),
        country=country,
        city=city,
        participants=id_,
    )


VISITS = [
    summary(1, "V-BERGEN", "LPS valde Bergenā", dt.date(2024, 4, 2)),
    summary(
        2,
        "V-RIGA",
        "Seminārs Rīgā",
        dt.date(2024, 2, 11),
        city="Rīga",
        country="LV",
        status="completed",
    ),
    summary(
        3,
        "V-POZNAN",
        "Konference Poznaņā",
        dt.date(2013, 11, 13),
        city="Poznań",
        country="PL",
        status="reported",
    ),
]


def test_model_passes_qt_model_tester(qtmodeltester):
    model = VisitsModel()
    model.set_visits(VISITS)
    qtmodeltester.check(model)
    model.set_text("riga")
    qtmodeltester.check(model)


def test_rows_hold_no_children_and_columns_are_named():
    model = VisitsModel()
    model.set_visits(VISITS)
    assert model.rowCount() == 3
    assert model.rowCount(model.index(0, 0)) == 0
    assert model.columnCount() == COLUMN_COUNT
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(COLUMN_COUNT)]
    assert all(headers) and headers[COL_CODE] == "Code"


def test_cells_show_translated_words_and_formatted_dates():
    model = VisitsModel()
    model.set_visits(VISITS)
    row = 1
    assert model.data(model.index(row, COL_CODE)) == "V-RIGA"
    assert model.data(model.index(row, COL_STATUS)) == "Completed"
    assert model.data(model.index(row, COL_KIND)) == "Study visit"
    assert model.data(model.index(row, COL_START)) == "02/11/2024"  # as the date fields
    assert model.data(model.index(row, COL_PLACE)) == "Rīga, Latvia"
    assert model.data(model.index(row, COL_CODE), ID_ROLE) == 2
    set_language("lv")
    assert model.data(model.index(row, COL_PLACE)) == "Rīga, Latvija"
    assert model.headerData(COL_CODE, Qt.Orientation.Horizontal) is not None
    assert model.data(model.index(row, COL_START)) == "11.02.2024"


def test_sorting_by_start_follows_the_calendar_not_the_text():
    proxy = VisitsModel()
    proxy.set_visits(VISITS)
    proxy.sort(COL_START, Qt.SortOrder.AscendingOrder)
    codes = [proxy.data(proxy.index(r, COL_CODE)) for r in range(proxy.rowCount())]
    # As text "Apr 2, 2024" < "Feb 11, 2024" < "Nov 13, 2013"; by date it is the reverse-ish.
    assert codes == ["V-POZNAN", "V-RIGA", "V-BERGEN"]


def test_filter_ignores_case_and_latvian_diacritics():
    proxy = VisitsModel()
    proxy.set_visits(VISITS)
    proxy.set_text("riga")
    assert [proxy.data(proxy.index(r, COL_CODE)) for r in range(proxy.rowCount())] == ["V-RIGA"]
    proxy.set_text("POZNAŅ")
    assert proxy.rowCount() == 1
    proxy.set_text("reported")  # the status column as shown
    assert proxy.rowCount() == 1
    proxy.set_text("")
    assert proxy.rowCount() == 3
    assert proxy.rowCount(QModelIndex()) == 3
