"""``studyvisit import participants VISIT FILE``: a delegate list (CSV, text, .xlsx, .xls,
.ods) into a visit.

Every line is checked first; if any line has a problem, each is printed with its line
number and nothing is saved (exit 2). Columns are mapped from their headers (Latvian or
English); ``--map 3=email`` says what a column holds when its header is not recognised.
"""

from __future__ import annotations

import argparse
from typing import Any

from app.i18n import _


def register(groups: dict[str, Any]) -> None:
    parser = groups["import"].add_parser(
        "participants", help=_("import a participant list (CSV or XLSX) into a visit")
    )
    parser.add_argument("visit", metavar="VISIT", help=_("the visit's code or id"))
    parser.add_argument(
        "file", metavar="FILE", help=_("a .csv, .txt, .xlsx, .xls or .ods file with a header row")
    )
    parser.add_argument(
        "--delimiter",
        choices=(";", ",", "tab", "|"),
        help=_("the separator of a text file (found in the file if not given)"),
    )
    parser.add_argument(
        "--sheet", metavar="NAME", help=_("the workbook's sheet with the list (found if not given)")
    )
    parser.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="COLUMN=FIELD",
        help=_(
            "what a column holds (column number from 1, or its header); "
            "FIELD is one of: {fields}; '-' skips the column"
        ).format(fields=", ".join(_field_names())),
    )
    parser.set_defaults(run=cmd_import_participants)


# The fields of app.interchange.participants.FIELDS, named here so that building the parser
# does not import the models (``visits list`` must stay fast; a test holds the two equal).
FIELD_NAMES = (
    "name",
    "given_name",
    "family_name",
    "email",
    "phone",
    "organisation",
    "position",
    "role",
    "status",
    "arrives",
    "departs",
    "dietary",
    "accessibility",
    "notes",
)


def _field_names() -> list[str]:
    return list(FIELD_NAMES)


def _apply_map(headers: list[str], mapping: list[str | None], entries: list[str]) -> None:
    from app.cli import UsageError
    from app.interchange.participants import FIELDS

    for entry in entries:
        column, sep, name = entry.partition("=")
        column, name = column.strip(), name.strip()
        if not sep or (name not in FIELDS and name != "-"):
            raise UsageError(
                _("--map {entry}: write COLUMN=FIELD, FIELD one of: {fields}").format(
                    entry=entry, fields=", ".join(FIELDS)
                )
            )
        if column.isdigit() and 1 <= int(column) <= len(headers):
            index = int(column) - 1
        elif column in headers:
            index = headers.index(column)
        else:
            raise UsageError(
                _("--map {entry}: the file has no column {column}").format(
                    entry=entry, column=column
                )
            )
        value = None if name == "-" else name
        if value is not None and value in mapping:
            mapping[mapping.index(value)] = None
        mapping[index] = value


def cmd_import_participants(args: argparse.Namespace) -> int:
    from app.cli import EXIT_BAD_INPUT, EXIT_OK, open_db, say, warn
    from app.interchange import participants as imp
    from app.services.visits import find_visit

    delimiter = "\t" if args.delimiter == "tab" else args.delimiter
    table = imp.read_table(args.file, delimiter=delimiter, sheet=args.sheet)
    mapping = imp.guess_mapping(table.headers)
    _apply_map(table.headers, mapping, args.map)
    db = open_db(args)
    try:
        visit = find_visit(db, args.visit)
        checked = imp.plan(db, visit.id, table, mapping)
        if not checked.lines:
            warn(_("{file}: there are no participants in the file.").format(file=args.file))
            return EXIT_BAD_INPUT
        if not checked.ok:
            for problem in checked.problems:
                warn(f"{args.file}: {problem}")
            warn(_("Nothing was imported: correct the file and import it again."))
            return EXIT_BAD_INPUT
        made = imp.apply(db, checked)
    finally:
        db.dispose()
    say(
        _("Imported {n} participants into {visit} ({new} new in the directory).").format(
            n=len(made.participations), visit=visit.code, new=len(made.people)
        )
    )
    return EXIT_OK
