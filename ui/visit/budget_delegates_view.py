"""The Budget tab's cost per delegate and per sending organisation (member municipalities
often pay for their own delegates): the table the budget PDF and spreadsheet print.

The figures are the budget's own (``VisitBudget.delegate_costs``,
``app.services.delegate_costs``): each organisation's people, planned and actual, its share
of the visit and its cost per delegate, then the total. Share and per delegate are of the
actual costs once anything is paid, else of the planned ones, as the PDF says under its
table. The widget only lays them out; the organisation's tooltip names its people and
parts its total into its own lines and its share of the common costs.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from app.i18n import N_, _, current_language, format_money
from ui.models.rows_model import Column, RowsModel
from ui.widgets.views import read_only_table

if TYPE_CHECKING:
    from app.services.budget_report import VisitBudget
    from app.services.delegate_costs import DelegateCosts


@dataclass(frozen=True)
class OrganisationRow:
    """One row of the table as it is shown (the total is the last row)."""

    name: str
    people: str
    planned: str
    actual: str
    share: str
    per_delegate: str
    tooltip: str = ""


COLUMNS: list[Column[OrganisationRow]] = [
    Column(N_("Organisation"), lambda r: r.name, tooltip=lambda r: r.tooltip or r.name),
    Column(N_("People"), lambda r: r.people, right=True),
    Column(N_("Planned"), lambda r: r.planned, right=True),
    Column(N_("Actual"), lambda r: r.actual, right=True),
    Column(N_("Share"), lambda r: r.share, right=True),
    Column(N_("Per delegate"), lambda r: r.per_delegate, right=True),
]


def organisation_rows(costs: DelegateCosts, base: str) -> list[OrganisationRow]:
    """The table's rows in the interface's language, the total last (the PDF's rows)."""
    from app.documents.budget_text import number

    lang = current_language()
    paid = bool(costs.total.actual)  # share and per delegate: of what was paid, once any

    def m(amount: Decimal) -> str:
        return format_money(amount, base, lang)

    rows = []
    for org in costs.organisations:
        share = costs.share(org, actual=paid)
        name = org.organisation or _("(no organisation)")
        tooltip = "\n".join(
            [
                name,
                "{}: {}".format(_("Delegates"), ", ".join(org.people)),
                "{}: {} / {}".format(_("Own lines"), m(org.own.planned), m(org.own.actual)),
                "{}: {} / {}".format(
                    _("Common costs"), m(org.common.planned), m(org.common.actual)
                ),
            ]
        )
        rows.append(
            OrganisationRow(
                name,
                str(len(org.people)),
                m(org.total.planned),
                m(org.total.actual),
                f"{number(share, lang)} %" if share is not None else "",
                m(org.per_delegate(actual=paid)),
                tooltip,
            )
        )
    rows.append(
        OrganisationRow(
            _("Total"),
            str(costs.people),
            m(costs.total.planned),
            m(costs.total.actual),
            "",
            m(costs.per_delegate(actual=paid)),
        )
    )
    return rows


class DelegateCostsView(QWidget):
    """A sentence with the people and the cost per delegate, the table, and the rule."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.model: RowsModel[OrganisationRow] = RowsModel(COLUMNS, self)
        self.table: QTableView = read_only_table(
            self.model, _("Cost per delegate and per sending organisation")
        )
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.note = QLabel()
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        layout.addWidget(self.note)

    def show_budget(self, budget: VisitBudget) -> None:
        costs = budget.delegate_costs
        if costs is None:
            self.summary.setText(
                _(
                    "Nobody takes part yet: the cost per delegate and per sending "
                    "organisation is worked out from the participants who take part."
                )
            )
            self.model.set_rows([])
            self.table.hide()
            self.note.hide()
            return
        base = budget.base_currency
        self.summary.setText(
            _(
                "People taking part: {count}; cost per delegate: planned {planned}, "
                "actual {actual}."
            ).format(
                count=costs.people,
                planned=format_money(costs.per_delegate(actual=False), base),
                actual=format_money(costs.per_delegate(actual=True), base),
            )
        )
        self.model.set_rows(organisation_rows(costs, base))
        self.table.show()
        self.note.setText(
            _("Share and per delegate: of the actual costs.")
            if costs.total.actual
            else _("Share and per delegate: of the planned costs.")
        )
        self.note.show()
        self._fit()

    def _fit(self) -> None:
        """As tall as its rows (the panes below the lines scroll as one, so the table
        does not scroll inside them)."""
        rows = self.model.rowCount()
        height = (
            self.table.horizontalHeader().sizeHint().height()
            + rows * self.table.verticalHeader().defaultSectionSize()
            + 2 * self.table.frameWidth()
            + 2
        )
        self.table.setMinimumHeight(height)
        self.table.setMaximumHeight(height)

    def texts(self) -> list[list[str]]:
        """The table as shown, row by row (for tests and screen readers)."""
        return [
            [column.text(row) or "" for column in COLUMNS]
            for row in (self.model.row_at(i) for i in range(self.model.rowCount()))
        ]
