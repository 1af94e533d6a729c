"""A small but complete visit file used by the interchange tests (every section present)."""

from __future__ import annotations

import copy
import json
from typing import Any

SAMPLE: dict[str, Any] = {
    "format": "studyvisit/1",
    "visit": {
        "code": "T-BERGEN",
        "title": "Pieredzes apmaiņa Bergenā",
        "translations": {"en": {"title": "Study visit to Bergen", "purpose": "Clusters"}},
        "kind": "study_visit",
        "direction": "outgoing",
        "status": "planned",
        "purpose": "Klasteri un sadarbība",
        "topics": ["klasteri", "atkritumi"],
        "destination": {"country": "NO", "city": "Bergen", "timezone": "Europe/Oslo"},
        "start_date": "2024-04-02",
        "end_date": "2024-04-05",
        "languages": ["lv", "en"],
        "organiser": "org-lps",
        "coordinator": "p-ozola",
        "emergency": [{"label": "Vēstniecība", "phone": "+47 22 54 22 80"}],
        "project": {
            "code": "LV07-BF-1",
            "title": "Divpusējā sadarbība",
            "funder": "NFI",
            "grant_rate": "85",
            "period_start": "2014-01-01",
            "period_end": "2014-12-31",
            "acknowledgement": "Atbalsta NFI & LV07",
        },
    },
    "organisations": [
        {
            "key": "org-lps",
            "name": "Latvijas Pašvaldību savienība",
            "kind": "association",
            "country": "LV",
            "city": "Rīga",
        },
        {
            "key": "org-bir",
            "name": "BIR",
            "name_original": "BIR AS",
            "kind": "company",
            "country": "NO",
            "city": "Bergen",
            "contacts": [
                {
                    "key": "c-hansen",
                    "name": "Ola Hansen",
                    "position": "Direktør",
                    "email": "ola@example.no",
                    "phone": "+47 55 00 00 00",
                    "languages": ["no", "en"],
                }
            ],
        },
    ],
    "people": [
        {
            "key": "p-ozola",
            "given_name": "Ilze",
            "family_name": "Ozola",
            "organisation": "org-lps",
            "email": "ilze.ozola@example.lv",
            "phone": "+371 2000 0001",
            "role": "coordinator",
            "status": "confirmed",
            "id_document": "LV1234567",
            "date_of_birth": "1980-05-01",
        },
        {
            "key": "p-berzins",
            "given_name": "Jānis",
            "family_name": "Bērziņš",
            "organisation": "org-lps",
            "role": "head",
            "status": "confirmed",
            "dietary": "veģetārietis",
            "emergency_contact": {"name": "Anna", "phone": "+371 2000 0002"},
            "arrives": "2024-04-02",
            "departs": "2024-04-05",
        },
    ],
    "programme": [
        {
            "key": "i1",
            "starts": "2024-04-02T13:00",
            "ends": "2024-04-02T15:00",
            "kind": "site_visit",
            "title": "BIR atkritumu pārstrāde",
            "host": "org-bir",
            "contact": "c-hansen",
            "venue": "BIR",
            "address": "Conrad Mohrs veg 17",
            "attendees": "all",
            "interpreter": True,
            "confirmed": True,
            "translations": {"en": {"title": "BIR waste recovery"}},
        },
        {
            "key": "i2",
            "starts": "2024-04-03T09:00",
            "ends": "2024-04-03T10:00",
            "title": "Tikšanās grupā",
            "track": "A",
            "attendees": ["p-berzins"],
        },
    ],
    "travel": [
        {
            "key": "t1",
            "mode": "flight",
            "carrier": "airBaltic",
            "number": "BT 151",
            "from": {"place": "Rīga", "timezone": "Europe/Riga", "at": "2024-04-02T09:05"},
            "to": {"place": "Bergen", "timezone": "Europe/Oslo", "at": "2024-04-02T10:15"},
            "booking_ref": "ABC123",
            "passengers": "all",
        },
    ],
    "stays": [
        {
            "key": "s1",
            "name": "Hotel Norge",
            "check_in": "2024-04-02",
            "check_out": "2024-04-05",
            "rooms": [
                {"label": "101", "type": "single", "occupants": ["p-ozola"]},
                {"label": "102", "type": "single", "occupants": ["p-berzins"]},
            ],
        },
    ],
    "budget": {
        "base_currency": "EUR",
        "rates": [
            {"currency": "NOK", "per_base": "11.6250", "date": "2024-03-28", "source": "ECB"}
        ],
        "funding_sources": [
            {"key": "grant", "name": "EEA and Norway Grants", "share": "85"},
            {"key": "own", "name": "Own funds", "share": "15"},
        ],
        "lines": [
            {
                "category": "accommodation",
                "description": "Hotel",
                "funding": "grant",
                "quantity": "6",
                "unit": "night",
                "unit_price": "1250.00",
                "currency": "NOK",
                "actual": {
                    "amount": "7500.00",
                    "currency": "NOK",
                    "document": "INV-1",
                    "date": "2024-04-05",
                    "paid": True,
                },
            },
            {
                "category": "other",
                "description": "Gifts",
                "funding": "own",
                "eligible": False,
                "quantity": "1",
                "unit": "lump_sum",
                "unit_price": "1.005",
                "currency": "EUR",
            },
        ],
    },
    "report": {
        "summary": "Labs brauciens",
        "results": ["Kontakti", "Idejas"],
        "lessons": [{"text": "Klasteri strādā", "topics": ["klasteri"]}],
        "follow_ups": [
            {"action": "Nosūtīt pateicību", "owner": "Ilze", "due": "2024-05-01", "status": "open"}
        ],
        "contacts_gained": ["Ola Hansen, BIR"],
        "article": "No 2. līdz 5. aprīlim…",
    },
}


def sample(**changes: Any) -> dict[str, Any]:
    """A deep copy of the sample to mutate in a test."""
    doc = copy.deepcopy(SAMPLE)
    doc.update(changes)
    return doc


def dump(doc: dict[str, Any]) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=2)
