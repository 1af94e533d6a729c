"""The budget spreadsheet as an auditor opens it: live formulas that trace every figure
(each carrying the program's value), two-decimal currency formats, A4 landscape print
setup with repeated headers, the document's own title and author — and LibreOffice,
recalculating every formula itself, gets the program's totals to the cent.

The visit is Bergen (plan 8.2550 NOK/EUR, NOK payments at their own day's ECB rate,
Latvian and English); the project sheet adds the Polish (PLN) and Norwegian (NOK) visits
of one EEA Grants project.
"""

from __future__ import annotations

from decimal import Decimal as D

import openpyxl
import pytest

from app.documents.budget_xlsx import write_budget_xlsx, write_project_xlsx
from app.services.budget_report import project_budget, visit_budget
from tests.budget.libreoffice import recalculate, soffice, zero_cached_results
from tests.conftest import cents

EUR = '#,##0.00\\ "EUR"'


def formulas(path) -> dict[tuple[str, str], str]:
    """Every formula of the workbook by (sheet, cell)."""
    out = {}
    for ws in openpyxl.load_workbook(path).worksheets:
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str) and c.value.startswith("="):
                    out[(ws.title, c.coordinate)] = c.value
    return out


def test_the_bergen_lines_and_totals_are_live_formulas(bergen, tmp_path) -> None:
    b = visit_budget(bergen, "DEMO-BERGEN-2014")
    path = write_budget_xlsx(b, tmp_path / "lv.xlsx", "lv", author="Ligita Pudža")
    wb = openpyxl.load_workbook(path)
    lines = wb["Pozīcijas"]
    # Row 3 is the hotel: 18 nights × 1 290,00 NOK, paid 23 220,00 NOK on 5 April.
    assert lines["K3"].value == "=ROUND(F3*H3/J3,2)"  # planned at the plan's rate
    assert lines["Q3"].value == "=ROUND(L3/N3,2)"  # actual ÷ the rate of its day
    assert lines["R3"].value == "=Q3-ROUND(L3/J3,2)"  # exchange difference
    assert lines["S3"].value == "=Q3-K3"  # variance
    assert lines["K12"].value == "=SUM(K2:K11)" and lines["R12"].value == "=SUM(R2:R11)"
    summary = wb["Kopsavilkums"]
    rows = {r[0].value: r for r in summary.iter_rows() if r[0].value}
    hotel = rows["Naktsmītne"]
    assert hotel[2].value == (
        f"=SUMIFS('Pozīcijas'!$K$2:$K$11,'Pozīcijas'!$B$2:$B$11,$A{hotel[0].row})"
    )
    assert rows["Attiecināmās izmaksas"][3].value == (
        "=SUMIFS('Pozīcijas'!$Q$2:$Q$11,'Pozīcijas'!$E$2:$E$11,\"jā\")"
    )
    assert rows["Valūtas kursa starpība"][3].value == "=SUM('Pozīcijas'!$R$2:$R$11)"
    total = next(r for r in summary.iter_rows() if r[0].value == "Kopā")
    assert total[2].value.startswith("=SUM(C")
    # Formats: the currency's two decimals; quantities and prices as written ("10", not
    # "10."); rates with four decimals.
    assert lines["K3"].number_format == EUR and lines["L3"].number_format == '#,##0.00\\ "NOK"'
    assert (lines["F2"].value, lines["F2"].number_format) == (10, "#,##0")
    assert lines["H3"].number_format == "#,##0.00"
    assert lines["N3"].number_format == "0.0000##"
    # Printing: A4 landscape, one page wide, the header row on every page.
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
    assert lines.print_title_rows == "$1:$1" and wb["Kursi"].print_title_rows == "$1:$1"
    assert wb.properties.title == (
        "Budžets: DEMO-BERGEN-2014 — LPS valdes pieredzes apmaiņas vizīte Bergenā"
    )
    assert wb.properties.creator == "Ligita Pudža"
    # The cached results are the program's figures.
    values = openpyxl.load_workbook(path, data_only=True)
    total_row = next(
        r for r in values["Kopsavilkums"].iter_rows(values_only=True) if r[0] == "Kopā"
    )
    assert (cents(total_row[2]), cents(total_row[3]), cents(total_row[4])) == (
        b.totals.overall.planned,
        b.totals.overall.actual,
        b.totals.overall.variance,
    )


