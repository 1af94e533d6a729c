"""Daily allowances: days from departure to return inclusive, reduced days, caps."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from app.domain.allowances import allowance, over_cap, reduced_rate, trip_days


def test_days_count_from_departure_to_return_inclusive() -> None:
    assert len(trip_days(dt.date(2014, 4, 2), dt.date(2014, 4, 5))) == 4
    assert len(trip_days(dt.date(2024, 2, 28), dt.date(2024, 3, 1))) == 3  # leap day
    assert trip_days(dt.date(2023, 5, 1), dt.date(2023, 5, 1)) == [dt.date(2023, 5, 1)]
    with pytest.raises(ValueError):
        trip_days(dt.date(2023, 5, 2), dt.date(2023, 5, 1))


def test_reduced_days_pay_the_share_of_the_daily_rate() -> None:
    a = allowance(
        dt.date(2014, 4, 2),
        dt.date(2014, 4, 5),
        D("70"),
        reduced={dt.date(2014, 4, 3), dt.date(2014, 4, 4)},
    )
    assert (a.days, a.full_days, len(a.reduced_days)) == (4, 2, 2)
    assert a.reduced == D("21.00")
    assert a.amount == D("182.00")  # 2 × 70 + 2 × 21


def test_reduced_days_outside_the_trip_do_not_count_and_the_share_is_configurable() -> None:
    a = allowance(
        dt.date(2014, 4, 2),
        dt.date(2014, 4, 3),
        D("43.35"),
        reduced={dt.date(2014, 4, 3), dt.date(2014, 4, 9)},
        share=D("25"),
    )
    assert len(a.reduced_days) == 1
    assert a.reduced == D("10.84")  # 10.8375 rounded half up
    assert a.amount == D("54.19")


def test_reduced_rate_rounds_half_up_and_refuses_a_share_above_100() -> None:
    assert reduced_rate(D("0.05"), D("50")) == D("0.03")
    with pytest.raises(ValueError):
        reduced_rate(D("10"), D("101"))


def test_a_night_above_the_cap_says_by_how_much() -> None:
    assert over_cap(D("160.50"), D("150")) == D("10.50")
    assert over_cap(D("150"), D("150")) is None
    assert over_cap(D("500"), None) is None
