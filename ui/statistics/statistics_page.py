"""Statistics: the figures across visits as bar charts, with filters, and the visits behind
each bar.

The visits' facts are loaded when the section is shown (``statistics.load_facts``), off the
UI thread (a ``ui.workers.JobWorker``), and again only after a change was saved — the facts
are kept while the database's data version holds; a reload reads again only the visits
whose change stamps moved, and a freshly started program takes the others from its cache
file (a tenth of a second on 10,000 visits; reading them all, the first time, most of a
second). A change of filter recomputes the figures from them in memory. While they are worked out a line above
the charts says so, and figures from before a saved change are greyed under it: never
shown as current when they are not. Every chart writes its numbers beside its bars; a click on a bar lists the
visits it was counted from below, and a double-click (or Enter) there opens one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _, format_money, ngettext
from ui.read_only import read_safe
from ui.statistics.bar_chart import BarChart
from ui.widgets import file_dialogs
from ui.widgets.fields import set_code
from ui.widgets.filter_row import FilterRow
from ui.widgets.section_page import SectionPage

if TYPE_CHECKING:
    from app.services.statistics import Facts, Figure, Statistics
    from ui.context import Context

VISIT_ROLE = Qt.ItemDataRole.UserRole
FILE_AFTER_MS = 1000  # the facts' cache file, this long after the figures are shown


class FigureCard(QWidget):
    """One figure: its title, its chart and the note on what was left out."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.chart = BarChart()
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: palette(placeholder-text);")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 10)
        layout.addWidget(self.title)
        layout.addWidget(self.chart)
        layout.addWidget(self.note)

    def show_figure(self, figure: Figure) -> None:
        from app.services.statistics import value_text

        self.title.setText(figure.title)
        self.chart.setAccessibleName(figure.title)
        self.chart.empty_text = _("No figures for these visits")
        self.chart.set_rows(
            [(b.label, float(b.value), b.detail) for b in figure.bars],
            lambda i: value_text(figure, figure.bars[i].value),
        )
        self.note.setText(figure.note)
        self.note.setVisible(bool(figure.note))


