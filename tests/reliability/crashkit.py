"""Kill a start of the program at a chosen step and look at what the next start finds.

A *step* is one SQL statement reaching SQLite (every connection's trace callback, so the
statements Alembic, SQLAlchemy and the program's own ``sqlite3`` calls send, BEGIN and COMMIT
included) or one file operation (copy, rename, delete). ``run_sweep`` forks a child per step
number N (after one uninterrupted start has counted them); the child counts steps and sends itself SIGKILL just before step N, as a power cut
or a killed process would stop it. The parent then checks that the file on disk is either the
untouched old database or the fully upgraded one, that the next start opens it and upgrades
it to exactly what an uninterrupted start makes, and that every automatic copy left beside it
opens.

Run as a script (the test does, in a subprocess, so that forking never copies pytest):

    python -m tests.reliability.crashkit WORKDIR REVISION JOURNAL [CASES]

REVISION is an old schema revision, or ``new`` for the very first start; JOURNAL is ``wal``
(a file the program wrote) or ``delete`` (a file ``studyvisit backup`` wrote). One JSON line
per case goes to standard output, then a summary line. CASES 0 (the default) kills at every
step; a number spreads about that many kills (see ``kill_points``).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import sqlite3
import sys
from pathlib import Path
from typing import Any

NOW = "2024-01-01 00:00:00"
# Datetimes a migration stamps with the time it runs ("now", with microseconds); the old data
# holds none, so masking them makes two upgrades of the same file comparable.
_NOW_STAMP = re.compile(r"\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d\.\d{6}")


def migrate_to(path: Path, revision: str) -> None:
    """The schema as an older program left it at ``revision``."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine

    from db.schema import MIGRATIONS_DIR

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    engine = create_engine(f"sqlite:///{path}")
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
    finally:
        engine.dispose()


def _uuid(n: int) -> str:
    return f"00000000-0000-4000-8000-{n:012d}"


def seed_0001(path: Path) -> None:
    """A little of everything the data migrations touch, written as revision 0001 had it:
    visits, a host and its contact, people, participations, funding sources (grants and own
    funds), a programme item, a live and a deleted report with contacts gained."""
    con = sqlite3.connect(path)
    run = con.execute
    stamp = f"1, '{NOW}', '{NOW}'"
    run(
        f"INSERT INTO organisation (id, name, country, version, created_at, updated_at, uuid) "
        f"VALUES (1, 'Bergen kommune', 'NO', {stamp}, '{_uuid(201)}')"
    )
    run(
        f"INSERT INTO contact (id, organisation_id, name, version, created_at, updated_at, uuid)"
        f" VALUES (1, 1, 'Kjetil Sandvik', {stamp}, '{_uuid(301)}')"
    )
    for i, (given, family) in enumerate([("Anna", "Bērziņa"), ("Jānis", "Ozols")], start=1):
        run(
            f"INSERT INTO person (id, given_name, family_name, date_of_birth, id_document, "
            f"version, created_at, updated_at, uuid) VALUES ({i}, '{given}', '{family}', "
            f"'1980-0{i}-1{i}', 'LV{i}2345', {stamp}, '{_uuid(400 + i)}')"
        )
    for v, (code, zone) in enumerate(
        [("OLD-BERGEN", "Europe/Oslo"), ("OLD-TARTU", "Europe/Tallinn")], start=1
    ):
        run(
            "INSERT INTO visit (id, code, title, kind, direction, status, timezone, start_date,"
            " end_date, base_currency, topics, version, created_at, updated_at, uuid) VALUES "
            f"({v}, '{code}', 'Vizīte {code}', 'study_visit', 'outgoing', 'completed', '{zone}',"
            f" '2014-04-0{v}', '2014-04-0{v + 3}', 'EUR', '[\"klasteri\", \"pašvaldības\"]', "
            f"{stamp}, '{_uuid(v)}')"
        )
        for p in (1, 2):
            run(
                "INSERT INTO participation (visit_id, person_id, role, status, version, "
                f"created_at, updated_at) VALUES ({v}, {p}, 'delegate', 'attended', {stamp})"
            )
        names = ["LPS pašu līdzekļi", "Norvēģijas finanšu instruments"]
        for i, name in enumerate(names, start=1):
            run(
                "INSERT INTO funding_source (visit_id, position, name, share, version, "
                f"created_at, updated_at, uuid) VALUES ({v}, {i}, '{name}', '50', {stamp}, "
                f"'{_uuid(100 + 10 * v + i)}')"
            )
        run(
            "INSERT INTO programme_item (visit_id, starts, ends, timezone, starts_utc, ends_utc,"
            " kind, title, description, host_id, contact_id, attendees_all, interpreter, "
            "confirmed, version, created_at, updated_at, uuid) VALUES "
            f"({v}, '2014-04-0{v} 10:00:00', '2014-04-0{v} 12:00:00', '{zone}', "
            f"'2014-04-0{v} 08:00:00', '2014-04-0{v} 10:00:00', 'meeting', 'Tikšanās ar "
            f"pašvaldību', 'Atkritumu apsaimniekošana', 1, 1, 1, 0, 1, {stamp}, "
            f"'{_uuid(500 + v)}')"
        )
        deleted = "'2024-02-01 00:00:00'" if v == 1 else "NULL"
        run(
            "INSERT INTO report (visit_id, summary, contacts_gained, version, created_at, "
            f"updated_at, deleted_at) VALUES ({v}, 'Kopsavilkums {v}', "
            f'\'["Kjetil Sandvik, Bergen kommune", "Liv Torsvik \\u0101 BIR"]\', {stamp}, '
            f"{deleted})"
        )
    con.commit()
    con.close()


