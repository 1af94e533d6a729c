"""The directory's actions of many rows: merging duplicate people or organisations, and
importing a participant list (people, organisations and participations at once)."""

from __future__ import annotations

from collections.abc import Callable

from app.i18n import _, ngettext
from app.interchange import participants
from app.operations import Operation
from app.services import merge as merging
from db.engine import Database


class _Merge(Operation):
    """``duplicate`` merged into ``keep``; undo unmerges exactly what the merge moved.
    The names are for the step's name only."""

    merge: Callable[[Database, int, int], merging.MergeResult]
    unmerge: Callable[[Database, merging.MergeResult], None]

    def __init__(
        self, db: Database, duplicate_id: int, keep_id: int, *, duplicate: str, keep: str
    ) -> None:
        self.db, self.duplicate_id, self.keep_id = db, duplicate_id, keep_id
        self.result: merging.MergeResult | None = None
        self.name = _("Merge {duplicate} into {keep}").format(duplicate=duplicate, keep=keep)

    def do(self) -> None:
        self.result = type(self).merge(self.db, self.keep_id, self.duplicate_id)

    def undo(self) -> None:
        assert self.result is not None
        type(self).unmerge(self.db, self.result)


class MergePeople(_Merge):
    """Two records of one person: ``keep`` takes the duplicate's place in every visit, and
    the duplicate is deleted."""

    merge = staticmethod(merging.merge_people)
    unmerge = staticmethod(merging.unmerge_people)


class MergeOrganisations(_Merge):
    """Two records of one institution: the duplicate's contacts, people, hosted items and
    organised visits move to ``keep``, and the duplicate is deleted."""

    merge = staticmethod(merging.merge_organisations)
    unmerge = staticmethod(merging.unmerge_organisations)


class ImportParticipants(Operation):
    """A checked participant list saved (all lines or none); undo deletes the rows it
    made, redo brings back those very rows. ``imported`` says which rows they are.

    A long list is saved beforehand, off the window's thread with progress and Cancel
    (``participants.apply``); given its ``imported`` rows, the first ``do`` only records
    them as the step."""

    def __init__(
        self,
        db: Database,
        plan: participants.Plan,
        *,
        imported: participants.Imported | None = None,
    ) -> None:
        self.db, self.plan = db, plan
        self.imported = imported
        self._saved = imported is not None  # by the caller: the first do has nothing to do
        n = len(plan.lines)
        self.name = ngettext("Import {n} participant", "Import {n} participants", n).format(n=n)

    def do(self) -> None:
        if self._saved:
            self._saved = False
        elif self.imported is None:
            self.imported = participants.apply(self.db, self.plan)
        else:
            participants.redo(self.db, self.imported)

    def undo(self) -> None:
        assert self.imported is not None
        participants.undo(self.db, self.imported)
