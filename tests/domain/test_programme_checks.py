"""Programme checks: every rule, its boundaries and the message a coordinator reads.

The visit runs 2–5 April 2024 in Bergen (Europe/Oslo, summer time: UTC+2); Riga is
Europe/Riga (UTC+3), so 09:05 in Riga is 08:05 in Bergen.
"""

from __future__ import annotations

import datetime as dt

from app.domain.checks import (
    AFTER_DEPARTURE,
    ALL,
    BEFORE_ARRIVAL,
    OUTSIDE_DATES,
    OVERLAP,
    Attendance,
    ItemEntry,
    LegEntry,
    VisitFrame,
    attendees_of,
    check_programme,
)

OSLO = "Europe/Oslo"
RIGA = "Europe/Riga"
FRAME = VisitFrame(dt.date(2024, 4, 2), dt.date(2024, 4, 5), OSLO)

ILZE = Attendance("ilze", "Ilze Bērziņa", "confirmed")
JANIS = Attendance("janis", "Jānis Kalniņš", "attended")
ANNA = Attendance("anna", "Anna Ozola", "declined")
PETERIS = Attendance("peteris", "Pēteris Liepa", "invited")


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def item(
    key: str,
    starts: str,
    ends: str,
    *,
    tz: str = OSLO,
    track: str | None = None,
    attendees=ALL,
    title: str | None = None,
) -> ItemEntry:
    return ItemEntry(key, title or key, at(starts), at(ends), tz, track, attendees)


def leg(
    key: str,
    departs: str,
    departs_tz: str,
    arrives: str,
    arrives_tz: str,
    passengers=ALL,
    label: str | None = None,
) -> LegEntry:
    return LegEntry(key, label or key, at(departs), departs_tz, at(arrives), arrives_tz, passengers)


def check(items, people=(ILZE, JANIS), legs=(), frame=FRAME):
    return check_programme(frame, list(people), list(items), list(legs))


def summary(problems):
    return [(p.kind, p.item_keys, p.person_keys) for p in problems]


# -- outside the visit's dates ---------------------------------------------------------------


def test_item_before_the_first_day_is_outside_the_dates_with_reason():
    problems = check(
        [item("dinner", "2024-04-01T19:00", "2024-04-01T21:00", title="Welcome dinner")]
    )
    assert summary(problems) == [(OUTSIDE_DATES, ("dinner",), ())]
    message = problems[0].message
    assert "Welcome dinner" in message
    assert "Apr 1, 2024" in message  # when the item is
    assert "Apr 2, 2024" in message and "Apr 5, 2024" in message  # the visit's dates
    assert "outside the visit's dates" in message


def test_item_after_the_last_day_is_outside_the_dates():
    problems = check([item("late", "2024-04-06T09:00", "2024-04-06T10:00")])
    assert summary(problems) == [(OUTSIDE_DATES, ("late",), ())]


def test_items_on_the_first_and_last_day_are_inside():
    assert (
        check(
            [
                item("first", "2024-04-02T00:00", "2024-04-02T01:00"),
                item("last", "2024-04-05T22:00", "2024-04-05T23:00"),
            ]
        )
        == []
    )


def test_item_ending_at_midnight_after_the_last_day_is_inside_but_one_minute_later_is_not():
    assert check([item("party", "2024-04-05T22:00", "2024-04-06T00:00")]) == []
    problems = check([item("party", "2024-04-05T22:00", "2024-04-06T00:01")])
    assert summary(problems) == [(OUTSIDE_DATES, ("party",), ())]


# -- overlaps --------------------------------------------------------------------------------


def test_overlapping_items_for_everyone_conflict_for_each_person_with_reason():
    problems = check(
        [
            item("kommune", "2024-04-02T10:00", "2024-04-02T11:30", title="Bergen kommune"),
            item("bir", "2024-04-02T11:00", "2024-04-02T12:00", title="BIR waste company"),
        ]
    )
    assert summary(problems) == [(OVERLAP, ("kommune", "bir"), ("ilze", "janis"))]
    message = problems[0].message
    assert "Bergen kommune" in message and "BIR waste company" in message
    assert "Ilze Bērziņa" in message and "Jānis Kalniņš" in message
    assert "10:00–11:30" in message and "11:00–12:00" in message
    assert "Europe/Oslo" in message


