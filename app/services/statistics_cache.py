"""The statistics' per-visit facts kept in a file, so a freshly started program reads again
only the visits changed since it last looked (issue 18: the section shown ≤ 1 s).

One file per database in the user's cache folder (``app.config.cache_dir``), named by a
digest of the database's place (the SQLite file's path, the PostgreSQL URL without its
password), readable by its owner only. It holds numbers only — counts, amounts in EUR,
organisation, funding source and visit ids, change stamps — no names or texts. Written with
``marshal`` (tuples of numbers and short codes, read back as they were written): JSON took
three times as long to read and eight times as long to write, and the file is read at
every start and written after every change. ``marshal`` is tied to the Python version,
which is part of the ``mark``; a file it cannot read is not used.

Nothing in it is trusted on its word: ``statistics_facts`` uses a visit's entry only while
the visit's change stamp in the database is the one written beside it (``db.change_stamps``:
random, so a copy put back and changed again cannot match by chance), and the whole file
only under the schema revision and the program (``mark``) it was written by. A missing,
unreadable, foreign or damaged file is simply not used; writing one that fails changes
nothing. Never written into the database itself: that would count as a commit and throw
away every other window's kept figures.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
import tempfile
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.services.statistics_facts import Kept
    from db.engine import Database

FORMAT = 2


@cache
def _program() -> str:
    """What the facts are worked out by: this program's version and the source of the
    modules that hold the rules (a fixed rule must not be answered from an old file);
    where the sources are not files (a frozen build), the executable's own date."""
    import app
    from app.domain import budget_totals, money, rates
    from app.services import statistics_facts

    digest = hashlib.sha256(f"{FORMAT}|{app.__version__}|{sys.version}".encode())
    for module in (statistics_facts, rates, money, budget_totals):
        try:
            digest.update(Path(str(module.__file__)).read_bytes())
        except (OSError, TypeError):
            digest.update(str(Path(sys.executable).stat().st_mtime_ns).encode())
    return digest.hexdigest()


def mark(revision: str) -> str:
    """The schema revision and the program a file's facts were worked out under."""
    return f"{revision}|{_program()}"


def path_for(db: Database) -> Path:
    """The cache file of ``db``."""
    from sqlalchemy.engine import make_url

    from app.config import cache_dir

    if db.path is not None:
        place = f"sqlite:{Path(db.path).resolve()}"
    else:
        place = make_url(db.url).render_as_string(hide_password=True)
    name = hashlib.sha256(place.encode()).hexdigest()[:32]
    return cache_dir() / "statistics" / f"{name}.facts"


def _amount(value: Any) -> Decimal | None:
    return None if value is None else Decimal(value)


def read(db: Database, expected: str) -> Kept | None:
    """The facts kept in ``db``'s file when it was written under ``expected`` (``mark``);
    ``None`` when there is none or it cannot be read as written."""
    from app.services.statistics_facts import Kept, Worked

    if db.path is None and db.engine.dialect.name == "sqlite":
        return None  # a database in memory: nothing outlives it
    try:
        data = marshal.loads(path_for(db).read_bytes())
        if data["format"] != FORMAT or data["mark"] != expected:
            return None
        worked = {}
        for vid, stamp, terms, people, organisations, cost, grant, *rest in data["worked"]:
            if not (type(stamp) is int and type(terms) is str and type(people) is int):
                return None
            worked[vid] = Worked(
                stamp, terms, people, organisations, _amount(cost), _amount(grant), *rest
            )
        return Kept(expected, frozenset(data["grants"]), worked)
    except (OSError, EOFError, ValueError, TypeError, KeyError, InvalidOperation):
        return None


def write(db: Database, kept: Kept) -> None:
    """Keep ``kept`` in ``db``'s file (replaced whole, never seen half-written); a folder
    that cannot be written leaves things as they were."""
    if db.path is None and db.engine.dialect.name == "sqlite":
        return
    data = {
        "format": FORMAT,
        "mark": kept.mark,
        "grants": tuple(kept.grants),
        "worked": tuple(
            (
                vid,
                w.stamp,
                w.terms,
                w.people,
                w.by_organisation,
                None if w.cost is None else str(w.cost),
                None if w.grant is None else str(w.grant),
                w.unconverted,
                w.hosts,
                w.follow_ups,
                w.sources,
            )
            for vid, w in kept.worked.items()
        ),
    }
    target = path_for(db)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:  # mkstemp: readable by its owner only
                out.write(marshal.dumps(data))
            os.replace(temporary, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
    except OSError:
        pass
