"""The side panel of a visit's workspace: what the region already knows about the hosts,
the city and the topics this visit names (issue 18), offered without being asked.

It reads ``app.services.experience`` when the workspace opens and after every saved change
(only when the hosts, city, topics or dates changed: the subject is compared first), so a
host chosen for a programme item brings its earlier visits, lessons, contacts, open
follow-ups and meeting outcomes into view, with a warning when the same host was visited
on the same topic within three years. One click on a row opens that earlier visit at the
row's place (its Report tab at the lesson, the follow-up, the outcome note).

A host chosen in the Programme's item form is asked about at the choice, before the form
saves it (``Context.host_chosen``): beside the tab the answer is painted first, the save
and the tabs' reloading come after (the issue's target: the suggestions within 100 ms of
the choice on the 10,000-visit benchmark, ``bench/statistics.py``).

The workspace's hook is one call: ``beside_experience`` puts its tabs and this panel in a
splitter (the panel can be dragged shut). The panel stands beside the Overview and the
Programme, where hosts, the city and topics are named; the other tabs keep the width.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QLabel,
    QSplitter,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.i18n import N_, _
from ui.icons import colour_cell, tint
from ui.widgets.date_time_edits import date_text
from ui.widgets.wrap_delegate import wrap_rows

if TYPE_CHECKING:
    from app.services.experience import Experience, Found, Subject
    from ui.context import Context

VISIT_ROLE = Qt.ItemDataRole.UserRole
PLACE_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
FIRST_DELAY_MS = 250
# How long a chosen host's save waits for the panel's answer about it: the answer's worker
# then has Python to itself and is painted first; past it, it answers after as any change.
# The busiest host of the benchmark takes 60-90 ms (the first host asked in a session
# compiles its queries); given up after 80 ms, the answer came 45 ms later still, behind
# the save and the tab's reload.
EARLY_WAIT_MS = 150
PLANNING_TABS = frozenset({"OverviewTab", "ProgrammeTab", "programme"})
GROUPS = (
    ("visits", N_("Earlier visits there ({n})")),
    ("lessons", N_("Lessons learned ({n})")),
    ("contacts", N_("Contacts gained ({n})")),
    ("follow_ups", N_("Open follow-ups ({n})")),
    ("outcomes", N_("Meeting outcomes with the hosts ({n})")),
)


class ExperiencePanel(QWidget):
    """Earlier visits, lessons, contacts, follow-ups and outcomes for one visit."""

    def __init__(self, context: Context, visit_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.visit_id = visit_id
        self.subject: Subject | None = None
        self.found: Experience | None = None
        self.worker: Any = None  # the JobWorker asking, if any
        self._again = self._force = False  # a change came while it asked
        self._early = False  # asked before the host's save: asked again once it is saved
        self._quiet = False  # the worker reads the subject shown again (gives way to a host)
        title = QLabel(_("What the region already knows"))
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        tint(self.warnings, "warning")
        self.warnings.setTextFormat(Qt.TextFormat.PlainText)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: palette(placeholder-text);")
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        # no indentation: the wrapping delegate measures rows at the column's full width
        self.tree.setIndentation(0)
        self.tree.setRootIsDecorated(False)
        self.tree.setAccessibleName(_("What the region already knows"))
        wrap_rows(self.tree)  # a lesson wraps in its own row at the panel's width
        # a scroll bar appearing after the rows were measured would leave them a line short
        self.tree.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.tree.itemClicked.connect(self._open)
        self.tree.itemActivated.connect(self._open)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.warnings)
        layout.addWidget(self.hint)
        layout.addWidget(self.tree, 1)
        # The panel's own timer: it dies with the panel, so a visit closed quickly is never
        # asked about afterwards.
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.refresh)
        context.changed.connect(self._changed)
        context.host_chosen.connect(self._host_chosen)
        context.host_choosing.connect(self._host_choosing)
        self._counting: Any = None  # the worker counting the topics' lessons, if any
        # A moment after the workspace is painted: opening a visit is not made to wait for
        # the region's memory (a tenth of a second on the 10,000-visit benchmark).
        self.timer.start(FIRST_DELAY_MS)

    def _changed(self) -> None:
        # at once, not after the event loop's turn: the asking then runs in its worker
        # while the workspace's tabs read the change on the UI thread
        if self.isVisible() or self.found is not None:
            self.refresh()
        else:
            self.timer.start(0)

    @property
    def busy(self) -> bool:
        """The region's memory is being asked (what is shown, if anything, is older)."""
        return self.worker is not None

    def refresh(self, *, force: bool = False) -> None:
        """Ask again, unless the visit still names the same hosts, city, topics and dates.

        An answer kept since nothing was committed is shown at once. Otherwise the asking
        runs off the UI thread (tens of milliseconds on 10,000 visits, more on a busy
        machine: typing on must not wait for it); meanwhile what was shown is greyed under
        a line saying it is being looked up again (not when the same subject is only read
        again: what is shown is then as current as anything)."""
        from app.services.experience import subject_of

        if self.worker is not None:  # asked again after the answer comes
            self._again = True
            self._force = self._force or force
            return
        subject = subject_of(self.context.db, self.visit_id)
        if subject is None or (subject == self.subject and not force):
            return
        self._ask(subject, quiet=subject == self.subject and self.found is not None)

    def _host_choosing(self, visit_id: int) -> None:
        """The host list opened: while the coordinator searches it, the lessons on the
        visit's topics are counted (they do not depend on the host), so the question
        asked at the choice counts only those of the host's and the city's visits."""
        subject = self.subject
        if visit_id != self.visit_id or subject is None or not subject.topics:
            return
        if self._counting is not None:
            return
        from app.services.experience_queries import count_on_topics
        from ui.workers import JobWorker

        db = self.context.db
        self._counting = JobWorker(
            lambda _progress, _cancel: count_on_topics(db, subject), "counting lessons"
        )
        self._counting.finished.connect(self._counted)
        self._counting.start()

    def _counted(self) -> None:
        self._counting = None

    def _host_chosen(self, visit_id: int, item_id: int, host_id: int | None) -> None:
        """A host chosen for one of this visit's items, not yet saved: asked about and,
        beside the tab, painted first — the form saves it and the tabs reload after (the
        save's change then finds the subject already asked about)."""
        from app.services.experience import subject_of

        if visit_id != self.visit_id or (self.worker is not None and not self._quiet):
            return  # another visit's; or asked after the current answer, as any change
        subject = subject_of(self.context.db, self.visit_id, item_host=(item_id, host_id))
        if subject is not None and subject != self.subject:
            self.worker = None  # a quiet reading of the shown gives way: left unread
            self._ask(subject)
            # Read once more after the answer is painted: the save, and anything a
            # colleague committed meanwhile, is then in what the panel shows and keeps.
            self._early = self.worker is not None
            if self.isVisible() and self.width() > 0:  # not folded away or hidden
                if self.worker is not None:
                    self._await_early()
                else:
                    self.repaint()  # the kept answer, shown before the save and reload

    def _ask(self, subject: Subject, *, quiet: bool = False) -> None:
        from app.services.experience import experience, kept_experience

        self.subject = subject
        db = self.context.db
        kept = kept_experience(db, subject)
        if kept is not None:  # nothing committed since it was read: no thread needed
            self.show_experience(kept)
            return
        from ui.workers import JobWorker

        self.worker = JobWorker(
            lambda _progress, _cancel: experience(db, subject),
            "finding what earlier visits learned",
        )
        self.worker.succeeded.connect(self._answered)
        self.worker.failed.connect(self._failed)
        self._quiet = quiet and self.found is not None
        if self.found is not None and not quiet:
            self.hint.setText(_("Looking again: the hosts, city or topics changed…"))
            self.tree.setEnabled(False)
            self.warnings.setEnabled(False)
        self.worker.start()

    def _await_early(self) -> None:
        """Wait (a moment at most) for the answer about the host just chosen and paint
        it, before the form saves the host and the tabs reload.

        A worker and the UI thread share one Python interpreter: while the UI thread
        saved and reloaded the Programme tab (some 40 ms on the benchmark) the worker
        barely ran, so the answer came only after. Waiting here gives the worker the
        interpreter; past ``EARLY_WAIT_MS`` (a loaded machine) it answers as before."""
        from ui.workers import NO_RESULT

        worker = self.worker
        if worker.wait(EARLY_WAIT_MS) and worker.result is not NO_RESULT:
            self._take(worker.result)  # its queued signal, arriving later, is left unread
            self.repaint()

    def _answered(self, found: Experience) -> None:
        if self.sender() is not self.worker:  # a reading that gave way to a newer one
            return
        self._take(found)

    def _take(self, found: Experience) -> None:
        self.worker = None
        self.tree.setEnabled(True)
        self.warnings.setEnabled(True)
        if found == self.found:  # read again and the same: nothing moves under the mouse
            self.found = found
            self._say(found)
        else:
            self.show_experience(found)
        self._ask_again()

    def _failed(self, message: str) -> None:
        if self.sender() is not self.worker:
            return
        self.worker = None
        self.subject = None  # asked again at the next change
        self.tree.setEnabled(True)
        self.warnings.setEnabled(True)
        self.hint.setText(message)
        self._ask_again()

    def _ask_again(self) -> None:
        """A change that came while it asked: a new subject is asked about at once; the
        same subject asked before its save is read again once the answer is painted."""
        force, early = self._force, self._early
        if self._again:
            self._again = self._force = self._early = False
            self.refresh(force=force)
        if early and self.worker is None:
            self._early = False
            QTimer.singleShot(0, self, self._read_again)  # not after the panel closed

    def _read_again(self) -> None:
        self.refresh(force=True)

    def show_experience(self, found: Experience) -> None:
        self.found = found
        self.warnings.setText("\n".join(f"⚠ {w.text}" for w in found.warnings))
        self.warnings.setVisible(bool(found.warnings))
        self._say(found)
        self.tree.clear()
        for key, title in GROUPS:
            rows = getattr(found, key)
            if not rows:
                continue
            group = QTreeWidgetItem(
                self.tree, [_(title).format(n=found.counts.get(key, len(rows)))]
            )
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for row in rows:
                self._row(group, row)
            group.setExpanded(True)

    def _say(self, found: Experience) -> None:
        """The line above the rows: what to name, that nothing is known, or how to open."""
        if found.subject.empty:
            self.hint.setText(
                _(
                    "Name a host institution in the programme, or the city or "
                    "topics on the Overview: what earlier visits learned there "
                    "appears here."
                )
            )
        elif found.empty:
            self.hint.setText(
                _("No earlier visit to these hosts or this city, and no lesson on these topics.")
            )
        else:
            self.hint.setText(_("One click opens the earlier visit at that place."))

    def _row(self, group: QTreeWidgetItem, row: Any) -> None:
        from app.services.experience import EarlierVisit

        if isinstance(row, EarlierVisit):
            where = ", ".join(row.hosts) or (row.city or "")
            text = f"{row.code} · {date_text(row.start)}\n{row.title}\n{where}"
            item = QTreeWidgetItem(group, [text])
            item.setData(0, VISIT_ROLE, row.id)
            item.setData(0, PLACE_ROLE, "")
            item.setToolTip(0, text)
            for warning in self.found.warnings if self.found else ():
                if warning.visit_id == row.id:
                    colour_cell(item, 0, "warning")
            return
        found: Found = row
        text = found.text if len(found.text) <= 220 else found.text[:219] + "…"
        second = " · ".join(x for x in (found.visit_code, found.extra) if x)
        item = QTreeWidgetItem(group, [f"{text}\n{second}"])
        item.setToolTip(0, f"{found.text}\n{second}")
        item.setData(0, VISIT_ROLE, found.visit_id)
        item.setData(0, PLACE_ROLE, found.place)
        item.setData(0, ROW_ROLE, found.row_id)

    def _open(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        """The earlier visit, at the row's place when it has one."""
        visit_id = item.data(0, VISIT_ROLE)
        if visit_id is None:
            return
        place = item.data(0, PLACE_ROLE)
        if place:
            self.context.open_visit_at.emit(
                int(visit_id), str(place), int(item.data(0, ROW_ROLE) or 0)
            )
        else:
            self.context.open_visit.emit(int(visit_id))


def beside_experience(context: Context, visit_id: int, tabs: QWidget) -> QSplitter:
    """The workspace's tabs with the experience panel at their right (dragged shut at will)."""
    splitter = _Beside(Qt.Orientation.Horizontal)
    splitter.addWidget(tabs)
    panel = ExperiencePanel(context, visit_id)
    splitter.addWidget(panel)
    splitter.setStretchFactor(0, 1)
    splitter.setCollapsible(0, False)
    splitter.setSizes([760, PANEL_WIDTH])
    if isinstance(tabs, QTabWidget):
        # Beside the tabs where hosts, the city and topics are named (Overview, Programme);
        # the budget, documents and report keep the whole width.
        def follow(index: int) -> None:
            page = tabs.widget(index)
            panel.setVisible(
                page is not None
                and (type(page).__name__ in PLANNING_TABS or page.objectName() in PLANNING_TABS)
            )
            splitter.fit()
            # a panel shown again measures 0 until the splitter lays it out with its old
            # width (from the Report back to the Programme in a narrow window): fit again
            # then, or the tab is squeezed and its form cut off at the right
            QTimer.singleShot(0, splitter.fit)

        tabs.currentChanged.connect(follow)
        follow(tabs.currentIndex())
    return splitter


PANEL_WIDTH = 260
ROOM = 120  # px beyond a tab's least width before the panel takes its place


def _least_width(page: QWidget | None) -> int:
    """The page's least width, counting a form in a scroll area (the Overview's) as the
    form's own: scrolling sideways through a form is what the narrow window must avoid."""
    if page is None:
        return 0
    least = getattr(page, "least_width", None)
    if callable(least):  # a page that rearranges itself (the Overview: one column)
        return int(least())
    from PySide6.QtWidgets import QScrollArea

    widest = page.minimumSizeHint().width()
    for area in page.findChildren(QScrollArea, options=Qt.FindChildOption.FindDirectChildrenOnly):
        if area.widget() is not None:
            widest = max(
                widest,
                area.widget().minimumSizeHint().width()
                + area.verticalScrollBar().sizeHint().width()
                + 4,
            )
    return widest


class _Beside(QSplitter):
    """The tabs and the panel; in a narrow window (1024 px) the panel is folded away while
    the tab shown would otherwise be squeezed below its least width (the Programme's form
    was cut off), and comes back when there is room. A user can always drag it open."""

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self.fit()

    def fit(self) -> None:
        if self.count() < 2 or self.widget(1).isHidden() or self.width() <= 0:
            return
        tabs = self.widget(0)
        page = tabs.currentWidget() if isinstance(tabs, QTabWidget) else tabs
        # its least width and some room for the list beside a form (Programme)
        need = max(tabs.minimumSizeHint().width(), _least_width(page)) + ROOM
        room = self.width() - self.handleWidth()
        sizes = self.sizes()
        if room - sizes[1] < need and sizes[1] > 0:
            self.setSizes([room, 0])  # folded: the tab keeps its width
            self._folded = True
        elif getattr(self, "_folded", False) and room - PANEL_WIDTH >= need:
            self.setSizes([room - PANEL_WIDTH, PANEL_WIDTH])
            self._folded = False
