"""Who goes to which parallel track: every person taking part in one table, one step.

Each row is a person with a choice of track (or none); the counts under the table say how
many are on each track and which has nobody yet. "Share out evenly" places everyone not
yet placed on the emptiest tracks, in the table's order. OK saves it all as one undo step
(``ProgrammeTab.apply_tracks``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _, ngettext
from ui.widgets.fields import ProblemLabel, describe, problem_slot, set_code
from ui.widgets.messages import refused

if TYPE_CHECKING:
    from app.services.tracks import TrackPlan


class TracksDialog(QDialog):
    def __init__(
        self,
        plan: TrackPlan,
        submit: Callable[[dict[int, str | None]], Any],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Parallel tracks"))
        self.plan = plan
        self._submit = submit
        intro = QLabel(
            _(
                "Choose the track each person goes to. Each then sees only their "
                "own track's sessions in the programme and in their itinerary."
            )
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(len(plan.people), 2)
        self.table.setHorizontalHeaderLabels([_("Person"), _("Track")])
        self.table.setAccessibleName(_("Tracks of the people"))
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.combos: dict[int, QComboBox] = {}
        for row, (person_id, name) in enumerate(plan.people):
            self.table.setItem(row, 0, QTableWidgetItem(name))
            combo = QComboBox()
            combo.addItem("—", None)
            for track in plan.tracks:
                combo.addItem(track, track)
            combo.setAccessibleName(_("Track of {name}").format(name=name))
            set_code(combo, plan.chosen.get(person_id))
            combo.currentIndexChanged.connect(lambda _i: self._count())
            self.table.setCellWidget(row, 1, combo)
            self.combos[person_id] = combo
        self.table.resizeColumnToContents(1)
        self.counts = QLabel()
        self.counts.setWordWrap(True)
        self.share_button = QPushButton(_("Share out &evenly"))
        self.share_button.clicked.connect(self.share_evenly)
        self.problem = ProblemLabel()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        buttons.addButton(self.share_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.counts)
        layout.addWidget(problem_slot(self.problem))
        layout.addWidget(buttons)
        self.resize(520, 480)
        self._count()

    def showEvent(self, event: Any) -> None:
        """Open on the first person's track (typing goes into the table, not to OK)."""
        super().showEvent(event)
        if self.combos:
            next(iter(self.combos.values())).setFocus()

    def chosen(self) -> dict[int, str | None]:
        return {person_id: combo.currentData() for person_id, combo in self.combos.items()}

    def set_track(self, person_id: int, track: str | None) -> None:
        set_code(self.combos[person_id], track)

    def share_evenly(self) -> None:
        """Everyone without a track goes to the track with the fewest people so far."""
        chosen = self.chosen()
        sizes = {t: sum(1 for c in chosen.values() if c == t) for t in self.plan.tracks}
        for person_id, track in chosen.items():
            if track is None and sizes:
                emptiest = min(self.plan.tracks, key=lambda t: sizes[t])
                self.set_track(person_id, emptiest)
                sizes[emptiest] += 1

    def _count(self) -> None:
        chosen = self.chosen()
        parts = []
        for track in self.plan.tracks:
            n = sum(1 for c in chosen.values() if c == track)
            parts.append(
                _("{track}: nobody yet").format(track=track)
                if n == 0
                else ngettext("{track}: {n} person", "{track}: {n} people", n).format(
                    track=track, n=n
                )
            )
        unplaced = sum(1 for c in chosen.values() if c is None)
        if unplaced:
            parts.append(
                ngettext(
                    "{n} person without a track", "{n} people without a track", unplaced
                ).format(n=unplaced)
            )
        self.counts.setText(" · ".join(parts))

    def accept(self) -> None:
        try:
            self._submit(self.chosen())
        except refused() as problem:
            self.problem.show_problem(describe(problem, {}))
            return
        super().accept()
