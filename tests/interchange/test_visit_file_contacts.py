"""Contacts gained in the visit file: each string a row, linked to the one directory contact
whose name starts it (without case or diacritics), exported exactly as written."""

from __future__ import annotations

import pytest
from visit_sample import dump, sample

from app.domain.contact_match import match_contact, names_start
from app.interchange.visit_file import export_visit, import_visit
from app.services.reports import report_for_visit
from app.services.visits import find_visit


def gained(db, code: str) -> list[tuple[str, str | None]]:
    report = report_for_visit(db, find_visit(db, code).id)
    assert report is not None
    out = []
    with db.read() as s:
        from db.models import Contact

        for row in report.contacts:
            contact = s.get(Contact, row.contact_id) if row.contact_id else None
            out.append((row.text, contact.name if contact else None))
    return out


def test_a_contact_gained_is_linked_to_the_directory_and_exported_as_written(db):
    doc = sample()
    doc["report"]["contacts_gained"] = [
        "Ola Hansen, BIR",
        "OLA HANSEN",
        "Ola Hansenova",
        "  Ola   Hansen – direktors  ",
        "Kari Nordmann",
    ]
    import_visit(db, dump(doc))
    assert gained(db, "T-BERGEN") == [
        ("Ola Hansen, BIR", "Ola Hansen"),
        ("OLA HANSEN", "Ola Hansen"),
        ("Ola Hansenova", None),
        ("  Ola   Hansen – direktors  ", "Ola Hansen"),
        ("Kari Nordmann", None),
    ]
    exported = export_visit(db, "T-BERGEN")
    assert '"  Ola   Hansen – direktors  "' in exported
    assert export_visit(db, "T-BERGEN") == exported


def test_a_name_two_directory_contacts_share_is_not_linked(db):
    doc = sample()
    doc["organisations"][0]["contacts"] = [{"key": "c-other", "name": "Ola Hansen"}]
    doc["report"]["contacts_gained"] = ["Ola Hansen, BIR"]
    import_visit(db, dump(doc))
    assert gained(db, "T-BERGEN") == [("Ola Hansen, BIR", None)]


def test_the_demo_contacts_gained_are_linked_where_the_directory_has_the_person(demo_db):
    for code in ("DEMO-BERGEN-2014", "DEMO-TRONDELAG-2015", "DEMO-POZNAN-2013"):
        rows = gained(demo_db, code)
        assert rows and all(name is not None and text.startswith(name) for text, name in rows)


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("Bjørg Aune, Høgskolen", "Bjørg Aune", True),
        ("rūta petrauskienė – plānošana", "Rūta Petrauskienė", True),
        ("Ruta Petrauskiene", "Rūta Petrauskienė", True),
        ("Evita Lācei", "Evita Lāce", False),
        ("Evita", "Evita Lāce", False),
        ("Anne Dahl(KS)", "Anne Dahl", True),
        ("", "", False),
    ],
)
def test_names_start_ignores_case_and_diacritics_at_a_word_end(text, name, expected):
    assert names_start(text, name) is expected


def test_match_contact_needs_exactly_one_name():
    contacts = [(1, "Ola"), (2, "Ola Hansen"), (3, "Kari Nordmann"), (4, "Kari Nordmann")]
    assert match_contact("Ola Hansen, BIR", contacts) is None  # "Ola" fits as well
    assert match_contact("Ola, BIR", contacts) == 1
    assert match_contact("Kari Nordmann", contacts) is None  # two rows of that name
    assert match_contact("Per", contacts) is None
