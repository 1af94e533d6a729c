"""The Translations tab: every printed text of a visit in Latvian, English and bokmål.

One grid, the Latvian original beside its two versions, so a coordinator fills the gaps in
one place before an English or Norwegian programme is printed; the line above the grid
says what is still only in Latvian (the same words the programme's cover and the command
line use). Each cell edit is one undo step, sent with the row's version.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from ui.read_only import read_safe
from ui.visit.tab_base import VisitTab

if TYPE_CHECKING:
    from app.services.translations import TextRow
    from ui.context import Context

WHAT, LV, EN, NB = range(4)
LANG_OF_COLUMN = {EN: "en", NB: "nb"}


class TranslationsTab(VisitTab):
    def __init__(self, context: Context, visit_id: int, parent: QWidget | None = None) -> None:
        super().__init__(context, visit_id, parent)
        self.rows: list[TextRow] = []
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.only_missing = QCheckBox(_("Show only &texts with no English version"))
        read_safe(self.only_missing)
        self.only_missing.toggled.connect(self._filter)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [_("Text"), _("In Latvian"), _("In English"), _("In Norwegian (bokmål)")]
        )
        self.table.setAccessibleName(_("Texts in three languages"))
        self.table.setWordWrap(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(WHAT, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(WHAT, self.fontMetrics().horizontalAdvance("M") * 14)
        for column in (LV, EN, NB):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setItemDelegate(_TextDelegate(self))
        self.table.itemChanged.connect(self._edited)
        # Wrapped rows are measured at the columns' real widths, after every resize.
        header.sectionResized.connect(lambda *_args: self.table.resizeRowsToContents())
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.only_missing)
        layout.addWidget(self.table, 1)
        self._filling = False

    # --- reading

    def reload(self) -> None:
        from app.services.translations import text_rows

        self.rows = text_rows(self.db, self.visit_id)
        self._filling = True
        try:
            self.table.setRowCount(len(self.rows))
            for index, row in enumerate(self.rows):
                self._fill(index, row)
        finally:
            self._filling = False
        self.table.resizeRowsToContents()
        self._filter()
        self._say_gaps()

    def _fill(self, index: int, row: TextRow) -> None:
        fixed = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
        for column, text, editable in (
            (WHAT, row.what, False),
            (LV, row.lv, False),
            (EN, row.en, True),
            (NB, row.nb, row.nb_editable),
        ):
            cell = QTableWidgetItem(text or "")
            cell.setFlags(
                fixed | (Qt.ItemFlag.ItemIsEditable if editable else Qt.ItemFlag.NoItemFlags)
            )
            if column in (EN, NB) and not text and editable:
                cell.setToolTip(_("Empty: the Latvian text is printed"))
            if column == NB and not row.nb_editable:
                cell.setToolTip(_("A bokmål programme prints this host's English name"))
            self.table.setItem(index, column, cell)

    def _say_gaps(self) -> None:
        """What is still only in Latvian, counted from the grid's rows (the cover's count,
        without reading the whole visit again after each cell)."""
        from app.documents.completeness import count_gaps, sentences
        from app.i18n import current_language

        lines = [
            *sentences(count_gaps(self.rows, "en"), current_language()),
            *sentences(count_gaps(self.rows, "nb"), current_language()),
        ]
        self.summary.setText(
            "\n".join(lines)
            if lines
            else _(
                "Everything a programme prints has an English and a bokmål "
                "version (or an English one a bokmål programme uses)."
            )
        )

    def _filter(self) -> None:
        only = self.only_missing.isChecked()
        for index, row in enumerate(self.rows):
            # English is what both other-language programmes fall back to: a row without it
            # prints Latvian in an English programme (and in bokmål when it has no bokmål).
            self.table.setRowHidden(index, only and bool(row.en))

    # --- editing

    def _edited(self, cell: QTableWidgetItem) -> None:
        if self._filling or cell.column() not in LANG_OF_COLUMN:
            return
        from app.services.translations import set_text

        row = self.rows[cell.row()]
        lang = LANG_OF_COLUMN[cell.column()]
        before = {"text": getattr(row, lang)}
        after = {"text": cell.text().strip() or None}
        if before == after:
            return
        title = _("Translation: {what}").format(what=row.what)

        def update(version: int | None, changes: dict[str, str | None]) -> object:
            return set_text(self.db, row, lang, changes["text"], version)

        try:
            self.context.update_row(title, update, row.version, before, after)
        except Exception as problem:  # a refused text: say it, put the cell back
            from ui.widgets.messages import refused

            if not isinstance(problem, refused()):
                raise
            self.context.report(problem)
            self.mark_stale(visible=True)


LONG_FIELDS = frozenset({"description", "purpose"})


class _TextDelegate(QStyledItemDelegate):
    """A description or purpose is edited in a text box that keeps its line breaks (a
    one-line editor would join the paragraphs); titles and names in a one-line editor."""

    def __init__(self, tab: TranslationsTab) -> None:
        super().__init__(tab.table)
        self.tab = tab

    def _long(self, index: QModelIndex | QPersistentModelIndex) -> bool:
        rows = self.tab.rows
        return 0 <= index.row() < len(rows) and rows[index.row()].field in LONG_FIELDS

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        if not self._long(index):
            return super().createEditor(parent, option, index)
        editor = QPlainTextEdit(parent)
        editor.setTabChangesFocus(True)  # Tab leaves (and saves), Enter starts a new line
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        if isinstance(editor, QPlainTextEdit):
            editor.setPlainText(str(index.data() or ""))
        else:
            super().setEditorData(editor, index)

    def setModelData(
        self, editor: QWidget, model: QAbstractItemModel, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        if isinstance(editor, QPlainTextEdit):
            model.setData(index, editor.toPlainText())
        else:
            super().setModelData(editor, model, index)
