"""The Programme tab: the visit's days as sections with their items, and the item's form.

Add, duplicate and delete items (Insert, Ctrl+D, Delete); move one by choosing another day
or time in the form. Every problem the programme checks find (overlaps, items outside the
visit, before an arrival or after a departure) is shown on its item, with the reason, and
reread after every change.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _, ngettext
from ui.icons import tint
from ui.models.programme_model import COL_TITLE, ItemRow, ProgrammeModel
from ui.read_only import guarded
from ui.visit.programme_form import ItemForm
from ui.visit.tab_base import VisitTab
from ui.widgets.flow_layout import flow
from ui.widgets.messages import refused

if TYPE_CHECKING:
    from app.records import ProgrammeItem
    from app.services.tracks import TrackPlan
    from ui.context import Context
    from ui.dialogs.tracks_dialog import TracksDialog


def attendees_text(item: ProgrammeItem) -> str:
    if item.attendees_all:
        return _("everyone")
    names = [p.full_name for p in item.attendees]
    return (
        ", ".join(names)
        if len(names) <= 3
        else ngettext("{n} person", "{n} people", len(names)).format(n=len(names))
    )


class ProgrammeTab(VisitTab):
    def __init__(self, context: Context, visit_id: int, parent: QWidget | None = None) -> None:
        super().__init__(context, visit_id, parent)
        self.model = ProgrammeModel(self)
        self.items: dict[int, ProgrammeItem] = {}
        self.problems: dict[int, list[str]] = {}
        self._shown = 0  # the form filled with the chosen item: counted, so once a choice
        self.tree = self._item_tree()
        self.form = ItemForm(context, visit_id)
        self.summary = QLabel()
        self._buttons_and_keys()
        self._track_controls()
        left = self._list_pane()
        scroll = self._form_scroll()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(scroll)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([700, 460])
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)

    def _item_tree(self) -> QTreeView:
        """The items by day; Enter on one goes to its form."""
        tree = QTreeView()
        tree.setModel(self.model)
        tree.setAccessibleName(_("Programme"))
        tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        tree.setAlternatingRowColors(True)
        tree.setUniformRowHeights(True)
        tree.selectionModel().currentRowChanged.connect(lambda *_a: self._selected())
        tree.activated.connect(lambda _i: self.form.title_edit.setFocus())
        return tree

    def _buttons_and_keys(self) -> None:
        """Add (Insert), Duplicate (Ctrl+D) and Delete; Delete and F2 in the list."""
        self.add_button = QPushButton(_("&Add item"))
        self.add_button.setShortcut(QKeySequence(Qt.Key.Key_Insert))
        self.duplicate_button = QPushButton(_("D&uplicate"))
        self.duplicate_button.setShortcut(QKeySequence("Ctrl+D"))
        self.delete_button = QPushButton(_("De&lete"))
        self.add_button.clicked.connect(self.add_item)
        self.duplicate_button.clicked.connect(self.duplicate_item)
        self.delete_button.clicked.connect(self.delete_item)
        delete_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.tree)
        delete_key.activated.connect(guarded(self.tree, self.delete_item))
        edit_key = QShortcut(QKeySequence(Qt.Key.Key_F2), self.tree)
        edit_key.activated.connect(lambda: self.form.title_edit.setFocus())

    def _track_controls(self) -> None:
        """Parallel tracks: who goes where, set in one step; a warning while not
        settled."""
        self.tracks_note = QLabel()
        self.tracks_note.setWordWrap(True)
        tint(self.tracks_note, "warning")
        self.tracks_note.setAccessibleName(_("Parallel tracks"))
        self.tracks_button = QPushButton(_("People on track&s…"))
        self.tracks_button.clicked.connect(lambda: self.assign_tracks())
        self.tracks_plan: TrackPlan | None = None

    def _list_pane(self) -> QWidget:
        """The buttons above the list, the tracks and the summary below it."""
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        # wraps when the list is narrow (1024 px, the form beside it keeps its width)
        left_layout.addLayout(flow(self.add_button, self.duplicate_button, self.delete_button))
        left_layout.addWidget(self.tree)
        tracks = QHBoxLayout()
        tracks.addWidget(self.tracks_note, 1)
        tracks.addWidget(self.tracks_button)
        left_layout.addLayout(tracks)
        left_layout.addWidget(self.summary)
        return left

    def _form_scroll(self) -> QScrollArea:
        """The item's form, scrolled up and down only, never narrower than itself."""
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Its width always kept: a scroll bar appearing with a problem line would narrow
        # the fields while the user types.
        scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        scroll.setWidget(self.form)
        # Never narrower than the form (sideways scrolling is off, so it was cut off at
        # 1024 px): the splitter then leaves the rest to the list.
        scroll.setMinimumWidth(
            self.form.minimumSizeHint().width() + scroll.verticalScrollBar().sizeHint().width() + 4
        )
        return scroll

    # --- reading

    def reload(self) -> None:
        from app.services.base import NotFound
        from app.services.checks import problems_by_item, programme_problems
        from app.services.people import list_participations
        from app.services.programme import list_programme

        try:
            visit = self.take_visit()
        except NotFound:
            return
        current = self.current_item_id()
        items = list_programme(self.db, self.visit_id)
        grouped = problems_by_item(programme_problems(self.db, self.visit_id))
        self.items = {item.id: item for item in items}
        self.problems = {item.id: [p.message for p in grouped.get(item.uuid, [])] for item in items}
        rows = [
            ItemRow(
                id=item.id,
                title=item.title,
                starts=item.starts,
                ends=item.ends,
                timezone=item.timezone,
                host=item.host.name if item.host else "",
                venue=item.venue or "",
                track=item.track or "",
                attendees=attendees_text(item),
                confirmed=item.confirmed,
                problems=tuple(self.problems[item.id]),
            )
            for item in items
        ]
        self.model.set_programme(visit.start_date, visit.end_date, rows)
        self.tree.expandAll()
        for column in range(self.model.columnCount()):
            if column != COL_TITLE:
                self.tree.resizeColumnToContents(column)
        self.tree.setColumnWidth(COL_TITLE, max(self.tree.columnWidth(COL_TITLE), 260))
        participations = list_participations(self.db, self.visit_id)
        self.form.set_choices(self.model.days(), participations)
        self._show_tracks(items, participations)
        with_problems = sum(1 for found in self.problems.values() if found)
        self.summary.setText(
            ngettext("{n} item", "{n} items", len(items)).format(n=len(items))
            + " · "
            + (
                ngettext("{n} item with problems", "{n} items with problems", with_problems).format(
                    n=with_problems
                )
                if with_problems
                else _("no problems found")
            )
        )
        if current is not None and current in self.items:
            self.select_item(current)
        else:
            self._selected()

    def _show_tracks(self, items: list[ProgrammeItem], participations: list[Any]) -> None:
        from app.services.tracks import track_plan

        plan = track_plan(self.db, self.visit_id, items, participations)
        self.tracks_plan = plan
        several = len(plan.tracks) >= 2
        warnings = plan.warnings()
        self.tracks_note.setText(
            "\n".join(f"⚠ {w}" for w in warnings)
            if warnings
            else _("Parallel tracks: {tracks}.").format(
                tracks="; ".join(f"{t} ({len(plan.on_track(t))})" for t in plan.tracks)
            )
        )
        tint(self.tracks_note, "warning" if warnings else None)
        self.tracks_note.setVisible(several)
        self.tracks_button.setVisible(several)

    # --- parallel tracks

    def assign_tracks(self, exec_dialog: bool = True) -> TracksDialog:
        """The dialog placing every person taking part on a track (one undo step)."""
        from app.services.tracks import track_plan
        from ui.dialogs.tracks_dialog import TracksDialog

        dialog = TracksDialog(track_plan(self.db, self.visit_id), self.apply_tracks, self)
        if exec_dialog:
            dialog.exec()
        return dialog

    def apply_tracks(self, chosen: dict[int, str | None]) -> None:
        from app.operations.visits import AssignTracks

        self.context.run(AssignTracks(self.db, self.visit_id, chosen))

    # --- selection

    def current_item_id(self) -> int | None:
        row = self.model.item_at(self.tree.currentIndex())
        return row.id if row is not None else None

    def current_day(self) -> dt.date | None:
        return self.model.day_at(self.tree.currentIndex())

    def select_item(self, item_id: int) -> None:
        shown = self._shown
        index = self.model.index_of(item_id)
        if index.isValid():
            self.tree.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.tree.scrollTo(index)
        if self._shown == shown:  # not already shown by the row's change (filled once)
            self._selected()

    def _selected(self) -> None:
        self._shown += 1
        item_id = self.current_item_id()
        item = self.items.get(item_id) if item_id is not None else None
        self.form.show_item(item, self.problems.get(item_id or 0))
        self.duplicate_button.setEnabled(item is not None)
        self.delete_button.setEnabled(item is not None)

    # --- edits

    def add_item(
        self,
        title: str | None = None,
        starts: dt.datetime | None = None,
        ends: dt.datetime | None = None,
    ) -> int | None:
        """A new item on the chosen day, after its last item (or at nine), one hour long."""
        from app.services.programme import (
            create_programme_item,
            delete_programme_item,
            restore_programme_item,
        )

        day = self.current_day() or (self.model.days() or [dt.date.today()])[0]
        if starts is None:
            same_day = [i for i in self.items.values() if i.starts.date() == day]
            starts = max(
                (i.ends for i in same_day), default=dt.datetime.combine(day, dt.time(9, 0))
            )
            if starts.date() != day:
                starts = dt.datetime.combine(day, dt.time(9, 0))
        ends = ends or starts + dt.timedelta(hours=1)
        fields = {"title": title or _("New item"), "starts": starts, "ends": ends}
        db = self.db
        try:
            item_id = self.context.create(
                _("Add programme item"),
                lambda: create_programme_item(db, self.visit_id, **fields),
                lambda i: delete_programme_item(db, i),
                lambda i: restore_programme_item(db, i),
            )
        except refused() as problem:
            self.context.report(problem)
            return None
        self.reload()
        self.select_item(item_id)
        self.form.title_edit.setFocus()
        self.form.title_edit.selectAll()
        return item_id

    def duplicate_item(self) -> int | None:
        """A copy of the chosen item right after it (same host, venue and people)."""
        from app.services.programme import (
            create_programme_item,
            delete_programme_item,
            restore_programme_item,
        )

        item_id = self.current_item_id()
        if item_id is None:
            return None
        item = self.items[item_id]
        length = item.ends - item.starts
        fields = {
            name: getattr(item, name)
            for name in (
                "timezone",
                "kind",
                "title",
                "description",
                "host_id",
                "contact_id",
                "venue",
                "address",
                "track",
                "interpreter",
            )
        }
        fields.update(
            starts=item.ends,
            ends=item.ends + length,
            attendees="all" if item.attendees_all else [p.id for p in item.attendees],
        )
        db = self.db
        try:
            new_id = self.context.create(
                _("Duplicate “{title}”").format(title=item.title),
                lambda: create_programme_item(db, self.visit_id, **fields),
                lambda i: delete_programme_item(db, i),
                lambda i: restore_programme_item(db, i),
            )
        except refused() as problem:
            self.context.report(problem)
            return None
        self.reload()
        self.select_item(new_id)
        return new_id

    def delete_item(self) -> None:
        from app.services.programme import delete_programme_item, restore_programme_item
        from ui.widgets.messages import confirm_delete

        item_id = self.current_item_id()
        if item_id is None:
            return
        item = self.items[item_id]
        if not confirm_delete(self, _("the programme item “{title}”").format(title=item.title)):
            return
        db = self.db
        try:
            self.context.delete(
                _("Delete “{title}”").format(title=item.title),
                lambda: delete_programme_item(db, item_id),
                lambda: restore_programme_item(db, item_id),
            )
        except refused() as problem:
            self.context.report(problem)
        self.reload()
