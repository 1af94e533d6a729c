"""Budget services on the demo visits: loading, ECB rates, allowance table and calculator."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from app.domain.validation import Invalid
from app.services import budget
from app.services.allowances import allowance_plan, apply_allowance_lines, import_allowance_rates
from app.services.base import NotFound
from app.services.budget_report import project_budget, visit_budget
from app.services.ecb_rates import import_ecb_rates

DAILY = (
    "Date, USD, JPY, BGN, NOK, PLN, SEK, \n"
    "31 March 2014, 1.3788, 142.42, 1.9558, 8.2550, 4.1719, 8.9483, \n"
)
HIST = (
    "Date,USD,JPY,CYP,NOK,PLN,SEK,\n"
    "2014-04-01,1.3794,142.58,N/A,8.2615,4.1694,8.9515,\n"
    "2014-03-28,1.3759,140.86,N/A,8.2830,4.1805,8.8960,\n"
)
RATES_CSV = (
    "country;daily;accommodation_cap;valid_from;source\n"
    "NO;70,00;160;2011-11-01;test table\n"
    "PL;50;120;2011-11-01;test table\n"
)


def test_the_bergen_budget_adds_up_to_what_a_finance_officer_checks_by_hand(demo) -> None:
    b = visit_budget(demo, "DEMO-BERGEN-2014")
    # 18 nights × 1290 NOK / 8.2550 = 2812.84; the hotel actual is the same NOK amount.
    hotel = next(o for o in b.totals.lines if o.line.category == "accommodation")
    assert (hotel.planned, hotel.actual) == (D("2812.84"), D("2812.84"))
    assert b.totals.overall.planned == sum(o.planned for o in b.totals.lines)
    assert b.totals.ineligible.lines == 2
    assert [b.source_name(k) for k in b.totals.by_source][1] == "LPS pašu līdzekļi"
    assert b.project is not None and b.project.grant_rate == D("100")
    # The file has no grant marker: the importer reads it from the names.
    assert [s.is_grant for s in b.sources] == [True, False]


def test_an_unknown_visit_or_project_is_named(demo) -> None:
    with pytest.raises(NotFound, match="NOPE"):
        visit_budget(demo, "NOPE")
    with pytest.raises(NotFound, match="NOPE"):
        project_budget(demo, "NOPE")


def test_a_project_puts_its_visits_together(demo) -> None:
    p = project_budget(demo, "EEZ-LOCALDEV-2021/LPS-01")
    assert [v.code for v in p.visits] == ["DEMO-POLAND-2023", "DEMO-KS-NORWAY-2023"]
    assert p.overall.planned == sum(v.totals.overall.planned for v in p.visits)
    assert p.grant_at_rate.planned == (p.eligible.planned * D("0.85")).quantize(D("0.01"))
    # The grant is the EEA lines of both visits; the state co-financing is not.
    assert [[s.name for s in v.sources if s.is_grant] for v in p.visits] == [
        ["EEZ finanšu instruments"]
    ] * 2
    assert p.grant.planned == sum(v.totals.by_source[v.sources[0].key].planned for v in p.visits)
    assert p.grant.planned < p.overall.planned


def test_the_ecb_daily_file_sets_the_rates_the_visit_uses(demo) -> None:
    result = import_ecb_rates(demo, "DEMO-BERGEN-2014", DAILY)
    assert result.day == dt.date(2014, 3, 31)
    assert (result.rates, result.kept) == ([], ["NOK"])  # importing never re-prices
    result = import_ecb_rates(demo, "DEMO-BERGEN-2014", DAILY, reprice=True)
    assert result.rates == [("NOK", D("8.2550"), False)]
    b = visit_budget(demo, "DEMO-BERGEN-2014")
    assert [(r.currency, r.per_base, r.date, r.source) for r in b.rates] == [
        ("NOK", D("8.2550"), dt.date(2014, 3, 31), "ECB")
    ]


def test_the_history_file_takes_the_last_working_day_and_says_so(demo) -> None:
    result = import_ecb_rates(
        demo, "DEMO-BERGEN-2014", HIST, day=dt.date(2014, 3, 30), currencies=["NOK", "sek"]
    )
    assert result.day == dt.date(2014, 3, 28)
    assert "03/30/2014" in (result.note or "")
    # SEK had no plan rate: it gets one; NOK keeps the plan's.
    assert {c: r for c, r, _new in result.rates} == {"SEK": D("8.8960")}
    assert result.kept == ["NOK"]


def test_a_currency_missing_from_the_file_changes_nothing(demo) -> None:
    with pytest.raises(Invalid, match="CYP"):
        import_ecb_rates(
            demo, "DEMO-BERGEN-2014", HIST, day=dt.date(2014, 4, 1), currencies=["NOK", "CYP"]
        )
    b = visit_budget(demo, "DEMO-BERGEN-2014")
    assert [(r.currency, r.per_base) for r in b.rates] == [("NOK", D("8.2550"))]


def test_a_file_that_is_not_from_the_ecb_is_refused(demo) -> None:
    with pytest.raises(Invalid, match="ECB"):
        import_ecb_rates(demo, "DEMO-BERGEN-2014", "country,daily\nNO,70\n")


def test_allowance_rates_import_with_semicolons_and_decimal_commas(demo) -> None:
    assert import_allowance_rates(demo, RATES_CSV) == (2, 0)
    assert import_allowance_rates(demo, RATES_CSV.replace("70,00", "71")) == (0, 2)
    [no] = budget.list_allowance_rates(demo, country="NO")
    assert (no.daily_minor, no.accommodation_cap_minor) == (7100, 16000)


def test_a_bad_allowance_row_names_its_line_and_nothing_is_imported(demo) -> None:
    bad = RATES_CSV + "XX;10;;2011-01-01;\n"
    with pytest.raises(Invalid, match="line 4: country"):
        import_allowance_rates(demo, bad)
    assert budget.list_allowance_rates(demo) == []


def test_the_calculator_writes_one_line_per_traveller_and_replaces_them_when_rerun(demo):
    import_allowance_rates(demo, RATES_CSV)
    plan = allowance_plan(demo, "DEMO-BERGEN-2014", reduced={dt.date(2014, 4, 3)})
    assert len(plan.travellers) == 10 and plan.warnings == []
    first = plan.travellers[0].allowance
    assert first is not None
    assert (first.departure, first.return_day, first.days) == (
        dt.date(2014, 4, 2),
        dt.date(2014, 4, 5),
        4,
    )
    assert first.amount == D("231.00")  # 3 × 70 + 1 × 21
    assert plan.total == D("2310.00")
    assert apply_allowance_lines(demo, plan) == 20
    assert apply_allowance_lines(demo, plan) == 20
    b = visit_budget(demo, "DEMO-BERGEN-2014")
    allowances = b.totals.by_category["daily_allowance"]
    # 20 lines; the demo's group payment (1 720 €) spread over them, its old line gone
    assert (allowances.lines, allowances.planned, allowances.actual) == (
        20,
        D("2310.00"),
        D("1720.00"),
    )
    # The replaced line was funded by the grant; the new ones keep that source.
    assert {o.line.funding for o in b.totals.lines if o.line.category == "daily_allowance"} == {
        b.sources[0].key
    }


def test_travellers_without_a_rate_are_reported_not_guessed(demo) -> None:
    plan = allowance_plan(demo, "DEMO-BERGEN-2014")
    assert all(t.allowance is None for t in plan.travellers)
    assert "no daily allowance rate for Norway" in plan.warnings[0]
    assert apply_allowance_lines(demo, plan) == 0


def test_a_hotel_night_above_the_cap_is_warned(demo) -> None:
    import_allowance_rates(demo, RATES_CSV.replace(";160;", ";100;"))
    plan = allowance_plan(demo, "DEMO-BERGEN-2014")
    # 1290 NOK / 8.2550 = 156.27 EUR a night, against a cap of 100 EUR.
    assert any("€156.27, €56.27 above the accommodation cap of €100.00" in w for w in plan.warnings)


def test_the_budget_export_warns_of_a_hotel_above_the_cap(cli, demo, db_path, tmp_path):
    import_allowance_rates(demo, RATES_CSV.replace(";160;", ";100;"))
    run = cli(
        "--db",
        db_path,
        "export",
        "budget",
        "DEMO-BERGEN-2014",
        "--out",
        tmp_path / "b.xlsx",
        "--lang",
        "en",
    )
    assert run.code == 0
    assert "above the accommodation cap of €100.00" in run.err
