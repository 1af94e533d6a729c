"""A dialog over a few ``Field``s: used for travel legs, stays and rooms.

It stays open with the reason when the service refuses the entry, so nothing typed is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QVBoxLayout,
    QWidget,
)

from ui.widgets.binding import Field
from ui.widgets.fields import ProblemLabel, describe, first_field, problem_slot, tell_refusals
from ui.widgets.messages import refused
from ui.widgets.mnemonics import keep_unique


class FormDialog(QDialog):
    def __init__(
        self,
        title: str,
        fields: dict[str, Field],
        values: dict[str, Any],
        submit: Callable[[dict[str, Any]], Any],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        keep_unique(self)
        self.setWindowTitle(title)
        self.fields = fields
        self._submit = submit
        self.result_value: Any = None
        self.form = form = QFormLayout()
        for name, field in fields.items():
            field.show(values.get(name))
            form.addRow(field.label, field.widget)
        self.problem = ProblemLabel()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(problem_slot(self.problem))
        layout.addWidget(buttons)
        tell_refusals(self, self.problem)

    def showEvent(self, event: Any) -> None:
        """Open on the first field, not on OK (typing goes into the form)."""
        super().showEvent(event)
        first = first_field(self.form)
        if first is not None:
            first.setFocus()

    def values(self) -> dict[str, Any]:
        return {name: field.read() for name, field in self.fields.items()}

    def accept(self) -> None:
        try:
            self.result_value = self._submit(self.values())
        except refused() as problem:
            names = {n: f.label.replace("&", "") for n, f in self.fields.items()}
            self.problem.show_problem(describe(problem, names))
            return
        super().accept()
