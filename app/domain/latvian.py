"""Latvian case forms a generated sentence needs, which neither CLDR nor gettext provide.

"No 2014. gada 2. līdz 5. aprīlim … devās pieredzes apmaiņas braucienā uz Bergenu
(Norvēģijā)": the month takes the genitive or dative, the city the accusative after "uz"
and the locative for "in", the country the locative, the organiser the genitive. Cities
often visited have their Latvian forms in a table; other names follow the regular
declension of their ending, and names that do not decline in Latvian (Oslo, Tartu) stay as
they are. Pure functions, no I/O.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

from app.domain.text import fold

GENITIVE_MONTHS = (
    "janvāra",
    "februāra",
    "marta",
    "aprīļa",
    "maija",
    "jūnija",
    "jūlija",
    "augusta",
    "septembra",
    "oktobra",
    "novembra",
    "decembra",
)
DATIVE_MONTHS = (
    "janvārim",
    "februārim",
    "martam",
    "aprīlim",
    "maijam",
    "jūnijam",
    "jūlijam",
    "augustam",
    "septembrim",
    "oktobrim",
    "novembrim",
    "decembrim",
)
LOCATIVE_MONTHS = (
    "janvārī",
    "februārī",
    "martā",
    "aprīlī",
    "maijā",
    "jūnijā",
    "jūlijā",
    "augustā",
    "septembrī",
    "oktobrī",
    "novembrī",
    "decembrī",
)
# "On Friday" in a sentence: the weekday's adverb, Monday first (date.weekday()).
WEEKDAY_ADVERBS = (
    "pirmdien",
    "otrdien",
    "trešdien",
    "ceturtdien",
    "piektdien",
    "sestdien",
    "svētdien",
)

# City → (nominative, accusative "uz …", locative "… notika"), keyed by the folded name in
# any of the spellings a coordinator may type (local, English, Latvian).
_CITIES: dict[str, tuple[str, str, str]] = {}
for _names, _forms in (
    (("bergen", "bergena"), ("Bergena", "Bergenu", "Bergenā")),
    (("oslo",), ("Oslo", "Oslo", "Oslo")),
    (("trondheim", "trondheima"), ("Trondheima", "Trondheimu", "Trondheimā")),
    (("stavanger", "stavangera"), ("Stavangera", "Stavangeru", "Stavangerā")),
    (("tromso", "tromsø", "tromse"), ("Tromse", "Tromsi", "Tromsē")),
    (("katowice", "katovice"), ("Katovice", "Katovici", "Katovicē")),
    (("poznan", "poznań", "poznana", "poznaņa"), ("Poznaņa", "Poznaņu", "Poznaņā")),
    (("warszawa", "warsaw", "varsava", "varšava"), ("Varšava", "Varšavu", "Varšavā")),
    (("krakow", "kraków", "krakova"), ("Krakova", "Krakovu", "Krakovā")),
    (("gdansk", "gdańsk", "gdanska", "gdaņska"), ("Gdaņska", "Gdaņsku", "Gdaņskā")),
    (("riga", "rīga"), ("Rīga", "Rīgu", "Rīgā")),
    (("daugavpils",), ("Daugavpils", "Daugavpili", "Daugavpilī")),
    (("ventspils",), ("Ventspils", "Ventspili", "Ventspilī")),
    (("jekabpils", "jēkabpils"), ("Jēkabpils", "Jēkabpili", "Jēkabpilī")),
    (("cesis", "cēsis"), ("Cēsis", "Cēsīm", "Cēsīs")),
    (("talsi",), ("Talsi", "Talsiem", "Talsos")),
    (("limbazi", "limbaži"), ("Limbaži", "Limbažiem", "Limbažos")),
    (("tallinn", "tallina"), ("Tallina", "Tallinu", "Tallinā")),
    (("tartu",), ("Tartu", "Tartu", "Tartu")),
    (("vilnius", "vilna", "viļņa"), ("Viļņa", "Viļņu", "Viļņā")),
    (("kaunas", "kauna", "kauņa"), ("Kauņa", "Kauņu", "Kauņā")),
    (("stockholm", "stokholma"), ("Stokholma", "Stokholmu", "Stokholmā")),
    (("helsinki",), ("Helsinki", "Helsinkiem", "Helsinkos")),
    (
        ("copenhagen", "kobenhavn", "københavn", "kopenhagena"),
        ("Kopenhāgena", "Kopenhāgenu", "Kopenhāgenā"),
    ),
    (("berlin", "berline", "berlīne"), ("Berlīne", "Berlīni", "Berlīnē")),
    (("brussels", "bruxelles", "brussel", "brisele"), ("Brisele", "Briseli", "Briselē")),
    (("the hague", "den haag", "haga", "hāga"), ("Hāga", "Hāgu", "Hāgā")),
):
    for _name in _names:
        _CITIES[unicodedata.normalize("NFC", _name)] = _forms

# Country names whose locative is not the regular one of their last word.
_COUNTRY_LOCATIVE = {
    "GB": "Apvienotajā Karalistē",
    "US": "Amerikas Savienotajās Valstīs",
    "NL": "Nīderlandē",
    "CZ": "Čehijā",
}


def _key(name: str) -> str:
    return unicodedata.normalize("NFC", " ".join(name.split()).casefold())


def city_forms(name: str) -> tuple[str, str, str]:
    """(nominative, accusative, locative) of a city in Latvian: Bergen → Bergena, Bergenu,
    Bergenā; an unknown name declines by its ending, or stays as it is (Oslo)."""
    known = _CITIES.get(_key(name)) or _CITIES.get(fold(_key(name)))
    if known:
        return known
    name = name.strip()
    low = name[-1:].casefold()
    if name.endswith(("a", "ā")):
        return name, name[:-1] + "u", name[:-1] + "ā"
    if name.endswith("e"):
        return name, name[:-1] + "i", name[:-1] + "ē"
    if name.endswith(("s", "š")) and not name.endswith(("is", "us")):
        return name, name[:-1] + "u", name[:-1] + "ā"
    if low.isalpha() and low not in "aeiouyāēīūoøåäöü" and name.isascii():
        # A foreign name ending in a consonant declines as a feminine -a noun in Latvian
        # usage (Bergen → Bergenā, Trondheim → Trondheimā, Stavanger → Stavangerā).
        return name + "a", name + "u", name + "ā"
    return name, name, name  # Oslo, Tartu, Helsinki: indeclinable in running text


def country_locative(code: str | None, nominative: str) -> str:
    """Norvēģija → Norvēģijā, Polija → Polijā, Nīderlande → Nīderlandē."""
    if code and code.upper() in _COUNTRY_LOCATIVE:
        return _COUNTRY_LOCATIVE[code.upper()]
    if nominative.endswith("a"):
        return nominative[:-1] + "ā"
    if nominative.endswith("e"):
        return nominative[:-1] + "ē"
    return nominative


def genitive(name: str) -> str:
    """The genitive of an organisation's name, declining its last word when it is a
    Latvian common noun: "Latvijas Pašvaldību savienība" → "… savienības", "Ogres novada
    dome" → "… domes", "Latgales plānošanas reģions" → "… reģiona". Abbreviations and
    foreign names (LPS, Urban Institute) are left as they are."""
    words = name.strip().split(" ")
    last = words[-1]
    if not last or not last[0].islower() or not last.isalpha():
        return name.strip()
    if last.endswith(("a", "e")):
        last += "s"
    elif last.endswith(("is", "us")):
        return name.strip()
    elif last.endswith(("s", "š")):
        last = last[:-1] + "a"
    else:
        return name.strip()
    return " ".join([*words[:-1], last])


def participants_phrase(n: int) -> str:
    """ "1 dalībnieks", "2 dalībnieki", "21 dalībnieks", "11 dalībnieki"."""
    return f"{n} dalībnieks" if n % 10 == 1 and n % 100 != 11 else f"{n} dalībnieki"


def date_lead(start: dt.date, end: dt.date) -> str:
    """The dates opening a Latvian news sentence, with the year.

    "No 2014. gada 2. līdz 5. aprīlim", "No 2014. gada 30. marta līdz 2. aprīlim",
    "No 2014. gada 30. decembra līdz 2015. gada 2. janvārim", "2015. gada 11. februārī".
    """
    if start == end:
        return f"{start.year}. gada {start.day}. {LOCATIVE_MONTHS[start.month - 1]}"
    to = f"{end.day}. {DATIVE_MONTHS[end.month - 1]}"
    if start.year != end.year:
        return (
            f"No {start.year}. gada {start.day}. {GENITIVE_MONTHS[start.month - 1]} "
            f"līdz {end.year}. gada {to}"
        )
    if start.month == end.month:
        return f"No {start.year}. gada {start.day}. līdz {to}"
    return f"No {start.year}. gada {start.day}. {GENITIVE_MONTHS[start.month - 1]} līdz {to}"


def _ends(word: str, endings: tuple[str, ...]) -> bool:
    last = fold(word.strip().split()[-1]) if word.strip() else ""
    return last.endswith(endings)


def guess_gender(given_name: str | None, family_name: str | None) -> str | None:
    """ "female" or "male" by the endings of a Latvian name, None when they do not tell.

    Latvian masculine names end in -s or -š (Jānis Bērziņš, Artūrs Grava), feminine ones in
    -a or -e (Līga Šņore, Dace Ziediņa). A given name in -s or -š is masculine whatever
    the family name (Jānis Liepa); a feminine given name needs a family name that ends
    like a feminine one too, so that Terje Vik or Ingrid Haugland stay unknown and the
    People form's choice decides.
    """
    given, family = given_name or "", family_name or ""
    masculine, feminine = ("s", "š"), ("a", "e")
    if _ends(given, masculine) or (_ends(family, masculine) and not _ends(given, feminine)):
        return "male"
    if _ends(given, feminine) and _ends(family, feminine):
        return "female"
    return None
