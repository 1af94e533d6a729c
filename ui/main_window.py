"""The main window: navigation between Visits, Institutions and People, an open visit's
workspace, the menus (File, Edit with undo/redo, Settings, Help) and the status bar.

Geometry, the splitter and the last section are remembered (``ui.settings``). Switching the
language rebuilds the window's contents in place, so nothing needs a restart.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from app import __version__
from app.i18n import _, current_language, set_language
from app.resource_files import ICON_FILE
from ui import settings
from ui.context import Context
from ui.icons import banner as style_banner
from ui.icons import icon
from ui.widgets import file_dialogs

if TYPE_CHECKING:
    from PySide6.QtCore import QLockFile

    from app.records import Database

SECTIONS = ("visits", "institutions", "people", "projects", "archive", "followups", "statistics")


class MainWindow(QMainWindow):
    """One database's window; ``reload()`` reads everything again from the services."""

    def __init__(
        self, db: Database, parent: QWidget | None = None, lock: QLockFile | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.lock = lock
        self.resize(1280, 760)
        # its own, not only the application's: a window made without ui.app (a test, a
        # plug-in host) still shows it; 256 px, so it is sharp in a 150 % title bar
        self.setWindowIcon(QIcon(str(ICON_FILE)))
        self.workspace: Any = None
        self._build()
        geometry = settings.load_bytes("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        splitter = settings.load_bytes("window/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)
        self._fit_nav()
        last = settings.load_text("window/section", "visits")
        self.show_section(last if last in SECTIONS else "visits")
        QTimer.singleShot(200, self._warm_up)

    def _show_read_only(self) -> None:
        """A database on read-only storage: said in the title and in a banner that stays,
        so nobody types changes that cannot be saved."""
        from PySide6.QtWidgets import QLabel

        old = getattr(self, "read_only_banner", None)
        if old is not None:
            self.statusBar().removeWidget(old)
            old.deleteLater()
            self.read_only_banner = None
        if not getattr(self.db, "read_only", False):
            return
        self.setWindowTitle(_("Study Visit Planner — read-only"))
        path = getattr(self.db, "path", None) or self.db.url
        if getattr(self.db, "shared", False):
            text = _(
                "Read-only: {path} is open for changes in another window. You can look, "
                "search and print here; changes cannot be saved. What the other window "
                "saves is shown after File → Reload."
            ).format(path=path)
        else:
            text = _(
                "Read-only: {path} is on storage that cannot be written to. You can "
                "look, search and print; changes cannot be saved. To change it, copy it "
                "to a folder of your own and open the copy."
            ).format(path=path)
        banner = QLabel(text)
        banner.setWordWrap(True)
        banner.setAccessibleName(_("Read-only"))
        style_banner(banner)
        self.statusBar().addPermanentWidget(banner, 1)
        self.read_only_banner = banner

    def _warm_up(self) -> None:
        """Once the window is painted, load what opening a visit needs (the ORM models,
        services and tabs, and SQLAlchemy's compiled queries: about half a second here), so
        that the first visit opens as fast as the next ones; and the Statistics section's
        modules (imports only: its facts are read when it is shown)."""
        from app.services.base import ServiceError
        from app.services.checks import programme_problems
        from app.services.programme import list_programme
        from app.services.visits import get_visit
        from ui.statistics import statistics_page
        from ui.visit import logistics, overview, participants, programme, workspace

        assert logistics and overview and participants and programme and workspace
        # the Statistics section's modules too (about 0.1 s of its first showing)
        from app.services import statistics_cache, statistics_facts

        assert statistics_page and statistics_cache and statistics_facts
        if self.visits_page.model.rowCount():
            visit_id = self.visits_page.model.visit_at(0).id
            try:
                get_visit(self.db, visit_id)
                list_programme(self.db, visit_id)
                programme_problems(self.db, visit_id)
            except ServiceError:  # deleted meanwhile: nothing to warm
                pass

    # --- building (again after a language switch or another database)

    def _build(self) -> None:
        from ui.visit.register import VisitsPage

        self.setWindowTitle(_("Study Visit Planner"))
        self._show_read_only()
        self.context = Context(self.db, self)
        self.context.open_visit.connect(self.open_visit)
        self.context.open_visit_at.connect(self.open_visit_at)
        self.context.stack.cleanChanged.connect(lambda _clean: None)
        self.context.where = self.where

        self.nav = QListWidget()
        self.nav.setAccessibleName(_("Sections"))
        self.nav.addItems(self._section_names())
        for row, name in enumerate(SECTIONS):
            self.nav.item(row).setIcon(icon(name))
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setSpacing(2)
        # as wide as its longest entry (with room for a count such as " (12)"), so a
        # 1024 px window leaves the rest to the visit
        room = self.nav.fontMetrics().horizontalAdvance(" (99)")
        widest = self.nav.sizeHintForColumn(0) + 2 * self.nav.frameWidth()
        self.nav.setMaximumWidth(min(widest + room + 12, 260))
        # never narrower than its entries (a narrow window took it below them, with a
        # sideways scroll bar); the count's room is what gives way first
        self.nav.setMinimumWidth(min(widest + 4, 260))
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.context.changed.connect(self._count_followups)
        QTimer.singleShot(0, self._count_followups)
        self.nav.currentRowChanged.connect(self._nav_changed)
        self.nav.itemClicked.connect(self._nav_clicked)

        self.visits_page = VisitsPage(self.context)
        self.visits_page.on_status = self.statusBar().showMessage
        self._directories: dict[str, Any] = {}
        self.stack = QStackedWidget()
        self.stack.addWidget(self.visits_page)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.nav)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([self.nav.maximumWidth(), 1100])
        self.setCentralWidget(self.splitter)
        self._build_menus()
        self._lock_if_read_only()

    @property
    def read_only(self) -> bool:
        """The database cannot be changed here (on read-only storage)."""
        return bool(getattr(self.db, "read_only", False))

    def _lock_if_read_only(self) -> None:
        """Read-only: every control and action that would change the database is disabled
        (``ui.read_only``); reading, searching, documents, export and back-up stay."""
        from ui.read_only import lock_window, unlock_window

        unlock_window(self)
        if self.read_only:
            lock_window(
                self,
                [
                    self.new_action,
                    self.import_visit_action,
                    self.restore_action,
                    self.undo_action,
                    self.redo_action,
                    self.allowance_rates_action,
                ],
            )

    def _fit_nav(self) -> None:
        """No wider than the navigation's longest entry: a splitter keeps the width it was
        given (180 px, or a stored one) and showed an empty strip beside a narrower list."""
        sizes = self.splitter.sizes()
        widest = self.nav.maximumWidth()
        if len(sizes) == 2 and sizes[0] > widest:
            self.splitter.setSizes([widest, sizes[1] + sizes[0] - widest])

    @staticmethod
    def _section_names() -> list[str]:
        return [
            _("Visits"),
            _("Institutions"),
            _("People"),
            _("Projects"),
            _("Archive"),
            _("Follow-ups"),
            _("Statistics"),
        ]

    def _count_followups(self) -> None:
        """ "Follow-ups (5)": the open actions, counted again after every change."""
        from app.services.followups import open_count

        row = SECTIONS.index("followups")
        name = self._section_names()[row]
        try:
            count = open_count(self.db)
        except Exception:  # a count is a convenience: never an error of its own
            count = 0
        self.nav.item(row).setText(f"{name} ({count})" if count else name)
        self.nav.item(row).setToolTip(_("Open follow-up actions: {count}").format(count=count))

    def _build_toolbar(self) -> None:
        """The actions used most, with icons, above every section (they are in the menus
        too, with the same shortcuts)."""
        old = getattr(self, "toolbar", None)
        if old is not None:
            self.removeToolBar(old)
            old.deleteLater()
        self.toolbar = QToolBar(_("Main toolbar"), self)
        self.toolbar.setObjectName("main_toolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setIconSize(QSize(20, 20))
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.open_visit_action = self._action(_("&Open visit"), self.open_chosen_visit)
        self.documents_action = self._action(_("&Documents"), self.show_documents)
        for action, meaning in (
            (self.new_action, "new_visit"),
            (self.open_visit_action, "open_visit"),
            (self.undo_action, "undo"),
            (self.redo_action, "redo"),
            (self.documents_action, "documents"),
            (self.find_action, "find"),
        ):
            action.setIcon(icon(meaning))
            action.setIconVisibleInMenu(False)
            self.toolbar.addAction(action)
            if meaning in ("open_visit", "redo"):
                self.toolbar.addSeparator()
        # The menu's undo/redo texts name the step ("Undo Pilsēta"); a button keeps one
        # word (a tool button shows the icon text) and names the step in its tooltip.
        self.undo_action.setIconText(_("Undo"))
        self.redo_action.setIconText(_("Redo"))
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)

    def open_chosen_visit(self) -> None:
        """Open the visit chosen in the register (or show the register to choose one)."""
        if self.workspace is not None:
            return
        self.show_section("visits")
        if self.visits_page.selected() is not None:
            self.visits_page.open_selected()
        else:
            self.visits_page.focus_search()

    def show_documents(self) -> None:
        """The open visit's Documents tab; without an open visit, the register to open one."""
        if self.workspace is None:
            self.open_chosen_visit()
        if self.workspace is not None:
            tab = self.workspace._tab("documents")
            self.workspace.tabs.setCurrentWidget(tab)

    # --- the directory pages are built when first shown (they import the ORM services)

    def _directory(self, name: str) -> Any:
        page = self._directories.get(name)
        if page is None:
            if name == "institutions":
                from ui.directory.institutions import InstitutionsPage

                page = InstitutionsPage(self.context)
            elif name == "people":
                from ui.directory.people import PeoplePage

                page = PeoplePage(self.context)
            elif name == "projects":
                from ui.directory.projects import ProjectsPage

                page = ProjectsPage(self.context)
            elif name == "archive":
                from ui.archive.archive_page import ArchivePage

                page = ArchivePage(self.context)
            elif name == "statistics":
                from ui.statistics.statistics_page import StatisticsPage

                page = StatisticsPage(self.context)
            else:
                from ui.archive.followups_page import FollowUpsPage

                page = FollowUpsPage(self.context)
            page.on_status = self._directory_status
            self._directories[name] = page
            self.stack.addWidget(page)
        return page

    @property
    def institutions_page(self) -> Any:
        return self._directory("institutions")

    @property
    def people_page(self) -> Any:
        return self._directory("people")

    @property
    def projects_page(self) -> Any:
        return self._directory("projects")

    # kept for the tests and callers of the first window
    @property
    def proxy(self) -> Any:
        return self.visits_page.proxy

    @property
    def filter_edit(self) -> Any:
        return self.visits_page.filter_edit

    @property
    def table(self) -> Any:
        return self.visits_page.table

    def _action(self, text: str, slot: Any, shortcut: Any = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            if isinstance(shortcut, list):
                action.setShortcuts(shortcut)
            else:
                action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        bar.clear()
        file_menu = bar.addMenu(_("&File"))
        self.new_action = self._action(
            _("&New visit…"), self.new_visit, QKeySequence.StandardKey.New
        )
        self.open_db_action = self._action(_("&Open another database…"), self.open_other_database)
        self.backup_action = self._action(_("&Back up now…"), self.back_up)
        self.restore_action = self._action(_("&Restore from a backup…"), self.restore)
        self.import_visit_action = self._action(
            _("&Import visit file…"), lambda: self.import_visit_file()
        )
        self.export_visit_action = self._action(
            _("E&xport visit file…"), lambda: self.export_visit_file()
        )
        self.reload_action = self._action(
            _("R&eload"), self.reload, QKeySequence.StandardKey.Refresh
        )
        self.quit_action = self._action(_("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        for action in (
            self.new_action,
            self.import_visit_action,
            self.export_visit_action,
            None,
            self.open_db_action,
            self.backup_action,
            self.restore_action,
            None,
            self.reload_action,
            None,
            self.quit_action,
        ):
            if action is None:
                file_menu.addSeparator()
            else:
                file_menu.addAction(action)

        edit_menu = bar.addMenu(_("&Edit"))
        stack = self.context.stack
        self.undo_action = self._action(_("&Undo"), self.undo, "Ctrl+Z")
        self.redo_action = self._action(
            _("&Redo"), self.redo, [QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")]
        )
        for action, word, can, text in (
            (self.undo_action, _("&Undo"), stack.canUndoChanged, stack.undoTextChanged),
            (self.redo_action, _("&Redo"), stack.canRedoChanged, stack.redoTextChanged),
        ):
            action.setEnabled(False)
            can.connect(action.setEnabled)
            text.connect(lambda what, a=action, w=word: a.setText(f"{w} {what}".strip()))
        from ui.undo_keys import UndoKeys

        old_keys = getattr(self, "undo_keys", None)
        if old_keys is not None:  # the window rebuilt (language, database): one watcher
            QApplication.instance().removeEventFilter(old_keys)
            old_keys.deleteLater()
        self.undo_keys = UndoKeys(self, stack, self.undo, self.redo)
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        self.find_action = self._action(
            _("&Find"), self.focus_search, QKeySequence.StandardKey.Find
        )
        edit_menu.addAction(self.find_action)

        settings_menu = bar.addMenu(_("&Settings"))
        language_menu = settings_menu.addMenu(_("&Language"))
        group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code, name in (("lv", "Latviešu"), ("en", "English")):
            action = QAction(name, self, checkable=True)
            action.setChecked(code == current_language())
            action.triggered.connect(lambda _checked=False, c=code: self.switch_language(c))
            group.addAction(action)
            language_menu.addAction(action)
            self.language_actions[code] = action
        settings_menu.addSeparator()
        self.allowance_rates_action = self._action(
            _("Daily &allowance rates…"), self.show_allowance_rates
        )
        settings_menu.addAction(self.allowance_rates_action)

        help_menu = bar.addMenu(_("&Help"))
        self.about_action = self._action(_("&About Study Visit Planner"), self.show_about)
        help_menu.addAction(self.about_action)
        self._build_toolbar()

    def show_allowance_rates(self) -> None:
        """The country rate table the allowance calculator reads (not one visit's)."""
        from ui.dialogs.allowance_rates import open_allowance_rates

        open_allowance_rates(self.context, self)

    # --- navigation

    def _nav_changed(self, row: int) -> None:
        if 0 <= row < len(SECTIONS):
            name = SECTIONS[row]
            if name == "visits":
                self.close_visit()
                self.stack.setCurrentWidget(self.visits_page)
            else:
                self.stack.setCurrentWidget(self._directory(name))
            settings.save_text("window/section", name)
            page = self.stack.currentWidget()
            if hasattr(page, "reload_if_stale"):
                page.reload_if_stale()
            if row == 0:
                self.statusBar().showMessage(self.visits_page.status_message)
            elif hasattr(page, "status_message"):
                self.statusBar().showMessage(page.status_message())

    def _nav_clicked(self, item: Any) -> None:
        """A click on the entry already chosen shows its page again: from an open visit,
        "Visits" goes back to the register, and a section left for a visit opened from it
        is reached with one click (a changed row is handled by ``_nav_changed``)."""
        row = self.nav.row(item)
        if 0 <= row < len(SECTIONS) and row == self.nav.currentRow():
            name = SECTIONS[row]
            page = self.visits_page if name == "visits" else self._directories.get(name)
            if self.stack.currentWidget() is not page:
                self._nav_changed(row)

    def _show_visits_entry(self) -> None:
        """An open visit belongs to Visits: that entry is chosen (without closing the visit),
        so the section the visit was opened from (Archive, Follow-ups) can be clicked again."""
        self.nav.blockSignals(True)
        self.nav.setCurrentRow(SECTIONS.index("visits"))
        self.nav.blockSignals(False)

    def _directory_status(self, message: str) -> None:
        if self.stack.currentWidget() in self._directories.values():
            self.statusBar().showMessage(message)

    def show_section(self, name: str) -> None:
        row = SECTIONS.index(name)
        if self.nav.currentRow() == row:
            self._nav_changed(row)
        self.nav.setCurrentRow(row)

    def current_section(self) -> str:
        return SECTIONS[self.nav.currentRow()]

    def open_visit(self, visit_id: int) -> None:
        """Show the visit's workspace in place of the register."""
        from ui.visit.workspace import VisitWorkspace

        self.close_visit()
        self.workspace = VisitWorkspace(self.context, visit_id)
        self.workspace.closed.connect(self.close_visit)
        self.stack.addWidget(self.workspace)
        self.stack.setCurrentWidget(self.workspace)
        self._show_visits_entry()
        self.statusBar().showMessage(self.workspace.summary())

    def open_visit_at(self, visit_id: int, place: str, row_id: int) -> None:
        """The visit's workspace at one place of it (an archive hit): tab, row and field."""
        self.open_visit(visit_id)
        self.workspace.show_item(place, row_id or None)

    def close_visit(self) -> None:
        """Back to the register; what was typed in the visit is saved first."""
        if self.workspace is not None:
            self.workspace.commit_pending()
            # the register first: removing the current page would show whichever is next
            self.stack.setCurrentWidget(self.visits_page)
            self.stack.removeWidget(self.workspace)
            self.workspace.deleteLater()
            self.workspace = None
            self.visits_page.reload_if_stale()
            self.statusBar().showMessage(self.visits_page.status_message)

    # --- undo and redo: shown where they happen

    def where(self) -> Any:
        """Where the window is now (``ui.undo_places.Place``): kept with each step."""
        from ui.undo_places import Place, chosen_rows

        section = self.current_section() if self.nav.currentRow() >= 0 else "visits"
        if self.workspace is not None and self.stack.currentWidget() is self.workspace:
            tab, page = self.workspace.current_tab()
            return Place("visits", self.workspace.visit_id, tab, chosen_rows(page))
        return Place(section, None, None, chosen_rows(self.stack.currentWidget()))

    def show_place(self, place: Any) -> None:
        """The section, visit, tab and rows where a step was made, in view."""
        from ui.undo_places import choose_rows

        if place is None:
            return
        if place.visit_id is not None:
            if self.workspace is None or self.workspace.visit_id != place.visit_id:
                self.open_visit(place.visit_id)
            elif self.stack.currentWidget() is not self.workspace:
                self.stack.setCurrentWidget(self.workspace)
                self._show_visits_entry()
            self.workspace.show_tab(place.tab, place.rows)
            return
        if place.section != self.current_section() or (
            self.workspace is not None and place.section == "visits"
        ):
            self.show_section(place.section)
        page = self.stack.currentWidget()
        if hasattr(page, "reload_if_stale"):
            page.reload_if_stale()
        choose_rows(page, place.rows)

    def undo(self) -> None:
        self._step(redo=False)

    def redo(self) -> None:
        self._step(redo=True)

    def _step(self, *, redo: bool) -> None:
        """Undo or redo the window's last step where it was made, and say what it was.

        A field holding typing not yet saved undoes its own typing first (the menu does
        the same as the keys). The step's tab and rows are shown before it is undone, so
        nothing changes out of sight.
        """
        from ui.undo_keys import own_undo

        focused = QApplication.focusWidget()
        if focused is not None and focused.window() is self and own_undo(focused, redo):
            return
        stack = self.context.stack
        index = stack.index() if redo else stack.index() - 1
        if not 0 <= index < stack.count():
            return
        command = stack.command(index)
        what = getattr(command, "what", None) or command.text()
        place = getattr(command, "place", None)
        self.show_place(place)
        if stack.index() != (index if redo else index + 1):
            return  # showing the place saved something typed: that is the last step now
        before = stack.count()
        stack.redo() if redo else stack.undo()
        if stack.count() < before:  # refused (someone else changed it): already said
            return
        self.show_place(place)  # the rows again, after the tab reloaded what changed
        self.statusBar().showMessage(
            (_("Redone: {what}") if redo else _("Undone: {what}")).format(what=what)
        )

    def new_visit(self) -> None:
        self.show_section("visits")
        self.close_visit()
        self.visits_page.new_visit()

    # --- the visit file

    def chosen_visit_code(self) -> str | None:
        """The open visit's code, else the one chosen in the register."""
        if self.workspace is not None and self.workspace.visit is not None:
            return str(self.workspace.visit.code)
        chosen = self.visits_page.selected()
        return chosen.code if chosen is not None else None

    def export_visit_file(self, target: str | None = None, **options: Any) -> Any:
        from ui.visit_files import export_visit_file

        code = self.chosen_visit_code()
        if code is None:
            QMessageBox.information(
                self,
                _("Export visit file"),
                _("Open a visit, or choose one in the list of visits, to export it."),
            )
            return None
        path = export_visit_file(self, self.context, code, target, **options)
        if path is not None:
            self.statusBar().showMessage(
                _("Visit {visit} written to {file}.").format(visit=code, file=path)
            )
        return path

    def import_visit_file(self, source: str | None = None, **options: Any) -> int | None:
        from ui.visit_files import import_visit_file

        visit_id = import_visit_file(self, self.context, source, **options)
        if visit_id is not None:
            self.open_visit(visit_id)
        return visit_id

    def focus_search(self) -> None:
        page = self.stack.currentWidget()
        if hasattr(page, "focus_search"):
            page.focus_search()

    def reload(self) -> None:
        """Read everything again (after an import, or a change by a colleague)."""
        self.visits_page.reload()
        for page in self._directories.values():
            page.reload()
        if self.workspace is not None:
            self.workspace.reload()

    # --- settings

    def switch_language(self, lang: str) -> None:
        """The whole interface in ``lang`` now, and on the next start."""
        from ui.app import install_qt_translations

        settings.save_language(lang)
        if lang == current_language():
            return
        set_language(lang)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            old = getattr(app, "_studyvisit_translator", None)
            if old is not None:
                app.removeTranslator(old)
            app._studyvisit_translator = install_qt_translations(app, lang)  # type: ignore[attr-defined]
        self._rebuild()

    def _close_without_saving(self, problem: Exception) -> bool:
        """Whether the user closes the window although what they typed last could not be
        saved (said why, in one sentence); the default keeps the window open."""
        from app.failures import user_message

        answer = QMessageBox.question(
            self,
            _("Study Visit Planner"),
            _(
                "What you typed last could not be saved: {reason}\n\nClose the program anyway? "
                "What was typed and not saved will be lost."
            ).format(reason=user_message(problem, doing="saving before closing")),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def commit_pending(self) -> None:
        """Save what is typed in the open visit and not yet saved (see ``close_visit``)."""
        if self.workspace is not None:
            self.workspace.commit_pending()

    def _rebuild(self) -> None:
        self.commit_pending()
        section = self.current_section()
        visit_id = self.workspace.visit_id if self.workspace is not None else None
        self.workspace = None
        old = self.centralWidget()
        self._build()
        if old is not None:
            old.deleteLater()
        self.show_section(section)
        if visit_id is not None:
            self.open_visit(visit_id)

    # --- the database file

    def open_other_database(self) -> None:
        path, _filter = file_dialogs.get_open_file_name(
            self, _("Open another database"), "", _("Databases (*.db *.sqlite);;All files (*)")
        )
        if path:
            self.switch_database(path)

    def switch_database(self, path: str) -> bool:
        from pathlib import Path

        from app.storage import url_for
        from ui.app import lock_or_read_only, open_or_explain

        self.commit_pending()  # into the database it was typed for
        file = Path(path)
        taken = lock_or_read_only(file, self)  # held by another window: reading only?
        if taken is None:
            return False
        lock, reading_only = taken
        db = open_or_explain(url_for(file), self, reading_only=reading_only)
        if db is None:
            if lock is not None:
                lock.unlock()
            return False
        old_db, old_lock = self.db, self.lock
        self.db, self.lock = db, lock
        self._rebuild_for_database()
        old_db.dispose()
        if old_lock is not None:
            old_lock.unlock()
        return True

    def _rebuild_for_database(self) -> None:
        if self.workspace is not None:
            self.workspace = None
        old = self.centralWidget()
        self._build()
        if old is not None:
            old.deleteLater()
        self.show_section("visits")

    def _sqlite_file(self) -> Any:
        from app.storage import sqlite_path

        path = sqlite_path(self.db.url)
        if path is None:
            QMessageBox.information(
                self,
                _("Study Visit Planner"),
                _(
                    "Backups from the window work on SQLite files; a database server has its own "
                    "tools (for PostgreSQL: pg_dump, pg_restore)."
                ),
            )
        return path

    def back_up(self, target: str | None = None) -> str | None:
        import datetime as dt
        from pathlib import Path

        from app.backups import BackupRefused, back_up
        from app.config import backup_dir
        from app.storage import StorageError

        source = self._sqlite_file()
        if source is None:
            return None
        if target is None:
            suggestion = backup_dir(source) / f"{source.stem}-{dt.date.today().isoformat()}.db"
            target, _filter = file_dialogs.get_save_file_name(
                self, _("Back up now"), str(suggestion)
            )
            if not target:
                return None
        try:
            back_up(source, Path(target))
        except (BackupRefused, StorageError) as problem:
            QMessageBox.warning(self, _("Study Visit Planner"), str(problem))
            return None
        self.statusBar().showMessage(_("Backup written to {file}.").format(file=target))
        return target

    def restore(self, source: str | None = None) -> bool:
        """Put a backup back: ``app.backups.restore``, the command line's own operation, so
        the window refuses what ``studyvisit restore`` refuses, in the same sentence."""
        from pathlib import Path

        from app.backups import BackupRefused, check_restore, restore
        from app.config import backup_dir
        from app.storage import StorageError
        from ui.app import open_or_explain

        self.commit_pending()
        target = self._sqlite_file()
        if target is None:
            return False
        if source is None:
            source, _filter = file_dialogs.get_open_file_name(
                self,
                _("Restore from a backup"),
                str(backup_dir(target)),
                _("Databases (*.db *.sqlite);;All files (*)"),
            )
            if not source:
                return False
        try:
            check_restore(Path(source), target, own_lock=True)
        except (BackupRefused, StorageError) as problem:
            QMessageBox.warning(self, _("Study Visit Planner"), str(problem))
            return False
        answer = QMessageBox.question(
            self,
            _("Restore from a backup"),
            _(
                "Replace the database with {file}? The current database is kept in the backups "
                "folder."
            ).format(file=source),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        self.db.dispose()
        kept: Path | None = None
        try:
            kept = restore(Path(source), target, own_lock=True)
            restored = True
        except (BackupRefused, StorageError) as problem:
            QMessageBox.warning(self, _("Study Visit Planner"), str(problem))
            restored = False
        db = open_or_explain(self.db.url, self)  # the restored file, or the untouched one
        if db is None:
            return False
        self.db = db
        self._rebuild_for_database()
        if restored and kept is not None:  # as the command line says it
            self.statusBar().showMessage(
                _("The database it replaced was kept as {copy}.").format(copy=kept)
            )
        return restored

    # --- help and closing

    def about_text(self) -> str:
        return _(
            "<b>Study Visit Planner</b> {version}<br>Plans, documents, budgets and reports "
            "study visits of public-sector organisations.<br>Database: {database}"
        ).format(version=__version__, database=escape(self._database_name()))

    def _database_name(self) -> str:
        from app.storage import describe

        return describe(self.db.url)

    def show_about(self) -> None:
        QMessageBox.about(self, _("About Study Visit Planner"), self.about_text())

    def closeEvent(self, event: Any) -> None:
        try:
            self.commit_pending()
        except Exception as problem:  # typing that cannot be saved (a full disk)
            if not self._close_without_saving(problem):
                event.ignore()  # the window stays, with the typing in it
                return
        settings.save_bytes("window/geometry", self.saveGeometry())
        settings.save_bytes("window/splitter", self.splitter.saveState())
        super().closeEvent(event)
