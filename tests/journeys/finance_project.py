"""The finance officer's EEA/Norway Grants project as visit files: three visits of the
Kurzeme Planning Region (after the seed articles on LPS in Bergen and Daugavpils in
Poznań) — Bergen and Oslo in NOK, Kraków in PLN, and a Vestland delegation hosted in
Kuldīga in EUR — every line shared 85 % grant / 15 % own funds, each payment recorded on
a later day than the trip. And the ECB history file and allowance table she imports.

The figures the journey asserts were worked out by hand (Decimal, half up, the ECB rate
published the working day before each payment), not by the program."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

PROJECT = {
    "code": "EEZ-KPR-2027/01",
    "title": "Kurzemes plānošanas reģiona pašvaldību sadarbības stiprināšana",
    "funder": "EEZ un Norvēģijas granti",
    "period_start": "2027-01-01",
    "period_end": "2028-06-30",
    "grant_rate": "85",
    "currency": "EUR",
    "awarded": "30000.00",
    "rate_rule": "ecb",
}
ORGS = [
    {"key": "o-kpr", "name": "Kurzemes plānošanas reģions", "kind": "region", "country": "LV"},
    {
        "key": "o-kuld",
        "name": "Kuldīgas novada pašvaldība",
        "kind": "municipality",
        "country": "LV",
    },
    {"key": "o-tals", "name": "Talsu novada pašvaldība", "kind": "municipality", "country": "LV"},
    {"key": "o-vest", "name": "Vestland fylkeskommune", "kind": "region", "country": "NO"},
]
DELEGATES = [
    ("p-kalnina", "Inga", "Kalniņa", "o-kpr", "head"),
    ("p-ozolins", "Mārtiņš", "Ozoliņš", "o-kpr", "coordinator"),
    ("p-berzina", "Gunta", "Bērziņa", "o-kuld", "delegate"),
    ("p-steins", "Edgars", "Šteins", "o-kuld", "delegate"),
    ("p-abele", "Līga", "Ābele", "o-tals", "delegate"),
]
GUESTS = [
    ("n-1", "Ingrid", "Haugland", "o-vest", "head"),
    ("n-2", "Ole", "Nilsen", "o-vest", "delegate"),
    ("n-3", "Kari", "Berg", "o-vest", "delegate"),
    ("p-ozolins", "Mārtiņš", "Ozoliņš", "o-kpr", "coordinator"),
]
SOURCES = [
    {"key": "grant", "name": "EEZ un Norvēģijas granti", "share": "85", "grant": True},
    {"key": "own", "name": "KPR pašu līdzekļi", "share": "15", "grant": False},
]
SPLIT = [{"funding": "grant", "percent": "85"}, {"funding": "own", "percent": "15"}]
ALLOWANCE_TABLE = (
    "country,daily,accommodation_cap,valid_from,source\n"
    "NO,70.00,160.00,2011-11-01,MK noteikumi Nr. 969 (piemērs)\n"
    "PL,55.00,120.00,2011-11-01,MK noteikumi Nr. 969 (piemērs)\n"
)


def _people(rows: list[tuple[str, ...]], arrives: dict[str, str]) -> list[dict[str, Any]]:
    return [
        {"key": k, "given_name": g, "family_name": f, "organisation": o, "role": r,
         "status": "confirmed", **({"arrives": arrives[k]} if k in arrives else {})}
        for k, g, f, o, r in rows
    ]  # fmt: skip


def _line(cat: str, text: str, qty: str, unit: str, price: str, cur: str, paid: tuple[str, ...]):
    amount, paid_in, document, day, *unpaid = paid
    return {
        "category": cat, "description": text, "eligible": True, "shares": SPLIT,
        "quantity": qty, "unit": unit, "unit_price": price, "currency": cur,
        "actual": {"amount": amount, "currency": paid_in, "document": document, "date": day,
                   "paid": not unpaid},
    }  # fmt: skip


def _leg(frm: tuple[str, str, str], to: tuple[str, str, str], mode: str, pax: Any) -> dict:
    return {
        "mode": mode, "passengers": pax,
        "from": dict(zip(("place", "timezone", "at"), frm, strict=True)),
        "to": dict(zip(("place", "timezone", "at"), to, strict=True)),
    }  # fmt: skip


def _visit(code: str, title: str, where: tuple[str, str, str], days: tuple[str, str], **kw):
    country, city, zone = where
    return {
        "code": code, "title": title, "status": "completed", "languages": ["lv", "en"],
        "destination": {"country": country, "city": city, "timezone": zone},
        "start_date": days[0], "end_date": days[1], "organiser": "o-kpr",
        "coordinator": "p-ozolins", "project": PROJECT, **kw,
    }  # fmt: skip


RIGA, OSLO, WARSAW = "Europe/Riga", "Europe/Oslo", "Europe/Warsaw"
FIRST_FOUR = ["p-kalnina", "p-ozolins", "p-berzina", "p-steins"]
NORWAY = {
    "visit": _visit("KPR-NO-2027", "Pieredzes apmaiņas vizīte uz Bergenu un Oslo",
                    ("NO", "Bergena", OSLO), ("2027-05-10", "2027-05-14")),
    "people": _people(DELEGATES, {"p-abele": "2027-05-11"}),  # Līga joins a day later
    "travel": [
        _leg(("Rīga", RIGA, "2027-05-10T07:30"), ("Bergen", OSLO, "2027-05-10T08:45"),
             "flight", FIRST_FOUR),
        _leg(("Rīga", RIGA, "2027-05-11T07:30"), ("Bergen", OSLO, "2027-05-11T08:45"),
             "flight", ["p-abele"]),
        _leg(("Bergen", OSLO, "2027-05-12T08:00"), ("Oslo S", OSLO, "2027-05-12T14:50"),
             "train", "all"),
        _leg(("Oslo", OSLO, "2027-05-14T18:00"), ("Rīga", RIGA, "2027-05-14T20:50"),
             "flight", "all"),
    ],
    "budget": {"base_currency": "EUR", "funding_sources": SOURCES,
        "rates": [{"currency": "NOK", "per_base": "11.6500", "date": "2027-04-30", "source": "ECB"}],
        "lines": [
            _line("travel", "Aviobiļetes, 5 personas", "5", "person", "312.40", "EUR",
                  ("1562.00", "EUR", "BT-2027-4471", "2027-04-20")),
            _line("travel", "Vilciens Bergena–Oslo", "5", "trip", "949.00", "NOK",
                  ("4745.00", "NOK", "VY-88213", "2027-05-12")),
            _line("accommodation", "Viesnīca Bergenā", "9", "night", "1390.00", "NOK",
                  ("12510.00", "NOK", "SCAN-5521", "2027-05-14")),
            _line("accommodation", "Viesnīca Oslo", "10", "night", "1650.00", "NOK",
                  ("16830.00", "NOK", "THON-903", "2027-05-18")),
            _line("catering", "Darba vakariņas (8 personas)", "8", "person", "620.00", "NOK",
                  ("4960.00", "NOK", "REST-0512", "2027-05-21")),
            _line("interpretation", "Tulks norvēģu–latviešu", "2", "day", "6500.00", "NOK",
                  ("13000.00", "NOK", "TOLK-17", "2027-06-07")),
            # The allowance advance paid to the group before the trip, spread by the program.
            _line("daily_allowance", "Dienas nauda grupai (avanss)", "0", "day", "0.00", "EUR",
                  ("1500.00", "EUR", "KPR rīkojums 2-5/27-31", "2027-05-06")),
        ]},
}  # fmt: skip
POLAND = {
    "visit": _visit("KPR-PL-2027", "Pieredzes apmaiņas vizīte uz Krakovu",
                    ("PL", "Krakova", WARSAW), ("2027-06-07", "2027-06-09")),
    "people": _people(DELEGATES, {}),
    "travel": [
        _leg(("Rīga", RIGA, "2027-06-07T06:40"), ("Kraków", WARSAW, "2027-06-07T07:55"),
             "flight", "all"),
        _leg(("Kraków", WARSAW, "2027-06-09T19:10"), ("Rīga", RIGA, "2027-06-09T22:20"),
             "flight", "all"),
    ],
    "budget": {"base_currency": "EUR", "funding_sources": SOURCES,
        "rates": [{"currency": "PLN", "per_base": "4.2870", "date": "2027-05-28", "source": "ECB"}],
        "lines": [
            _line("travel", "Aviobiļetes, 5 personas", "5", "person", "241.90", "EUR",
                  ("1209.50", "EUR", "BT-2027-5120", "2027-05-19")),
            _line("accommodation", "Viesnīca Krakovā", "10", "night", "455.00", "PLN",
                  ("4550.00", "PLN", "HOT-7781", "2027-06-11")),
            _line("catering", "Pusdienas (7 personas)", "7", "person", "118.50", "PLN",
                  ("829.50", "PLN", "FV/06/118", "2027-06-14")),
            _line("interpretation", "Tulks poļu–latviešu", "2", "day", "1400.00", "PLN",
                  ("2950.00", "PLN", "FV/TL/44", "2027-06-15")),
            _line("local_transport", "Autobuss", "1", "lump_sum", "780.00", "PLN",
                  ("780.00", "PLN", "BUS-19", "2027-06-09")),
        ]},
}  # fmt: skip
LATVIA = {
    "visit": _visit("KPR-LV-2027", "Vestlandes delegācijas vizīte Kurzemē",
                    ("LV", "Kuldīga", RIGA), ("2027-09-20", "2027-09-22"),
                    kind="hosted_delegation", direction="incoming"),
    "people": _people(GUESTS, {}),
    "budget": {"base_currency": "EUR", "funding_sources": SOURCES, "rates": [],
        "lines": [
            _line("venue", "Zāle, 2 dienas", "2", "day", "180.00", "EUR",
                  ("360.00", "EUR", "KNP-310", "2027-09-22")),
            _line("catering", "Ēdināšana", "28", "person", "16.35", "EUR",
                  ("457.80", "EUR", "EDN-771", "2027-09-24")),
            _line("local_transport", "Autobuss", "1", "lump_sum", "650.00", "EUR",
                  ("690.00", "EUR", "BUS-58", "2027-09-23")),
            _line("interpretation", "Tulks", "2", "day", "420.00", "EUR",
                  ("840.00", "EUR", "TULK-09", "2027-09-30")),
            _line("accommodation", "Viesnīca, rēķins vēl nav apmaksāts", "6", "night",
                  "72.00", "EUR", ("432.00", "EUR", "RĒĶ-27", "2027-09-28", "unpaid")),
        ]},
}  # fmt: skip


def write_files(folder: Path) -> dict[str, Path]:
    """The three visit files, the ECB history file (every working day from 19 April to
    8 October 2027, each day's rate different so a wrong day shows) and the allowance
    table, in ``folder``."""
    paths: dict[str, Path] = {}
    for name, visit in (("norway", NORWAY), ("poland", POLAND), ("latvia", LATVIA)):
        body = {"format": "studyvisit/1", "organisations": ORGS, **visit}
        paths[name] = folder / f"{name}.json"
        paths[name].write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")
    rows, day, n = [], dt.date(2027, 4, 19), 0
    while day <= dt.date(2027, 10, 8):
        if day.weekday() < 5:
            nok, pln = f"{11.52 + 0.0137 * n:.4f}", f"{4.25 + 0.0023 * n:.4f}"
            rows.append(f"{day.isoformat()},{nok},{pln},")
            n += 1
        day += dt.timedelta(days=1)
    paths["ecb"] = folder / "eurofxref-hist.csv"
    paths["ecb"].write_text("Date,NOK,PLN,\n" + "\n".join(reversed(rows)) + "\n")
    paths["allowances"] = folder / "allowances.csv"
    paths["allowances"].write_text(ALLOWANCE_TABLE, encoding="utf-8")
    return paths
