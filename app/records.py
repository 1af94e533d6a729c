"""The database handle and the records the services hand to the window, named from ``app``.

Services return detached ORM rows (``docs/architecture.md``). The window annotates with
these names and imports them only for type checking, so that ``ui`` never imports ``db``
(an import-linter contract in ``pyproject.toml``, run by ``tools/run-tests.sh``).
"""

from __future__ import annotations

from db.engine import Database
from db.models import AllowanceRate, Participation, ProgrammeItem, Visit

__all__ = ["AllowanceRate", "Database", "Participation", "ProgrammeItem", "Visit"]
