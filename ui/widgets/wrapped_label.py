"""A word-wrapped label that keeps the height its text needs.

Qt sizes a word-wrapped ``QLabel`` by a guessed width, so in a short pane (the Budget tab's
rates at 1024×700) its lines were drawn over one another or cut. This label asks for the
height its text needs at the width it actually has, whenever that width changes, so the
layout (and the scrolling panes around it) makes room.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QWidget


class WrappedLabel(QLabel):
    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)

    def _fit(self) -> None:
        if self.width() > 0:
            wanted = self.heightForWidth(self.width())
            if wanted > 0 and wanted != self.minimumHeight():
                self.setMinimumHeight(wanted)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._fit()

    def setText(self, text: str) -> None:
        super().setText(text)
        self._fit()
