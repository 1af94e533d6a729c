"""A row of buttons that wraps onto a second line when the window is narrow.

A ``QHBoxLayout`` of five buttons with Latvian labels asked for 700 px: at 1024 px with a
visit open its buttons were squeezed until their words were cut ("enot no katalo"), and
the window could not be made narrower than 1135 px. This layout (Qt's flow-layout example)
asks only for its widest button and places the others on as many lines as needed.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QSizePolicy, QStyle, QWidget


class FlowLayout(QLayout):
    def __init__(self, parent: QWidget | None = None, spacing: int = -1) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self._wanted = 0  # the height the last width needed (more lines when wrapped)
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._lay_out(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        wanted = self._lay_out(rect, apply=True)
        if wanted != self._wanted:
            # Ask the form for the height of the lines now needed (a box layout does not
            # ask a nested layout's height for its width), once the layout pass is over.
            self._wanted = wanted
            from PySide6.QtCore import QTimer

            QTimer.singleShot(0, self.invalidate)

    def sizeHint(self) -> QSize:
        """All on one line, as wide as they like."""
        width = sum(item.sizeHint().width() for item in self._items)
        width += self._gap() * max(len(self._items) - 1, 0)
        height = max((item.sizeHint().height() for item in self._items), default=0)
        margins = self.contentsMargins()
        return QSize(
            width + margins.left() + margins.right(), height + margins.top() + margins.bottom()
        )

    def minimumSize(self) -> QSize:
        """The widest button: the rest wrap."""
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize().expandedTo(item.sizeHint()))
        margins = self.contentsMargins()
        size += QSize(margins.left() + margins.right(), margins.top() + margins.bottom())
        return size.expandedTo(QSize(0, self._wanted))

    def _gap(self) -> int:
        if self._spacing >= 0:
            return self._spacing
        parent = self.parentWidget()
        if parent is None:
            return 6
        return (
            parent.style().pixelMetric(QStyle.PixelMetric.PM_LayoutHorizontalSpacing, None, parent)
            if parent.style()
            else 6
        )

    def _lay_out(self, rect: QRect, *, apply: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        x, y, line = area.x(), area.y(), 0
        gap = max(self._gap(), 0)
        for item in self._items:
            if item.isEmpty():
                continue
            hint = item.sizeHint()
            if x + hint.width() > area.right() + 1 and line > 0:
                x, y, line = area.x(), y + line + gap, 0
            if apply:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + gap
            line = max(line, hint.height())
        return y + line - rect.y() + margins.bottom()


def flow(*widgets: QWidget) -> FlowLayout:
    """The widgets in a wrapping row."""
    layout = FlowLayout()
    for widget in widgets:
        widget.setSizePolicy(QSizePolicy.Policy.Fixed, widget.sizePolicy().verticalPolicy())
        layout.addWidget(widget)
    return layout


__all__: list[Any] = ["FlowLayout", "flow"]
