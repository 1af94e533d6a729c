"""Kill a writing operation of the program at many moments and look at what is left.

Each *operation* is something a coordinator does that writes: an upgrade of the oldest
schema, a backup, a restore of an old backup, a 20,000-line participant import, a visit file
replacing a visit, a series of programme edits and undos, the Report tab's texts saved by the
window, a budget exported as PDF and as XLSX. Each runs in a forked child (the program's own
code: the command line's ``main``, the window, the services the window calls) that is killed
with SIGKILL:

- at a *step*: the child counts every SQL statement reaching SQLite and every file operation
  (``crashkit``'s hook) and kills itself just before step N; the steps either side of each
  COMMIT are always among them;
- at a *moment*: the parent kills the child after a delay drawn from a seeded generator,
  spread over the whole operation and over the part that writes (the hook is not installed,
  so the child runs at full speed and a kill can land inside a COMMIT or a file write).

After each kill the database must open with the program's own open path
(``app.storage.open_database``); ``integrity_check`` and ``foreign_key_check`` must find
nothing; the schema must be at a revision this program knows; the content (every row of every
table, UUIDs and "now" stamps masked) must be one of the states the operation passes through
whole (before, after, or after each step of a series) — never between; the next start must
bring it to the head revision; a file the operation writes (a backup, a kept copy, a PDF, a
workbook) must be either complete under its name or absent, a leftover being clearly named
as incomplete (``.part``) and removed at the next start where the program owns the folder.

Run as a script (the test does, in a subprocess, so that forking never copies pytest):

    python -m tests.reliability.killkit WORKDIR SEED OPERATION:STEP_KILLS:TIMED_KILLS ...

One JSON line per case goes to standard output, then a summary line per operation.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import shutil
import signal
import sqlite3
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.reliability.crashkit import _install, _same_order

_NOW_STAMP = re.compile(r"\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d\.\d{6}")
DB = "studyvisit.db"
Mark = Callable[[], None]


# --------------------------------------------------------------------------- what is there


def snapshot(path: Path) -> tuple[str | None, Any] | None:
    """The revision and the whole content of the database at ``path`` as the next start
    reads it (a read-write connection rolls back what a killed transaction left), with each
    row's UUID and every date-time masked: two runs of the same operation make other UUIDs
    and other "now" stamps. None when there is no database (no file, no table)."""
    if not path.exists():
        return None
    con = sqlite3.connect(path, timeout=10)
    try:
        master = [
            (kind, name, table, _same_order(sql))
            for kind, name, table, sql in con.execute(
                "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
            )
        ]
        tables = [
            name
            for kind, name, _t, _sql in master
            if kind == "table" and not name.startswith(("archive_fts", "sqlite_stat"))
        ]
        if not tables:
            return None
        content: list[Any] = [master]
        for table in tables:
            cursor = con.execute(f'SELECT * FROM "{table}" ORDER BY rowid')
            masks = [_mask_for(d[0]) for d in cursor.description]
            rows = [tuple(mask(v) for mask, v in zip(masks, row, strict=True)) for row in cursor]
            # As a multiset: an import may insert rows without an id of their own (a room's
            # occupants) in an order that follows memory addresses, not the file.
            content.append((table, sorted(rows, key=repr)))
        if any(row[1] == "archive_fts" for row in master):
            fts = con.execute("SELECT * FROM archive_fts ORDER BY rowid").fetchall()
            content.append(("archive_fts", sorted(map(repr, fts))))
        revision = None
        if "alembic_version" in tables:
            found = con.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = found[0] if found else None
        return revision, content
    finally:
        con.close()


def _masked_value(value: Any) -> Any:
    if isinstance(value, bytes):  # a photo: its digest stands for it
        return f"<bytes {hashlib.sha1(value).hexdigest()}>"
    if isinstance(value, str) and len(value) >= 19 and value[4:5] == "-":
        return _NOW_STAMP.sub("<now>", value)
    return value


def _mask_for(column: str) -> Callable[[Any], Any]:
    if column == "stamp":  # visit_stamp: a random number each change draws (db/change_stamps)
        return lambda value: None if value is None else "<stamp>"
    if column == "uuid":
        return lambda value: None if value is None else "<uuid>"
    if column in ("created_at", "updated_at", "deleted_at"):
        return lambda value: None if value is None else "<now>"
    return _masked_value


def problems_of(path: Path) -> list[str]:
    from db.backup import check_file

    return check_file(path)


def leftovers(folder: Path) -> list[str]:
    """Files in ``folder`` whose names say they are incomplete."""
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if ".part" in p.name)


# --------------------------------------------------------------------------- the operations


def cli(*argv: object) -> None:
    """The command line in this process; a refusal is a failure of the operation."""
    from app.cli import main

    code = main([str(a) for a in argv])
    if code != 0:
        raise RuntimeError(f"exit {code}")


class Operation:
    """One thing a coordinator does, prepared once, then run (and killed) many times.

    ``prepare`` writes ``source/`` (the database and the files the operation reads); each
    case runs in a copy of it. ``act`` runs in the child and calls ``mark()`` after each
    step a series makes whole. ``outputs`` checks the files the operation writes besides
    the database."""

    name = ""

    def prepare(self, source: Path) -> None:
        raise NotImplementedError

    def act(self, case: Path, mark: Mark) -> None:
        raise NotImplementedError

    def extra_states(self, source: Path) -> list[Any]:
        """States besides the marks that the database may be in after a kill."""
        return []

    def outputs(self, case: Path, reference: Path, states: list[Any]) -> list[str]:
        return []


def demo_database(path: Path) -> None:
    """The six demo visits, at the head revision (``STUDYVISIT_KILL_DEMO`` names a file
    made so already: the test passes the session's, built once)."""
    made = os.environ.get("STUDYVISIT_KILL_DEMO")
    if made:
        shutil.copyfile(made, path)
        return
    from app.demo import load_demo
    from db.engine import Database
    from db.schema import ensure_schema

    ensure_schema(f"sqlite:///{path}")
    db = Database(f"sqlite:///{path}")
    try:
        load_demo(db)
    finally:
        db.dispose()


class Upgrade(Operation):
    """The oldest schema this program reads (a file ``studyvisit backup`` wrote) upgraded
    to the head by ``studyvisit db upgrade``."""

    name = "upgrade"

    def prepare(self, source: Path) -> None:
        from db.schema import REVISIONS
        from tests.reliability.crashkit import make_old_database

        make_old_database(source / DB, REVISIONS[0], "delete")

    def act(self, case: Path, mark: Mark) -> None:
        cli("--db", case / DB, "db", "upgrade")
        mark()

    def outputs(self, case: Path, reference: Path, states: list[Any]) -> list[str]:
        return copies_problems(case, states)


def copies_problems(case: Path, states: list[Any]) -> list[str]:
    """Each automatic copy in the backups folder opens, passes the checks and holds a state
    the database was in; leftovers there are gone after the next start."""
    folder = case / "backups"
    found: list[str] = []
    if not folder.is_dir():
        return found
    for copy in sorted(folder.iterdir()):
        if ".part" in copy.name:
            found.append(f"left over after the next start: {copy.name}")
            continue
        bad = problems_of(copy)
        if bad:
            found.append(f"copy {copy.name}: {bad[0]}")
        elif snapshot(copy) not in states:
            found.append(f"copy {copy.name} holds none of the states")
    return found


def with_photos(path: Path, count: int = 8) -> None:
    """The demo database with ``count`` camera photos in its reports (kept inside the
    database, about a megabyte each): a backup or restore then takes long enough for a
    timed kill to land inside SQLite's copy."""
    from io import BytesIO

    from PIL import Image

    from app.services.photos import attach_photo
    from app.services.visits import find_visit
    from db.engine import Database

    demo_database(path)
    rng = random.Random(13)
    db = Database(f"sqlite:///{path}")
    try:
        visit = find_visit(db, "DEMO-BERGEN-2014")
        for i in range(count):
            image = Image.frombytes("RGB", (1200, 900), rng.randbytes(1200 * 900 * 3))
            out = BytesIO()
            image.save(out, "JPEG", quality=85)
            photo = path.parent / f"photo-{i}.jpg"
            photo.write_bytes(out.getvalue())
            attach_photo(db, visit.id, photo, caption=f"Bergena {i}")
            photo.unlink()
    finally:
        db.dispose()


class Backup(Operation):
    """``studyvisit backup --out FILE`` of the demo database with photos."""

    name = "backup"

    def prepare(self, source: Path) -> None:
        with_photos(source / DB)

    def act(self, case: Path, mark: Mark) -> None:
        cli("--db", case / DB, "backup", "--out", case / "copies" / "monday.db")
        mark()

    def outputs(self, case: Path, reference: Path, states: list[Any]) -> list[str]:
        from app.backups import BackupRefused, check_restore

        folder = case / "copies"
        found: list[str] = []
        if not folder.is_dir():
            return found
        for item in sorted(folder.iterdir()):
            if ".part" in item.name:
                continue  # named as incomplete: never taken for a backup
            if item.name != "monday.db":
                found.append(f"unexpected file {item.name}")
                continue
            bad = problems_of(item)
            if bad:
                found.append(f"a backup under its name fails the checks: {bad[0]}")
            elif snapshot(item) != snapshot(case / DB):
                found.append("a backup under its name differs from the database")
            try:
                check_restore(item, case / "elsewhere.db")
            except BackupRefused as exc:
                found.append(f"the backup would not be restored: {exc}")
        return found


class Restore(Operation):
    """``studyvisit restore`` of a backup written at the oldest schema over the demo
    database: the backup's pages copied in, then the next start's upgrade."""

    name = "restore"

    def prepare(self, source: Path) -> None:
        from db.schema import REVISIONS
        from tests.reliability.crashkit import make_old_database

        with_photos(source / DB)
        make_old_database(source / "old-backup.db", REVISIONS[0], "delete")

    def act(self, case: Path, mark: Mark) -> None:
        cli("--db", case / DB, "restore", case / "old-backup.db")
        mark()

    def extra_states(self, source: Path) -> list[Any]:
        return [snapshot(source / "old-backup.db")]

    def outputs(self, case: Path, reference: Path, states: list[Any]) -> list[str]:
        return copies_problems(case, states)


def with_bergen(path: Path) -> None:
    """The demo database and a visit to Bergen in April 2026 with no report yet."""
    import datetime as dt

    from app.services.visits import create_visit
    from db.engine import Database

    demo_database(path)
    db = Database(f"sqlite:///{path}")
    try:
        create_visit(
            db,
            code="LPS-BERGEN",
            title="LPS valde Bergenā",
            country="NO",
            city="Bergen",
            timezone="Europe/Oslo",
            start_date=dt.date(2026, 4, 6),
            end_date=dt.date(2026, 4, 9),
        )
    finally:
        db.dispose()


class Participants(Operation):
    """A 20,000-line participant list saved as the window saves it (the list read and
    checked first, while the dialog shows it; then ``apply`` off the window's thread, all
    lines in one transaction), then the import undone and redone."""

    name = "participants"
    rows = 20_000

    def prepare(self, source: Path) -> None:
        from app.interchange import participants as imp
        from app.services.visits import find_visit
        from bench.imports import write_list
        from db.engine import Database

        with_bergen(source / DB)
        write_list(source / "list.csv", self.rows)
        table = imp.read_table(source / "list.csv")
        db = Database(f"sqlite:///{source / DB}")
        try:
            visit = find_visit(db, "LPS-BERGEN")
            self.checked = imp.plan(db, visit.id, table, imp.guess_mapping(table.headers))
        finally:
            db.dispose()
        assert self.checked.ok and len(self.checked.lines) == self.rows

    def act(self, case: Path, mark: Mark) -> None:
        import threading

        from app.interchange import participants as imp
        from db.engine import Database

        db = Database(f"sqlite:///{case / DB}")
        done: list[Any] = []
        worker = threading.Thread(
            target=lambda: done.append(imp.apply(db, self.checked, progress=lambda *a: None))
        )
        worker.start()
        worker.join()
        mark()
        imp.undo(db, done[0])
        mark()
        imp.redo(db, done[0])
        mark()
        db.dispose()


class VisitFile(Operation):
    """``studyvisit import visit --replace``: a changed visit file replacing a demo visit."""

    name = "visit-file"

    def prepare(self, source: Path) -> None:
        from app.interchange.visit_file import export_visit
        from db.engine import Database

        demo_database(source / DB)
        db = Database(f"sqlite:///{source / DB}")
        try:
            doc = json.loads(export_visit(db, "DEMO-TRONDELAG-2015", include_sensitive=True))
        finally:
            db.dispose()
        doc["visit"]["title"] = "Trondelāgas vizīte (pārskatīta)"
        for item in doc.get("programme", []):
            item["title"] = f"{item['title']} — labots"
        (source / "visit.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")

    def act(self, case: Path, mark: Mark) -> None:
        cli("--db", case / DB, "import", "visit", "--replace", case / "visit.json")
        mark()


class ProgrammeSeries(Operation):
    """Programme edits and their undos as the window makes them (each through the
    service its undo command calls), then a visit replaced from a file and undone: after
    a kill the database holds exactly the first k steps."""

    name = "programme"

    def prepare(self, source: Path) -> None:
        demo_database(source / DB)

    def act(self, case: Path, mark: Mark) -> None:
        import datetime as dt

        from app.interchange.visit_file import export_visit
        from app.operations.visits import ReplaceVisit
        from app.services import programme as p
        from app.services.visits import find_visit
        from db.engine import Database

        db = Database(f"sqlite:///{case / DB}")
        try:
            visit = find_visit(db, "DEMO-BERGEN-2014")
            start = visit.start_date
            made = []
            for hour, title in ((8, "Brokastis ar vēstnieku"), (17, "Vakariņas — Ķekava")):
                item = p.create_programme_item(
                    db,
                    visit.id,
                    title=title,
                    starts=dt.datetime.combine(start, dt.time(hour, 0)),
                    ends=dt.datetime.combine(start, dt.time(hour + 1, 0)),
                )
                made.append(item)
                mark()
            first = made[0]
            row = p.update_programme_item(db, first.id, first.version, title="Brokastis (labots)")
            mark()
            row = p.update_programme_item(db, first.id, row.version, title=first.title)  # undo
            mark()
            p.delete_programme_item(db, made[1].id, made[1].version)
            mark()
            p.restore_programme_item(db, made[1].id)  # undo of the delete
            mark()
            doc = json.loads(export_visit(db, visit.code, include_sensitive=True))
            doc["visit"]["title"] = "Bergenas vizīte (no faila)"
            replace = ReplaceVisit(db, visit.code, json.dumps(doc, ensure_ascii=False))
            replace.save()
            mark()
            replace.undo()
            mark()
        finally:
            db.dispose()


class ReportTexts(Operation):
    """The window's Report tab: on a visit with no report yet, a summary typed and the
    field left (saved, one undo step), the results typed and the visit closed (saved on
    leaving it); on another visit a summary typed and a pause (saved, the field not left),
    the results typed and the window closed (saved on close)."""

    name = "report-text"

    def prepare(self, source: Path) -> None:
        with_bergen(source / DB)

    def act(self, case: Path, mark: Mark) -> None:
        from PySide6.QtTest import QTest
        from PySide6.QtWidgets import QApplication

        from app.services.visits import find_visit
        from db.engine import Database
        from ui.main_window import MainWindow
        from ui.visit import report_tab

        report_tab.PAUSE_SAVE_MS = 150  # the pause that saves typing, shortened
        app = QApplication.instance() or QApplication([])
        db = Database(f"sqlite:///{case / DB}")
        window = MainWindow(db)
        for code in ("LPS-BERGEN", "DEMO-POZNAN-2013"):
            window.open_visit(find_visit(db, code).id)
            tab = window.workspace._tab("report")
            window.workspace.tabs.setCurrentWidget(tab)
            tab.summary.setPlainText(f"{code}: kopīgs reģionālais uzņēmums & <b>tarifi</b>.")
            if code == "LPS-BERGEN":
                tab.summary.editingFinished.emit()
            else:  # a pause in typing, the field not left: saved when the pause ends
                while tab._pause["summary"].isActive():
                    QTest.qWait(20)
            mark()
            tab.results.setPlainText("Līguma paraugs\nKopīga iepirkuma plāns")
            if code == "LPS-BERGEN":
                window.close_visit()  # saves what was typed and not yet saved
                mark()
        window.close()
        mark()
        app.processEvents()
        db.dispose()

    def extra_states(self, source: Path) -> list[Any]:
        """The report the tab makes before the first text is saved into it: a kill between
        the two leaves the visit with an empty report, the same state an undo of that first
        text leaves (the report is no undo step of its own), and shown as no report."""
        from app.services.reports import create_report
        from app.services.visits import find_visit
        from db.engine import Database

        copy = source.parent / "empty-report"
        copy.mkdir()
        shutil.copyfile(source / DB, copy / DB)
        db = Database(f"sqlite:///{copy / DB}")
        try:
            create_report(db, find_visit(db, "LPS-BERGEN").id)
        finally:
            db.dispose()
        return [snapshot(copy / DB)]


class Export(Operation):
    """``studyvisit export budget`` to PDF or XLSX over an older export of the same name:
    the file is the old one or the new one, whole."""

    def __init__(self, suffix: str) -> None:
        self.suffix = suffix
        self.name = f"export-{suffix}"

    def prepare(self, source: Path) -> None:
        demo_database(source / DB)
        (source / "out").mkdir()
        (source / "out" / f"budget.{self.suffix}").write_bytes(b"the export of last week")

    def act(self, case: Path, mark: Mark) -> None:
        out = case / "out" / f"budget.{self.suffix}"
        cli("--db", case / DB, "export", "budget", "DEMO-BERGEN-2014", "--out", out)
        mark()

    def outputs(self, case: Path, reference: Path, states: list[Any]) -> list[str]:
        folder = case / "out"
        found = []
        for item in sorted(folder.iterdir()):
            if item.name.startswith(".") and item.name.endswith(".part"):
                continue
            if item.name != f"budget.{self.suffix}":
                found.append(f"unexpected file {item.name}")
                continue
            data = item.read_bytes()
            if data == b"the export of last week":
                continue
            whole = reference / "out" / item.name
            if not same_document(item, whole):
                found.append(f"{item.name} is neither the old file nor the whole new one")
        return found


def same_document(path: Path, whole: Path) -> bool:
    """Whether ``path`` is a complete document equal to ``whole`` (read back by a reader
    this program does not use to write: pypdf, openpyxl)."""
    if path.suffix == ".pdf":
        from pypdf import PdfReader

        try:
            pages = [page.extract_text() for page in PdfReader(path).pages]
        except Exception:
            return False
        return pages == [page.extract_text() for page in PdfReader(whole).pages]
    try:
        with zipfile.ZipFile(path) as z:
            if z.testzip() is not None:
                return False
        from openpyxl import load_workbook

        def cells(p: Path) -> list[Any]:
            book = load_workbook(p)
            return [[c.value for row in ws.iter_rows() for c in row] for ws in book.worksheets]

        return cells(path) == cells(whole)
    except Exception:
        return False


OPERATIONS: dict[str, Callable[[], Operation]] = {
    "upgrade": Upgrade,
    "backup": Backup,
    "restore": Restore,
    "participants": Participants,
    "visit-file": VisitFile,
    "programme": ProgrammeSeries,
    "report-text": ReportTexts,
    "export-pdf": lambda: Export("pdf"),
    "export-xlsx": lambda: Export("xlsx"),
}


# --------------------------------------------------------------------------- the child


def _quiet(case: Path) -> None:
    """The child's own output goes to a file: the parent's standard output is the report."""
    fd = os.open(case / "child.out", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    os.close(fd)


# Steps the reference run names (the others, most of them, are plain statements and the
# statements of triggers): where a kill decides between states, and where writes happen.
_NAMED = ("BEGIN", "COMMIT", "ROLLBACK", "file:", "connect")


class _Steps:
    """Counts steps; SIGKILL just before step ``kill_at``. The reference run (``started``
    given) names the steps of ``_NAMED`` and notes when each write began or committed.
    Lighter than crashkit's counter, which keeps every step's word: a 20,000-line import
    makes 240,000 steps (a trigger's statements are steps too)."""

    def __init__(self, kill_at: int, started: float | None = None) -> None:
        self.kill_at = kill_at
        self.count = 0
        self.started = started
        self.named: dict[int, str] = {}
        self.writes: list[float] = []
        self.paused = False

    def step(self, what: object = None) -> None:
        if self.paused:
            return
        self.count += 1
        if self.count == self.kill_at:
            os.kill(os.getpid(), signal.SIGKILL)
        if self.started is not None and isinstance(what, str) and what.startswith(_NAMED):
            word = what.split(None, 1)[0].upper()
            self.named[self.count] = word
            if word != "CONNECT" and word != "ROLLBACK" and what != "BEGIN DEFERRED":
                self.writes.append(time.perf_counter() - self.started)


def _child(op: Operation, case: Path, kill_at: int | None, record: Path | None) -> None:
    _quiet(case)
    started = time.perf_counter()
    steps = _Steps(kill_at or 0, started if record is not None else None)
    if kill_at is not None:
        _install(steps)  # type: ignore[arg-type]
    marks: list[Any] = []

    def mark() -> None:
        if record is not None:  # the reference's look is not a step of the operation
            nonlocal started
            steps.paused, began = True, time.perf_counter()
            try:
                marks.append(snapshot(case / DB))
            finally:
                steps.paused = False
                started += time.perf_counter() - began  # nor is its time
                if steps.started is not None:
                    steps.started = started

    try:
        op.act(case, mark)
    except BaseException as exc:
        sys.stderr.write(f"the operation failed at step {steps.count}: {exc!r}\n")
        sys.stderr.flush()
        os._exit(3)
    if record is not None:
        import pickle

        elapsed = time.perf_counter() - started
        seen = (steps.count, steps.named)
        record.write_bytes(pickle.dumps((seen, marks, steps.writes, elapsed)))
    os._exit(0)


def _fork(op: Operation, case: Path, kill_at: int | None, record: Path | None = None) -> int:
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        _child(op, case, kill_at, record)
    return pid


def _copy_case(source: Path, case: Path) -> None:
    shutil.copytree(source, case)


# --------------------------------------------------------------------------- the checks


def check_case(op: Operation, case: Path, reference: Path, states: list[Any]) -> dict[str, Any]:
    """What a coordinator finds after the kill, and at the next start."""
    from app.storage import StorageError, open_database
    from db.schema import HEAD, REVISIONS

    path = case / DB
    try:
        found = snapshot(path)
    except sqlite3.Error as exc:
        return {"held": False, "why": f"unreadable after the kill: {exc}"}
    if found is None:
        return {"held": False, "why": "no database after the kill"}
    if found not in states:
        return {"held": False, "why": "the database is in none of the whole states"}
    state = states.index(found)
    bad = problems_of(path)
    if bad:
        return {"held": False, "state": state, "why": f"checks: {bad[0]}"}
    if found[0] not in REVISIONS:
        return {"held": False, "state": state, "why": f"revision {found[0]}"}
    try:
        open_database(f"sqlite:///{path}").dispose()  # the next start
    except StorageError as exc:
        return {"held": False, "state": state, "why": f"the next start refused: {exc}"}
    from db.schema import sqlite_revision

    # At the head already, the start changes nothing (it has no upgrade to make): the
    # revision is read again; an older file is upgraded and must become a whole state.
    after = found if found[0] == HEAD else snapshot(path)
    if sqlite_revision(path) != HEAD or after is None or after not in states:
        return {"held": False, "state": state, "why": "the next start left no whole state"}
    problems = [f"left over: {name}" for name in leftovers(case)]
    problems += op.outputs(case, reference, states)
    if problems:
        return {"held": False, "state": state, "why": "; ".join(problems[:3])}
    return {"held": True, "state": state}


def _timed_delays(
    rng: random.Random, count: int, elapsed: float, writes: list[float]
) -> list[float]:
    """Moments spread over the whole operation, and as many close before a moment the
    reference run began or committed a write or renamed a file (a kill then lands inside
    the COMMIT, the copy or the rename)."""
    delays = []
    for i in range(count):
        if i % 2 or not writes:
            delays.append(rng.uniform(0, elapsed * 1.05))
        else:
            delays.append(max(0.0, rng.choice(writes) + rng.uniform(-0.03, 0.005)))
    return sorted(delays)


def kill_steps(seen: tuple[int, dict[int, str]], cases: int, rng: random.Random) -> list[int]:
    """About ``cases`` steps spread evenly over the operation, and the steps either side of
    as many COMMITs (all of them when there are fewer), where a kill decides between one
    whole state and the next."""
    total, named = seen
    if cases <= 0 or total <= 0:
        return []
    points = {1 + int((i + 0.5) * (total - 1) / cases) for i in range(cases)}
    commits = sorted(n for n, word in named.items() if word == "COMMIT")
    for i in sorted(rng.sample(commits, min(cases, len(commits)))):
        points.update(n for n in (i, i + 1) if n <= total)
    return sorted(points)


def run_operation(
    workdir: Path, name: str, step_cases: int, timed_cases: int, seed: int
) -> dict[str, Any]:
    import resource

    def cpu() -> float:
        own = resource.getrusage(resource.RUSAGE_SELF)
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime

    began, began_cpu = time.perf_counter(), cpu()
    op = OPERATIONS[name]()
    source = workdir / "source"
    source.mkdir(parents=True)
    op.prepare(source)
    before = snapshot(source / DB)

    reference = workdir / "reference"
    _copy_case(source, reference)
    record = workdir / "reference.pickle"
    # Counting steps costs: SQLite expands every statement's text for the count, 240,000
    # of them for the participant import. Without step kills the reference runs uncounted.
    pid = _fork(op, reference, 0 if step_cases else None, record)
    _pid, status = os.waitpid(pid, 0)
    if not (os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0):
        raise RuntimeError((reference / "child.out").read_text(errors="replace")[-2000:])
    import pickle

    seen, marks, writes, elapsed = pickle.loads(record.read_bytes())
    if step_cases and timed_cases and seen[0] > 20_000:
        # A run counting this many steps is slower (four times for the import): timed
        # kills are aimed by an uncounted run's length, the counted run's moments of
        # writing scaled to it.
        timing = workdir / "timing"
        _copy_case(source, timing)
        pid = _fork(op, timing, None, workdir / "timing.pickle")
        os.waitpid(pid, 0)
        untraced = pickle.loads((workdir / "timing.pickle").read_bytes())[3]
        writes = [moment * untraced / elapsed for moment in writes]
        elapsed = untraced
        shutil.rmtree(timing)
    states = [before, *op.extra_states(source), *marks]
    tried = held = killed_count = 0
    failures: list[dict[str, Any]] = []
    rng = random.Random(f"{seed}:{name}")
    plan: list[tuple[str, float]] = [("step", n) for n in kill_steps(seen, step_cases, rng)]
    plan += [("time", d) for d in _timed_delays(rng, timed_cases, elapsed, writes)]
    for i, (mode, at) in enumerate(plan):
        case = workdir / f"case-{i:03d}"
        _copy_case(source, case)
        if mode == "step":
            pid = _fork(op, case, int(at))
        else:
            pid = _fork(op, case, None)
            time.sleep(at)
            os.kill(pid, signal.SIGKILL)
        _pid, status = os.waitpid(pid, 0)
        killed = os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
        finished = os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
        if killed or finished:  # a run that ended before its kill must hold as well
            result = check_case(op, case, reference, states)
        else:
            out = (case / "child.out").read_text(errors="replace")[-500:]
            result = {"held": False, "why": f"not killed ({status}): {out}"}
        result.update(mode=mode, at=round(at, 4), killed=killed)
        if mode == "step":
            result["step"] = seen[1].get(int(at), "")
        tried += 1
        killed_count += killed
        held += bool(result["held"])
        if not result["held"]:
            failures.append(result)
        print(json.dumps(result, ensure_ascii=False), flush=True)
        if result["held"]:
            shutil.rmtree(case)
    summary = {
        "operation": name,
        "steps": seen[0],
        "seconds": round(elapsed, 3),
        "states": len(states),
        "tried": tried,
        "killed": killed_count,
        "held": held,
        "failures": failures[:5],
        "wall": round(time.perf_counter() - began, 1),
        "cpu": round(cpu() - began_cpu, 1),
    }
    print(json.dumps({"summary": summary}, ensure_ascii=False), flush=True)
    return summary


def preload() -> None:
    """Everything the operations import, loaded before forking (each child starts at the
    same point, and quickly)."""
    import alembic.command  # noqa: F401
    import sqlalchemy.orm  # noqa: F401

    import app.cli
    import app.interchange.importer
    import app.interchange.participants
    import app.storage  # noqa: F401
    import db.models  # noqa: F401


if __name__ == "__main__":
    work, seed_text, *plans = sys.argv[1:]
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # the window's children
    preload()
    for plan_text in plans:  # OPERATION:STEP_KILLS:TIMED_KILLS
        op_name, step_n, timed_n = plan_text.split(":")
        run_operation(Path(work) / op_name, op_name, int(step_n), int(timed_n), int(seed_text))
