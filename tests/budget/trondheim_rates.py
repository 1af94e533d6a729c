"""The Trondheim–Gdańsk visit of October 2027 whose rates two colleagues change at once
(``test_bud_rate_undo_shared``, ``tests/ui/test_ui_budget_rate_undo_shared``).

It pays a NOK hotel (12 900 NOK, paid Friday 29 October) and a PLN coach (4 300 PLN,
paid Tuesday 2 November); a finance officer typed the plan rates (11.6500 NOK, 4.3150
PLN) before anything was imported.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from decimal import Decimal as D
from pathlib import Path

from app.services.budget import create_budget_line, create_exchange_rate, update_exchange_rate
from app.services.ecb_rates import rate_values
from app.services.visits import create_visit
from db.engine import Database
from db.models import ExchangeRate

CODE = "TRD-GDN-2027"
START = dt.date(2027, 10, 25)
HISTORY = (  # the ECB's history file: newest first, one row per working day
    "Date,USD,NOK,PLN,SEK,\n"
    "2027-11-01,1.0921,11.7350,4.2810,11.4020,\n"
    "2027-10-29,1.0915,11.7460,4.2790,11.3990,\n"
    "2027-10-28,1.0902,11.7125,4.2755,11.3870,\n"
    "2027-10-22,1.0899,11.6990,4.2700,11.3810,\n"
    "2027-10-21,1.0880,11.6875,4.2685,11.3750,\n"
)
INFOREURO_NOVEMBER = "isoA3Code,value\nNOK,11.7200\nPLN,4.2900\nSEK,11.4100\n"


def trondheim(db: Database) -> int:
    """The visit with its two paid lines and the plan rates typed by hand."""
    visit_id = create_visit(
        db,
        code=CODE,
        title="Pieredzes vizīte Trondheimā un Gdaņskā",
        timezone="Europe/Oslo",
        country="NO",
        city="Trondheim",
        start_date=START,
        end_date=dt.date(2027, 10, 28),
        status="completed",
    ).id
    for currency, rate in (("NOK", "11.6500"), ("PLN", "4.3150")):
        create_exchange_rate(
            db, visit_id, currency=currency, per_base=D(rate), date=dt.date(2027, 9, 30)
        )
    for category, text, price, currency, day in (
        ("accommodation", "Viesnīca “Britannia”, 3 naktis", "12900", "NOK", 29),
        ("local_transport", "Autobuss Gdańsk–Trondheim (Przewozy)", "4300", "PLN", 33),
    ):
        create_budget_line(
            db,
            visit_id,
            category=category,
            description=text,
            quantity=D(1),
            unit_price=D(price),
            currency=currency,
            actual_amount=D(price),
            actual_date=dt.date(2027, 10, 1) + dt.timedelta(days=day - 1),
            actual_paid=True,
        )
    return visit_id


def rates(db: Database, visit_id: int) -> dict[tuple, tuple]:
    """Every live rate of the visit: (kind, currency, date) → (per_base, source)."""
    return {
        (kind, cur, day): (str(values[0]), values[2])
        for (kind, cur, day), values in rate_values(db, visit_id).items()
    }


def row_ids(db: Database, visit_id: int) -> dict[tuple, int]:
    with db.read() as session:
        return {
            (r.kind, r.currency, r.date if r.kind != "plan" else None): r.id
            for r in session.query(ExchangeRate).filter(ExchangeRate.visit_id == visit_id)
        }


def types_rate(db: Database, visit_id: int, currency: str, rate: str) -> None:
    """B types a plan rate by hand in their window (a new one, or over the one shown)."""
    with db.read() as session:
        row = (
            session.query(ExchangeRate)
            .filter_by(visit_id=visit_id, kind="plan", currency=currency)
            .one_or_none()
        )
    if row is None:
        create_exchange_rate(db, visit_id, currency=currency, per_base=D(rate))
    else:
        update_exchange_rate(db, row.id, row.version, per_base=D(rate))


def content(path: Path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return list(con.iterdump())
    finally:
        con.close()


IMPORTED = {  # what A's import adds: the ECB rates in force on the days paid
    ("ecb", "NOK", dt.date(2027, 10, 28)): ("11.7125", "ECB"),
    ("ecb", "PLN", dt.date(2027, 11, 1)): ("4.2810", "ECB"),
}
TYPED = {
    ("plan", "NOK", None): ("11.6500", None),
    ("plan", "PLN", None): ("4.3150", None),
}
# The finance office's own rates, in the program's template as Excel saves it.
TABLE = (
    "Valūta;Kurss par 1 EUR;Datums;Avots\r\n"
    "SEK;11,4020;01.11.2027;Swedbank\r\n"
    "DKK;7,4590;01.11.2027;Swedbank\r\n"
)
