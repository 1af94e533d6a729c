"""Open and save dialogs in the interface's language.

A desktop's own (native) file dialog speaks the desktop's language, so a Latvian window on
an English desktop showed an English dialog. Where the two differ, Qt's own dialog is used:
it is translated by ``qtbase_lv.qm`` (installed by ``ui.app.install_qt_translations``).
PySide6 ships no ``qtbase_nb.qm`` (docs/pitfalls.md): a Norwegian interface would get English here.
"""

from __future__ import annotations

import locale
import os

from PySide6.QtWidgets import QFileDialog, QWidget

from app.i18n import current_language


def desktop_language() -> str:
    """The two-letter language the desktop asks for, or "" when it says none."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var, "")
        if value:
            return value.split(":")[0].split(".")[0].split("_")[0].lower()
    try:
        value = locale.setlocale(locale.LC_MESSAGES) or ""
    except (ValueError, locale.Error, AttributeError):
        value = ""
    code = value.split(".")[0].split("_")[0].lower()
    return "" if code in ("c", "posix") else code


def options() -> QFileDialog.Option:
    """Qt's own dialog unless the desktop speaks the interface's language."""
    if desktop_language() == current_language():
        return QFileDialog.Option(0)
    return QFileDialog.Option.DontUseNativeDialog


def get_open_file_name(
    parent: QWidget | None, caption: str = "", start: str = "", filters: str = ""
) -> tuple[str, str]:
    return QFileDialog.getOpenFileName(parent, caption, start, filters, options=options())


def get_save_file_name(
    parent: QWidget | None, caption: str = "", start: str = "", filters: str = ""
) -> tuple[str, str]:
    """The file the user chose to write, or "" when cancelled. The window's own database
    (or its journal or lock) is refused in a sentence, as if cancelled: a document saved
    over it would have replaced every visit."""
    path, chosen = QFileDialog.getSaveFileName(parent, caption, start, filters, options=options())
    if path and _is_own_database(parent, path):
        from app.i18n import _
        from ui.widgets.messages import show_error

        show_error(
            parent,
            _("{file} is the database itself: choose another file to write to.").format(file=path),
        )
        return "", chosen
    return path, chosen


def _is_own_database(parent: QWidget | None, path: str) -> bool:
    from pathlib import Path

    from app.storage import is_database_file

    window = parent.window() if parent is not None else None
    url = getattr(getattr(window, "db", None), "url", None)
    return isinstance(url, str) and is_database_file(url, Path(path))


def get_existing_directory(parent: QWidget | None, caption: str = "", start: str = "") -> str:
    return QFileDialog.getExistingDirectory(
        parent, caption, start, options=options() | QFileDialog.Option.ShowDirsOnly
    )
