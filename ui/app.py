"""Starting the desktop: the application object, Qt's own translations, one copy per
database, opening the database with advice on failure, and the demo on a first start.

A second copy of the program on the same SQLite file is stopped by a ``QLockFile`` beside
the database (docs/pitfalls.md); problems are shown in a message box that says what to do, never
as a traceback.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLibraryInfo, QLocale, QLockFile, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app import __version__
from app.i18n import _, current_language
from app.resource_files import ICON_FILE
from ui import selftest, theme
from ui.widgets import tab_release

if TYPE_CHECKING:
    from app.records import Database

DEMO_OFFERED_KEY = "demo_offered_for"


def application(argv: Sequence[str]) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(list(argv))
    app.setApplicationName("Study Visit Planner")
    app.setApplicationDisplayName(_("Study Visit Planner"))
    app.setApplicationVersion(__version__)
    app.setOrganizationName("studyvisit")
    app.setDesktopFileName("studyvisit")  # Wayland matches the window to studyvisit.desktop
    app.setWindowIcon(QIcon(str(ICON_FILE)))  # every window and dialog, and the task bar
    theme.follow_system(app)  # light or dark as the system is (STUDYVISIT_THEME overrides)
    tab_release.install(app)  # Tab leaves the read-only tables: no keyboard trap
    return app


def install_qt_translations(app: QApplication, lang: str) -> QTranslator | None:
    """Qt's own buttons (OK, Cancel, Yes…) in the interface language, from ``qtbase_*.qm``.

    The translator is returned so the caller keeps it alive (Qt does not own it).
    """
    QLocale.setDefault(QLocale(lang))
    if lang == "en":
        return None
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(f"qtbase_{lang}", folder):
        app.installTranslator(translator)
        return translator
    return None


def lock_path(db_file: Path) -> Path:
    from app.window_lock import lock_path as beside

    return beside(db_file)


def lock_problem(db_file: Path) -> str:
    """Why the lock beside ``db_file`` could not be taken, in one sentence: another window
    (here, or on the computer named in the lock file), or a folder that cannot be written."""
    import os

    from app.window_lock import held_message, holder

    found = holder(db_file)
    if found is not None:
        return held_message(db_file, found)
    if not os.access(db_file.parent, os.W_OK):
        return _(
            "The folder {folder} cannot be written to (read-only storage, or you may not "
            "change it), so the database {path} cannot be opened for changes here. Copy "
            "it to a folder of your own."
        ).format(folder=db_file.parent, path=db_file)
    return _(
        "The database {path} is already open in another Study Visit Planner window. "
        "Switch to that window, or close it and try again."
    ).format(path=db_file)


def lock_or_read_only(
    db_file: Path, parent: QWidget | None = None
) -> tuple[QLockFile | None, bool] | None:
    """The window's lock on ``db_file``: (lock, False). When another window (here or on
    another computer) holds it, the user may open the database for reading only instead:
    (None, True). None: not to be opened (declined, or told why in one sentence)."""
    from app.window_lock import holder

    lock = acquire_lock(db_file)
    if lock is not None:
        return lock, False
    problem = lock_problem(db_file)
    if holder(db_file) is None:  # not another window: a folder that cannot be written
        QMessageBox.warning(parent, _("Study Visit Planner"), problem)
        return None
    answer = QMessageBox.question(
        parent,
        _("Study Visit Planner"),
        problem
        + "\n\n"
        + _(
            "You can also open it here for reading only: look, search and print, but change "
            "nothing. Open it for reading only?"
        ),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return None
    return None, True


def acquire_lock(db_file: Path) -> QLockFile | None:
    """A lock beside the database, or None when another copy of the program holds it.

    A lock left by a crashed copy is recognised as stale (its process is gone) and taken over.
    """
    db_file.parent.mkdir(parents=True, exist_ok=True)
    lock = QLockFile(str(lock_path(db_file)))
    lock.setStaleLockTime(0)  # held as long as the window is open; staleness by process only
    if lock.tryLock(200):
        return lock
    return None


def database_empty(db: Database) -> bool:
    """No live visit (plain SQL on a SQLite file, so the ORM is not loaded before the paint)."""
    from app.storage import sqlite_path

    path = sqlite_path(db.url)
    if path is not None:
        from app.cli_visit_list import read_visits

        rows = read_visits(path)
        if rows is not None:
            return not rows
    from app.services.visits import list_visits

    return not list_visits(db)


def demo_already_offered(url: str) -> bool:
    from app.config import load_settings

    return url in load_settings().get(DEMO_OFFERED_KEY, [])


def remember_demo_offered(url: str) -> None:
    from app.config import load_settings, save_settings

    settings = load_settings()
    offered = list(settings.get(DEMO_OFFERED_KEY, []))
    if url not in offered:
        offered.append(url)
    settings[DEMO_OFFERED_KEY] = offered
    with contextlib.suppress(OSError):  # asked again next time: a nuisance, not a failure
        save_settings(settings)


def ask_for_demo(parent: QWidget | None) -> bool:
    """Ask whether to start with the demo visits; True when the user wants them."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(_("Welcome to Study Visit Planner"))
    box.setText(
        _(
            "The database is empty. Start with the demo visits to look around, or with "
            "an empty database?"
        )
    )
    box.setInformativeText(
        _("Demo visits have codes that start with DEMO-; you can delete them later.")
    )
    demo = box.addButton(_("Load the demo visits"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(_("Start empty"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(demo)
    box.exec()
    return box.clickedButton() is demo


def offer_demo(parent: QWidget | None, db: Database) -> list[str]:
    """On the first start with an empty database, offer the demo visits; the codes loaded."""
    if demo_already_offered(db.url) or not database_empty(db):
        return []
    wanted = ask_for_demo(parent)
    remember_demo_offered(db.url)
    if not wanted:
        return []
    try:
        from app.demo import load_demo, load_example_rates

        codes = load_demo(db)
        load_example_rates(db)  # marked as examples in their source
        return codes
    except Exception as exc:  # the window still opens, on the empty database
        from app.failures import user_message

        # one sentence of ours: the SQL and the demo people's data go to the log only
        QMessageBox.warning(
            parent,
            _("Study Visit Planner"),
            _("The demo visits could not be loaded: {error}").format(
                error=user_message(exc, doing="loading the demo")
            ),
        )
        return []


class DeferredDatabase:
    """A current SQLite database whose engine is made on first use.

    Importing SQLAlchemy costs about half a second; the visits register reads the file with
    plain SQL, so the window is painted first and the engine made right after (the
    window's warm-up) or when something needs it, whichever comes first.
    """

    read_only = False  # only a writable, current file is deferred (see open_quickly)

    def __init__(self, url: str) -> None:
        self.url = url
        self._db: Database | None = None

    def _real(self) -> Database:
        if self._db is None:
            from app.storage import open_database

            self._db = open_database(self.url)
        return self._db

    def __getattr__(self, name: str) -> object:
        return getattr(self._real(), name)

    def dispose(self) -> None:
        if self._db is not None:
            self._db.dispose()


def open_quickly(url: str, parent: QWidget | None = None) -> Database | None:
    """The database for the window: deferred when it is a SQLite file already at the current
    schema (the common case), else opened (and upgraded) now, with advice on failure."""
    from app.storage import (
        StorageError,
        check_revision,
        is_current,
        read_only_storage,
        sqlite_path,
    )

    path = sqlite_path(url)
    if path is not None and path.is_file() and not read_only_storage(path):
        try:
            revision = check_revision(url)
        except StorageError as exc:
            QMessageBox.critical(parent, _("Study Visit Planner"), str(exc))
            return None
        if is_current(revision):
            return DeferredDatabase(url)  # type: ignore[return-value]
    return open_or_explain(url, parent)


def open_or_explain(
    url: str, parent: QWidget | None = None, *, reading_only: bool = False
) -> Database | None:
    """``reading_only``: another window has the database open for changes."""
    from app.storage import StorageError, open_database

    try:
        return open_database(url, reading_only=reading_only)
    except StorageError as exc:
        QMessageBox.critical(parent, _("Study Visit Planner"), str(exc))
        return None


def report_unexpected(kind: type[BaseException], error: BaseException, trace: object) -> None:
    """An error nobody foresaw: a message that says what happened and that the work so far
    is saved (every change is saved at once), instead of a traceback or a silent crash.

    The details (SQL and stored values masked) go to the log file the message names, never
    into the message (``app.failures``).
    """
    from app.failures import explain

    if isinstance(error, Exception) and error.__traceback__ is None:
        error = error.with_traceback(trace)  # type: ignore[arg-type]
    with contextlib.suppress(Exception):  # a failing dialog must not hide the first error
        QMessageBox.critical(
            None,
            _("Study Visit Planner"),
            _(
                "{what} Everything saved before this is safe (each change is saved at once). If "
                "it happens again, restart the program and tell your administrator what you "
                "were doing."
            ).format(what=explain(error)),
        )


def run(argv: Sequence[str], db_url: str) -> int:
    """Start the window on ``db_url``; returns the process exit code."""
    from app.storage import sqlite_path

    app = application(argv)
    translator = install_qt_translations(app, current_language())  # noqa: F841 - kept alive
    sys.excepthook = report_unexpected
    lock, reading_only = None, False
    path = sqlite_path(db_url)
    from app.storage import read_only_storage

    if path is not None and not read_only_storage(path):  # nobody can write it: no lock
        try:
            taken = lock_or_read_only(path)
        except OSError as exc:
            QMessageBox.critical(
                None,
                _("Study Visit Planner"),
                _("Cannot create the folder {folder}: {reason}").format(
                    folder=path.parent, reason=exc.strerror or exc
                ),
            )
            return 1
        if taken is None:
            return 1
        lock, reading_only = taken
    try:
        db = open_or_explain(db_url, reading_only=True) if reading_only else open_quickly(db_url)
        if db is None:
            return 1
        from ui.main_window import MainWindow

        offer_demo(None, db)
        window = MainWindow(db, lock=lock)
        window.show()
        selftest.arm(window)  # closes by itself only under the frozen smoke test
        code = app.exec()
        window.db.dispose()  # the window may have switched to another database
        lock = window.lock
        return code
    finally:
        if lock is not None:
            lock.unlock()


def main() -> int:
    """Start the window on the configured database (for launchers that skip the CLI)."""
    from app.config import database_url, interface_language
    from app.i18n import set_language

    set_language(interface_language())
    return run(sys.argv, database_url(None))
