"""A long table of plain-string rows, laid out and drawn cheaply (the budget's lines).

ReportLab's ``Table`` applies every style command to every cell, measures each cell again
when it splits across pages, and draws each line of text in a text object of its own; for
5,000 budget lines that was most of the PDF's time. The lines need none of its generality:
fixed columns, text already wrapped into lines, one font. ``Rows`` computes each row's
height once, splits between rows (repeating the header band on each page) and draws a
page's text in a single text object. The text is drawn as it is — never read as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable

from app.documents import common as c

PAD_X = 4.0
PAD_TOP = 2.0
PAD_BOTTOM = 2.5


class Rows(Flowable):
    """Rows of cells (strings with ``\\n`` between lines) under a header band.

    ``aligns`` holds ``"L"``, ``"C"`` or ``"R"`` per column.
    """

    def __init__(
        self,
        head: Sequence[str],
        rows: Sequence[Sequence[str]],
        widths: Sequence[float],
        aligns: str,
        *,
        size: float = 7.4,
        leading: float = 9.0,
        _split: tuple[Any, ...] | None = None,
    ) -> None:
        super().__init__()
        self.widths = list(widths)
        self.aligns = aligns
        self.size = size
        self.leading = leading
        if _split is not None:
            self.head_lines, self.head_height, self.rows, self.heights = _split
        else:
            self.head_lines = [
                simpleSplit(label, c.FONT_BOLD, size, w - 2 * PAD_X) or [""]
                for label, w in zip(head, self.widths, strict=True)
            ]
            self.head_height = (
                max(len(x) for x in self.head_lines) * leading + PAD_TOP + PAD_BOTTOM + 1
            )
            self.rows = [[cell.split("\n") if cell else [] for cell in row] for row in rows]
            self.heights = [
                max(1, *(len(cell) for cell in row)) * leading + PAD_TOP + PAD_BOTTOM
                for row in self.rows
            ]
        self.width = sum(self.widths)
        self.height = self.head_height + sum(self.heights)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        room = availHeight - self.head_height
        used, count = 0.0, 0
        for height in self.heights:
            if used + height > room:
                break
            used += height
            count += 1
        if count == 0:
            return []
        if count == len(self.rows):
            return [self]
        return [self._part(0, count), self._part(count, len(self.rows))]

    def _part(self, start: int, end: int) -> Rows:
        return Rows(
            (),
            (),
            self.widths,
            self.aligns,
            size=self.size,
            leading=self.leading,
            _split=(
                self.head_lines,
                self.head_height,
                self.rows[start:end],
                self.heights[start:end],
            ),
        )

    def draw(self) -> None:
        canvas = self.canv
        width, top = self.width, self.height
        canvas.saveState()
        # the header band
        canvas.setFillColor(c.INK)
        canvas.rect(0, top - self.head_height, width, self.head_height, stroke=0, fill=1)
        text = canvas.beginText()
        text.setFont(c.FONT_BOLD, self.size, self.leading)
        text.setFillColor("white")
        self._cells(text, self.head_lines, top, c.FONT_BOLD)
        # the rows, with a rule below each
        canvas.drawText(text)
        text = canvas.beginText()
        text.setFont(c.FONT, self.size, self.leading)
        text.setFillColor(c.INK)
        y = top - self.head_height
        rules = []
        for row, height in zip(self.rows, self.heights, strict=True):
            self._cells(text, row, y, c.FONT)
            y -= height
            rules.append(y)
        canvas.drawText(text)
        canvas.setStrokeColor(c.RULE)
        canvas.setLineWidth(0.4)
        canvas.lines([(0, r, width, r) for r in rules])
        canvas.restoreState()

    def _cells(self, text: Any, cells: Sequence[Sequence[str]], y: float, font: str) -> None:
        x = 0.0
        baseline = y - PAD_TOP - self.size
        for lines, width, align in zip(cells, self.widths, self.aligns, strict=False):
            line_y = baseline
            for line in lines:
                if line:
                    if align == "L":
                        left = x + PAD_X
                    else:
                        measured = pdfmetrics.stringWidth(line, font, self.size)
                        left = (
                            x + width - PAD_X - measured
                            if align == "R"
                            else x + (width - measured) / 2
                        )
                    text.setTextOrigin(left, line_y)
                    text.textOut(line)
                line_y -= self.leading
            x += width
