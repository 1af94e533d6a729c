"""Booklet pages as a print shop and a delegate read them: a day that runs on to the next
page keeps its date and its parallel-session band, each row says its own zone, and booking
references appear only in the travellers' own documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.documents.itinerary import build_itineraries
from app.documents.lists import build_passengers
from app.documents.programme import build_programme
from tests.documents.conftest import hostile_visit, import_doc, pdf_pages, pdf_text, squash

POZNAN = "DEMO-POZNAN-2013"
LONG = "Pašvaldību sadarbības pieredze un ieteikumi plānošanas reģioniem. " * 16


def parallel_visit() -> dict:
    """A day whose three parallel workshops are together longer than a page."""
    doc = hostile_visit()
    doc["visit"]["languages"] = ["lv", "en"]
    doc["programme"] = [
        {
            "key": f"w{track}",
            "starts": "2024-04-03T09:00",
            "ends": "2024-04-03T12:00",
            "kind": "workshop",
            "title": f"Darba grupa {track}",
            "track": track,
            "description": "\n".join([LONG] * 3),
            "attendees": "all",
        }
        for track in ("A", "B", "C")
    ] + [
        {
            "key": "lunch",
            "starts": "2024-04-03T12:30",
            "ends": "2024-04-03T13:30",
            "kind": "meal",
            "title": "Pusdienas",
            "attendees": "all",
        }
    ]
    return doc


def test_a_continued_day_repeats_its_heading_and_the_parallel_band(db, tmp_path: Path) -> None:
    code = import_doc(db, parallel_visit())
    for lang, heading, band in (
        ("lv", "Trešdiena, 3. aprīlis", "Paralēlās sesijas: A, B, C"),
        ("en", "Wednesday 3 April", "Parallel sessions: A, B, C"),
    ):
        pages = [
            squash(p)
            for p in pdf_pages(build_programme(db, code, tmp_path / f"{lang}.pdf", lang=lang))
        ]
        day_pages = [p for p in pages if heading in p]
        assert len(day_pages) >= 3, lang  # the day, and at least two continued pages
        first, *continued = day_pages
        assert f"{heading} (" not in first
        suffix = "(turpinājums)" if lang == "lv" else "(continued)"
        for page in continued:
            assert page.startswith(f"{heading} {suffix}"), page[:80]
            after_heads = page.split("Vieta" if lang == "lv" else "Place", 1)[1].lstrip()
            if "Pusdienas" not in after_heads[:60]:
                assert after_heads.startswith(band), after_heads[:80]
        # a page that goes on with a description names its item again
        names = [p.split(band, 1)[1].lstrip()[:45] for p in continued if band in p]
        assert any(n.startswith(f"09:00–12:00 Darba grupa A {suffix}") for n in names), names


def test_a_journey_in_riga_time_says_so_on_a_day_in_warsaw_time(demo_db, tmp_path: Path) -> None:
    text = squash(pdf_text(build_programme(demo_db, POZNAN, tmp_path / "p.pdf", lang="lv")))
    day = text[text.index("Otrdiena, 12. novembris") :]
    assert day.startswith("Otrdiena, 12. novembris Vietējais laiks (Europe/Warsaw)")
    # the minibus from Daugavpils to Riga airport runs on Riga time, and says so
    assert "05:30 – 09:10 Europe/Riga Automašīna Daugavpils" in day
    # the Poznań items keep the day's zone without a label of their own
    assert "16:30–17:00 No Poznaņas" in day


@pytest.mark.parametrize("lang", ["lv", "en", "nb"])
def test_booking_codes_stay_out_of_the_programme(demo_db, tmp_path: Path, lang: str) -> None:
    text = pdf_text(build_programme(demo_db, POZNAN, tmp_path / "p.pdf", lang=lang))
    for code in ("DV8P2Z", "EIC-3307114", "EIC-3307188"):
        assert code not in text


def test_booking_codes_are_in_the_travellers_own_documents(demo_db, tmp_path: Path) -> None:
    booklet = pdf_text(build_itineraries(demo_db, POZNAN, tmp_path / "all.pdf", lang="lv"))
    assert "DV8P2Z" in booklet
    passengers = pdf_text(build_passengers(demo_db, POZNAN, tmp_path / "pax.pdf", lang="lv"))
    assert "DV8P2Z" in passengers
