"""Import a participant list: choose the file, check the column mapping, see every line's
outcome and every problem with its line number, and only then save.

Nothing is written until the plan has no problems and the user presses Import; the import
is one undo step. A text file's separator and a workbook's sheet are found in the file and
can be chosen here; the file is then read again and the columns mapped anew.

A long list (over ``BACKGROUND_LINES`` lines) is checked and saved off the UI thread with a
progress bar and Cancel (``ui.widgets.job_dialog``); a cancelled save changes nothing (one
transaction, rolled back). The preview is a model over the checked lines, so that 100 000
of them are not 700 000 table items.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _, ngettext
from app.interchange import participants as imp
from ui.icons import icon, status_colour
from ui.widgets.fields import ProblemLabel, problem_slot, set_code
from ui.widgets.mnemonics import keep_unique

if TYPE_CHECKING:
    from ui.context import Context

# More lines than this are checked and saved in a worker thread, with progress and Cancel.
BACKGROUND_LINES = 2000
Index = QModelIndex | QPersistentModelIndex


class PreviewModel(QAbstractTableModel):
    """The checked lines as rows: what each becomes, red with its problems when it has any.
    Cells are made only when shown."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[imp.Line] = []
        self.headers = [
            _("Line"),
            _("Full name"),
            _("E-mail"),
            _("Organisation"),
            _("Role"),
            _("Status"),
            _("In the directory"),
        ]

    def show_lines(self, lines: list[imp.Line]) -> None:
        self.beginResetModel()
        self.lines = lines
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def text(self, row: int, column: int) -> str:
        line = self.lines[row]
        if column == 0:
            return str(line.line)
        if column == 1:
            return line.name
        if column == 2:
            return line.person.get("email") or ""
        if column == 3:
            return line.organisation or ""
        if column == 4:
            return imp.role_label(line.part.get("role", ""))
        if column == 5:
            return imp.status_label(line.part.get("status", ""))
        return _("found") if line.person_id else _("new")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        line = self.lines[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(index.row(), index.column())
        # the line's number marked, not the whole row red: the list below says which field
        if line.problems and index.column() == 0:
            if role == Qt.ItemDataRole.ForegroundRole:
                return status_colour("error")
            if role == Qt.ItemDataRole.DecorationRole:
                return icon("error", "error")
        if line.problems and role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(line.problems)
        return None


class ImportParticipantsDialog(QDialog):
    def __init__(
        self, context: Context, visit_id: int, path: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        keep_unique(self)
        self.context = context
        self.visit_id = visit_id
        self.setWindowTitle(_("Import participants"))
        self.resize(900, 600)
        self.plan: imp.Plan | None = None
        self.imported: imp.Imported | None = None
        self.path = path
        self.table_data = imp.read_table(path)

        source = QHBoxLayout()
        self.delimiter = QComboBox()
        self.delimiter.addItem(_("Found in the file"), None)
        for code, label in imp.DELIMITERS.items():
            self.delimiter.addItem(_(label), code)
        self.delimiter.setAccessibleName(_("Separator"))
        self.sheet = QComboBox()
        self.sheet.addItems(self.table_data.sheets)
        if self.table_data.sheet is not None:
            self.sheet.setCurrentText(self.table_data.sheet)
        self.sheet.setAccessibleName(_("Sheet"))
        if self.table_data.sheets:
            label = QLabel(_("&Sheet:"))
            label.setBuddy(self.sheet)
            source.addWidget(label)
            source.addWidget(self.sheet)
            self.sheet.currentIndexChanged.connect(self.reread)
        else:
            label = QLabel(_("S&eparator:"))
            label.setBuddy(self.delimiter)
            source.addWidget(label)
            source.addWidget(self.delimiter)
            self.delimiter.currentIndexChanged.connect(self.reread)
        self.header_line = QLabel()
        source.addWidget(self.header_line, 1)

        self.combos: list[QComboBox] = []
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self._build_columns()

        self.preview_model = PreviewModel()
        self.preview = QTableView()
        self.preview.setModel(self.preview_model)
        self.preview.setAccessibleName(_("Preview"))
        self.preview.verticalHeader().hide()
        self.preview.horizontalHeader().setResizeContentsPrecision(200)
        self.problems = QListWidget()
        self.problems.setAccessibleName(_("Problems"))
        self.summary = QLabel()
        self.problem = ProblemLabel()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(
            _("&Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(source)
        layout.addWidget(self.grid_host)
        layout.addWidget(QLabel(_("Preview")))
        layout.addWidget(self.preview, 2)
        layout.addWidget(QLabel(_("Problems (nothing is saved until there are none)")))
        layout.addWidget(self.problems, 1)
        layout.addWidget(self.summary)
        layout.addWidget(problem_slot(self.problem))
        layout.addWidget(self.buttons)
        self.recheck()

    def _build_columns(self) -> None:
        """One row per column of the file: its header and what it holds (guessed)."""
        while self.grid.count():
            widget = self.grid.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        self.combos = []
        table = self.table_data
        mapping = imp.guess_mapping(table.headers)
        self.grid.addWidget(QLabel(_("<b>Column in the file</b>")), 0, 0)
        self.grid.addWidget(QLabel(_("<b>Holds</b>")), 0, 1)
        for number, header in enumerate(table.headers, start=1):
            combo = QComboBox()
            combo.addItem(_("(not imported)"), None)
            for name, label in imp.FIELDS.items():
                combo.addItem(_(label), name)
            set_code(combo, mapping[number - 1])
            combo.currentIndexChanged.connect(self.recheck)
            caption = QLabel(header or _("column {n}").format(n=number))
            caption.setBuddy(combo)
            combo.setAccessibleName(caption.text())
            self.grid.addWidget(caption, number, 0)
            self.grid.addWidget(combo, number, 1)
            self.combos.append(combo)
        self.header_line.setText(_("Column names read from line {n}.").format(n=table.header_line))

    def reread(self) -> None:
        """Read the file again with the chosen separator or sheet, and map anew."""
        try:
            self.table_data = imp.read_table(
                self.path,
                delimiter=self.delimiter.currentData(),
                sheet=self.sheet.currentText() or None,
            )
        except imp.FileProblem as problem:
            self.problem.show_problem(problem.message)
            return
        self._build_columns()
        self.recheck()

    def mapping(self) -> list[str | None]:
        return [combo.currentData() for combo in self.combos]

    def recheck(self) -> None:
        """Check every line again with the current mapping (a long list off the UI thread,
        with progress and Cancel: a cancelled check leaves nothing to import)."""
        self.problem.clear_problem()
        db, visit_id, table, mapping = (
            self.context.db,
            self.visit_id,
            self.table_data,
            self.mapping(),
        )
        self.plan = None
        try:
            if len(table.rows) <= BACKGROUND_LINES:
                self.plan = imp.plan(db, visit_id, table, mapping)
            else:
                job = self._job(
                    ngettext("Checking {n} line…", "Checking {n} lines…", len(table.rows)).format(
                        n=len(table.rows)
                    ),
                    lambda progress, cancel: imp.plan(
                        db, visit_id, table, mapping, progress=progress, cancel=cancel
                    ),
                    doing="checking a participant list",
                )
                outcome = job.run()
                if outcome == "done":
                    self.plan = job.result
                elif outcome == "cancelled":
                    self.problem.show_problem(
                        _("Checking was cancelled: choose the columns again or close.")
                    )
                else:
                    self.problem.show_problem(job.message)
        except imp.FileProblem as problem:
            self.problem.show_problem(problem.message)
        self._show_preview()

    def _job(self, text: str, job: Any, *, doing: str) -> Any:
        from ui.widgets.job_dialog import JobDialog

        self.last_job = JobDialog(self, _("Import participants"), text, job, doing=doing)
        return self.last_job

    def _show_preview(self) -> None:
        self.preview_model.show_lines(self.plan.lines if self.plan else [])
        self.preview.resizeColumnsToContents()  # measured on the first lines only
        self.problems.clear()
        problems = self.plan.problems if self.plan else []
        self.problems.addItems(problems)
        ready = self.plan is not None and self.plan.ok
        self.import_button.setEnabled(ready)
        if self.plan is None:
            self.summary.setText("")
        elif problems:
            self.summary.setText(
                ngettext("{n} problem to correct", "{n} problems to correct", len(problems)).format(
                    n=len(problems)
                )
            )
        else:
            self.summary.setText(
                ngettext(
                    "{n} participant ready to import",
                    "{n} participants ready to import",
                    len(self.plan.lines),
                ).format(n=len(self.plan.lines))
            )

    def accept(self) -> None:
        """Save the checked list as one undo step; a long one off the UI thread, where
        Cancel rolls the whole save back and says so."""
        from app.operations.directory import ImportParticipants
        from ui.widgets.messages import refused

        if self.plan is None or not self.plan.ok:
            return
        checked = self.plan
        db = self.context.db
        count = len(checked.lines)
        if count <= BACKGROUND_LINES:
            try:
                result = imp.apply(db, checked)
            except refused() as problem:
                self.problem.show_problem(str(problem))
                return
        else:
            job = self._job(
                ngettext("Saving {n} participant…", "Saving {n} participants…", count).format(
                    n=count
                ),
                lambda progress, cancel: imp.apply(db, checked, progress=progress, cancel=cancel),
                doing="importing a participant list",
            )
            outcome = job.run()
            if outcome == "cancelled":
                self.problem.show_problem(
                    _("Import cancelled: nothing was saved, the visit is as it was.")
                )
                return
            if outcome != "done":
                self.problem.show_problem(job.message)
                return
            result = job.result
        # saved already: the step only takes it back (undo) and brings it back (redo)
        self.context.run(ImportParticipants(db, checked, imported=result))
        self.imported = result
        super().accept()
