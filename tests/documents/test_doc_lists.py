"""Lists for the road: attendance sheets, rooming list, passenger lists."""

from __future__ import annotations

import re
from pathlib import Path

from app.documents.lists import build_attendance, build_passengers, build_rooming
from tests.documents.conftest import hostile_visit, import_doc, pdf_pages, pdf_text, squash

KS = "DEMO-KS-NORWAY-2023"


def test_attendance_sheet_per_meeting_with_signature_column(demo_db, tmp_path: Path) -> None:
    out = build_attendance(demo_db, KS, tmp_path / "a.pdf", lang="lv")
    pages = [squash(p) for p in pdf_pages(out)]
    sheets = [p for p in pages if "Dalībnieku reģistrācijas lapa" in p]
    assert all("Paraksts" in p for p in sheets)
    # a sheet for the mentors' training lists the mentors, not the leaders
    mentors = next(p for p in sheets if "Mentoru apmācība" in p)
    assert "Māris Ozoliņš" in mentors and "Jānis Ziemelis" not in mentors
    # meals and transfers get no sheet
    assert not any("Pusdienas" in p.split("Paraksts")[0] for p in sheets)
    assert "Projekts" in sheets[0]


def test_rooming_list_has_rooms_guests_and_nights(demo_db, tmp_path: Path) -> None:
    out = build_rooming(demo_db, KS, tmp_path / "r.pdf", lang="en")
    text = squash(pdf_text(out))
    assert "Rooming list" in text and "Thon Hotel Opera" in text
    assert "612 Twin Ziediņa, Dace" in text
    assert "Liepa, Kristīne" in text
    assert "617 Single Rozīte, Agnese 7 Mar 2023 9 Mar 2023" in text
    assert "Lapsa" not in text


def test_passenger_list_prints_names_but_never_id_numbers(db, tmp_path: Path) -> None:
    code = import_doc(db, hostile_visit())
    out = build_passengers(db, code, tmp_path / "p.pdf", lang="en")
    text = squash(pdf_text(out))
    assert "Passenger list" in text and "Flight airBaltic BT 151" in text
    assert "BĒRZIŅŠ Jānis" in text and "OZOLA Ilze" in text
    assert "08:05 (Europe/Riga)" in text and "10:15 (Europe/Oslo)" in text
    assert "LV9988776" not in text and "PA1122334" not in text
    assert "Neatbraukusī" not in text


def test_passenger_list_per_leg_only_the_people_on_it(demo_db, tmp_path: Path) -> None:
    out = build_passengers(demo_db, KS, tmp_path / "p.pdf", lang="en")
    pages = [squash(p) for p in pdf_pages(out)]
    assert len([p for p in pages if "Passenger list" in p]) == 6
    alone = [p for p in pages if re.search(r"Passengers: 1\b", p)]
    assert len(alone) == 2 and all("ROZĪTE" in p for p in alone)
