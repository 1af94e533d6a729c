"""Translations and locale-aware formatting.

Messages go through gettext catalogues compiled from ``resources/translations`` (found by
``app.resource_files``, also in an installed or frozen copy; msgids are English; Latvian is
the default interface language). Formatting of dates, times and money uses Babel, imported
only when first needed, so that start-up stays cheap.
"""

from __future__ import annotations

import gettext as _gettext
import locale
import os
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from app.resource_files import TRANSLATIONS_DIR

if TYPE_CHECKING:
    import datetime as dt

DOMAIN = "studyvisit"
UI_LANGUAGES = ("lv", "en")
DOCUMENT_LANGUAGES = ("lv", "en", "nb")
DEFAULT_LANGUAGE = "lv"

_current = DEFAULT_LANGUAGE
_catalogs: dict[str, _gettext.NullTranslations] = {}


def catalog(lang: str) -> _gettext.NullTranslations:
    """The compiled catalogue for ``lang`` (an untranslated fallback if it is missing)."""
    if lang not in _catalogs:
        _catalogs[lang] = _gettext.translation(
            DOMAIN, localedir=str(TRANSLATIONS_DIR), languages=[lang], fallback=True
        )
    return _catalogs[lang]


_WINDOWS_NAMES = {"latvian": "lv", "english": "en"}


def _code(name: str) -> str:
    """``lv_LV.UTF-8`` → ``lv``; Windows' ``Latvian_Latvia`` → ``lv``; else lower-case code."""
    head = name.split(":")[0].split(".")[0].split("@")[0]
    code = head.split("_")[0].lower()
    return _WINDOWS_NAMES.get(code, code)


def system_language() -> str:
    """The interface language the system asks for, when it is one we have; else Latvian.

    The plain C/POSIX locale (containers, CI) asks for nothing in particular: Latvian.
    """
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var, "")
        if value:
            code = _code(value)
            return code if code in UI_LANGUAGES else DEFAULT_LANGUAGE
    # The raw setting, not locale.getlocale(): Python coerces an empty environment to
    # C.UTF-8 (PEP 538), which getlocale() reports as en_US — English in a bare container.
    try:
        code = _code(locale.setlocale(locale.LC_CTYPE) or "")
    except (ValueError, locale.Error):
        code = ""
    return code if code in UI_LANGUAGES else DEFAULT_LANGUAGE


def set_language(lang: str) -> None:
    global _current
    _current = lang if lang in DOCUMENT_LANGUAGES else DEFAULT_LANGUAGE


def current_language() -> str:
    return _current


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    """Messages made inside are in ``lang``, then the interface language is back.

    A document's warnings are sentences the services make with ``_``: a budget printed in
    English from a Latvian command line must carry English warnings. Only for the thread
    that owns the interface (the window's export workers load in the interface language).
    """
    before = _current
    set_language(lang)
    try:
        yield
    finally:
        set_language(before)