def test_intervals_are_half_open():
    back_to_back = [
        item("a", "2024-04-02T09:00", "2024-04-02T10:00"),
        item("b", "2024-04-02T10:00", "2024-04-02T11:00"),
    ]
    assert check(back_to_back) == []
    one_minute_over = [
        item("a", "2024-04-02T09:00", "2024-04-02T10:01"),
        item("b", "2024-04-02T10:00", "2024-04-02T11:00"),
    ]
    assert summary(check(one_minute_over)) == [(OVERLAP, ("a", "b"), ("ilze", "janis"))]


def test_items_in_different_zones_are_compared_in_real_time():
    # 10:00–11:00 in Riga is 08:00–09:00 in Bergen.
    riga = item("riga", "2024-04-02T10:00", "2024-04-02T11:00", tz=RIGA)
    early_bergen = item("bergen", "2024-04-02T08:30", "2024-04-02T09:30")  # overlaps
    late_bergen = item("bergen", "2024-04-02T10:00", "2024-04-02T11:00")  # same wall clock
    assert summary(check([riga, early_bergen])) == [
        (OVERLAP, ("bergen", "riga"), ("ilze", "janis"))
    ]
    assert check([riga, late_bergen]) == []


def test_parallel_tracks_for_everyone_do_not_conflict():
    assert (
        check(
            [
                item("g1", "2024-04-02T10:00", "2024-04-02T12:00", track="Group 1"),
                item("g2", "2024-04-02T10:00", "2024-04-02T12:00", track="Group 2"),
            ]
        )
        == []
    )


def test_same_track_or_missing_track_conflicts():
    same = check(
        [
            item("a", "2024-04-02T10:00", "2024-04-02T12:00", track="Group 1"),
            item("b", "2024-04-02T11:00", "2024-04-02T13:00", track="Group 1"),
        ]
    )
    assert summary(same) == [(OVERLAP, ("a", "b"), ("ilze", "janis"))]
    plenary = check(
        [
            item("plenary", "2024-04-02T10:00", "2024-04-02T12:00"),
            item("group", "2024-04-02T11:00", "2024-04-02T13:00", track="Group 1"),
        ]
    )
    assert summary(plenary) == [(OVERLAP, ("plenary", "group"), ("ilze", "janis"))]


def test_person_listed_on_both_parallel_tracks_conflicts():
    problems = check(
        [
            item(
                "g1", "2024-04-02T10:00", "2024-04-02T12:00", track="Group 1", attendees=("ilze",)
            ),
            item(
                "g2",
                "2024-04-02T11:00",
                "2024-04-02T12:00",
                track="Group 2",
                attendees=("ilze", "janis"),
            ),
        ]
    )
    assert summary(problems) == [(OVERLAP, ("g1", "g2"), ("ilze",))]
    assert "Ilze Bērziņa" in problems[0].message
    assert "Jānis" not in problems[0].message


def test_all_on_one_track_and_a_list_on_another_do_not_conflict():
    assert (
        check(
            [
                item("g1", "2024-04-02T10:00", "2024-04-02T12:00", track="Group 1"),
                item(
                    "g2",
                    "2024-04-02T10:00",
                    "2024-04-02T12:00",
                    track="Group 2",
                    attendees=("ilze",),
                ),
            ]
        )
        == []
    )


def test_lists_without_a_common_person_do_not_conflict():
    assert (
        check(
            [
                item("a", "2024-04-02T10:00", "2024-04-02T12:00", attendees=("ilze",)),
                item("b", "2024-04-02T10:00", "2024-04-02T12:00", attendees=("janis",)),
            ]
        )
        == []
    )


def test_list_and_all_on_the_same_track_conflict_for_the_listed_person_only():
    problems = check(
        [
            item("a", "2024-04-02T10:00", "2024-04-02T12:00", attendees=("janis",)),
            item("b", "2024-04-02T11:00", "2024-04-02T12:00"),
        ]
    )
    assert summary(problems) == [(OVERLAP, ("a", "b"), ("janis",))]


