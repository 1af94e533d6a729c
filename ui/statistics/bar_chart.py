"""A horizontal bar chart drawn with QPainter, its number written beside each bar.

PySide6-Essentials has no QtCharts, and a figure here is a short list of labelled numbers:
one row per bar (label, bar, value) reads in both languages without a legend, and the
number beside the bar means the chart is never the only place a value is shown. A click on
a bar (or Up/Down and Enter with the keyboard) chooses it, so the page can list the visits
behind it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from ui.icons import status_colour

ROW = 22
PAD = 4


class BarChart(QWidget):
    """Bars for ``(label, value, tooltip)`` rows; ``activated(index)`` when one is chosen."""

    activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[str, float, str]] = []
        self.texts: list[str] = []
        self.current = -1
        self.empty_text = ""
        self._widths: tuple[int, int] | None = None  # the widest label and value, measured
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_rows(self, rows: Sequence[tuple[str, float, str]], text: Callable[[int], str]) -> None:
        """The bars, and how the value of bar ``i`` is written beside it."""
        self.rows = list(rows)
        self.texts = [text(i) for i in range(len(self.rows))]
        self._widths = None
        self.current = -1
        self.setFixedHeight(self.sizeHint().height())
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(420, max(1, len(self.rows)) * ROW + 2 * PAD)

    def minimumSizeHint(self) -> QSize:
        return QSize(220, self.sizeHint().height())

    # --- geometry

    def changeEvent(self, event: Any) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._widths = None
        super().changeEvent(event)

    def _columns(self) -> tuple[int, int, int]:
        """Widths of the label column, the bars' room and the value column (the texts
        measured once for their rows and font: measuring them for every bar painted was
        a fifth of the section's painting)."""
        if self._widths is None:
            fm = self.fontMetrics()
            self._widths = (
                max((fm.horizontalAdvance(label) for label, _v, _t in self.rows), default=0),
                max((fm.horizontalAdvance(t) for t in self.texts), default=0),
            )
        labels, values = self._widths
        width = self.width() - 2 * PAD
        label_width = min(labels + 8, int(width * 0.42))
        value_width = values + 8
        return label_width, max(10, width - label_width - value_width), value_width

    def index_at(self, y: float) -> int:
        index = int((y - PAD) // ROW)
        return index if 0 <= index < len(self.rows) else -1

    def bar_rect(self, index: int) -> QRect:
        """Where bar ``index`` is drawn (for tests and tooltips)."""
        label_width, room, _value_width = self._columns()
        top = max((abs(v) for _l, v, _t in self.rows), default=0) or 1
        length = round(room * abs(self.rows[index][1]) / top)
        return QRect(PAD + label_width, PAD + index * ROW + 4, max(length, 1), ROW - 8)

    # --- painting

    def paintEvent(self, _event: Any) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text_colour = palette.color(QPalette.ColorRole.WindowText)
        if not self.rows:
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.empty_text)
            return
        fm = self.fontMetrics()
        label_width, _room, value_width = self._columns()
        for index, (label, value, _tip) in enumerate(self.rows):
            y = PAD + index * ROW
            if index == self.current:
                painter.fillRect(
                    QRect(0, y, self.width(), ROW), palette.color(QPalette.ColorRole.AlternateBase)
                )
            painter.setPen(text_colour)
            painter.drawText(
                QRect(PAD, y, label_width - 6, ROW),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                fm.elidedText(label, Qt.TextElideMode.ElideRight, label_width - 6),
            )
            bar = self.bar_rect(index)
            if value:
                # greyed with its text while the figures are being worked out again (they
                # are from before a saved change, and must not look current)
                painter.fillRect(
                    QRectF(bar),
                    palette.color(QPalette.ColorRole.Mid)
                    if not self.isEnabled()
                    else palette.color(QPalette.ColorRole.Highlight)
                    if index == self.current
                    else status_colour("active"),
                )
            painter.drawText(
                QRect(bar.right() + 5, y, value_width, ROW),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                self.texts[index],
            )
        if self.hasFocus() and self.current >= 0:
            painter.setPen(palette.color(QPalette.ColorRole.Highlight))
            painter.drawRect(QRect(0, PAD + self.current * ROW, self.width() - 1, ROW - 1))

    # --- choosing a bar

    def choose(self, index: int) -> None:
        if 0 <= index < len(self.rows):
            self.current = index
            self.update()
            self.activated.emit(index)

    def mousePressEvent(self, event: Any) -> None:
        index = self.index_at(event.position().y())
        if index >= 0:
            self.setFocus()
            self.choose(index)
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: Any) -> None:
        index = self.index_at(event.position().y())
        if index >= 0:
            label, _value, tip = self.rows[index]
            text = f"{label}: {self.texts[index]}" + (f"\n{tip}" if tip else "")
            QToolTip.showText(event.globalPosition().toPoint(), text, self)
        super().mouseMoveEvent(event)

    def keyPressEvent(self, event: Any) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.rows:
            step = 1 if key == Qt.Key.Key_Down else -1
            self.choose(min(max(self.current + step, 0), len(self.rows) - 1))
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and self.rows:
            self.choose(max(self.current, 0))
            return
        super().keyPressEvent(event)
