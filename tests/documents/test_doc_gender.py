"""Latvian role words agree with the person: "Koordinatore", "Delegācijas vadītāja"; the
grammatical gender is stored (guessed from the name when a person is added, editable) and
no phrase needs a declined name."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.documents.itinerary import build_itineraries
from app.documents.programme import build_programme
from app.domain.latvian import guess_gender
from app.services.people import create_person, get_person, update_person
from tests.documents.conftest import hostile_visit, import_doc, pdf_text, squash


@pytest.mark.parametrize(
    ("given", "family", "gender"),
    [
        ("Jānis", "Bērziņš", "male"),
        ("Līga", "Šņore", "female"),
        ("Jānis", "Liepa", "male"),
        ("Dace", "Ziediņa", "female"),
        ("Artūrs", "Grava", "male"),
        ("Ilze", "Kalva", "female"),
        ("Terje", "Vik", None),
        ("Ingrid", "Haugland", None),
        ("", "", None),
    ],
)
def test_gender_is_guessed_from_latvian_endings(given, family, gender) -> None:
    assert guess_gender(given, family) == gender


def _visit() -> dict:
    doc = hostile_visit()
    people = doc["people"]
    people[1]["role"] = "delegate"  # Jānis Bērziņš
    people.append(
        {
            "key": "p-pudza",
            "given_name": "Ligita",
            "family_name": "Pudža",
            "organisation": "org-lps",
            "role": "head",
            "status": "confirmed",
        }
    )
    people.append(
        {
            "key": "p-tulce",
            "given_name": "Zane",
            "family_name": "Ozola",
            "organisation": "org-lps",
            "role": "interpreter",
            "status": "confirmed",
        }
    )
    people.append(
        {
            "key": "p-terje",
            "given_name": "Terje",
            "family_name": "Vik",
            "organisation": "org-lps",
            "role": "expert",
            "status": "confirmed",
            "gender": "male",
        }
    )
    people.append(
        {
            "key": "p-ingrid",
            "given_name": "Ingrid",
            "family_name": "Haugland",
            "organisation": "org-lps",
            "role": "expert",
            "status": "confirmed",
            "gender": "female",
        }
    )
    doc["stays"][0]["rooms"][0] = {
        "label": "101",
        "type": "twin",
        "occupants": ["p-ozola", "p-pudza"],
    }
    return doc


def test_role_words_agree_in_latvian(db, tmp_path: Path) -> None:
    code = import_doc(db, _visit())
    text = squash(pdf_text(build_programme(db, code, tmp_path / "p.pdf", lang="lv")))
    people = text[text.index("Dalībnieki") :]
    assert "Ligita Pudža Latvijas Pašvaldību savienība Delegācijas vadītāja" in people
    assert "Ilze Ozola Latvijas Pašvaldību savienība Koordinatore" in people
    assert "Zane Ozola Latvijas Pašvaldību savienība Tulce" in people
    assert "Jānis Bērziņš Latvijas Pašvaldību savienība Delegāts" in people
    assert "Terje Vik Latvijas Pašvaldību savienība Eksperts" in people  # stored: male
    assert "Ingrid Haugland Latvijas Pašvaldību savienība Eksperte" in people
    english = squash(pdf_text(build_programme(db, code, tmp_path / "e.pdf", lang="en")))
    assert "Pudža Latvijas Pašvaldību savienība Head of delegation" in english


def test_no_phrase_needs_a_declined_name(db, tmp_path: Path) -> None:
    code = import_doc(db, _visit())
    text = squash(
        pdf_text(build_itineraries(db, code, tmp_path / "i.pdf", lang="lv", person="Ilze Ozola"))
    )
    assert "Koordinatore" in text
    assert "istabā arī: Ligita Pudža)" in text
    assert "kopā ar" not in text


def test_the_gender_is_stored_guessed_and_editable(db) -> None:
    made = create_person(db, given_name="Agnese", family_name="Rozīte")
    assert get_person(db, made.id).gender == "female"
    update_person(db, made.id, None, gender="male")
    assert get_person(db, made.id).gender == "male"
    update_person(db, made.id, None, gender=None)
    assert get_person(db, made.id).gender is None
    unknown = create_person(db, given_name="Ingrid", family_name="Haugland")
    assert get_person(db, unknown.id).gender is None


def test_participant_import_guesses_the_gender(db, tmp_path: Path) -> None:
    import datetime as dt

    from app.interchange import participants as imp
    from app.services.people import list_participations
    from app.services.visits import create_visit

    visit = create_visit(
        db,
        code="G",
        title="Vizīte",
        country="NO",
        city="Oslo",
        timezone="Europe/Oslo",
        start_date=dt.date(2026, 4, 6),
        end_date=dt.date(2026, 4, 9),
    )
    path = tmp_path / "s.csv"
    path.write_text(
        "Vārds;Uzvārds;Loma\nLigita;Pudža;vadītāja\nGints;Kalniņš;delegāts\n", encoding="utf-8"
    )
    table = imp.read_table(path)
    imp.apply(db, imp.plan(db, visit.id, table, imp.guess_mapping(table.headers)))
    genders = {p.person.family_name: p.person.gender for p in list_participations(db, visit.id)}
    assert genders == {"Pudža": "female", "Kalniņš": "male"}


def test_the_visit_file_carries_the_gender(db) -> None:
    import json

    from app.interchange.visit_file import export_visit

    code = import_doc(db, _visit())

    people = {
        p["family_name"]: p.get("gender") for p in json.loads(export_visit(db, code))["people"]
    }
    assert people["Vik"] == "male" and people["Haugland"] == "female"
    assert people["Pudža"] == "female" and people["Bērziņš"] == "male"
