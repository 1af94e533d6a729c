"""The program's icons: one name per meaning, drawn from one icon font.

QtAwesome (MIT) renders the Material Design Icons font (``mdi6``, Apache 2.0 / Pictogrammers
Free licence) it ships: vector glyphs, so every icon is sharp at 100 %, 125 % and 150 %
scaling with no image files to bundle or keep in step. Widgets ask for a meaning
(``icon("new_visit")``), never a glyph name, so the whole set can change here in one place.
Icons are drawn in the palette's text colour (and a muted one when disabled), so they read
on a light and on a dark palette alike; the status colours are the ones ``STATUS_COLOURS``
gives every status chip and marker.
"""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QTreeWidgetItem

GLYPHS: dict[str, str] = {
    # toolbar and menus
    "new_visit": "mdi6.calendar-plus",
    "open_visit": "mdi6.folder-open-outline",
    "undo": "mdi6.undo",
    "redo": "mdi6.redo",
    "documents": "mdi6.file-document-multiple-outline",
    "find": "mdi6.magnify",
    "back": "mdi6.arrow-left",
    "add": "mdi6.plus",
    "edit": "mdi6.pencil-outline",
    "delete": "mdi6.delete-outline",
    "save": "mdi6.content-save-outline",
    "preview": "mdi6.file-eye-outline",
    "translations": "mdi6.translate",
    "send": "mdi6.send-outline",
    "phone": "mdi6.cellphone",
    "letter": "mdi6.email-outline",
    # navigation sections
    "visits": "mdi6.airplane",
    "institutions": "mdi6.domain",
    "people": "mdi6.account-group-outline",
    "projects": "mdi6.briefcase-outline",
    "archive": "mdi6.archive-outline",
    "followups": "mdi6.checkbox-marked-circle-outline",
    "statistics": "mdi6.chart-bar",
    # status markers
    "warning": "mdi6.alert-outline",
    "error": "mdi6.alert-circle-outline",
    "confirmed": "mdi6.check-circle-outline",
    "tentative": "mdi6.help-circle-outline",
}

# One colour per kind of state, used sparingly: amber warns, red is an error or overdue,
# green is done or confirmed, blue is in progress, grey is past or set aside.
STATUS_COLOURS: dict[str, str] = {
    "warning": "#b26a00",
    "error": "#c62828",
    "ok": "#2e7d32",
    "active": "#1565c0",
    "muted": "#6b7785",
}
# The same states on a dark palette (ui.theme): lighter tones, each at least 4.5:1 against
# the dark window colour, where the light ones fell to about 2.5:1.
DARK_STATUS_COLOURS: dict[str, str] = {
    "warning": "#ffb74d",
    "error": "#ff8a80",
    "ok": "#81c784",
    "active": "#64b5f6",
    "muted": "#a7b1bc",
}


def dark_palette_in_use() -> bool:
    return QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128


def status_colour(state: str) -> QColor:
    """The colour of a state (a key of ``STATUS_COLOURS``) on the palette in use: for
    problem lines, marked cells and icons alike."""
    colours = DARK_STATUS_COLOURS if dark_palette_in_use() else STATUS_COLOURS
    return QColor(colours[state])


def icon(meaning: str, colour: str | None = None) -> QIcon:
    """The icon for ``meaning`` (an empty icon for an unknown one, never an error)."""
    import qtawesome

    glyph = GLYPHS.get(meaning)
    if glyph is None:
        return QIcon()
    palette = QApplication.palette()
    text = status_colour(colour) if colour in STATUS_COLOURS else \
        palette.color(QPalette.ColorRole.WindowText)
    muted = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
    return qtawesome.icon(glyph, color=text, color_disabled=muted)


def mark(row: QTreeWidgetItem, column: int, state: str, tooltip: str = "") -> None:
    """Mark one cell of a row (an overdue due date, a warning): its colour, an icon and a
    tooltip. Only that cell: a whole red row shouts, and hides which value is the problem.
    ``state`` is a key of ``STATUS_COLOURS``."""
    meaning = {"error": "error", "warning": "warning", "ok": "confirmed"}.get(state)
    row.setForeground(column, QBrush(status_colour(state)))
    font = row.font(column)
    font.setBold(state in ("error", "warning"))
    row.setFont(column, font)
    if meaning is not None:
        row.setIcon(column, icon(meaning, state))
    if tooltip:
        row.setToolTip(column, tooltip)
