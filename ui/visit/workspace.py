"""A visit's workspace: a header with the visit's code, title and dates, and one tab per
part of the plan. The Documents, Budget, Report and Archive tabs are added to ``tabs`` by
their own modules (``add_tab``), after the four built here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app import labels
from app.i18n import N_, _, current_language
from ui.read_only import read_safe
from ui.widgets.mnemonics import keep_unique

if TYPE_CHECKING:
    from app.records import Visit
    from ui.context import Context


# The tabs built when first shown: name, title (translated when shown), "module:Class".
# A feature adds its tab with one line here; the class takes (context, visit_id) like
# ui.visit.tab_base.VisitTab.
LAZY_TABS: list[tuple[str, str, str]] = [
    ("programme", N_("&Programme"), "ui.visit.programme:ProgrammeTab"),
    ("participants", N_("P&articipants"), "ui.visit.participants:ParticipantsTab"),
    ("logistics", N_("&Logistics"), "ui.visit.logistics:LogisticsTab"),
    ("budget", N_("&Budget"), "ui.visit.budget_tab:BudgetTab"),
    ("allowances", N_("Dail&y allowances"), "ui.visit.allowances_tab:AllowancesTab"),
    ("translations", N_("&Translations"), "ui.visit.translations_tab:TranslationsTab"),
    ("documents", N_("&Documents"), "ui.visit.documents_tab:DocumentsTab"),
    ("report", N_("&Report"), "ui.visit.report_tab:ReportTab"),
]

# Places of a visit (see show_item) that the Report tab shows.
REPORT_PLACES = frozenset({"outcome", "summary", "results", "contacts", "lesson", "follow_up"})


class VisitWorkspace(QWidget):
    closed = Signal()

    def __init__(self, context: Context, visit_id: int, parent: QWidget | None = None) -> None:
        from ui.visit.overview import OverviewTab

        super().__init__(parent)
        self.context = context
        self.visit_id = visit_id
        self.visit: Visit | None = None
        self.header = QLabel()
        self.header.setTextFormat(self.header.textFormat().RichText)
        self.back_button = QPushButton(_("← All visits"))
        read_safe(self.back_button)
        self.back_button.setAccessibleName(_("Back to all visits"))
        self.back_button.clicked.connect(self.closed.emit)
        QShortcut(QKeySequence("Alt+Left"), self, activated=self.closed.emit)
        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addWidget(self.header, 1)

        self.tabs = QTabWidget()
        self.overview = OverviewTab(context, visit_id)
        keep_unique(self.overview)
        self.tabs.addTab(self.overview, _("&Overview"))
        # The other tabs are built when first shown (a third of the time to open a visit).
        self._built: dict[str, QWidget] = {}
        for name, title, _where in LAZY_TABS:
            placeholder = QWidget()
            placeholder.setObjectName(name)
            self.tabs.addTab(placeholder, _(title))
        self.tabs.currentChanged.connect(self._tab_changed)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        from ui.visit.experience_panel import beside_experience  # issue 18: the side panel

        layout.addWidget(beside_experience(context, visit_id, self.tabs), 1)
        context.changed.connect(self._changed)
        self.reload()

    def add_tab(self, widget: QWidget, title: str) -> int:
        """Room for later tabs (documents, budget, report, archive)."""
        return self.tabs.addTab(widget, title)

    def _changed(self) -> None:
        self.reload()

    def _tab(self, name: str) -> Any:
        """The tab ``name``, built in place of its placeholder on first use."""
        built = self._built.get(name)
        if built is not None:
            return built
        from importlib import import_module

        where = next(w for n, _title, w in LAZY_TABS if n == name)
        module_name, class_name = where.split(":")
        page = getattr(import_module(module_name), class_name)(self.context, self.visit_id)
        keep_unique(page)
        self._built[name] = page
        for index in range(self.tabs.count()):
            if self.tabs.widget(index).objectName() == name:
                current = self.tabs.currentIndex()
                title = self.tabs.tabText(index)
                self.tabs.blockSignals(True)
                placeholder = self.tabs.widget(index)
                self.tabs.removeTab(index)
                self.tabs.insertTab(index, page, title)
                self.tabs.setCurrentIndex(current)
                self.tabs.blockSignals(False)
                placeholder.deleteLater()
                break
        page.setEnabled(self.visit is not None)
        return page

    @property
    def programme(self) -> Any:
        return self._tab("programme")

    @property
    def participants(self) -> Any:
        return self._tab("participants")

    @property
    def logistics(self) -> Any:
        return self._tab("logistics")

    def show_item(self, place: str, row_id: int | None = None) -> None:
        """Show one place of the visit, chosen and in view (an archive hit opened).

        ``place`` is one of ``app.services.archive.PLACES`` (or ``follow_up``): a programme
        item goes to the Programme tab; an outcome note, the summary, results, contacts,
        a lesson or a follow-up to the Report tab; the title, purpose or topics to the
        Overview, with the field focused.
        """
        if self.visit is None:  # deleted meanwhile: the header already says so
            return
        if place == "programme":
            page = self._tab("programme")
            self.tabs.setCurrentWidget(page)
            page.reload_if_stale()
            if row_id is not None:
                page.select_item(row_id)
            page.tree.setFocus()
        elif place in REPORT_PLACES:
            page = self._tab("report")
            self.tabs.setCurrentWidget(page)
            page.reload_if_stale()
            page.select_item(place, row_id)
        else:
            self.tabs.setCurrentWidget(self.overview)
            self.overview.reload_if_stale()
            self.overview.select_field(place)

    def current_tab(self) -> tuple[str, QWidget]:
        """The shown tab's name (``overview`` or one of ``LAZY_TABS``) and page."""
        page = self.tabs.currentWidget()
        if page is self.overview:
            return "overview", page
        for name, built in self._built.items():
            if built is page:
                return name, page
        return page.objectName(), page

    def show_tab(self, name: str | None, rows: tuple[tuple[int, int, int], ...] = ()) -> None:
        """Show the tab ``name`` with the rows it had chosen (an undone step's place)."""
        from ui.undo_places import choose_rows

        if name is None:
            return
        page = (
            self.overview
            if name == "overview"
            else (self._tab(name) if any(n == name for n, _t, _w in LAZY_TABS) else None)
        )
        if page is None:
            return
        if self.tabs.currentWidget() is not page:
            self.tabs.setCurrentWidget(page)
        if hasattr(page, "reload_if_stale"):
            page.reload_if_stale()
        choose_rows(page, rows)

    def commit_pending(self) -> None:
        """Save what is typed and not yet saved, before the visit or the window closes.

        The focused field is left first (a form saves a field when it is left), then each
        tab that keeps typing of its own (the report's texts) saves it.
        """
        from PySide6.QtWidgets import QApplication

        focused = QApplication.focusWidget()
        if focused is not None and self.isAncestorOf(focused):
            focused.clearFocus()
        for page in [self.overview, *self._built.values()]:
            if hasattr(page, "commit_pending"):
                page.commit_pending()

    def _tab_changed(self, _index: int) -> None:
        page = self.tabs.currentWidget()
        if (
            page.objectName() in {n for n, _t, _w in LAZY_TABS}
            and page.objectName() not in self._built
        ):
            page = self._tab(page.objectName())
        if hasattr(page, "reload_if_stale"):
            page.reload_if_stale()

    def reload(self) -> None:
        from app.services.base import NotFound
        from app.services.visits import get_visit

        try:
            self.visit = get_visit(self.context.db, self.visit_id)
        except NotFound:  # deleted (or its creation undone): back to the register
            self.visit = None
            self.header.setText(_("This visit was deleted."))
            for index in range(self.tabs.count()):
                self.tabs.widget(index).setEnabled(False)
            return
        for index in range(self.tabs.count()):
            self.tabs.widget(index).setEnabled(True)
        visit = self.visit
        self.header.setText(
            "<b>{code}</b> — {title}<br>{dates} · {place} · {status}".format(
                code=_escape(visit.code),
                title=_escape(shown_title(visit)),
                dates=_escape(date_range(visit.start_date, visit.end_date)),
                place=_escape(labels.place(visit.city, visit.country) or "—"),
                status=_escape(labels.visit_status(visit.status)),
            )
        )
        for index in range(self.tabs.count()):
            page: Any = self.tabs.widget(index)
            page.fresh_visit = visit  # read once here; a tab need not read it again
            if hasattr(page, "mark_stale"):
                page.mark_stale(visible=page is self.tabs.currentWidget())

    def summary(self) -> str:
        if self.visit is None:
            return ""
        return f"{self.visit.code} — {shown_title(self.visit)}"


def shown_title(visit: Any) -> str:
    """The title in the interface language when the visit has it (an English title typed
    for the English programme), else as written: an English window shows English."""
    other = (visit.translations or {}).get(current_language()) or {}
    return other.get("title") or visit.title


def date_range(start: Any, end: Any) -> str:
    """The visit's dates as the documents' titles say them ("2–5 April 2014", "2014. gada
    2.–5. aprīlis"), in the interface language; lists and tables keep the short dates."""
    from app.documents import words

    return words.date_range(start, end, words.language(current_language()))


def _escape(text: str) -> str:
    from html import escape

    return escape(text)
