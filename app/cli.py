"""The ``studyvisit`` command: every user-facing operation, scriptable (docs/architecture.md).

With no sub-command it starts the window. Each sub-command either succeeds (exit 0) or
prints one line on standard error naming what is wrong and exits 2 with nothing changed;
a traceback is never what a user sees. Heavy modules (SQLAlchemy's ORM, Alembic, Qt) are
imported inside the commands that need them, so that a script calling the command line
many times a day does not pay for what it does not use.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from app import __version__
from app.i18n import _, ngettext, set_language

if TYPE_CHECKING:
    from db.engine import Database

# Feature modules that add their own sub-commands: each has ``register(groups)``, where
# ``groups`` maps "commands", "export", "import" and "db" to argparse sub-parser collections.
# They import their heavy dependencies inside their command functions, like this module.
EXTENSIONS: tuple[str, ...] = (
    "app.cli_archive",
    "app.cli_participants",
    "app.cli_budget",
    "app.cli_documents",
    "app.cli_projects",
    "app.cli_statistics",
    "app.cli_releases",
)

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_BAD_INPUT = 2
DEBUG_ENV = "STUDYVISIT_DEBUG"


class UsageError(Exception):
    """Bad input found by a command itself; ``str()`` is the one line to print."""


class Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line (not the usage block), still exit 2."""

    def error(self, message: str) -> NoReturn:
        hint = _("see --help")  # outside the f-string, or extraction misses it
        sys.stderr.write(f"{self.prog}: {message} ({hint})\n")
        raise SystemExit(EXIT_BAD_INPUT)


def build_parser() -> Parser:
    parser = Parser(
        prog="studyvisit",
        description=_(
            "Study Visit Planner: plan, document, budget and report study visits. "
            "Without a command, the window opens."
        ),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"%(prog)s {__version__}",
        help=_("show the program's version and exit"),
    )
    parser.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        help=_(
            "the database: a SQLite file or a database URL (default: $STUDYVISIT_DB, "
            "else the file in your data folder)"
        ),
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    demo = commands.add_parser("demo", help=_("load the demo visits (again changes nothing)"))
    demo.set_defaults(run=cmd_demo)

    visits = commands.add_parser("visits", help=_("the visits in the database"))
    visits_cmds = visits.add_subparsers(
        dest="visits_command", metavar="ACTION", parser_class=Parser, required=True
    )
    vlist = visits_cmds.add_parser("list", help=_("list the visits, newest first"))
    vlist.add_argument("--json", action="store_true", help=_("write JSON instead of a table"))
    vlist.set_defaults(run=cmd_visits_list)

    imp = commands.add_parser("import", help=_("read a file into the database"))
    imp_cmds = imp.add_subparsers(
        dest="import_command", metavar="WHAT", parser_class=Parser, required=True
    )
    ivisit = imp_cmds.add_parser("visit", help=_("import a visit file (studyvisit/1 JSON)"))
    ivisit.add_argument("file", metavar="FILE.json")
    how = ivisit.add_mutually_exclusive_group()
    how.add_argument(
        "--replace", action="store_true", help=_("replace the visit with the same code")
    )
    how.add_argument(
        "--as", dest="new_code", metavar="NEWCODE", help=_("import as a new visit with this code")
    )
    ivisit.set_defaults(run=cmd_import_visit)

    exp = commands.add_parser("export", help=_("write a visit to a file"))
    exp_cmds = exp.add_subparsers(
        dest="export_command", metavar="WHAT", parser_class=Parser, required=True
    )
    evisit = exp_cmds.add_parser("visit", help=_("export a visit file (studyvisit/1 JSON)"))
    evisit.add_argument("visit", metavar="VISIT", help=_("the visit's code or id"))
    evisit.add_argument("--out", required=True, metavar="FILE.json")
    evisit.add_argument(
        "--include-sensitive",
        action="store_true",
        help=_("include dates of birth and ID-document numbers"),
    )
    evisit.set_defaults(run=cmd_export_visit)

    backup = commands.add_parser("backup", help=_("copy the database to a file"))
    backup.add_argument("--out", required=True, metavar="FILE")
    backup.set_defaults(run=cmd_backup)

    restore = commands.add_parser(
        "restore", help=_("replace the database with a backup (a copy of it is kept)")
    )
    restore.add_argument("file", metavar="FILE")
    restore.set_defaults(run=cmd_restore)

    check = commands.add_parser("check", help=_("check the database for damage"))
    check.set_defaults(run=cmd_check)

    dbp = commands.add_parser("db", help=_("database maintenance"))
    db_cmds = dbp.add_subparsers(
        dest="db_command", metavar="ACTION", parser_class=Parser, required=True
    )
    upgrade = db_cmds.add_parser("upgrade", help=_("bring the schema up to date"))
    upgrade.set_defaults(run=cmd_db_upgrade)

    groups = {"commands": commands, "export": exp_cmds, "import": imp_cmds, "db": db_cmds}
    for module_name in EXTENSIONS:
        import_module(module_name).register(groups)
    return parser