def test_people_who_do_not_take_part_are_ignored():
    people = (ILZE, ANNA, PETERIS)
    problems = check(
        [
            item("a", "2024-04-02T10:00", "2024-04-02T12:00", attendees=("anna", "peteris")),
            item("b", "2024-04-02T11:00", "2024-04-02T12:00", attendees=("anna", "peteris")),
            item("c", "2024-04-03T10:00", "2024-04-03T12:00", attendees=("ilze", "anna")),
            item("d", "2024-04-03T11:00", "2024-04-03T12:00"),
        ],
        people=people,
    )
    # Declined and invited people conflict nowhere; on 3 April only Ilze does.
    assert summary(problems) == [(OVERLAP, ("c", "d"), ("ilze",))]
    assert "Anna" not in problems[0].message


def test_clash_of_two_items_for_everyone_shows_before_anyone_takes_part():
    problems = check(
        [
            item("a", "2024-04-02T10:00", "2024-04-02T12:00", title="Hordaland county"),
            item("b", "2024-04-02T11:00", "2024-04-02T12:00", title="University of Bergen"),
        ],
        people=(ANNA, PETERIS),
    )
    assert summary(problems) == [(OVERLAP, ("a", "b"), ())]
    assert "Hordaland county" in problems[0].message
    assert "everyone taking part" in problems[0].message


def test_empty_delegation_parallel_tracks_and_lists_are_no_clash():
    assert (
        check(
            [
                item("g1", "2024-04-02T10:00", "2024-04-02T12:00", track="Group 1"),
                item("g2", "2024-04-02T10:00", "2024-04-02T12:00", track="Group 2"),
                item("x", "2024-04-03T10:00", "2024-04-03T12:00", attendees=()),
                item("y", "2024-04-03T10:00", "2024-04-03T12:00"),
            ],
            people=(),
        )
        == []
    )


def test_all_counts_only_people_present_that_day():
    late = Attendance(
        "late", "Līga Vītola", "confirmed", arrives=dt.date(2024, 4, 3), departs=dt.date(2024, 4, 4)
    )
    people = (ILZE, late)
    day_before = [
        item("all", "2024-04-02T10:00", "2024-04-02T12:00"),
        item("hers", "2024-04-02T11:00", "2024-04-02T12:00", attendees=("late",)),
    ]
    assert check(day_before, people=people) == []
    day_after = [
        item("all", "2024-04-05T10:00", "2024-04-05T12:00"),
        item("hers", "2024-04-05T11:00", "2024-04-05T12:00", attendees=("late",)),
    ]
    assert check(day_after, people=people) == []
    her_days = [
        item("all", "2024-04-03T10:00", "2024-04-03T12:00"),
        item("hers", "2024-04-03T11:00", "2024-04-03T12:00", attendees=("late",)),
    ]
    assert summary(check(her_days, people=people)) == [(OVERLAP, ("all", "hers"), ("late",))]
    assert attendees_of(FRAME, people, her_days[0]) == {"ilze", "late"}
    assert attendees_of(FRAME, people, day_before[0]) == {"ilze"}


def test_each_overlapping_pair_is_one_problem():
    problems = check(
        [
            item("a", "2024-04-02T10:00", "2024-04-02T13:00"),
            item("b", "2024-04-02T11:00", "2024-04-02T12:00"),
            item("c", "2024-04-02T11:30", "2024-04-02T14:00"),
        ],
        people=(ILZE,),
    )
    assert summary(problems) == [
        (OVERLAP, ("a", "b"), ("ilze",)),
        (OVERLAP, ("a", "c"), ("ilze",)),
        (OVERLAP, ("b", "c"), ("ilze",)),
    ]


# -- travel: the flight Riga 09:05 (Europe/Riga) → Bergen 10:15 (Europe/Oslo) ------------------

BT151 = leg(
    "bt151",
    "2024-04-02T09:05",
    RIGA,
    "2024-04-02T10:15",
    OSLO,
    label="airBaltic BT 151 (Riga → Bergen)",
)


