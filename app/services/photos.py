"""Photos of a visit, attached from files and kept inside the database.

A photo lives in the ``attachment`` table (not beside the database), so a backup of the
database holds it. A camera's 12-megapixel JPEG (5 MB) would make the database and every
summary PDF heavy, so a large image is scaled to at most ``MAX_SIDE`` pixels on its longer
side and saved as JPEG (PNG when it has transparency); a small JPEG or PNG is kept byte for
byte. The camera's orientation tag is applied first, so a portrait photo stays upright.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from app.domain.validation import Invalid
from app.i18n import _
from app.services import reports
from db.engine import Database
from db.models import Attachment

MAX_SIDE = 1600
JPEG_QUALITY = 85
KEEP_BYTES = 1_500_000  # a JPEG or PNG up to this size and MAX_SIDE is kept as it is
THUMBNAIL_SIDE = 240
_EXIF_ORIENTATION = 0x0112
_EXIF_TAKEN = 0x9003  # DateTimeOriginal, in the Exif sub-IFD
_EXIF_IFD = 0x8769


@dataclass(frozen=True)
class Prepared:
    """An image ready to store: its bytes, type, size in pixels and the date it was taken."""

    data: bytes
    mime: str
    width: int
    height: int
    taken: dt.date | None


def prepare_image(raw: bytes, *, max_side: int = MAX_SIDE) -> Prepared:
    """Check that ``raw`` is a JPEG or PNG image and scale it down if it is large."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        image: Image.Image = Image.open(BytesIO(raw))
        image.load()
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise Invalid(_("is not an image that can be read (JPEG or PNG)")) from exc
    fmt = image.format
    if fmt not in ("JPEG", "PNG"):
        raise Invalid(
            _("is a {format} image; attach a JPEG or PNG photo").format(format=fmt or "?")
        )
    exif = image.getexif()
    taken = _taken(exif)
    turned = exif.get(_EXIF_ORIENTATION, 1) not in (None, 1)
    small = max(image.size) <= max_side and len(raw) <= KEEP_BYTES
    if small and not turned:
        return Prepared(raw, "image/jpeg" if fmt == "JPEG" else "image/png", *image.size, taken)
    image = ImageOps.exif_transpose(image)
    image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    out = BytesIO()
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        image.save(out, "PNG", optimize=True)
        mime = "image/png"
    else:
        image.convert("RGB").save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
        mime = "image/jpeg"
    return Prepared(out.getvalue(), mime, *image.size, taken)


def _taken(exif: object) -> dt.date | None:
    try:
        value = exif.get_ifd(_EXIF_IFD).get(_EXIF_TAKEN)  # type: ignore[attr-defined]
        return dt.datetime.strptime(str(value)[:10], "%Y:%m:%d").date() if value else None
    except (ValueError, KeyError, AttributeError, TypeError):
        return None


def attach_photo(
    db: Database,
    visit_id: int,
    path: str | Path,
    *,
    caption: str | None = None,
    taken: dt.date | str | None = None,
) -> Attachment:
    """Attach the photo at ``path`` to the visit's report (made if there is none yet).

    ``taken`` defaults to the date the camera recorded, if any.
    """
    file = Path(path)
    try:
        raw = file.read_bytes()
    except OSError as exc:
        raise Invalid(
            _("{file}: cannot read the file ({reason})").format(
                file=file, reason=exc.strerror or exc
            )
        ) from exc
    try:
        prepared = prepare_image(raw)
    except Invalid as problem:
        raise Invalid(f"{file.name}: {problem}") from None
    report = reports.report_for_visit(db, visit_id) or reports.create_report(db, visit_id)
    return reports.create_attachment(
        db,
        report.id,
        kind="photo",
        caption=caption,
        filename=file.name[:300],
        taken=taken if taken is not None else prepared.taken,
        mime=prepared.mime,
        data=prepared.data,
    )


def thumbnail(data: bytes, side: int = THUMBNAIL_SIDE) -> bytes:
    """A small JPEG of a stored photo for a list of thumbnails (PNG keeps transparency)."""
    from PIL import Image

    image = Image.open(BytesIO(data))
    image.thumbnail((side, side))
    out = BytesIO()
    if image.mode in ("RGBA", "LA", "P"):
        image.save(out, "PNG")
    else:
        image.convert("RGB").save(out, "JPEG", quality=80)
    return out.getvalue()