# --------------------------------------------------------------------------- helpers


def say(text: str) -> None:
    print(text)


def warn(text: str) -> None:
    sys.stderr.write(text + "\n")


def database_url(args: argparse.Namespace) -> str:
    from app.config import database_url as configured

    return configured(args.db)


def open_db(args: argparse.Namespace) -> Database:
    from app.storage import open_database

    return open_database(database_url(args))


def sqlite_file(args: argparse.Namespace, *, must_exist: bool = True) -> Path:
    """The SQLite file behind ``--db``; the file commands do not apply to server databases."""
    from db.urls import sqlite_path

    url = database_url(args)
    path = sqlite_path(url)
    if path is None:
        raise UsageError(
            _(
                "backup, restore and check work on SQLite database files; a database server "
                "has its own tools (for PostgreSQL: pg_dump, pg_restore)."
            )
        )
    if must_exist and not path.is_file():
        raise UsageError(_("There is no database at {path}.").format(path=path))
    return path


def read_text(name: str) -> str:
    path = Path(name)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(
            _("{file}: cannot read the file ({reason})").format(
                file=name, reason=exc.strerror or exc
            )
        ) from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UsageError(
            _("{file}: not UTF-8 text (byte {offset})").format(file=name, offset=exc.start)
        ) from exc


