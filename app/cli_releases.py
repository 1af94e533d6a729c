"""``studyvisit programme release|releases`` and ``studyvisit export changes``.

A coordinator sends the programme, then things move: ``release`` freezes the version that
was sent (numbered from 1), ``export changes --since N`` writes, for each delegate and each
host, what changed since version N (``app.documents.changes``).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.i18n import _


def register(groups: dict[str, Any]) -> None:
    programme = groups["commands"].add_parser(
        "programme", help=_("released versions of a visit's programme")
    )
    actions = programme.add_subparsers(
        dest="programme_command", metavar="ACTION", parser_class=type(programme), required=True
    )
    rel = actions.add_parser(
        "release",
        help=_("freeze the programme, logistics and participants as the next numbered version"),
    )
    rel.add_argument("visit", metavar="VISIT", help=_("the visit's code or id"))
    rel.add_argument(
        "--note", metavar="TEXT", help=_("what this version is (e.g. sent to the hosts)")
    )
    rel.set_defaults(run=cmd_release)
    listing = actions.add_parser("releases", help=_("list the visit's released versions"))
    listing.add_argument("visit", metavar="VISIT", help=_("the visit's code or id"))
    listing.set_defaults(run=cmd_releases)

    changes = groups["export"].add_parser(
        "changes",
        help=_(
            "what changed since a released version: a notice for each "
            "delegate and host who has a change (PDF)"
        ),
    )
    changes.add_argument("visit", metavar="VISIT", help=_("the visit's code or id"))
    changes.add_argument(
        "--since",
        type=int,
        required=True,
        metavar="N",
        help=_("the released version the readers have"),
    )
    changes.add_argument("--out", required=True, metavar="FILE")
    who = changes.add_mutually_exclusive_group()
    who.add_argument("--person", metavar="ID_OR_NAME", help=_("only this delegate's notice"))
    who.add_argument("--host", metavar="NAME", help=_("only this host institution's notice"))
    changes.add_argument(
        "--lang",
        choices=("lv", "en", "nb"),
        help=_(
            "the notices' language (default: the visit's first language "
            "for delegates, the host's for hosts)"
        ),
    )
    changes.set_defaults(run=cmd_export_changes)


def cmd_release(args: argparse.Namespace) -> int:
    from app.cli import EXIT_OK, open_db, say
    from app.services.releases import release

    done = release(open_db(args), args.visit, args.note)
    say(
        _("{visit}: version {number} of the programme released.").format(
            visit=args.visit, number=done.number
        )
    )
    return EXIT_OK


def cmd_releases(args: argparse.Namespace) -> int:
    from app.cli import EXIT_OK, open_db
    from app.services.releases import releases

    for one in releases(open_db(args), args.visit):
        when = one.released_at.strftime("%Y-%m-%d %H:%M")
        print(f"{one.number}\t{when} UTC\t{one.note or ''}")
    return EXIT_OK


def cmd_export_changes(args: argparse.Namespace) -> int:
    from app.cli import EXIT_OK, UsageError, open_db, say

    out = Path(args.out).expanduser()
    if not out.parent.is_dir():
        raise UsageError(
            _("{file}: there is no folder {folder} to write into.").format(
                file=args.out, folder=out.parent
            )
        )
    from app.documents.changes import build_changes

    path = build_changes(
        open_db(args),
        args.visit,
        out,
        since=args.since,
        person=args.person,
        host=args.host,
        lang=args.lang,
    )
    say(_("{visit}: written to {file}.").format(visit=args.visit, file=path))
    return EXIT_OK
