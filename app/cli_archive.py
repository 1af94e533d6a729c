"""``studyvisit search`` (the experience archive), ``export summary`` and ``export article``.

A feature module of the command line (see ``EXTENSIONS`` in ``app.cli``): heavy imports
happen inside the command functions, errors are one line and exit 2.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from app.cli import EXIT_OK, dump_json, open_db, say, table
from app.i18n import _, ngettext

if TYPE_CHECKING:
    from app.services.archive import Hit


def register(groups: dict[str, Any]) -> None:
    search = groups["commands"].add_parser(
        "search", help=_("search the experience archive of all visits")
    )
    search.add_argument(
        "query", metavar="QUERY", help=_('words to find; "words in quotes" as a phrase')
    )
    search.add_argument("--json", action="store_true", help=_("write JSON instead of a table"))
    search.add_argument("--country", metavar="CC", help=_("only visits to this country (NO, PL…)"))
    search.add_argument("--year", type=int, metavar="YYYY", help=_("only visits of this year"))
    search.add_argument("--topic", help=_("only visits with this topic"))
    search.add_argument(
        "--institution", metavar="NAME", help=_("only visits that met this institution")
    )
    search.add_argument(
        "--limit",
        type=int,
        default=50,
        metavar="N",
        help=_("at most this many results (default 50)"),
    )
    search.set_defaults(run=cmd_search)

    article = groups["export"].add_parser(
        "article", help=_("write the website article of a visit (Markdown or HTML)")
    )
    article.add_argument("visit", metavar="VISIT", help=_("the visit's code or id"))
    article.add_argument("--out", required=True, metavar="FILE.md|FILE.html")
    article.add_argument(
        "--lang",
        choices=("lv", "en"),
        help=_("the article's language (default: the visit's first)"),
    )
    article.add_argument(
        "--generated",
        action="store_true",
        help=_("the article made from the report, even when the coordinator has written one"),
    )
    article.set_defaults(run=cmd_export_article)

    summary = groups["export"].add_parser(
        "summary", help=_("write the post-visit summary of a visit (PDF)")
    )
    summary.add_argument("visit", metavar="VISIT", help=_("the visit's code or id"))
    summary.add_argument("--out", required=True, metavar="FILE.pdf")
    summary.add_argument(
        "--lang", choices=("lv", "en"), default="lv", help=_("the document's language (default lv)")
    )
    summary.set_defaults(run=cmd_export_summary)

    photo = groups["import"].add_parser(
        "photo", help=_("attach a photo (JPEG or PNG) to a visit's report")
    )
    photo.add_argument("visit", metavar="VISIT", help=_("the visit's code or id"))
    photo.add_argument("file", metavar="FILE")
    photo.add_argument("--caption", help=_("the caption printed under the photo"))
    photo.set_defaults(run=cmd_import_photo)

    optimize = groups["db"].add_parser(
        "optimize", help=_("merge the archive's search index into one part (faster searches)")
    )
    optimize.set_defaults(run=cmd_db_optimize)

    todo = groups["commands"].add_parser(
        "followups", help=_("open follow-up actions of all visits, soonest due first")
    )
    todo.add_argument("--all", action="store_true", help=_("also the done and dropped ones"))
    todo.add_argument("--owner", metavar="NAME", help=_("only actions of this owner"))
    todo.add_argument("--json", action="store_true", help=_("write JSON instead of a table"))
    todo.set_defaults(run=cmd_followups)


def _place(hit: Hit, where: dict[str, str]) -> str:
    """A programme item by its title; anything else as the archive window names it
    ("Atskaite: kopsavilkums"), so the command line and the window agree."""
    from app.services.archive import PLACE_LABELS

    if hit.place in ("programme", "outcome") and hit.item:
        return hit.item
    if hit.place in PLACE_LABELS:
        return _(PLACE_LABELS[hit.place])
    return hit.item or where.get(hit.where, "")


def cmd_search(args: argparse.Namespace) -> int:
    from app.services.archive import Filters, search

    if args.limit < 1:
        from app.cli import UsageError

        raise UsageError(_("--limit must be at least 1"))
    filters = Filters(
        country=args.country, year=args.year, topic=args.topic, institution=args.institution
    )
    db = open_db(args)
    try:
        hits = search(db, args.query, filters, limit=args.limit)
    finally:
        db.dispose()
    if args.json:
        dump_json(
            [
                {"code": h.code, "title": h.title, "item": h.item, "snippet": h.marked()}
                for h in hits
            ]
        )
        return EXIT_OK
    if not hits:
        say(_("Nothing found."))
        return EXIT_OK
    where = {"visit": _("Purpose and topics"), "report": _("Report"), "lesson": _("Lesson learned")}
    rows = [(h.code, _short(_place(h, where)), h.marked("[", "]")) for h in hits]
    say(table((_("Code"), _("Where"), _("Found")), rows))
    return EXIT_OK


def cmd_db_optimize(args: argparse.Namespace) -> int:
    """Merge the index now (the program does it by itself after imports and upgrades)."""
    from app.services.archive import index_segments, optimize_index

    db = open_db(args)
    try:
        before = len(index_segments(db))
        optimize_index(db)
        after = len(index_segments(db))
    finally:
        db.dispose()
    if before == 0:
        say(_("This database has no search index to optimize (PostgreSQL searches without one)."))
        return EXIT_OK
    say(
        ngettext(
            "The archive's search index was in {n} part; now it is in {after}.",
            "The archive's search index was in {n} parts; now it is in {after}.",
            before,
        ).format(n=before, after=after)
    )
    return EXIT_OK


def cmd_followups(args: argparse.Namespace) -> int:
    from app.services.followups import follow_ups, status_label

    statuses = ("open", "done", "dropped") if args.all else ("open",)
    db = open_db(args)
    try:
        actions = follow_ups(db, statuses=statuses, owner=args.owner)
    finally:
        db.dispose()
    if args.json:
        dump_json(
            [
                {
                    "code": a.visit_code,
                    "action": a.action,
                    "owner": a.owner,
                    "due": a.due.isoformat() if a.due else None,
                    "status": a.status,
                    "overdue": a.overdue,
                }
                for a in actions
            ]
        )
        return EXIT_OK
    if not actions:
        say(_("No open follow-up actions."))
        return EXIT_OK
    rows = []
    for a in actions:
        due = a.due.isoformat() if a.due else "—"
        state = _("OVERDUE") if a.overdue else status_label(a.status)
        rows.append((due, state, a.visit_code, a.owner or "—", " ".join(a.action.split())))
    say(table((_("Due"), _("Status"), _("Visit"), _("Owner"), _("Action")), rows))
    return EXIT_OK


def _short(text: str, limit: int = 48) -> str:
    """A table cell of at most ``limit`` characters (the snippet column stays readable)."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def cmd_export_article(args: argparse.Namespace) -> int:
    from app.cli import UsageError, write_text_atomically
    from app.documents.article import article_format, article_text
    from app.domain.validation import Invalid

    try:
        fmt = article_format(args.out)
    except Invalid as problem:
        raise UsageError(problem.message) from None
    db = open_db(args)
    try:
        text = article_text(db, args.visit, args.lang, fmt, generated=args.generated)
    finally:
        db.dispose()
    path = write_text_atomically(args.out, text)
    say(_("Article of {visit} written to {file}.").format(visit=args.visit, file=path))
    return EXIT_OK


def cmd_export_summary(args: argparse.Namespace) -> int:
    from app.documents.summary_pdf import write_summary

    db = open_db(args)
    try:
        write_summary(db, args.visit, args.out, args.lang)
    finally:
        db.dispose()
    say(_("Summary of {visit} written to {file}.").format(visit=args.visit, file=args.out))
    return EXIT_OK


def cmd_import_photo(args: argparse.Namespace) -> int:
    from app.services.photos import attach_photo
    from app.services.visits import find_visit

    db = open_db(args)
    try:
        visit = find_visit(db, args.visit)
        photo = attach_photo(db, visit.id, args.file, caption=args.caption)
    finally:
        db.dispose()
    say(
        _("Photo {file} attached to {visit} ({size} KB).").format(
            file=args.file, visit=visit.code, size=max(1, len(photo.data) // 1024)
        )
    )
    return EXIT_OK
