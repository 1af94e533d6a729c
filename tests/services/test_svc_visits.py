"""Visit services: the list, finding by code or id, the edit round, duplicates, templates."""

from __future__ import annotations

import datetime as dt

import pytest

from app.domain.validation import Invalid
from app.services import budget, people, programme, visits
from app.services.base import Duplicate, NotFound, StaleEdit

HOSTILE = "<b>Rīga & ‹Jūrmala>\n🙂 " + "ž" * 250


def bergen(db, **over):
    fields = dict(
        code="LPS-BERGEN",
        title="LPS valde Bergenā",
        timezone="Europe/Oslo",
        start_date="2024-04-02",
        end_date="2024-04-05",
        country="NO",
        city="Bergen",
    )
    fields.update(over)
    return visits.create_visit(db, **fields)


def test_create_update_delete_restore_keeps_identity(db):
    visit = bergen(db)
    assert visit.status == "draft" and visit.version == 1 and visit.uuid
    changed = visits.update_visit(db, visit.id, visit.version, status="planned")
    assert changed.status == "planned" and changed.version == 2
    visits.delete_visit(db, visit.id)
    assert visits.list_visits(db) == []
    with pytest.raises(NotFound):
        visits.get_visit(db, visit.id)
    back = visits.restore_visit(db, visit.id)
    assert (back.id, back.uuid, back.status) == (visit.id, visit.uuid, "planned")
    assert [s.code for s in visits.list_visits(db)] == ["LPS-BERGEN"]


def test_stale_edit_is_refused_and_changes_nothing(db):
    visit = bergen(db)
    visits.update_visit(db, visit.id, visit.version, title="Jauns nosaukums")
    with pytest.raises(StaleEdit, match="changed by someone else"):
        visits.update_visit(db, visit.id, visit.version, title="Vecā kopija")
    assert visits.get_visit(db, visit.id).title == "Jauns nosaukums"


def test_code_is_unique_among_live_visits(db):
    first = bergen(db)
    with pytest.raises(Duplicate, match="LPS-BERGEN"):
        bergen(db)
    visits.delete_visit(db, first.id)
    second = bergen(db)  # the code of a deleted visit is free again
    with pytest.raises(Duplicate, match="LPS-BERGEN"):
        visits.restore_visit(db, first.id)
    assert visits.find_visit(db, "LPS-BERGEN").id == second.id


def test_validation_messages_name_the_field(db):
    with pytest.raises(Invalid) as err:
        bergen(db, end_date="2024-04-01")
    assert err.value.path == "end_date" and "04/02/2024" in err.value.message
    with pytest.raises(Invalid) as err:
        bergen(db, timezone="Europe/Bergen")
    assert err.value.path == "timezone" and "Europe/Bergen" in str(err.value)
    with pytest.raises(Invalid) as err:
        bergen(db, status="done")
    assert err.value.path == "status"
    with pytest.raises(Invalid) as err:
        bergen(db, title="x" * 301)
    assert err.value.path == "title" and "301" in err.value.message
    with pytest.raises(Invalid) as err:
        bergen(db, emergency=[{"label": "Police", "phone": "12"}])
    assert err.value.path == "emergency[0].phone"
    assert visits.list_visits(db) == []


def test_hostile_text_comes_back_unchanged(db):
    long_word = "a" * 1000
    visit = bergen(
        db,
        title=HOSTILE,
        purpose=f"{long_word}\n<script>&amp;</script>\t🙂",
        topics=["klasteri & <sadarbība>"],
    )
    again = visits.get_visit(db, visit.id)
    assert again.title == HOSTILE
    assert again.purpose == f"{long_word}\n<script>&amp;</script>\t🙂"
    assert again.topics == ["klasteri & <sadarbība>"]
    with pytest.raises(Invalid, match="control character"):
        visits.update_visit(db, visit.id, None, title="bell\x07")


def test_list_filters_and_order(db):
    bergen(db)
    bergen(
        db,
        code="TRD",
        title="Latgale Trøndelagā",
        city="Trondheim",
        start_date="2024-09-10",
        end_date="2024-09-13",
    )
    bergen(
        db,
        code="POZ",
        title="Daugavpils Poznaņā",
        country="PL",
        city="Poznań",
        timezone="Europe/Warsaw",
        start_date="2013-11-13",
        end_date="2013-11-14",
    )
    assert [s.code for s in visits.list_visits(db)] == ["TRD", "LPS-BERGEN", "POZ"]
    assert [s.code for s in visits.list_visits(db, year=2013)] == ["POZ"]
    assert [s.code for s in visits.list_visits(db, country="pl")] == ["POZ"]
    assert [s.code for s in visits.list_visits(db, text="POZNAŃ")] == ["POZ"]
    assert [s.code for s in visits.list_visits(db, text="trøndelag")] == ["TRD"]


