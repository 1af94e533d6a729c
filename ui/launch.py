"""The ``studyvisit`` program: the window when no command is named, else the command line.

The entry point lives in ``ui`` so that ``app`` never imports ``ui`` (the layers of
``docs/architecture.md``, checked by import-linter): ``app.cli.main`` is handed the way to
open the window instead of importing it.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from app import cli
from app.i18n import _


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``studyvisit``; returns the exit code (the console script exits with it)."""
    return cli.main(argv, open_window=open_window)


def open_window(args: argparse.Namespace) -> int:
    """Show the main window on the database the options name."""
    try:
        url = cli.database_url(args)
    except Exception as exc:
        cli.warn(cli.one_line(exc))
        return cli.EXIT_BAD_INPUT
    if no_display():
        cli.warn(
            _(
                "No screen to show the window on. Start Study Visit Planner on a desktop, "
                "or use its commands (studyvisit --help)."
            )
        )
        return cli.EXIT_BAD_INPUT
    from ui.app import run

    return run([sys.argv[0] if sys.argv else "studyvisit"], url)


def no_display() -> bool:
    """On Linux without X11 or Wayland, Qt would abort the process with a cryptic message."""
    if not sys.platform.startswith("linux"):
        return False
    return not any(os.environ.get(var) for var in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))
