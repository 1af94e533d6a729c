"""Document texts in the document's language (lv, en, nb), and date phrases.

Documents are printed in their own language, not the interface's. Latvian and English
come from the gettext catalogues (``tr(lang, msgid)``, extracted like ``_``); Norwegian
bokmål has no gettext catalogue in this program, so its texts live here in ``NB`` keyed by
the same English msgids (``tests/documents`` checks that every document msgid has one).

CLDR knows only the nominative of Latvian month names ("5. aprīlis"); a phrase such as
"no 2. līdz 5. aprīlim" needs the genitive and dative, which ``app.domain.latvian`` keeps.
"""

from __future__ import annotations

import datetime as dt

from app import i18n
from app.domain import latvian

LANGUAGES = ("lv", "en", "nb")

NB: dict[str, str] = {}  # filled below, after the helpers


def tr(lang: str, message: str) -> str:
    """``message`` (an English msgid) in the document language ``lang``."""
    if lang == "nb":
        return NB.get(message, message)
    return i18n.tr(lang, message)


def language(lang: str | None, fallback: str = "lv") -> str:
    """A document language we can print (``lv``, ``en`` or ``nb``)."""
    return lang if lang in LANGUAGES else fallback


def _month(day: dt.date, lang: str) -> str:
    from babel.dates import format_date

    return format_date(day, "MMMM", locale=lang)


def _day_month(day: dt.date, lang: str, case: str = "nom") -> str:
    """"2. aprīlis" / "2. aprīļa" / "2. aprīlim" / "2 April" / "2. april"."""
    if lang == "lv":
        month = {"gen": latvian.GENITIVE_MONTHS, "dat": latvian.DATIVE_MONTHS,
                 "loc": latvian.LOCATIVE_MONTHS}.get(case)
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
        return (f"{_with_year(_day_month(start, lang), start.year, lang)} – "
                f"{_with_year(_day_month(end, lang), end.year, lang)}")
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
            first = _with_year(first, start.year, lang) if lang != "lv" else \
                f"{start.year}. gada {first}"
    return tr(lang, "from {start} to {end}").format(start=first,
                                                    end=_day_month(end, lang, "dat"))


_DAY_PATTERNS = {"lv": "EEEE, d. MMMM", "en": "EEEE d MMMM", "nb": "EEEE d. MMMM"}


def day_heading(day: dt.date, lang: str) -> str:
    """"Trešdiena, 2. aprīlis" / "Wednesday 2 April" / "Onsdag 2. april"."""
    from babel.dates import format_date

    text = format_date(day, _DAY_PATTERNS.get(lang, "full"), locale=lang)
    return text[:1].upper() + text[1:]


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
    "head": N_("Head of delegation"), "delegate": N_("Delegate"),
    "coordinator": N_("Coordinator"), "interpreter": N_("Interpreter"),
    "expert": N_("Expert"), "press": N_("Press"), "driver": N_("Driver"),
}
TRAVEL_MODES = {
    "flight": N_("Flight"), "train": N_("Train"), "bus": N_("Bus"), "ferry": N_("Ferry"),
    "car": N_("Car"), "other": N_("Journey"),
}
ROOM_TYPES = {"single": N_("Single"), "double": N_("Double"), "twin": N_("Twin")}
VISIT_KINDS = {
    "study_visit": N_("Study visit"), "conference": N_("Conference"),
    "seminar": N_("Seminar"), "hosted_delegation": N_("Hosted delegation"),
}


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


