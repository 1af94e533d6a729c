"""The budget spreadsheet: real numbers that agree with the totals, text never a formula."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import openpyxl

from app.documents.budget_xlsx import write_budget_xlsx, write_project_xlsx
from app.domain.budget_totals import LineIn, SourceIn
from app.services.budget_report import RateRow, VisitBudget, project_budget, visit_budget
from tests.conftest import cents


def hostile_budget() -> VisitBudget:
    lines = [
        LineIn(
            1,
            "catering",
            '=HYPERLINK("http://evil.example","click")',
            "g",
            True,
            D("1"),
            "item",
            D("10"),
            "EUR",
        ),
        LineIn(2, "gifts", "+371 souvenirs", "g", False, D("2"), "item", D("5.005"), "EUR"),
        LineIn(3, "other", "-5 discount", None, True, D("1"), None, D("1"), "EUR"),
        LineIn(
            4,
            "other",
            "@SUM(A1:A9)",
            None,
            True,
            D("1"),
            None,
            D("1"),
            "NOK",
            D("10.00"),
            "NOK",
            "=cmd|' /C calc'!A0",
            dt.date(2024, 4, 5),
            True,
        ),
    ]
    return VisitBudget(
        1,
        "X-1",
        "Vizīte",
        {},
        dt.date(2024, 4, 2),
        dt.date(2024, 4, 5),
        "NO",
        "Bergen",
        "EUR",
        None,
        [RateRow("NOK", D("11.6990"), None, "ECB")],
        [SourceIn("g", "-Grant", D("100"))],
        lines,
    )


def test_text_that_looks_like_a_formula_stays_text(tmp_path) -> None:
    path = write_budget_xlsx(hostile_budget(), tmp_path / "b.xlsx", "en")
    ws = openpyxl.load_workbook(path)["Lines"]
    texts = {}
    for row in ws.iter_rows(min_row=2):
        for c in row:
            if isinstance(c.value, str) and c.value[:1] in "=+-@":
                texts[c.value] = (c.data_type, c.quotePrefix)
    assert texts['=HYPERLINK("http://evil.example","click")'] == ("s", True)
    assert texts["+371 souvenirs"] == ("s", True)
    assert texts["-5 discount"] == ("s", True)
    assert texts["@SUM(A1:A9)"] == ("s", True)
    assert texts["=cmd|' /C calc'!A0"] == ("s", True)
    assert texts["-Grant"] == ("s", True)


def test_the_demo_summary_has_the_services_totals_as_formatted_numbers(demo, tmp_path) -> None:
    b = visit_budget(demo, "DEMO-BERGEN-2014")
    path = write_budget_xlsx(b, tmp_path / "b.xlsx", "lv")
    wb = openpyxl.load_workbook(path, data_only=True)
    assert wb.sheetnames == ["Kopsavilkums", "Pozīcijas", "Kursi", "Pa nosūtītājām organizācijām"]
    summary = wb["Kopsavilkums"]
    rows = {r[0].value: r for r in summary.iter_rows() if r[0].value}
    hotel = rows["Naktsmītne"]
    assert [cents(c.value) for c in hotel[2:5]] == [D("2812.84"), D("2812.84"), D("0.00")]
    assert hotel[2].number_format == '#,##0.00\\ "EUR"'  # two decimals and the currency
    total = next(r for r in summary.iter_rows() if r[0].value == "Kopā")
    assert (cents(total[2].value), cents(total[3].value)) == (D("11864.03"), D("11748.77"))
    # The grant source is marked; the association's own funds are not.
    names = [r[0].value for r in summary.iter_rows() if r[0].value]
    assert any(
        n.startswith("Norvēģijas finanšu instrumenta") and n.endswith(" (Grants)") for n in names
    )
    assert "LPS pašu līdzekļi" in names
    lines = wb["Pozīcijas"]
    planned = [
        row[0] for row in lines.iter_rows(min_col=11, max_col=11, min_row=2, values_only=True)
    ]
    assert sum(cents(v) for v in planned[:-1]) == cents(planned[-1]) == D("11864.03")
    rates = list(wb["Kursi"].iter_rows(min_row=2, values_only=True))
    assert rates == [("NOK", 8.255, dt.datetime(2014, 3, 31), "ECB")]


def test_the_project_sheet_puts_both_visits_against_the_grant(demo, tmp_path) -> None:
    p = project_budget(demo, "EEZ-LOCALDEV-2021/LPS-01")
    wb = openpyxl.load_workbook(write_project_xlsx(p, tmp_path / "p.xlsx", "en"), data_only=True)
    rows = list(wb["Summary"].iter_rows(values_only=True))
    codes = [r[0] for r in rows]
    assert codes.index("DEMO-POLAND-2023") < codes.index("DEMO-KS-NORWAY-2023")
    total = rows[codes.index("Total")]
    assert cents(total[3]) == p.overall.planned
    at_rate = rows[codes.index("Grant at the grant rate")]
    assert cents(at_rate[6]) == p.grant_at_rate.planned
    # the header, every visit's lines and their total
    assert wb["Lines"].max_row == 2 + sum(len(v.lines) for v in p.visits)


def test_amounts_are_written_digit_for_digit_up_to_a_hundred_billion(tmp_path) -> None:
    import zipfile

    lines = [
        LineIn(1, "travel", "big", None, True, D("1"), None, D("99999999999.995"), "EUR"),
        LineIn(2, "travel", "small", None, True, D("1"), None, D("0.105"), "EUR"),
    ]
    b = VisitBudget(
        1,
        "X",
        "T",
        {},
        dt.date(2024, 4, 2),
        dt.date(2024, 4, 5),
        None,
        None,
        "EUR",
        None,
        [],
        [],
        lines,
    )
    path = write_budget_xlsx(b, tmp_path / "big.xlsx", "en")
    with zipfile.ZipFile(path) as z:
        summary = z.read("xl/worksheets/sheet1.xml").decode()
    assert "<v>100000000000.11</v>" in summary  # 100000000000.00 + 0.11, no float on the way
    ws = openpyxl.load_workbook(path, data_only=True)["Summary"]
    total = next(r for r in ws.iter_rows(values_only=True) if r[0] == "Total")
    assert cents(total[2]) == D("100000000000.11")


def test_column_letters_and_frozen_header() -> None:
    from app.documents.budget_xlsx_file import column

    assert [column(i) for i in (0, 25, 26, 27, 701, 702)] == ["A", "Z", "AA", "AB", "ZZ", "AAA"]


def test_grant_rate_and_shares_are_percent_numbers(demo, tmp_path) -> None:
    """The tester saw "100.00" and "94.00": now 100 % and 94 % that still add up."""
    b = visit_budget(demo, "DEMO-KS-NORWAY-2023")
    wb = openpyxl.load_workbook(write_budget_xlsx(b, tmp_path / "b.xlsx", "en"))
    rows = {r[0].value: r for r in wb["Summary"].iter_rows() if r[0].value}
    rate = rows["Grant rate"][1]
    assert rate.number_format == "0.00%" and D(repr(rate.value)) == D("0.85")
    shares = [
        r[1]
        for r in wb["Summary"].iter_rows()
        if r[0].value in {s.name + (" (Grant)" if s.is_grant else "") for s in b.sources}
    ]
    assert shares and all(c.number_format == "0.00%" for c in shares)
    assert [D(repr(c.value)) for c in shares] == [s.share / 100 for s in b.sources]
    project = write_project_xlsx(
        project_budget(demo, "EEZ-LOCALDEV-2021/LPS-01"), tmp_path / "p.xlsx", "en"
    )
    rows = {
        r[0].value: r for r in openpyxl.load_workbook(project)["Summary"].iter_rows() if r[0].value
    }
    assert rows["Grant rate"][1].number_format == "0.00%"
    assert D(repr(rows["Grant rate"][1].value)) == D("0.85")
