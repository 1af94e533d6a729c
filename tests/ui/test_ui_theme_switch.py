"""Switching between the light and the dark palette recolours what is already built: icons
on buttons, problem lines, banners and marked cells, with no restart."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import QApplication, QLabel, QTreeWidget, QTreeWidgetItem, QWidget

from ui import theme
from ui.icons import STATUS_COLOURS, banner, icon, mark, status_colour
from ui.widgets.fields import ProblemLabel


@pytest.fixture
def app(qapp, monkeypatch):  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    palette = app.palette()
    monkeypatch.setenv("STUDYVISIT_THEME", "light")
    theme.apply_theme(app)
    yield app
    app.setPalette(palette)


def _ink(an_icon: QIcon) -> int:
    """The lightness of the darkest well-covered pixel of an icon drawn at 32 px."""
    image = an_icon.pixmap(QSize(32, 32)).toImage()
    inked = [
        QColor(image.pixel(x, y))
        for x in range(32)
        for y in range(32)
        if QColor(image.pixel(x, y)).alpha() > 200
    ]
    assert inked
    return max(c.lightness() for c in inked)


def test_an_icon_made_on_light_is_drawn_light_after_the_switch(app, monkeypatch) -> None:
    made = icon("new_visit")
    assert _ink(made) < 64  # dark glyph on the light palette
    monkeypatch.setenv("STUDYVISIT_THEME", "dark")
    theme.apply_theme(app)
    assert _ink(made) > 192  # the same QIcon, now light on the dark palette
    assert _ink(QIcon(made)) > 192  # copies too


def test_problem_line_banner_and_marked_cell_follow_the_palette(qtbot, app, monkeypatch) -> None:
    window = QWidget()  # in a window, as they always are (Qt tells children, not windows)
    qtbot.addWidget(window)
    problem = ProblemLabel(window)
    notice = QLabel("Read-only", window)
    banner(notice)
    tree = QTreeWidget(window)
    tree.setColumnCount(2)
    row = QTreeWidgetItem(tree, ["12.04.2026", "Send the minutes"])
    mark(row, 0, "error", "Overdue")
    assert STATUS_COLOURS["error"] in problem.styleSheet()
    assert row.foreground(0).color().name() == STATUS_COLOURS["error"]
    assert row.foreground(1).style() == Qt.BrushStyle.NoBrush  # not the row
    light_banner = notice.styleSheet()

    monkeypatch.setenv("STUDYVISIT_THEME", "dark")
    theme.apply_theme(app)
    dark_error = status_colour("error").name()
    assert dark_error != STATUS_COLOURS["error"]
    assert dark_error in problem.styleSheet()
    assert row.foreground(0).color().name() == dark_error
    assert notice.styleSheet() != light_banner
    assert status_colour("warning").name() in notice.styleSheet()

    monkeypatch.setenv("STUDYVISIT_THEME", "light")
    theme.apply_theme(app)
    assert STATUS_COLOURS["error"] in problem.styleSheet()
    assert row.foreground(0).color().name() == STATUS_COLOURS["error"]
    assert notice.styleSheet() == light_banner


def test_a_window_built_light_is_drawn_dark_after_the_switch(
    qtbot, db, visit, app, monkeypatch
) -> None:
    """The toolbar and navigation icons and a visit's status chip of a window already
    open follow the switch: no restart, no rebuilding."""
    from ui.main_window import MainWindow

    window = MainWindow(db)
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    qtbot.waitExposed(window)
    first = window.toolbar.actions()[0]
    assert _ink(first.icon()) < 64
    assert _ink(window.nav.item(1).icon()) < 64
    monkeypatch.setenv("STUDYVISIT_THEME", "dark")
    theme.apply_theme(app)
    qtbot.wait(10)
    assert _ink(first.icon()) > 192
    assert _ink(window.nav.item(1).icon()) > 192
    image = window.grab().toImage()
    samples = [
        QColor(image.pixel(x, y)).lightness()
        for x in range(10, image.width(), 50)
        for y in range(10, image.height(), 50)
    ]
    assert sorted(samples)[len(samples) // 2] < 80  # the window itself repainted dark