def _(message: str) -> str:
    """Translate ``message`` into the current interface language."""
    return catalog(_current).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Plural-aware translation (Latvian has three forms)."""
    return catalog(_current).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """Translate ``message`` as meant in ``context``: one English word, two Latvian ones
    ("Confirmed" is "Apstiprināta" for a visit, "Apstiprināts" for a participant)."""
    return catalog(_current).pgettext(context, message)


def NC_(context: str, message: str) -> str:
    """Mark ``message`` with its ``context`` for extraction; ``pgettext`` translates it."""
    return message


def N_(message: str) -> str:
    """Mark ``message`` for extraction; it is translated later, where it is shown."""
    return message


def tr(lang: str, message: str) -> str:
    """Translate into a given language (documents are printed in their own language)."""
    return catalog(lang).gettext(message)


def trc(lang: str, context: str, message: str) -> str:
    """``tr`` for a word whose meaning depends on where it stands (``pgettext``)."""
    return catalog(lang).pgettext(context, message)


def round_cents(amount: Decimal) -> Decimal:
    """Round half up to cents (Babel alone would round half to even)."""
    return amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def format_money(amount: Decimal, currency: str, lang: str | None = None) -> str:
    from babel.numbers import format_currency

    return format_currency(round_cents(amount), currency, locale=lang or _current)


def format_money_whole(amount: Decimal, currency: str, lang: str | None = None) -> str:
    """An amount without its cents when it has none (``€1,500``, ``1 500 €``): a chart axis.

    The language's own currency pattern with the fraction dropped, so the grouping and the
    symbol's place stay Babel's; an amount with cents is written in full (``€2.50``).
    """
    from babel import Locale
    from babel.numbers import format_currency

    locale = lang or _current
    cents = round_cents(amount)
    if cents != cents.to_integral_value():
        return format_money(cents, currency, locale)
    pattern = Locale.parse(locale).currency_formats["standard"].pattern
    whole = pattern.split(";")[0].replace(".00", "").replace(".##", "")
    return format_currency(
        cents.to_integral_value(), currency, format=whole, locale=locale, currency_digits=False
    )


def format_date(value: dt.date, lang: str | None = None, fmt: str = "medium") -> str:
    from babel.dates import format_date as _format_date

    return _format_date(value, fmt, locale=lang or _current)


def date_pattern(lang: str | None = None) -> str:
    """The language's short date with a four-digit year and padded day and month (Latvian
    ``dd.MM.yyyy``, English ``MM/dd/yyyy``): the one way the program writes a date in the
    window's fields, lists and messages. Babel's pattern letters are Qt's display format
    letters too, so the date fields take it as it is."""
    import re

    from babel.dates import get_date_format

    pattern = get_date_format("short", locale=lang or _current).pattern
    pattern = re.sub(r"y+", "yyyy", pattern)
    pattern = re.sub(r"(?<!d)d(?!d)", "dd", pattern)
    return re.sub(r"(?<!M)M(?!M)", "MM", pattern)


def date_text(value: dt.date | None, lang: str | None = None) -> str:
    """A date as the window writes it (``06.04.2026`` in Latvian, ``04/06/2026`` in
    English), for lists, tables and the messages about them; empty for no date."""
    if value is None:
        return ""
    return format_date(value, lang, fmt=date_pattern(lang))


def pattern_name(pattern: str, lang: str | None = None) -> str:
    """A date or time pattern (``yyyy-MM-dd``, ``dd.MM.yyyy``, ``HH:mm``) as a message
    names it to a user: each letter in the user's language (Latvian ``gggg-mm-dd``, as a
    form says "gads"; English ``yyyy-mm-dd``), separators as they are."""
    import re

    language = lang or _current
    names = {
        # TR: the letter for a day's digits in a date format such as dd.mm.yyyy
        "d": trc(language, "date format: day", "d"),
        # TR: the letter for a month's digits in a date format such as dd.mm.yyyy
        "M": trc(language, "date format: month", "m"),
        # TR: the letter for a year's digits in a date format such as dd.mm.yyyy
        "y": trc(language, "date format: year", "y"),
        # TR: the letter for an hour's digits in a time format such as hh:mm
        "H": trc(language, "time format: hour", "h"),
        # TR: the letter for a minute's digits in a time format such as hh:mm
        "m": trc(language, "time format: minute", "m"),
    }
    return re.sub(r"([dMyHm])\1*", lambda run: names[run.group(1)] * len(run.group(0)), pattern)


def moment_text(value: dt.datetime, lang: str | None = None) -> str:
    """A local date and time as the window writes them (``28.03.2027 12:00`` in Latvian,
    ``03/28/2027 12:00`` in English), for the messages about them: never ISO."""
    return f"{date_text(value.date(), lang)} {format_time(value, lang)}"


def format_time(value: dt.time | dt.datetime, lang: str | None = None) -> str:
    from babel.dates import format_time as _format_time

    return _format_time(value, "HH:mm", locale=lang or _current)
