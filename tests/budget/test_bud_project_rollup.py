"""A project's budget as the funder counts it (issue 12): every visit in the project's
currency at the visit's own rate (29 500 NOK is not 29 500 €), cancelled visits listed
apart and not counted, a variance column that adds up, own funds, ineligible costs, a
breakdown by category and source, and the grant against the award."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import openpyxl
from pypdf import PdfReader

from app.documents.budget_pdf import write_project_pdf
from app.documents.budget_xlsx import write_project_xlsx
from app.domain.budget_totals import LineIn, compute
from app.services.budget_report import project_budget, visit_budget
from db.models import BudgetLine, ExchangeRate, FundingSource, Project, Visit


def flat(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").split())


def _visit(s, project, code, base, status="planned", day=dt.date(2027, 4, 6)) -> Visit:
    v = Visit(
        code=code,
        title=f"Vizīte {code}",
        timezone="Europe/Oslo",
        start_date=day,
        end_date=day + dt.timedelta(days=3),
        base_currency=base,
        status=status,
        project=project,
    )
    s.add(v)
    s.flush()
    return v


def _line(
    s, v, source, category, qty, price, currency, *, actual=None, eligible=True, day=None
) -> None:
    s.add(
        BudgetLine(
            visit=v,
            category=category,
            funding_source=source,
            eligible=eligible,
            quantity=D(qty),
            unit_price=D(price),
            currency=currency,
            actual_minor=int(D(actual) * 100) if actual else None,
            actual_currency=currency if actual else None,
            actual_date=day,
            actual_paid=bool(actual),
        )
    )


def build(db) -> None:
    with db.write() as s:
        p = Project(
            code="EEZ-2027/LV-07",
            title="Pašvaldību sadarbība",
            grant_rate=D("85"),
            awarded_minor=600000,
            rate_rule="plan",
        )
        s.add(p)
        riga = _visit(s, p, "RIGA-2027", "EUR")
        grant = FundingSource(visit=riga, name="EEZ grants", share=D("85"), is_grant=True)
        own = FundingSource(visit=riga, name="Pašu līdzekļi", share=D("15"), is_grant=False)
        s.add_all([grant, own])
        _line(s, riga, grant, "travel", "4", "250.00", "EUR", actual="990.00")
        _line(s, riga, own, "catering", "1", "300.00", "EUR")  # unpaid: no variance
        _line(s, riga, own, "gifts", "1", "45.50", "EUR", actual="45.50", eligible=False)
        bergen = _visit(s, p, "BERGEN-2027", "NOK")
        s.add(
            ExchangeRate(
                visit=bergen,
                currency="EUR",
                per_base=D("0.085"),
                date=dt.date(2027, 3, 30),
                source="ECB",
            )
        )
        nok_grant = FundingSource(visit=bergen, name="EEZ grants", is_grant=True)
        s.add(nok_grant)
        _line(s, bergen, nok_grant, "accommodation", "10", "2950.00", "NOK", actual="29500.00")
        gone = _visit(s, p, "OSLO-2027", "EUR", status="cancelled")
        _line(s, gone, None, "travel", "1", "1000.00", "EUR")
        oslo = _visit(s, p, "TROMSO-2027", "SEK")  # no rate for EUR
        _line(s, oslo, None, "venue", "1", "5000.00", "SEK")


def test_a_nok_visit_is_added_in_euros_and_a_cancelled_one_is_not(db) -> None:
    build(db)
    p = project_budget(db, "EEZ-2027/LV-07")
    assert [v.code for v in p.visits] == ["BERGEN-2027", "RIGA-2027"] or sorted(
        v.code for v in p.visits
    ) == ["BERGEN-2027", "RIGA-2027"]
    bergen = next(v for v in p.visits if v.code == "BERGEN-2027")
    # 29 500 NOK × 0.085 EUR per NOK = 2 507,50 €, not 29 500 €.
    assert bergen.totals.overall.planned == D("2507.50")
    assert bergen.budget.totals.overall.planned == D("29500.00")  # the visit keeps NOK
    assert p.overall.planned == D("1000.00") + D("300.00") + D("45.50") + D("2507.50")
    assert p.overall.actual == D("990.00") + D("45.50") + D("2507.50")
    assert [v.code for v in p.cancelled] == ["OSLO-2027"]
    assert [v.code for v in p.unconverted] == ["TROMSO-2027"]
    assert any("TROMSO-2027" in w and "SEK" in w for w in p.warnings)
    assert p.base_currency == "EUR"
    # Own funds, ineligible costs, by category and by source.
    assert p.grant.planned == D("1000.00") + D("2507.50")
    assert p.own.planned == D("345.50")
    assert p.ineligible.planned == D("45.50")
    assert p.by_category["accommodation"].planned == D("2507.50")
    assert p.by_source["EEZ grants"].actual == D("990.00") + D("2507.50")
    assert p.by_source["Pašu līdzekļi"].planned == D("345.50")
    # Against the award of 6 000 €.
    assert p.project.awarded == D("6000.00")
    assert p.remaining == D("6000.00") - D("3497.50")
    assert p.used == D("58.3")
    # Grant at the grant rate: 85 % of eligible planned 3 807,50 € = 3 236,38 €.
    assert p.grant_at_rate.planned == D("3236.38")


def test_the_variance_column_adds_up_to_its_total(db) -> None:
    build(db)
    b = visit_budget(db, "RIGA-2027")
    shown = [o.variance for o in b.totals.lines]
    assert shown == [D("-10.00"), None, D("0.00")]  # the unpaid line's cell is blank
    assert b.totals.overall.variance == D("-10.00")  # not -310,00 (unpaid as zero)
    assert sum(a.variance for a in b.totals.by_category.values()) == D("-10.00")
    lines = [
        LineIn(1, "other", None, None, True, D(1), None, D("100"), "EUR", D("90")),
        LineIn(2, "other", None, None, True, D(1), None, D("50"), "EUR"),
    ]
    assert compute(lines, base="EUR", rates={}).overall.variance == D("-10.00")


def test_the_award_is_warned_when_the_grant_goes_above_it(db) -> None:
    build(db)
    with db.write() as s:
        s.query(Project).one().awarded_minor = 350000
    p = project_budget(db, "EEZ-2027/LV-07")
    texts = [flat(w) for w in p.warnings]
    assert "Grant, planned: €3,507.50, €7.50 more than the grant awarded, €3,500.00" in texts
    assert p.used == D("99.9")  # actual 3 497,50 of 3 500,00


def test_project_pdf_and_spreadsheet_show_the_award_and_the_breakdown(db, tmp_path) -> None:
    build(db)
    p = project_budget(db, "EEZ-2027/LV-07")
    pdf = flat(
        "\n".join(
            page.extract_text()
            for page in PdfReader(str(write_project_pdf(p, tmp_path / "p.pdf", "en"))).pages
        )
    )
    assert "Grant awarded €6,000.00" in pdf
    assert "Remaining €2,502.50" in pdf
    assert "Used 58.3 %" in pdf
    assert "Own funds and other sources €345.50 €45.50" in pdf
    assert "Ineligible costs €45.50 €45.50 €0.00" in pdf
    assert "Accommodation €2,507.50 €2,507.50 €0.00" in pdf
    assert "OSLO-2027" in pdf and "cancelled" in pdf
    assert "€29,500" not in pdf  # the NOK figure never stands as euros
    assert "NOK29,500.00" in pdf  # (the visit's own warning says it in NOK)
    lv = flat(
        "\n".join(
            page.extract_text()
            for page in PdfReader(str(write_project_pdf(p, tmp_path / "lv.pdf", "lv"))).pages
        )
    )
    assert "6 000,00 €" in lv
    wb = openpyxl.load_workbook(write_project_xlsx(p, tmp_path / "p.xlsx", "en"), data_only=True)
    rows = {r[0]: r[1:] for r in wb["Summary"].iter_rows(values_only=True) if r[0]}
    assert D(str(rows["Grant awarded"][2])) == D("6000")
    assert D(str(rows["Remaining"][2])) == D("2502.5")
    by = {r[0]: r[1:] for r in wb["By category"].iter_rows(values_only=True) if r[0]}
    assert D(str(by["Own funds and other sources"][0])) == D("345.5")
    assert D(str(by["Accommodation"][0])) == D("2507.5")
    assert D(str(by["Ineligible costs"][0])) == D("45.5")
    assert rows["OSLO-2027"][1] == "cancelled"
