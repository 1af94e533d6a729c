"""The emergency list takes the numbers people dial in an emergency: 112, 113, 110 too."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from app.domain.validation import Invalid
from app.services.visits import create_visit, get_visit, update_visit

NORWAY = [
    {"label": "Ātrā palīdzība", "phone": "113"},
    {"label": "Policija", "phone": "112"},
    {"label": "Ugunsdzēsēji", "phone": "110"},
    {"label": "Legevakt", "phone": "116 117"},
    {"label": "Latvijas vēstniecība", "phone": "+47 22 54 22 80"},
]


def _visit(db, **fields):
    return create_visit(
        db,
        code="T-NO",
        title="Vizīte",
        country="NO",
        city="Oslo",
        timezone="Europe/Oslo",
        start_date=dt.date(2027, 4, 6),
        end_date=dt.date(2027, 4, 9),
        **fields,
    )


def test_short_service_numbers_are_valid_in_the_emergency_list(db) -> None:
    made = _visit(db, emergency=NORWAY)
    assert [e["phone"] for e in get_visit(db, made.id).emergency] == [
        "113",
        "112",
        "110",
        "116 117",
        "+47 22 54 22 80",
    ]


@pytest.mark.parametrize("bad", ["1", "12", "11a", "+112", "1234567 8901234567", "112!"])
def test_what_is_no_number_is_still_refused(db, bad: str) -> None:
    made = _visit(db)
    with pytest.raises(Invalid) as caught:
        update_visit(db, made.id, None, emergency=[{"label": "X", "phone": bad}])
    assert "phone number" in caught.value.message
    assert get_visit(db, made.id).emergency is None  # nothing changed


def test_a_visit_file_with_112_imports(db) -> None:
    from app.interchange.visit_file import import_visit

    doc = {
        "format": "studyvisit/1",
        "visit": {
            "code": "T-FILE",
            "title": "Vizīte",
            "start_date": "2027-04-06",
            "end_date": "2027-04-09",
            "destination": {"country": "NO", "city": "Oslo", "timezone": "Europe/Oslo"},
            "emergency": NORWAY,
        },
    }
    from app.services.visits import find_visit

    import_visit(db, json.dumps(doc, ensure_ascii=False))
    assert [e["phone"] for e in find_visit(db, "T-FILE").emergency][:3] == ["113", "112", "110"]
