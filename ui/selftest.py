"""A window that paints itself, reports what it shows and closes: for the frozen smoke test.

A built program must prove that its window starts where no one can click it (CI, offscreen).
With ``STUDYVISIT_SELFTEST=REPORT.json`` in the environment the window, once shown, waits
for its warm-up, paints itself into ``REPORT.png`` and writes ``REPORT.json`` — its title,
the menu titles, one of Qt's own button texts, whether the icon loaded — then closes, so the
program exits with the code it would have after a user closed it. Not a user option.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

from app import __version__
from app.i18n import current_language

SELFTEST_ENV = "STUDYVISIT_SELFTEST"
CLOSE_AFTER_MS = 1500  # after the window's own warm-up (200 ms) has run


def arm(window: QMainWindow) -> None:
    """Close ``window`` by itself after painting it, when the self-test is asked for."""
    report = os.environ.get(SELFTEST_ENV)
    if report:
        shown: dict[str, float | None] = {}
        # The first turn of the event loop comes after the first paint: how long the user
        # waited for the window (bench/startup.py compares the source and the built program).
        QTimer.singleShot(0, lambda: shown.setdefault("after", since_process_start()))
        QTimer.singleShot(
            CLOSE_AFTER_MS, lambda: _report_and_close(window, Path(report), shown.get("after"))
        )


def since_process_start() -> float | None:
    """Seconds since the operating system started this process (None if it cannot say)."""
    try:
        import psutil

        return time.time() - psutil.Process().create_time()
    except Exception:  # a measurement only; the self-test goes on without it
        return None


def distinct_colours(image: object, step: int = 7) -> int:
    """How many colours a sample of the picture has: a blank window has one or two."""
    seen = set()
    width, height = image.width(), image.height()  # type: ignore[attr-defined]
    for y in range(0, height, step):
        for x in range(0, width, step):
            seen.add(image.pixel(x, y))  # type: ignore[attr-defined]
    return len(seen)


def _report_and_close(window: QMainWindow, report: Path, shown_after: float | None) -> None:
    app = QApplication.instance()
    image = window.grab().toImage()
    picture = report.with_suffix(".png")
    saved = image.save(str(picture))
    facts = {
        "version": __version__,
        "language": current_language(),
        "title": window.windowTitle(),
        "menus": [action.text() for action in window.menuBar().actions()],
        # Qt's own "Cancel" (qtbase_*.qm): "Atcelt" when Qt's Latvian translation loaded.
        "qt_cancel": QCoreApplication.translate("QPlatformTheme", "Cancel"),
        "icon": isinstance(app, QApplication) and not app.windowIcon().isNull(),
        "size": [image.width(), image.height()],
        "colours": distinct_colours(image),
        "screenshot": str(picture) if saved else None,
        "shown_after_s": shown_after,
    }
    report.write_text(json.dumps(facts, ensure_ascii=False, indent=1), encoding="utf-8")
    window.close()
    if isinstance(app, QApplication):
        app.quit()
