"""The grant rate as the funder's
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
    assert texts[0] == (
        "Grant source “EEZ finanšu instruments”: its planned lines make "
        "€7,143.25, €60.92 more than the project's grant rate (85 %) allows "
        "of the eligible costs, €7,082.33 (a share of 85.7 %)"
    )
    assert "its paid lines make €7,105.11, €55.20 more" in texts[1]


def test_the_project_budget_warns_of_grant_above_the_grant_rate(
    demo, cli, db_path, tmp_path
) -> None:
    p = project_budget(demo, PROJECT)
    assert p.grant.actual > p.grant_at_rate.actual
    excess = flat(p.warnings[-1])
    assert excess == (
        "Grant, actual: €16,151.00, €224.65 more than the grant rate (85 %) "
        "allows of the eligible costs, €15,926.35 (a share of 86.2 %)"
    )
    pdf = flat(
        "\n".join(
            page.extract_text()
            for page in PdfReader(str(write_project_pdf(p, tmp_path / "p.pdf", "en"))).pages
        )
    )
    assert "Grant, actual: €16,151.00, €224.65 more than the grant rate" in pdf
    sheet = openpyxl.load_workbook(
        write_project_xlsx(p, tmp_path / "p.xlsx", "en"), data_only=True
    ).active
    cells = [flat(str(c.value)) for row in sheet.iter_rows() for c in row if c.value]
    assert excess in cells
    run = cli(
        "--db",
        db_path,
        "export",
        "budget",
        "--project",
        PROJECT,
        "--out",
        tmp_path / "c.pdf",
        "--lang",
        "lv",
    )
    assert run.code == 0
    latvian = "Grants, faktiski: 16 151,00 €, par 224,65 € vairāk nekā granta likme (85 %)"
    printed = flat(
        "\n".join(page.extract_text() for page in PdfReader(str(tmp_path / "c.pdf")).pages)
    )
    assert latvian in printed  # the document speaks its own language
    assert excess in flat(run.err) and latvian not in flat(run.err)  # the terminal, English


def test_money_in_an_overspending_warning_is_written_as_the_window_writes_it() -> None:
    """ "1720,00 EUR" in warnings beside "1 720,00 €" in the window."""
    line = LineIn(
        1,
        "daily_allowance",
        "Dienas nauda",
        None,
        True,
        D(0),
        "day",
        D("43"),
        "EUR",
        D("1720.00"),
        "EUR",
    )
    i18n.set_language("lv")
    try:
        [warning] = compute([line], base="EUR", rates={}).warnings
        text = flat(warning.text)
    finally:
        i18n.set_language("en")
    assert text == (
        "“Dienas nauda”: faktiskie izdevumi 1 720,00 € par vairāk nekā 10 % "
        "pārsniedz plānotos 0,00 €"
    )
    assert flat(warning.text) == text  # written once, in the language it was made in
    [warning] = compute([line], base="EUR", rates={}).warnings
    assert warning.text == (
        "“Dienas nauda”: actual €1,720.00 is more than 10 % above planned €0.00"
    )


def test_the_project_pdf_shows_planned_and_actual_as_the_spreadsheet(demo, tmp_path) -> None:
    """The PDF had only the actual eligible costs and grant; the spreadsheet had both. Every
    figure of the spreadsheet's visit, total and grant-at-rate rows is in the PDF's
    matching row, in the same order."""
    import re

    from app.documents.budget_text import money

    p = project_budget(demo, PROJECT)
    sheet = openpyxl.load_workbook(write_project_xlsx(p, tmp_path / "p.xlsx", "en"), data_only=True)
    rows = {r[0]: r for r in sheet["Summary"].iter_rows(values_only=True) if r[0]}
    pdf = flat(
        "\n".join(
            page.extract_text()
            for page in PdfReader(str(write_project_pdf(p, tmp_path / "p.pdf", "en"))).pages
        )
    )

    def m(value) -> str:
        return flat(money(D(str(value)).quantize(D("0.01")), "EUR", "en"))

    for code in [v.code for v in p.visits] + ["Total"]:
        row = rows[code]
        # planned, actual, variance; eligible planned, actual; grant planned, actual
        overall, eligible_and_grant = row[3:6], row[6:10]
        assert re.search(
            re.escape(code) + r".*?" + r"\s".join(re.escape(m(x)) for x in overall), pdf
        ), code
        assert re.search(
            re.escape(code) + r".*?" + r"\s".join(re.escape(m(x)) for x in eligible_and_grant),
            pdf.split("Eligible costs · Grant")[1],
        ), code
    at_rate = rows["Grant at the grant rate"]
    assert f"{m(at_rate[6])} {m(at_rate[7])}" in pdf  # beside the grant it is the cap of
    assert (D(str(at_rate[6])), D(str(at_rate[7]))) == (
        p.grant_at_rate.planned,
        p.grant_at_rate.actual,
    )


def test_the_chart_legend_and_the_columns_say_planned_in_one_word(demo, tmp_path) -> None:
    """The tester read "Plānotā" in the legend beside "Plānota" over the column."""
    from reportlab.graphics.charts.legends import Legend

    from app.documents.budget_pdf import _chart, write_budget_pdf

    b = visit_budget(demo, "DEMO-POLAND-2023")
    for lang, planned, actual in (("lv", "Plānota", "Faktiski"), ("en", "Planned", "Actual")):
        drawing = _chart(b, lang)
        assert drawing is not None
        [legend] = [x for x in drawing.contents if isinstance(x, Legend)]
        assert [name for _colour, name in legend.colorNamePairs] == [planned, actual]
        text = flat(
            "\n".join(
                page.extract_text()
                for page in PdfReader(
                    str(write_budget_pdf(b, tmp_path / f"{lang}.pdf", lang))
                ).pages
            )
        )
        assert f"{planned} {actual}" in text  # the summary's columns, the same words


def test_the_command_line_says_the_group_payment_was_spread(cli, demo, db_path) -> None:
    from app.services.allowances import import_allowance_rates

    import_allowance_rates(
        demo, "country,daily,accommodation_cap,valid_from,source\nNO,70,160,2011-11-01,test table\n"
    )
    run = cli("--db", db_path, "allowances", "calc", "DEMO-BERGEN-2014", "--write")
    assert run.code == 0
    out = flat(run.out)
    assert "10 daily-allowance lines written" in out
    assert "The group payment of €1,720.00 was spread over 10 lines." in out
    assert "kept" not in out  # not said to be kept as well
