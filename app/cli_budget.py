"""Budget commands: ``export budget``, ``export allowance``, ``budget``, ``rates import``,
``allowances import|list|calc``.

A feature module of the command line (``EXTENSIONS`` in ``app.cli``): heavy imports happen
inside the command functions; bad input is one line on standard error and exit 2.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli import EXIT_OK, UsageError, dump_json, open_db, read_text, say, table, warn
from app.i18n import _, ngettext, speaking

if TYPE_CHECKING:
    from app.services.ecb_rates import RatesImported
    from db.engine import Database

LANGS = ("lv", "en", "nb")


def _percent(value: str) -> Decimal:
    try:
        number = Decimal(value.replace(",", "."))
    except InvalidOperation:
        raise argparse.ArgumentTypeError(_("not a number: {value}").format(value=value)) from None
    if not number.is_finite() or not Decimal(0) <= number <= Decimal(1000):
        raise argparse.ArgumentTypeError(_("not a percentage: {value}").format(value=value))
    return number


def _day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("not a date YYYY-MM-DD: {value}").format(value=value)
        ) from None


def _month(value: str) -> dt.date:
    """ "2027-05" (or "05.2027", "5/2027") as the first day of that month."""
    import re

    text = value.strip()
    found = re.fullmatch(r"(\d{4})-(\d{1,2})", text) or re.fullmatch(r"(\d{1,2})[./](\d{4})", text)
    if found:
        first, second = found.groups()
        year, month = (first, second) if len(first) == 4 else (second, first)
        if 1 <= int(month) <= 12:
            return dt.date(int(year), int(month), 1)
    raise argparse.ArgumentTypeError(_("not a month YYYY-MM: {value}").format(value=value))


def _days(value: str) -> list[dt.date]:
    return [_day(part.strip()) for part in value.split(",") if part.strip()]


def register(groups: dict[str, Any]) -> None:
    exp = groups["export"].add_parser(
        "budget", help=_("write a visit's (or a project's) budget as PDF or XLSX")
    )
    exp.add_argument("visit", metavar="VISIT", nargs="?", help=_("the visit's code or id"))
    exp.add_argument(
        "--project", metavar="CODE", help=_("all visits of this project instead of one visit")
    )
    exp.add_argument("--out", required=True, metavar="FILE.pdf|FILE.xlsx")
    exp.add_argument(
        "--lang", choices=LANGS, default="lv", help=_("the document's language (default lv)")
    )
    exp.add_argument(
        "--margin",
        type=_percent,
        default=Decimal(10),
        metavar="PCT",
        help=_("warn when actual exceeds planned by more than this (default 10)"),
    )
    exp.add_argument("--prepared-by", metavar="NAME", help=_("name on the “prepared by” line"))
    exp.add_argument("--approved-by", metavar="NAME", help=_("name on the “approved by” line"))
    exp.set_defaults(run=cmd_export_budget)

    stmt = groups["export"].add_parser(
        "allowance", help=_("write a traveller's daily-allowance statement (PDF)")
    )
    stmt.add_argument("visit", metavar="VISIT", help=_("the visit's code or id"))
    stmt.add_argument("--person", required=True, metavar="ID_OR_NAME")
    stmt.add_argument("--out", required=True, metavar="FILE.pdf")
    stmt.add_argument("--lang", choices=LANGS, default="lv")
    _reduced_args(stmt)
    stmt.set_defaults(run=cmd_export_allowance)

    show = groups["commands"].add_parser("budget", help=_("a visit's budget totals and warnings"))
    show.add_argument("visit", metavar="VISIT", help=_("the visit's code or id"))
    show.add_argument("--json", action="store_true", help=_("write JSON instead of a table"))
    show.add_argument("--margin", type=_percent, default=Decimal(10), metavar="PCT")
    show.set_defaults(run=cmd_budget)

    rates = groups["commands"].add_parser("rates", help=_("a visit's exchange rates"))
    rates_cmds = rates.add_subparsers(
        dest="rates_command", metavar="ACTION", parser_class=type(rates), required=True
    )
    rimport = rates_cmds.add_parser(
        "import",
        help=_(
            "set a visit's rates from a saved ECB file (eurofxref.csv or "
            "eurofxref-hist.csv) or the Commission's monthly InforEuro file"
        ),
    )
    rimport.add_argument("visit", metavar="VISIT", help=_("the visit's code or id"))
    rimport.add_argument("file", metavar="FILE.csv|FILE.zip|FILE.json")
    rimport.add_argument(
        "--month",
        type=_month,
        metavar="YYYY-MM",
        help=_("the month of an InforEuro file (default: from its name)"),
    )
    rimport.add_argument(
        "--date",
        type=_day,
        metavar="YYYY-MM-DD",
        help=_(
            "the day of the rates (default: the file's day, or the last "
            "day before the visit starts)"
        ),
    )
    rimport.add_argument(
        "--currency", metavar="NOK,SEK", help=_("these currencies (default: those the visit uses)")
    )
    rimport.add_argument("--all", action="store_true", help=_("every currency in the file"))
    rimport.add_argument(
        "--reprice",
        action="store_true",
        help=_(
            "re-price the plan at the file's rates (without it the plan "
            "keeps its rates; payments take their own days' rates)"
        ),
    )
    rimport.add_argument(
        "--reported",
        action="store_true",
        help=_("take the rates even when they change the figures of a visit already reported"),
    )
    rimport.set_defaults(run=cmd_rates_import)
    reprice = rates_cmds.add_parser(
        "reprice",
        help=_(
            "re-price the plan at rates the visit holds (an ECB day, an "
            "InforEuro month, the project's fixed rates)"
        ),
    )
    reprice.add_argument("visit", metavar="VISIT", help=_("the visit's code or id"))
    at = reprice.add_mutually_exclusive_group(required=True)
    at.add_argument(
        "--ecb",
        type=_day,
        metavar="YYYY-MM-DD",
        help=_("the ECB rates of this day (imported before)"),
    )
    at.add_argument(
        "--inforeuro",
        type=_month,
        metavar="YYYY-MM",
        help=_("the InforEuro rates of this month (imported before)"),
    )
    at.add_argument("--fixed", action="store_true", help=_("the project's fixed rates"))
    reprice.add_argument(
        "--reported", action="store_true", help=_("re-price even a visit already reported")
    )
    reprice.set_defaults(run=cmd_rates_reprice)
    template = rates_cmds.add_parser(
        "template", help=_("write an empty rate table (CSV, Latvian headers) to fill in and import")
    )
    template.add_argument("file", metavar="FILE.csv")
    template.add_argument(
        "--base",
        default="EUR",
        metavar="CUR",
        help=_("the currency the rates are per one of (default EUR)"),
    )
    template.set_defaults(run=cmd_rates_template, writes="file")

    allow = groups["commands"].add_parser(
        "allowances", help=_("daily-allowance rates and the allowance calculator")
    )
    allow_cmds = allow.add_subparsers(
        dest="allowances_command", metavar="ACTION", parser_class=type(allow), required=True
    )
    aimport = allow_cmds.add_parser(
        "import",
        help=_("read allowance rates: country, daily, accommodation_cap, valid_from, source"),
    )
    aimport.add_argument("file", metavar="FILE.csv")
    aimport.set_defaults(run=cmd_allowances_import)
    atemplate = allow_cmds.add_parser(
        "template",
        help=_(
            "write an empty allowance-rate table (CSV, Latvian headers) to "
            "fill in from the annex of Regulation No. 969 and import"
        ),
    )
    atemplate.add_argument("file", metavar="FILE.csv")
    atemplate.set_defaults(run=cmd_allowances_template, writes="file")
    alist = allow_cmds.add_parser("list", help=_("the allowance-rate table"))
    alist.add_argument("--country", metavar="CC")
    alist.set_defaults(run=cmd_allowances_list)
    calc = allow_cmds.add_parser(
        "calc",
        help=_(
            "each traveller's daily allowance; --write replaces the visit's daily-allowance lines"
        ),
    )
    calc.add_argument("visit", metavar="VISIT", help=_("the visit's code or id"))
    _reduced_args(calc)
    calc.add_argument(
        "--write", action="store_true", help=_("replace the visit's daily-allowance budget lines")
    )
    calc.set_defaults(run=cmd_allowances_calc)


def _reduced_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--reduced",
        type=_days,
        default=None,
        metavar="YYYY-MM-DD,…",
        help=_(
            "days with free accommodation and three meals, for every "
            "traveller (default: the days stored for each)"
        ),
    )
    parser.add_argument(
        "--share",
        type=_percent,
        default=None,
        metavar="PCT",
        help=_(
            "share of the daily rate paid on those days (default: the visit's, 30 unless changed)"
        ),
    )


def _suffix(out: str) -> str:
    suffix = Path(out).suffix.lower()
    if suffix not in (".pdf", ".xlsx"):
        raise UsageError(_("{file}: the budget is written as .pdf or .xlsx").format(file=out))
    return suffix


def _budget_of(db: Any, args: argparse.Namespace) -> tuple[Any, Any]:
    """The project's budget (and None), or the visit's budget and its allowance plan; their
    sentences are made in the language current when this runs."""
    if args.project:
        from app.services.budget_report import project_budget

        return project_budget(db, args.project, margin=args.margin), None
    from app.services.allowances import allowance_plan
    from app.services.budget_report import visit_budget

    budget = visit_budget(db, args.visit, margin=args.margin)
    return budget, allowance_plan(db, budget.visit_id)


def _warnings_of(budget: Any, plan: Any) -> list[str]:
    if plan is None:
        return list(budget.warnings)
    warnings = [w.text for w in budget.warnings] + plan.cap_warnings
    if plan.lines_warning:
        warnings.append(plan.lines_warning)
    return warnings


def _write_budget(budget: Any, plan: Any, args: argparse.Namespace, suffix: str) -> Any:
    """Write the visit's or the project's budget (``_budget_of``); the path written."""
    if plan is None:
        if suffix == ".xlsx":
            from app.documents.budget_xlsx import write_project_xlsx

            return write_project_xlsx(budget, args.out, args.lang, author=args.prepared_by)
        from app.documents.budget_pdf import write_project_pdf

        return write_project_pdf(
            budget,
            args.out,
            args.lang,
            prepared_by=args.prepared_by,
            approved_by=args.approved_by,
        )
    if suffix == ".xlsx":
        from app.documents.budget_xlsx import write_budget_xlsx

        return write_budget_xlsx(
            budget, args.out, args.lang, allowances=plan, author=args.prepared_by
        )
    from app.documents.budget_pdf import write_budget_pdf

    return write_budget_pdf(
        budget,
        args.out,
        args.lang,
        allowances=plan,
        prepared_by=args.prepared_by,
        approved_by=args.approved_by,
    )


def cmd_export_budget(args: argparse.Namespace) -> int:
    from app.i18n import current_language

    suffix = _suffix(args.out)
    if bool(args.visit) == bool(args.project):
        raise UsageError(_("name either a VISIT or --project CODE"))
    db = open_db(args)
    try:
        with speaking(args.lang):  # the document's warnings in the document's language
            budget, plan = _budget_of(db, args)
            path = _write_budget(budget, plan, args, suffix)
        # A line on the terminal speaks the interface's language throughout ("warning:"
        # and its sentence), whatever language the document was written in.
        if args.lang != current_language():
            budget, plan = _budget_of(db, args)
    finally:
        db.dispose()
    for text in _warnings_of(budget, plan):
        warn(_("warning: {message}").format(message=text))
    name = budget.project.code if plan is None else budget.code
    say(_("Budget of {what} written to {file}.").format(what=name, file=path))
    return EXIT_OK


def cmd_export_allowance(args: argparse.Namespace) -> int:
    if Path(args.out).suffix.lower() != ".pdf":
        raise UsageError(_("{file}: the statement is written as .pdf").format(file=args.out))
    from app.documents.allowance_statement import write_allowance_statement
    from app.services.allowances import allowance_plan

    db = open_db(args)
    try:
        plan = allowance_plan(db, args.visit, reduced=args.reduced, share=args.share)
    finally:
        db.dispose()
    traveller = plan.of(args.person)
    if traveller.allowance is None:
        raise UsageError(f"{traveller.name}: {traveller.problem}")
    if args.reduced is not None or args.share is not None:
        # A one-off statement: say that the budget still counts the stored days.
        warn(
            _("warning: {message}").format(
                message=_(
                    "this statement counts the days and share given here; the budget lines and "
                    "documents count those stored for the visit (store them with “allowances calc "
                    "VISIT --reduced … --write”)"
                )
            )
        )
    path = write_allowance_statement(plan, traveller, args.out, args.lang)
    say(
        _("Allowance statement of {name} written to {file}.").format(name=traveller.name, file=path)
    )
    return EXIT_OK


def cmd_budget(args: argparse.Namespace) -> int:
    from app.domain.budget_totals import category_label
    from app.i18n import format_money
    from app.services.budget_report import visit_budget

    db = open_db(args)
    try:
        b = visit_budget(db, args.visit, margin=args.margin)
    finally:
        db.dispose()
    t = b.totals
    if args.json:

        def amounts(a: Any) -> dict[str, str]:
            return {"planned": str(a.planned), "actual": str(a.actual), "variance": str(a.variance)}

        dump_json(
            {
                "code": b.code,
                "base_currency": b.base_currency,
                "total": amounts(t.overall),
                "eligible": amounts(t.eligible),
                "ineligible": amounts(t.ineligible),
                "by_category": {c: amounts(a) for c, a in t.by_category.items()},
                "by_source": [
                    {"name": b.source_name(k) if k else None, **amounts(a)}
                    for k, a in t.by_source.items()
                ],
                "warnings": [{"kind": w.kind, "text": w.text} for w in t.warnings],
            }
        )
        return EXIT_OK

    def row(label: str, a: Any) -> tuple[str, ...]:
        # Money as the window writes it in the interface's language ("2 977,04 €").
        amounts = (a.planned, a.actual, a.variance)
        return (label, *(format_money(v, b.base_currency) for v in amounts))

    # One table, so the columns line up; each group under its own heading row.
    rows: list[tuple[str, ...]] = [(_("By category"), "", "", "")]
    rows += [row("  " + category_label(c), a) for c, a in t.by_category.items()]
    rows.append((_("By funding source"), "", "", ""))
    rows += [
        row("  " + (b.source_name(k) or _("No funding source")), a) for k, a in t.by_source.items()
    ]
    rows.append((_("Eligibility"), "", "", ""))
    rows += [row("  " + _("Eligible costs"), t.eligible)]
    rows += [row("  " + _("Ineligible costs"), t.ineligible)]
    rows.append(row(_("Total"), t.overall))
    headers: tuple[str, ...] = (b.base_currency, _("Planned"), _("Actual"), _("Variance"))
    # Amounts right-aligned, so the digits of each column stand under one another.
    widths = [max(len(r[i]) for r in [headers, *rows]) for i in range(4)]
    rows = [(r[0], *(c.rjust(w) for c, w in zip(r[1:], widths[1:], strict=True))) for r in rows]
    headers = (headers[0], *(h.rjust(w) for h, w in zip(headers[1:], widths[1:], strict=True)))
    say(table(headers, rows))
    for w in t.warnings:
        warn(_("warning: {message}").format(message=w.text))
    return EXIT_OK


def cmd_rates_import(args: argparse.Namespace) -> int:
    from app.domain.validation import Invalid
    from app.services.ecb_rates import import_ecb_rates, read_ecb_file

    try:
        text = read_ecb_file(args.file)  # a CSV, or the ECB's zip holding it
    except OSError as exc:
        raise UsageError(
            _("{file}: cannot read the file ({reason})").format(
                file=args.file, reason=exc.strerror or exc
            )
        ) from exc
    except Invalid as exc:
        raise UsageError(f"{args.file}: {exc}") from exc
    currencies = [c for c in (args.currency or "").split(",") if c.strip()] or None
    from app.services.inforeuro_rates import looks_like_inforeuro

    if looks_like_inforeuro(text):
        return _import_inforeuro(args, text, currencies)
    from app.services.rate_table import looks_like_rate_table

    if looks_like_rate_table(text):
        return _import_rate_table(args, text)
    result = _imported(
        args,
        lambda db: import_ecb_rates(
            db,
            args.visit,
            text,
            day=args.date,
            currencies=currencies,
            everything=args.all,
            reprice=args.reprice,
            reported_ok=args.reported,
        ),
    )
    if result.note:
        warn(_("warning: {message}").format(message=result.note))
    _say_rates(
        result,
        _("Rates of {day} set: {rates}"),
        _("The plan keeps its rates for {currencies} (re-price it with --reprice)."),
    )
    if result.dated:
        say(
            ngettext(
                "{count} ECB rate stored for the payments' days.",
                "{count} ECB rates stored for the payments' days.",
                result.dated,
            ).format(count=result.dated)
        )
    return EXIT_OK


def _imported(args: argparse.Namespace, run: Callable[[Database], RatesImported]) -> RatesImported:
    """One rate file's import on the command's database (``--db``); a refusal is one line
    naming the file. The ECB, InforEuro and rate-table imports all go through here."""
    from app.domain.validation import Invalid

    db = open_db(args)
    try:
        return run(db)
    except Invalid as exc:
        raise UsageError(f"{args.file}: {exc}") from exc
    finally:
        db.dispose()


def _say_rates(result: RatesImported, set_text: str, kept_text: str) -> None:
    """What an import set in the plan (``set_text`` with ``{rates}``, and ``{day}`` for the
    file's day if it names it) and which currencies the plan kept its own rates for
    (``kept_text`` with ``{currencies}``)."""
    if result.rates:
        rates = ", ".join(f"{c} {r}" for c, r, _new in result.rates)
        say(set_text.format(rates=rates, day=result.day.isoformat()))
    if result.kept:
        say(kept_text.format(currencies=", ".join(result.kept)))


def _import_inforeuro(args: argparse.Namespace, text: str, currencies: list[str] | None) -> int:
    from app.services.inforeuro_rates import import_inforeuro_rates

    if args.reprice or args.date:
        raise UsageError(
            _(
                "{file}: an InforEuro file is a month's rates; name its month "
                "with --month (--date and --reprice are for ECB files)"
            ).format(file=args.file)
        )
    result = _imported(
        args,
        lambda db: import_inforeuro_rates(
            db,
            args.visit,
            text,
            month=args.month,
            name=Path(args.file).name,
            currencies=currencies,
            everything=args.all,
            reported_ok=args.reported,
        ),
    )
    month = result.day.strftime("%Y-%m")
    say(
        ngettext(
            "{count} InforEuro rate of {month} stored.",
            "{count} InforEuro rates of {month} stored.",
            result.dated,
        ).format(count=result.dated, month=month)
    )
    _say_rates(
        result,
        _("The plan takes these rates for the currencies it had none for: {rates}."),
        _("The plan keeps its rates for {currencies}."),
    )
    return EXIT_OK


def _import_rate_table(args: argparse.Namespace, text: str) -> int:
    from app.services.rate_table import import_rate_table

    result = _imported(
        args, lambda db: import_rate_table(db, args.visit, text, reported_ok=args.reported)
    )
    _say_rates(
        result,
        _("Rates set from the table: {rates}."),
        _("The plan keeps its rates for {currencies}."),
    )
    return EXIT_OK


def cmd_rates_template(args: argparse.Namespace) -> int:
    from app.domain.validation import Invalid, currency
    from app.services.rate_table import rate_template

    try:
        base = currency(args.base.upper())
    except Invalid as exc:
        raise UsageError(f"--base: {exc.message}") from exc
    return _write_template(
        args.file,
        rate_template(str(base)),
        _(
            "Template written to {file}: fill in a row per currency and import it with "
            "“studyvisit rates import VISIT {file}”."
        ),
    )


def _write_template(file: str, text: str, written: str) -> int:
    """A rate template written to ``file`` (``app.interchange.templates``), then
    ``written`` (with ``{file}``) said; a file that cannot be written is one line."""
    from app.interchange.templates import write_template

    try:
        write_template(file, text)
    except OSError as exc:
        raise UsageError(
            _("{file}: cannot write the file ({reason})").format(
                file=file, reason=exc.strerror or exc
            )
        ) from exc
    say(written.format(file=file))
    return EXIT_OK


def cmd_rates_reprice(args: argparse.Namespace) -> int:
    from app.domain.validation import Invalid
    from app.i18n import format_money
    from app.services.reprice import RepriceAt, reprice_plan

    at = (
        RepriceAt("fixed")
        if args.fixed
        else RepriceAt("inforeuro", args.inforeuro)
        if args.inforeuro
        else RepriceAt("ecb", args.ecb)
    )
    db = open_db(args)
    try:
        result = reprice_plan(db, args.visit, at, reported_ok=args.reported)
    except Invalid as exc:
        raise UsageError(str(exc)) from exc
    finally:
        db.dispose()
    for currency, old, new in result.changes:
        say(f"{currency}: {old} → {new}")
    say(
        _("Planned total: {before} → {after}").format(
            before=format_money(result.planned_before, result.base),
            after=format_money(result.planned_after, result.base),
        )
    )
    if result.kept:
        say(
            _("Keep their rates (none held there): {currencies}").format(
                currencies=", ".join(result.kept)
            )
        )
    return EXIT_OK


def cmd_allowances_import(args: argparse.Namespace) -> int:
    text = read_text(args.file)
    from app.domain.validation import Invalid
    from app.services.allowances import import_allowance_rates

    db = open_db(args)
    try:
        added, updated = import_allowance_rates(db, text)
    except Invalid as exc:
        raise UsageError(f"{args.file}: {exc}") from exc
    finally:
        db.dispose()
    say(
        _("Allowance rates: {added} added, {updated} updated.").format(added=added, updated=updated)
    )
    return EXIT_OK


def cmd_allowances_template(args: argparse.Namespace) -> int:
    from app.services.allowances import allowance_rates_template

    return _write_template(
        args.file,
        allowance_rates_template(),
        _(
            "Template written to {file}: fill in a row per country and import it with "
            "“studyvisit allowances import {file}”."
        ),
    )


def cmd_allowances_list(args: argparse.Namespace) -> int:
    from app.domain.money import from_minor
    from app.services.budget import list_allowance_rates

    db = open_db(args)
    try:
        rows = list_allowance_rates(db, country=args.country)
    finally:
        db.dispose()
    if not rows:
        say(_("No allowance rates yet: import them with “studyvisit allowances import FILE.csv”."))
        return EXIT_OK
    say(
        table(
            (_("Country"), _("Daily rate"), _("Accommodation cap"), _("Valid from"), _("Source")),
            [
                (
                    r.country,
                    str(from_minor(r.daily_minor)),
                    str(from_minor(r.accommodation_cap_minor))
                    if r.accommodation_cap_minor is not None
                    else "",
                    r.valid_from.isoformat(),
                    r.source or "",
                )
                for r in rows
            ],
        )
    )
    return EXIT_OK


def cmd_allowances_calc(args: argparse.Namespace) -> int:
    """Without --write a preview; with it the days and share given are stored for every
    traveller (so the documents count them too) and the lines written, actuals kept."""
    from app.services.allowances import (
        KEEP,
        allowance_plan,
        lines_with_actuals,
        save_allowance_inputs,
        write_allowance_lines,
    )

    db = open_db(args)
    kept = 0
    notes: list[str] = []
    try:
        plan = allowance_plan(db, args.visit, reduced=args.reduced, share=args.share)
        written = None
        if args.write:
            if args.reduced is not None or args.share is not None:
                save_allowance_inputs(
                    db,
                    plan.visit_id,
                    share=KEEP if args.share is None else args.share,
                    reduced=None
                    if args.reduced is None
                    else {t.person_id: args.reduced for t in plan.travellers},
                )
            kept = lines_with_actuals(db, plan.visit_id)
            result = write_allowance_lines(db, plan)
            written, notes = result.written, result.notes
            kept -= result.spread  # said in the notes instead
    finally:
        db.dispose()
    rows = []
    for t in plan.travellers:
        a = t.allowance
        rows.append(
            (
                t.name,
                f"{a.departure} – {a.return_day}" if a else "",
                str(a.days) if a else "",
                str(len(a.reduced_days)) if a else "",
                str(a.amount) if a else (t.problem or ""),
            )
        )
    if rows:
        say(table((_("Traveller"), _("Dates"), _("Days"), _("Reduced days"), _("Amount")), rows))
    say(_("Total: {amount} EUR").format(amount=plan.total))
    for text in plan.warnings + (
        [plan.lines_warning] if plan.lines_warning and written is None else []
    ):
        warn(_("warning: {message}").format(message=text))
    if written is not None:
        say(
            ngettext(
                "{count} daily-allowance line written to {visit}.",
                "{count} daily-allowance lines written to {visit}.",
                written,
            ).format(count=written, visit=plan.code)
        )
        for note in notes:
            say(note)
        if kept > 0:
            say(
                ngettext(
                    "The actual amount paid on {count} line was kept.",
                    "The actual amounts paid on {count} lines were kept.",
                    kept,
                ).format(count=kept)
            )
    return EXIT_OK
