"""Merge duplicates in the directory, as the window's undoable commands.

The merge itself is domain work and lives in ``app.services.merge``, one transaction each
way. Here it is only adapted to the undo stack: the merge returns the step that undoes it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Step = Callable[[], Any]


def merge_people(db: Any, duplicate_id: int, keep_id: int) -> list[Step]:
    """Do the merge (one transaction); returns the steps that undo it, to be run in order."""
    from app.services import merge

    result = merge.merge_people(db, keep_id, duplicate_id)
    return [lambda: merge.unmerge_people(db, result)]


def merge_organisations(db: Any, duplicate_id: int, keep_id: int) -> list[Step]:
    """Do the merge (one transaction); returns the steps that undo it, to be run in order."""
    from app.services import merge

    result = merge.merge_organisations(db, keep_id, duplicate_id)
    return [lambda: merge.unmerge_organisations(db, result)]


def undo_steps(steps: list[Step]) -> None:
    """Run the undo steps, last first."""
    for step in reversed(steps):
        step()
