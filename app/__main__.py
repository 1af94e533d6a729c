"""``python -m app``: the ``studyvisit`` command line without the window (which is
``python -m ui``, so that ``app`` never imports ``ui``)."""

from __future__ import annotations

from app.cli import main

raise SystemExit(main())
