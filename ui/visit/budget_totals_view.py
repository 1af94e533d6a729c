"""What the Budget tab shows below its lines for finance staff to check: the totals (by
category, by funding source, eligible and not, overall) and the warnings.

Both come from ``app.services.budget_report`` (the same computation as the budget PDF and
spreadsheet), so the cents shown are the cents printed; these widgets only lay them out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHeaderView,
    QListView,
    QListWidget,
    QListWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from app.domain.budget_totals import Amounts, category_label
from app.i18n import _, format_money

if TYPE_CHECKING:
    from app.services.budget_report import VisitBudget

_LONG_WORD = re.compile(r"\S{25,}")


def breakable(text: str) -> str:
    """The text with a zero-width space every 20 letters of a very long word, where Qt's
    word wrap may then break it (it breaks only between words)."""
    return _LONG_WORD.sub(
        lambda m: "\u200b".join(m.group()[i : i + 20] for i in range(0, len(m.group()), 20)), text
    )


class TotalsTree(QTreeWidget):
    """The totals, a row each: label, planned, actual, variance in the base currency."""

    MAX_HEIGHT = 420  # px; beyond it the panel scrolls (a budget of many sources)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderLabels([_("Totals"), _("Planned"), _("Actual"), _("Variance")])
        self.setAccessibleName(_("Totals"))
        self.setRootIsDecorated(False)
        # The amounts as wide as their widest text, the labels as wide as theirs up to a
        # limit (a long one elides; its tooltip has it), scrolling sideways when the panel
        # is narrower: with a stretching label column, amounts of 10^11 squeezed the labels
        # to "…" and cut the variance's digits.
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

    def show_budget(self, budget: VisitBudget) -> None:
        base, totals = budget.base_currency, budget.totals
        self.clear()

        def row(label: str, amounts: Amounts, *, heading: bool = False) -> None:
            item = QTreeWidgetItem(
                [
                    label,
                    format_money(amounts.planned, base),
                    format_money(amounts.actual, base),
                    format_money(amounts.variance, base),
                ]
            )
            for column in range(4):
                item.setToolTip(column, item.text(column).strip())
            for column in (1, 2, 3):
                item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight)
            if heading:
                font = item.font(0)
                font.setBold(True)
                for column in range(4):
                    item.setFont(column, font)
            self.addTopLevelItem(item)

        def title(text: str) -> None:
            item = QTreeWidgetItem([text])
            font = item.font(0)
            font.setItalic(True)
            item.setFont(0, font)
            self.addTopLevelItem(item)

        title(_("By category"))
        for code, amounts in totals.by_category.items():
            row("  " + category_label(code), amounts)
        title(_("By funding source"))
        for key, amounts in totals.by_source.items():
            row("  " + (budget.source_name(key) if key else _("(no funding source)")), amounts)
        title(_("Eligibility"))
        row("  " + _("Eligible costs"), totals.eligible)
        row("  " + _("Ineligible costs"), totals.ineligible)
        row(_("Overall"), totals.overall, heading=True)
        self.header().resizeSection(0, min(max(self.sizeHintForColumn(0), 120), 220))
        self._fit()

    def _fit(self) -> None:
        """As tall as its rows, so the overall row at the bottom is seen without scrolling
        (at 1400×900 it was cut off under the splitter's share); a budget with more rows
        than fit in ``MAX_HEIGHT`` scrolls instead."""
        rows = sum(
            max(self.sizeHintForRow(i), self.fontMetrics().height())
            for i in range(self.topLevelItemCount())
        )
        height = self.header().sizeHint().height() + rows + 2 * self.frameWidth() + 2
        if self.header().length() > self.viewport().width() > 0:
            height += self.horizontalScrollBar().sizeHint().height()
        self.setMinimumHeight(min(height, self.MAX_HEIGHT))

    def texts(self) -> list[list[str]]:
        """What the panel shows, row by row (for tests and screen readers)."""
        return [
            [self.topLevelItem(i).text(c) for c in range(4)]
            for i in range(self.topLevelItemCount())
        ]


class WarningsList(QListWidget):
    """The budget's warnings, or "No warnings.", each wrapped to the list's width."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Warnings"))
        # Each warning wraps to the list's width (again when it is resized) instead of
        # widening the list, so a long one cannot push the others out of sight.
        self.setWordWrap(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def show_texts(self, texts: Sequence[str]) -> None:
        self.clear()
        for text in list(texts) or [_("No warnings.")]:
            item = QListWidgetItem(breakable(text))
            item.setToolTip(text)
            self.addItem(item)
