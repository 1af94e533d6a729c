"""Light and dark as the system is: the Fusion style with a dark palette when the system's
colour scheme (or STUDYVISIT_THEME) says dark, and the window paints in it."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from ui import theme
from ui.icons import icon
from ui.main_window import MainWindow


@pytest.fixture
def restore_palette():  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    palette, style = app.palette(), app.style().name()
    yield app
    app.setPalette(palette)
    assert app.style().name() == style or style.lower() == "fusion"


def test_dark_forced_gives_a_dark_window_that_paints(
    qtbot, db, visit, monkeypatch, restore_palette
) -> None:
    app = restore_palette
    monkeypatch.setenv("STUDYVISIT_THEME", "dark")
    assert theme.apply_theme(app) == "dark"
    assert app.style().name().lower() == "fusion"
    window_colour = app.palette().color(QPalette.ColorRole.Window)
    text_colour = app.palette().color(QPalette.ColorRole.WindowText)
    assert window_colour.lightness() < 64 and text_colour.lightness() > 192
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    qtbot.waitExposed(window)
    window.open_visit(visit.id)
    image = window.grab().toImage()
    # most of the window is dark: sample a grid of points
    samples = [
        QColor(image.pixel(x, y)).lightness()
        for x in range(10, image.width(), 50)
        for y in range(10, image.height(), 50)
    ]
    assert sorted(samples)[len(samples) // 2] < 80, samples
    # icons are drawn in the light text colour of the dark palette
    glyph = icon("new_visit").pixmap(32, 32).toImage()
    inked = [
        QColor(glyph.pixel(x, y))
        for x in range(32)
        for y in range(32)
        if QColor(glyph.pixel(x, y)).alpha() > 200
    ]
    assert inked and max(c.lightness() for c in inked) > 192


def test_light_by_default_and_when_forced(monkeypatch, restore_palette) -> None:
    app = restore_palette
    monkeypatch.delenv("STUDYVISIT_THEME", raising=False)
    assert theme.wanted_scheme(app) == "light"  # the offscreen platform reports no scheme
    monkeypatch.setenv("STUDYVISIT_THEME", "Light")
    assert theme.apply_theme(app) == "light"
    assert app.palette().color(QPalette.ColorRole.Window).lightness() > 192
    monkeypatch.setenv("STUDYVISIT_THEME", "purple")  # not a scheme: the system's
    assert theme.wanted_scheme(app) == "light"


def _contrast(one: QColor, two: QColor) -> float:
    """WCAG 2 contrast ratio."""

    def luminance(c: QColor) -> float:
        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

        return (
            0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())
        )

    hi, lo = sorted((luminance(one), luminance(two)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_problem_lines_read_on_the_dark_palette(monkeypatch, restore_palette) -> None:
    from ui.icons import STATUS_COLOURS, status_colour
    from ui.widgets.fields import ProblemLabel

    app = restore_palette
    monkeypatch.setenv("STUDYVISIT_THEME", "dark")
    theme.apply_theme(app)
    window = app.palette().color(QPalette.ColorRole.Window)
    for state in ("error", "warning", "ok", "active", "muted"):
        assert _contrast(status_colour(state), window) >= 4.5, state
    assert _contrast(QColor(STATUS_COLOURS["error"]), window) < 3  # why the dark set exists
    label = ProblemLabel()
    assert status_colour("error").name() in label.styleSheet()
    monkeypatch.setenv("STUDYVISIT_THEME", "light")
    theme.apply_theme(app)
    assert status_colour("error").name() == STATUS_COLOURS["error"]
    assert STATUS_COLOURS["error"] in ProblemLabel().styleSheet()
