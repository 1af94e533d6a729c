"""The directory's actions of many rows: merging duplicate people or organisations, and
importing a participant list (people, organisations and participations at once)."""

from __future__ import annotations

from app.i18n import _, ngettext
from app.interchange import participants
from app.operations import Operation
from app.services import merge
from db.engine import Database


class MergePeople(Operation):
    """``duplicate`` merged into ``keep`` (``keep`` takes its place everywhere, the
    duplicate is deleted); undo unmerges exactly what the merge moved. The names are for
    the step's name only."""

    def __init__(self, db: Database, duplicate_id: int, keep_id: int, *, duplicate: str,
                 keep: str) -> None:
        self.db, self.duplicate_id, self.keep_id = db, duplicate_id, keep_id
        self.result: merge.MergeResult | None = None
        self.name = _("Merge {duplicate} into {keep}").format(duplicate=duplicate, keep=keep)

    def do(self) -> None:
        self.result = merge.merge_people(self.db, self.keep_id, self.duplicate_id)

    def undo(self) -> None:
        assert self.result is not None
        merge.unmerge_people(self.db, self.result)


class MergeOrganisations(Operation):
    """``duplicate`` merged into ``keep``: its contacts, people, hosted items and organised
    visits move to ``keep``; undo moves exactly those back."""

    def __init__(self, db: Database, duplicate_id: int, keep_id: int, *, duplicate: str,
                 keep: str) -> None:
        self.db, self.duplicate_id, self.keep_id = db, duplicate_id, keep_id
        self.result: merge.MergeResult | None = None
        self.name = _("Merge {duplicate} into {keep}").format(duplicate=duplicate, keep=keep)

    def do(self) -> None:
        self.result = merge.merge_organisations(self.db, self.keep_id, self.duplicate_id)

    def undo(self) -> None:
        assert self.result is not None
        merge.unmerge_organisations(self.db, self.result)


class ImportParticipants(Operation):
    """A checked participant list saved (all lines or none); undo deletes the rows it
    made, redo brings back those very rows. ``imported`` says which rows they are.

    A long list is saved beforehand, off the window's thread with progress and Cancel
    (``participants.apply``); given its ``imported`` rows, the first ``do`` only records
    them as the step."""

    def __init__(self, db: Database, plan: participants.Plan, *,
                 imported: participants.Imported | None = None) -> None:
        self.db, self.plan = db, plan
        self.imported = imported
        self._saved = imported is not None  # by the caller: the first do has nothing to do
        n = len(plan.lines)
        self.name = ngettext("Import {n} participant", "Import {n} participants",
                             n).format(n=n)

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
