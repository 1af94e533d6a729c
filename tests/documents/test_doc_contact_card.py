"""The printed itinerary carries the coordinator's contact card as a QR code (issue 17):
read back from the page rendered to pixels by a decoder we did not write (ZBar)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from app.documents.contact_card import vcard
from app.documents.data import Org, PersonDoc
from app.documents.itinerary import build_itineraries

KS = "DEMO-KS-NORWAY-2023"


def _decoded(pdf: Path, tmp_path: Path) -> list[str]:
    """Every QR code on every page, rendered at 100 dpi (a plain office scan)."""
    if shutil.which("zbarimg") is None or shutil.which("pdftoppm") is None:
        pytest.skip("no QR decoder here (Debian: apt install zbar-tools poppler-utils)")
    subprocess.run(["pdftoppm", "-r", "100", "-png", str(pdf), str(tmp_path / "page")], check=True)
    found: list[str] = []
    for page in sorted(tmp_path.glob("page-*.png")):
        done = subprocess.run(
            ["zbarimg", "--raw", "-q", "-Sbinary", str(page)], capture_output=True, check=False
        )
        if done.returncode == 0:  # 4: no code on this page
            found.append(done.stdout.decode("utf-8").rstrip("\r\n"))
    return found


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_a_delegates_itinerary_has_the_coordinators_card_as_a_qr_code(
    demo_db, tmp_path: Path, lang: str
) -> None:
    out = build_itineraries(demo_db, KS, tmp_path / "r.pdf", lang=lang, person="Agnese Rozīte")
    cards = _decoded(out, tmp_path)
    assert len(cards) == 1
    card = cards[0].split("\r\n")
    assert card[:2] == ["BEGIN:VCARD", "VERSION:3.0"] and card[-1] == "END:VCARD"
    assert "N:Ziediņa;Dace;;;" in card and "FN:Dace Ziediņa" in card  # UTF-8 kept
    assert "TEL;TYPE=CELL:+371 26 44 90 21" in card
    assert "EMAIL;TYPE=INTERNET:dace.ziedina@example.lv" in card


def test_the_coordinators_own_itinerary_has_no_code(demo_db, tmp_path: Path) -> None:
    out = build_itineraries(demo_db, KS, tmp_path / "c.pdf", lang="en", person="Dace Ziediņa")
    assert _decoded(out, tmp_path) == []


def test_hostile_text_cannot_forge_a_property_of_the_card() -> None:
    import datetime as dt

    day = dt.date(2027, 4, 6)
    person = PersonDoc(
        1,
        "p1",
        "Anna;X",
        "Bērziņa\nTEL:+1 900 555 0100",
        Org("Rīga, \\ dome"),
        "vadītāja",
        None,
        "+371 2000 0000",
        "coordinator",
        "confirmed",
        day,
        day,
    )
    card = vcard(person, "lv")
    assert card is not None
    lines = card.split("\r\n")
    assert "N:Bērziņa\\nTEL:+1 900 555 0100;Anna\\;X;;;" in lines
    assert "ORG:Rīga\\, \\\\ dome" in lines
    assert [line for line in lines if line.startswith("TEL")] == ["TEL;TYPE=CELL:+371 2000 0000"]
    assert not any(line.startswith("EMAIL") for line in lines)
    no_way = PersonDoc(
        2, "p2", "Ieva", "Kalna", None, None, None, None, "coordinator", "confirmed", day, day
    )
    assert vcard(no_way, "lv") is None  # nothing to call or write to: no code at all