def test_participants_counts_those_who_take_part(db):
    visit = bergen(db)
    for name, status in (("Anna", "confirmed"), ("Jānis", "invited"), ("Ilze", "attended")):
        person = people.create_person(db, given_name=name, family_name="Bērziņa")
        people.add_participant(db, visit.id, person.id, status=status)
    assert visits.list_visits(db)[0].participants == 2


def test_find_visit_by_code_or_id(db):
    visit = bergen(db)
    assert visits.find_visit(db, "LPS-BERGEN").id == visit.id
    assert visits.find_visit(db, str(visit.id)).code == "LPS-BERGEN"
    with pytest.raises(NotFound, match="NOPE"):
        visits.find_visit(db, "NOPE")


def test_shorter_visit_brings_arrivals_inside(db):
    visit = bergen(db)
    person = people.create_person(db, given_name="Anna", family_name="Bērziņa")
    part = people.add_participant(
        db, visit.id, person.id, arrives="2024-04-02", departs="2024-04-05"
    )
    visits.update_visit(db, visit.id, visit.version, start_date="2024-04-03", end_date="2024-04-04")
    again = people.get_participation(db, part.id)
    assert (again.arrives, again.departs) == (dt.date(2024, 4, 3), dt.date(2024, 4, 4))


def test_base_currency_change_needs_rates_for_lines(db):
    visit = bergen(db)
    budget.create_budget_line(
        db, visit.id, category="travel", quantity="1", unit_price="200.00", currency="EUR"
    )
    with pytest.raises(Invalid) as err:
        visits.update_visit(db, visit.id, visit.version, base_currency="NOK")
    assert err.value.path == "base_currency" and "EUR" in err.value.message
    assert visits.get_visit(db, visit.id).base_currency == "EUR"


def test_duplicate_visit_shifts_programme_and_keeps_budget(db):
    visit = bergen(db, status="reported")
    anna = people.create_person(db, given_name="Anna", family_name="Bērziņa")
    people.add_participant(db, visit.id, anna.id, status="confirmed")
    programme.create_programme_item(
        db,
        visit.id,
        starts="2024-04-02T10:00",
        ends="2024-04-02T11:30",
        title="Hordaland county",
        attendees=[anna.id],
        track="Group 1",
    )
    grant = budget.create_funding_source(db, visit.id, name="EEA Grants", share="85")
    budget.create_exchange_rate(db, visit.id, currency="NOK", per_base="11.6250")
    budget.create_budget_line(
        db,
        visit.id,
        category="accommodation",
        quantity="36",
        unit_price="1250.00",
        currency="NOK",
        funding_source_id=grant.id,
        actual_amount="44100.00",
    )

    copy = visits.duplicate_visit(db, visit.id, "LPS-BERGEN-2025", "2025-04-08")
    assert (copy.start_date, copy.end_date) == (dt.date(2025, 4, 8), dt.date(2025, 4, 11))
    assert copy.status == "draft" and copy.uuid != visit.uuid and copy.participations == []
    [item] = programme.list_programme(db, copy.id)
    assert item.starts == dt.datetime(2025, 4, 8, 10, 0)
    assert item.ends == dt.datetime(2025, 4, 8, 11, 30)
    assert item.starts_utc == dt.datetime(2025, 4, 8, 8, 0)  # Oslo summer time
    assert item.attendees_all and item.track == "Group 1"
    [line] = budget.list_budget_lines(db, copy.id)
    assert str(line.unit_price) == "1250.00"
    assert str(line.quantity) == "36" and line.actual_minor is None
    assert line.funding_source is not None and line.funding_source.visit_id == copy.id
    assert [str(r.per_base) for r in budget.list_exchange_rates(db, copy.id)] == ["11.6250"]
    # the original is untouched
    assert len(people.list_participations(db, visit.id)) == 1
    with pytest.raises(Duplicate):
        visits.duplicate_visit(db, visit.id, "LPS-BERGEN-2025", "2026-04-01")
