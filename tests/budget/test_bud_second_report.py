"""The budget after the second tester's report (issue 5): the grant rate as the funder's
cap, in a visit's warnings and in the project budget (PDF, spreadsheet, command line);
money in warnings as the window shows it."""

from __future__ import annotations

from decimal import Decimal as D

import openpyxl
from pypdf import PdfReader

from app import i18n
from app.documents.budget_pdf import write_project_pdf
from app.documents.budget_xlsx import write_project_xlsx
from app.domain.budget_totals import LineIn, compute
from app.services.budget_report import project_budget, visit_budget

PROJECT = "EEZ-LOCALDEV-2021/LPS-01"


def flat(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").split())


def test_poland_grant_above_85_percent_of_eligible_costs_is_warned(demo) -> None:
    """7 143,25 € of grant lines on 8 332,15 € of eligible costs is 85.7 %: above the
    project's 85 % by 60,92 € (the cap is 7 082,33 €)."""
    b = visit_budget(demo, "DEMO-POLAND-2023")
    texts = [flat(w.text) for w in b.warnings if w.kind == "grant_rate"]
    assert texts[0] == ("Grant source “EEZ finanšu instruments”: its planned lines make "
                        "€7,143.25, €60.92 more than the project's grant rate (85 %) allows "
                        "of the eligible costs, €7,082.33 (a share of 85.7 %)")
    assert "its paid lines make €7,105.11, €55.20 more" in texts[1]


def test_the_project_budget_warns_of_grant_above_the_grant_rate(demo, cli, db_path,
                                                                tmp_path) -> None:
    p = project_budget(demo, PROJECT)
    assert p.grant.actual > p.grant_at_rate.actual
    excess = flat(p.warnings[-1])
    assert excess == ("Grant, actual: €16,151.00, €224.65 more than the grant rate (85 %) "
                      "allows of the eligible costs, €15,926.35 (a share of 86.2 %)")
    pdf = flat("\n".join(page.extract_text() for page in PdfReader(
        str(write_project_pdf(p, tmp_path / "p.pdf", "en"))).pages))
    assert "Grant, actual: €16,151.00, €224.65 more than the grant rate" in pdf
    sheet = openpyxl.load_workbook(write_project_xlsx(p, tmp_path / "p.xlsx", "en")).active
    cells = [flat(str(c.value)) for row in sheet.iter_rows() for c in row if c.value]
    assert excess in cells
    run = cli("--db", db_path, "export", "budget", "--project", PROJECT, "--out",
              tmp_path / "c.pdf", "--lang", "lv")
    assert run.code == 0
    assert "Grants, faktiski: 16 151,00 €, par 224,65 € vairāk nekā granta likme (85 %)" \
        in flat(run.err)


def test_money_in_an_overspending_warning_is_written_as_the_window_writes_it() -> None:
    """"1720,00 EUR" in warnings beside "1 720,00 €" in the window."""
    line = LineIn(1, "daily_allowance", "Dienas nauda", None, True, D(0), "day", D("43"),
                  "EUR", D("1720.00"), "EUR")
    i18n.set_language("lv")
    try:
        [warning] = compute([line], base="EUR", rates={}).warnings
        text = flat(warning.text)
    finally:
        i18n.set_language("en")
    assert text == ("“Dienas nauda”: faktiskie izdevumi 1 720,00 € par vairāk nekā 10 % "
                    "pārsniedz plānotos 0,00 €")
    assert flat(warning.text) == text  # written once, in the language it was made in
    [warning] = compute([line], base="EUR", rates={}).warnings
    assert warning.text == ("“Dienas nauda”: actual €1,720.00 is more than 10 % above "
                            "planned €0.00")
