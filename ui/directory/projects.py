"""The Projects section: the funding projects, each with its form and the visits under it.

The fields save as they are finished, one undo step each, like the other directories. The
typed text is read by ``app.services.projects.typed`` (the rule the command line uses), so
"85,5 %" and "30.04.2024" mean the same in both. The logo is chosen from a file and shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from app.domain.money import from_minor
from app.i18n import N_, _, current_language
from ui.directory.page import DirectoryPage
from ui.models.rows_model import Column
from ui.widgets import file_dialogs
from ui.widgets.binding import Binder, Field, PlainText, date_field, line_field, text_field
from ui.widgets.date_time_edits import date_text
from ui.widgets.fields import date_edit, describe, set_code
from ui.widgets.messages import confirm_delete, refused

if TYPE_CHECKING:
    from ui.context import Context

LOGO_SIZE = 96


def _rate(value: Any) -> str:
    from app.documents.budget_text import number

    return "" if value is None else number(value, current_language())


def _read_rate(text: str) -> Any:
    """The typed rate as a number when it is one (so an unchanged field is no change),
    else the text as typed, for the service to name what is wrong with it."""
    from decimal import Decimal, InvalidOperation

    from app.services.projects import typed

    value = typed("grant_rate", text)
    try:
        return Decimal(value) if value is not None else None
    except InvalidOperation:
        return text.strip()


def _amount(value: Any) -> str:
    """The award as typed back: the language's decimal mark, no grouping (a comma would
    read as the decimal mark in Latvian)."""
    from babel.numbers import get_decimal_symbol

    if value is None:
        return ""
    return f"{value:.2f}".replace(".", get_decimal_symbol(current_language()))


def _read_amount(text: str) -> Any:
    """Like ``_read_rate``: a number when it is one, else the text for the service."""
    from decimal import Decimal, InvalidOperation

    from app.services.projects import typed

    value = typed("awarded", text)
    try:
        return Decimal(value) if value is not None else None
    except InvalidOperation:
        return text.strip()


def fixed_rates_text(rates: Any) -> str:
    """{"NOK": "11.5"} as "NOK 11,5; SEK 11,2", with the language's decimal mark."""
    from decimal import Decimal

    from app.documents.budget_text import number

    return "; ".join(
        f"{c} {number(Decimal(str(r)), current_language())}"
        for c, r in sorted((rates or {}).items())
    )


def read_fixed_rates(text: str) -> Any:
    from app.services.projects import typed

    return typed("fixed_rates", text)


def _period(row: Any) -> str:
    start, end = row.period_start, row.period_end
    if start is None and end is None:
        return ""
    return f"{date_text(start) or '…'} – {date_text(end) or '…'}"


PROJECT_COLUMNS: list[Column[Any]] = [
    Column(N_("Code"), lambda p: p.code),
    Column(N_("Title"), lambda p: p.title),
    Column(N_("Funder"), lambda p: p.funder),
    Column(N_("Period"), _period, sort=lambda p: (p.period_start is None, p.period_start)),
    Column(
        N_("Visits"),
        lambda p: str(getattr(p, "visit_count", 0)),
        sort=lambda p: getattr(p, "visit_count", 0),
        right=True,
    ),
]


