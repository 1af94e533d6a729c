"""The Report tab: what the visit brought home, written while it is fresh.

The summary and results are saved like every other field: when the user leaves one, and
before the visit or the program closes (``commit_pending``), one undo step each; and, being
long texts written over many minutes, also a moment after typing pauses (``PAUSE_SAVE_MS``),
so a killed program (a flat battery, a forced restart) loses at most the last moment's
typing — the pauses of one typing session merge into its one undo step; lessons with their topics feed
the Archive's topic filter, follow-ups (who does what by when) feed the Follow-ups section,
and contacts gained are linked to the directory (``report_contacts``), so each of those is
its own row with its own undo. Photos are stored small
(``app.services.photos``) and shown as thumbnails. The report row is made on the first
save: an untouched visit has none.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from ui.visit.tab_base import VisitTab
from ui.widgets.binding import PlainText
from ui.widgets.date_time_edits import date_text
from ui.widgets.fields import ProblemLabel, date_edit, describe, get_date, problem_slot, put_date
from ui.widgets.flow_layout import flow
from ui.widgets.messages import confirm_delete, refused
from ui.widgets.views import edit_keys
from ui.widgets.wrap_delegate import wrap_rows

if TYPE_CHECKING:
    from ui.context import Context

ROW_ID = Qt.ItemDataRole.UserRole
COL_ACTION, COL_OWNER, COL_DUE, COL_STATUS = range(4)


PAUSE_SAVE_MS = 1500  # typing that pauses this long is saved, the field still being edited


def _lines(edit: QPlainTextEdit) -> list[str]:
    return [line.strip() for line in edit.toPlainText().splitlines() if line.strip()]


def _as_stored(name: str, typed: str) -> str:
    """The text a field shows once ``typed`` is saved and read back (the summary without
    its outer blanks, the results one non-blank line each): a reload after one's own save
    leaves the field — and the cursor of someone still typing — alone."""
    if name == "summary":
        return typed.strip()
    return "\n".join(line.strip() for line in typed.splitlines() if line.strip())


def _topics(text: str) -> list[str]:
    """Commas and semicolons both separate ("inovācijas; pudurs"): the service's rule."""
    from app.services.reports import lesson_topics

    return lesson_topics(text)


_LONG_WORD = re.compile(r"\S{40,}")


class _Box(QGroupBox):
    """A box of the tab's grid that does not ask for a height by its width. With its
    wrapping buttons it did, and Qt then shared the grid's height by wished heights: the
    summary's row got 250 px of the 294 it needs and its buttons were drawn over the
    follow-ups box (Latvian, 1024×700). Its least height still holds a row of buttons."""

    def hasHeightForWidth(self) -> bool:
        return False


class _Problem(ProblemLabel):
    """The tab's problem line; a long word in it (a file's name) wraps instead of widening
    the whole tab, which would push every list past the window's edge."""

    def __init__(self) -> None:
        super().__init__()
        self.setMinimumWidth(1)  # the longest word is no longer the label's least width

    def show_problem(self, text: str) -> None:
        # a zero-width space every 20 letters of a long word: a place where a line may break
        super().show_problem(
            _LONG_WORD.sub(
                lambda m: "\u200b".join(m[0][i : i + 20] for i in range(0, len(m[0]), 20)), text
            )
        )


class _ActionRow(QTreeWidgetItem):
    """A follow-up's row, sorted by what its column means: the due date as a date (undated
    last, as in the Follow-ups section), names as a Latvian reader orders them, and rows
    that tie in their entry order."""

    def __init__(self, texts: list[str], keys: tuple[Any, ...]) -> None:
        super().__init__(texts)
        self.keys = keys

    def __lt__(self, other: QTreeWidgetItem) -> bool:
        tree = self.treeWidget()
        column = tree.sortColumn() if tree is not None else COL_DUE
        if isinstance(other, _ActionRow):
            return bool(self.keys[column] < other.keys[column])
        return bool(super().__lt__(other))


def _action_row(action: Any, position: int) -> _ActionRow:
    """The row of one follow-up with its sort keys (``position``: its place in the report)."""
    from app.domain.text import sort_key
    from app.services.followups import status_label

    status = status_label(action.status)
    texts = [action.action, action.owner or "", date_text(action.due), status]
    keys = (
        (sort_key(action.action), position),
        (not action.owner, sort_key(action.owner), position),
        (action.due is None, action.due or dt.date.max, position),
        (sort_key(status), position),
    )
    return _ActionRow(texts, keys)