class StatisticsPage(SectionPage):
    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        read_safe(self)  # filters and Export: it only reads
        self.facts: Facts | None = None
        self.stats: Statistics | None = None
        self.chosen: tuple[str, int] | None = None
        self.worker: Any = None  # the JobWorker working the figures out, if any
        self.filer: Any = None  # the JobWorker writing their cache file, if any
        # the cache file is written a moment after the figures are painted, so that
        # writing it never competes with painting them
        self.file_timer = QTimer(self)
        self.file_timer.setSingleShot(True)
        self.file_timer.setInterval(FILE_AFTER_MS)
        self.file_timer.timeout.connect(self._file_kept)
        self._again = False  # a change was saved while it ran: read once more after it
        self.busy_line = QLabel()
        self.busy_line.setWordWrap(True)
        self.busy_line.setAccessibleName(_("Figures being worked out"))
        self.busy_line.hide()

        top = self._filter_row()
        self.scroll = self._figure_grid()
        below = self._visits_below()
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.scroll)
        self.splitter.addWidget(below)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([480, 160])

        layout = QVBoxLayout(self)
        layout.addWidget(top)
        layout.addWidget(self.busy_line)
        layout.addWidget(self.splitter, 1)

    def _filter_row(self) -> FilterRow:
        """The year, project and country filters and Export, filled when the facts come."""
        self.year_from = QComboBox()
        self.year_to = QComboBox()
        self.project = QComboBox()
        self.country = QComboBox()
        for box, name in (
            (self.year_from, _("From year")),
            (self.year_to, _("To year")),
            (self.project, _("Project")),
            (self.country, _("Country")),
        ):
            box.setAccessibleName(name)
            box.currentIndexChanged.connect(lambda _i: self.refresh())
            # filled when the facts arrive, after the first paint: sized to their choices
            # then ("visas valstis" was cut to "visas val")
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.project.setMinimumContentsLength(12)
        self.export_button = QPushButton(_("&Export…"))
        self.export_button.clicked.connect(self.export_dialog)
        top = FilterRow()
        for text, box in (
            (_("&From"), self.year_from),
            (_("&to"), self.year_to),
            (_("&Project"), self.project),
            (_("&Country"), self.country),
        ):
            top.add(text, box)
        top.add_stretch()
        top.add_widget(self.export_button)
        return top

    def _figure_grid(self) -> QScrollArea:
        """A card for each figure, two a row, scrolled: a click on a bar chooses it."""
        from app.services.statistics import FIGURES

        self.cards: dict[str, FigureCard] = {}
        grid_host = QWidget()
        self.grid = QGridLayout(grid_host)
        self.grid.setContentsMargins(0, 0, 0, 0)
        for index, key in enumerate(FIGURES):
            card = FigureCard()
            card.chart.activated.connect(lambda i, k=key: self.choose_bar(k, i))
            self.cards[key] = card
            self.grid.addWidget(card, index // 2, index % 2, Qt.AlignmentFlag.AlignTop)
        self.grid.setColumnStretch(0, 1)
        self.grid.setColumnStretch(1, 1)
        self.grid.setRowStretch(len(FIGURES) // 2 + 1, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(grid_host)
        return scroll

    def _visits_below(self) -> QWidget:
        """The visits behind the chosen bar, under the charts; one opens on a double-click."""
        self.caption = QLabel(_("Click a bar to list the visits behind it."))
        self.caption.setWordWrap(True)
        self.visits = QTreeWidget()
        self.visits.setRootIsDecorated(False)
        self.visits.setUniformRowHeights(True)  # one line each; Qt skips measuring every row
        self.visits.setAccessibleName(_("Visits behind the figure"))
        self.visits.setHeaderLabels(
            [_("Code"), _("Title"), _("Year"), _("Country"), _("People"), _("Cost (EUR)")]
        )
        for column, width in enumerate((170, 330, 50, 100, 60, 110)):
            self.visits.setColumnWidth(column, width)
        # the title takes what the other columns leave: at 1024 px the cost was cut off
        self.visits.header().setStretchLastSection(False)
        self.visits.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.visits.setAlternatingRowColors(True)
        self.visits.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.opening(self.visits, self._open)
        below = QWidget()
        below_layout = QVBoxLayout(below)
        below_layout.setContentsMargins(0, 0, 0, 0)
        below_layout.addWidget(self.caption)
        below_layout.addWidget(self.visits)
        return below

    # --- loading

    @property
    def busy(self) -> bool:
        """The figures are being worked out (those shown, if any, are not current)."""
        return self.worker is not None

    def reload(self) -> None:
        """The visits' facts again: the kept ones while nothing was saved since, else read
        off the UI thread; the filters are filled with what they hold."""
        from app.services.statistics import kept_facts

        self.stale = False
        if self.worker is not None:
            self._again = True
            return
        kept = kept_facts(self.context.db)
        if kept is not None:
            if kept is not self.facts:
                self._use(kept)
            return
        from ui.workers import JobWorker

        db, filters = self.context.db, self.filters()

        def work(_progress: Any, _cancel: Any) -> tuple[Facts, Statistics]:
            from app.services.statistics import compute, load_facts

            facts = load_facts(db, file_now=False)  # the cache file once they are shown
            return facts, compute(facts, filters)

        self.file_timer.stop()  # written after these facts instead (they hold the same)
        self.worker = JobWorker(work, "working out the statistics")
        self.worker.succeeded.connect(self._ready)
        self.worker.failed.connect(self._failed)
        outdated = self.stats is not None
        self.busy_line.setText(
            _(
                "A change was saved: the figures are being worked out again. Those shown "
                "below are from before it."
            )
            if outdated
            else _("Working out the figures…")
        )
        self.busy_line.setStyleSheet("font-weight: bold;" if outdated else "")
        self.busy_line.show()
        self.scroll.setEnabled(not outdated and self.stats is not None)
        self.visits.setEnabled(not outdated)
        self.export_button.setEnabled(False)
        if self.on_status is not None and self.isVisible():
            self.on_status(self.busy_line.text())
        self.worker.start()

    def _finished(self) -> None:
        self.worker = None
        self.busy_line.hide()
        self.scroll.setEnabled(True)
        self.visits.setEnabled(True)
        self.export_button.setEnabled(True)

    def _ready(self, done: tuple[Facts, Statistics]) -> None:
        facts, stats = done
        self._finished()
        self._use(facts, stats)
        if self._again:  # saved while the worker read: its facts may miss the change
            self._again = False
            self.reload()
        else:
            self.file_timer.start()

    def _file_kept(self) -> None:
        """The facts just read into the cache file, off the UI thread, after they are
        shown (a fresh program then reads only the visits changed since)."""
        from ui.workers import JobWorker

        db = self.context.db

        def work(_progress: Any, _cancel: Any) -> None:
            from app.services.statistics_facts import file_kept

            file_kept(db)

        self.filer = JobWorker(work, "keeping the statistics' facts")
        self.filer.failed.connect(lambda _message: None)  # only a speed-up: never a bother
        self.filer.start()

    def _failed(self, message: str) -> None:
        self._finished()
        self._again = False
        self.stale = True  # tried again when next shown
        QMessageBox.warning(self, _("Statistics"), message)

    def _use(self, facts: Facts, stats: Statistics | None = None) -> None:
        """Show these facts: the filters filled with what they hold, then the figures
        (``stats`` when they were worked out for the filters still chosen)."""
        from app.services.statistics import countries, country_label, projects

        self.facts = facts
        years = sorted({v.year for v in facts.visits})
        boxes = (self.year_from, self.year_to, self.project, self.country)
        kept = [box.currentData() for box in boxes]
        for box in boxes:
            box.blockSignals(True)
            box.clear()
        self.year_from.addItem(_("earliest"), None)
        self.year_to.addItem(_("latest"), None)
        for year in years:
            self.year_from.addItem(str(year), year)
            self.year_to.addItem(str(year), year)
        self.project.addItem(_("all projects"), None)
        for code in projects(facts):
            self.project.addItem(code, code)
        self.country.addItem(_("all countries"), None)
        for code in countries(facts):
            self.country.addItem(country_label(code), code)
        for box, value in zip(boxes, kept, strict=True):
            set_code(box, value)
            box.blockSignals(False)
        self.refresh(stats if stats is not None and stats.filters == self.filters() else None)

    def filters(self) -> Any:
        from app.services.statistics import Filters

        low, high = self.year_from.currentData(), self.year_to.currentData()
        if low is not None and high is not None and low > high:
            low, high = high, low
        return Filters(low, high, self.project.currentData(), self.country.currentData())

    def refresh(self, stats: Statistics | None = None) -> None:
        """The figures again for the filters chosen (no database work), or ``stats``
        already worked out for them."""
        from app.services.statistics import compute

        if self.facts is None:
            return
        self.stats = stats if stats is not None else compute(self.facts, self.filters())
        for figure in self.stats.figures:
            self.cards[figure.key].show_figure(figure)
        self.chosen = None
        self.visits.clear()
        self.caption.setText(_("Click a bar to list the visits behind it."))
        n = len(self.stats.visit_ids)
        self._message = ngettext("{n} visit counted", "{n} visits counted", n).format(n=n)
        if self.on_status is not None and self.isVisible() and not self.busy:
            self.on_status(self._message)

    def status_message(self) -> str:
        return self.busy_line.text() if self.busy else self._message

    def focus_search(self) -> None:
        self.year_from.setFocus()

    # --- the visits behind a bar

    def choose_bar(self, key: str, index: int) -> None:
        """List the visits the bar was counted from."""
        from app.services.statistics import country_label, value_text

        if self.stats is None:
            return
        figure = self.stats.figure(key)
        bar = figure.bars[index]
        self.chosen = (key, index)
        for other_key, card in self.cards.items():
            if other_key != key and card.chart.current >= 0:
                card.chart.current = -1
                card.chart.update()
        self.caption.setText(
            ngettext(
                "{figure} — {bar}: {value}, counted from {n} visit (double-click to open it)",
                "{figure} — {bar}: {value}, counted from {n} visits (double-click to open one)",
                len(bar.visit_ids),
            ).format(
                figure=figure.title,
                bar=bar.label,
                value=value_text(figure, bar.value),
                n=len(bar.visit_ids),
            )
        )
        self.visits.clear()
        for visit_id in bar.visit_ids:
            v = self.stats.visits[visit_id]
            row = QTreeWidgetItem(
                self.visits,
                [
                    v.code,
                    v.title,
                    str(v.year),
                    country_label(v.country or ""),
                    str(v.people),
                    format_money(v.cost, "EUR") if v.cost is not None else "—",
                ],
            )
            row.setData(0, VISIT_ROLE, v.id)
            for column in (2, 4, 5):
                row.setTextAlignment(column, Qt.AlignmentFlag.AlignRight)
        if self.visits.topLevelItemCount():
            self.visits.setCurrentItem(self.visits.topLevelItem(0))

    def _open(self, item: QTreeWidgetItem, _column: int) -> None:
        visit_id = item.data(0, VISIT_ROLE)
        if visit_id is not None:
            self.context.open_visit.emit(int(visit_id))

    # --- export

    def export_dialog(self) -> None:
        path, _filter = file_dialogs.get_save_file_name(
            self,
            _("Export statistics"),
            _("statistics") + ".pdf",
            _("PDF with charts (*.pdf);;Spreadsheet (*.xlsx)"),
        )
        if path:
            self.export(path)

    def export(self, path: str) -> str | None:
        """The figures shown, as a PDF with charts or an XLSX, in the interface language."""
        from pathlib import Path

        from app.i18n import current_language

        if self.stats is None:
            return None
        suffix = Path(path).suffix.lower()
        if suffix not in (".pdf", ".xlsx"):
            path += ".pdf"
            suffix = ".pdf"
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            if suffix == ".pdf":
                from app.documents.statistics_pdf import write_statistics_pdf

                written = write_statistics_pdf(self.stats, path, current_language())
            else:
                from app.documents.statistics_xlsx import write_statistics_xlsx

                written = write_statistics_xlsx(self.stats, path)
        except OSError as problem:
            QMessageBox.warning(
                self,
                _("Export statistics"),
                _("The file could not be written: {reason}").format(reason=problem.strerror),
            )
            return None
        finally:
            QApplication.restoreOverrideCursor()
        message = _("Statistics written to {file}.").format(file=written)
        if self.on_status is not None:
            self.on_status(message)
        return str(written)
