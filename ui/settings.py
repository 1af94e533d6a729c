"""What the window remembers between sessions: geometry, splitters, the last section.

Kept in an INI file beside ``settings.json`` in the configuration folder (so that
``STUDYVISIT_CONFIG`` moves both, and tests never touch the user's own settings). The
interface language lives in ``settings.json`` because the command line reads it too.
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QByteArray, QSettings, QTimer
from PySide6.QtWidgets import QSplitter

from app.config import config_dir, load_settings, save_settings

VERSION = 1


def qsettings() -> QSettings:
    """The window's settings file (versioned so a later layout can drop stale state)."""
    settings = QSettings(str(config_dir() / "window.ini"), QSettings.Format.IniFormat)
    if settings.value("version", 0, int) != VERSION:
        settings.clear()
        settings.setValue("version", VERSION)
    return settings


def load_bytes(key: str) -> QByteArray | None:
    value = qsettings().value(key)
    return value if isinstance(value, QByteArray) and not value.isEmpty() else None


def save_bytes(key: str, value: QByteArray) -> None:
    settings = qsettings()
    settings.setValue(key, value)
    settings.sync()


def load_text(key: str, default: str = "") -> str:
    value = qsettings().value(key, default)
    return value if isinstance(value, str) else default


def save_text(key: str, value: str) -> None:
    settings = qsettings()
    settings.setValue(key, value)
    settings.sync()


def save_language(lang: str) -> None:
    """The interface language for the next start (and for the command line)."""
    settings = load_settings()
    settings["language"] = lang
    with contextlib.suppress(OSError):
        save_settings(settings)


def remember_splitter(splitter: QSplitter, key: str) -> None:
    """Give ``splitter`` the sizes the user left it with last time, and keep them each time
    they are changed (once the drag settles: a drag moves it many times a second)."""
    state = load_bytes(key)
    if state is not None:
        splitter.restoreState(state)
    timer = QTimer(splitter)
    timer.setSingleShot(True)
    timer.setInterval(300)
    timer.timeout.connect(lambda: save_bytes(key, splitter.saveState()))
    splitter.splitterMoved.connect(lambda *_a: timer.start())
