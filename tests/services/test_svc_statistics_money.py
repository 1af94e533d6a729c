"""A visit's cost in the Statistics is its budget's cost in EUR, to the cent (issue 18):
the figures convert through the same rate book and rounding as the budget and the project
report (``RateBook`` and ``in_base``), so a NOK visit's cost per delegate is the EUR total
its budget shows divided by the people taking part — also for a payment in a third
currency that converts at the ECB rate of its day, not at the plan's."""

from __future__ import annotations

from decimal import ROUND_HALF_UP

from money_cases import DAY, D, nok_visit, taking_part  # tests/ is on the path

from app.domain.budget_totals import split
from app.services.budget_report import totals_in, visit_budget
from app.services.statistics import statistics
from db.models import BudgetLine


def test_a_nok_visits_cost_per_delegate_is_its_budgets_eur_total_per_person(db):
    visit_id, grant_id, _own = nok_visit(db)
    taking_part(db, visit_id)
    in_eur = totals_in(visit_budget(db, visit_id), "EUR")
    assert in_eur is not None
    # the budget's EUR total as the statistics count it: each line at its paid amount
    # when one is recorded, else at its plan
    total = sum(
        (out.actual if out.actual is not None else out.planned for out in in_eur.lines), D("0.00")
    )
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
    visit_id, _grant, _own = nok_visit(db)
    taking_part(db, visit_id)
    with db.write() as s:  # nothing paid yet: the budget's planned total is the cost
        for line in s.query(BudgetLine).filter_by(visit_id=visit_id):
            line.actual_minor = line.actual_currency = line.actual_date = None
            line.actual_paid = False
    in_eur = totals_in(visit_budget(db, visit_id), "EUR")
    assert in_eur is not None
    bar = statistics(db).figure("cost_per_delegate").bar("2027")
    assert bar is not None and bar.numerator == in_eur.overall.planned
    assert bar.value == (in_eur.overall.planned / 3).quantize(D("0.01"), rounding=ROUND_HALF_UP)
