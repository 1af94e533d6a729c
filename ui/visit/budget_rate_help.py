"""What the Budget tab's empty rate table says: why it is empty and what to do next.

The program ships no exchange rates (it works offline), so a new visit's table is empty
and a line in another currency cannot be saved until its currency has a rate. Instead of
an empty grid the tab says so, names the three ways to fill it — the ECB's or the
Commission's file, a rate typed by hand, a template filled in a spreadsheet — and saves
the template (``app.services.rate_table``: Latvian headers, UTF-8 with a BOM for Excel).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from app.i18n import _
from ui.widgets import file_dialogs
from ui.widgets.messages import show_error
from ui.widgets.wrapped_label import WrappedLabel

if TYPE_CHECKING:
    from app.services.budget_report import VisitBudget


class RateHelp(QWidget):
    """The explanation and the "Save rate template…" button, shown while no rate is set."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.base = "EUR"
        self.text = WrappedLabel()
        self.text.setObjectName("empty_state")
        self.template_button = QPushButton(_("Save rate &template…"))
        self.template_button.clicked.connect(lambda: self.save_template())
        self.saved = WrappedLabel()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.template_button)
        row.addWidget(self.saved, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text)
        layout.addLayout(row)

    def show_budget(self, budget: VisitBudget) -> None:
        self.base = budget.base_currency
        self.setVisible(not budget.rates)
        self.text.setText(
            _(
                "No exchange rates yet (the program ships none). A line in another currency "
                "than {base} needs one: import the ECB's file (eurofxref.csv) or the month's "
                "InforEuro file, add a rate by hand, or fill in the template and import "
                "it."
            ).format(base=self.base)
        )

    def save_template(self, path: str | None = None) -> bool:
        from app.interchange.templates import write_template
        from app.services.rate_table import rate_template

        if path is None:
            path, _filter = file_dialogs.get_save_file_name(
                self, _("Save rate template"), "valutu-kursi.csv", _("CSV files (*.csv)")
            )
            if not path:
                return False
        try:
            write_template(path, rate_template(self.base))
        except OSError as problem:
            show_error(
                self,
                _("The file {file} could not be written: {problem}").format(
                    file=Path(path).name, problem=problem.strerror or problem
                ),
            )
            return False
        self.saved.setText(
            _(
                "Template saved as {file}: fill in a row per currency and "
                "import it with Import rate file…."
            ).format(file=Path(path).name)
        )
        return True