class ReportTab(VisitTab):
    """The report's texts, lessons, follow-ups and photos of one visit."""

    def __init__(self, context: Context, visit_id: int, parent: QWidget | None = None) -> None:
        super().__init__(context, visit_id, parent)
        self.report_id: int | None = None
        self._fresh_report: int | None = None  # made for an entry not yet accepted
        self.problem = _Problem()
        texts = self._texts_box(context)
        lessons = self._lessons_box()
        actions = self._follow_ups_box()
        corner = self._corner(context, visit_id)
        # The summary box at least as tall as its fields and buttons need: in a 700 px
        # window the grid shared the height evenly and squeezed the contacts' buttons.
        texts.setMinimumHeight(texts.minimumSizeHint().height())
        grid = QGridLayout()
        grid.addWidget(texts, 0, 0)
        grid.addWidget(lessons, 0, 1)
        grid.addWidget(actions, 1, 0)
        grid.addWidget(corner, 1, 1)
        grid.setRowStretch(0, 3)
        grid.setRowStretch(1, 2)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(problem_slot(self.problem, 1))  # kept: the boxes never move down
        layout.addLayout(grid, 1)

    def _texts_box(self, context: Context) -> QGroupBox:
        """The summary and results (saved a moment after typing pauses, one undo step per
        typing session) and the contacts gained."""
        self.summary = PlainText()
        self.summary.setAccessibleName(_("Summary"))
        self.results = PlainText()
        self.results.setAccessibleName(_("Results"))
        self.results.setPlaceholderText(_("One result a line"))
        # the text each field showed when last loaded or saved: typing not yet saved is
        # what differs from it, and a reload leaves such typing alone
        self._shown: dict[str, str] = {"summary": "", "results": ""}
        # The report's version when each text was shown: its save sends it, so a colleague's
        # change meanwhile is refused, not overwritten (None: there was no report then).
        self._seen: dict[str, int | None] = {"summary": None, "results": None}
        # Each typing session (until the field is left) is one undo step: its saves after
        # a pause merge (``merge_key``); leaving the field starts the next session.
        self._session: dict[str, int] = {"summary": 0, "results": 0}
        self._unsaved: Exception | None = None  # why the last text save failed, if it did
        self._pause: dict[str, QTimer] = {}
        for name, edit in (("summary", self.summary), ("results", self.results)):
            edit.setMinimumHeight(50)  # two lines: the tab fits 1024×700
            edit.setTabChangesFocus(True)
            edit.editingFinished.connect(lambda n=name: self._left(n))
            pause = QTimer(self)
            pause.setSingleShot(True)
            pause.setInterval(PAUSE_SAVE_MS)
            pause.timeout.connect(lambda n=name: self.save_text(n))
            edit.textChanged.connect(pause.start)
            self._pause[name] = pause
        texts = QGroupBox(_("Summary and results"))
        form = QFormLayout(texts)
        form.addRow(_("Summary"), self.summary)
        form.addRow(_("Results"), self.results)
        from ui.visit.report_contacts import ContactsBox

        self.contact_box = ContactsBox(context, self._ensure_report, self._contact_problem)
        self.contacts = self.contact_box.entries
        form.addRow(_("Contacts gained"), self.contact_box)
        return texts

    def _lessons_box(self) -> QGroupBox:
        self.lessons = QListWidget()
        self.lessons.setAccessibleName(_("Lessons"))
        wrap_rows(self.lessons)  # a long word wraps in its own row, not in every row
        self.lesson_text = QLineEdit()
        self.lesson_text.setPlaceholderText(_("What was learned…"))
        self.lesson_topics = QLineEdit()
        self.lesson_topics.setPlaceholderText(_("Topics, separated by commas"))
        self.add_lesson_button = QPushButton(_("Add &lesson"))
        self.add_lesson_button.clicked.connect(self.add_lesson)
        self.delete_lesson_button = QPushButton(_("Delete lesson"))
        self.delete_lesson_button.clicked.connect(self.delete_lesson)
        self.edit_lesson_button = QPushButton(_("Edit lesson…"))
        self.edit_lesson_button.clicked.connect(self.edit_lesson)
        edit_keys(self.lessons, self.edit_lesson, self.delete_lesson)
        lessons = self._box(
            _("Lessons"),
            self.lessons,
            [self.lesson_text, self.lesson_topics],
            [self.add_lesson_button, self.edit_lesson_button, self.delete_lesson_button],
        )
        return lessons

    def _follow_ups_box(self) -> QGroupBox:
        """The follow-ups, soonest due first, and the fields to add one."""
        self.follow_ups = QTreeWidget()
        self.follow_ups.setRootIsDecorated(False)
        self.follow_ups.setAccessibleName(_("Follow-ups"))
        self.follow_ups.setHeaderLabels([_("Action"), _("Owner"), _("Due"), _("Status")])
        self.follow_ups.setColumnWidth(0, 220)
        self.follow_ups.setColumnWidth(1, 110)
        self.follow_ups.setColumnWidth(2, 160)
        wrap_rows(self.follow_ups)
        # soonest due first, undated last, like the Follow-ups section; a header click sorts
        # by that column instead
        self.follow_ups.setSortingEnabled(True)
        self.follow_ups.sortByColumn(COL_DUE, Qt.SortOrder.AscendingOrder)
        self.action_text = QLineEdit()
        self.action_text.setPlaceholderText(_("Action…"))
        self.action_owner = QLineEdit()
        self.action_owner.setPlaceholderText(_("Owner"))
        self.action_due = date_edit(optional=True)
        self.action_due.setAccessibleName(_("Due"))
        self.add_action_button = QPushButton(_("Add &follow-up"))
        self.add_action_button.clicked.connect(self.add_follow_up)
        self.done_button = QPushButton(_("Mark &done"))
        self.done_button.clicked.connect(self.mark_done)
        self.delete_action_button = QPushButton(_("Delete follow-up"))
        self.delete_action_button.clicked.connect(self.delete_follow_up)
        self.edit_action_button = QPushButton(_("Edit follow-up…"))
        self.edit_action_button.clicked.connect(self.edit_follow_up)
        edit_keys(self.follow_ups, self.edit_follow_up, self.delete_follow_up)
        actions = self._box(
            _("Follow-ups"),
            self.follow_ups,
            [self.action_text, self.action_owner, self.action_due],
            [
                self.add_action_button,
                self.done_button,
                self.edit_action_button,
                self.delete_action_button,
            ],
        )
        return actions

    def _corner(self, context: Context, visit_id: int) -> QTabWidget:
        """The meetings' outcomes and the photos, sharing a corner."""
        from ui.visit.report_photos import PhotosBox

        self.photo_box = PhotosBox(context, visit_id, self.problem.show_problem)
        self.photos = self.photo_box.photos
        self.photo_caption = self.photo_box.caption

        from ui.visit.report_outcomes import OutcomesBox

        self.outcomes = OutcomesBox(context, visit_id, self.problem.show_problem)
        # the meetings' outcomes and the photos share a corner: both are looked at now and then
        corner = QTabWidget()
        corner.addTab(self.outcomes, _("Outcomes"))
        corner.addTab(self.photo_box, _("Photos"))
        self.corner = corner
        return corner

    @staticmethod
    def _box(
        title: str, view: QWidget, inputs: list[QWidget], buttons: list[QPushButton]
    ) -> QGroupBox:
        box = _Box(title)
        layout = QVBoxLayout(box)
        layout.addWidget(view, 1)
        row = QHBoxLayout()
        for widget in inputs:
            row.addWidget(widget, 1)
        layout.addLayout(row)
        layout.addLayout(flow(*buttons))  # wraps in a narrow window
        return box

    # --- reading

    def reload(self) -> None:
        from app.services.followups import current_date
        from app.services.reports import (
            list_attachments,
            list_follow_ups,
            list_lessons,
            list_report_contacts,
            report_for_visit,
        )

        self.outcomes.reload()
        report = report_for_visit(self.db, self.visit_id)
        self.report_id = report.id if report is not None else None
        for name, edit, text in (
            ("summary", self.summary, (report.summary or "") if report else ""),
            ("results", self.results, "\n".join(report.results or []) if report else ""),
        ):
            if edit.toPlainText() == self._shown[name]:
                self._seen[name] = report.version if report else None
                if text != _as_stored(name, self._shown[name]):
                    edit.setPlainText(text)
                    self._shown[name] = text
                    self._pause[name].stop()  # shown, not typed: nothing to save
        self.contact_box.show_entries(list_report_contacts(self.db, report.id) if report else [])
        self.lessons.clear()
        self.follow_ups.clear()
        if report is None:
            self.photo_box.show_photos([])
            return
        for lesson in list_lessons(self.db, report.id):
            topics = ", ".join(lesson.topics or [])
            entry = QListWidgetItem(f"{lesson.text}  [{topics}]" if topics else lesson.text)
            entry.setData(ROW_ID, lesson.id)
            entry.setToolTip(lesson.text)
            self.lessons.addItem(entry)
        today = current_date()  # the Follow-ups section's "today", so both agree
        self.follow_ups.setSortingEnabled(False)  # sorted once, when all rows are in
        for position, action in enumerate(list_follow_ups(self.db, report.id)):
            self._add_action_row(action, position, today)
        self.follow_ups.setSortingEnabled(True)  # in the order the header shows
        self.photo_box.show_photos(list_attachments(self.db, report.id))

    def _add_action_row(self, action: Any, position: int, today: dt.date) -> None:
        from app.services.followups import is_overdue

        overdue = is_overdue(action.status, action.due, today)
        row = _action_row(action, position)
        self.follow_ups.addTopLevelItem(row)
        row.setData(0, ROW_ID, action.id)
        if overdue:  # the due date marked, not the whole row
            from ui.icons import mark

            mark(row, 2, "error", _("Overdue"))

    def select_item(self, kind: str, row_id: int | None = None) -> None:
        """Show and focus one part of the report (an archive hit opened): a meeting's outcome
        note (``row_id`` = the programme item), a lesson, a follow-up, or the summary,
        results or contacts field."""
        if kind == "outcome":
            self.corner.setCurrentWidget(self.outcomes)
            if row_id is not None:
                self.outcomes.choose(row_id)
            chosen = self.outcomes.items.currentItem()
            if chosen is not None:
                self.outcomes.items.scrollToItem(chosen)
            self.outcomes.note.setFocus()
            return
        if kind == "lesson":
            for index in range(self.lessons.count()):
                entry = self.lessons.item(index)
                if entry.data(ROW_ID) == row_id:
                    self.lessons.setCurrentItem(entry)
                    self.lessons.scrollToItem(entry)
            self.lessons.setFocus()
        elif kind == "follow_up":
            for index in range(self.follow_ups.topLevelItemCount()):
                row = self.follow_ups.topLevelItem(index)
                if row.data(0, ROW_ID) == row_id:
                    self.follow_ups.setCurrentItem(row)
                    self.follow_ups.scrollToItem(row)
            self.follow_ups.setFocus()
        elif kind == "contacts":  # ``row_id`` is the report's: the archive indexes it whole
            if self.contacts.currentRow() < 0 and self.contacts.count():
                self.contacts.setCurrentRow(0)
            self.contacts.setFocus()
        else:
            {"results": self.results}.get(kind, self.summary).setFocus()

    # --- writing

    def _ensure_report(self) -> int:
        """The report's id, making the report on the first save."""
        from app.services.reports import create_report

        if self.report_id is None:
            made = create_report(self.db, self.visit_id)
            self.report_id = self._fresh_report = made.id
            self._seen = dict.fromkeys(self._seen, made.version)
        return self.report_id

    def _drop_fresh_report(self) -> None:
        """The first entry was refused: the report made for it goes too, so a refused
        entry leaves nothing behind (the report is not an undo step of its own)."""
        from app.services.reports import delete_report

        fresh, self._fresh_report = self._fresh_report, None
        if fresh is not None and fresh == self.report_id:
            delete_report(self.db, fresh)
            self.report_id = None

    def _contact_problem(self, text: str) -> None:
        self.problem.show_problem(text)
        if text:
            self._drop_fresh_report()
        else:
            self._fresh_report = None

    def field_names(self) -> dict[str, str]:
        """The report's fields as this tab labels them: a refused entry names "Darbība",
        not the data model's ``action``."""
        return {
            "summary": _("Summary"),
            "results": _("Results"),
            "text": _("Lesson"),
            "topics": _("Topics"),
            "action": _("Action"),
            "owner": _("Owner"),
            "due": _("Due"),
            "status": _("Status"),
        }

    def _try(self, work: Any) -> bool:
        self._fresh_report = None
        try:
            work()
        except refused() as problem:
            self._drop_fresh_report()
            self.problem.show_problem(describe(problem, self.field_names()))
            return False
        self._fresh_report = None
        self.problem.clear_problem()
        return True

    def _left(self, name: str) -> None:
        """The field was left: what was typed is saved, and the next typing is a new step."""
        self._pause[name].stop()
        self.save_text(name)
        self._session[name] += 1

    def save_text(self, name: str) -> bool:
        """The summary or the results as typed, one undo step per typing session (nothing
        when unchanged)."""
        self._pause[name].stop()
        from app.services.reports import get_report, update_report

        edit = self.summary if name == "summary" else self.results
        typed = edit.toPlainText()
        if typed == self._shown[name]:
            return True
        value: Any = (typed.strip() or None) if name == "summary" else _lines(edit)

        def save() -> None:
            if self.report_id is None and not value:
                return  # nothing typed into a visit without a report: no empty report
            report_id = self._ensure_report()
            report = get_report(self.db, report_id)
            before = {name: report.summary if name == "summary" else list(report.results or [])}
            # No version seen: someone else made the report after the text was shown.
            shown = self._seen.get(name) or 0

            def apply(seen: int | None, changes: dict[str, Any]) -> Any:
                row = update_report(self.db, report_id, seen, **changes)
                for text_name, version in self._seen.items():
                    if version == seen:  # own step: texts shown at that version stay current
                        self._seen[text_name] = row.version
                return row

            label = self.field_names()[name]
            self.context.update_row(
                _("Change {field}").format(field=label),
                apply,
                shown,
                before,
                {name: value},
                merge_key=("report text", self.visit_id, name, self._session[name]),
                what=label,
            )

        try:
            if not self._try(save):
                return False
        except Exception as problem:  # the disk full, the database locked or read-only
            from app.failures import user_message

            # Said in the tab, not by a box at every pause; the text stays to be saved at
            # the next pause or when the field is left, and closing asks first.
            self._unsaved = problem
            self.problem.show_problem(
                user_message(problem, where=self.db.path, doing="saving the report's text")
            )
            return False
        self._unsaved = None
        self._shown[name] = typed
        return True

    def save_texts(self) -> bool:
        """Both texts, each its own undo step (before the visit or the program closes)."""
        return all([self.save_text("summary"), self.save_text("results")])

    def commit_pending(self) -> None:
        """Save what was typed and not yet saved (the visit or the program is closing): the
        texts, a meeting's outcome, and a lesson or follow-up typed but not yet added (the
        window closed on them and they were gone). A text that cannot be saved (a full
        disk) raises its error: the window then asks before closing on it."""
        if not self.save_texts() and self._unsaved is not None:
            raise self._unsaved
        self.outcomes.commit_pending()
        if self.lesson_text.text().strip():
            self.add_lesson()
        if self.action_text.text().strip():
            self.add_follow_up()

    def add_lesson(self) -> None:
        from app.services.reports import create_lesson, delete_lesson, restore_lesson

        text, topics = self.lesson_text.text().strip(), _topics(self.lesson_topics.text())

        def add() -> None:
            report_id = self._ensure_report()
            self.context.create(
                _("Add lesson"),
                lambda: create_lesson(self.db, report_id, text=text, topics=topics),
                lambda i: delete_lesson(self.db, i),
                lambda i: restore_lesson(self.db, i),
            )

        if self._try(add):
            self.lesson_text.clear()
            self.lesson_topics.clear()

    def delete_lesson(self) -> None:
        from app.services.reports import delete_lesson, restore_lesson

        entry = self.lessons.currentItem()
        if entry is not None and confirm_delete(
            self, _("the lesson “{text}”").format(text=entry.toolTip())
        ):
            lesson_id = int(entry.data(ROW_ID))
            self._try(
                lambda: self.context.delete(
                    _("Delete lesson"),
                    lambda: delete_lesson(self.db, lesson_id),
                    lambda: restore_lesson(self.db, lesson_id),
                )
            )

    def edit_lesson(self) -> None:
        """A lesson's text and topics in a small dialog; one undo step."""
        from app.services.reports import get_lesson, update_lesson
        from ui.dialogs.form_dialog import FormDialog
        from ui.widgets.binding import Field, text_field

        entry = self.lessons.currentItem()
        if entry is None:
            return
        lesson_id = int(entry.data(ROW_ID))
        lesson = get_lesson(self.db, lesson_id)
        text = QPlainTextEdit()
        text.setAccessibleName(_("Lesson"))
        topics = QLineEdit()
        topics.setAccessibleName(_("Topics"))
        topics.setPlaceholderText(_("Topics, separated by commas"))
        fields = {
            "text": text_field(text, _("Lesson")),
            "topics": Field(
                topics,
                _("Topics"),
                lambda: _topics(topics.text()),
                lambda value: topics.setText(", ".join(value or [])),
            ),
        }
        before = {"text": lesson.text, "topics": list(lesson.topics or [])}
        db = self.db

        def submit(after: dict[str, Any]) -> None:
            after["text"] = (after["text"] or "").strip()
            self.context.update_row(
                _("Change lesson"),
                lambda seen, changes: update_lesson(db, lesson_id, seen, **changes),
                lesson.version,
                before,
                after,
            )

        FormDialog(_("Lesson"), fields, before, submit, self).exec()

    def add_follow_up(self) -> None:
        from app.services.reports import create_follow_up, delete_follow_up, restore_follow_up

        fields = {
            "action": self.action_text.text().strip(),
            "owner": self.action_owner.text().strip() or None,
            "due": get_date(self.action_due),
        }

        def add() -> None:
            report_id = self._ensure_report()
            self.context.create(
                _("Add follow-up"),
                lambda: create_follow_up(self.db, report_id, **fields),
                lambda i: delete_follow_up(self.db, i),
                lambda i: restore_follow_up(self.db, i),
            )

        if self._try(add):
            self.action_text.clear()
            self.action_owner.clear()
            put_date(self.action_due, None)

    def _current_action(self) -> int | None:
        row = self.follow_ups.currentItem()
        return int(row.data(0, ROW_ID)) if row is not None else None

    def mark_done(self) -> None:
        from app.services.reports import get_follow_up, update_follow_up

        action_id = self._current_action()
        if action_id is None:
            return
        action = get_follow_up(self.db, action_id)
        self._try(
            lambda: self.context.update_row(
                _("Mark the follow-up done"),
                lambda seen, changes: update_follow_up(self.db, action_id, seen, **changes),
                action.version,
                {"status": action.status},
                {"status": "done"},
            )
        )

    def edit_follow_up(self) -> None:
        """Action, owner, due date and status (open, done, dropped); one undo step."""
        from app.labels import FOLLOW_UP_STATUSES
        from app.services.followups import status_label
        from app.services.reports import get_follow_up, update_follow_up
        from ui.dialogs.form_dialog import FormDialog
        from ui.widgets.binding import combo_field, date_field, line_field
        from ui.widgets.fields import code_combo

        action_id = self._current_action()
        if action_id is None:
            return
        action = get_follow_up(self.db, action_id)
        text, owner = QLineEdit(), QLineEdit()
        due = date_edit(optional=True)
        status = code_combo(FOLLOW_UP_STATUSES, status_label)
        fields = {
            "action": line_field(text, _("Action")),
            "owner": line_field(owner, _("Owner")),
            "due": date_field(due, _("Due")),
            "status": combo_field(status, _("Status")),
        }
        for name, field in fields.items():
            field.widget.setAccessibleName(field.label)
            field.widget.setObjectName(name)
        before = {name: getattr(action, name) for name in fields}
        db = self.db

        def submit(after: dict[str, Any]) -> None:
            self.context.update_row(
                _("Change the follow-up"),
                lambda seen, changes: update_follow_up(db, action_id, seen, **changes),
                action.version,
                before,
                after,
            )

        FormDialog(_("Follow-up"), fields, before, submit, self).exec()

    def delete_follow_up(self) -> None:
        from app.services.reports import delete_follow_up, restore_follow_up

        action_id = self._current_action()
        row = self.follow_ups.currentItem()
        if action_id is not None and confirm_delete(
            self, _("the follow-up “{action}”").format(action=row.text(0))
        ):
            self._try(
                lambda: self.context.delete(
                    _("Delete follow-up"),
                    lambda: delete_follow_up(self.db, action_id),
                    lambda: restore_follow_up(self.db, action_id),
                )
            )

    def add_photo(self, path: str | None = None) -> None:
        """A photo from a file, with the caption typed beside it (see ``PhotosBox``)."""
        self.photo_box.add_photo(path)
