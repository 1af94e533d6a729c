"""The user-journey visit of the allowance tests: four days in Trondheim in late October
2027, thirteen delegates with Latvian names (two of them both called Anna Bērziņa), flights
out on the 27th and home on the 30th, and a rate table with Norway's daily allowance.

Built through the services, as the window and the command line build a visit."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.services.allowances import import_allowance_rates
from app.services.logistics import create_travel_leg
from app.services.people import add_participant, create_person
from app.services.visits import create_visit

CODE = "NO-TRD-2027"
START, END = dt.date(2027, 10, 27), dt.date(2027, 10, 30)
DELEGATES = (
    ("Gints", "Kalniņš"),
    ("Ilze", "Bērziņa"),
    ("Ērika", "Ozoliņa"),
    ("Jānis", "Liepiņš"),
    ("Līga", "Šmite"),
    ("Māris", "Zīverts"),
    ("Ieva", "Ķēniņa"),
    ("Kārlis", "Ābele"),
    ("Dace", "Vītola"),
    ("Rūta", "Čakste"),
    ("Agris", "Ļaviņš"),
    ("Anna", "Bērziņa"),
    ("Anna", "Bērziņa"),
)
RATES = (
    "country;daily;accommodation_cap;valid_from;source\n"
    "NO;70,00;160,00;2011-11-01;MK noteikumi Nr. 969, 1. pielikums\n"
)


@dataclass(frozen=True)
class NorwayVisit:
    visit_id: int
    people: list[int]  # person ids in the order of DELEGATES (the two Annas last)


def norway_visit(db, *, rates: str = RATES, legs: bool = True, **visit) -> NorwayVisit:  # type: ignore[no-untyped-def]
    """The visit, its delegates confirmed, the flights for everyone, the rates imported."""
    fields = dict(
        code=CODE,
        title="Pieredzes vizīte Trondheimā",
        timezone="Europe/Oslo",
        country="NO",
        city="Trondheim",
        start_date=START,
        end_date=END,
        status="confirmed",
    )
    fields.update(visit)
    visit_id = create_visit(db, **fields).id
    people = []
    for given, family in DELEGATES:
        person = create_person(db, given_name=given, family_name=family)
        add_participant(db, visit_id, person.id, status="confirmed", role="delegate")
        people.append(person.id)
    if legs:
        flight(db, visit_id, "Rīga", "2027-10-27T06:50", "Trondheim", "2027-10-27T09:40")
        flight(db, visit_id, "Trondheim", "2027-10-30T18:00", "Rīga", "2027-10-30T21:30")
    if rates:
        import_allowance_rates(db, rates)
    return NorwayVisit(visit_id, people)


def flight(
    db,
    visit_id: int,
    from_place: str,
    departs: str,
    to_place: str,  # type: ignore[no-untyped-def]
    arrives: str,
    passengers: object = "all",
) -> None:
    zones = {"Rīga": "Europe/Riga", "Trondheim": "Europe/Oslo", "Oslo": "Europe/Oslo"}
    create_travel_leg(
        db,
        visit_id,
        carrier="airBaltic",
        from_place=from_place,
        from_timezone=zones[from_place],
        departs=departs,
        to_place=to_place,
        to_timezone=zones[to_place],
        arrives=arrives,
        passengers=passengers,
    )
