"""``export statistics``: the figures across visits as a PDF with charts or as XLSX values.

A feature module of the command line (``EXTENSIONS`` in ``app.cli``): heavy imports happen
inside the command function; bad input is one line on standard error and exit 2 with no
file written.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.cli import EXIT_OK, UsageError, open_db, say
from app.i18n import _, ngettext, speaking

LANGS = ("lv", "en")


def _year(value: str) -> int:
    text = value.strip()
    if not (text.isdigit() and len(text) == 4 and 1900 <= int(text) <= 2200):
        raise argparse.ArgumentTypeError(_("not a year such as 2024: {value}").format(value=value))
    return int(text)


def register(groups: dict[str, Any]) -> None:
    exp = groups["export"].add_parser(
        "statistics", help=_("write the figures across visits as PDF (charts) or XLSX")
    )
    exp.add_argument("--out", required=True, metavar="FILE.pdf|FILE.xlsx")
    exp.add_argument(
        "--from",
        dest="year_from",
        type=_year,
        metavar="YEAR",
        help=_("only visits starting in this year or later"),
    )
    exp.add_argument(
        "--to",
        dest="year_to",
        type=_year,
        metavar="YEAR",
        help=_("only visits starting in this year or earlier"),
    )
    exp.add_argument("--project", metavar="CODE", help=_("only the visits of this project"))
    exp.add_argument("--country", metavar="CC", help=_("only visits to this country (two letters)"))
    exp.add_argument(
        "--lang", choices=LANGS, default="lv", help=_("the document's language (default lv)")
    )
    exp.set_defaults(run=cmd_export_statistics)


def cmd_export_statistics(args: argparse.Namespace) -> int:
    suffix = Path(args.out).suffix.lower()
    if suffix not in (".pdf", ".xlsx"):
        raise UsageError(
            _("{file}: the statistics are written as .pdf or .xlsx").format(file=args.out)
        )
    if args.year_from and args.year_to and args.year_from > args.year_to:
        raise UsageError(
            _("--from {start} is after --to {end}").format(start=args.year_from, end=args.year_to)
        )
    country = (args.country or "").strip().upper() or None
    if country is not None and not (len(country) == 2 and country.isalpha()):
        raise UsageError(_("not a two-letter country code: {value}").format(value=args.country))
    from app.services.statistics import Filters, compute, load_facts, projects

    db = open_db(args)
    try:
        facts = load_facts(db)
    finally:
        db.dispose()
    project = (args.project or "").strip() or None
    if project is not None:
        known = {code.casefold(): code for code in projects(facts)}
        if project.casefold() not in known:
            raise UsageError(
                _("No visits of a project with the code “{code}”.").format(code=project)
            )
        project = known[project.casefold()]
    with speaking(args.lang):  # the figures' labels in the document's language
        st = compute(facts, Filters(args.year_from, args.year_to, project, country))
        if suffix == ".pdf":
            from app.documents.statistics_pdf import write_statistics_pdf

            path = write_statistics_pdf(st, args.out, args.lang)
        else:
            from app.documents.statistics_xlsx import write_statistics_xlsx

            path = write_statistics_xlsx(st, args.out)
    n = len(st.visit_ids)
    say(
        ngettext(
            "Statistics of {n} visit written to {file}.",
            "Statistics of {n} visits written to {file}.",
            n,
        ).format(n=n, file=path)
    )
    return EXIT_OK