def write_text_atomically(name: str, text: str, *, private: bool = False) -> Path:
    """Write the whole file or nothing: a failed export leaves no half-written file.

    ``private``: the file holds personal data and is readable by its owner only (0600 on
    POSIX), from its first byte."""
    path = Path(name)
    from app.documents import part_file

    tmp = part_file(path)
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600 if private else 0o666)
        if private:
            os.chmod(tmp, 0o600)  # an older leftover of the same name kept its mode
        with open(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        from app.failures import write_failure

        tmp.unlink(missing_ok=True)
        raise UsageError(write_failure(exc, name)) from exc
    return path


def dump_json(data: Any) -> None:
    """UTF-8 JSON with letters as letters (``ā``, not ``\\u0101``), whatever the console."""
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    stream = sys.stdout
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        stream.flush()
        buffer.write(text.encode("utf-8"))
        buffer.flush()
    else:
        stream.write(text)


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Columns padded to their widest cell; the last column is not padded."""
    widths = [max(len(str(c)) for c in col) for col in zip(headers, *rows, strict=False)]
    lines = []
    for row in (headers, *rows):
        cells = [str(c).ljust(w) for c, w in zip(row[:-1], widths[:-1], strict=False)]
        lines.append("  ".join([*cells, str(row[-1])]).rstrip())
    return "\n".join(lines)


# --------------------------------------------------------------------------- commands


def cmd_demo(args: argparse.Namespace) -> int:
    from app.demo import load_demo, load_example_rates

    db = open_db(args)
    try:
        codes = load_demo(db)
        examples = load_example_rates(db)
    finally:
        db.dispose()
    if codes:
        say(
            ngettext(
                "Loaded {n} demo visit: {codes}", "Loaded {n} demo visits: {codes}", len(codes)
            ).format(n=len(codes), codes=", ".join(codes))
        )
    else:
        say(_("The demo visits are already in the database."))
    if examples:
        say(
            ngettext(
                "Added {n} example daily-allowance rate, marked as an example (not "
                "the official rate); delete it once the annex of Regulation No. 969 "
                "is imported.",
                "Added {n} example daily-allowance rates, marked as examples (not "
                "the official rates); delete them once the annex of Regulation "
                "No. 969 is imported.",
                examples,
            ).format(n=examples)
        )
    return EXIT_OK


def visit_list(args: argparse.Namespace) -> Sequence[Any]:
    """All live visits, newest first: plain SQL on a current SQLite file, else the service."""
    from app.storage import check_revision
    from db.schema import HEAD
    from db.urls import sqlite_path

    url = database_url(args)
    path = sqlite_path(url)
    if path is not None and path.is_file() and check_revision(url) == HEAD:
        from app.cli_visit_list import read_visits

        rows = read_visits(path)
        if rows is not None:
            return rows
    from app.services.visits import list_visits

    db = open_db(args)
    try:
        return list_visits(db)
    finally:
        db.dispose()


def cmd_visits_list(args: argparse.Namespace) -> int:
    visits = visit_list(args)
    if args.json:
        dump_json(
            [
                {
                    "id": v.id,
                    "code": v.code,
                    "title": v.title,
                    "kind": v.kind,
                    "status": v.status,
                    "start_date": v.start_date.isoformat(),
                    "end_date": v.end_date.isoformat(),
                    "country": v.country,
                    "city": v.city,
                    "participants": v.participants,
                }
                for v in visits
            ]
        )
        return EXIT_OK
    if not visits:
        say(
            _(
                "No visits yet. Load the demo visits with “studyvisit demo” or import a visit "
                "file with “studyvisit import visit FILE.json”."
            )
        )
        return EXIT_OK
    from app.labels import visit_status

    # the status as the window says it ("Notikusi"); --json keeps the stored code
    rows = [
        (
            v.code,
            f"{v.start_date.isoformat()} – {v.end_date.isoformat()}",
            visit_status(v.status),
            v.title,
        )
        for v in visits
    ]
    say(table((_("Code"), _("Dates"), _("Status"), _("Title")), rows))
    return EXIT_OK


def cmd_import_visit(args: argparse.Namespace) -> int:
    text = read_text(args.file)
    from app.domain.validation import Invalid
    from app.interchange.visit_file import import_visit

    db = open_db(args)
    try:
        result = import_visit(db, text, replace=args.replace, new_code=args.new_code)
    except Invalid as exc:
        raise UsageError(f"{args.file}: {exc}") from exc
    finally:
        db.dispose()
    from app.interchange.visit_file import shown_warnings

    for warning in shown_warnings(result.warnings):
        warn(_("warning: {message}").format(message=warning))
    say(_("Imported visit {code}.").format(code=result.code))
    return EXIT_OK


def cmd_export_visit(args: argparse.Namespace) -> int:
    from app.interchange.visit_file import export_visit

    db = open_db(args)
    try:
        text = export_visit(db, args.visit, include_sensitive=args.include_sensitive)
    finally:
        db.dispose()
    path = write_text_atomically(args.out, text, private=True)  # names, phones, needs
    say(_("Visit {visit} written to {file}.").format(visit=args.visit, file=path))
    return EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    from app.backups import BackupRefused, back_up

    source = sqlite_file(args)
    target = Path(args.out).expanduser()
    try:
        back_up(source, target)
    except BackupRefused as exc:
        raise UsageError(str(exc)) from exc
    say(_("Backup written to {file}.").format(file=target))
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from app.backups import BackupRefused, restore
    from app.storage import open_database

    target = sqlite_file(args, must_exist=False)
    try:
        kept = restore(Path(args.file).expanduser(), target, name=args.file)
    except BackupRefused as exc:
        raise UsageError(str(exc)) from exc
    open_database(database_url(args)).dispose()  # an older backup is upgraded now
    say(_("Restored {file} into {db}.").format(file=args.file, db=target))
    if kept is not None:
        say(_("The database it replaced was kept as {copy}.").format(copy=kept))
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from db.backup import check_file

    path = sqlite_file(args)
    problems = check_file(path)
    if not problems:
        say(_("ok"))
        return EXIT_OK
    for problem in problems:
        say(problem)
    warn(
        ngettext(
            "{n} problem found in {path}.", "{n} problems found in {path}.", len(problems)
        ).format(n=len(problems), path=path)
    )
    return EXIT_PROBLEMS


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    from app.storage import current_revision

    db = open_db(args)
    try:
        revision = current_revision(db)
    finally:
        db.dispose()
    say(_("The database is at schema revision {revision}.").format(revision=revision))
    return EXIT_OK


# --------------------------------------------------------------------------- entry point


def _expected_errors() -> tuple[type[BaseException], ...]:
    """Errors that are the user's input or environment, reported in one line."""
    from app.storage import StorageError

    errors: list[type[BaseException]] = [UsageError, StorageError, OSError]
    for module, name in (
        ("app.domain.validation", "Invalid"),
        ("app.services.base", "ServiceError"),
        ("db.schema", "SchemaError"),
    ):
        loaded = sys.modules.get(module)
        if loaded is not None:
            errors.append(getattr(loaded, name))
    return tuple(errors)


def one_line(exc: BaseException) -> str:
    hint = getattr(exc, "cli_hint", None)  # StorageError: what --db or restore can do
    if hint:
        return f"{' '.join(str(exc).split())} {hint}"
    if isinstance(exc, OSError) and exc.strerror:
        where = exc.filename
        return f"{where}: {exc.strerror}" if where else exc.strerror
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text


def run_command(args: argparse.Namespace) -> int:
    runner: Callable[[argparse.Namespace], int] = args.run
    try:
        _refuse_writing_over_the_database(args)
        return runner(args)
    except KeyboardInterrupt:
        warn(_("Interrupted."))
        return 130
    except Exception as exc:
        from app.failures import explain, kind

        found = kind(exc)
        if isinstance(exc, _expected_errors()) and not (
            isinstance(exc, OSError) and found != "other"
        ):
            warn(one_line(exc))
            return EXIT_BAD_INPUT
        if os.environ.get(DEBUG_ENV):
            raise
        # A database or disk failure: one sentence, never the SQL or the values it wrote;
        # the details go to the log the sentence names.
        warn(explain(exc, where=_where(args, exc), doing=f"studyvisit {args.command}"))
        return EXIT_BAD_INPUT if found != "other" else EXIT_PROBLEMS


def _refuse_writing_over_the_database(args: argparse.Namespace) -> None:
    """A command's ``--out`` naming the database it reads (or its journal or lock) is
    refused before anything is read: ``--db visits.db export programme … --out visits.db``
    once wrote the PDF in place of every visit. ``backup`` says so in its own words. A
    command writing a file named otherwise says which argument (``writes``: the
    templates' ``FILE``)."""
    out = getattr(args, getattr(args, "writes", "out"), None)
    if not out or args.command == "backup":
        return
    from app.storage import is_database_file

    if is_database_file(database_url(args), Path(out)):
        raise UsageError(
            _("{file} is the database itself: choose another file to write to.").format(file=out)
        )


def _where(args: argparse.Namespace, exc: BaseException) -> str | None:
    """What failed, for its message: the file the command writes (``--out``) when a file
    operation failed (a full disk mid-write names no file), else the database as the user
    named it."""
    from app.failures import file_failure
    from app.storage import describe

    out = getattr(args, "out", None)
    if out and file_failure(exc):
        return str(Path(out).expanduser())
    try:
        return describe(database_url(args))
    except Exception:
        return None


def main(
    argv: Sequence[str] | None = None,
    *,
    open_window: Callable[[argparse.Namespace], int] | None = None,
) -> int:
    """Run the command line; returns the exit code (the console script exits with it).

    With no command, ``open_window`` shows the window: the ``studyvisit`` script passes it
    from ``ui.launch`` (``app`` never imports ``ui``); ``python -m app`` has no window.
    """
    from app.cli_argparse import speak_our_language
    from app.config import interface_language

    set_language(interface_language())
    speak_our_language()
    arguments = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    try:
        args = parser.parse_args(arguments)
    except SystemExit as exc:  # --help, --version, usage errors
        return exc.code if isinstance(exc.code, int) else EXIT_BAD_INPUT
    if args.command is None:
        if open_window is None:
            warn(
                _(
                    "Name a command (python -m app --help); the window opens with "
                    "studyvisit or python -m ui."
                )
            )
            return EXIT_BAD_INPUT
        return open_window(args)
    return run_command(args)


if __name__ == "__main__":
    raise SystemExit(main())
