"""``python -m ui``: the same as the ``studyvisit`` command (the window with no command)."""

from __future__ import annotations

from ui.launch import main

raise SystemExit(main())
