"""Daily allowances already paid: a paid line stays with the person it is bound to, an
unbound one with the person it names (a cancelled traveller's advance is not spread over
the others; "Liene Ozola" is not "Liene Ozola-Kalniņa"); undo of a share puts back "no
share chosen"; the write says which lines it replaced and wrote; the project's paid grant
is compared once all is paid."""

from __future__ import annotations

from decimal import Decimal as D

from sqlalchemy import select

from app.services.allowances import (
    allowance_inputs,
    allowance_plan,
    import_allowance_rates,
    save_allowance_inputs,
    write_allowance_lines,
)
from app.services.budget import update_budget_line
from db.models import BudgetLine, Participation, Visit

BERGEN = "DEMO-BERGEN-2014"
RATES = "country,daily,accommodation_cap,valid_from,source\nNO,70,160,2011-11-01,test table\n"


def lines(db, visit_id: int) -> list[BudgetLine]:
    with db.read() as session:
        return list(
            session.scalars(
                select(BudgetLine)
                .where(BudgetLine.visit_id == visit_id, BudgetLine.category == "daily_allowance")
                .order_by(BudgetLine.position)
            )
        )


def unpaid_lines(db) -> int:
    """Rates in, lines made, every payment cleared: the visit's id."""
    import_allowance_rates(db, RATES)
    plan = allowance_plan(db, BERGEN)
    write_allowance_lines(db, plan)
    for line in lines(db, plan.visit_id):
        update_budget_line(
            db,
            line.id,
            None,
            actual_amount=None,
            actual_document=None,
            actual_date=None,
            actual_paid=False,
        )
    return plan.visit_id


def test_a_cancelled_travellers_paid_advance_stays_on_their_line(demo) -> None:
    from app.services.people import update_participation

    visit_id = unpaid_lines(demo)
    gone = allowance_plan(demo, BERGEN).travellers[0]
    mine = next(x for x in lines(demo, visit_id) if gone.name in (x.description or ""))
    update_budget_line(
        demo, mine.id, None, actual_amount="280.00", actual_document="ADVANCE-1", actual_paid=True
    )
    with demo.read() as session:
        part = session.scalar(
            select(Participation).where(
                Participation.visit_id == visit_id, Participation.person_id == gone.person_id
            )
        )
    update_participation(demo, part.id, None, status="cancelled")
    result = write_allowance_lines(demo, allowance_plan(demo, BERGEN))
    assert result.spread == 0 and result.written == 9
    after = lines(demo, visit_id)
    paid = [x for x in after if x.actual_minor is not None]
    assert [(x.description, x.actual_minor, x.actual_document, x.quantity) for x in paid] == [
        (mine.description, 28000, "ADVANCE-1", D(0))
    ]  # kept, planned nothing
    assert all(gone.name not in (x.description or "") for x in after if x is not paid[0])


def test_a_payment_goes_to_the_person_with_the_longer_name_it_names(demo) -> None:
    from app.services.people import update_person

    visit_id = unpaid_lines(demo)
    one, two = allowance_plan(demo, BERGEN).travellers[:2]
    update_person(demo, one.person_id, None, given_name="Liene", family_name="Ozola")
    update_person(demo, two.person_id, None, given_name="Liene", family_name="Ozola-Kalniņa")
    write_allowance_lines(demo, allowance_plan(demo, BERGEN))
    long_line = next(x for x in lines(demo, visit_id) if "Ozola-Kalniņa" in x.description)
    update_budget_line(demo, long_line.id, None, actual_amount="280.00", actual_document="INV-7")
    result = write_allowance_lines(demo, allowance_plan(demo, BERGEN))
    assert result.spread == 0
    paid = [
        (x.description, x.actual_minor) for x in lines(demo, visit_id) if x.actual_minor is not None
    ]
    assert len(paid) == 1 and "Liene Ozola-Kalniņa," in paid[0][0] and paid[0][1] == 28000


def test_a_payment_for_one_of_two_namesakes_stays_with_that_person(demo) -> None:
    """The lines are bound by person id: the payment follows the namesake it was for."""
    from app.services.people import update_person

    visit_id = unpaid_lines(demo)
    one, two = allowance_plan(demo, BERGEN).travellers[:2]
    for person in (one, two):
        update_person(demo, person.person_id, None, given_name="Anna", family_name="Bērziņa")
    write_allowance_lines(demo, allowance_plan(demo, BERGEN))
    line = next(x for x in lines(demo, visit_id) if x.person_id == two.person_id)
    update_budget_line(demo, line.id, None, actual_amount="280.00", actual_document="INV-9")
    result = write_allowance_lines(demo, allowance_plan(demo, BERGEN))
    assert result.spread == 0 and result.written == 10
    paid = [
        (x.person_id, x.quantity, x.actual_minor, x.actual_document)
        for x in lines(demo, visit_id)
        if x.actual_minor is not None
    ]
    assert paid == [(two.person_id, D(4), 28000, "INV-9")]


