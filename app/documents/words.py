"""Document texts in the document's language (lv, en, nb), and date phrases.

Documents are printed in their own language, not the interface's. Latvian and English
and Norwegian bokmål come from the gettext catalogues (``tr(lang, msgid)``, extracted like
``_``); bokmål is a document language only, so its catalogue translates the document texts
(``tests/documents`` checks that every document msgid has one).

CLDR knows only the nominative of Latvian month names ("5. aprīlis"); a phrase such as
"no 2. līdz 5. aprīlim" needs the genitive and dative, which ``app.domain.latvian`` keeps.
"""

from __future__ import annotations

import datetime as dt

from app import i18n
from app.domain import latvian

LANGUAGES = ("lv", "en", "nb")


def tr(lang: str, message: str) -> str:
    """``message`` (an English msgid) in the document language ``lang``."""
    return i18n.tr(lang, message)


def language(lang: str | None, fallback: str = "lv") -> str:
    """A document language we can print (``lv``, ``en`` or ``nb``)."""
    return lang if lang in LANGUAGES else fallback


def _month(day: dt.date, lang: str) -> str:
    from babel.dates import format_date

    return format_date(day, "MMMM", locale=lang)


def _day_month(day: dt.date, lang: str, case: str = "nom") -> str:
    """ "2. aprīlis" / "2. aprīļa" / "2. aprīlim" / "2 April" / "2. april"."""
    if lang == "lv":
        month = {
            "gen": latvian.GENITIVE_MONTHS,
            "dat": latvian.DATIVE_MONTHS,
            "loc": latvian.LOCATIVE_MONTHS,
        }.get(case)
        return f"{day.day}. {month[day.month - 1] if month else _month(day, lang)}"
    if lang == "nb":
        return f"{day.day}. {_month(day, lang)}"
    return f"{day.day} {_month(day, lang)}"


def _day_only(day: dt.date, lang: str) -> str:
    return str(day.day) if lang == "en" else f"{day.day}."


def _with_year(text: str, year: int, lang: str) -> str:
    """Latvian puts the year first ("2014. gada 2. aprīlis"); English and bokmål last."""
    if lang == "lv":
        return f"{year}. gada {text}"
    return f"{text} {year}"


def date_range(start: dt.date, end: dt.date, lang: str) -> str:
    """The dates of a visit as a title says them, month written in full.

    lv "2014. gada 2.–5. aprīlis", en "2–5 April 2014", nb "2.–5. april 2014"; across
    months "30. marts – 2. aprīlis"; across years each end carries its year.
    """
    if start == end:
        return _with_year(_day_month(start, lang), start.year, lang)
    if start.year != end.year:
        return (
            f"{_with_year(_day_month(start, lang), start.year, lang)} – "
            f"{_with_year(_day_month(end, lang), end.year, lang)}"
        )
    if start.month == end.month:
        text = f"{_day_only(start, lang)}–{_day_month(end, lang)}"
    else:
        text = f"{_day_month(start, lang)} – {_day_month(end, lang)}"
    return _with_year(text, start.year, lang)


def date_phrase(start: dt.date, end: dt.date, lang: str) -> str:
    """The dates inside a sentence, in the right Latvian cases.

    lv "no 2. līdz 5. aprīlim" / "no 30. marta līdz 2. aprīlim" / "2. aprīlī";
    en "from 2 to 5 April" / "on 2 April"; nb "fra 2. til 5. april" / "2. april".
    """
    if start == end:
        return tr(lang, "on {date}").format(date=_day_month(start, lang, "loc"))
    if start.month == end.month and start.year == end.year:
        first = _day_only(start, lang)
    else:
        first = _day_month(start, lang, "gen")
        if start.year != end.year:
            first = (
                _with_year(first, start.year, lang)
                if lang != "lv"
                else f"{start.year}. gada {first}"
            )
    return tr(lang, "from {start} to {end}").format(start=first, end=_day_month(end, lang, "dat"))


_DAY_PATTERNS = {"lv": "EEEE, d. MMMM", "en": "EEEE d MMMM", "nb": "EEEE d. MMMM"}


def day_heading(day: dt.date, lang: str) -> str:
    """ "Trešdiena, 2. aprīlis" / "Wednesday 2 April" / "Onsdag 2. april"."""
    from babel.dates import format_date

    text = format_date(day, _DAY_PATTERNS.get(lang, "full"), locale=lang)
    return text[:1].upper() + text[1:]


def day_in_sentence(day: dt.date, lang: str) -> str:
    """A day inside a sentence, where a heading's capital and nominative are wrong:
    lv "piektdien, 26. martā", en "Friday 26 March", nb "fredag 26. mars"."""
    from babel.dates import format_date

    if lang == "lv":
        return f"{latvian.WEEKDAY_ADVERBS[day.weekday()]}, {_day_month(day, lang, 'loc')}"
    return format_date(day, _DAY_PATTERNS.get(lang, "full"), locale=lang)


def short_date(day: dt.date, lang: str) -> str:
    """A date in a table cell: "02.04.2014" (lv, nb) or "2 Apr 2014" (en), via Babel."""
    from babel.dates import format_date

    return format_date(day, "d MMM y" if lang == "en" else "dd.MM.y", locale=lang)


def time_text(value: dt.datetime | dt.time, lang: str) -> str:
    from babel.dates import format_time

    return format_time(value, "HH:mm", locale=lang)


def number(value: float, lang: str) -> str:
    from babel.numbers import format_decimal

    return format_decimal(value, locale=lang)


# --------------------------------------------------------------------------- vocabularies

N_ = i18n.N_

ROLES = {
    "head": N_("Head of delegation"),
    "delegate": N_("Delegate"),
    "coordinator": N_("Coordinator"),
    "interpreter": N_("Interpreter"),
    "expert": N_("Expert"),
    "press": N_("Press"),
    "driver": N_("Driver"),
}
TRAVEL_MODES = {
    "flight": N_("Flight"),
    "train": N_("Train"),
    "bus": N_("Bus"),
    "ferry": N_("Ferry"),
    "car": N_("Car"),
    "other": N_("Journey"),
}
ROOM_TYPES = {"single": N_("Single"), "double": N_("Double"), "twin": N_("Twin")}
VISIT_KINDS = {
    "study_visit": N_("Study visit"),
    "conference": N_("Conference"),
    "seminar": N_("Seminar"),
    "hosted_delegation": N_("Hosted delegation"),
}


# A woman's role in Latvian: the word agrees with her ("Delegāte", not "Delegāts").
_LV_FEMININE_ROLES = {
    "head": "Delegācijas vadītāja",
    "delegate": "Delegāte",
    "coordinator": "Koordinatore",
    "interpreter": "Tulce",
    "expert": "Eksperte",
    "press": "Prese",
    "driver": "Šofere",
}


def role_label(person: object, lang: str) -> str:
    """The person's role in the document's language, in Latvian agreeing with the
    person's grammatical gender (stored, else guessed from the name)."""
    role = getattr(person, "role", None)
    if lang == "lv" and getattr(person, "feminine", False) and role in _LV_FEMININE_ROLES:
        return _LV_FEMININE_ROLES[role]
    return label(ROLES, role, lang)


def label(table: dict[str, str], code: str | None, lang: str) -> str:
    """A vocabulary code in the document's language (the code itself if unknown)."""
    if not code:
        return ""
    return tr(lang, table[code]) if code in table else code


def country_name(code: str | None, lang: str) -> str:
    if not code:
        return ""
    from babel import Locale

    return Locale.parse(lang).territories.get(code.upper(), code)
