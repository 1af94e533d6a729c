"""The time zone of a place: a country's zone, or, where it has several, its city's.

Read from the IANA time zone database's own table (``zone.tab`` of the ``tzdata`` package
the program already uses for its zones; the system's copy if that is missing): one row per
country and zone, the country's first row its most populous area ("Spain (mainland)",
"Eastern (most areas)"). A city picks another zone of its country when it is that zone's
city ("Las Palmas" is not one, "Canary" is the zone's name; "Chicago", "Los Angeles",
"Lisbon", "Madeira" are), written with or without its accents, or in Latvian or English
as CLDR (Babel) names it ("Ņujorka").
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from app.domain.text import fold


def _fold(text: str) -> str:
    """Lower case without accents and with spaces for underscores: a name to compare."""
    return " ".join(fold(text.replace("_", " ")).split())


def _table_text() -> str:
    try:
        from importlib.resources import files

        return (files("tzdata.zoneinfo") / "zone.tab").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return Path("/usr/share/zoneinfo/zone.tab").read_text(encoding="utf-8")


@cache
def country_zones() -> dict[str, tuple[tuple[str, str], ...]]:
    """Country code → its zones in the table's order, each with the table's comment."""
    zones: dict[str, list[tuple[str, str]]] = {}
    for line in _table_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        columns = line.split("\t")
        if len(columns) < 3:
            continue
        comment = columns[3] if len(columns) > 3 else ""
        zones.setdefault(columns[0].strip().upper(), []).append((columns[2].strip(), comment))
    return {code: tuple(found) for code, found in zones.items()}


@cache
def _zone_countries() -> dict[str, str]:
    """Zone → the country code the table lists it under."""
    return {zone: code for code, zones in country_zones().items() for zone, _comment in zones}


@cache
def _links() -> dict[str, str]:
    """An old or other name of a zone → the zone it names (``Europe/Kiev`` → ``Europe/Kyiv``),
    from the ``L`` lines of the ``tzdata`` package's ``tzdata.zi``; empty without it."""
    try:
        from importlib.resources import files

        text = (files("tzdata.zoneinfo") / "tzdata.zi").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return {}
    found = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0] == "L":
            found[parts[2]] = parts[1]
    return found


def zone_country(zone: str | None) -> str | None:
    """The country (ISO code) a zone is in, ``None`` when it names none (``UTC``, ``EET``).

    The table's own row first: ``Europe/Oslo`` is Norway's although the database now makes
    it a link to ``Europe/Berlin``; an old name the table does not list is followed to the
    zone it names (``Europe/Kiev`` is Ukraine's ``Europe/Kyiv``). A name without a region
    (``EET``, ``CET``) is no country's, although the database links ``EET`` to Athens."""
    if not zone or "/" not in zone:
        return None
    table = _zone_countries()
    for _step in range(3):  # a link to a link at most
        if zone in table:
            return table[zone]
        zone = _links().get(zone, "")
        if not zone:
            return None
    return None


@cache
def _city_names(zone: str) -> frozenset[str]:
    """The names a zone's city goes by: the zone's own, and CLDR's in Latvian and English."""
    names = {_fold(zone.rsplit("/", 1)[-1])}
    try:
        from babel import Locale

        for lang in ("lv", "en"):
            city = Locale.parse(lang).time_zones.get(zone, {}).get("city")
            if city:
                names.add(_fold(city))
    except (ImportError, ValueError, LookupError):  # Babel's data missing: the zone's name
        pass
    return frozenset(names)


def zone_for_place(country: str | None, city: str | None = None) -> str | None:
    """The zone a visit to ``city`` in ``country`` (ISO code) keeps its times in.

    None when the country is not known (the caller keeps what it has).
    """
    if not country:
        return None
    zones = country_zones().get(country.strip().upper())
    if not zones:
        return None
    if city and len(zones) > 1:
        wanted = _fold(city)
        for zone, comment in zones:
            if wanted in _city_names(zone) or (comment and wanted == _fold(comment)):
                return zone
    return zones[0][0]
