"""Import a participant list: choose the file, check the column mapping, see every line's
outcome and every problem with its line number, and only then save.

Nothing is written until the plan has no problems and the user presses Import; the import
is one undo step. A text file's separator and a workbook's sheet are found in the file and
can be chosen here; the file is then read again and the columns mapped anew.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _, ngettext
from app.interchange import participants as imp
from ui.widgets.fields import ProblemLabel, set_code
from ui.widgets.mnemonics import keep_unique

if TYPE_CHECKING:
    from ui.context import Context


class ImportParticipantsDialog(QDialog):
    def __init__(self, context: Context, visit_id: int, path: str,
                 parent: QWidget | None = None) -> None:
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

        self.preview = QTableWidget()
        self.preview.setAccessibleName(_("Preview"))
        self.preview.verticalHeader().hide()
        self.problems = QListWidget()
        self.problems.setAccessibleName(_("Problems"))
        self.summary = QLabel()
        self.problem = ProblemLabel()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(_("&Import"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
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
        layout.addWidget(self.problem)
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
        self.header_line.setText(_("Column names read from line {n}.").format(
            n=table.header_line))

    def reread(self) -> None:
        """Read the file again with the chosen separator or sheet, and map anew."""
        try:
            self.table_data = imp.read_table(
                self.path, delimiter=self.delimiter.currentData(),
                sheet=self.sheet.currentText() or None)
        except imp.FileProblem as problem:
            self.problem.show_problem(problem.message)
            return
        self._build_columns()
        self.recheck()

    def mapping(self) -> list[str | None]:
        return [combo.currentData() for combo in self.combos]

    def recheck(self) -> None:
        """Check every line again with the current mapping."""
        self.problem.clear_problem()
        try:
            self.plan = imp.plan(self.context.db, self.visit_id, self.table_data,
                                 self.mapping())
        except imp.FileProblem as problem:
            self.plan = None
            self.problem.show_problem(problem.message)
        self._show_preview()

    def _show_preview(self) -> None:
        headers = [_("Line"), _("Full name"), _("E-mail"), _("Organisation"), _("Role"),
                   _("Status"), _("In the directory")]
        lines = self.plan.lines if self.plan else []
        self.preview.clear()
        self.preview.setColumnCount(len(headers))
        self.preview.setHorizontalHeaderLabels(headers)
        self.preview.setRowCount(len(lines))
        for row, line in enumerate(lines):
            cells = [str(line.line), line.name, line.person.get("email") or "",
                     line.organisation or "",
                     imp.role_label(line.part.get("role", "")),
                     imp.status_label(line.part.get("status", "")),
                     _("found") if line.person_id else _("new")]
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setFlags(cell.flags() & ~Qt.ItemFlag.ItemIsEditable)
                if line.problems:
                    cell.setForeground(Qt.GlobalColor.red)
                    cell.setToolTip("\n".join(line.problems))
                self.preview.setItem(row, column, cell)
        self.preview.resizeColumnsToContents()
        self.problems.clear()
        problems = self.plan.problems if self.plan else []
        self.problems.addItems(problems)
        ready = self.plan is not None and self.plan.ok
        self.import_button.setEnabled(ready)
        if self.plan is None:
            self.summary.setText("")
        elif problems:
            self.summary.setText(ngettext("{n} problem to correct", "{n} problems to correct",
                                          len(problems)).format(n=len(problems)))
        else:
            self.summary.setText(ngettext("{n} participant ready to import",
                                          "{n} participants ready to import",
                                          len(lines)).format(n=len(lines)))

    def accept(self) -> None:
        from ui.widgets.messages import refused

        if self.plan is None or not self.plan.ok:
            return
        checked = self.plan
        db = self.context.db
        made: dict[str, Any] = {}

        def do() -> None:
            if "result" in made:
                imp.redo(db, made["result"])
            else:
                made["result"] = imp.apply(db, checked)

        try:
            self.context.call(ngettext("Import {n} participant", "Import {n} participants",
                                       len(checked.lines)).format(n=len(checked.lines)),
                              do, lambda: imp.undo(db, made["result"]))
        except refused() as problem:
            self.problem.show_problem(str(problem))
            return
        self.imported = made["result"]
        super().accept()
