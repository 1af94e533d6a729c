"""A visit's cost in the Statistics is its budget's cost in EUR, to the cent (issue 18):
the figures convert through the same rate book and rounding as the budget and the project
report (``RateBook`` and ``in_base``), so a NOK visit's cost per delegate is the EUR total
its budget shows divided by the people taking part — also for a payment in a third
currency that converts at the ECB rate of its day, not at the plan's."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from app.domain.budget_totals import split
from app.services import people
from app.services.budget_report import totals_in, visit_budget
from app.services.statistics import statistics
from db.models import BudgetLine, ExchangeRate, FundingSource, Project, Visit

D = Decimal
DAY = dt.date(2027, 4, 6)  # a Tuesday: a payment on Wednesday takes Tuesday's ECB rate


def _line(s, visit, source, category, qty, price, currency, *, paid=None,
          paid_currency=None, day=None, shares=None) -> None:
    s.add(BudgetLine(visit=visit, category=category, funding_source=source,
                     quantity=D(qty), unit_price=D(price), currency=currency,
                     actual_minor=int(D(paid) * 100) if paid else None,
                     actual_currency=(paid_currency or currency) if paid else None,
                     actual_date=day, actual_paid=bool(paid), shares=shares))


def _nok_visit(db) -> tuple[int, int, int]:
    """A NOK visit of a project under the ECB rule; returns (visit, grant, own) ids."""
    with db.write() as s:
        project = Project(code="EEZ-NOK", title="Sadarbība", grant_rate=D("85"))
        s.add(project)
        v = Visit(code="BERGEN-2027", title="Bergena", timezone="Europe/Oslo",
                  start_date=DAY, end_date=DAY + dt.timedelta(days=3), base_currency="NOK",
                  country="NO", status="planned", project=project)
        s.add(v)
        s.flush()
        s.add_all([
            # units per one NOK: 1 NOK = 0.0871 EUR, 0.9875 SEK at the plan
            ExchangeRate(visit=v, currency="EUR", per_base=D("0.0871"), kind="plan"),
            ExchangeRate(visit=v, currency="SEK", per_base=D("0.9875"), kind="plan"),
            # the ECB's SEK per NOK on Monday and Tuesday (Wednesday's payment: Tuesday's)
            ExchangeRate(visit=v, currency="SEK", per_base=D("0.9912"), kind="ecb",
                         date=DAY - dt.timedelta(days=1)),
            ExchangeRate(visit=v, currency="SEK", per_base=D("1.0043"), kind="ecb",
                         date=DAY),
        ])
        grant = FundingSource(visit=v, name="EEZ grants", share=D("85"), is_grant=True)
        own = FundingSource(visit=v, name="Pašu līdzekļi", share=D("15"), is_grant=False)
        s.add_all([grant, own])
        s.flush()
        wednesday = DAY + dt.timedelta(days=1)
        _line(s, v, grant, "accommodation", "3", "1234.57", "NOK")
        _line(s, v, grant, "travel", "1", "2999.99", "NOK", paid="3105.50", day=wednesday)
        _line(s, v, own, "interpretation", "2", "451.15", "SEK")
        _line(s, v, None, "venue", "1", "1200", "SEK", paid="1234.56", day=wednesday,
              shares=[{"source": grant.id, "percent": "60"},
                      {"source": own.id, "percent": "40"}])
        _line(s, v, own, "catering", "17", "13.33", "EUR")
        return v.id, grant.id, own.id


def _people(db, visit_id: int) -> None:
    for name, status in (("Anna", "attended"), ("Jānis", "confirmed"), ("Līga", "invited"),
                         ("Gints", "declined")):
        person = people.create_person(db, given_name=name, family_name="Bērziņš")
        people.add_participant(db, visit_id, person.id, status=status)


def test_a_nok_visits_cost_per_delegate_is_its_budgets_eur_total_per_person(db):
    visit_id, grant_id, _own = _nok_visit(db)
    _people(db, visit_id)
    in_eur = totals_in(visit_budget(db, visit_id), "EUR")
    assert in_eur is not None
    # the budget's EUR total as the statistics count it: each line at its paid amount
    # when one is recorded, else at its plan
    total = sum((out.actual if out.actual is not None else out.planned
                 for out in in_eur.lines), D("0.00"))
    assert total > 0
    st = statistics(db)
    bar = st.figure("cost_per_delegate").bar("2027")
    assert bar is not None
    assert bar.numerator == total and bar.denominator == 3  # the declined is not counted
    assert bar.value == (total / 3).quantize(D("0.01"), rounding=ROUND_HALF_UP)
    assert st.visits[visit_id].cost == total
    # the SEK payment took Tuesday's ECB rate, not the plan's: the old plan-rate sum differs
    sek_paid = next(out for out in in_eur.lines if out.line.actual_currency == "SEK")
    assert sek_paid.rate is not None and sek_paid.rate.date == DAY
    # the grant's part: the grant line, the paid grant line and 60 % of the shared one
    grant = D("0.00")
    for out in in_eur.lines:
        amount = out.actual if out.actual is not None else out.planned
        if out.line.shares:
            grant += split(amount, out.line.shares)[0]
        elif out.line.funding == str(grant_id):
            grant += amount
    assert st.figure("grant_share").bar("2027").numerator == grant


def test_a_planned_nok_visit_matches_the_budgets_planned_eur_total(db):
    visit_id, _grant, _own = _nok_visit(db)
    _people(db, visit_id)
    with db.write() as s:  # nothing paid yet: the budget's planned total is the cost
        for line in s.query(BudgetLine).filter_by(visit_id=visit_id):
            line.actual_minor = line.actual_currency = line.actual_date = None
            line.actual_paid = False
    in_eur = totals_in(visit_budget(db, visit_id), "EUR")
    assert in_eur is not None
    bar = statistics(db).figure("cost_per_delegate").bar("2027")
    assert bar is not None and bar.numerator == in_eur.overall.planned
    assert bar.value == (in_eur.overall.planned / 3).quantize(D("0.01"),
                                                               rounding=ROUND_HALF_UP)