def make_old_database(path: Path, revision: str, journal: str) -> None:
    """A database at ``revision`` holding the seed data, in the given journal mode."""
    migrate_to(path, "0001")
    seed_0001(path)
    if revision != "0001":
        migrate_to(path, revision)
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA journal_mode={'WAL' if journal == 'wal' else 'DELETE'}")
    con.close()


def _same_order(sql: str | None) -> tuple[str, ...] | None:
    """A CREATE statement with its lines in a fixed order.

    Alembic's batch mode (SQLite's "move and copy" of a table) writes a table's constraints
    in the order of a Python set, which changes with each process's hash seed: two upgrades
    of the same file give the same schema with the CONSTRAINT lines in another order. The
    lines (their trailing commas aside) are compared as a set of lines, not as text."""
    if sql is None:
        return None
    return tuple(sorted(line.strip().rstrip(",").strip() for line in sql.splitlines()))


def dump(path: Path) -> tuple[str | None, list[Any]] | None:
    """The revision and the whole content (schema, rows, the archive index's rows) of a file,
    read as the next start would (a plain read-write connection, so SQLite first rolls back
    whatever a killed transaction left). None when the file is missing or holds no table."""
    if not path.exists():
        return None
    con = sqlite3.connect(path)
    try:
        master = [
            (kind, name, table, _same_order(sql))
            for kind, name, table, sql in con.execute(
                "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
            )
        ]
        if not any(row[0] == "table" for row in master):
            return None
        tables = [
            name
            for kind, name, _t, sql in master
            if kind == "table"
            and not name.startswith("archive_fts")
            and not name.startswith("sqlite_")
        ]
        content: list[Any] = [master]
        for table in tables:
            rows = con.execute(f'SELECT * FROM "{table}" ORDER BY rowid').fetchall()
            if table == "visit_stamp":  # random by design (db/change_stamps.py): which visits
                rows = [(row[0], "<random>") for row in rows]
            content.append(
                (
                    table,
                    [
                        tuple(_NOW_STAMP.sub("<now>", v) if isinstance(v, str) else v for v in row)
                        for row in rows
                    ],
                )
            )
        if any(row[1] == "archive_fts" for row in master):
            content.append(
                (
                    "archive_fts",
                    con.execute("SELECT rowid, * FROM archive_fts ORDER BY rowid").fetchall(),
                )
            )
        revision = None
        if "alembic_version" in tables:
            found = con.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = found[0] if found else None
        return revision, content
    finally:
        con.close()


# ----------------------------------------------------------------------------- the kill hook


class _Steps:
    """Counts steps, remembering what each was; SIGKILL just before step ``kill_at``."""

    def __init__(self, kill_at: int) -> None:
        self.kill_at = kill_at
        self.count = 0
        self.seen: list[str] = []

    def step(self, what: object = None) -> None:
        self.count += 1
        self.seen.append(str(what).split(None, 1)[0].upper() if what else "")
        if self.count == self.kill_at:
            os.kill(os.getpid(), signal.SIGKILL)


