"""``studyvisit projects list|add|edit``: the funding projects visits belong to.

The fields are read as a person types them (``app.services.projects.typed``, the same rule
the window's Projects form uses): a decimal comma in the grant rate and the award, a
Latvian date, fixed rates as "NOK 11,5; SEK 11,2". A refused value is one line naming the
option, and nothing is saved.
"""

from __future__ import annotations

import argparse
from typing import Any

from app.i18n import N_, _

# option name → (field, help); ``--start``/``--end`` are the period's dates
OPTIONS: tuple[tuple[str, str, str], ...] = (
    ("--title", "title", N_("the project's title")),
    ("--programme", "programme", N_("the funding programme")),
    ("--funder", "funder", N_("who funds it (e.g. EEA Grants)")),
    ("--start", "period_start", N_("the first day of the project's period (YYYY-MM-DD)")),
    ("--end", "period_end", N_("the last day of the project's period (YYYY-MM-DD)")),
    ("--grant-rate", "grant_rate", N_("the grant's share of the eligible costs, per cent")),
    ("--acknowledgement", "acknowledgement", N_("the funder's acknowledgement text")),
    ("--awarded", "awarded", N_("the grant awarded, in the project's currency")),
    ("--currency", "currency", N_("the currency the project reports in (default EUR)")),
    (
        "--rate-rule",
        "rate_rule",
        N_(
            "how payments convert: ecb (the ECB rate in force at the "
            "start of the payment's day, the default), inforeuro (the "
            "month's InforEuro rate), fixed, plan"
        ),
    ),
    (
        "--fixed-rates",
        "fixed_rates",
        N_('the fixed rule\'s rates per euro, e.g. "NOK 11.5; SEK 11.2"'),
    ),
)


def register(groups: dict[str, Any]) -> None:
    projects = groups["commands"].add_parser("projects", help=_("the funding projects"))
    actions = projects.add_subparsers(
        dest="projects_command", metavar="ACTION", parser_class=type(projects), required=True
    )
    listing = actions.add_parser("list", help=_("list the projects and their visits"))
    listing.add_argument("--json", action="store_true", help=_("write JSON instead of a table"))
    listing.set_defaults(run=cmd_projects_list)

    add = actions.add_parser("add", help=_("add a project"))
    add.add_argument("code", metavar="CODE", help=_("the project's code, e.g. 4.3-24/NFI/INP-002"))
    _field_options(add)
    add.set_defaults(run=cmd_projects_add)

    edit = actions.add_parser("edit", help=_("change a project (an empty value clears a field)"))
    edit.add_argument("code", metavar="CODE", help=_("the project's code"))
    edit.add_argument("--code", dest="new_code", metavar="NEWCODE", help=_("a new code"))
    _field_options(edit)
    edit.add_argument("--no-logo", action="store_true", help=_("remove the logo"))
    edit.add_argument(
        "--reported",
        action="store_true",
        help=_(
            "change the rule, fixed rates or currency even when that "
            "changes the figures of visits already reported"
        ),
    )
    edit.set_defaults(run=cmd_projects_edit)


def _field_options(parser: argparse.ArgumentParser) -> None:
    for option, field, text in OPTIONS:
        parser.add_argument(option, dest=field, metavar="TEXT", help=_(text))
    parser.add_argument("--logo", metavar="FILE", help=_("a PNG or JPEG logo"))


def _changes(args: argparse.Namespace) -> dict[str, Any]:
    from app.services.projects import logo_from_file, typed

    changes = {
        field: typed(field, getattr(args, field))
        for _option, field, _text in OPTIONS
        if getattr(args, field) is not None
    }
    if args.logo:
        changes.update(logo_from_file(args.logo))
    if getattr(args, "no_logo", False):
        changes.update(logo=None, logo_mime=None)
    return changes


