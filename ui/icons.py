"""The program's icons: one name per meaning, drawn from one icon font.

QtAwesome (MIT) renders the Material Design Icons font (``mdi6``, Apache 2.0 / Pictogrammers
Free licence) it ships: vector glyphs, so every icon is sharp at 100 %, 125 % and 150 %
scaling with no image files to bundle or keep in step. Widgets ask for a meaning
(``icon("new_visit")``), never a glyph name, so the whole set can change here in one place.
Icons are drawn in the palette's text colour (and a muted one when disabled), so they read
on a light and on a dark palette alike; the status colours are the ones ``STATUS_COLOURS``
gives every status chip and marker. An icon looks the palette up each time it is painted,
and ``tint``/``mark`` colour again when the theme switches (``ui.theme.apply_theme``), so
switching between light and dark recolours the window already built, with no restart.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QRect, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QIcon, QIconEngine, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QApplication, QLabel, QTreeWidget, QTreeWidgetItem, QWidget

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


class _PaletteIconEngine(QIconEngine):
    """Draws one glyph in the colours of the palette in use at the time it is painted, so
    an icon set on a button before a switch to the dark palette is drawn light after it."""

    def __init__(self, glyph: str, state: str | None) -> None:
        super().__init__()
        self.glyph = glyph
        self.state = state

    def _icon(self) -> QIcon:
        palette = QApplication.palette()
        text = (
            status_colour(self.state)
            if self.state in STATUS_COLOURS
            else palette.color(QPalette.ColorRole.WindowText)
        )
        muted = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
        # on a selected row (a navigation entry) the glyph takes the selection's text colour
        selected = (
            text
            if self.state in STATUS_COLOURS
            else palette.color(QPalette.ColorRole.HighlightedText)
        )
        return _glyph_icon(self.glyph, text.rgba(), muted.rgba(), selected.rgba())

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        self._icon().paint(painter, rect, Qt.AlignmentFlag.AlignCenter, mode, state)

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        pixmap = QPixmap(size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        self.paint(painter, QRect(0, 0, size.width(), size.height()), mode, state)
        painter.end()
        return pixmap

    def clone(self) -> QIconEngine:
        return _PaletteIconEngine(self.glyph, self.state)


_GLYPH_ICONS: dict[tuple[str, int, int, int], QIcon] = {}


def _glyph_icon(glyph: str, text: int, muted: int, selected: int) -> QIcon:
    """QtAwesome's icon of a glyph in its colours, made once per glyph and colours."""
    key = (glyph, text, muted, selected)
    made = _GLYPH_ICONS.get(key)
    if made is None:
        import qtawesome

        made = _GLYPH_ICONS[key] = qtawesome.icon(
            glyph,
            color=QColor.fromRgba(text),
            color_disabled=QColor.fromRgba(muted),
            color_selected=QColor.fromRgba(selected),
        )
    return made


def icon(meaning: str, colour: str | None = None) -> QIcon:
    """The icon for ``meaning`` (an empty icon for an unknown one, never an error), in the
    palette's text colour or in the status colour ``colour``, whichever palette is in use
    when it is painted."""
    glyph = GLYPHS.get(meaning)
    if glyph is None:
        return QIcon()
    return QIcon(_PaletteIconEngine(glyph, colour))


class _PaletteFollower(QObject):
    """What a widget does again when the application's palette changes; a child of the
    widget, so it goes with it."""

    def __init__(self, widget: QWidget, apply: Callable[[], None]) -> None:
        super().__init__(widget)
        self.apply = apply
        key = id(self)
        _FOLLOWERS[key] = self
        self.destroyed.connect(lambda *_a: _FOLLOWERS.pop(key, None))


_FOLLOWERS: dict[int, _PaletteFollower] = {}


