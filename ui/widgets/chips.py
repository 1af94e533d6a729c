"""Status chips: a visit's status as a small coloured pill, read at a glance in a list.

The colours are the program's state colours (``ui.icons.STATUS_COLOURS``): blue for a visit
being planned, green once confirmed or held, grey for a draft or one already reported (done,
nothing to do), red only for a cancelled one. The text stays the status's own word, so the
colour is never the only sign (colour-blind readers, a black-and-white printout).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ui.icons import status_colour

VISIT_STATE = {
    "draft": "muted",
    "planned": "active",
    "confirmed": "ok",
    "completed": "ok",
    "reported": "muted",
    "cancelled": "error",
}
CODE_ROLE = Qt.ItemDataRole.UserRole + 7  # the status code behind the label


class ChipDelegate(QStyledItemDelegate):
    """Paints the cell's text inside a rounded pill coloured by its code (``CODE_ROLE``)."""

    def __init__(self, parent: Any, states: dict[str, str] = VISIT_STATE) -> None:
        super().__init__(parent)
        self.states = states

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        text = str(index.data() or "")
        state = self.states.get(str(index.data(CODE_ROLE) or ""), "muted")
        # the cell's own background and selection first, as any other cell
        plain = QStyleOptionViewItem(option)
        self.initStyleOption(plain, index)
        plain.text = ""
        style = plain.widget.style() if plain.widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, plain, painter, plain.widget)
        colour = status_colour(state)
        metrics = option.fontMetrics
        width = min(metrics.horizontalAdvance(text) + 16, option.rect.width() - 6)
        height = min(metrics.height() + 4, option.rect.height() - 4)
        rect = QRectF(option.rect.x() + 4, option.rect.center().y() - height / 2 + 1, width, height)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        fill = QColor(colour)
        fill.setAlpha(40)
        painter.setPen(colour)
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, height / 2, height / 2)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.setPen(
            option.palette.color(QPalette.ColorRole.HighlightedText)
            if selected
            else option.palette.color(QPalette.ColorRole.Text)
        )
        painter.drawText(
            rect,
            int(Qt.AlignmentFlag.AlignCenter),
            metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(rect.width()) - 8),
        )
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width() + 20, size.height())
