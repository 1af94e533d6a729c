"""``studyvisit search`` (the experience archive), ``export summary`` and ``export article``.

A feature module of the command line (see ``EXTENSIONS`` in ``app.cli``): heavy imports
happen inside the command functions, errors are one line and exit 2.
"""

from __future__ import annotations

import argparse
from typing import Any

from app.cli import EXIT_OK, dump_json, open_db, say, table
from app.i18n import _


def register(groups: dict[str, Any]) -> None:
    search = groups["commands"].add_parser(
        "search", help=_("search the experience archive of all visits"))
    search.add_argument("query", metavar="QUERY",
                        help=_('words to find; "words in quotes" as a phrase'))
    search.add_argument("--json", action="store_true", help=_("write JSON instead of a table"))
    search.add_argument("--country", metavar="CC", help=_("only visits to this country (NO, PL…)"))
    search.add_argument("--year", type=int, metavar="YYYY", help=_("only visits of this year"))
    search.add_argument("--topic", help=_("only visits with this topic"))
    search.add_argument("--institution", metavar="NAME",
                        help=_("only visits that met this institution"))
    search.add_argument("--limit", type=int, default=50, metavar="N",
                        help=_("at most this many results (default 50)"))
    search.set_defaults(run=cmd_search)


def cmd_search(args: argparse.Namespace) -> int:
    from app.services.archive import Filters, search

    if args.limit < 1:
        from app.cli import UsageError

        raise UsageError(_("--limit must be at least 1"))
    filters = Filters(country=args.country, year=args.year, topic=args.topic,
                      institution=args.institution)
    db = open_db(args)
    try:
        hits = search(db, args.query, filters, limit=args.limit)
    finally:
        db.dispose()
    if args.json:
        dump_json([{"code": h.code, "title": h.title, "item": h.item,
                    "snippet": h.marked()} for h in hits])
        return EXIT_OK
    if not hits:
        say(_("Nothing found."))
        return EXIT_OK
    where = {"visit": _("Purpose and topics"), "report": _("Report"),
             "lesson": _("Lesson learned")}
    rows = [(h.code, h.item or where.get(h.where, ""), h.marked("[", "]")) for h in hits]
    say(table((_("Code"), _("Where"), _("Found")), rows))
    return EXIT_OK