class ProjectsPage(DirectoryPage):
    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        from app.services.projects import typed

        super().__init__(context, PROJECT_COLUMNS, _("Projects"), parent)
        self.search.setPlaceholderText(_("Search by code, title or funder…"))
        from ui.reported_guard import ReportedGuard

        self.guard = ReportedGuard(self)  # a reported visit's figures move only on a Yes
        self.binder = Binder(
            context,
            self.problem,
            _("Change {field}"),
            lambda row_id, seen, changes: self.guard.update(
                context.db,
                row_id,
                seen,
                {n: typed(n, v) if isinstance(v, str) else v for n, v in changes.items()},
            ),
        )
        fields = self._fields()
        box = QGroupBox(_("Project"))
        form = QFormLayout(box)
        for name, label, field in fields:
            if isinstance(field.widget, PlainText):
                field.widget.setMaximumHeight(90)
                field.widget.setTabChangesFocus(True)
            self.binder.add(name, field)
            form.addRow(label, field.widget)
        form.addRow(_("Logo"), self._logo_row())
        self.right_layout.addWidget(box)
        self.right_layout.addWidget(self.problem)  # below the fields, not above to push them
        self.budget = QLabel()
        self.budget.setWordWrap(True)
        self.budget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.budget.setAccessibleName(_("Project budget"))
        self.right_layout.addWidget(self.budget)
        self.right_layout.addWidget(QLabel(_("Visits of this project")))
        self.appears.setAccessibleName(_("Visits of this project"))
        self.appears.setMaximumHeight(16777215)
        self.right_layout.addWidget(self.appears, 1)

    def _fields(self) -> list[tuple[str, str, Field]]:
        """The project's fields with their labels: the rate, amount and rate-table fields
        read and write the text a coordinator types ("85 %", "120 000,00")."""
        from app.labels import RATE_RULES, rate_rule

        rate = QLineEdit()
        rate.setPlaceholderText(_("e.g. 85 %"))
        awarded = QLineEdit()
        awarded.setPlaceholderText(_("e.g. 120 000,00"))
        currency = QLineEdit()
        currency.setMaxLength(3)
        currency.setPlaceholderText("EUR")
        rule = QComboBox()
        for code in RATE_RULES:
            rule.addItem(rate_rule(code), code)
        fixed = QLineEdit()
        fixed.setPlaceholderText(_("e.g. NOK 11,5; SEK 11,2"))
        fixed.setToolTip(
            _(
                "Units of each currency for one euro; used when payments "
                "convert at the project's fixed rate."
            )
        )
        return [
            ("code", _("&Code"), line_field(QLineEdit(), _("Code"))),
            ("title", _("&Title"), line_field(QLineEdit(), _("Title"))),
            ("programme", _("P&rogramme"), line_field(QLineEdit(), _("Programme"))),
            ("funder", _("&Funder"), line_field(QLineEdit(), _("Funder"))),
            (
                "period_start",
                _("Period &starts"),
                date_field(date_edit(optional=True), _("Period starts")),
            ),
            (
                "period_end",
                _("Period &ends"),
                date_field(date_edit(optional=True), _("Period ends")),
            ),
            (
                "grant_rate",
                _("&Grant rate, %"),
                Field(
                    rate,
                    _("Grant rate"),
                    lambda: _read_rate(rate.text()),
                    lambda v: rate.setText(_rate(v)),
                ),
            ),
            (
                "awarded",
                _("Grant a&warded"),
                Field(
                    awarded,
                    _("Grant awarded"),
                    lambda: _read_amount(awarded.text()),
                    lambda v: awarded.setText(_amount(v)),
                ),
            ),
            ("currency", _("C&urrency"), line_field(currency, _("Currency"))),
            (
                "rate_rule",
                _("&Payments convert at"),
                Field(
                    rule,
                    _("Payments convert at"),
                    rule.currentData,
                    lambda v: set_code(rule, v or RATE_RULES[0]),
                ),
            ),
            (
                "fixed_rates",
                _("Fi&xed rates per euro"),
                Field(
                    fixed,
                    _("Fixed rates per euro"),
                    lambda: read_fixed_rates(fixed.text()),
                    lambda v: fixed.setText(fixed_rates_text(v)),
                ),
            ),
            (
                "acknowledgement",
                _("&Acknowledgement"),
                text_field(PlainText(), _("Acknowledgement")),
            ),
        ]

    def _logo_row(self) -> QHBoxLayout:
        """The logo printed on the project's documents, with Choose and Remove."""
        self.logo = QLabel()
        self.logo.setFixedSize(LOGO_SIZE * 2, LOGO_SIZE)
        self.logo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo.setAccessibleName(_("Logo"))
        self.choose_logo = QPushButton(_("C&hoose logo…"))
        self.remove_logo = QPushButton(_("Remo&ve logo"))
        self.choose_logo.clicked.connect(lambda: self.pick_logo())
        self.remove_logo.clicked.connect(lambda: self.set_logo(None))
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo)
        logo_row.addWidget(self.choose_logo)
        logo_row.addWidget(self.remove_logo)
        logo_row.addStretch(1)
        return logo_row

    def status_message(self) -> str:
        from app.i18n import ngettext

        n = self.model.rowCount()
        return ngettext("{n} project", "{n} projects", n).format(n=n)

    def fetch(self) -> list[Any]:
        from app.services.projects import list_projects, visit_counts

        counts = visit_counts(self.context.db)
        rows = list_projects(self.context.db)
        for row in rows:
            row.visit_count = counts.get(row.id, 0)
        return rows

    def show_row(self, row: Any) -> None:
        for button in (self.choose_logo, self.remove_logo):
            button.setEnabled(row is not None)
        if row is None:
            self.binder.load(None, {})
            self._show_logo(None)
            self.budget.clear()
            return
        values = {n: getattr(row, n) for n in self.binder.fields if n != "awarded"}
        values["awarded"] = None if row.awarded_minor is None else from_minor(row.awarded_minor)
        self.binder.load(row.id, values, row.version)
        self._show_logo(row.logo)
        self.remove_logo.setEnabled(row.logo is not None)
        self.budget.setText(_budget_text(self.context.db, row.code))

    def _show_logo(self, data: bytes | None) -> None:
        pixmap = QPixmap()
        if data is not None and pixmap.loadFromData(data):
            self.logo.setPixmap(
                pixmap.scaled(
                    self.logo.size(),
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        else:
            self.logo.clear()
            self.logo.setText(_("No logo"))

    def visits_of(self, row: Any) -> list[tuple[int, str]]:
        from app.services.projects import visits_of_project

        return [
            (v.id, f"{v.code} — {v.title} ({date_text(v.start_date)})")
            for v in visits_of_project(self.context.db, row.id)
        ]

    def pick_logo(self) -> None:
        path, _filter = file_dialogs.get_open_file_name(
            self, _("Choose logo"), "", _("Images (*.png *.jpg *.jpeg);;All files (*)")
        )
        if path:
            self.logo_file(path)

    def logo_file(self, path: str) -> bool:
        """The image in ``path`` as the chosen project's logo (one undo step)."""
        from app.services.projects import logo_from_file

        try:
            fields = logo_from_file(path)
        except refused() as problem:
            self.problem.show_problem(describe(problem, {"logo": _("Logo")}))
            return False
        return self.set_logo(fields)

    def set_logo(self, fields: dict[str, Any] | None) -> bool:
        from app.services.projects import update_project

        row = self.current()
        if row is None:
            return False
        after = fields or {"logo": None, "logo_mime": None}
        before = {"logo": row.logo, "logo_mime": row.logo_mime}
        db, row_id = self.context.db, row.id
        try:
            self.context.update_row(
                _("Change {field}").format(field=_("Logo")),
                lambda seen, changes: update_project(db, row_id, seen, **changes),
                self.binder.version if self.binder.row_id == row_id else row.version,
                before,
                after,
            )
        except refused() as problem:
            self.problem.show_problem(str(problem))
            return False
        self.problem.clear_problem()
        self.reload()
        return True

    def new_row(self) -> None:
        from ui.dialogs.quick_create import create_project_quickly

        project_id = create_project_quickly(self.context, self)
        if project_id is not None:
            self.reload()
            self.select(project_id)

    def delete_row(self, row: Any) -> None:
        from app.services.projects import delete_project, restore_project

        if not confirm_delete(self, row.code):
            return
        db = self.context.db
        try:
            self.context.delete(
                _("Delete {name}").format(name=row.code),
                lambda: delete_project(db, row.id),
                lambda: restore_project(db, row.id),
            )
        except refused() as problem:
            self.context.report(problem)
        self.reload()


def _budget_text(db: Any, code: str) -> str:
    """The project's money in one sentence, as its budget PDF counts it (planned, actual,
    the grant spent against the award): the finance officer saw it only in the PDF."""
    from app.i18n import format_money
    from app.services.base import ServiceError
    from app.services.budget_report import project_budget

    try:
        project = project_budget(db, code)
    except ServiceError:
        return ""
    base = project.base_currency
    values = {
        "planned": format_money(project.overall.planned, base),
        "actual": format_money(project.overall.actual, base),
        "grant": format_money(project.grant.actual, base),
    }
    if project.project.awarded is None or project.remaining is None:
        return _("Budget: planned {planned}, actual {actual}; grant spent {grant}").format(**values)
    return _(
        "Budget: planned {planned}, actual {actual}; grant spent {grant} of {awarded} "
        "awarded ({used} %), {remaining} remaining"
    ).format(
        awarded=format_money(project.project.awarded, base),
        used=_rate(project.used),
        remaining=format_money(project.remaining, base),
        **values,
    )
