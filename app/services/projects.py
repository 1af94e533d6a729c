"""Projects: the funding frame (code, funder, period, grant rate, acknowledgement, logo)
and the grant as awarded: its amount and currency, the rule its payments convert by and,
for the fixed rule, the project's fixed rates (issue 12).

The code is what finance and the funder know a project by, so it is unique among the live
projects; the logo is kept in the database (PNG or JPEG) so that a backup carries it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain import validation as v
from app.domain.money import to_minor
from app.domain.text import sort_key
from app.domain.typed_dates import typed_date
from app.domain.validation import Invalid
from app.i18n import N_, _
from app.services import crud
from app.services import field_rules as rules
from app.services.base import Duplicate
from db.engine import Database
from db.enums import RATE_RULES
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


def _fixed_rates(value: Any) -> dict[str, str] | None:
    """The fixed rule's rates: units of each currency per one euro, ``{"NOK": "11.5"}``
    (exact decimal text, at most six places, more than zero); empty is none."""
    if not value:
        return None
    if not isinstance(value, dict):
        raise Invalid(_("write each currency with its rate per euro, e.g. NOK 11,5; SEK 11,2"))
    out: dict[str, str] = {}
    for currency, rate in value.items():
        code = v.currency(currency.upper() if isinstance(currency, str) else currency)
        if code == "EUR":
            raise Invalid(_("EUR needs no fixed rate: the rates are per one euro"))
        try:
            number = v.decimal(rate, places=6, non_negative=True)
        except Invalid as problem:
            raise Invalid(f"{code}: {problem.message}") from None
        if not number:
            raise Invalid(_("{currency}: must be more than zero").format(currency=code))
        out[str(code)] = str(number)
    return dict(sorted(out.items()))


def _relate(_session: Session, project: Project, rest: dict[str, Any]) -> None:
    if "awarded" in rest:
        project.awarded_minor = to_minor(rest["awarded"])


def _check(session: Session, project: Project) -> None:
    if project.period_start and project.period_end and project.period_end < project.period_start:
        raise Invalid(_("must not be before the start of the period")).at("period_end")
    if project.logo is not None:
        mime = project.logo_mime
        if mime not in LOGO_TYPES:
            raise Invalid(_("must be one of: {allowed}").format(allowed=", ".join(LOGO_TYPES))).at(
                "logo_mime"
            )
        if not project.logo.startswith(_MAGIC[mime]):
            raise Invalid(_("is not a {kind} image").format(kind=mime)).at("logo")
    taken = session.scalars(
        select(Project.id).where(
            Project.code == project.code,
            Project.deleted_at.is_(None),
            Project.id != (project.id or 0),
        )
    ).first()
    if taken is not None:
        raise Duplicate(
            _("A project with the code “{code}” already exists.").format(code=project.code)
        )


PROJECT = crud.Entity(
    Project,
    label=N_("Project"),
    spec={
        "code": rules.line(required=True),
        "title": rules.line(),
        "programme": rules.line(),
        "funder": rules.line(),
        "period_start": rules.date(),
        "period_end": rules.date(),
        "grant_rate": rules.decimal(places=2, non_negative=True, maximum="100"),
        "acknowledgement": rules.long_text,
        "logo": _logo,
        "logo_mime": rules.line(limit=20),
        "awarded": rules.decimal(places=2, non_negative=True),
        "currency": lambda value: v.currency(value, required=False),
        "rate_rule": rules.enum(RATE_RULES),
        "fixed_rates": _fixed_rates,
    },
    required=("code",),
    relate=_relate,
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


# The fields that decide how a visit's payments convert: changing them moves figures.
CONVERSION_FIELDS = ("rate_rule", "fixed_rates", "currency")


def update_project(
    db: Database, project_id: int, version: int | None, *, reported_ok: bool = False, **changes: Any
) -> Project:
    """``changes`` to the project the user saw at ``version``.

    A reported visit's figures never move by themselves: a change of how payments convert
    (``CONVERSION_FIELDS``) that would change the figures of a reported visit of the
    project is refused (``ReportedFigures``, naming the visits) unless ``reported_ok``
    says the user wants it on purpose."""
    check = None
    if not reported_ok and any(name in changes for name in CONVERSION_FIELDS):
        check = _reported_unmoved
    return crud.update(db, PROJECT, project_id, version, changes, before=check)


def _reported_unmoved(session: Session, project: Project) -> None:
    """Refuse the change when it moved a reported visit's figures (compared in the same
    transaction: the figures as committed, then with the change flushed)."""
    from app.services.ecb_rates import ReportedFigures, figures

    reported = list(
        session.scalars(
            select(Visit)
            .where(
                Visit.project_id == project.id,
                Visit.deleted_at.is_(None),
                Visit.status == "reported",
            )
            .order_by(Visit.code)
        )
    )
    if not reported:
        return
    changed = {name: getattr(project, name) for name in CONVERSION_FIELDS}
    for name in CONVERSION_FIELDS:  # the values as committed, to see the figures before
        setattr(project, name, crud.committed(project, name))
    session.flush()
    before = [figures(session, visit) for visit in reported]
    for name, value in changed.items():
        setattr(project, name, value)
    session.flush()
    moved = [v.code for v, was in zip(reported, before, strict=True) if figures(session, v) != was]
    if moved:
        raise ReportedFigures(
            _(
                "this changes the figures of {visits}, already reported; nothing was changed "
                "(change it on purpose to move them)"
            ).format(visits=", ".join(moved))
        )


def delete_project(db: Database, project_id: int, version: int | None = None) -> None:
    crud.delete(db, PROJECT, project_id, version)


def restore_project(db: Database, project_id: int) -> Project:
    return crud.restore(db, PROJECT, project_id)


def list_projects(db: Database) -> list[Project]:
    return sorted(crud.listing(db, PROJECT), key=lambda p: (sort_key(p.code), p.id))


# --- what the window's form and the command line share --------------------------------

FIELDS = (
    "code",
    "title",
    "programme",
    "funder",
    "period_start",
    "period_end",
    "grant_rate",
    "acknowledgement",
    "awarded",
    "currency",
    "rate_rule",
    "fixed_rates",
)
_PAIR = re.compile(r"([A-Za-z]{3})\s*[=:]?\s*(\d[\d\s\u00a0]*(?:[.,]\d+)?)")
_SPACES = str.maketrans("", "", " \u00a0\u202f")
_AMOUNT = re.compile(r"(?:[A-Za-z]{3})?(-?[\d.,]+)(?:[A-Za-z]{3})?")


def typed_amount(text: str) -> str:
    """An amount as typed ("100 000,00 €", "6,000.50", "EUR 2500") as decimal text: spaces
    and the currency dropped; with both marks the last one is the decimal mark, else a
    comma is one. What is still not a number goes on as typed, for the service to name."""
    found = _AMOUNT.fullmatch(text.translate(_SPACES).strip("€$£"))
    if found is None:
        return text.strip()
    value = found.group(1)
    if "," in value and "." in value:
        mark = max(value.rfind(","), value.rfind("."))
        value = value[:mark].replace(",", "").replace(".", "") + "." + value[mark + 1 :]
    return value.replace(",", ".") or text.strip()


def typed_fixed_rates(text: str) -> dict[str, str] | str:
    """ "NOK 11,5; SEK 11.2" (or "NOK=11.5, SEK=11.2") as ``{"NOK": "11.5", ...}``; text
    with anything else in it goes back as typed, to be refused in one sentence."""
    pairs = _PAIR.findall(text)
    rest = _PAIR.sub("", text).translate(_SPACES).replace(";", "").replace(",", "")
    if not pairs or rest:
        return text.strip()
    return {code.upper(): typed_amount(rate) for code, rate in pairs}


def typed(name: str, text: str | None) -> Any:
    """A field as a person types it, made into what the service checks: blank is nothing,
    a grant rate may have a decimal comma and a per cent sign ("85,5 %"), a date may be
    written the Latvian way ("30.04.2024"), an amount with spaces and its currency, fixed
    rates as "NOK 11,5; SEK 11,2". Anything else goes as typed, to be named; a date that is
    not one (``app.domain.typed_dates``, a file's forms) is refused here, at its field."""
    if text is None or not str(text).strip():
        return None
    value = str(text).strip()
    if name == "grant_rate":
        return value.rstrip("%").strip().replace(",", ".").replace("\xa0", "").replace(" ", "")
    if name == "awarded":
        return typed_amount(value)
    if name == "currency":
        return value.upper()
    if name == "rate_rule":
        return value.lower()
    if name == "fixed_rates":
        return typed_fixed_rates(value)
    if name in ("period_start", "period_end"):
        try:  # as a finance officer writes it, the same in every language
            return typed_date(value, window_format=False)
        except Invalid as problem:
            raise problem.at(name) from None
    return value


def logo_from_file(path: str | Path) -> dict[str, Any]:
    """The ``logo`` and ``logo_mime`` fields for an image file (PNG or JPEG, told by its
    first bytes, not its name), or ``Invalid`` in one sentence naming the file."""
    file = Path(path)
    try:
        data = file.read_bytes()
    except OSError as problem:
        raise Invalid(
            _("{file}: cannot read the file ({reason})").format(
                file=file.name, reason=problem.strerror or problem
            )
        ).at("logo") from None
    for mime, magic in _MAGIC.items():
        if data.startswith(magic):
            return {"logo": data, "logo_mime": mime}
    raise Invalid(_("{file} is not a PNG or JPEG image.").format(file=file.name)).at("logo")


def visits_of_project(db: Database, project_id: int) -> list[Visit]:
    """The live visits that belong to the project, earliest first."""
    with db.read() as session:
        return list(
            session.scalars(
                select(Visit)
                .where(Visit.project_id == project_id, Visit.deleted_at.is_(None))
                .order_by(Visit.start_date, Visit.code)
            )
        )


def visit_counts(db: Database) -> dict[int, int]:
    """Project id → how many live visits belong to it (one query for the whole list)."""
    with db.read() as session:
        rows = session.execute(
            select(Visit.project_id, func.count(Visit.id))
            .where(Visit.project_id.is_not(None), Visit.deleted_at.is_(None))
            .group_by(Visit.project_id)
        ).all()
    return {project_id: count for project_id, count in rows if project_id is not None}
