"""Light or dark, as the system is: the Fusion style with a palette for each.

Qt (≥ 6.5) tells the system's colour scheme through ``QStyleHints.colorScheme``, but only
some platform themes hand Qt a dark palette to go with it; the Fusion style with our own
dark palette looks the same on Windows, GNOME, KDE and macOS. ``STUDYVISIT_THEME`` (``dark``
or ``light``) overrides the system, for someone who wants the other one and for tests (the
offscreen platform reports no scheme). Icons from ``ui.icons`` take the palette's text
colour, so they follow.
"""

from __future__ import annotations

import os

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from ui.icons import palette_switched

THEME_VARIABLE = "STUDYVISIT_THEME"

# Roles of the dark palette: (role, active/inactive colour, disabled colour or None)
_DARK: tuple[tuple[QPalette.ColorRole, str, str | None], ...] = (
    (QPalette.ColorRole.Window, "#2d2d30", None),
    (QPalette.ColorRole.WindowText, "#e6e6e6", "#7f7f7f"),
    (QPalette.ColorRole.Base, "#1f1f22", "#2a2a2d"),
    (QPalette.ColorRole.AlternateBase, "#28282c", None),
    (QPalette.ColorRole.ToolTipBase, "#3a3a3e", None),
    (QPalette.ColorRole.ToolTipText, "#e6e6e6", None),
    (QPalette.ColorRole.PlaceholderText, "#8c8c8c", None),
    (QPalette.ColorRole.Text, "#e6e6e6", "#7f7f7f"),
    (QPalette.ColorRole.Button, "#38383c", None),
    (QPalette.ColorRole.ButtonText, "#e6e6e6", "#7f7f7f"),
    (QPalette.ColorRole.BrightText, "#ff6b6b", None),
    (QPalette.ColorRole.Light, "#4a4a4f", None),
    (QPalette.ColorRole.Midlight, "#3f3f44", None),
    (QPalette.ColorRole.Mid, "#2a2a2d", None),
    (QPalette.ColorRole.Dark, "#1a1a1c", None),
    (QPalette.ColorRole.Shadow, "#0d0d0e", None),
    (QPalette.ColorRole.Highlight, "#2f6fcf", "#4a4a4f"),
    (QPalette.ColorRole.HighlightedText, "#ffffff", "#b0b0b0"),
    (QPalette.ColorRole.Link, "#7fb4ff", None),
    (QPalette.ColorRole.LinkVisited, "#c09cff", None),
)


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour, disabled in _DARK:
        palette.setColor(role, QColor(colour))
        if disabled is not None:
            palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(disabled))
    return palette


def wanted_scheme(app: QApplication) -> str:
    """``"dark"`` or ``"light"``: the override if set, else the system's scheme."""
    forced = os.environ.get(THEME_VARIABLE, "").strip().lower()
    if forced in ("dark", "light"):
        return forced
    return "dark" if app.styleHints().colorScheme() == Qt.ColorScheme.Dark else "light"


def apply_theme(app: QApplication) -> str:
    """Fusion with the light or dark palette; the scheme applied. Once at start-up, and
    again whenever the system switches."""
    style = QStyleFactory.create("Fusion")
    if style is not None and app.style().name().lower() != "fusion":
        app.setStyle(style)
    scheme = wanted_scheme(app)
    app.setPalette(dark_palette() if scheme == "dark" else app.style().standardPalette())
    palette_switched()  # colours widgets hold themselves (style sheets, cells) follow
    return scheme


def follow_system(app: QApplication) -> None:
    """Apply the theme now and each time the system's colour scheme changes."""
    apply_theme(app)
    if not app.property("studyvisit_follows_scheme"):  # once, however often it is set up
        app.setProperty("studyvisit_follows_scheme", True)
        app.styleHints().colorSchemeChanged.connect(lambda _scheme: apply_theme(app))
