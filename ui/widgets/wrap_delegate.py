"""Rows that wrap their own text, each as tall as it needs, at the width the view gives.

Qt's own word wrap in a list measures every row by its longest unbreakable word: one
pasted URL or a 300-letter word in one lesson makes the row wider than the view, and the
list lays out *every* row at that width, so all of them stop wrapping and are clipped. This
delegate breaks at word boundaries and, for a word longer than the line, anywhere
(``QTextOption.WrapAtWordBoundaryOrAnywhere``), at the width of the column (a tree) or of
the viewport (a list), so a long word wraps in its own row and the others are untouched.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QPainter,
    QPalette,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QWidget,
)

PADDING = 3  # pixels around the text, as the style's own item views leave


class WrapDelegate(QStyledItemDelegate):
    """Paints and measures an item's text wrapped (anywhere when a word is too long)."""

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self.view = view

    def _width(self, option: QStyleOptionViewItem, index: QModelIndex) -> int:
        view = self.view
        if isinstance(view, QTreeView):
            width = view.columnWidth(index.column())
            if index.column() == 0:
                width -= view.indentation() if view.rootIsDecorated() else 0
        else:
            width = (
                view.viewport().width() - 2 * view.spacing()
                if isinstance(view, QListView)
                else option.rect.width()
            )
        return max(width - 2 * PADDING, 40)

    def _document(self, option: QStyleOptionViewItem, text: str, width: int) -> QTextDocument:
        document = QTextDocument()
        document.setDocumentMargin(0)
        document.setDefaultFont(option.font)
        wrap = QTextOption()
        wrap.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        document.setDefaultTextOption(wrap)
        document.setPlainText(text)
        document.setTextWidth(width)
        return document

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        width = self._width(item, index)  # type: ignore[arg-type]
        document = self._document(item, item.text, width)
        height = int(document.size().height()) + 2 * PADDING
        return QSize(width + 2 * PADDING, max(height, item.fontMetrics.height() + 2 * PADDING))

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        text = item.text
        item.text = ""  # the style draws the background, selection and focus; we the text
        widget: QWidget | None = item.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, widget)
        rect = item.rect.adjusted(PADDING, PADDING, -PADDING, -PADDING)
        document = self._document(item, text, rect.width())
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(item.state & QStyle.StateFlag.State_Selected)
        colour = item.palette.color(
            QPalette.ColorGroup.Normal
            if item.state & QStyle.StateFlag.State_Enabled
            else QPalette.ColorGroup.Disabled,
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text,
        )
        foreground = index.data(Qt.ItemDataRole.ForegroundRole)
        if foreground is not None and not selected:  # an overdue row's red
            colour = foreground.color() if hasattr(foreground, "color") else foreground
        context.palette.setColor(QPalette.ColorRole.Text, colour)
        painter.save()
        painter.translate(rect.topLeft())
        painter.setClipRect(rect.translated(-rect.topLeft()))
        document.documentLayout().draw(painter, context)
        painter.restore()


def wrap_rows(view: Any) -> WrapDelegate:
    """Make ``view`` (a list or a tree) wrap each row's text on its own, re-measuring the
    rows when the view or a column is resized."""
    delegate = WrapDelegate(view)
    view.setItemDelegate(delegate)
    view.setWordWrap(True)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setTextElideMode(Qt.TextElideMode.ElideNone)
    if isinstance(view, QListView):
        view.setUniformItemSizes(False)
        view.setResizeMode(QListView.ResizeMode.Adjust)  # re-laid out at the new width
    if isinstance(view, QTreeView):
        view.setUniformRowHeights(False)
        view.header().sectionResized.connect(lambda *_a: view.scheduleDelayedItemsLayout())
        view.header().geometriesChanged.connect(view.scheduleDelayedItemsLayout)
    return delegate
