"""Before an English or Norwegian programme is printed: what is still only in Latvian.

The command line says it (and still writes the file), and the printed cover says it too,
so a document never mixes languages silently.
"""

from __future__ import annotations

import json
from pathlib import Path

from app.documents.completeness import gaps, sentences
from app.documents.data import load_visit
from tests.documents.conftest import hostile_visit, pdf_pages, squash


def half_translated() -> dict:  # type: ignore[type-arg]
    doc = hostile_visit()
    doc["visit"]["code"] = "T-HALF"
    doc["visit"]["translations"] = {"en": {"title": "Study visit to Tromsø"}}
    doc["visit"]["purpose"] = "Uzzināt par ziemeļu pašvaldību sadarbību"
    doc["programme"][1]["translations"] = {"en": {"title": "Workshop A"}}
    doc["organisations"].append({"key": "org-lv-only", "name": "Ziemeļu padome", "country": "NO"})
    doc["programme"][2]["host"] = "org-lv-only"
    return doc


def test_gaps_are_counted_for_english_and_bokmal_falls_back_to_english(db) -> None:
    from app.interchange.visit_file import import_visit

    import_visit(db, json.dumps(half_translated(), ensure_ascii=False))
    visit = load_visit(db, "T-HALF")
    assert sentences(gaps(visit, "en"), "en") == [
        "The visit's purpose has no English version.",
        "2 of 3 programme items have no English title.",
        "1 of 1 item descriptions have no English version.",
        "1 of 2 hosts have only a Latvian name.",  # Tromsø kommune has its own name
    ]
    assert (
        sentences(gaps(visit, "nb"), "lv")[1]
        == "2 no 3 programmas punktiem nav nosaukuma norvēģu vai angļu valodā."
    )
    assert not gaps(visit, "lv").any


def test_the_command_line_warns_and_the_cover_says_it(cli, db_path: Path, tmp_path) -> None:
    assert cli("--db", db_path, "import", "visit", _write(tmp_path, half_translated())).code == 0
    out = tmp_path / "en.pdf"
    run = cli("--db", db_path, "export", "programme", "T-HALF", "--lang", "en", "--out", out)
    assert run.code == 0
    assert "2 of 3 programme items have no English title." in run.err
    assert "written anyway" in run.err
    cover = squash(pdf_pages(out)[0])
    assert (
        "Not yet translated, printed in Latvian: The visit's purpose has no English "
        "version. 2 of 3 programme items have no English title." in cover
    )


def test_a_fully_translated_programme_prints_without_a_word(
    cli, demo_template: Path, tmp_path: Path
) -> None:
    import shutil

    path = tmp_path / "demo.db"
    shutil.copyfile(demo_template, path)
    out = tmp_path / "b.pdf"
    run = cli("--db", path, "export", "programme", "DEMO-BERGEN-2014", "--lang", "en", "--out", out)
    assert run.code == 0 and "translated" not in run.err
    assert "Not yet translated" not in squash(pdf_pages(out)[0])


def _write(folder: Path, doc: dict) -> Path:  # type: ignore[type-arg]
    path = folder / "visit.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def test_the_translation_grid_counts_what_the_cover_counts(db) -> None:
    """The Translations tab says the gaps from its own rows (no second reading of the whole
    visit after each cell): the same counts as the printed cover, in both languages, for
    hosts of every kind — Latvian, Norwegian with only an English name, Polish with its
    own name only, Polish written as its own name, Norwegian with a Latvian name only."""
    from app.documents.completeness import count_gaps
    from app.interchange.visit_file import import_visit
    from app.services.translations import text_rows

    doc = half_translated()
    doc["organisations"] += [
        {
            "key": "org-no-en",
            "name": "Bergenas padome",
            "name_en": "Bergen Council",
            "country": "NO",
        },
        {
            "key": "org-pl-own",
            "name": "Poznaņas pilsēta",
            "name_original": "Miasto Poznań",
            "country": "PL",
        },
        {
            "key": "org-pl-same",
            "name": "Urząd Miasta",
            "name_original": "Urząd Miasta",
            "country": "PL",
        },
    ]
    for number, host in enumerate(
        ("org-lps", "org-no-en", "org-pl-own", "org-pl-same", "org-lv-only"), start=4
    ):
        doc["programme"].append(
            {
                "key": f"i{number}",
                "starts": f"2024-04-04T{number + 4:02d}:00",
                "ends": f"2024-04-04T{number + 5:02d}:00",
                "kind": "meeting",
                "title": f"Tikšanās {number}",
                "host": host,
                "attendees": "all",
                "translations": {"nb": {"title": f"Møte {number}"}} if number % 2 else {},
            }
        )
    import_visit(db, json.dumps(doc, ensure_ascii=False))
    visit = load_visit(db, "T-HALF")
    rows = text_rows(db, visit.id)
    for lang in ("lv", "en", "nb"):
        assert count_gaps(rows, lang) == gaps(visit, lang)
    assert gaps(visit, "en").hosts == 1 and gaps(visit, "nb").hosts == 2  # the PL own name
    assert gaps(visit, "en").hosted == 6
