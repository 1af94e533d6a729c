"""Fixtures for the document tests: the demo visits, a hostile visit, PDF text extraction."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from db.engine import Database


def pdf_text(path: Path) -> str:
    """All the text a reader would copy out of the PDF, pages joined by form feeds."""
    from pypdf import PdfReader

    return "\f".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


def pdf_pages(path: Path) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(str(path)).pages]


def squash(text: str) -> str:
    """Text with every run of white space made one space (lines wrap anywhere)."""
    return " ".join(text.split())


HOSTILE_TITLE = "<b>Rīga & ‹Jūrmala></b>"
HOSTILE_DESCRIPTION = "<font size=40>BIG</font> & <img src='/etc/passwd'/>\nsecond line"


def hostile_visit() -> dict[str, Any]:
    """A small visit whose texts look like markup, with Latvian and Norwegian letters."""
    return {
        "format": "studyvisit/1",
        "visit": {
            "code": "T-HOSTILE",
            "title": HOSTILE_TITLE,
            "status": "confirmed",
            "destination": {"country": "NO", "city": "Tromsø", "timezone": "Europe/Oslo"},
            "start_date": "2024-04-02",
            "end_date": "2024-04-04",
            "languages": ["lv"],
            "organiser": "org-lps",
            "coordinator": "p-ozola",
            "emergency": [{"label": "Vēstniecība <Oslo>", "phone": "+47 22 54 22 80"}],
            "project": {"code": "LV07 & <X>", "acknowledgement": "Atbalsta NFI & LV07 <ack>"},
        },
        "organisations": [
            {"key": "org-lps", "name": "Latvijas Pašvaldību savienība", "country": "LV"},
            {
                "key": "org-tromso",
                "name": "Tromses pašvaldība",
                "name_original": "Tromsø kommune",
                "name_en": "Tromsø Municipality",
                "country": "NO",
                "contacts": [{"key": "c-aase", "name": "Åse Ødegård", "phone": "+47 77 00 00 00"}],
            },
        ],
        "people": [
            {
                "key": "p-ozola",
                "given_name": "Ilze",
                "family_name": "Ozola",
                "organisation": "org-lps",
                "phone": "+371 2000 0001",
                "role": "coordinator",
                "status": "confirmed",
                "id_document": "LV9988776",
            },
            {
                "key": "p-berzins",
                "given_name": "Jānis",
                "family_name": "Bērziņš",
                "organisation": "org-lps",
                "role": "head",
                "status": "attended",
                "id_document": "PA1122334",
                "arrives": "2024-04-03",
            },
            {
                "key": "p-declined",
                "given_name": "Dace",
                "family_name": "Neatbraukusī",
                "organisation": "org-lps",
                "role": "delegate",
                "status": "declined",
            },
        ],
        "programme": [
            {
                "key": "i1",
                "starts": "2024-04-02T13:00",
                "ends": "2024-04-02T15:00",
                "kind": "meeting",
                "title": "Tikšanās <i>&amp;</i> ÆØÅ æøå",
                "description": HOSTILE_DESCRIPTION,
                "host": "org-tromso",
                "contact": "c-aase",
                "venue": "Rådhuset 🏛️👍🏽",
                "address": "Rådhusgata 1",
                "attendees": "all",
            },
            {
                "key": "i2",
                "starts": "2024-04-03T09:00",
                "ends": "2024-04-03T10:30",
                "kind": "workshop",
                "title": "Darba grupa A",
                "track": "A",
                "attendees": "all",
            },
            {
                "key": "i3",
                "starts": "2024-04-03T09:00",
                "ends": "2024-04-03T10:30",
                "kind": "workshop",
                "title": "Darba grupa B",
                "track": "B",
                "attendees": "all",
            },
        ],
        "travel": [
            {
                "key": "t1",
                "mode": "flight",
                "carrier": "airBaltic",
                "number": "BT 151",
                "from": {"place": "Rīga", "timezone": "Europe/Riga", "at": "2024-04-02T08:05"},
                "to": {"place": "Tromsø", "timezone": "Europe/Oslo", "at": "2024-04-02T10:15"},
                "passengers": ["p-ozola", "p-berzins"],
            },
        ],
        "stays": [
            {
                "key": "s1",
                "name": "Scandic Ishavshotel",
                "check_in": "2024-04-02",
                "check_out": "2024-04-04",
                "rooms": [
                    {"label": "101", "type": "single", "occupants": ["p-ozola"]},
                    {"label": "102", "type": "single", "occupants": ["p-berzins"]},
                ],
            },
        ],
    }


def import_doc(db: Database, doc: dict[str, Any]) -> str:
    from app.interchange.visit_file import import_visit

    return import_visit(db, json.dumps(doc, ensure_ascii=False)).code
