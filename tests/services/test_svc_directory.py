"""The directory: organisations with their contacts."""

from __future__ import annotations

import pytest

from app.domain.validation import Invalid
from app.services import directory
from app.services.base import NotFound, StaleEdit


def bir(db, **over):
    fields = dict(
        name="BIR (atkritumu apsaimniekošana)",
        name_original="BIR AS",
        kind="company",
        country="NO",
        city="Bergen",
    )
    fields.update(over)
    return directory.create_organisation(db, **fields)


def test_organisation_round(db):
    org = bir(db)
    assert org.version == 1 and org.contacts == []
    changed = directory.update_organisation(db, org.id, org.version, website="https://bir.no")
    assert changed.website == "https://bir.no" and changed.version == 2
    with pytest.raises(StaleEdit):
        directory.update_organisation(db, org.id, org.version, city="Oslo")
    directory.delete_organisation(db, org.id)
    assert directory.list_organisations(db) == []
    back = directory.restore_organisation(db, org.id)
    assert back.uuid == org.uuid and back.city == "Bergen"


def test_deleting_an_organisation_hides_its_contacts_and_undo_brings_them(db):
    org = bir(db)
    kept = directory.create_contact(db, org.id, name="Kari Nordmann", email="kari@bir.no")
    gone = directory.create_contact(db, org.id, name="Ola Nordmann")
    directory.delete_contact(db, gone.id)
    directory.delete_organisation(db, org.id)
    with pytest.raises(NotFound):
        directory.get_contact(db, kept.id)
    back = directory.restore_organisation(db, org.id)
    # the contact deleted on its own earlier stays deleted
    assert [c.name for c in back.contacts] == ["Kari Nordmann"]
    assert directory.get_contact(db, kept.id).uuid == kept.uuid


def test_contact_round_and_messages(db):
    org = bir(db)
    contact = directory.create_contact(
        db, org.id, name="Kari", phone="+47 55 00 00 00", languages=["nb", "en"]
    )
    assert contact.organisation.name.startswith("BIR")
    with pytest.raises(Invalid) as err:
        directory.update_contact(db, contact.id, contact.version, email="kari at bir.no")
    assert err.value.path == "email" and "kari at bir.no" in err.value.message
    with pytest.raises(Invalid) as err:
        directory.create_contact(db, org.id, name="Ola", phone="12")
    assert err.value.path == "phone" and "12" in err.value.message
    assert [c.name for c in directory.list_contacts(db, org.id)] == ["Kari"]
    directory.delete_contact(db, contact.id)
    assert directory.list_contacts(db, org.id) == []
    assert directory.restore_contact(db, contact.id).uuid == contact.uuid


def test_contact_needs_a_live_organisation(db):
    org = bir(db)
    directory.delete_organisation(db, org.id)
    with pytest.raises(NotFound):
        directory.create_contact(db, org.id, name="Kari")


def test_required_and_unknown_fields(db):
    with pytest.raises(Invalid) as err:
        directory.create_organisation(db, name="  ")
    assert err.value.path == "name"
    with pytest.raises(Invalid) as err:
        bir(db, colour="red")
    assert err.value.path == "colour"
    with pytest.raises(Invalid) as err:
        bir(db, country="Norway")
    assert err.value.path == "country" and "Norway" in err.value.message
    assert directory.list_organisations(db) == []


def test_list_sorts_by_name_and_searches_every_name(db):
    bir(db)
    bir(db, name="Bergenas pašvaldība", name_original="Bergen kommune", kind="municipality")
    bir(db, name="Ārlietu ministrija", name_original=None, country="LV", city="Rīga")
    names = [o.name for o in directory.list_organisations(db)]
    assert names == ["Ārlietu ministrija", "Bergenas pašvaldība", "BIR (atkritumu apsaimniekošana)"]
    assert [o.name for o in directory.list_organisations(db, text="KOMMUNE")] == [
        "Bergenas pašvaldība"
    ]
    assert [o.name for o in directory.list_organisations(db, country="lv")] == [
        "Ārlietu ministrija"
    ]


def test_hostile_text_unchanged(db):
    notes = "<b>bold</b> & " + "🙂" * 10 + "\n" + "w" * 1000
    org = bir(db, name="A & B <c>", notes=notes)
    again = directory.get_organisation(db, org.id)
    assert (again.name, again.notes) == ("A & B <c>", notes)
