"""Letters to hosts: a meeting request and a thank-you letter per host institution.

The DOCX is read back with python-docx (what a protocol office's Word would open) and the
PDF with pypdf; both must say the same, in the host's language, with a Latvian copy.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from docx import Document

from app.documents.letters import build_letters
from tests.documents.conftest import hostile_visit, import_doc, pdf_text, squash

BERGEN = "DEMO-BERGEN-2014"
TODAY = dt.date(2014, 3, 3)


def docx_text(path: Path) -> str:
    return squash("\n".join(p.text for p in Document(str(path)).paragraphs))


def test_a_request_goes_to_every_host_in_its_language_with_a_latvian_copy(
    demo_db, tmp_path: Path
) -> None:
    folder = build_letters(demo_db, BERGEN, tmp_path / "req", kind="request", today=TODAY)
    names = sorted(f.name for f in folder.iterdir())
    assert len(names) == 8 * 4  # eight hosts: DOCX and PDF, in bokmål and in Latvian
    nb = folder / f"{BERGEN}-request-Hordaland_fylkeskommune-nb.docx"
    lv = folder / f"{BERGEN}-request-Hordaland_fylkeskommune-lv.docx"
    text = docx_text(nb)
    assert text.startswith("Latvian Association of Local and Regional Governments")
    assert "3. mars 2014" in text
    assert "Forespørsel om møte: LALRG Board study visit to Bergen" in text
    assert "Kjære Ingrid Haugland," in text
    # both meetings with that host, each in local time
    assert (
        "Onsdag 2. april, 13:30–15:30 (lokal tid): Regional development trends and "
        "cluster policy in Hordaland"
    ) in text
    assert "Onsdag 2. april, 19:00–21:00 (lokal tid)" in text
    assert "Delegasjonen (antall personer: 10)" in text
    assert "Gints Kalniņš, LPS priekšsēdis" in text
    assert "Delegasjonen vår har med egen tolk, Ilze Kalva." in text
    # inside a sentence the weekday is small (a heading's capital was printed here)
    assert "Vi ankommer Bergen, Bryggen onsdag 2. april kl. 11:30 (lokal tid)." in text
    assert "Ligita Pudža (+371 29 45 61 78, ligita.pudza@example.lv)" in text
    latvian = docx_text(lv)
    assert "Lūgums pēc tikšanās: LPS valdes pieredzes apmaiņas vizīte Bergenā" in latvian
    assert "Labdien, Ingrid Haugland!" in latvian
    assert "Trešdiena, 2. aprīlis, 13:30–15:30 (vietējais laiks)" in latvian  # a list line
    # "on Wednesday, 2 April" in Latvian: the weekday's adverb and the month's locative
    assert "Ieradīsimies: Bergen, Bryggen, trešdien, 2. aprīlī, plkst. 11:30" in latvian
    assert "klasteri" in latvian  # the visit's (Latvian) topics only in the Latvian copy
    assert "klasteri" not in text
    # the PDF says what the DOCX says
    pdf = squash(pdf_text(nb.with_suffix(".pdf")))
    for phrase in (
        "Forespørsel om møte",
        "Delegasjonen (antall personer: 10)",
        "Kjære Ingrid Haugland,",
        "Med vennlig hilsen",
    ):
        assert phrase in pdf


def test_english_when_asked_and_a_thank_you_quotes_the_recorded_outcome(
    demo_db, tmp_path: Path
) -> None:
    folder = build_letters(
        demo_db, BERGEN, tmp_path / "thx", kind="thanks", lang="en", today=dt.date(2014, 4, 10)
    )
    text = docx_text(folder / f"{BERGEN}-thanks-Hordaland_fylkeskommune-en.docx")
    assert "Thank you: LALRG Board study visit to Bergen" in text
    assert "thank you for receiving us at Hordaland County Council on 2 April." in text
    assert "What we take home from the meeting:" in text
    assert "“Reģions klasterus neveido pats" in text  # as the coordinator recorded it
    assert "Yours sincerely, Gints Kalniņš" in text
    assert "Forespørsel" not in text and "Kjære" not in text


def test_a_host_without_a_recorded_outcome_is_thanked_without_a_quote(db, tmp_path: Path) -> None:
    code = import_doc(db, hostile_visit())
    folder = build_letters(db, code, tmp_path / "t", kind="thanks", today=TODAY)
    (nb,) = folder.glob("*-nb.docx")
    text = docx_text(nb)
    assert "Dette tar vi med oss hjem" not in text
    assert "Kjære Åse Ødegård," in text


def test_hostile_text_is_printed_as_written(db, tmp_path: Path) -> None:
    code = import_doc(db, hostile_visit())
    folder = build_letters(db, code, tmp_path / "r", kind="request", today=TODAY)
    (docx,) = folder.glob("*-nb.docx")
    text = docx_text(docx)
    assert "Tikšanās <i>&amp;</i> ÆØÅ æøå" in text
    pdf = squash(pdf_text(docx.with_suffix(".pdf")))
    assert "Tikšanās <i>&amp;</i> ÆØÅ æøå" in pdf
    assert "<font size=40>BIG</font>" in pdf
    assert "LV9988776" not in text and "LV9988776" not in pdf  # never an ID document


def test_command_line(cli, demo_template: Path, tmp_path: Path) -> None:
    path = tmp_path / "visits.db"
    shutil.copyfile(demo_template, path)
    run = cli(
        "--db",
        path,
        "export",
        "letters",
        BERGEN,
        "--kind",
        "request",
        "--out",
        tmp_path / "out",
        "--lang",
        "en",
    )
    assert run.code == 0, run.err
    assert "letters to 8 hosts" in run.err + run.out
    assert len(list((tmp_path / "out").glob("*-en.docx"))) == 8
    bad = cli(
        "--db", path, "export", "letters", "NO-SUCH", "--kind", "thanks", "--out", tmp_path / "x"
    )
    assert bad.code == 2 and len(bad.err.strip().splitlines()) == 1
