"""Field rules shared by the services (the window) and the visit file (imports).

Each check returns the clean value or raises ``Invalid`` with a message a coordinator
understands, in the interface language. The visit file adds the JSON path in front.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any, Literal, overload

from app.i18n import _, moment_text, pattern_name

ONE_LINE_MAX = 300
LONG_TEXT_MAX = 100_000
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_LOCAL_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$")
_DECIMAL = re.compile(r"^-?\d+(\.\d+)?$")
_PHONE = re.compile(r"^\+?[0-9 ()\-]+$")
_EMAIL_LOCAL_ASCII = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._%+-'")


class Invalid(ValueError):
    """A value that breaks a rule; ``message`` says which, in the user's language."""

    def __init__(self, message: str, path: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.path = path

    def at(self, path: str) -> Invalid:
        """The same problem, located at ``path`` (the innermost path wins)."""
        if not self.path:
            self.path = path
        return self

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


@overload
def text(value: Any, *, long: bool = False, required: Literal[True]) -> str: ...
@overload
def text(value: Any, *, long: bool = False, required: bool = False) -> str | None: ...


def text(value: Any, *, long: bool = False, required: bool = False) -> str | None:
    """Plain text: a string, no control characters but newline and tab, not too long.

    Empty optional text is stored as nothing (None); required text may not be blank.
    """
    if value is None:
        if required:
            raise Invalid(_("is required"))
        return None
    if not isinstance(value, str):
        raise Invalid(_("must be text"))
    if value.strip() == "":
        if required:
            raise Invalid(_("must not be empty"))
        return None
    limit = LONG_TEXT_MAX if long else ONE_LINE_MAX
    if len(value) > limit:
        raise Invalid(
            _("is too long: {length} characters, at most {limit}").format(
                length=len(value), limit=limit
            )
        )
    for ch in value:
        if ch not in "\n\t" and unicodedata.category(ch) == "Cc":
            raise Invalid(_("contains a control character (U+{code:04X})").format(code=ord(ch)))
        if unicodedata.category(ch) == "Cs":
            raise Invalid(_("contains an invalid character"))
    return value


def email(value: Any) -> str | None:
    value = text(value)
    if value is None:
        return None
    local, at, domain = value.partition("@")
    ok = (
        at == "@"
        and "@" not in domain
        and local != ""
        and all(c in _EMAIL_LOCAL_ASCII or (ord(c) > 127 and c.isalpha()) for c in local)
        and " " not in domain
        and "." in domain
        and all(part != "" for part in domain.split("."))
        and not any(c.isspace() for c in value)
    )
    if not ok:
        raise Invalid(_("is not a valid e-mail address: {value}").format(value=value))
    return value


def phone(value: Any) -> str | None:
    value = text(value)
    if value is None:
        return None
    digits = sum(c.isdigit() for c in value)
    if not _PHONE.match(value) or "+" in value[1:] or not 7 <= digits <= 15:
        raise Invalid(
            _("is not a valid phone number (7 to 15 digits, optional leading +): {value}").format(
                value=value
            )
        )
    return value


def emergency_phone(value: Any) -> str | None:
    """A number of the emergency list: a phone number, or a short service number (112,
    113, 110, 1414, 116 117) that is dialled as it is and that ``phone`` would refuse."""
    value = text(value)
    if value is None:
        return None
    compact = value.replace(" ", "")
    if compact.isdigit() and 3 <= len(compact) <= 6:
        return value
    return phone(value)


# Dates a study visit, a stay or a person's birth can have. Outside them a date is a typo
# (3026 for 2026), and near the calendar's end (9999-12-31) a day's arithmetic overflows.
FIRST_YEAR, LAST_YEAR = 1900, 2999


def in_range(day: dt.date) -> dt.date:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise Invalid(
            _("must be a date between the years {first} and {last}").format(
                first=FIRST_YEAR, last=LAST_YEAR
            )
        )
    return day


def date(value: Any, *, required: bool = False) -> dt.date | None:
    if value is None:
        if required:
            raise Invalid(_("is required"))
        return None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return in_range(value)
    if not isinstance(value, str) or not _DATE.match(value):
        raise Invalid(
            _("must be a date written {format}").format(format=pattern_name("yyyy-MM-dd"))
        )
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise Invalid(_("is not a real date: {value}").format(value=value)) from None
    return in_range(day)


def zone(name: Any) -> Any:
    """The ``ZoneInfo`` for an IANA name (tzdata ships the database on every system)."""
    if not isinstance(name, str) or not name or name != name.strip():
        raise Invalid(_("must be an IANA time zone name such as Europe/Riga"))
    return _zone_info(name)


@cache
def _zone_info(name: str) -> Any:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise Invalid(_("unknown time zone: {name}").format(name=name)) from None


def local_time(value: Any, zone_name: str, *, required: bool = True) -> dt.datetime | None:
    """A wall-clock time ``YYYY-MM-DDTHH:MM`` that exists in ``zone_name``.

    A time in the spring daylight-saving gap does not exist and is refused; a time that
    occurs twice in autumn means the first (fold 0).
    """
    if value is None:
        if required:
            raise Invalid(_("is required"))
        return None
    if isinstance(value, dt.datetime):
        naive = value.replace(tzinfo=None, second=0, microsecond=0)
    else:
        m = _LOCAL_TIME.match(value) if isinstance(value, str) else None
        if not m:
            raise Invalid(
                _("must be a local time written {format}").format(
                    format=pattern_name("yyyy-MM-dd") + "T" + pattern_name("HH:mm")
                )
            )
        try:
            naive = dt.datetime.fromisoformat(value)
        except ValueError:
            raise Invalid(_("is not a real time: {value}").format(value=value)) from None
    in_range(naive.date())
    tz = zone(zone_name)
    if not exists_in(naive, tz):
        raise Invalid(
            _("{value} does not exist in {zone} (the clocks skip it)").format(
                value=moment_text(naive), zone=zone_name
            )
        )
    return naive


def exists_in(naive: dt.datetime, tz: Any) -> bool:
    aware = naive.replace(tzinfo=tz, fold=0)
    back = aware.astimezone(dt.UTC).astimezone(tz).replace(tzinfo=None)
    return back == naive


def to_utc(naive: dt.datetime, zone_name: str) -> dt.datetime:
    """Naive UTC for a wall-clock time in ``zone_name`` (first occurrence when ambiguous)."""
    aware = naive.replace(tzinfo=zone(zone_name), fold=0)
    return aware.astimezone(dt.UTC).replace(tzinfo=None)


def from_utc(utc: dt.datetime, zone_name: str) -> dt.datetime:
    return utc.replace(tzinfo=dt.UTC).astimezone(zone(zone_name)).replace(tzinfo=None)


def decimal(
    value: Any,
    *,
    places: int = 6,
    non_negative: bool = False,
    required: bool = True,
    maximum: Decimal | None = None,
) -> Decimal | None:
    """A decimal written as a string (``"1234.50"``), kept exactly as written.

    A JSON number is refused: binary floating point cannot hold ``0.10`` exactly.
    """
    if value is None:
        if required:
            raise Invalid(_("is required"))
        return None
    if isinstance(value, Decimal):
        number = value
        if not number.is_finite():
            raise Invalid(_("must be a finite number"))
    else:
        if isinstance(value, (bool, int, float)):
            raise Invalid(_('must be a decimal written as a string, e.g. "12.50", not a number'))
        if not isinstance(value, str) or not _DECIMAL.match(value):
            raise Invalid(_("is not a decimal number: {value}").format(value=value))
        try:
            number = Decimal(value)
        except InvalidOperation:
            raise Invalid(_("is not a decimal number: {value}").format(value=value)) from None
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and -exponent > places:
        raise Invalid(_("has more than {places} decimal places").format(places=places))
    if non_negative and number < 0:
        raise Invalid(_("must not be negative"))
    if maximum is not None and number > maximum:
        raise Invalid(_("must be at most {maximum}").format(maximum=maximum))
    if number.adjusted() > 14:
        raise Invalid(_("is too large"))
    return number


@cache
def _currencies() -> frozenset[str]:
    from babel.numbers import list_currencies

    return frozenset(list_currencies())


def currency(value: Any, *, required: bool = True) -> str | None:
    if value is None:
        if required:
            raise Invalid(_("is required"))
        return None
    if not isinstance(value, str) or value not in _currencies():
        raise Invalid(
            _("is not an ISO 4217 currency code such as EUR: {value}").format(value=value)
        )
    return value


@cache
def _countries() -> frozenset[str]:
    from babel import Locale

    return frozenset(
        c for c in Locale("en").territories if isinstance(c, str) and len(c) == 2 and c.isalpha()
    )


def country(value: Any, *, required: bool = False) -> str | None:
    if value is None:
        if required:
            raise Invalid(_("is required"))
        return None
    if not isinstance(value, str) or value not in _countries():
        raise Invalid(
            _("is not an ISO 3166 country code such as NO or LV: {value}").format(value=value)
        )
    return value


def choice(value: Any, allowed: tuple[str, ...], *, default: str | None = None) -> str | None:
    if value is None:
        return default
    if not isinstance(value, str) or value not in allowed:
        raise Invalid(_("must be one of: {allowed}").format(allowed=", ".join(allowed)))
    return value


def boolean(value: Any, *, default: bool = False) -> bool:
    if value is None:
        return default
    if not isinstance(value, bool):
        raise Invalid(_("must be true or false"))
    return value