def test_meeting_before_the_flight_lands_names_item_person_flight_and_local_arrival():
    problems = check(
        [item("kommune", "2024-04-02T10:00", "2024-04-02T11:00", title="Bergen kommune")],
        people=(ILZE,),
        legs=[BT151],
    )
    assert summary(problems) == [(BEFORE_ARRIVAL, ("kommune",), ("ilze",))]
    assert problems[0].leg_keys == ("bt151",)
    message = problems[0].message
    assert "Bergen kommune" in message
    assert "Ilze Bērziņa" in message
    assert "airBaltic BT 151" in message
    assert "Apr 2, 2024 10:15 Europe/Oslo" in message


def test_meeting_after_landing_or_exactly_at_landing_is_fine():
    for starts in ("2024-04-02T10:30", "2024-04-02T10:15"):
        assert (
            check([item("kommune", starts, "2024-04-02T11:30")], people=(ILZE,), legs=[BT151]) == []
        )


def test_arrival_is_compared_in_real_time_across_zones():
    # 10:30 in Riga is 09:30 in Bergen: the plane has not landed, though 10:30 > 10:15.
    in_riga_zone = item("call", "2024-04-02T10:30", "2024-04-02T11:00", tz=RIGA)
    assert summary(check([in_riga_zone], people=(ILZE,), legs=[BT151])) == [
        (BEFORE_ARRIVAL, ("call",), ("ilze",))
    ]
    # 11:20 in Riga is 10:20 in Bergen: landed.
    after = item("call", "2024-04-02T11:20", "2024-04-02T11:50", tz=RIGA)
    assert check([after], people=(ILZE,), legs=[BT151]) == []


def test_item_during_the_flight_is_before_arrival():
    # 09:30–10:00 Riga time: the delegation is in the air (departed 09:05 Riga).
    onboard = item("onboard", "2024-04-02T09:30", "2024-04-02T10:00", tz=RIGA)
    assert summary(check([onboard], people=(ILZE,), legs=[BT151])) == [
        (BEFORE_ARRIVAL, ("onboard",), ("ilze",))
    ]


def test_briefing_at_home_before_departure_is_fine_but_not_at_the_destination():
    # Ends at 09:05 Riga time, when the flight leaves, in the zone it leaves from.
    briefing = item("briefing", "2024-04-02T08:00", "2024-04-02T09:05", tz=RIGA)
    assert check([briefing], people=(ILZE,), legs=[BT151]) == []
    # 07:00–08:00 in Bergen is also over before departure (08:05 Bergen time), but it is in
    # Bergen, where the delegation is not yet.
    too_early = item("breakfast", "2024-04-02T07:00", "2024-04-02T08:00")
    assert summary(check([too_early], people=(ILZE,), legs=[BT151])) == [
        (BEFORE_ARRIVAL, ("breakfast",), ("ilze",))
    ]


def test_connecting_flights_count_from_the_last_arrival():
    to_oslo = leg(
        "bt151o", "2024-04-02T07:00", RIGA, "2024-04-02T08:10", OSLO, label="BT 151 (Riga → Oslo)"
    )
    to_bergen = leg(
        "sk4163",
        "2024-04-02T12:00",
        OSLO,
        "2024-04-02T12:50",
        OSLO,
        label="SK 4163 (Oslo → Bergen)",
    )
    items = [
        item("stopover", "2024-04-02T11:00", "2024-04-02T12:00", title="Lunch in Bergen"),
        item("bergen", "2024-04-02T13:00", "2024-04-02T14:00"),
    ]
    problems = check(items, people=(ILZE,), legs=[to_oslo, to_bergen])
    assert summary(problems) == [(BEFORE_ARRIVAL, ("stopover",), ("ilze",))]
    assert problems[0].leg_keys == ("sk4163",)
    assert "SK 4163" in problems[0].message
    assert "12:50 Europe/Oslo" in problems[0].message


def test_item_after_the_flight_home_leaves_with_reason():
    home = leg(
        "bt152",
        "2024-04-05T16:40",
        OSLO,
        "2024-04-05T19:35",
        RIGA,
        label="airBaltic BT 152 (Bergen → Riga)",
    )
    problems = check(
        [
            item("visit", "2024-04-05T13:40", "2024-04-05T16:40"),  # ends as the plane leaves
            item("farewell", "2024-04-05T16:40", "2024-04-05T17:00", title="Farewell lunch"),
        ],
        people=(ILZE,),
        legs=[home],
    )
    assert summary(problems) == [(AFTER_DEPARTURE, ("farewell",), ("ilze",))]
    message = problems[0].message
    assert "Farewell lunch" in message and "Ilze Bērziņa" in message
    assert "airBaltic BT 152" in message
    assert "Apr 5, 2024 16:40 Europe/Oslo" in message


