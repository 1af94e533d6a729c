"""Programme items: wall time in a zone, UTC derived on every change, attendees, hosts."""

from __future__ import annotations

import datetime as dt

import pytest

from app.domain.validation import Invalid
from app.services import directory, people, programme, visits
from app.services.base import NotFound, StaleEdit


@pytest.fixture
def visit(db):
    return visits.create_visit(
        db,
        code="V",
        title="Bergen",
        timezone="Europe/Oslo",
        start_date="2024-03-29",
        end_date="2024-04-05",
    )


def item(db, visit, **over):
    fields = dict(starts="2024-04-02T10:00", ends="2024-04-02T11:30", title="Bergen kommune")
    fields.update(over)
    return programme.create_programme_item(db, visit.id, **fields)


def test_item_round_with_derived_utc(db, visit):
    it = item(db, visit)
    assert it.timezone == "Europe/Oslo"  # the visit's zone by default
    assert (it.starts_utc, it.ends_utc) == (
        dt.datetime(2024, 4, 2, 8, 0),
        dt.datetime(2024, 4, 2, 9, 30),
    )
    assert it.attendees_all and it.attendees == []
    moved = programme.update_programme_item(db, it.id, it.version, timezone="Europe/Riga")
    assert moved.starts == dt.datetime(2024, 4, 2, 10, 0)
    assert moved.starts_utc == dt.datetime(2024, 4, 2, 7, 0)
    with pytest.raises(StaleEdit):
        programme.update_programme_item(db, it.id, it.version, title="old copy")
    programme.delete_programme_item(db, it.id)
    assert programme.list_programme(db, visit.id) == []
    back = programme.restore_programme_item(db, it.id)
    assert back.uuid == it.uuid and back.timezone == "Europe/Riga"


def test_times_that_do_not_exist_or_run_backwards_are_refused(db, visit):
    with pytest.raises(Invalid) as err:  # Oslo clocks jump 02:00 → 03:00 on 31 March 2024
        item(db, visit, starts="2024-03-31T02:30", ends="2024-03-31T04:00")
    assert err.value.path == "starts" and "03/31/2024 02:30" in err.value.message
    with pytest.raises(Invalid) as err:
        item(db, visit, ends="2024-04-02T09:00")
    assert err.value.path == "ends" and "10:00" in err.value.message
    with pytest.raises(Invalid) as err:
        item(db, visit, starts="2024-04-02 10:00")
    assert err.value.path == "starts"
    assert programme.list_programme(db, visit.id) == []


def test_update_of_one_end_checks_against_the_other(db, visit):
    it = item(db, visit)
    with pytest.raises(Invalid) as err:
        programme.update_programme_item(db, it.id, it.version, starts="2024-04-02T12:00")
    assert err.value.path == "ends"
    assert programme.get_programme_item(db, it.id).starts == dt.datetime(2024, 4, 2, 10, 0)


def test_attendees_all_or_people_on_the_visit(db, visit):
    anna = people.create_person(db, given_name="Anna", family_name="Bērziņa")
    stranger = people.create_person(db, given_name="Kari", family_name="Nordmann")
    people.add_participant(db, visit.id, anna.id, status="confirmed")
    it = item(db, visit, attendees=[anna.id], track="Group 1")
    assert not it.attendees_all and [p.id for p in it.attendees] == [anna.id]
    with pytest.raises(Invalid) as err:
        programme.update_programme_item(db, it.id, it.version, attendees=[anna.id, stranger.id])
    assert err.value.path == "attendees[1]"
    back_to_all = programme.update_programme_item(db, it.id, it.version, attendees="all")
    assert back_to_all.attendees_all and back_to_all.attendees == []


def test_host_and_contact(db, visit):
    host = directory.create_organisation(db, name="Hordalandes grāfiste")
    other = directory.create_organisation(db, name="BIR")
    kari = directory.create_contact(db, host.id, name="Kari")
    ola = directory.create_contact(db, other.id, name="Ola")
    it = item(db, visit, contact_id=kari.id)
    assert it.host.name == "Hordalandes grāfiste" and it.contact.name == "Kari"
    with pytest.raises(Invalid) as err:
        programme.update_programme_item(db, it.id, it.version, contact_id=ola.id)
    assert err.value.path == "contact_id" and "Ola" in err.value.message
    with pytest.raises(Invalid) as err:
        item(db, visit, host_id=12345)
    assert err.value.path == "host_id"


def test_list_orders_by_real_time_then_track(db, visit):
    item(db, visit, title="B group", track="Group 2", starts="2024-04-02T09:00")
    item(db, visit, title="A group", track="Group 1", starts="2024-04-02T09:00")
    item(
        db,
        visit,
        title="Riga call",
        timezone="Europe/Riga",
        starts="2024-04-02T09:30",
        ends="2024-04-02T10:00",
    )  # 06:30 UTC: first in real time
    titles = [i.title for i in programme.list_programme(db, visit.id)]
    assert titles == ["Riga call", "A group", "B group"]
    assert [i.title for i in programme.list_programme(db, visit.id, track="Group 2")] == ["B group"]


def test_deleted_visit_has_no_programme(db, visit):
    item(db, visit)
    visits.delete_visit(db, visit.id)
    with pytest.raises(NotFound):
        programme.list_programme(db, visit.id)
    with pytest.raises(NotFound):
        item(db, visit)


def test_hostile_text_unchanged(db, visit):
    description = "<img src='/etc/passwd'/> & <font size=40>\n" + "ā" * 1000 + " 🙂\tend"
    it = item(
        db,
        visit,
        title="Tikšanās <b>&</b> 🙂",
        description=description,
        translations={"en": {"title": "Meeting <b>&</b>"}},
    )
    again = programme.get_programme_item(db, it.id)
    assert again.title == "Tikšanās <b>&</b> 🙂" and again.description == description
    assert again.translations == {"en": {"title": "Meeting <b>&</b>"}}
    with pytest.raises(Invalid) as err:
        item(db, visit, translations={"de": {"title": "Treffen"}})
    assert err.value.path == "translations.de"
