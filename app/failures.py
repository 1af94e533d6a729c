"""What a user is told when something fails that is not their input, and where the details go.

A database error carries the SQL statement and the values it was writing (a date of birth,
an ID-document number): none of that belongs in a message. ``explain`` gives one sentence
for the kind of failure — the disk is full, the database cannot be written to, another
program holds it, the file is damaged, or something unforeseen — and writes the technical
detail, with the values masked, to a log file in the data folder that the sentence names.
A full disk is never called damage: restoring a backup then would throw away newer work.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import re
import traceback
from pathlib import Path
from typing import Any

from app.i18n import _

LOG_NAME = "problems.log"
LOG_LIMIT = 1_000_000  # bytes; the log is cut to its newer half beyond this
FULL_BELOW = 1 << 20  # bytes free under which a disk or I/O error is taken for a full disk

# SQLite's primary result codes (sqlite3.Error.sqlite_errorcode & 0xFF)
_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY = 5, 6, 8
_SQLITE_IOERR, _SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_CANTOPEN = 10, 11, 13, 14
_SQLITE_NOTADB = 26


def log_path() -> Path:
    from app.config import data_dir

    return data_dir() / LOG_NAME


def _chain(exc: BaseException) -> list[BaseException]:
    """The error, what it was raised from, and the driver's error inside SQLAlchemy's."""
    seen: list[BaseException] = []
    todo: list[BaseException | None] = [exc]
    while todo:
        current = todo.pop(0)
        if current is None or any(current is s for s in seen) or len(seen) > 10:
            continue
        seen.append(current)
        todo += [getattr(current, "orig", None), current.__cause__, current.__context__]
    return seen


def kind(exc: BaseException) -> str:
    """``disk_full``, ``read_only``, ``locked``, ``damaged``, ``io`` or ``other``."""
    for error in _chain(exc):
        code = getattr(error, "sqlite_errorcode", None)
        if isinstance(code, int):
            primary = code & 0xFF
            found = {
                _SQLITE_FULL: "disk_full",
                _SQLITE_READONLY: "read_only",
                _SQLITE_BUSY: "locked",
                _SQLITE_LOCKED: "locked",
                _SQLITE_CORRUPT: "damaged",
                _SQLITE_NOTADB: "damaged",
                _SQLITE_IOERR: "io",
                _SQLITE_CANTOPEN: "io",
            }.get(primary)
            if found:
                return found
        if isinstance(error, OSError) and error.errno is not None:
            if error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
                return "disk_full"
            if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
                return "read_only"
            if error.errno == errno.EIO:
                return "io"
        text = str(error).lower()
        for needle, found in (
            ("disk is full", "disk_full"),
            ("no space left", "disk_full"),
            ("readonly database", "read_only"),
            ("read-only", "read_only"),
            ("database is locked", "locked"),
            ("malformed", "damaged"),
            ("not a database", "damaged"),
            ("disk i/o error", "io"),
        ):
            if needle in text:
                return found
    return "other"


def disk_is_full(where: str | Path | None) -> bool:
    """Whether the disk holding ``where`` (a file or a folder) has next to no room left:
    SQLite then often says "disk I/O error" (its shared-memory file cannot grow) rather
    than "disk is full"."""
    if where is None:
        return False
    import shutil

    folder = Path(where)
    while not folder.is_dir() and folder != folder.parent:
        folder = folder.parent
    try:
        return shutil.disk_usage(folder).free < FULL_BELOW
    except OSError:
        return False


# --------------------------------------------------------------------------- masking

_QUOTED = re.compile(r"'(?:[^'\\]|\\.|'')*'|\"(?:[^\"\\]|\\.)*\"")
_KEY_VALUE = re.compile(r"(\([^()]*\))=\(([^()]*)\)")  # PostgreSQL's "Key (code)=(LPS-1)"
_DIGITS = re.compile(r"\b[\w.+-]*\d[\w.+-]*\d[\w.+-]*\b")


def mask(text: str) -> str:
    """``text`` with anything that could be a stored value replaced by its shape: quoted
    strings, "Key (column)=(value)" and runs with two or more digits (dates, document
    numbers, phone numbers). Table and column names stay, so the log still says what
    failed."""
    text = _KEY_VALUE.sub(lambda m: f"{m.group(1)}=(…)", text)
    text = _QUOTED.sub(lambda m: f"<text {len(m.group(0)) - 2}>", text)
    return _DIGITS.sub(lambda m: f"<{len(m.group(0))} chars>", text)


def _masked_value(value: Any) -> str:
    if value is None:
        return "None"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (str, bytes)):
        return f"{type(value).__name__}({len(value)})"
    return type(value).__name__


def _masked_parameters(parameters: Any) -> str:
    if isinstance(parameters, dict):
        return "{" + ", ".join(f"{k}: {_masked_value(v)}" for k, v in parameters.items()) + "}"
    if isinstance(parameters, (list, tuple)):
        if parameters and isinstance(parameters[0], (list, tuple, dict)):
            return f"[{len(parameters)} rows, first {_masked_parameters(parameters[0])}]"
        return "(" + ", ".join(_masked_value(v) for v in parameters) + ")"
    return _masked_value(parameters)


def _describe_error(error: BaseException) -> str:
    """One error as the log shows it: its type, its masked message; for a database
    statement the SQL (placeholders only) and the parameters' types."""
    statement = getattr(error, "statement", None)
    orig = getattr(error, "orig", None)
    if statement is not None:
        lines = [
            f"{type(error).__name__} from {type(orig).__name__ if orig else 'driver'}: "
            f"{mask(str(orig).splitlines()[0] if orig is not None else '')}",
            f"  SQL: {' '.join(str(statement).split())[:2000]}",
            f"  parameters: {_masked_parameters(getattr(error, 'params', None))}",
        ]
        return "\n".join(lines)
    return f"{type(error).__name__}: {mask(str(error))}"


