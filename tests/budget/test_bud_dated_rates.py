"""Each actual at the rate of its own date under the project's rule (issue 12), to the cent.

Plan rate 1 EUR = 11.0000 NOK. ECB rates held: Thu 8 Apr 2027 11.5000, Fri 2 Apr 10.9000
(Good Friday 26 Mar 2027 and Easter Monday 29 Mar have none), Thu 25 Mar 11.2000."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from app.domain.budget_totals import LineIn, SourceIn, compute
from app.domain.rates import (
    EARLIER,
    ECB,
    FIXED,
    INFOREURO,
    NO_RATE,
    PLAN,
    UNDATED,
    RateBook,
    RateUsed,
    ecb_rate_day,
)


def book(rule: str = ECB, **fixed: str) -> RateBook:
    b = RateBook(
        "EUR",
        {"NOK": RateUsed(D("11.0000"), dt.date(2027, 3, 1), PLAN)},
        rule,
        {k: D(v) for k, v in fixed.items()},
    )
    b.add_dated(
        [
            (ECB, "NOK", dt.date(2027, 4, 8), D("11.5000")),
            (ECB, "NOK", dt.date(2027, 4, 2), D("10.9000")),
            (ECB, "NOK", dt.date(2027, 3, 25), D("11.2000")),
            (INFOREURO, "NOK", dt.date(2027, 4, 1), D("11.4000")),
        ]
    )
    return b


def paid(ident: int, amount: str, day: dt.date | None, planned: str = "1150") -> LineIn:
    return LineIn(
        ident,
        "accommodation",
        f"Viesnīca {ident}",
        None,
        True,
        D(1),
        None,
        D(planned),
        "NOK",
        D(amount),
        "NOK",
        None,
        day,
        True,
    )


def test_the_rate_in_force_at_the_start_of_the_day() -> None:
    assert ecb_rate_day(dt.date(2027, 4, 9)) == dt.date(2027, 4, 8)  # Friday: Thursday's
    assert ecb_rate_day(dt.date(2027, 4, 5)) == dt.date(2027, 4, 2)  # Monday: Friday's
    # Tuesday after Easter 2027 (28 March): Good Friday and Easter Monday publish nothing.
    assert ecb_rate_day(dt.date(2027, 3, 30)) == dt.date(2027, 3, 25)
    assert ecb_rate_day(dt.date(2027, 1, 2)) == dt.date(2026, 12, 31)


def test_friday_payment_converts_at_thursdays_rate_with_its_exchange_difference() -> None:
    t = compute([paid(1, "1150.00", dt.date(2027, 4, 9))], base="EUR", rates=book())
    [out] = t.lines
    assert out.rate == RateUsed(D("11.5000"), dt.date(2027, 4, 8), ECB)
    assert out.actual == D("100.00")  # 1 150 / 11.5
    assert out.planned == D("104.55")  # 1 150 / 11 (the plan keeps its rate)
    assert out.exchange == D("-4.55")  # 100.00 − 104.55 at the plan's rate
    assert t.overall.exchange == D("-4.55")
    assert [w.kind for w in t.warnings] == []


def test_monday_payment_takes_fridays_rate() -> None:
    [out] = compute([paid(1, "1090.00", dt.date(2027, 4, 5))], base="EUR", rates=book()).lines
    assert (out.rate.date, out.actual, out.exchange) == (
        dt.date(2027, 4, 2),
        D("100.00"),
        D("0.91"),
    )  # 100.00 − 99.09


def test_undated_missing_and_earlier_rates_fall_back_with_warnings() -> None:
    lines = [
        paid(1, "1100.00", None),  # no date: plan rate
        paid(2, "1120.00", dt.date(2027, 4, 1)),  # wants 31 Mar: 25 Mar held
        paid(3, "1100.00", dt.date(2027, 3, 2)),
    ]  # nothing held before: plan rate
    t = compute(lines, base="EUR", rates=book())
    assert [o.rate.fallback for o in t.lines] == [UNDATED, EARLIER, NO_RATE]
    assert [o.actual for o in t.lines] == [D("100.00"), D("100.00"), D("100.00")]
    kinds = [w.kind for w in t.warnings]
    assert kinds == ["rate_undated", "rate_earlier", "rate_no_rate"]
    texts = [w.text for w in t.warnings]
    assert texts[0] == "1 actual has no date: converted at the plan's rate (“Viesnīca 1”)"
    assert "of Mar 25, 2027" in texts[1]


def test_inforeuro_fixed_and_plan_rules() -> None:
    day = dt.date(2027, 4, 20)
    [monthly] = compute([paid(1, "1140.00", day)], base="EUR", rates=book(INFOREURO)).lines
    assert (monthly.rate.kind, monthly.actual) == (INFOREURO, D("100.00"))
    [fixed] = compute([paid(1, "1125.00", day)], base="EUR", rates=book(FIXED, NOK="11.25")).lines
    assert (fixed.rate.kind, fixed.actual, fixed.exchange) == (FIXED, D("100.00"), D("-2.27"))
    [plan] = compute([paid(1, "1100.00", day)], base="EUR", rates=book(PLAN)).lines
    assert (plan.rate.kind, plan.actual, plan.exchange) == (PLAN, D("100.00"), D("0.00"))


def test_a_line_shared_85_15_parts_to_the_cent() -> None:
    sources = [SourceIn("g", "Grant", None, is_grant=True), SourceIn("o", "Own", None)]
    line = LineIn(
        1,
        "travel",
        "Biļetes",
        None,
        True,
        D(3),
        None,
        D("33.33"),
        "EUR",
        shares=(("g", D(85)), ("o", D(15))),
    )
    t = compute([line], base="EUR", rates={}, sources=sources)
    assert t.overall.planned == D("99.99")
    assert t.by_source["g"].planned == D("84.99")  # 84.9915 half up
    assert t.by_source["o"].planned == D("15.00")  # the rest: parts add up exactly
    assert t.by_source["g"].lines == 1 and t.by_source["o"].lines == 0


def test_a_nok_visit_rebased_to_euros_at_its_own_rate() -> None:
    nok = RateBook("NOK", {"EUR": RateUsed(D("0.085"), None, PLAN)}, ECB)
    eur = nok.rebased("EUR")
    line = LineIn(
        1,
        "venue",
        None,
        None,
        True,
        D(1),
        None,
        D("29500"),
        "NOK",
        D("29500"),
        "NOK",
        None,
        dt.date(2027, 4, 9),
        True,
    )
    [out] = compute([line], base="EUR", rates=eur).lines
    assert (out.planned, out.actual) == (D("2507.50"), D("2507.50"))
    assert compute([line], base="EUR", rates=eur).warnings == []  # the base is pinned
    assert nok.rebased("SEK") is None


def test_one_conversion_and_one_to_minor() -> None:
    """money.convert is the cross conversion the allowance checks use: a NOK visit's
    1 300 NOK hotel night is 118,18 € at 1 EUR = 11 NOK (compared with a cap in euros)."""
    import pytest

    from app.domain.money import MissingRate, convert, to_minor
    from app.services import crud, field_rules

    rates = {"EUR": D("0.0909090909"), "SEK": D("0.98")}  # a NOK-based visit
    assert convert(D("1300"), "NOK", "EUR", "NOK", rates) == D("118.18")
    assert convert(D("100"), "SEK", "NOK", "NOK", rates) == D("102.04")
    assert convert(D("1.005"), "EUR", "EUR", "NOK", rates) == D("1.01")  # half up
    with pytest.raises(MissingRate):
        convert(D("1"), "PLN", "EUR", "NOK", rates)
    assert to_minor(D("12.34")) == 1234
    assert not hasattr(crud, "to_minor") and not hasattr(field_rules, "to_minor")
    with pytest.raises(ValueError):
        to_minor(D("1.005"))  # crud's copy cut it to 100 cents: now one rule, an error
