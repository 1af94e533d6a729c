"""The delegates' programme PDF: what a delegate must find in it, in each language."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from app.documents.programme import build_programme
from tests.documents.conftest import (
    HOSTILE_TITLE,
    hostile_visit,
    import_doc,
    pdf_pages,
    pdf_text,
    squash,
)

BERGEN = "DEMO-BERGEN-2014"


def test_latvian_programme_of_bergen(demo_db, tmp_path: Path) -> None:
    out = build_programme(demo_db, BERGEN, tmp_path / "p.pdf", lang="lv")
    pages = pdf_pages(out)
    text = squash("\f".join(pages))
    # cover: title, dates as a range with the month in full, destination, funder
    assert "LPS valdes pieredzes apmaiņas vizīte Bergenā" in squash(pages[0])
    assert "2014. gada 2.–5. aprīlis" in squash(pages[0])
    assert "Bergen, Norvēģija" in squash(pages[0])
    assert "Divpusējās sadarbības fonds" in squash(pages[0])
    # the right days, in Latvian
    for day in (
        "Trešdiena, 2. aprīlis",
        "Ceturtdiena, 3. aprīlis",
        "Piektdiena, 4. aprīlis",
        "Sestdiena, 5. aprīlis",
    ):
        assert day in text
    # Bergen's wall-clock times, and the note that Bergen is an hour behind Riga
    assert "13:30–15:30" in text
    assert "Vietējais laiks (Europe/Oslo): par 1 h mazāk nekā Rīgā." in text
    # the flight departs in Riga's time and lands in Oslo's
    assert "09:05" in text and "10:35" in text
    # host in the programme's language and in its own, with the contact
    assert "Hordalannes reģiona pašvaldība (Hordaland fylkeskommune)" in text
    assert "Ingrid Haugland" in text
    # participants: the people who take part, not the one who declined
    assert "Gints Kalniņš" in text and "Ilze Kalva" in text
    assert "Zaiga Zariņa" not in text
    # practical information: hotel, emergency numbers, coordinator's phone
    assert "Radisson Blu Royal Hotel" in text
    assert "+47 22 54 22 80" in text
    assert "+371 29 45 61 78" in text
    # footer: page N of M on every page
    total = len(pages)
    for number, page in enumerate(pages, start=1):
        assert f"{number}. lappuse no {total}" in squash(page)


def test_english_programme_uses_translations_and_english_names(demo_db, tmp_path: Path) -> None:
    out = build_programme(demo_db, BERGEN, tmp_path / "p.pdf", lang="en")
    text = squash(pdf_text(out))
    assert "LALRG Board study visit to Bergen" in text
    assert "2–5 April 2014" in text
    assert "Wednesday 2 April" in text and "Saturday 5 April" in text
    assert "Regional development trends and cluster policy in Hordaland" in text
    assert "Hordaland County Council (Hordaland fylkeskommune)" in text
    assert "1 h behind Riga" in text
    assert "Page 1 of" in text
    assert "Zaiga Zariņa" not in text


def test_norwegian_programme(demo_db, tmp_path: Path) -> None:
    out = build_programme(demo_db, BERGEN, tmp_path / "p.pdf", lang="nb")
    text = squash(pdf_text(out))
    assert "2.–5. april 2014" in text
    assert "Onsdag 2. april" in text and "Lørdag 5. april" in text
    # a Norwegian host under its own name
    assert "Hordaland fylkeskommune" in text
    assert "Deltakere" in text and "Praktisk informasjon" in text
    assert "Side 1 av" in text
    assert "1 t bak Riga" in text
    # no bokmål texts in this visit: English before the organiser's Latvian
    assert "LALRG Board study visit to Bergen" in text
    assert "Regional development trends and cluster policy in Hordaland" in text


def test_fonts_are_embedded_and_nothing_else_is_referenced(demo_db, tmp_path: Path) -> None:
    out = build_programme(demo_db, BERGEN, tmp_path / "p.pdf", lang="lv")
    listing = subprocess.run(
        ["pdffonts", str(out)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert listing, "no fonts listed"
    for line in listing:
        fields = line.split()
        assert "Roboto" in fields[0]
        assert fields[-5] == "yes", line  # emb


def test_user_text_prints_literally(db, tmp_path: Path) -> None:
    code = import_doc(db, hostile_visit())
    out = build_programme(db, code, tmp_path / "p.pdf", lang="lv")
    text = pdf_text(out)
    flat = squash(text)
    assert HOSTILE_TITLE in flat
    assert "Tikšanās <i>&amp;</i> ÆØÅ æøå" in flat
    assert "<font size=40>BIG</font> & <img src='/etc/passwd'/>" in flat
    assert "Vēstniecība <Oslo>" in flat and "LV07 & <X>" in flat
    # an emoji the font cannot draw is named, not silently left out (the skin tone and
    # the variation selector are invisible anyway)
    assert "Rådhuset [classical building][thumbs up sign]" in flat
    # the newline of the description is kept: "second line" starts its own line
    assert any(line.strip().startswith("second line") for line in text.splitlines())
    # the Norwegian host under both names, the contact's Norwegian letters
    assert "Tromses pašvaldība (Tromsø kommune)" in flat and "Åse Ødegård" in flat
    # never an ID-document number
    assert "LV9988776" not in flat and "PA1122334" not in flat
    assert "Neatbraukusī" not in flat


def test_parallel_tracks_are_grouped(db, tmp_path: Path) -> None:
    code = import_doc(db, hostile_visit())
    out = build_programme(db, code, tmp_path / "p.pdf", lang="en")
    flat = squash(pdf_text(out))
    assert "Parallel sessions: A, B" in flat
    assert (
        flat.index("Parallel sessions: A, B")
        < flat.index("Darba grupa A")
        < flat.index("Darba grupa B")
    )


def test_long_text_and_long_words_never_break_the_layout(db, tmp_path: Path) -> None:
    doc = hostile_visit()
    word = "Pašvaldību" * 40  # one 400-letter word
    paragraph = " ".join(["Ilgs apraksts ar garumzīmēm āčēģīķļņšūž."] * 40)
    doc["programme"][0]["description"] = "\n".join([word, *[paragraph] * 60])
    code = import_doc(db, doc)
    out = build_programme(db, code, tmp_path / "p.pdf", lang="lv")
    pages = pdf_pages(out)
    assert len(pages) > 10
    flat = "".join("".join(pages).split())
    assert word in flat.replace("\u200b", "")  # wrapped, not cut
    # every sentence arrives, split only at spaces between rows and pages
    assert flat.count("āčēģīķļņšūž.") == 40 * 60


def test_cancel_leaves_no_file_and_progress_is_reported(demo_db, tmp_path: Path) -> None:
    from app.documents.common import Cancelled

    seen: list[tuple[int, int]] = []
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "p.pdf"
    build_programme(demo_db, BERGEN, target, lang="en", progress=lambda d, t: seen.append((d, t)))
    assert seen[-1][0] == seen[-1][1] and len(seen) >= 3
    target.unlink()
    with pytest.raises(Cancelled):
        build_programme(demo_db, BERGEN, target, lang="en", cancel=lambda: True)
    assert not target.exists()
    assert list(folder.iterdir()) == []


def test_items_for_part_of_the_group_name_who_attends(demo_db, tmp_path: Path) -> None:
    out = build_programme(demo_db, "DEMO-KS-NORWAY-2023", tmp_path / "p.pdf", lang="en")
    text = squash(pdf_text(out))
    after = text[text.index("Mentor training") :]
    names = after[after.index("Attending:") :][:200]
    assert "Māris Ozoliņš" in names and "Jānis Ziemelis" not in names
    assert "Parallel sessions: Mentori, Vadītāji" in text


def test_table_header_is_repeated_on_every_page_of_a_long_day(db, tmp_path: Path) -> None:
    doc = hostile_visit()
    doc["programme"][0]["description"] = "\n".join(["Garš teksts par pašvaldībām. " * 30] * 40)
    code = import_doc(db, doc)
    pages = pdf_pages(build_programme(db, code, tmp_path / "p.pdf", lang="lv"))
    continued = [squash(p) for p in pages[2:-2]]  # pages inside the long day
    assert continued
    opening = (
        "Otrdiena, 2. aprīlis (turpinājums) Vietējais laiks (Europe/Oslo): par 1 h "
        "mazāk nekā Rīgā. Laiks Programma Vieta"
    )
    assert all(p.startswith(opening) for p in continued), continued[0][:120]


def test_an_empty_draft_still_prints(db, tmp_path: Path) -> None:
    doc = {
        "format": "studyvisit/1",
        "visit": {
            "code": "T-EMPTY",
            "title": "Tukša vizīte",
            "start_date": "2026-04-06",
            "end_date": "2026-04-09",
            "destination": {"country": "PL", "city": "Poznań", "timezone": "Europe/Warsaw"},
        },
    }
    code = import_doc(db, doc)
    text = squash(pdf_text(build_programme(db, code, tmp_path / "p.pdf", lang="en")))
    assert "6–9 April 2026" in text and "Poznań, Poland" in text
    assert "Nobody has confirmed taking part yet." in text
