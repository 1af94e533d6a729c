"""Projects: the funding frame (code, funder, period, grant rate, acknowledgement, logo).

The code is what finance and the funder know a project by, so it is unique among the live
projects; the logo is kept in the database (PNG or JPEG) so that a backup carries it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.text import sort_key
from app.domain.validation import Invalid
from app.i18n import N_, _
from app.services import crud
from app.services.base import Duplicate
from db.engine import Database
from db.models import Project, Visit

LOGO_TYPES = ("image/png", "image/jpeg")
LOGO_MAX_BYTES = 5 * 1024 * 1024
_MAGIC = {"image/png": b"\x89PNG\r\n\x1a\n", "image/jpeg": b"\xff\xd8\xff"}


def _logo(value: Any) -> bytes | None:
    if value is None:
        return None
    if not isinstance(value, (bytes, bytearray)):
        raise Invalid(_("must be the bytes of a PNG or JPEG image"))
    if len(value) > LOGO_MAX_BYTES:
        raise Invalid(_("is too large: at most {size} MB").format(size=LOGO_MAX_BYTES // 2**20))
    return bytes(value)


def _check(session: Session, project: Project) -> None:
    if (project.period_start and project.period_end
            and project.period_end < project.period_start):
        raise Invalid(_("must not be before the start of the period")).at("period_end")
    if project.logo is not None:
        mime = project.logo_mime
        if mime not in LOGO_TYPES:
            raise Invalid(_("must be one of: {allowed}").format(
                allowed=", ".join(LOGO_TYPES))).at("logo_mime")
        if not project.logo.startswith(_MAGIC[mime]):
            raise Invalid(_("is not a {kind} image").format(kind=mime)).at("logo")
    taken = session.scalars(select(Project.id).where(
        Project.code == project.code, Project.deleted_at.is_(None),
        Project.id != (project.id or 0))).first()
    if taken is not None:
        raise Duplicate(_("A project with the code “{code}” already exists.").format(
            code=project.code))


PROJECT = crud.Entity(
    Project,
    label=N_("Project"),
    spec={
        "code": crud.line(required=True),
        "title": crud.line(),
        "programme": crud.line(),
        "funder": crud.line(),
        "period_start": crud.date(),
        "period_end": crud.date(),
        "grant_rate": crud.decimal(places=2, non_negative=True, maximum="100"),
        "acknowledgement": crud.long_text,
        "logo": _logo,
        "logo_mime": crud.line(limit=20),
    },
    required=("code",),
    check=_check,
)


def create_project(db: Database, **fields: Any) -> Project:
    return crud.create(db, PROJECT, fields)


def get_project(db: Database, project_id: int) -> Project:
    return crud.fetch(db, PROJECT, project_id)


def find_project(db: Database, code: str) -> Project | None:
    """The live project with this code (visit files and ``--project`` name projects so)."""
    rows = crud.listing(db, PROJECT, Project.code == code)
    return rows[0] if rows else None


def update_project(db: Database, project_id: int, version: int | None,
                   **changes: Any) -> Project:
    return crud.update(db, PROJECT, project_id, version, changes)


def delete_project(db: Database, project_id: int, version: int | None = None) -> None:
    crud.delete(db, PROJECT, project_id, version)


def restore_project(db: Database, project_id: int) -> Project:
    return crud.restore(db, PROJECT, project_id)


def list_projects(db: Database) -> list[Project]:
    return sorted(crud.listing(db, PROJECT), key=lambda p: (sort_key(p.code), p.id))


# --- what the window's form and the command line share --------------------------------

FIELDS = ("code", "title", "programme", "funder", "period_start", "period_end", "grant_rate",
          "acknowledgement")
_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})\.?")


def typed(name: str, text: str | None) -> Any:
    """A field as a person types it, made into what the service checks: blank is nothing,
    a grant rate may have a decimal comma and a per cent sign ("85,5 %"), a date may be
    written the Latvian way ("30.04.2024"). Anything else goes as typed, to be named."""
    if text is None or not str(text).strip():
        return None
    value = str(text).strip()
    if name == "grant_rate":
        return value.rstrip("%").strip().replace(",", ".").replace("\xa0", "").replace(" ", "")
    if name in ("period_start", "period_end"):
        dotted = _DOTTED.fullmatch(value)
        if dotted:
            day, month, year = dotted.groups()
            return f"{year}-{int(month):02d}-{int(day):02d}"
    return value


def logo_from_file(path: str | Path) -> dict[str, Any]:
    """The ``logo`` and ``logo_mime`` fields for an image file (PNG or JPEG, told by its
    first bytes, not its name), or ``Invalid`` in one sentence naming the file."""
    file = Path(path)
    try:
        data = file.read_bytes()
    except OSError as problem:
        raise Invalid(_("{file}: cannot read the file ({reason})").format(
            file=file.name, reason=problem.strerror or problem)).at("logo") from None
    for mime, magic in _MAGIC.items():
        if data.startswith(magic):
            return {"logo": data, "logo_mime": mime}
    raise Invalid(_("{file} is not a PNG or JPEG image.").format(file=file.name)).at("logo")


def visits_of_project(db: Database, project_id: int) -> list[Visit]:
    """The live visits that belong to the project, earliest first."""
    with db.read() as session:
        return list(session.scalars(
            select(Visit).where(Visit.project_id == project_id, Visit.deleted_at.is_(None))
            .order_by(Visit.start_date, Visit.code)))


def visit_counts(db: Database) -> dict[int, int]:
    """Project id → how many live visits belong to it (one query for the whole list)."""
    with db.read() as session:
        rows = session.execute(
            select(Visit.project_id, func.count(Visit.id))
            .where(Visit.project_id.is_not(None), Visit.deleted_at.is_(None))
            .group_by(Visit.project_id)).all()
    return {project_id: count for project_id, count in rows if project_id is not None}
