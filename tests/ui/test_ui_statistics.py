"""The Statistics section (issue 18): charts with their numbers, filters, a bar's visits
listed and opened — a coordinator's journey on the demo visits, in English and Latvian."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.i18n import set_language
from app.services.visits import find_visit
from ui.main_window import SECTIONS, MainWindow
from ui.widgets.fields import find_data as _find


def _statistics(qtbot, db):
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    qtbot.waitExposed(window)
    window.show_section("statistics")
    page = window._directory("statistics")
    qtbot.waitUntil(lambda: not page.busy, timeout=10_000)  # worked out off the UI thread
    return window, page


def _click_bar(qtbot, chart, index: int) -> None:
    qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=chart.bar_rect(index).center())


def test_a_bar_lists_its_visits_and_one_opens(qtbot, demo_db):
    window, page = _statistics(qtbot, demo_db)
    assert window.current_section() == "statistics" and SECTIONS[-1] == "statistics"
    assert window.statusBar().currentMessage() == "6 visits counted"
    countries = page.cards["visits_by_country"].chart
    assert [(label, value) for label, value, _tip in countries.rows] == [
        ("Norway", 3.0),
        ("Poland", 2.0),
        ("Latvia", 1.0),
    ]
    assert countries.texts == ["3", "2", "1"]  # the numbers beside the bars
    cost = page.cards["cost_per_delegate"].chart
    assert cost.texts[1] == "€1,174.88"  # 2014: 11 748,77 € / 10 people
    # shares with two places always, so that they line up: 2013 all grant, 2015 84.62 %
    assert page.cards["grant_share"].chart.texts[:3] == ["100.00 %", "93.66 %", "84.62 %"]

    _click_bar(qtbot, countries, 1)  # Poland
    codes = [page.visits.topLevelItem(i).text(0) for i in range(page.visits.topLevelItemCount())]
    assert codes == ["DEMO-POZNAN-2013", "DEMO-POLAND-2023"]
    assert "Poland: 2, counted from 2 visits" in page.caption.text()

    page.visits.setCurrentItem(page.visits.topLevelItem(1))
    page.open_current()
    assert window.workspace is not None
    assert window.workspace.visit_id == find_visit(demo_db, "DEMO-POLAND-2023").id


def test_keyboard_chooses_a_bar(qtbot, demo_db):
    _window, page = _statistics(qtbot, demo_db)
    chart = page.cards["follow_ups"].chart
    chart.setFocus()
    qtbot.keyClick(chart, Qt.Key.Key_Down)  # the first bar: done
    qtbot.keyClick(chart, Qt.Key.Key_Down)  # then open
    assert chart.current == 1 and page.chosen == ("follow_ups", 1)
    assert page.visits.topLevelItemCount() == 3


def test_filters_recount_without_reloading(qtbot, demo_db, monkeypatch):
    from app.services import statistics

    _window, page = _statistics(qtbot, demo_db)
    monkeypatch.setattr(statistics, "load_facts", lambda db: pytest.fail("reloaded"))
    monkeypatch.setattr(statistics, "kept_facts", lambda db: pytest.fail("reloaded"))
    page.country.setCurrentIndex(_find(page.country, "NO"))
    assert [label for label, _v, _t in page.cards["visits_by_country"].chart.rows] == ["Norway"]
    page.year_from.setCurrentIndex(_find(page.year_from, 2015))
    page.year_to.setCurrentIndex(_find(page.year_to, 2023))
    per_year = page.cards["visits_per_year"].chart
    assert [(label, value) for label, value, _t in per_year.rows][:2] == [
        ("2015", 1.0),
        ("2016", 0.0),
    ]
    assert page.status_message() == "2 visits counted"
    page.country.setCurrentIndex(0)
    page.year_from.setCurrentIndex(0)
    page.year_to.setCurrentIndex(0)
    assert page.status_message() == "6 visits counted"


def test_a_saved_change_is_counted_when_shown_again(qtbot, demo_db):
    from app.services.visits import update_visit

    window, page = _statistics(qtbot, demo_db)
    window.show_section("visits")
    visit = find_visit(demo_db, "DEMO-POZNAN-2013")
    update_visit(demo_db, visit.id, None, status="cancelled")
    page.context.notify()
    window.show_section("statistics")
    qtbot.waitUntil(lambda: not page.busy, timeout=10_000)
    assert page.status_message() == "5 visits counted"


def test_figures_from_before_a_change_are_never_shown_as_current(qtbot, demo_db):
    """While the figures are worked out again after a saved change, the old ones are
    greyed under a line that says so; then the new ones replace them. Shown again with
    nothing saved since, the kept facts are used without reading the database."""
    from app.services import statistics
    from app.services.visits import update_visit

    window, page = _statistics(qtbot, demo_db)
    assert page.busy_line.isHidden() and page.scroll.isEnabled()
    visit = find_visit(demo_db, "DEMO-POZNAN-2013")
    update_visit(demo_db, visit.id, None, status="cancelled")
    page.context.notify()  # the page is shown: it starts at once
    assert page.busy
    assert "from before it" in page.busy_line.text() and page.busy_line.isVisible()
    assert not page.scroll.isEnabled() and not page.export_button.isEnabled()
    assert "from before it" in page.status_message()
    assert page.cards["visits_by_country"].chart.texts == ["3", "2", "1"]  # the old ones
    qtbot.waitUntil(lambda: not page.busy, timeout=10_000)
    assert page.busy_line.isHidden() and page.scroll.isEnabled()
    assert page.cards["visits_by_country"].chart.texts == ["3", "1", "1"]
    assert page.status_message() == "5 visits counted"

    window.show_section("visits")
    window.show_section("statistics")  # nothing saved since: no reading, no waiting
    assert not page.busy and page.facts is statistics.kept_facts(demo_db)


def test_a_change_saved_while_the_figures_are_read_is_counted(qtbot, demo_db):
    from app.services.visits import update_visit

    _window, page = _statistics(qtbot, demo_db)
    page.context.notify()  # nothing was saved: the kept facts hold, nothing is read
    assert not page.busy
    bergen = find_visit(demo_db, "DEMO-BERGEN-2014")
    update_visit(demo_db, bergen.id, None, title="Bergena, otrreiz")
    page.context.notify()
    assert page.busy
    # a second change while the first is read: its facts may miss it, read once more
    visit = find_visit(demo_db, "DEMO-POZNAN-2013")
    update_visit(demo_db, visit.id, None, status="cancelled")
    page.context.notify()
    assert page._again
    qtbot.waitUntil(lambda: not page.busy, timeout=10_000)
    assert page.status_message() == "5 visits counted"


def test_export_from_the_window(qtbot, demo_db, tmp_path):
    import openpyxl
    from pypdf import PdfReader

    _window, page = _statistics(qtbot, demo_db)
    page.country.setCurrentIndex(_find(page.country, "PL"))
    pdf = page.export(str(tmp_path / "s.pdf"))
    text = "\n".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert "Visits by destination country" in text and "DEMO-POZNAN-2013" in text
    assert "DEMO-BERGEN-2014" not in text
    xlsx = page.export(str(tmp_path / "s.xlsx"))
    rows = list(openpyxl.load_workbook(xlsx).worksheets[1].iter_rows(values_only=True))
    assert [r[0] for r in rows[1:]] == ["DEMO-POZNAN-2013", "DEMO-POLAND-2023"]


def test_latvian_section(qtbot, demo_db):
    set_language("lv")
    window, page = _statistics(qtbot, demo_db)
    assert window.nav.item(SECTIONS.index("statistics")).text() == "Statistika"
    assert page.cards["visits_per_year"].title.text() == "Vizītes pa gadiem"
    countries = page.cards["visits_by_country"].chart
    assert countries.rows[0][0] == "Norvēģija"
    assert page.cards["cost_per_delegate"].chart.texts[1] == "1\xa0174,88\xa0€"
    assert page.cards["grant_share"].chart.texts[0] == "100,00 %"


def test_a_payment_saved_reads_only_its_visit_again(qtbot, demo_db):
    """A coordinator records a payment on a later visit, then opens Statistics: that one
    visit is read again, and its cost is what a full read gives."""
    from app.services import statistics_cache
    from app.services.budget import list_budget_lines, update_budget_line
    from app.services.statistics import load_facts

    window, page = _statistics(qtbot, demo_db)
    # the facts go to the cache file once shown, off the UI thread
    qtbot.waitUntil(statistics_cache.path_for(demo_db).exists, timeout=10_000)
    window.show_section("visits")
    visit = find_visit(demo_db, "DEMO-POLAND-2023")
    before = page.facts.visits[[v.id for v in page.facts.visits].index(visit.id)].cost
    line = list_budget_lines(demo_db, visit.id)[-1]
    update_budget_line(demo_db, line.id, None, actual_amount="777.77", actual_currency="EUR")
    page.context.notify()
    window.show_section("statistics")
    qtbot.waitUntil(lambda: not page.busy, timeout=10_000)
    assert page.facts.read_again == 1
    after = page.stats.visits[visit.id].cost
    assert after is not None and after != before
    full = {v.id: v for v in load_facts(demo_db, afresh=True).visits}
    assert after == full[visit.id].cost
    assert page.facts.visits == sorted(full.values(), key=lambda v: (v.start, v.code))