def _install(steps: _Steps) -> None:
    original_connect = sqlite3.connect

    def connect(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        steps.step("connect")
        con = original_connect(*args, **kwargs)
        con.set_trace_callback(steps.step)
        return con

    sqlite3.connect = connect  # type: ignore[assignment]
    sqlite3.dbapi2.connect = connect  # type: ignore[attr-defined]

    def counted(fn: Any) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            steps.step(f"file:{fn.__name__}")
            return fn(*args, **kwargs)

        return wrapper

    os.replace = counted(os.replace)
    os.rename = counted(os.rename)
    os.unlink = counted(os.unlink)
    os.remove = counted(os.remove)
    shutil.copyfile = counted(shutil.copyfile)
    Path.unlink = counted(Path.unlink)  # type: ignore[method-assign]


def start_once(url: str) -> None:
    """One start of the program on ``url``: what the window and every command do first."""
    from app.storage import open_database

    open_database(url).dispose()


def _child(url: str, kill_at: int, record: Path | None = None) -> None:
    steps = _Steps(kill_at)
    _install(steps)
    try:
        start_once(url)
    except BaseException as exc:  # a start that fails without being killed: report it
        sys.stderr.write(f"start failed at step {steps.count}: {exc}\n")
        os._exit(3)
    if record is not None:
        record.write_text(json.dumps(steps.seen))
    os._exit(0)


def count_steps(source: Path | None, case: Path) -> list[str]:
    """The steps of one uninterrupted start on a copy of ``source`` (None: a first start)."""
    case.mkdir()
    target = case / "studyvisit.db"
    if source is not None:
        shutil.copyfile(source, target)
    record = case / "steps.json"
    sys.stdout.flush()
    pid = os.fork()
    if pid == 0:
        _child(f"sqlite:///{target}", 0, record)
    _pid, status = os.waitpid(pid, 0)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, status
    seen = json.loads(record.read_text())
    shutil.rmtree(case)
    return seen


def kill_points(seen: list[str], cases: int) -> list[int]:
    """Every step (``cases`` 0), or about ``cases`` spread evenly plus the steps either side
    of each COMMIT, where a kill decides between the old and the new file."""
    total = len(seen)
    if cases <= 0 or cases >= total:
        return list(range(1, total + 1))
    points = {1 + round(i * (total - 1) / (cases - 1)) for i in range(cases)}
    for i, what in enumerate(seen, start=1):
        if what == "COMMIT":
            points.update(n for n in (i, i + 1) if n <= total)
    return sorted(points)


def _copies_problems(folder: Path) -> list[str]:
    from db.backup import check_file
    from db.schema import REVISIONS

    problems = []
    if not folder.is_dir():
        return problems
    for copy in sorted(folder.iterdir()):
        if copy.suffix != ".db":
            problems.append(f"left over: {copy.name}")
            continue
        found = check_file(copy)
        if found:
            problems.append(f"{copy.name}: {found[0]}")
            continue
        revision = dump(copy)
        if revision is None or revision[0] not in REVISIONS:
            problems.append(f"{copy.name}: not a usable copy")
    return problems


def run_sweep(workdir: Path, revision: str, journal: str, cases: int = 0) -> dict[str, Any]:
    """Kill one start at every step (or at ``cases`` of them, see ``kill_points``) and check
    each; prints a JSON line per case and a summary line."""
    # Loaded before forking, so that every child starts at the same point.
    import alembic.command  # noqa: F401
    import sqlalchemy.orm  # noqa: F401

    import app.storage  # noqa: F401
    import db.models  # noqa: F401
    from db.schema import HEAD

    workdir.mkdir(parents=True, exist_ok=True)
    source = workdir / "source.db"
    if revision != "new":
        make_old_database(source, revision, journal)
    old = dump(source) if revision != "new" else None

    reference_dir = workdir / "reference"
    reference_dir.mkdir()
    reference = reference_dir / "studyvisit.db"
    if revision != "new":
        shutil.copyfile(source, reference)
    start_once(f"sqlite:///{reference}")
    new = dump(reference)
    assert new is not None and new[0] == HEAD

    seen = count_steps(source if revision != "new" else None, workdir / "count")
    tried = held = 0
    failures: list[dict[str, Any]] = []
    for n in kill_points(seen, cases):
        case = workdir / f"kill-{n:04d}"
        case.mkdir()
        target = case / "studyvisit.db"
        if revision != "new":
            shutil.copyfile(source, target)
        sys.stdout.flush()
        pid = os.fork()
        if pid == 0:
            _child(f"sqlite:///{target}", n)
        _pid, status = os.waitpid(pid, 0)
        if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL:
            result = check_case(target, old, new)
        else:
            result = {"held": False, "why": f"the start was not killed ({status})"}
        result.update(n=n, step=seen[n - 1])
        tried += 1
        held += bool(result["held"])
        if not result["held"]:
            failures.append(result)
        print(json.dumps(result, ensure_ascii=False), flush=True)
        if result["held"]:
            shutil.rmtree(case)
    summary = {
        "revision": revision,
        "journal": journal,
        "steps": len(seen),
        "tried": tried,
        "held": held,
        "failures": failures[:5],
    }
    print(json.dumps({"summary": summary}, ensure_ascii=False), flush=True)
    return summary


def check_case(target: Path, old: Any, new: Any) -> dict[str, Any]:
    """What the next start finds after a kill: the old or the new database, never between."""
    from app.storage import StorageError

    try:
        found = dump(target)
    except sqlite3.Error as exc:
        return {"held": False, "why": f"unreadable after the kill: {exc}"}
    state = "old" if found == old else "new" if found == new else "other"
    if state == "other":
        return {
            "held": False,
            "why": "neither the old nor the upgraded database",
            "revision": found[0] if found else None,
        }
    try:
        start_once(f"sqlite:///{target}")
    except StorageError as exc:
        return {"held": False, "state": state, "why": f"next start refused: {exc}"}
    after = dump(target)
    if after != new:
        return {
            "held": False,
            "state": state,
            "why": "the next start did not end at the fully upgraded database",
        }
    problems = _copies_problems(target.parent / "backups")
    leftovers = [p.name for p in target.parent.iterdir() if p.name.endswith(".part")]
    if problems or leftovers:
        return {"held": False, "state": state, "why": "; ".join(problems + leftovers)}
    return {"held": True, "state": state}


if __name__ == "__main__":
    work, rev, mode = sys.argv[1:4]
    run_sweep(Path(work), rev, mode, int(sys.argv[4]) if len(sys.argv) > 4 else 0)