NB.update({
    # pages and sections
    "Page {page} of {pages}": "Side {page} av {pages}",
    "Prepared {date}": "Utarbeidet {date}",
    "Programme": "Program",
    "Participants": "Deltakere",
    "Practical information": "Praktisk informasjon",
    "Accommodation": "Overnatting",
    "Journeys": "Reiser",
    "Emergency numbers and contacts": "Nødnumre og kontakter",
    "Personal itinerary": "Personlig reiseplan",
    "Personal itineraries": "Personlige reiseplaner",
    "Attendance sheet": "Deltakerliste med signatur",
    "Rooming list": "Romliste",
    "Passenger list": "Passasjerliste",
    # the schedule
    "Time": "Tid",
    "Place": "Sted",
    "Host: {name}": "Vert: {name}",
    "Contact: {name}": "Kontakt: {name}",
    "Interpretation provided": "Med tolk",
    "Attending: {names}": "Deltar: {names}",
    "Booking reference: {ref}": "Bestillingsreferanse: {ref}",
    "Local time ({zone}), the same as in Riga.": "Lokal tid ({zone}), samme som i Riga.",
    "Local time ({zone}), {hours} h behind Riga.": "Lokal tid ({zone}), {hours} t bak Riga.",
    "Local time ({zone}), {hours} h ahead of Riga.":
        "Lokal tid ({zone}), {hours} t foran Riga.",
    "Departs {departs} ({from_zone}), arrives {arrives} ({to_zone}), local times.":
        "Avgang {departs} ({from_zone}), ankomst {arrives} ({to_zone}), lokale tider.",
    "Check-in: {hotel}": "Innsjekking: {hotel}",
    "Overnight: {hotel}": "Overnatting: {hotel}",
    "Hotel: {name}": "Hotell: {name}",
    "{day} (continued)": "{day} (fortsatt)",
    "Room {room}": "Rom {room}",
    "Parallel sessions: {tracks}": "Parallelle sesjoner: {tracks}",
    "Times are local: each departure in the zone it leaves from, each arrival in the zone "
    "it reaches.": "Tidene er lokale: avgang i tidssonen man reiser fra, ankomst i "
                   "tidssonen man kommer til.",
    # the phone itinerary
    "Every time is the local time of the place, and the page says which zone.":
        "Alle tider er lokal tid på stedet, og siden sier hvilken tidssone.",
    "Local time ({zone})": "Lokal tid ({zone})",
    "Times in local time ({zone}).": "Tidene er lokal tid ({zone}).",
    "Show to the driver": "Vis til sjåføren",
    "Show on the map": "Vis på kartet",
    "Today": "I dag",
    # translation completeness
    "English":
        "engelsk",
    "Norwegian or English":
        "norsk eller engelsk",
    "The visit's title has no {language} version.":
        "Besøkets tittel finnes ikke på {language}.",
    "The visit's purpose has no {language} version.":
        "Besøkets formål finnes ikke på {language}.",
    "{missing} of {total} programme items have no {language} title.":
        "{missing} av {total} programpunkter har ingen tittel på {language}.",
    "{missing} of {total} item descriptions have no {language} version.":
        "{missing} av {total} beskrivelser finnes ikke på {language}.",
    "{missing} of {total} hosts have only a Latvian name.":
        "{missing} av {total} verter har bare et latvisk navn.",
    "Not yet translated, printed in Latvian:":
        "Ikke oversatt ennå, trykt på latvisk:",
    # change notices
    "Version {number}": "Versjon {number}",
    "Cancelled: {title}":
        "Avlyst: {title}",
    "Journey cancelled: {journey}":
        "Reise avlyst: {journey}",
    "Journey changed: {journey}":
        "Reise endret: {journey}",
    "Moved: {title}":
        "Flyttet: {title}",
    "New journey: {journey}":
        "Ny reise: {journey}",
    "New place: {title}":
        "Nytt sted: {title}",
    "New title: {title}":
        "Ny tittel: {title}",
    "New: {title}":
        "Nytt: {title}",
    "Your room has changed":
        "Rommet ditt er endret",
    "no room":
        "intet rom",
    "now {new}; was {old}":
        "nå {new}; før {old}",
    "was {old}":
        "før: {old}",
    "Changes since version {number} of {date}.":
        "Endringer siden versjon {number} av {date}.",
    "Nothing has changed for you since that version.":
        "Ingenting er endret for deg siden den versjonen.",
    "What has changed":
        "Hva er endret",
    "Nothing has changed since version {number}.":
        "Ingenting er endret siden versjon {number}.",
    # letters to hosts
    "{when} (local time): {title}":
        "{when} (lokal tid): {title}",
    "Our delegation brings its own interpreter, {name}.":
        "Delegasjonen vår har med egen tolk, {name}.",
    "Some members of our delegation need interpretation from Latvian; please let us know whether you can arrange it or whether we should bring an interpreter.":
        "Noen i delegasjonen vår trenger tolking fra latvisk; gi oss beskjed om dere kan ordne det, eller om vi skal ta med tolk.",
    "Dear {name},":
        "Kjære {name},",
    "Dear Sir or Madam,":
        "Til den det måtte angå,",
    "Request for a meeting: {title}":
        "Forespørsel om møte: {title}",
    "{organiser} is preparing the visit “{title}” ({place}, {dates}). We would be honoured if {host} could receive our delegation.":
        "{organiser} forbereder besøket «{title}» ({place}, {dates}). Det ville være en ære om {host} kunne ta imot delegasjonen vår.",
    "Our organisation":
        "Vår organisasjon",
    "The purpose of the visit: {purpose}":
        "Formålet med besøket: {purpose}",
    "Meetings we ask for":
        "Møter vi ber om",
    "Topics and questions":
        "Temaer og spørsmål",
    "The delegation (people: {count})":
        "Delegasjonen (antall personer: {count})",
    "We arrive in {place} on {day} at {time} (local time).":
        "Vi ankommer {place} {day} kl. {time} (lokal tid).",
    "Please send your answer and any questions to our coordinator, {name} ({reach}).":
        "Svar og eventuelle spørsmål kan sendes til vår koordinator, {name} ({reach}).",
    "Thank you: {title}":
        "Takk: {title}",
    "On behalf of our delegation, thank you for receiving us at {host} {dates}.":
        "På vegne av delegasjonen vår takker vi for at {host} tok imot oss {dates}.",
    "What we take home from the meeting:":
        "Dette tar vi med oss hjem fra møtet:",
    "We look forward to continuing our cooperation and would be glad to welcome you in Latvia.":
        "Vi ser fram til å fortsette samarbeidet og tar gjerne imot dere i Latvia.",
    "Yours sincerely,":
        "Med vennlig hilsen",
    # cover and funder
    "Project {code}": "Prosjekt {code}",
    "Funded by: {funder}": "Finansiert av: {funder}",
    # tables
    "No.": "Nr.",
    "Full name": "Navn",
    "Organisation": "Organisasjon",
    "Position": "Stilling",
    "Role": "Rolle",
    "Date": "Dato",
    "Journey": "Reise",
    "Departs": "Avreise",
    "Arrives": "Ankomst",
    "Who": "Hvem",
    "Phone": "Telefon",
    "Phone: {phone}": "Telefon: {phone}",
    "Coordinator: {name}": "Koordinator: {name}",
    "Check-in {check_in}, check-out {check_out}":
        "Innsjekking {check_in}, utsjekking {check_out}",
    "Signature": "Signatur",
    "Room": "Rom",
    "Type": "Type",
    "Guest": "Gjest",
    "Notes": "Merknader",
    "Rooms: {rooms}, guests: {guests}": "Rom: {rooms}, gjester: {guests}",
    "Family name": "Etternavn",
    "Given names": "Fornavn",
    "Names as written in the travellers' ID documents. Passengers: {count}":
        "Navn som i de reisendes ID-dokumenter. Passasjerer: {count}",
    # people
    "You take part {dates}.": "Du deltar {dates}.",
    "{type}, with {people}": "{type}, sammen med {people}",
    "Nobody has confirmed taking part yet.": "Ingen har bekreftet deltakelse ennå.",
    "The programme has no meetings yet.": "Programmet har ingen møter ennå.",
    "No accommodation has been booked.": "Ingen overnatting er bestilt.",
    "No journeys have been planned.": "Ingen reiser er planlagt.",
    # dates
    "on {date}": "{date}",
    "from {start} to {end}": "fra {start} til {end}",
    # vocabularies
    "Head of delegation": "Delegasjonsleder",
    "Delegate": "Delegat",
    "Coordinator": "Koordinator",
    "Interpreter": "Tolk",
    "Expert": "Ekspert",
    "Press": "Presse",
    "Driver": "Sjåfør",
    "Flight": "Fly",
    "Train": "Tog",
    "Bus": "Buss",
    "Ferry": "Ferje",
    "Car": "Bil",
    "Single": "Enkeltrom",
    "Double": "Dobbeltrom",
    "Twin": "Tomannsrom",
    "Study visit": "Studiebesøk",
    "Conference": "Konferanse",
    "Seminar": "Seminar",
    "Hosted delegation": "Besøkende delegasjon",
})
