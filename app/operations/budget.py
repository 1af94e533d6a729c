"""The budget's actions of several rows: several lines changed at once, an ECB or
InforEuro rate import, and re-pricing the plan (at an ECB file's rates, or at rates the
visit holds)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from app.i18n import _, ngettext
from app.operations import Operation
from app.services.budget import set_budget_lines
from app.services.changed_rows import ChangedRows
from app.services.ecb_rates import RatesImported, import_ecb_rates
from app.services.rate_steps import put_rates_back
from db.engine import Database


class ChangeBudgetLines(Operation):
    """The same ``fields`` (a funding source, a category) for several lines, all or none.

    ``versions`` are the lines' versions as the window showed them: a line changed
    meanwhile by someone else refuses the whole step (``StaleEdit``); each step sends the
    versions the last one left."""

    def __init__(
        self,
        db: Database,
        ids: Sequence[int],
        fields: Mapping[str, Any],
        versions: Mapping[int, int | None],
    ) -> None:
        self.db, self.ids, self.fields = db, list(ids), dict(fields)
        self.versions: dict[int, int | None] = {i: versions.get(i) for i in self.ids}
        self.before: dict[int, dict[str, Any]] = {}
        n = len(self.ids)
        self.name = ngettext("Change {n} budget line", "Change {n} budget lines", n).format(n=n)

    def _set(self, values: Mapping[int, Mapping[str, Any]]) -> None:
        done = set_budget_lines(self.db, values, self.versions)
        for line_id, (version, before) in done.items():
            self.versions[line_id] = version
            self.before.setdefault(line_id, before)

    def do(self) -> None:
        self._set({line_id: self.fields for line_id in self.ids})

    def undo(self) -> None:
        self._set(self.before)


class _RatesImport(Operation):
    """A rate file's import into a visit's rates. The first ``do`` imports and notes the
    rate rows it added or changed; undo puts back those rows only, redo puts them forward
    again, each in one transaction: a colleague's rate saved meanwhile stands, and a row
    of the import a colleague changed since refuses the step (``StaleStep``). ``result``
    says what the import set (``ui.visit.budget_rates.rates_set_text``)."""

    def __init__(self, db: Database, visit_id: int) -> None:
        self.db, self.visit_id = db, visit_id
        self.changes: ChangedRows | None = None
        self.result: RatesImported | None = None

    def _import(self) -> RatesImported:  # pragma: no cover - overridden
        raise NotImplementedError

    def do(self) -> None:
        if self.changes is not None:
            self.changes = put_rates_back(self.db, self.changes, undo=False)
            return
        self.result = self._import()
        self.changes = self.result.written

    def undo(self) -> None:
        assert self.changes is not None
        self.changes = put_rates_back(self.db, self.changes, undo=True)


class ImportEcbRates(_RatesImport):
    """A visit's rates from the text of an ECB reference-rate file (``day``: the rates of
    that day rather than the visit's first; ``reprice``: the plan's rates too, ``requested``
    the day first asked for when the file had none for it)."""

    def __init__(
        self,
        db: Database,
        visit_id: int,
        text: str,
        *,
        day: dt.date | None = None,
        reprice: bool = False,
        requested: dt.date | None = None,
        reported_ok: bool = False,
    ) -> None:
        super().__init__(db, visit_id)
        self.text, self.day, self.reprice, self.requested = text, day, reprice, requested
        self.reported_ok = reported_ok  # a reported visit's figures may move: asked
        self.name = _("Re-price the plan") if reprice else _("Import ECB file")

    def _import(self) -> RatesImported:
        result = import_ecb_rates(
            self.db,
            self.visit_id,
            self.text,
            day=self.day,
            reprice=self.reprice,
            reported_ok=self.reported_ok,
        )
        if self.reprice:
            result.requested = self.requested or self.day
        return result


class ImportInforEuroRates(_RatesImport):
    """A month's InforEuro rates (``month``: any day of it) from the text of the
    Commission's file; the plan keeps the rates it has."""

    def __init__(
        self, db: Database, visit_id: int, text: str, month: dt.date, *, reported_ok: bool = False
    ) -> None:
        super().__init__(db, visit_id)
        self.text, self.month, self.reported_ok = text, month, reported_ok
        self.name = _("Import InforEuro file")

    def _import(self) -> RatesImported:
        from app.services.inforeuro_rates import import_inforeuro_rates

        return import_inforeuro_rates(
            self.db, self.visit_id, self.text, month=self.month, reported_ok=self.reported_ok
        )


class ImportRateTable(_RatesImport):
    """The plan rates of a filled-in rate template (``app.services.rate_table``)."""

    def __init__(
        self, db: Database, visit_id: int, text: str, *, reported_ok: bool = False
    ) -> None:
        super().__init__(db, visit_id)
        self.text, self.reported_ok = text, reported_ok
        self.name = _("Import rate table")

    def _import(self) -> RatesImported:
        from app.services.rate_table import import_rate_table

        return import_rate_table(self.db, self.visit_id, self.text, reported_ok=self.reported_ok)


class RepricePlan(Operation):
    """The plan at rates the visit holds (``app.services.reprice``): the plan rates it
    changed are noted, so undo and redo touch those only, one transaction each.
    ``reported_ok``: the user was told the visit is reported and re-prices it on purpose;
    ``shown``: the preview they agreed to (a plan changed since is refused, ``StalePlan``)."""

    def __init__(
        self,
        db: Database,
        visit_id: int,
        at: Any,
        *,
        reported_ok: bool = False,
        shown: Any = None,
    ) -> None:
        self.db, self.visit_id, self.at, self.reported_ok = db, visit_id, at, reported_ok
        self.shown = shown
        # Noted in the re-pricing's own transaction: a snapshot taken before it could put
        # back, on undo, a colleague's rate as it was before they changed it.
        self.changes: ChangedRows | None = None
        self.result: Any = None
        self.name = _("Re-price the plan")

    def do(self) -> None:
        from app.services.reprice import reprice_plan

        if self.changes is not None:
            self.changes = put_rates_back(self.db, self.changes, undo=False)
            return
        self.result = reprice_plan(
            self.db, self.visit_id, self.at, reported_ok=self.reported_ok, shown=self.shown
        )
        self.changes = self.result.written

    def undo(self) -> None:
        assert self.changes is not None
        self.changes = put_rates_back(self.db, self.changes, undo=True)
