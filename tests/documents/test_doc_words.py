"""Document words: Latvian case forms in date phrases, and bokmål for every document text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from app.documents import words
from tests.conftest import bokmal

D = dt.date


@pytest.mark.parametrize(
    ("start", "end", "lang", "expected"),
    [
        (D(2027, 4, 6), D(2027, 4, 9), "lv", "2027. gada 6.–9. aprīlis"),
        (D(2027, 4, 6), D(2027, 4, 9), "en", "6–9 April 2027"),
        (D(2027, 4, 6), D(2027, 4, 9), "nb", "6.–9. april 2027"),
        (D(2015, 3, 30), D(2015, 4, 2), "lv", "2015. gada 30. marts – 2. aprīlis"),
        (D(2015, 2, 11), D(2015, 2, 11), "lv", "2015. gada 11. februāris"),
        (D(2013, 12, 30), D(2014, 1, 2), "en", "30 December 2013 – 2 January 2014"),
    ],
)
def test_date_range_writes_the_month_in_full(start, end, lang, expected) -> None:
    assert words.date_range(start, end, lang) == expected


@pytest.mark.parametrize(
    ("start", "end", "lang", "expected"),
    [
        (D(2014, 4, 2), D(2014, 4, 5), "lv", "no 2. līdz 5. aprīlim"),
        (D(2015, 3, 30), D(2015, 4, 2), "lv", "no 30. marta līdz 2. aprīlim"),
        (D(2015, 2, 11), D(2015, 2, 11), "lv", "11. februārī"),
        (D(2014, 4, 2), D(2014, 4, 5), "en", "from 2 to 5 April"),
        (D(2015, 3, 30), D(2015, 4, 2), "nb", "fra 30. mars til 2. april"),
    ],
)
def test_date_phrase_uses_latvian_cases(start, end, lang, expected) -> None:
    assert words.date_phrase(start, end, lang) == expected


def _document_msgids() -> set[str]:
    """Every text the document builders pass to ``tr`` or mark with ``N_``."""
    from babel.messages.extract import extract_from_file

    folder = Path(words.__file__).parent
    mine = (
        "common",
        "words",
        "data",
        "schedule",
        "sections",
        "programme",
        "itinerary",
        "lists",
        "calendar",
    )
    found: set[str] = set()
    for name in mine:
        for _line, message, _comments, _context in extract_from_file(
            "python", str(folder / f"{name}.py"), keywords={"tr": (2,), "N_": None}
        ):
            found.add(message)
    return found


def test_every_document_text_has_bokmal() -> None:
    msgids = _document_msgids()
    assert len(msgids) > 60
    missing = sorted(m for m in msgids if m not in bokmal())
    assert not missing, missing


def test_bokmal_keeps_the_placeholders() -> None:
    import re

    for msgid, text in bokmal().items():
        assert set(re.findall(r"{\w+}", msgid)) == set(re.findall(r"{\w+}", text)), msgid


def test_bokmal_comes_from_the_compiled_catalogue() -> None:
    assert words.tr("nb", "Programme") == "Program"
    assert words.tr("nb", "Page {page} of {pages}").format(page=1, pages=2) == "Side 1 av 2"
    assert words.tr("nb", "no such text") == "no such text"  # English when untranslated


@pytest.mark.parametrize(
    ("zone", "day", "lang", "expected"),
    [
        (
            "Europe/Oslo",
            D(2014, 4, 2),
            "lv",
            "Vietējais laiks (Europe/Oslo): par 1 h mazāk nekā Rīgā.",
        ),
        ("Asia/Tbilisi", D(2024, 1, 10), "en", "Local time (Asia/Tbilisi), 2 h ahead of Riga."),
        ("Asia/Kolkata", D(2024, 7, 10), "en", "Local time (Asia/Kolkata), 2.5 h ahead of Riga."),
        ("Europe/Helsinki", D(2024, 7, 10), "nb", "Lokal tid (Europe/Helsinki), samme som i Riga."),
        ("Europe/Riga", D(2024, 7, 10), "lv", None),
    ],
)
def test_zone_note_says_the_difference_from_riga(zone, day, lang, expected) -> None:
    from app.documents.schedule import zone_note

    assert zone_note(zone, day, lang) == expected
