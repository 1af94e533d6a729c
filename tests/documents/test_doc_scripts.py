"""Names in other scripts print in a fallback font (not as U+FFFD), and e-mail addresses
and web addresses are copied out of a PDF exactly as typed (no invisible break characters).
"""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from app.documents.itinerary import build_itineraries
from app.documents.programme import build_programme
from tests.documents.conftest import hostile_visit, import_doc, pdf_text

ARABIC = ("محمد", "الحسيني")
HEBREW = "שלום חיפה"
GEORGIAN = "თბილისი"
EMAIL = "ingrid.haugland.regional.development@hordaland-fylkeskommune.example.no"
URL = "https://www.hordaland.no/nn-NO/politikk/regional-utvikling/klyngepolitikk-2014/"


def _visit() -> dict:
    doc = hostile_visit()
    doc["people"].append(
        {
            "key": "p-arab",
            "given_name": ARABIC[0],
            "family_name": ARABIC[1],
            "organisation": "org-lps",
            "role": "expert",
            "status": "confirmed",
            "position": f"Eksperts, {GEORGIAN}",
        }
    )
    contact = doc["organisations"][1]["contacts"][0]
    contact["email"] = EMAIL
    doc["programme"][0]["description"] = f"Sīkāk: {URL}\nRaksti: {EMAIL}"
    doc["programme"][-1]["title"] = f"Tikšanās ar {ARABIC[0]} {ARABIC[1]} ({HEBREW})"
    return doc


def test_arabic_and_georgian_print_in_the_fallback_font(db, tmp_path: Path) -> None:
    code = import_doc(db, _visit())
    out = build_programme(db, code, tmp_path / "p.pdf", lang="lv")
    text = unicodedata.normalize("NFKC", pdf_text(out))  # joined forms read as letters
    assert "\ufffd" not in text
    for word in (*ARABIC, GEORGIAN):
        assert all(letter in text for letter in word), word
    if shutil.which("pdffonts"):
        fonts = subprocess.run(
            ["pdffonts", str(out)], capture_output=True, text=True, check=True
        ).stdout
        assert "DejaVuSans" in fonts
        for line in fonts.splitlines()[2:]:
            assert " yes " in line, line  # every font embedded


def _poppler_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")
def test_arabic_joins_and_right_to_left_text_reads_in_order(db, tmp_path: Path) -> None:
    """Read by poppler, not by the library that wrote it: the Arabic name is drawn in its
    joined shapes (presentation forms, which a reader copies out as the letters typed) and
    both scripts come out in the order they were typed, not reversed."""
    code = import_doc(db, _visit())
    drawn = _poppler_text(build_programme(db, code, tmp_path / "p.pdf", lang="lv"))
    joined = [
        ch
        for ch in drawn
        if "ARABIC LETTER" in unicodedata.name(ch, "") and "FORM" in unicodedata.name(ch, "")
    ]
    assert {unicodedata.name(ch).split()[-2] for ch in joined} >= {
        "INITIAL",
        "MEDIAL",
        "FINAL",
    }
    read = unicodedata.normalize("NFKC", drawn)
    assert f"{ARABIC[0]} {ARABIC[1]}" in read
    assert HEBREW in read
    assert ARABIC[0][::-1] not in read and HEBREW[::-1] not in read


def test_addresses_copy_out_without_invisible_characters(db, tmp_path: Path) -> None:
    code = import_doc(db, _visit())
    for out in (
        build_programme(db, code, tmp_path / "p.pdf", lang="lv"),
        build_itineraries(db, code, tmp_path / "i.pdf", lang="lv", person="Ilze Ozola"),
    ):
        text = pdf_text(out)
        assert "\u200b" not in text
        joined = "".join(text.split())  # a line may wrap inside a long address
        assert EMAIL in joined and URL in joined


@pytest.mark.parametrize("word", ["Pašvaldību_sadarbības_stratēģijas_dokuments_2027"])
def test_other_long_words_still_wrap(db, tmp_path: Path, word: str) -> None:
    doc = _visit()
    doc["programme"][0]["title"] = word * 3
    code = import_doc(db, doc)
    text = pdf_text(build_programme(db, code, tmp_path / "p.pdf", lang="lv"))
    assert "".join(text.replace("\u200b", "").split()).count(word * 3) >= 1


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")
def test_the_footer_names_an_arabic_delegate_joined_and_in_order(db, tmp_path: Path) -> None:
    """An itinerary's footer names its person on every page (drawn on the canvas, not as
    a paragraph): an Arabic name there lost its letters to Roboto's missing glyphs."""
    code = import_doc(db, _visit())
    out = build_itineraries(
        db, code, tmp_path / "i.pdf", lang="lv", person=f"{ARABIC[0]} {ARABIC[1]}"
    )
    lines = _poppler_text(out).splitlines()
    footer = next(line for line in reversed(lines) if "Personīgais maršruts" in line)
    assert any("FINAL FORM" in unicodedata.name(ch, "") for ch in footer), footer  # joined
    read = unicodedata.normalize("NFKC", footer)
    assert f"{ARABIC[0]} {ARABIC[1]}" in read, footer
    assert "\ufffd" not in footer


def test_a_line_beginning_in_arabic_stays_left_to_right() -> None:
    """The documents run left to right: a line that begins with an Arabic name keeps its
    Latvian words after the name, brackets and ``<`` where they were typed (laid out as
    a right-to-left line, the words came first and the ``<`` went to the other end)."""
    from app.documents.reading_order import visual_order

    drawn = visual_order(f"{ARABIC[0]} · <b>Rīga</b> (Jūrmala)")
    assert drawn.endswith(" · <b>Rīga</b> (Jūrmala)"), drawn
    assert unicodedata.normalize("NFKC", drawn[: len(ARABIC[0])])[::-1] == ARABIC[0]