def log_failure(exc: BaseException, doing: str | None = None) -> Path | None:
    """Append the failure to the log (readable by the user only); its path, or None when
    even the log cannot be written (a full or read-only disk)."""
    path = log_path()
    lines = [
        f"--- {dt.datetime.now().isoformat(timespec='seconds')}"
        + (f" while {doing}" if doing else "")
    ]
    for error in _chain(exc):
        lines.append(_describe_error(error))
        frames = traceback.extract_tb(error.__traceback__)
        lines += [f"    {f.filename}:{f.lineno} in {f.name}" for f in frames]
    entry = "\n".join(lines) + "\n"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _trim(path)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as fh:
            fh.write(entry)
    except OSError:
        return None
    return path


def _trim(path: Path) -> None:
    try:
        if path.stat().st_size <= LOG_LIMIT:
            return
        data = path.read_bytes()[-LOG_LIMIT // 2 :]
    except OSError:
        return
    start = data.find(b"\n--- ")
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data[start + 1 :] if start >= 0 else data)
    os.replace(tmp, path)


# --------------------------------------------------------------------------- the sentence


# Temporary names a file is written under before it is renamed into place: the user chose
# the final name and knows nothing of these (app.documents.common, app.cli, the Budget
# tab's export, db.backup).
_TEMPORARY_NAMES = (
    re.compile(r"^\.(?P<stem>.+)\.part(?P<suffix>\.[^.]+)?$"),
    re.compile(r"^(?P<stem>.+)\.[^.~/\\]*~\d+\.part(?:-journal|-wal|-shm)?(?P<suffix>)$"),
)


def file_failure(exc: BaseException) -> bool:
    """Whether a file operation failed (SQLite's own errors are not ``OSError``)."""
    return any(isinstance(error, OSError) for error in _chain(exc))


def failed_file(exc: BaseException) -> Path | None:
    """The file a failed write of a file (an export, a document, a backup) was writing, by
    the name the user chose for it; None when no file operation failed (a database error
    names no file)."""
    for error in _chain(exc):
        if isinstance(error, OSError) and error.filename:
            path = Path(os.fsdecode(error.filename))
            for pattern in _TEMPORARY_NAMES:
                match = pattern.match(path.name)
                if match:
                    return path.with_name(match["stem"] + (match["suffix"] or ""))
            return path
    return None


def sentence(exc: BaseException, where: str | Path | None = None) -> str:
    """The one sentence for a failure of this kind (without the log's name).

    ``where`` is the database or the file the caller was writing; when the failure names
    another file (an export into a read-only folder, a copy onto a full disk), that file
    is named instead: the database was never at fault, and "free space" must point at the
    right disk."""
    found = kind(exc)
    failed = failed_file(exc)
    if failed is not None and (where is None or failed != Path(where)):
        where = failed
    other_file = file_failure(exc)  # a file's write failed, not SQLite's
    if found in ("io", "other") and disk_is_full(where):
        found = "disk_full"
    place = str(where) if where is not None else _("The database")
    if found == "read_only" and other_file:
        return _(
            "{place} cannot be written to: it is read-only, open in another program, or "
            "in a folder you may not change. Nothing was saved."
        ).format(place=place)
    if found == "disk_full":
        folder = str(Path(where).parent) if where is not None else _("the data folder")
        return _(
            "The disk holding {folder} is full, so nothing was saved. Free some space "
            "(delete old exports or copies you no longer need, empty the bin) and try "
            "again; the database itself is not damaged."
        ).format(folder=folder)
    if found == "read_only":
        return _(
            "{place} cannot be written to (it is read-only or you may not change "
            "it), so nothing was saved."
        ).format(place=place)
    if found == "locked":
        return _(
            "{place} is busy: another program is writing to it. Nothing was saved; "
            "try again in a moment."
        ).format(place=place)
    if found == "damaged":
        return _(
            "{place} is damaged and cannot be used. Nothing was changed; run a check "
            "on it, or put back a backup."
        ).format(place=place)
    if found == "io":
        return _(
            "{place} could not be read or written (a disk or network error). Nothing "
            "was saved; check the disk or the connection and try again."
        ).format(place=place)
    return _("Something went wrong ({error}); nothing more was saved.").format(
        error=type(exc).__name__
    )


def write_failure(exc: OSError, path: str | Path) -> str:
    """One sentence for a file that could not be written to ``path`` (the name the user
    chose): what to do when it is read-only or held by another program or the disk is full
    (``sentence``), else the system's reason."""
    if kind(exc) in ("read_only", "disk_full") or disk_is_full(path):
        return sentence(exc, path)
    return _("{file}: cannot write the file ({reason})").format(
        file=path, reason=exc.strerror or exc
    )


def explain(exc: BaseException, where: str | Path | None = None, doing: str | None = None) -> str:
    """Log ``exc`` and return what the user is told: one sentence, no SQL, no stored value,
    and where the details were written."""
    logged = log_failure(exc, doing)
    text = sentence(exc, where)
    if logged is not None:
        text += " " + _("The details are in {log}.").format(log=logged)
    return text


def user_message(
    exc: BaseException, where: str | Path | None = None, doing: str | None = None
) -> str:
    """What the user reads for any error: this program's own refusals (a rule, a stale row,
    bad input in a file) say themselves; anything else is ``explain``-ed."""
    from app.domain.validation import Invalid
    from app.services.base import ServiceError

    if isinstance(exc, (Invalid, ServiceError)):
        return str(exc)
    return explain(exc, where, doing)
