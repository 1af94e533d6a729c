"""``studyvisit export programme|delegates|ics|attendance|rooming|passengers``.

Each writes one document of a visit (``delegates --split`` one per person into a folder).
``--lang`` is the document's language (the visit's first programme language when not
given); ``--person`` narrows the programme, itineraries and calendar to one person, named
by id or by name. ReportLab and Babel are imported inside the command, so the rest of the
command line does not pay for them; the ORM is not imported at all for a current SQLite file.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.i18n import _

DOCUMENTS = (
    "programme",
    "delegates",
    "ics",
    "attendance",
    "rooming",
    "passengers",
    "catering",
    "phone",
)  # as in
# app.documents.DOCUMENTS, repeated so that --help does not import the documents package
LANGS = ("lv", "en", "nb")


def register(groups: dict[str, Any]) -> None:
    export = groups["export"]
    helps = {
        "programme": _("the delegates' programme (PDF)"),
        "delegates": _("personal itineraries of the people taking part (PDF)"),
        "ics": _("the programme and journeys as a calendar file (.ics)"),
        "attendance": _("attendance sheets with a signature column, one per meeting (PDF)"),
        "rooming": _("the rooming list for the hotel (PDF)"),
        "passengers": _("passenger lists for the carriers, one per journey (PDF)"),
        "catering": _(
            "catering lists for the hosts and restaurants, one per meal: counts "
            "and names by dietary need (PDF)"
        ),
        "phone": _(
            "one offline HTML itinerary per person for their phone, into the folder given by --out"
        ),
    }
    for name in DOCUMENTS:
        sub = export.add_parser(name, help=helps[name])
        sub.add_argument("visit", metavar="VISIT", help=_("the visit's code or id"))
        sub.add_argument("--out", required=True, metavar="FILE")
        sub.add_argument(
            "--lang",
            choices=LANGS,
            help=_("the document's language (default: the visit's first programme language)"),
        )
        if name in ("programme", "delegates", "ics", "phone"):
            sub.add_argument(
                "--person",
                metavar="ID_OR_NAME",
                help=_("only this person's part (their id or full name)"),
            )
        if name == "delegates":
            sub.add_argument(
                "--split",
                action="store_true",
                help=_("one file per person in the folder given by --out"),
            )
            sub.add_argument(
                "--odd-pages",
                action=argparse.BooleanOptionalAction,
                default=None,
                help=_(
                    "start each person on an odd page, for double-sided "
                    "printing (default: on for the booklet of everyone)"
                ),
            )
        sub.set_defaults(run=cmd_export_document, document=name)
    letters = export.add_parser(
        "letters",
        help=_(
            "letters to each host institution: a meeting request or a thank-you "
            "letter, DOCX and PDF, with a Latvian copy"
        ),
    )
    letters.add_argument("visit", metavar="VISIT", help=_("the visit's code or id"))
    letters.add_argument("--kind", choices=("request", "thanks"), required=True)
    letters.add_argument("--out", required=True, metavar="FOLDER")
    letters.add_argument(
        "--lang",
        choices=("en", "nb"),
        help=_("the letters' language (default: bokmål for a Norwegian host, else English)"),
    )
    letters.set_defaults(run=cmd_export_letters)


def cmd_export_document(args: argparse.Namespace) -> int:
    from app.cli import EXIT_OK, UsageError, database_url, say

    out = Path(args.out).expanduser()
    split = getattr(args, "split", False) or args.document == "phone"  # writes a folder
    folder = out if split else out.parent
    if not folder.is_dir() and not (split and folder.parent.is_dir()):
        raise UsageError(
            _("{file}: there is no folder {folder} to write into.").format(
                file=args.out, folder=folder
            )
        )
    if split and out.exists() and not out.is_dir():
        raise UsageError(_("{file}: --split needs a folder, not a file.").format(file=args.out))
    options: dict[str, Any] = {"lang": args.lang}
    person = getattr(args, "person", None)
    if person is not None:
        options["person"] = person
    if split and args.document == "delegates":
        options["split"] = True
    if getattr(args, "odd_pages", None) is not None:
        options["odd_pages"] = args.odd_pages
    from app.documents import builder

    if args.document == "programme" and args.lang in ("en", "nb") and person is None:
        _warn_untranslated(args)
    if args.document == "rooming":
        _warn_without_a_room(args)
    build = builder(args.document)
    # The URL, not an open Database: a current SQLite file is then read with plain SQL,
    # without importing SQLAlchemy (docs/architecture.md, start-up cost).
    path = build(database_url(args), args.visit, out, **options)
    if split:
        say(
            _("Itineraries of {visit} written to the folder {folder}.").format(
                visit=args.visit, folder=path
            )
        )
    else:
        say(_("{visit}: written to {file}.").format(visit=args.visit, file=path))
    return EXIT_OK


def cmd_export_letters(args: argparse.Namespace) -> int:
    from app.cli import EXIT_OK, UsageError, database_url, say

    out = Path(args.out).expanduser()
    if out.exists() and not out.is_dir():
        raise UsageError(_("{file}: the letters need a folder, not a file.").format(file=args.out))
    if not out.parent.is_dir():
        raise UsageError(
            _("{file}: there is no folder {folder} to write into.").format(
                file=args.out, folder=out.parent
            )
        )
    from app.cli import warn
    from app.documents.letters import build_letters, letter_warnings

    folder = build_letters(database_url(args), args.visit, out, kind=args.kind, lang=args.lang)
    for text in letter_warnings(database_url(args), args.visit):
        warn(_("warning: {message}").format(message=text))
    count = len(list(folder.glob(f"*-{args.kind}-*-lv.docx")))
    say(
        _("{visit}: letters to {count} hosts written to the folder {folder}.").format(
            visit=args.visit, count=count, folder=folder
        )
    )
    return EXIT_OK


def _warn_without_a_room(args: argparse.Namespace) -> None:
    """Say who is there on a stay's nights with no room (the list is written anyway: the
    hotel needs the rooms that are known)."""
    from app.cli import open_db, warn
    from app.i18n import date_text
    from app.services.rooming import people_without_a_room
    from app.services.visits import find_visit

    db = open_db(args)
    try:
        for gap in people_without_a_room(db, find_visit(db, args.visit).id):
            warn(
                _("warning: {message}").format(
                    message=_(
                        "{stay} ({check_in} – {check_out}): no room yet for {people}."
                    ).format(
                        stay=gap.stay,
                        check_in=date_text(gap.check_in),
                        check_out=date_text(gap.check_out),
                        people=", ".join(gap.people),
                    )
                )
            )
    finally:
        db.dispose()


def _warn_untranslated(args: argparse.Namespace) -> None:
    """Say what an English or bokmål programme will print in Latvian (it is still written:
    the cover says so too)."""
    from app.cli import database_url, warn
    from app.documents.completeness import gaps, sentences
    from app.documents.data import load_visit
    from app.i18n import current_language

    visit = load_visit(database_url(args), args.visit)
    missing = sentences(gaps(visit, args.lang), current_language())
    for text in missing:
        warn(text)
    if missing:
        warn(_("The programme is written anyway; its cover says what is not translated."))
