"""The daily-allowance actions: reduced days and share, writing the allowance lines into
the budget, importing the rate table."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from decimal import Decimal

from app.i18n import _
from app.operations import Operation
from app.services.allowances import (
    AllowancePlan,
    AllowanceWrite,
    import_allowance_table,
    put_allowance_lines_back,
    put_allowance_rates_back,
    save_allowance_inputs,
    write_allowance_lines,
)
from app.services.changed_rows import ChangedRows
from db.engine import Database


class SaveReducedDays(Operation):
    """The days on which travellers' allowances are reduced (only the persons named);
    undo stores exactly the days they had. ``name`` says which change it was ("Same
    reduced days for everyone")."""

    def __init__(
        self,
        db: Database,
        visit_id: int,
        days: Mapping[int, Collection[dt.date]],
        name: str | None = None,
    ) -> None:
        self.db, self.visit_id = db, visit_id
        self.days = {person: set(chosen) for person, chosen in days.items()}
        self.before: dict[int, frozenset[dt.date]] = {}
        self.name = name or _("Change reduced days")

    def do(self) -> None:
        self.before = dict(save_allowance_inputs(self.db, self.visit_id, reduced=self.days).reduced)

    def undo(self) -> None:
        save_allowance_inputs(self.db, self.visit_id, reduced=self.before)


class SaveReducedShare(Operation):
    """The share paid on reduced days; undo puts back exactly what was stored (no share
    at all included: the default then applies again)."""

    def __init__(self, db: Database, visit_id: int, share: Decimal) -> None:
        self.db, self.visit_id, self.share = db, visit_id, share
        self.before: Decimal | None = None
        self.name = _("Change the reduced share")

    def do(self) -> None:
        self.before = save_allowance_inputs(self.db, self.visit_id, share=self.share).stored_share

    def undo(self) -> None:
        save_allowance_inputs(self.db, self.visit_id, share=self.before)


class MakeAllowanceLines(Operation):
    """Replace the visit's daily-allowance lines with the plan's amounts.

    The first ``do`` writes the lines; undo hides them and brings back the lines they
    replaced, redo the other way round: the very rows, never a second set. A line a
    colleague changed since (a payment recorded on it) refuses the step, changing
    nothing. ``written`` says what the first write did."""

    def __init__(self, db: Database, plan: AllowancePlan) -> None:
        self.db, self.plan = db, plan
        self.written: AllowanceWrite | None = None
        self.lines: ChangedRows | None = None
        self.name = _("Make daily-allowance lines")

    def do(self) -> None:
        if self.written is None:
            self.written = write_allowance_lines(self.db, self.plan)
            self.lines = self.written.lines
        elif self.lines is not None:
            self.lines = put_allowance_lines_back(self.db, self.lines, undo=False)

    def undo(self) -> None:
        assert self.written is not None
        if self.lines is not None:
            self.lines = put_allowance_lines_back(self.db, self.lines, undo=True)


class ImportAllowanceRates(Operation):
    """The daily-allowance rate table from CSV text; undo puts back the rates the import
    wrote and nothing else, redo writes them again: the table is shared by every visit
    and colleague, and a rate one of them saved since stands (one the import wrote,
    changed since, refuses the step). ``counts`` is (added, updated)."""

    def __init__(self, db: Database, text: str) -> None:
        self.db, self.text = db, text
        self.written: ChangedRows | None = None
        self.counts: tuple[int, int] = (0, 0)
        self.name = _("Import allowance rates")

    def do(self) -> None:
        if self.written is not None:
            self.written = put_allowance_rates_back(self.db, self.written, undo=False)
            return
        done = import_allowance_table(self.db, self.text)
        self.counts, self.written = (done.added, done.updated), done.written

    def undo(self) -> None:
        assert self.written is not None
        self.written = put_allowance_rates_back(self.db, self.written, undo=True)
