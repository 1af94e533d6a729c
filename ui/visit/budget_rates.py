"""The Budget tab's exchange rates: adding, changing and deleting a rate, importing the
ECB's reference rates or the Commission's monthly InforEuro rates from a saved file, and
re-pricing the plan at the ECB's.

An import never re-prices the plan on its own: the user is asked (and asked again when the
file's latest rates are more than a week older than the visit). The import and the
re-pricing are each one undo step, one transaction each way. The status line then says
which day the rates are of.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QLabel

from app.domain.validation import Invalid
from app.i18n import _, current_language, format_date, ngettext
from app.services.ecb_rates import ReportedFigures
from ui.visit.budget_dialogs import RateDialog
from ui.visit.tab_base import TabPart
from ui.widgets import file_dialogs
from ui.widgets.date_time_edits import date_text
from ui.widgets.messages import ask, confirm_delete, refused

if TYPE_CHECKING:
    from app.records import Database
    from app.services.budget_report import VisitBudget
    from ui.context import Context
    from ui.widgets.list_panel import ListPanel


def rates_set_text(result: Any) -> str:
    """What an ECB import set, as the tab writes it: "Rates of 1. apr. 2014 set: NOK
    8,2400." and, apart, the note on a day without rates — each a sentence of its own,
    rates with the language's decimal mark (as the rates table), dates as the app writes
    them."""
    from app.documents.budget_text import number

    lang = current_language()
    parts = []
    if getattr(result, "kind", "ecb") == "inforeuro":
        return _inforeuro_text(result)
    if getattr(result, "kind", "ecb") == "table":
        if result.rates:
            parts.append(
                _("Rates set from the table: {rates}.").format(
                    rates=", ".join(f"{c} {number(r, lang)}" for c, r, _new in result.rates)
                )
            )
        if result.kept:
            parts.append(
                _("The plan keeps its rates for {currencies}.").format(
                    currencies=", ".join(result.kept)
                )
            )
        return " ".join(parts)
    if result.rates:
        parts.append(
            _("Rates of {day} set: {rates}.").format(
                day=format_date(result.day),
                rates=", ".join(f"{c} {number(r, lang)}" for c, r, _new in result.rates),
            )
        )
    if result.kept:
        parts.append(
            _("The plan keeps its rates for {currencies}.").format(
                currencies=", ".join(result.kept)
            )
        )
    if result.dated:
        parts.append(
            ngettext(
                "{count} ECB rate stored for the payments' days.",
                "{count} ECB rates stored for the payments' days.",
                result.dated,
            ).format(count=result.dated)
        )
    message = " ".join(parts)
    if result.requested is not None and result.requested != result.day:
        message += " " + _(
            "{day} has no reference rates (a weekend or holiday); the rates of {used} were taken."
        ).format(day=format_date(result.requested), used=format_date(result.day))
    return message


def _inforeuro_text(result: Any) -> str:
    """ "4 InforEuro rates of May 2027 stored." and what the plan took or kept."""
    from babel.dates import format_date as babel_date

    from app.documents.budget_text import number

    lang = current_language()
    month = babel_date(result.day, "LLLL y", locale=lang)
    parts = [
        ngettext(
            "{count} InforEuro rate of {month} stored.",
            "{count} InforEuro rates of {month} stored.",
            result.dated,
        ).format(count=result.dated, month=month)
    ]
    if result.rates:
        parts.append(
            _("The plan takes these rates for the currencies it had none for: {rates}.").format(
                rates=", ".join(f"{c} {number(r, lang)}" for c, r, _new in result.rates)
            )
        )
    if result.kept:
        parts.append(
            _("The plan keeps its rates for {currencies}.").format(
                currencies=", ".join(result.kept)
            )
        )
    return " ".join(parts)


class BudgetRatesActions(TabPart):
    """What the Budget tab does with its exchange rates (mixed into ``BudgetTab``, which
    holds the attributes named here)."""

    context: Context
    db: Database
    visit_id: int
    budget: VisitBudget | None
    rate_panel: ListPanel
    status: QLabel

    def add_rate(self, exec_dialog: bool = True) -> RateDialog:
        from app.services.budget import (
            create_exchange_rate,
            delete_exchange_rate,
            restore_exchange_rate,
        )

        db, visit_id = self.db, self.visit_id

        def save(fields: dict[str, Any]) -> None:
            self.context.create(
                _("Add exchange rate"),
                lambda: create_exchange_rate(db, visit_id, **fields),
                lambda row_id: delete_exchange_rate(db, row_id),
                lambda row_id: restore_exchange_rate(db, row_id),
            )

        assert self.budget is not None
        dialog = RateDialog(save, base=self.budget.base_currency, parent=self)
        if exec_dialog:
            dialog.exec()
        return dialog

    def edit_rate(self) -> None:
        from app.services.budget import update_exchange_rate

        rate = self.rate_panel.current()
        if rate is None or self.budget is None:
            return
        before = {"currency": rate.currency, "per_base": str(rate.per_base), "source": rate.source}
        db, rate_id, version = self.db, rate.id, rate.version

        def save(after: dict[str, Any]) -> None:
            self.context.update_row(
                _("Change exchange rate"),
                lambda seen, changes: update_exchange_rate(db, rate_id, seen, **changes),
                version,
                before,
                after,
            )

        RateDialog(save, base=self.budget.base_currency, rate=rate, parent=self).exec()

    def delete_rate(self) -> None:
        """Delete the chosen rate, asking first; a rate that lines still use is refused by
        the service, and its sentence (how many lines, which currency) is shown."""
        from app.services.budget import delete_exchange_rate, restore_exchange_rate

        rate = self.rate_panel.current()
        if rate is None:
            return
        what = _("the exchange rate of {currency}").format(currency=rate.currency)
        if not confirm_delete(self, what):
            return
        db, rate_id = self.db, rate.id
        try:
            self.context.delete(
                _("Delete exchange rate"),
                lambda: delete_exchange_rate(db, rate_id),
                lambda: restore_exchange_rate(db, rate_id),
            )
        except refused() as problem:
            self.context.report(problem)

    def import_ecb(self, path: str | None = None) -> None:
        """Rates from a saved ECB reference-rate file: the CSV, or the zip the ECB offers.

        A file whose latest rates are more than a week older than the visit's first day is
        not applied silently: the user is asked whether to take that day's rates anyway.
        The status line then says which day the rates are of.
        """
        from app.operations.budget import ImportEcbRates
        from app.services.ecb_rates import OldRates, read_ecb_file

        if path is None:
            path, _filter = file_dialogs.get_open_file_name(
                self,
                _("Import rate file"),
                "",
                _("Rate files: ECB, InforEuro (*.csv *.zip *.json);;All files (*)"),
            )
            if not path:
                return
        try:
            text = read_ecb_file(path)
        except OSError as problem:
            self.context.report(
                Invalid(
                    _("{file}: cannot read the file ({reason})").format(
                        file=Path(path).name, reason=problem.strerror or problem
                    )
                )
            )
            return
        except Invalid as problem:
            self.context.report(Invalid(f"{Path(path).name}: {problem}"))
            return
        from app.services.inforeuro_rates import looks_like_inforeuro

        if looks_like_inforeuro(text):
            self.import_inforeuro(text, Path(path).name)
            return
        from app.services.rate_table import looks_like_rate_table

        if looks_like_rate_table(text):
            self.import_rate_table(text, Path(path).name)
            return

        def run(day: dt.date | None = None) -> Any:
            """The import; a reported visit whose figures it would move is asked about
            first, and imported only on a Yes."""
            try:
                return self.context.run(ImportEcbRates(self.db, self.visit_id, text, day=day))
            except ReportedFigures as problem:
                if not self.ask_reported(str(problem)):
                    return None
                return self.context.run(
                    ImportEcbRates(self.db, self.visit_id, text, day=day, reported_ok=True)
                )

        try:
            try:
                done = run()
            except OldRates as old:
                if not self.ask_old_rates(
                    _(
                        "The file's latest rates on or before {day} are of {used}, more "
                        "than a week earlier. Take the rates of {used} anyway?"
                    ).format(day=date_text(old.wanted), used=date_text(old.latest))
                ):
                    return
                done = run(old.latest)
        except refused() as problem:
            self.context.report(problem)
            return
        result = done.result if done is not None else None
        if result is None:
            return
        if result.kept and self.ask_reprice(
            _(
                "The plan keeps its rates for {currencies}. Re-price the plan at the rates "
                "of {day}? (The payments convert at their own days' rates either way.)"
            ).format(currencies=", ".join(result.kept), day=format_date(result.day))
        ):
            self.reprice_plan(text, result.day, result.requested)
            return
        self._say(rates_set_text(result))

    def import_inforeuro(self, text: str, name: str) -> None:
        """A month's InforEuro rates (the month from the file's name, else asked): one
        undo step, one transaction each way; the plan keeps the rates it has."""
        from app.operations.budget import ImportInforEuroRates
        from app.services.inforeuro_rates import month_of_name

        month = month_of_name(name) or self.ask_month(name)
        if month is None:
            return
        try:
            try:
                done = self.context.run(ImportInforEuroRates(self.db, self.visit_id, text, month))
            except ReportedFigures as problem:
                if not self.ask_reported(str(problem)):
                    return
                done = self.context.run(
                    ImportInforEuroRates(self.db, self.visit_id, text, month, reported_ok=True)
                )
        except refused() as problem:
            self.context.report(
                Invalid(f"{name}: {problem}") if isinstance(problem, Invalid) else problem
            )
            return
        if done.result is not None:
            self._say(rates_set_text(done.result))

    def import_rate_table(self, text: str, name: str) -> None:
        """The filled-in template: plan rates where the plan has none (one undo step)."""
        from app.operations.budget import ImportRateTable

        try:
            try:
                done = self.context.run(ImportRateTable(self.db, self.visit_id, text))
            except ReportedFigures as problem:
                if not self.ask_reported(str(problem)):
                    return
                done = self.context.run(
                    ImportRateTable(self.db, self.visit_id, text, reported_ok=True)
                )
        except refused() as problem:
            self.context.report(
                Invalid(f"{name}: {problem}") if isinstance(problem, Invalid) else problem
            )
            return
        if done.result is not None:
            self._say(rates_set_text(done.result))

    def ask_month(self, name: str) -> dt.date | None:
        """The month of an InforEuro file whose name does not say it: chosen from the
        months around the visit (its first month first), or None when cancelled."""
        from babel.dates import format_date as babel_date
        from PySide6.QtWidgets import QInputDialog

        assert self.budget is not None
        first = self.budget.start_date.replace(day=1)
        months = []
        for shift in range(-3, 13):
            index = first.month - 1 + shift
            months.append(dt.date(first.year + index // 12, index % 12 + 1, 1))
        labels = [babel_date(m, "LLLL y", locale=current_language()) for m in months]
        chosen, ok = QInputDialog.getItem(
            self,
            _("Import InforEuro file"),
            _("{file} does not say its month. The InforEuro rates of which month?").format(
                file=name
            ),
            labels,
            3,
            False,
        )
        return months[labels.index(chosen)] if ok and chosen in labels else None

    def reprice_plan(self, text: str, day: dt.date, requested: dt.date | None = None) -> None:
        """Re-price the plan at a file's rates of ``day``: its own undoable step
        (``requested``: the day first asked for, when the file had no rates for it)."""
        from app.operations.budget import ImportEcbRates

        try:
            done = self.context.run(
                ImportEcbRates(
                    self.db, self.visit_id, text, day=day, reprice=True, requested=requested
                )
            )
        except refused() as problem:
            self.context.report(problem)
            return
        if done.result is not None:
            self._say(rates_set_text(done.result))

    def _say(self, message: str) -> None:
        self.status.setText(message)
        self.status.setToolTip(message)

    def ask_reprice(self, question: str) -> bool:
        """Whether to re-price the plan at the imported rates (asked, default No)."""
        return ask(self, _("Re-price the plan"), question)

    def ask_reported(self, refusal: str) -> bool:
        """Whether to change a reported visit's figures after all (asked, default No)."""
        return ask(
            self,
            _("Reported visit"),
            refusal + "\n\n" + _("Import the rates anyway and change the reported figures?"),
        )

    def ask_old_rates(self, question: str) -> bool:
        """Whether to take rates older than a week before the visit (asked, default No)."""
        return ask(self, _("Import ECB file"), question)