def test_departure_counts_from_the_first_leg_home_in_real_time():
    to_oslo = leg("sk4170", "2024-04-05T15:00", OSLO, "2024-04-05T15:50", OSLO)
    to_riga = leg("bt154", "2024-04-05T18:00", OSLO, "2024-04-05T20:55", RIGA)
    # 15:00–16:00 Riga time is 14:00–15:00 Bergen time: over as the first leg leaves,
    # though its wall-clock end (16:00) is later than the departure (15:00).
    riga_call = item("call", "2024-04-05T15:00", "2024-04-05T16:00", tz=RIGA)
    assert check([riga_call], people=(ILZE,), legs=[to_oslo, to_riga]) == []
    # Still going at 15:30 Bergen time, after the first leg has left (though long before
    # the connection at 18:00).
    late = item("late", "2024-04-05T14:30", "2024-04-05T15:30")
    problems = check([late], people=(ILZE,), legs=[to_oslo, to_riga])
    assert summary(problems) == [(AFTER_DEPARTURE, ("late",), ("ilze",))]
    assert problems[0].leg_keys == ("sk4170",)


def test_debriefing_at_home_after_the_return_is_fine_but_not_at_the_destination():
    home = leg("bt152", "2024-04-05T16:40", OSLO, "2024-04-05T19:35", RIGA)
    debrief = item("debrief", "2024-04-05T20:00", "2024-04-05T21:00", tz=RIGA)
    assert check([debrief], people=(ILZE,), legs=[home]) == []
    # 19:00 in Bergen is 20:00 in Riga, after landing at home, but it is in Bergen.
    left_behind = item("concert", "2024-04-05T19:00", "2024-04-05T21:00")
    assert summary(check([left_behind], people=(ILZE,), legs=[home])) == [
        (AFTER_DEPARTURE, ("concert",), ("ilze",))
    ]


def test_legs_apply_to_their_passengers_and_one_problem_lists_everyone_on_them():
    only_ilze = leg(
        "bt151", "2024-04-02T09:05", RIGA, "2024-04-02T10:15", OSLO, passengers=("ilze",)
    )
    meeting = item("kommune", "2024-04-02T10:00", "2024-04-02T11:00")
    assert summary(check([meeting], legs=[only_ilze])) == [
        (BEFORE_ARRIVAL, ("kommune",), ("ilze",))
    ]
    assert summary(check([meeting], legs=[BT151])) == [
        (BEFORE_ARRIVAL, ("kommune",), ("ilze", "janis"))
    ]


def test_travel_checks_only_items_the_person_attends():
    meeting = item("kommune", "2024-04-02T10:00", "2024-04-02T11:00", attendees=("janis",))
    late_flight = leg(
        "late", "2024-04-02T09:05", RIGA, "2024-04-02T10:15", OSLO, passengers=("ilze",)
    )
    assert check([meeting], legs=[late_flight]) == []
    declined = leg("late", "2024-04-02T09:05", RIGA, "2024-04-02T10:15", OSLO)
    assert (
        check(
            [item("k", "2024-04-02T10:00", "2024-04-02T11:00", attendees=("anna",))],
            people=(ILZE, ANNA),
            legs=[declined],
        )
        == []
    )


def test_legs_split_into_there_and_home_at_the_visits_midpoint():
    # The visit 2–5 April in Bergen is halfway at 4 April 00:00 Bergen time (22:00 UTC).
    just_before = leg("in", "2024-04-04T00:59", RIGA, "2024-04-04T00:30", OSLO)  # 21:59 UTC
    on_3_april = item("day2", "2024-04-03T10:00", "2024-04-03T11:00")
    assert summary(check([on_3_april], people=(ILZE,), legs=[just_before])) == [
        (BEFORE_ARRIVAL, ("day2",), ("ilze",))
    ]
    at_midpoint = leg("out", "2024-04-04T00:00", OSLO, "2024-04-04T02:00", RIGA)  # 22:00 UTC
    on_4_april = item("day3", "2024-04-04T10:00", "2024-04-04T11:00")
    assert summary(check([on_4_april], people=(ILZE,), legs=[at_midpoint])) == [
        (AFTER_DEPARTURE, ("day3",), ("ilze",))
    ]


