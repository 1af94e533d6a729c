"""Dates and times as people type them into a field, rather than as a file stores them.

A form's text field takes a date the way the window writes dates (``04/10/2026`` in
English, ``10.04.2026`` in Latvian), the Latvian way an invoice writes it
(``10.04.2026``, in any language) and ISO (``2026-04-10``). A refusal names the window's
format in the user's own letters (``dd.mm.gggg`` in Latvian) and writes an impossible day
back the way the window writes dates, not as ISO. A file a person fills in (a participant
list, a rate table) is read with ``window_format=False``: the Latvian way (``5.11.2027``,
``05.11.2027.``) and ISO only, so that a file means the same whatever the window's
language. A file the program writes stays ISO only (``app.domain.validation.date``). No
Qt here: the window's date fields read what is typed with ``read_typed`` too.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from app.domain.validation import Invalid, in_range
from app.i18n import _, date_pattern, pattern_name

# A display format's parts: (Qt letters, field, full width)
_TOKEN = re.compile(r"d+|M+|y+|H+|h+|m+")
_FIELDS = {
    "d": ("day", 2),
    "M": ("month", 2),
    "y": ("year", 4),
    "H": ("hour", 2),
    "h": ("hour", 2),
    "m": ("minute", 2),
}
_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})\.?")  # "05.11.2027." as Latvian ends it
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_ISO_SHAPED = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")  # refused unless padded, as a file's


def read_typed(typed: str, display_format: str) -> dict[str, int] | None:
    """The fields of a whole value typed in one go, or None while it is not complete.

    Parts are separated as the user likes ("7.5.2027", "7-5-2027") or not at all
    ("07052027", full widths); the last part must be whole (four-digit year, two-digit
    minutes) so that a value is not read before it is typed to the end.
    """
    tokens = [_FIELDS[t[0]] for t in _TOKEN.findall(display_format)]
    if not tokens:
        return None
    parts = re.findall(r"\d+", typed)
    if len(parts) == 1 and len(tokens) > 1:
        digits = parts[0]
        if len(digits) != sum(width for _name, width in tokens):
            return None
        parts, at = [], 0
        for _name, width in tokens:
            parts.append(digits[at : at + width])
            at += width
    if len(parts) != len(tokens) or not typed[-1].isdigit():
        return None
    if len(parts[-1]) != tokens[-1][1]:
        return None
    if any(len(part) > width for part, (_name, width) in zip(parts, tokens, strict=True)):
        return None
    return {name: int(part) for part, (name, _width) in zip(parts, tokens, strict=True)}


def typed_date(value: Any, *, required: bool = False, window_format: bool = True) -> dt.date | None:
    """A date typed in a form's field, or with ``window_format=False`` written in a file
    (see the module's docstring); a date object as it is (within the years a visit can
    have)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise Invalid(_("is required"))
        return None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return in_range(value)
    text = value.strip() if isinstance(value, str) else None
    parts = _parts(text, window_format) if text is not None else None
    if parts is None:
        if not window_format:
            raise Invalid(
                _("“{value}” is not a date: write it as 15.03.2026 or 2026-03-15").format(
                    value=value if text is None else text
                )
            )
        raise Invalid(
            _("must be a date written {format}").format(format=pattern_name(date_pattern()))
        )
    year, month, day = parts
    try:
        day_typed = dt.date(year, month, day)
    except ValueError:
        written = _written(year, month, day) if window_format else text
        raise Invalid(_("is not a real date: {value}").format(value=written)) from None
    return in_range(day_typed)  # 1.1.1800 is real, but out of range: said so


def _parts(text: str, window_format: bool) -> tuple[int, int, int] | None:
    """Year, month and day of a date typed in one of the accepted ways, not yet checked."""
    dotted = _DOTTED.fullmatch(text)
    if dotted:
        day, month, year = dotted.groups()
        return int(year), int(month), int(day)
    iso = _ISO.fullmatch(text)
    if iso:
        year, month, day = iso.groups()
        return int(year), int(month), int(day)
    if not window_format or _ISO_SHAPED.fullmatch(text):
        return None
    fields = read_typed(text, date_pattern())
    if fields is None:
        return None
    return fields["year"], fields["month"], fields["day"]


def _written(year: int, month: int, day: int) -> str:
    """Day, month and year (a day that does not exist, so no ``date``) the way the window
    writes dates: 31.02.2026 in Latvian, 02/31/2026 in English."""
    numbers = {"d": f"{day:02d}", "M": f"{month:02d}", "y": f"{year:04d}"}
    return re.sub(r"d+|M+|y+", lambda token: numbers[token.group(0)[0]], date_pattern())
