"""Released versions of a visit's programme (numbered from 1) and their snapshots.

``release`` freezes what delegates and hosts are sent — programme, logistics and
participants, as the visit file writes them, without budget, report or sensitive data —
so that ``app.domain.changes`` can later say what moved since the version a person got.
The snapshot is the versioned visit-file structure, so a release made today can still be
compared after the program (or the visit, by ``import visit --replace``) has changed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from app.i18n import _

# What a release keeps of the visit file: what the delegates and hosts were sent.
KEPT = ("format", "visit", "organisations", "people", "programme", "travel", "stays")


@dataclass(frozen=True)
class Release:
    number: int
    released_at: dt.datetime  # naive UTC
    note: str | None


def current_snapshot(session: Any, visit_id: int) -> dict[str, Any]:
    """The visit as it is now, in the form a release keeps."""
    from app.interchange.writer import visit_document

    doc = visit_document(session, visit_id, include_sensitive=False)
    return {key: doc[key] for key in KEPT if key in doc}


def release(db: Any, ref: str | int, note: str | None = None) -> Release:
    """Freeze the visit's programme as the next numbered version; one transaction."""
    from sqlalchemy import func, select

    from app.services.base import visit_by_ref
    from db.models import ProgrammeRelease

    note = (note or "").strip() or None
    with db.write() as session:
        visit = visit_by_ref(session, ref)
        last = (
            session.scalar(
                select(func.max(ProgrammeRelease.number)).where(
                    ProgrammeRelease.visit_id == visit.id
                )
            )
            or 0
        )
        row = ProgrammeRelease(
            visit_id=visit.id,
            number=last + 1,
            note=note,
            snapshot=current_snapshot(session, visit.id),
        )
        session.add(row)
        session.flush()
        return Release(row.number, row.released_at, row.note)


def releases(db: Any, ref: str | int) -> list[Release]:
    """The visit's releases, oldest first."""
    from sqlalchemy import select

    from app.services.base import visit_by_ref
    from db.models import ProgrammeRelease

    with db.read() as session:
        visit = visit_by_ref(session, ref)
        rows = session.execute(
            select(ProgrammeRelease.number, ProgrammeRelease.released_at, ProgrammeRelease.note)
            .where(ProgrammeRelease.visit_id == visit.id)
            .order_by(ProgrammeRelease.number)
        ).all()
    return [Release(*row) for row in rows]


def latest_number(db: Any, visit_id: int) -> int:
    """The number of the visit's last release, 0 when none was made.

    ``db`` may be a database URL (the documents' fast path): a SQLite file is then asked
    with plain SQL, read-only, without the ORM.
    """
    if isinstance(db, str):
        import sqlite3

        from db.urls import sqlite_path

        path = sqlite_path(db)
        if path is not None and path.is_file():
            con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
            try:
                found = con.execute(
                    "SELECT max(number) FROM programme_release WHERE visit_id = ?", (visit_id,)
                ).fetchone()
                return int(found[0] or 0)
            except sqlite3.Error:  # an older schema without releases
                return 0
            finally:
                con.close()
        from app.storage import open_database

        database = open_database(db)
        try:
            return latest_number(database, visit_id)
        finally:
            database.dispose()
    from sqlalchemy import func, select

    from db.models import ProgrammeRelease

    with db.read() as session:
        return (
            session.scalar(
                select(func.max(ProgrammeRelease.number)).where(
                    ProgrammeRelease.visit_id == visit_id
                )
            )
            or 0
        )


def snapshots(
    db: Any, ref: str | int, since: int
) -> tuple[Release, dict[str, Any], dict[str, Any]]:
    """Release ``since`` (its facts and snapshot) and the visit as it is now."""
    from sqlalchemy import select

    from app.services.base import NotFound, visit_by_ref
    from db.models import ProgrammeRelease

    with db.read() as session:
        visit = visit_by_ref(session, ref)
        row = session.scalars(
            select(ProgrammeRelease).where(
                ProgrammeRelease.visit_id == visit.id, ProgrammeRelease.number == since
            )
        ).first()
        if row is None:
            raise NotFound(
                _("Visit {visit} has no released version {number}.").format(
                    visit=visit.code, number=since
                )
            )
        return (
            Release(row.number, row.released_at, row.note),
            dict(row.snapshot),
            current_snapshot(session, visit.id),
        )