def test_a_night_in_oslo_before_the_train_to_bergen_is_a_stay_not_a_change():
    """Oslo on the first day, the train to Bergen on the second: the meetings in Oslo were
    each said to begin "before Ilze can be there: the train arrives 3 April 15:20"."""
    to_oslo = leg("bt151", "2024-04-02T07:05", RIGA, "2024-04-02T08:05", OSLO)
    train = leg("r60", "2024-04-03T08:25", OSLO, "2024-04-03T15:20", OSLO, label="Vy R60")
    items = [
        item("ks", "2024-04-02T11:00", "2024-04-02T12:30", title="KS in Oslo"),
        item("dinner", "2024-04-02T19:00", "2024-04-02T21:00"),
        item("breakfast", "2024-04-03T07:00", "2024-04-03T08:00"),
        item("bergen", "2024-04-03T16:30", "2024-04-03T18:00"),
    ]
    assert check(items, people=(ILZE,), legs=[to_oslo, train]) == []


def test_a_meeting_held_while_the_train_travels_between_the_cities_is_a_problem():
    to_oslo = leg("bt151", "2024-04-02T07:05", RIGA, "2024-04-02T08:05", OSLO)
    train = leg("r60", "2024-04-03T08:25", OSLO, "2024-04-03T15:20", OSLO, label="Vy R60")
    items = [
        item("early", "2024-04-03T08:00", "2024-04-03T09:00", title="Breakfast meeting"),
        item("bergen", "2024-04-03T14:00", "2024-04-03T15:00", title="Bergen kommune"),
    ]
    problems = check(items, people=(ILZE,), legs=[to_oslo, train])
    assert summary(problems) == [
        (AFTER_DEPARTURE, ("early",), ("ilze",)),  # still going when the train leaves
        (BEFORE_ARRIVAL, ("bergen",), ("ilze",)),  # begins before the train arrives
    ]
    assert all(p.leg_keys == ("r60",) for p in problems)
    assert "15:20" in problems[1].message and "08:25" in problems[0].message


def test_a_night_in_oslo_on_the_way_home_is_a_stay_too():
    train = leg("r61", "2024-04-04T12:00", OSLO, "2024-04-04T18:55", OSLO)
    home = leg("bt152", "2024-04-05T16:40", OSLO, "2024-04-05T19:35", RIGA)
    in_oslo = [
        item("oslo", "2024-04-05T09:00", "2024-04-05T11:00", title="Oslo kommune"),
        item("dinner", "2024-04-04T20:00", "2024-04-04T22:00"),
    ]
    assert check(in_oslo, people=(ILZE,), legs=[train, home]) == []
    on_the_train = item("bergen", "2024-04-04T11:00", "2024-04-04T13:00")
    assert summary(check([on_the_train], people=(ILZE,), legs=[train, home])) == [
        (AFTER_DEPARTURE, ("bergen",), ("ilze",))
    ]


# -- all together ----------------------------------------------------------------------------


def test_every_problem_is_returned_in_programme_order_whatever_the_input_order():
    items = [
        item("late", "2024-04-06T09:00", "2024-04-06T10:00"),
        item("b", "2024-04-02T10:10", "2024-04-02T11:30"),
        item("a", "2024-04-02T10:00", "2024-04-02T11:00"),
        item("early", "2024-04-01T09:00", "2024-04-01T10:00"),
    ]
    expected = [
        (OUTSIDE_DATES, ("early",), ()),
        (OVERLAP, ("a", "b"), ("ilze",)),
        (BEFORE_ARRIVAL, ("a",), ("ilze",)),
        (BEFORE_ARRIVAL, ("b",), ("ilze",)),
        (OUTSIDE_DATES, ("late",), ()),
    ]
    assert summary(check(items, people=(ILZE,), legs=[BT151])) == expected
    assert summary(check(list(reversed(items)), people=(ILZE,), legs=[BT151])) == expected