def _refused(problem: Exception) -> Exception:
    """An ``Invalid`` named by the option the user typed (``--grant-rate``), not the field."""
    from app.cli import UsageError
    from app.domain.validation import Invalid
    from app.services.ecb_rates import ReportedFigures

    if isinstance(problem, ReportedFigures):
        return UsageError(f"{problem} (--reported)")
    if isinstance(problem, Invalid) and problem.path:
        head = problem.path.split(".")[0]
        names = {field: option for option, field, _text in OPTIONS}
        names.update(code="CODE", logo="--logo", logo_mime="--logo")
        return UsageError(f"{names.get(head, head)}: {problem.message}")
    return problem


def cmd_projects_list(args: argparse.Namespace) -> int:
    from app.cli import EXIT_OK, dump_json, open_db, say, table
    from app.domain.money import from_minor
    from app.domain.rates import DEFAULT_RULE
    from app.services.projects import list_projects, visit_counts

    db = open_db(args)
    try:
        projects = list_projects(db)
        counts = visit_counts(db)
    finally:
        db.dispose()
    if args.json:
        dump_json(
            [
                {
                    "id": p.id,
                    "code": p.code,
                    "title": p.title,
                    "programme": p.programme,
                    "funder": p.funder,
                    "period_start": p.period_start.isoformat() if p.period_start else None,
                    "period_end": p.period_end.isoformat() if p.period_end else None,
                    "grant_rate": str(p.grant_rate) if p.grant_rate is not None else None,
                    "acknowledgement": p.acknowledgement,
                    "logo": p.logo_mime,
                    "awarded": str(from_minor(p.awarded_minor))
                    if p.awarded_minor is not None
                    else None,
                    "currency": p.report_currency,
                    "rate_rule": p.rate_rule or DEFAULT_RULE,
                    "fixed_rates": p.fixed_rates or {},
                    "visits": counts.get(p.id, 0),
                }
                for p in projects
            ]
        )
        return EXIT_OK
    if not projects:
        say(_("No projects yet. Add one with “studyvisit projects add CODE --title TITLE”."))
        return EXIT_OK
    rows = [
        (p.code, _period(p), _awarded(p), str(counts.get(p.id, 0)), p.title or "") for p in projects
    ]
    say(table((_("Code"), _("Period"), _("Awarded"), _("Visits"), _("Title")), rows))
    return EXIT_OK


def cmd_projects_add(args: argparse.Namespace) -> int:
    from app.cli import EXIT_OK, open_db, say
    from app.services.projects import create_project

    try:
        changes = _changes(args)
    except Exception as problem:
        raise _refused(problem) from None
    db = open_db(args)
    try:
        project = create_project(db, code=args.code, **changes)
    except Exception as problem:
        raise _refused(problem) from None
    finally:
        db.dispose()
    say(_("Added project {code}.").format(code=project.code))
    return EXIT_OK


def cmd_projects_edit(args: argparse.Namespace) -> int:
    from app.cli import EXIT_OK, UsageError, open_db, say
    from app.services.projects import find_project, update_project

    try:
        changes = _changes(args)
    except Exception as problem:
        raise _refused(problem) from None
    if args.new_code is not None:
        changes["code"] = args.new_code
    if not changes:
        raise UsageError(_("Say what to change, e.g. --title TITLE (see --help)."))
    db = open_db(args)
    try:
        project = find_project(db, args.code)
        if project is None:
            raise UsageError(
                _("There is no project with the code “{code}”.").format(code=args.code)
            )
        saved = update_project(
            db, project.id, project.version, reported_ok=args.reported, **changes
        )
    except UsageError:
        raise
    except Exception as problem:
        raise _refused(problem) from None
    finally:
        db.dispose()
    say(_("Changed project {code}.").format(code=saved.code))
    return EXIT_OK


def _period(project: Any) -> str:
    start, end = project.period_start, project.period_end
    if start is None and end is None:
        return "—"
    return f"{start.isoformat() if start else '…'} – {end.isoformat() if end else '…'}"


def _awarded(project: Any) -> str:
    from app.domain.money import from_minor

    if project.awarded_minor is None:
        return "—"
    return f"{from_minor(project.awarded_minor)} {project.report_currency}"