def palette_switched() -> None:
    """Run every follower again: ``ui.theme.apply_theme`` calls this once it has set the
    palette (the one place the program sets it, also when the system's scheme changes).

    Not Qt's ``paletteChanged`` (deprecated in Qt 6) nor an event filter on the application
    for ``ApplicationPaletteChange``: such a filter is a Python call on every event of the
    program (44 000 while the window and three visits' tabs open, about 15 % slower), and
    windows get that event only later, posted."""
    import shiboken6

    for follower in list(_FOLLOWERS.values()):
        if shiboken6.isValid(follower):
            follower.apply()


def follow_palette(widget: QWidget, apply: Callable[[], None], key: str = "") -> None:
    """Run ``apply`` now and again whenever the palette switches (light ↔ dark, see
    ``palette_switched``): for colours a widget holds itself (a style sheet, an item's
    brush), on shown windows and windows not yet shown alike. ``key`` makes a second
    call for the same purpose replace the first instead of adding another."""
    name = f"studyvisit_palette_{key}" if key else ""
    if name:
        old = widget.findChild(_PaletteFollower, name)
        if old is not None:
            old.apply = apply
            apply()
            return
    follower = _PaletteFollower(widget, apply)
    if name:
        follower.setObjectName(name)
    apply()


def tint(label: QLabel, state: str | None) -> None:
    """Write ``label``'s text in a state's colour (``None``: the palette's own), on the
    light or the dark palette, whichever is in use."""
    follow_palette(
        label,
        lambda: label.setStyleSheet(f"color: {status_colour(state).name()};" if state else ""),
        "tint",
    )


STATE_ROLE = Qt.ItemDataRole.UserRole + 40  # the state a marked cell is coloured for


def colour_cell(row: QTreeWidgetItem, column: int, state: str) -> None:
    """Write one cell in a state's colour, and again in the other palette's when the
    palette switches."""
    row.setData(column, STATE_ROLE, state)
    row.setForeground(column, QBrush(status_colour(state)))
    tree = row.treeWidget()
    if tree is not None:
        follow_palette(tree, lambda: _recolour(tree), "cells")


def _recolour(tree: QTreeWidget) -> None:
    def walk(item: QTreeWidgetItem) -> None:
        for column in range(item.columnCount()):
            state = item.data(column, STATE_ROLE)
            if state in STATUS_COLOURS:
                item.setForeground(column, QBrush(status_colour(state)))
        for child in range(item.childCount()):
            walk(item.child(child))

    walk(tree.invisibleRootItem())


def mark(row: QTreeWidgetItem, column: int, state: str, tooltip: str = "") -> None:
    """Mark one cell of a row (an overdue due date, a warning): its colour, an icon and a
    tooltip. Only that cell: a whole red row shouts, and hides which value is the problem.
    ``state`` is a key of ``STATUS_COLOURS``."""
    meaning = {"error": "error", "warning": "warning", "ok": "confirmed"}.get(state)
    colour_cell(row, column, state)
    font = row.font(column)
    font.setBold(state in ("error", "warning"))
    row.setFont(column, font)
    if meaning is not None:
        row.setIcon(column, icon(meaning, state))
    if tooltip:
        row.setToolTip(column, tooltip)


def icon_label(label: QLabel, meaning: str, state: str | None = None, size: int = 16) -> None:
    """Show an icon as ``label``'s picture, drawn at the screen's pixel density (a plain
    ``pixmap(16, 16)`` is blurred at 125 % and 150 %) and again when the palette switches."""

    def draw() -> None:
        pixmap = icon(meaning, state).pixmap(QSize(size, size), label.devicePixelRatioF())
        label.setPixmap(pixmap)

    follow_palette(label, draw, "picture")


def banner(label: QLabel, state: str = "warning") -> None:
    """Style ``label`` as a banner: a pale wash and a border of a state's colour behind
    the palette's own text colour, so it reads on the light and on the dark palette."""

    def style() -> None:
        colour = status_colour(state)
        label.setStyleSheet(
            f"QLabel {{ background: rgba({colour.red()}, {colour.green()}, {colour.blue()}, "
            f"38); border: 1px solid {colour.name()}; padding: 6px; }}"
        )

    follow_palette(label, style, "banner")
