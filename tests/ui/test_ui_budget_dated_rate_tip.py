"""The Budget tab says which rate a payment converted at — its own day's ECB rate — and
its exchange difference against the plan's rate (issue 12)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from app.domain.budget_totals import LineIn, compute
from app.domain.rates import ECB, PLAN, RateBook, RateUsed
from ui.visit.budget_tab import _lines_columns


def test_the_actual_tooltip_names_the_days_rate_and_the_difference() -> None:
    book = RateBook("EUR", {"NOK": RateUsed(D("11.0000"), dt.date(2027, 3, 1), PLAN)}, ECB)
    book.add_dated([(ECB, "NOK", dt.date(2027, 4, 8), D("11.5000"))])
    line = LineIn(
        1,
        "accommodation",
        "Viesnīca",
        None,
        True,
        D(1),
        None,
        D("1150"),
        "NOK",
        D("1150.00"),
        "NOK",
        None,
        dt.date(2027, 4, 9),
        True,
    )
    [out] = compute([line], base="EUR", rates=book).lines
    columns = _lines_columns("EUR", lambda _key: "")
    [actual] = [c for c in columns if c.header == "Actual"]
    tip = actual.tooltip(out).replace("\xa0", " ")
    assert tip == ("NOK1,150.00 ÷ 11.5000 (ECB, 04/08/2027) = €100.00 · exchange difference -€4.55")
