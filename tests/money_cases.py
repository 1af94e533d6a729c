"""A NOK visit of a project under the ECB rule, with people taking part: the case the
statistics' money is checked on, on SQLite (tests/services) and PostgreSQL (tests/postgres).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from app.services import people
from db.models import BudgetLine, ExchangeRate, FundingSource, Project, Visit

D = Decimal
DAY = dt.date(2027, 4, 6)  # a Tuesday: a payment on Wednesday takes Tuesday's ECB rate


def line(
    s,
    visit,
    source,
    category,
    qty,
    price,
    currency,
    *,
    paid=None,
    paid_currency=None,
    day=None,
    shares=None,
) -> None:
    s.add(
        BudgetLine(
            visit=visit,
            category=category,
            funding_source=source,
            quantity=D(qty),
            unit_price=D(price),
            currency=currency,
            actual_minor=int(D(paid) * 100) if paid else None,
            actual_currency=(paid_currency or currency) if paid else None,
            actual_date=day,
            actual_paid=bool(paid),
            shares=shares,
        )
    )


def nok_visit(db) -> tuple[int, int, int]:
    """A NOK visit of a project under the ECB rule; returns (visit, grant, own) ids."""
    with db.write() as s:
        project = Project(code="EEZ-NOK", title="Sadarbība", grant_rate=D("85"))
        s.add(project)
        v = Visit(
            code="BERGEN-2027",
            title="Bergena",
            timezone="Europe/Oslo",
            start_date=DAY,
            end_date=DAY + dt.timedelta(days=3),
            base_currency="NOK",
            country="NO",
            status="planned",
            project=project,
        )
        s.add(v)
        s.flush()
        s.add_all(
            [
                # units per one NOK: 1 NOK = 0.0871 EUR, 0.9875 SEK at the plan
                ExchangeRate(visit=v, currency="EUR", per_base=D("0.0871"), kind="plan"),
                ExchangeRate(visit=v, currency="SEK", per_base=D("0.9875"), kind="plan"),
                # the ECB's SEK per NOK on Monday and Tuesday (Wednesday's payment: Tuesday's)
                ExchangeRate(
                    visit=v,
                    currency="SEK",
                    per_base=D("0.9912"),
                    kind="ecb",
                    date=DAY - dt.timedelta(days=1),
                ),
                ExchangeRate(visit=v, currency="SEK", per_base=D("1.0043"), kind="ecb", date=DAY),
            ]
        )
        grant = FundingSource(visit=v, name="EEZ grants", share=D("85"), is_grant=True)
        own = FundingSource(visit=v, name="Pašu līdzekļi", share=D("15"), is_grant=False)
        s.add_all([grant, own])
        s.flush()
        wednesday = DAY + dt.timedelta(days=1)
        line(s, v, grant, "accommodation", "3", "1234.57", "NOK")
        line(s, v, grant, "travel", "1", "2999.99", "NOK", paid="3105.50", day=wednesday)
        line(s, v, own, "interpretation", "2", "451.15", "SEK")
        line(
            s,
            v,
            None,
            "venue",
            "1",
            "1200",
            "SEK",
            paid="1234.56",
            day=wednesday,
            shares=[{"source": grant.id, "percent": "60"}, {"source": own.id, "percent": "40"}],
        )
        line(s, v, own, "catering", "17", "13.33", "EUR")
        return v.id, grant.id, own.id


def taking_part(db, visit_id: int) -> None:
    for name, status in (
        ("Anna", "attended"),
        ("Jānis", "confirmed"),
        ("Līga", "invited"),
        ("Gints", "declined"),
    ):
        person = people.create_person(db, given_name=name, family_name="Bērziņš")
        people.add_participant(db, visit_id, person.id, status=status)
