"""Daily allowances as a finance officer meets them after a tester's report: the reduced days
are remembered, so the lines, the statement, the budget PDF and the spreadsheet give one
figure; making the lines never wipes what was paid; the budget's hand-made allowance lines
that disagree with the calculator are warned of; the texts read as Latvian."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import openpyxl
from sqlalchemy import select

from app import i18n
from app.documents.allowance_statement import write_allowance_statement
from app.documents.budget_pdf import write_budget_pdf
from app.documents.budget_xlsx import write_budget_xlsx
from app.services.allowances import (
    allowance_inputs,
    allowance_plan,
    apply_allowance_lines,
    import_allowance_rates,
    save_allowance_inputs,
)
from app.services.budget_report import visit_budget
from db.models import BudgetLine
from tests.budget.conftest import pdf_text

BERGEN = "DEMO-BERGEN-2014"
RATES = "country,daily,accommodation_cap,valid_from,source\nNO,70,160,2011-11-01,test table\n"
APRIL_3 = dt.date(2014, 4, 3)


def live_allowance_lines(db) -> list[BudgetLine]:
    with db.read() as session:
        return list(
            session.scalars(
                select(BudgetLine)
                .where(
                    BudgetLine.category == "daily_allowance",
                    BudgetLine.visit_id == visit_budget(db, BERGEN).visit_id,
                )
                .order_by(BudgetLine.position)
            )
        )


def everyone_on_april_3(db) -> None:
    plan = allowance_plan(db, BERGEN)
    save_allowance_inputs(
        db, plan.visit_id, reduced={t.person_id: {APRIL_3} for t in plan.travellers}
    )


def test_stored_reduced_days_give_one_figure_in_lines_pdf_xlsx_and_statement(demo, tmp_path):
    import_allowance_rates(demo, RATES)
    everyone_on_april_3(demo)
    plan = allowance_plan(demo, BERGEN)  # no days passed: the stored ones
    assert plan.total == D("2310.00")  # 10 × (3 × 70 + 21)
    apply_allowance_lines(demo, plan)
    b = visit_budget(demo, BERGEN)
    assert b.totals.by_category["daily_allowance"].planned == D("2310.00")
    # read again, as reopening the visit or a later export does
    plan = allowance_plan(demo, BERGEN)
    assert plan.lines_warning is None and plan.lines_total == D("2310.00")

    i18n.set_language("lv")  # the lines are described in the interface's language
    text = pdf_text(write_budget_pdf(b, tmp_path / "b.pdf", "lv", allowances=plan))
    per_person = text[text.index("Dienas nauda pa personām") :]
    assert "Kopā 2 310,00 €" in per_person
    assert "2 400,00 €" not in text
    assert "1 × 21,00 EUR (diena)" in text  # not "1 × 21", nor "18" after "18 × …"

    ws = openpyxl.load_workbook(write_budget_xlsx(b, tmp_path / "b.xlsx", "lv", allowances=plan))[
        "Dienas nauda"
    ]
    head = [cell.value for cell in ws[1]]
    rows = [[cell.value for cell in row] for row in ws.iter_rows(min_row=2)]
    people = rows[:-1]
    assert {r[head.index("Samazinātās dienas")] for r in people} == {1}
    assert sum(D(str(r[head.index("Summa")])) for r in people) == D("2310.00")

    gints = plan.of("Kalniņš")
    statement = pdf_text(write_allowance_statement(plan, gints, tmp_path / "s.pdf", "lv"))
    assert "03.04.2014 Samazinātā norma (30 %) 21,00 €" in statement
    assert "Izmaksājamā summa 231,00 €" in statement


def test_the_statement_is_prepared_by_the_coordinator_not_the_traveller(demo, tmp_path):
    import_allowance_rates(demo, RATES)
    plan = allowance_plan(demo, BERGEN)
    gints = plan.of("Kalniņš")
    text = pdf_text(write_allowance_statement(plan, gints, tmp_path / "s.pdf", "lv"))
    assert "Ceļotājs Gints Kalniņš" in text
    assert "Sagatavoja Ligita Pudža" in text  # the visit's coordinator
    assert "Sagatavoja Gints" not in text


def test_the_command_line_stores_the_days_it_writes_and_the_statement_reads_them(
    cli, demo, db_path, tmp_path
):
    import_allowance_rates(demo, RATES)
    run = cli("--db", db_path, "allowances", "calc", BERGEN, "--reduced", "2014-04-03", "--write")
    assert run.code == 0 and "Total: 2310.00 EUR" in run.out
    assert set(allowance_inputs(demo, BERGEN).reduced.values()) == {frozenset({APRIL_3})}
    run = cli(
        "--db",
        db_path,
        "export",
        "allowance",
        BERGEN,
        "--person",
        "Kalniņš",
        "--out",
        tmp_path / "s.pdf",
        "--lang",
        "en",
    )
    assert run.code == 0
    assert "Amount due €231.00" in pdf_text(tmp_path / "s.pdf")
    run = cli("--db", db_path, "allowances", "calc", BERGEN)  # a preview reads them too
    assert "Total: 2310.00 EUR" in run.out
    run = cli(
        "--db",
        db_path,
        "export",
        "allowance",
        BERGEN,
        "--person",
        "Kalniņš",
        "--out",
        tmp_path / "s2.pdf",
        "--reduced",
        "2014-04-03,2014-04-04",
    )
    assert run.code == 0 and "count those stored for the visit" in run.err  # a one-off
    assert allowance_plan(demo, BERGEN).total == D("2310.00")  # the stored days unchanged


def test_making_the_lines_keeps_what_was_paid(demo, cli, db_path) -> None:
    import_allowance_rates(demo, RATES)
    apply_allowance_lines(demo, allowance_plan(demo, BERGEN))
    # Gints's allowance is paid; then the hosts turn out to have fed everyone on 3 April.
    with demo.write() as session:
        line = session.scalars(
            select(BudgetLine).where(
                BudgetLine.description.contains("Gints Kalniņš"), BudgetLine.deleted_at.is_(None)
            )
        ).one()
        line.actual_minor, line.actual_currency = 28000, "EUR"
        line.actual_document, line.actual_date = "Rīkojums Nr. 7", dt.date(2014, 3, 30)
        line.actual_paid = True
    everyone_on_april_3(demo)
    run = cli("--db", db_path, "allowances", "calc", BERGEN, "--write")
    assert "20 daily-allowance lines written" in run.out
    # each traveller's share of the group payment (spread the first time) stays theirs
    assert "actual amounts paid on 10 lines were kept" in run.out
    lines = live_allowance_lines(demo)
    gints = [x for x in lines if "Gints Kalniņš" in (x.description or "")]
    assert [(x.quantity * x.unit_price, x.actual_minor) for x in gints] == [
        (D("210.00"), 28000),
        (D("21.00"), None),
    ]  # the payment stays on his full days
    assert (gints[0].actual_document, gints[0].actual_date, gints[0].actual_paid) == (
        "Rīkojums Nr. 7",
        dt.date(2014, 3, 30),
        True,
    )
    group = [x for x in lines if x.actual_document == "LPS rīkojums Nr. 2-5/41"]
    assert [(x.quantity, x.actual_minor, x.actual_paid) for x in group] == [(D(3), 17200, True)] * 9
    totals = visit_budget(demo, BERGEN).totals.by_category["daily_allowance"]
    assert (totals.planned, totals.actual) == (D("2310.00"), D("1828.00"))


def test_without_any_rate_the_lines_are_left_alone(demo) -> None:
    before = [(x.id, x.actual_minor) for x in live_allowance_lines(demo)]
    assert apply_allowance_lines(demo, allowance_plan(demo, BERGEN)) == 0
    assert [(x.id, x.actual_minor) for x in live_allowance_lines(demo)] == before


def test_hand_made_lines_that_differ_from_the_calculator_are_warned_of(demo) -> None:
    import_allowance_rates(demo, RATES)
    plan = allowance_plan(demo, BERGEN)
    assert plan.lines_warning is not None
    assert "lines plan €1,720.00, the calculator gives €2,800.00" in plan.lines_warning
    assert plan.lines_warning not in plan.warnings  # about the budget, not a traveller
    apply_allowance_lines(demo, plan)
    assert allowance_plan(demo, BERGEN).lines_warning is None


def test_the_export_warns_when_lines_and_the_per_person_table_differ(cli, demo, db_path, tmp_path):
    import_allowance_rates(demo, RATES)
    run = cli(
        "--db", db_path, "export", "budget", BERGEN, "--out", tmp_path / "b.pdf", "--lang", "en"
    )
    assert run.code == 0 and "the calculator gives €2,800.00" in run.err


def test_latvian_allowance_messages(demo) -> None:
    i18n.set_language("lv")
    plan = allowance_plan(demo, BERGEN)
    assert "nav dienas naudas normas (valsts: Norvēģija," in plan.warnings[0]
    assert not any("likme" in w for w in plan.warnings)
    import_allowance_rates(demo, RATES.replace(",160,", ",100,"))
    plan = allowance_plan(demo, BERGEN)
    assert any(
        "nakts maksā 156,27 €, par 56,27 € vairāk nekā naktsmītnes izdevumu norma "
        "100,00 €" in w.replace("\xa0", " ")
        for w in plan.cap_warnings
    )
    everyone_on_april_3(demo)
    apply_allowance_lines(demo, allowance_plan(demo, BERGEN))
    texts = [(x.description or "").replace("\xa0", " ") for x in live_allowance_lines(demo)]
    assert "Dienas nauda: Gints Kalniņš, 3 × 70,00 €" in texts
    assert "Dienas nauda (samazināta, 30 %): Gints Kalniņš, 1 × 21,00 €" in texts


def test_the_stored_share_is_used_until_changed_and_a_bad_one_refused(demo) -> None:
    import pytest

    from app.domain.validation import Invalid

    import_allowance_rates(demo, RATES)
    visit_id = allowance_plan(demo, BERGEN).visit_id
    assert allowance_inputs(demo, BERGEN).share == D(30)
    before = save_allowance_inputs(demo, visit_id, share=D(50))
    assert before.share == D(30)
    everyone_on_april_3(demo)
    assert allowance_plan(demo, BERGEN).total == D("2450.00")  # 10 × (210 + 35)
    # 50 % is above the "up to 30 %" of Regulation No 969, p. 13: said, not refused.
    assert (
        "The reduced days are paid at 50 percent of the daily rate; the rules allow "
        "up to 30 percent when accommodation and meals are provided."
        in allowance_plan(demo, BERGEN).warnings
    )
    save_allowance_inputs(demo, visit_id, share=D(30))
    assert not any("up to 30 percent" in w for w in allowance_plan(demo, BERGEN).warnings)
    save_allowance_inputs(demo, visit_id, share=D(50))
    with pytest.raises(Invalid):
        save_allowance_inputs(demo, visit_id, share=D(101))
    assert allowance_inputs(demo, BERGEN).share == D(50)


def test_a_rate_of_18_00_prints_its_cents_after_a_quantity_of_18() -> None:
    from app.documents.budget_text import number

    assert number(D("18"), "lv") == "18"
    assert number(D("18.00"), "lv") == "18,00"  # equal Decimals, not the same text


def test_a_group_payment_is_spread_over_the_new_lines_to_the_cent(demo) -> None:
    """The demo's lump-sum line (paid 1 720 € by one order for all ten) stayed with planned 0
    beside lines with no actual, and every output warned "1720,00 EUR more than 10 % above
    planned 0,00 EUR". Now the payment goes to the per-person lines in proportion to what
    they plan, with its order, date and paid flag; the old line goes like the others."""
    from app.services.allowances import write_allowance_lines

    import_allowance_rates(demo, RATES)
    plan = allowance_plan(demo, BERGEN)
    save_allowance_inputs(demo, plan.visit_id, reduced={plan.travellers[0].person_id: {APRIL_3}})
    result = write_allowance_lines(demo, allowance_plan(demo, BERGEN))
    assert result.written == 11 and result.spread == 1
    assert result.notes == ["The group payment of €1,720.00 was spread over 11 lines."]
    lines = live_allowance_lines(demo)
    assert len(lines) == 11 and all(x.quantity > 0 for x in lines)  # no planned-0 line
    # 2 751 € planned (9 × 280 + 210 + 21): 1 720 € in proportion, cents by largest
    # remainder, adding up exactly
    assert sum(x.actual_minor for x in lines) == 172000
    weights = [x.quantity * x.unit_price for x in lines]
    for x, w in zip(lines, weights, strict=True):
        exact = D(172000) * w / sum(weights)
        assert abs(x.actual_minor - exact) < 1  # each within a cent of its exact share
    assert {
        (x.actual_document, x.actual_date, x.actual_paid, x.actual_currency) for x in lines
    } == {("LPS rīkojums Nr. 2-5/41", dt.date(2014, 3, 28), True, "EUR")}
    b = visit_budget(demo, BERGEN)
    assert b.totals.by_category["daily_allowance"].actual == D("1720.00")
    assert not [w for w in b.warnings if w.kind == "over_planned"]


def test_a_group_payment_in_another_currency_is_converted_then_spread(demo) -> None:
    with demo.write() as session:
        line = session.scalars(
            select(BudgetLine).where(BudgetLine.actual_document == "LPS rīkojums Nr. 2-5/41")
        ).one()
        line.actual_minor, line.actual_currency = 1419860, "NOK"  # 14 198,60 NOK
    import_allowance_rates(demo, RATES)
    from app.services.allowances import write_allowance_lines

    result = write_allowance_lines(demo, allowance_plan(demo, BERGEN))
    assert result.notes == [
        "The group payment of NOK14,198.60 was spread over 10 lines: €1,720.00 "
        "(rate: plan rate, 03/31/2014)."
    ]
    lines = live_allowance_lines(demo)
    # 14 198,60 / 8,2550 = 1 720,00 €, ten equal lines of 172 €
    assert [(x.actual_minor, x.actual_currency) for x in lines] == [(17200, "EUR")] * 10


def test_the_cents_of_a_spread_add_up_exactly() -> None:
    from app.services.allowances import spread_cents

    assert spread_cents(100, [1, 1, 1]) == [34, 33, 33]
    assert spread_cents(100, [0, 0]) == [50, 50]
    assert spread_cents(-100, [1, 2]) == [-33, -67]
    assert spread_cents(172000, [28000] * 9 + [21000, 2100]) == [17507] * 3 + [17506] * 6 + [
        13130,
        1313,
    ]
    for total, weights in ((1, [3, 3, 3]), (999_999_99, [7, 11, 13, 0]), (5, [1] * 7)):
        assert sum(spread_cents(total, weights)) == total


def test_one_undo_step_restores_the_group_line_exactly(demo) -> None:
    from app.services.allowances import (
        allowance_line_ids,
        switch_allowance_lines,
        write_allowance_lines,
    )

    import_allowance_rates(demo, RATES)
    visit_id = allowance_plan(demo, BERGEN).visit_id
    before = allowance_line_ids(demo, visit_id)
    old = [
        (x.id, x.quantity, x.unit_price, x.actual_minor, x.actual_document)
        for x in live_allowance_lines(demo)
    ]
    write_allowance_lines(demo, allowance_plan(demo, BERGEN))
    new = allowance_line_ids(demo, visit_id) - before
    switch_allowance_lines(demo, visit_id, hide=new, show=before)
    assert [
        (x.id, x.quantity, x.unit_price, x.actual_minor, x.actual_document)
        for x in live_allowance_lines(demo)
    ] == old