def test_an_unbound_line_naming_two_namesakes_is_kept_not_spread(demo) -> None:
    """A line typed by hand names "Anna Bērziņa", whom two share: nobody's, not spread."""
    from app.services.budget import create_budget_line
    from app.services.people import update_person

    visit_id = unpaid_lines(demo)
    one, two = allowance_plan(demo, BERGEN).travellers[:2]
    for person in (one, two):
        update_person(demo, person.person_id, None, given_name="Anna", family_name="Bērziņa")
    create_budget_line(
        demo,
        visit_id,
        category="daily_allowance",
        currency="EUR",
        description="Avanss: Anna Bērziņa",
        quantity="1",
        unit_price="280",
        actual_amount="280.00",
        actual_document="INV-9",
    )
    result = write_allowance_lines(demo, allowance_plan(demo, BERGEN))
    assert result.spread == 0 and result.written == 10
    paid = [
        (x.person_id, x.quantity, x.actual_minor, x.actual_document)
        for x in lines(demo, visit_id)
        if x.actual_minor is not None
    ]
    assert paid == [(None, D(0), 28000, "INV-9")]


def test_undo_of_a_share_puts_back_no_share_at_all(demo) -> None:
    visit_id = allowance_plan(demo, BERGEN).visit_id
    before = save_allowance_inputs(demo, visit_id, share=D(50))
    assert before.share == D(30) and before.stored_share is None
    save_allowance_inputs(demo, visit_id, share=before.stored_share)
    with demo.read() as session:
        assert session.get(Visit, visit_id).allowance_share is None  # not '30'
    assert allowance_inputs(demo, BERGEN).share == D(30)
    # reduced days alone leave a chosen share as it is
    save_allowance_inputs(demo, visit_id, share=D("45.5"))
    save_allowance_inputs(demo, visit_id, reduced={})
    assert allowance_inputs(demo, BERGEN).stored_share == D("45.5")


def test_the_write_says_which_lines_it_replaced_and_wrote(demo) -> None:
    from app.services.allowances import switch_allowance_lines

    import_allowance_rates(demo, RATES)
    visit_id = allowance_plan(demo, BERGEN).visit_id
    old = {x.id for x in lines(demo, visit_id)}
    result = write_allowance_lines(demo, allowance_plan(demo, BERGEN))
    now = {x.id for x in lines(demo, visit_id)}
    assert result.old_ids == old and result.new_ids == now and not old & now
    switch_allowance_lines(demo, visit_id, hide=result.new_ids, show=result.old_ids)
    assert {x.id for x in lines(demo, visit_id)} == old


PROJECT = "EEZ-LOCALDEV-2021/LPS-01"


def grant_actual_warnings(db) -> list[str]:
    from app.services.budget_report import project_budget

    return [w for w in project_budget(db, PROJECT).warnings if w.startswith("Grant, actual")]


def test_the_projects_paid_grant_is_compared_only_once_every_line_is_paid(demo) -> None:
    """While invoices are still coming in, the grant lines paid first made the project
    warn "Grant, actual … more than the grant rate allows"; a visit waits, so does the
    project now. Once all is paid as planned (86 % grant), it warns."""
    from app.domain.money import round_cents, to_minor
    from app.services.budget_report import project_budget

    p = project_budget(demo, PROJECT)
    ids = [v.visit_id for v in p.visits]
    grants = {s.key for v in p.visits for s in v.sources if s.is_grant}
    with demo.write() as session:
        for line in session.scalars(select(BudgetLine).where(BudgetLine.visit_id.in_(ids))):
            paid = str(line.funding_source_id) in grants
            line.actual_minor = (
                to_minor(round_cents(line.quantity * line.unit_price)) if paid else None
            )
            line.actual_currency = line.currency if paid else None
            line.actual_paid = paid
    assert any(
        o.actual is None for v in project_budget(demo, PROJECT).visits for o in v.totals.lines
    )
    assert grant_actual_warnings(demo) == []
    with demo.write() as session:
        for line in session.scalars(select(BudgetLine).where(BudgetLine.visit_id.in_(ids))):
            line.actual_minor = to_minor(round_cents(line.quantity * line.unit_price))
            line.actual_currency, line.actual_paid = line.currency, True
    assert len(grant_actual_warnings(demo)) == 1


def test_import_replace_keeps_the_reduced_days_and_the_share(demo) -> None:
    """The visit file does not carry the reduced days: replacing a visit from its own file
    recreated the participations without them, and the allowances changed."""
    import datetime as dt

    from app.interchange.visit_file import export_visit, import_visit

    import_allowance_rates(demo, RATES)
    plan = allowance_plan(demo, BERGEN)
    first = plan.travellers[0].person_id
    save_allowance_inputs(
        demo,
        plan.visit_id,
        share=D("45.5"),
        reduced={first: {dt.date(2014, 4, 3), dt.date(2014, 4, 4)}},
    )
    before = allowance_inputs(demo, BERGEN)
    total = allowance_plan(demo, BERGEN).total
    import_visit(demo, export_visit(demo, BERGEN), replace=True)
    after = allowance_inputs(demo, BERGEN)
    assert (
        after.reduced
        == before.reduced
        == {first: frozenset({dt.date(2014, 4, 3), dt.date(2014, 4, 4)})}
    )
    assert after.stored_share == D("45.5")
    assert allowance_plan(demo, BERGEN).total == total