def test_the_author_defaults_to_the_program_and_english_titles(bergen, tmp_path) -> None:
    b = visit_budget(bergen, "DEMO-BERGEN-2014")
    wb = openpyxl.load_workbook(write_budget_xlsx(b, tmp_path / "en.xlsx", "en"))
    assert wb.properties.title == "Budget: DEMO-BERGEN-2014 — LALRG Board study visit to Bergen"
    assert wb.properties.creator == "Study Visit Planner"
    assert wb["Summary"]["C11"].value.startswith("=SUMIFS('Lines'!$K$2:$K$11,")


def _by_label(path, sheet: str) -> dict[str, tuple]:
    ws = openpyxl.load_workbook(path, data_only=True)[sheet]
    return {r[0]: r for r in ws.iter_rows(values_only=True) if isinstance(r[0], str)}


@pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_recalculates_every_figure_to_the_cent(bergen, tmp_path) -> None:
    b = visit_budget(bergen, "DEMO-BERGEN-2014")
    p = project_budget(bergen, "EEZ-LOCALDEV-2021/LPS-01")
    ours = [
        write_budget_xlsx(b, tmp_path / "bergen-lv.xlsx", "lv"),
        write_budget_xlsx(b, tmp_path / "bergen-en.xlsx", "en"),
        write_project_xlsx(p, tmp_path / "project-en.xlsx", "en"),
    ]
    # And once each traveller's allowance is a line of their own: the sheets per sending
    # organisation (own lines and shares of the common costs) and of the allowances.
    from app.services.allowances import (
        allowance_plan,
        import_allowance_rates,
        write_allowance_lines,
    )

    import_allowance_rates(
        bergen,
        "country,daily,accommodation_cap,valid_from,source\nNO,70,160,2011-11-01,test table\n",
    )
    write_allowance_lines(bergen, allowance_plan(bergen, "DEMO-BERGEN-2014"))
    ours.append(
        write_budget_xlsx(
            visit_budget(bergen, "DEMO-BERGEN-2014"),
            tmp_path / "people-lv.xlsx",
            "lv",
            allowances=allowance_plan(bergen, "DEMO-BERGEN-2014"),
        )
    )
    # Every cached result set to 0 first: what comes back, LibreOffice worked out.
    zeroed = [zero_cached_results(f, tmp_path / f"zeroed-{f.name}") for f in ours]
    theirs = recalculate(zeroed, tmp_path / "lo")
    checked = 0
    for mine, recomputed in zip(ours, theirs, strict=True):
        cached = openpyxl.load_workbook(mine, data_only=True)
        lo = openpyxl.load_workbook(recomputed, data_only=True)
        for sheet, ref in formulas(mine):
            expected, got = cached[sheet][ref].value, lo[sheet][ref].value
            assert got is not None, (mine.name, sheet, ref)
            assert cents(got) == cents(expected), (mine.name, sheet, ref, got, expected)
            checked += 1
    assert checked > 300
    sheets = openpyxl.load_workbook(theirs[3], data_only=True).sheetnames
    assert sheets[-2:] == ["Pa nosūtītājām organizācijām", "Dienas nauda"]
    # The totals a finance officer signs, against the program's Decimals.
    lv = _by_label(theirs[0], "Kopsavilkums")
    assert [cents(x) for x in lv["Kopā"][2:5]] == [D("11864.03"), D("11748.01"), D("-116.02")]
    assert b.totals.overall.planned == D("11864.03") and b.totals.overall.actual == D("11748.01")
    assert cents(lv["Valūtas kursa starpība"][3]) == b.totals.overall.exchange == D("-0.76")
    assert [cents(x) for x in lv["Attiecināmās izmaksas"][2:4]] == [
        b.totals.eligible.planned,
        b.totals.eligible.actual,
    ]
    en = _by_label(theirs[1], "Summary")
    assert cents(en["Accommodation"][3]) == b.totals.by_category["accommodation"].actual
    project = _by_label(theirs[2], "Summary")
    assert [cents(x) for x in project["Total"][3:8]] == [
        p.overall.planned,
        p.overall.actual,
        p.overall.variance,
        p.eligible.planned,
        p.eligible.actual,
    ]
    assert cents(project["Grant at the grant rate"][6]) == p.grant_at_rate.planned
