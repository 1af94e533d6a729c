"""Above the Budget tab's exchange rates: how the visit's payments convert, chosen here.

The rule belongs to the visit's project (``Project.rate_rule``: the ECB rate in force at
the start of the payment's day, the month's InforEuro rate, the project's fixed rate, or
the plan's rate), so choosing it here changes it for every visit of the project — the row
says so and names the project. The fixed rates per euro are typed beside it when that
rule is chosen ("NOK 11,5; SEK 11,2"). Each change is one undo step that sends the
project's version, so a colleague's change meanwhile is refused, not overwritten. A visit
without a project converts by the default rule; the row says how to choose another.
The row also counts the dated rates the visit holds (ECB days, InforEuro months), which
the rates table (the plan's rates) does not list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from app.i18n import _, ngettext
from ui.reported_guard import ReportedGuard
from ui.widgets.fields import ProblemLabel, describe, set_code
from ui.widgets.messages import refused
from ui.widgets.wrapped_label import WrappedLabel

if TYPE_CHECKING:
    from app.services.budget_report import VisitBudget
    from ui.context import Context


class RuleRow(QWidget):
    """The rule combo, the fixed rates and a line saying what they apply to."""

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        from app.labels import RATE_RULES, rate_rule

        super().__init__(parent)
        self.context = context
        self.project_id: int | None = None
        self.version: int | None = None
        self.shown: dict[str, Any] = {}
        self.guard = ReportedGuard(self)  # a reported visit's figures move only on a Yes
        self.rule = QComboBox()
        for code in RATE_RULES:
            self.rule.addItem(rate_rule(code), code)
        self.rule.setAccessibleName(_("Payments convert at"))
        self.fixed = QLineEdit()
        self.fixed.setPlaceholderText(_("e.g. NOK 11,5; SEK 11,2"))
        self.fixed.setAccessibleName(_("Fixed rates per euro"))
        self.fixed.setToolTip(
            _(
                "Units of each currency for one euro; used when payments "
                "convert at the project's fixed rate."
            )
        )
        self.note = WrappedLabel()
        self.problem = ProblemLabel()
        self.form = QFormLayout()
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.addRow(_("Payments convert at:"), self.rule)
        self.form.addRow(_("Fixed rates per euro:"), self.fixed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.form)
        layout.addWidget(self.note)
        layout.addWidget(self.problem)
        self.rule.activated.connect(lambda _index: self.save("rate_rule"))
        self.fixed.editingFinished.connect(lambda: self.save("fixed_rates"))

    def show_budget(self, budget: VisitBudget) -> None:
        """The rule of the visit's project (read with its version), and the dated rates."""
        from app.services.projects import get_project
        from ui.directory.projects import fixed_rates_text

        project = budget.project
        self.project_id = project.id if project else None
        self.version = None
        rule, fixed = "ecb", None
        if project is not None:
            row = get_project(self.context.db, project.id)
            self.version = row.version
            rule, fixed = row.rate_rule or "ecb", row.fixed_rates
        self.shown = {"rate_rule": rule, "fixed_rates": fixed or None}
        for widget in (self.rule, self.fixed):
            widget.blockSignals(True)
        set_code(self.rule, rule)
        if not self.fixed.hasFocus():
            self.fixed.setText(fixed_rates_text(fixed))
        for widget in (self.rule, self.fixed):
            widget.blockSignals(False)
        self.rule.setEnabled(project is not None)
        self.fixed.setEnabled(project is not None)
        self.form.setRowVisible(self.fixed, rule == "fixed")
        self.note.setText(self._note(budget))

    def _note(self, budget: VisitBudget) -> str:
        days = sum(1 for r in budget.dated if r.kind == "ecb")
        months = len({r.date for r in budget.dated if r.kind == "inforeuro"})
        held = " ".join(
            part
            for part in (
                ngettext(
                    "{n} ECB day held for the payments.",
                    "{n} ECB days held for the payments.",
                    days,
                ).format(n=days)
                if days
                else "",
                ngettext(
                    "InforEuro rates of {n} month held.",
                    "InforEuro rates of {n} months held.",
                    months,
                ).format(n=months)
                if months
                else "",
            )
            if part
        )
        if budget.project is None:
            where = _(
                "The visit has no project: payments convert at the ECB rate in force "
                "at the start of their day. Choose a project on the Overview to "
                "choose another rule."
            )
        else:
            where = _("The rule of project {code}: it applies to all its visits.").format(
                code=budget.project.code
            )
        return f"{where} {held}".strip()

    def save(self, name: str) -> bool:
        """The changed rule or fixed rates to the project, as one undo step."""
        from ui.directory.projects import read_fixed_rates

        if self.project_id is None:
            return False
        value = (
            self.rule.currentData() if name == "rate_rule" else read_fixed_rates(self.fixed.text())
        )
        if value == self.shown.get(name) or (value is None and not self.shown.get(name)):
            return True
        db, project_id = self.context.db, self.project_id
        label = _("Payments convert at") if name == "rate_rule" else _("Fixed rates per euro")
        try:
            self.context.update_row(
                _("Change {field}").format(field=label),
                lambda seen, changes: self.guard.update(db, project_id, seen, changes),
                self.version,
                {name: self.shown.get(name)},
                {name: value},
                what=label,
            )
        except refused() as problem:
            self.problem.show_problem(
                describe(problem, {"rate_rule": _("Payments convert at"), "fixed_rates": label})
            )
            if name == "rate_rule":  # the rule still in force, not the one refused
                self.rule.blockSignals(True)
                set_code(self.rule, self.shown.get("rate_rule"))
                self.rule.blockSignals(False)
            return False
        self.problem.clear_problem()
        return True
