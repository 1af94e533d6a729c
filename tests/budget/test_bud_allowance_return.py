"""Whether a traveller has a journey home is read from the countries their journeys reach,
not from the names of the time zones: on the Trondheim visit (27–30 October 2027), a
coach to Liepāja airport before the flight out is not the way back, and a delegate who
left from Las Palmas and flies home to Madrid is back in Spain."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from app import i18n
from app.services.allowances import allowance_plan
from app.services.logistics import create_travel_leg
from tests.budget.norway_visit import CODE, flight, norway_visit


def leg(db, visit_id, mode, start, zone_from, departs, end, zone_to, arrives, who) -> None:
    create_travel_leg(
        db,
        visit_id,
        mode=mode,
        from_place=start,
        from_timezone=zone_from,
        departs=departs,
        to_place=end,
        to_timezone=zone_to,
        arrives=arrives,
        passengers=who,
    )


def test_a_coach_to_the_airport_is_not_the_way_home(db) -> None:
    """Kārlis takes the coach to Liepāja and flies out from there; no flight home is booked.
    Before: the coach's arrival in Rīga's zone counted as his return, so there was no
    warning and his allowance ran to the flight out: two days (140,00 €), not five."""
    trip = norway_visit(db, legs=False)
    karlis = trip.people[7]
    others = [p for p in trip.people if p != karlis]
    flight(db, trip.visit_id, "Rīga", "2027-10-27T06:50", "Trondheim", "2027-10-27T09:40", others)
    flight(db, trip.visit_id, "Trondheim", "2027-10-30T18:00", "Rīga", "2027-10-30T21:30", others)
    leg(
        db,
        trip.visit_id,
        "bus",
        "Rīga, autoosta",
        "Europe/Riga",
        "2027-10-26T15:00",
        "Liepāja, lidosta",
        "Europe/Riga",
        "2027-10-26T18:40",
        [karlis],
    )
    leg(
        db,
        trip.visit_id,
        "flight",
        "Liepāja",
        "Europe/Riga",
        "2027-10-27T07:15",
        "Oslo",
        "Europe/Oslo",
        "2027-10-27T08:05",
        [karlis],
    )
    plan = allowance_plan(db, CODE)
    him = plan.of(karlis)
    assert (him.departure, him.return_day, him.days, him.allowance.amount) == (
        dt.date(2027, 10, 26),
        dt.date(2027, 10, 30),
        5,
        D("350.00"),
    )
    assert plan.warnings == [
        "Kārlis Ābele: no return journey; the allowance is counted to Oct 30, 2027"
    ]
    assert {plan.of(p).allowance.amount for p in others} == {D("280.00")}
    i18n.set_language("lv")
    assert allowance_plan(db, CODE).warnings == [
        "Kārlis Ābele: nav atpakaļceļa brauciena; dienas nauda aprēķināta līdz 2027. gada 30. okt."
    ]


@pytest.mark.parametrize(
    ("out_from", "out_zone", "home_to", "home_zone"),
    [
        # Canaries and mainland: two zone names, one country
        ("Las Palmas", "Atlantic/Canary", "Madrid", "Europe/Madrid"),
        # a file written before the zone was renamed, and one after: one zone
        ("Kiev", "Europe/Kiev", "Kyiv", "Europe/Kyiv"),
    ],
)
def test_a_return_to_another_zone_name_of_the_same_country_is_a_return(
    db, out_from, out_zone, home_to, home_zone
) -> None:
    """Ilze joins from abroad and goes back there: no warning (there was one), five days."""
    trip = norway_visit(db, legs=False)
    ilze = trip.people[1]
    others = [p for p in trip.people if p != ilze]
    flight(db, trip.visit_id, "Rīga", "2027-10-27T06:50", "Trondheim", "2027-10-27T09:40", others)
    flight(db, trip.visit_id, "Trondheim", "2027-10-30T18:00", "Rīga", "2027-10-30T21:30", others)
    leg(
        db,
        trip.visit_id,
        "flight",
        out_from,
        out_zone,
        "2027-10-26T09:00",
        "Oslo",
        "Europe/Oslo",
        "2027-10-26T16:30",
        [ilze],
    )
    leg(
        db,
        trip.visit_id,
        "flight",
        "Trondheim",
        "Europe/Oslo",
        "2027-10-30T17:10",
        home_to,
        home_zone,
        "2027-10-30T22:45",
        [ilze],
    )
    plan = allowance_plan(db, CODE)
    assert plan.warnings == []
    her = plan.of(ilze)
    assert (her.departure, her.return_day, her.allowance.amount) == (
        dt.date(2027, 10, 26),
        dt.date(2027, 10, 30),
        D("350.00"),
    )
    assert plan.total == D("3710.00")  # 12 × 280 + 350


def test_zone_names_and_their_countries() -> None:
    from app.domain.zones import zone_country

    assert [
        zone_country(z)
        for z in ("Europe/Riga", "Europe/Oslo", "Europe/Kiev", "Atlantic/Canary", "UTC", "EET")
    ] == ["LV", "NO", "UA", "ES", None, None]
