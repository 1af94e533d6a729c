"""The Budget tab's "Re-price plan…": the plan at other rates, shown before it is done.

Re-pricing is never a side effect of an import: it is this dialog, asked for on purpose.
The user picks the held rates to re-price at (an ECB day, an InforEuro month, the
project's fixed rates); the dialog shows each plan rate before and after and the planned
total before and after, and says when the visit is already reported. Accepting is one undo
step (``app.operations.budget.RepricePlan``), one transaction each way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _, current_language, format_date, format_money
from ui.visit.tab_base import TabPart
from ui.widgets.messages import refused

if TYPE_CHECKING:
    from app.records import Database
    from app.services.reprice import RepriceAt, Repricing
    from ui.context import Context


def choice_text(at: RepriceAt) -> str:
    """ "ECB, 19 May 2027", "InforEuro, May 2027", "The project's fixed rates"."""
    from babel.dates import format_date as babel_date

    if at.kind == "fixed" or at.date is None:
        return _("The project's fixed rates")
    if at.kind == "inforeuro":
        return _("InforEuro, {month}").format(
            month=babel_date(at.date, "LLLL y", locale=current_language())
        )
    return _("ECB, {day}").format(day=format_date(at.date))


def preview_text(result: Repricing) -> str:
    """Each rate before → after, the planned total before → after, what keeps its rate."""
    from app.documents.budget_text import number

    lang = current_language()
    lines = [f"{c}: {number(old, lang)} → {number(new, lang)}" for c, old, new in result.changes]
    lines.append(
        _("Planned total: {before} → {after}").format(
            before=format_money(result.planned_before, result.base),
            after=format_money(result.planned_after, result.base),
        )
    )
    if result.kept:
        lines.append(
            _("Keep their rates (none held there): {currencies}").format(
                currencies=", ".join(result.kept)
            )
        )
    return "\n".join(lines)


class RepriceDialog(QDialog):
    """The held rates to re-price at, and what that would do."""

    def __init__(
        self, db: Database, visit_id: int, reported: bool, parent: QWidget | None = None
    ) -> None:
        from app.services.reprice import choices

        super().__init__(parent)
        self.setWindowTitle(_("Re-price the plan"))
        self.db, self.visit_id = db, visit_id
        self.choices = choices(db, visit_id)
        self.at = QComboBox()
        for at in self.choices:
            self.at.addItem(choice_text(at))
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.result: Repricing | None = None
        intro = QLabel(
            _(
                "The plan keeps the rates it was made with until you re-price it "
                "here. Payments convert by the project's rule either way."
            )
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow(_("Re-price at the &rates of"), self.at)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.preview)
        if reported:
            warning = QLabel(
                _("This visit is reported: re-pricing changes the figures it was reported with.")
            )
            warning.setWordWrap(True)
            layout.addWidget(warning)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Re-price"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.at.currentIndexChanged.connect(lambda _i: self.show_preview())
        self.show_preview()

    def chosen(self) -> RepriceAt | None:
        index = self.at.currentIndex()
        return self.choices[index] if 0 <= index < len(self.choices) else None

    def show_preview(self) -> None:
        from app.services.reprice import repricing

        at = self.chosen()
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.result = None
        if at is None:
            self.preview.setText(
                _(
                    "No rates are held to re-price at: import an ECB or "
                    "InforEuro file first, or give the project fixed rates."
                )
            )
            ok.setEnabled(False)
            return
        try:
            self.result = repricing(self.db, self.visit_id, at)
        except refused() as problem:
            self.preview.setText(str(problem))
            ok.setEnabled(False)
            return
        self.preview.setText(preview_text(self.result))
        ok.setEnabled(True)


class BudgetRepricing(TabPart):
    """The Budget tab's re-pricing (mixed into ``BudgetTab``)."""

    context: Context
    db: Database
    visit_id: int
    status: QLabel

    def reprice(self, exec_dialog: bool = True) -> RepriceDialog:
        """Open the dialog; on OK the plan takes the chosen rates as one undo step."""
        from app.services.visits import get_visit

        reported = get_visit(self.db, self.visit_id).status == "reported"
        dialog = RepriceDialog(self.db, self.visit_id, reported, self)
        if exec_dialog and dialog.exec() == QDialog.DialogCode.Accepted:
            self.apply_reprice(dialog)
        return dialog

    def apply_reprice(self, dialog: RepriceDialog) -> bool:
        from app.operations.budget import RepricePlan

        at = dialog.chosen()
        if at is None or dialog.result is None:
            return False
        try:  # the dialog said so when the visit is reported: re-priced on purpose
            done = self.context.run(
                RepricePlan(self.db, self.visit_id, at, reported_ok=True, shown=dialog.result)
            )
        except refused() as problem:
            self.context.report(problem)
            return False
        if done.result is not None:
            message = _("Plan re-priced at {what}: {changes}.").format(
                what=choice_text(at), changes=preview_text(done.result).replace("\n", "; ")
            )
            self.status.setText(message)
            self.status.setToolTip(message)
        return True
