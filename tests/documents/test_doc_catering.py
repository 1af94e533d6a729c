"""Dietary and accessibility needs reach the hosts and the restaurant: a catering list per
meal (counts and names) and the needs in the rooming list."""

from __future__ import annotations

from pathlib import Path

from app.documents.lists import build_catering, build_rooming
from tests.documents.conftest import hostile_visit, import_doc, pdf_pages, squash


def _visit() -> dict:
    doc = hostile_visit()
    ozola, berzins = doc["people"][0], doc["people"][1]
    ozola["dietary"] = "veģetāriete"
    ozola["accessibility"] = "ratiņkrēsls: vajag pieeju bez pakāpieniem"
    berzins["dietary"] = "bez glutēna"
    doc["people"] += [
        {
            "key": "p-sile",
            "given_name": "Sandra",
            "family_name": "Sīle",
            "organisation": "org-lps",
            "role": "delegate",
            "status": "confirmed",
            "dietary": "Veģetāriete",
        },
        {
            "key": "p-grava",
            "given_name": "Artūrs",
            "family_name": "Grava",
            "organisation": "org-lps",
            "role": "delegate",
            "status": "confirmed",
        },
    ]
    doc["programme"] += [
        {
            "key": "m1",
            "starts": "2024-04-02T19:00",
            "ends": "2024-04-02T21:00",
            "kind": "meal",
            "title": "Vakariņas",
            "venue": "Restaurant Fiskekompaniet",
            "attendees": "all",
        },
        {
            "key": "m2",
            "starts": "2024-04-03T12:00",
            "ends": "2024-04-03T13:00",
            "kind": "meal",
            "title": "Pusdienas",
            "attendees": ["p-ozola", "p-grava"],
        },
    ]
    return doc


def test_a_catering_list_per_meal_with_counts_and_names(db, tmp_path: Path) -> None:
    code = import_doc(db, _visit())
    pages = [squash(p) for p in pdf_pages(build_catering(db, code, tmp_path / "c.pdf", lang="lv"))]
    assert len(pages) == 2
    dinner, lunch = pages
    assert dinner.startswith(
        "<b>Rīga & ‹Jūrmala></b> Ēdināšanas saraksts Vakariņas "
        "Otrdiena, 2. aprīlis, 19:00 Restaurant Fiskekompaniet"
    )
    # Bērziņš arrives on the 3rd: three at dinner; the two "veģetāriete" are one need
    assert "veģetāriete 2 Ilze Ozola, Sandra Sīle" in dinner
    assert "Bez īpašām vajadzībām 1" in dinner and "Kopā 3" in dinner
    assert "bez glutēna" not in dinner
    assert "ratiņkrēsls: vajag pieeju bez pakāpieniem Ilze Ozola" in dinner
    assert "veģetāriete 1 Ilze Ozola" in lunch and "Kopā 2" in lunch
    english = squash(pdf_pages(build_catering(db, code, tmp_path / "e.pdf", lang="en"))[0])
    assert "Catering list" in english and "No special needs 1" in english


def test_the_rooming_list_carries_the_needs(db, tmp_path: Path) -> None:
    code = import_doc(db, _visit())
    text = squash(" ".join(pdf_pages(build_rooming(db, code, tmp_path / "r.pdf", lang="lv"))))
    assert "Pieejamība: ratiņkrēsls: vajag pieeju bez pakāpieniem Ēdināšana: veģetāriete" in text
    assert "Ēdināšana: bez glutēna" in text


def test_the_cli_writes_the_catering_list(demo_db, cli, tmp_path: Path) -> None:
    done = cli(
        "--db",
        tmp_path / "demo.db",
        "export",
        "catering",
        "DEMO-BERGEN-2014",
        "--out",
        tmp_path / "c.pdf",
        "--lang",
        "nb",
    )
    assert done.code == 0, done.err
    first = squash(pdf_pages(tmp_path / "c.pdf")[0])
    assert "Bevertningsliste" in first and "Totalt" in first
