"""The budget commands as a script sees them: exit codes, one-line errors, files written."""

from __future__ import annotations

import json
import re
from decimal import Decimal

import openpyxl

ECB_DAILY = "Date, USD, NOK, \n31 March 2014, 1.3788, 8.3000, \n"
RATES = "country,daily,accommodation_cap,valid_from,source\nNO,70,160,2011-11-01,test\n"


def test_budget_prints_totals_and_json_for_scripts(cli, demo, db_path) -> None:
    run = cli("--db", db_path, "budget", "DEMO-BERGEN-2014")
    assert run.code == 0
    total = re.split(r"\s{2,}", run.out.splitlines()[-1].strip())
    assert total[-3:] == ["€11,864.03", "€11,748.77", "-€115.26"]
    data = json.loads(cli("--db", db_path, "budget", "DEMO-BERGEN-2014", "--json").out)
    assert data["total"] == {"planned": "11864.03", "actual": "11748.77", "variance": "-115.26"}
    assert data["by_category"]["accommodation"]["planned"] == "2812.84"


def test_budget_writes_amounts_as_latvian_money_under_latvian_headers(
    cli, demo, db_path, monkeypatch
) -> None:
    """A Latvian table wrote "2977.04" with a decimal point; the window writes money with
    ``format_money``: "2 977,04 €" (grouped with a no-break space, a decimal comma)."""
    monkeypatch.setenv("STUDYVISIT_LANG", "lv")
    run = cli("--db", db_path, "budget", "DEMO-BERGEN-2014")
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    assert "Plānota" in lines[0] and "Faktiski" in lines[0]
    total = re.split(r"\s{2,}", lines[-1].strip())[-3:]
    assert total == ["11\xa0864,03\xa0€", "11\xa0748,77\xa0€", "-115,26\xa0€"]
    assert not re.search(r"\d\.\d", run.out)  # no amount with a decimal point left
    data = json.loads(cli("--db", db_path, "budget", "DEMO-BERGEN-2014", "--json").out)
    assert data["total"]["planned"] == "11864.03"  # scripts keep plain decimals


def test_rates_import_sets_the_rate_and_changes_the_totals(cli, demo, db_path, tmp_path):
    csv = tmp_path / "eurofxref.csv"
    csv.write_text(ECB_DAILY, encoding="utf-8")
    run = cli("--db", db_path, "rates", "import", "DEMO-BERGEN-2014", csv, "--date", "2014-03-31")
    assert run.code == 0 and "NOK 8.3000" not in run.out  # importing never re-prices
    before = json.loads(cli("--db", db_path, "budget", "DEMO-BERGEN-2014", "--json").out)
    assert before["by_category"]["accommodation"]["planned"] != "2797.59"
    run = cli(
        "--db",
        db_path,
        "rates",
        "import",
        "DEMO-BERGEN-2014",
        csv,
        "--date",
        "2014-03-31",
        "--reprice",
    )
    assert run.code == 0 and "NOK 8.3000" in run.out
    data = json.loads(cli("--db", db_path, "budget", "DEMO-BERGEN-2014", "--json").out)
    # 18 × 1290 NOK / 8.3 = 2797.59
    assert data["by_category"]["accommodation"]["planned"] == "2797.59"


def test_bad_rate_files_are_one_line_and_exit_2(cli, demo, db_path, tmp_path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("hello\n1,2\n", encoding="utf-8")
    run = cli("--db", db_path, "rates", "import", "DEMO-BERGEN-2014", bad)
    assert run.code == 2 and run.err.count("\n") == 1 and "bad.csv" in run.err
    run = cli("--db", db_path, "rates", "import", "NOPE", bad)
    assert run.code == 2
    run = cli("--db", db_path, "rates", "import", "DEMO-BERGEN-2014", tmp_path / "none.csv")
    assert run.code == 2 and "none.csv" in run.err
    run = cli("--db", db_path, "rates", "import", "DEMO-BERGEN-2014", bad, "--date", "2014-02-30")
    assert run.code == 2 and "2014-02-30" in run.err


def test_allowances_import_calc_and_write(cli, demo, db_path, tmp_path) -> None:
    rates = tmp_path / "rates.csv"
    rates.write_text(RATES, encoding="utf-8")
    assert "1 added" in cli("--db", db_path, "allowances", "import", rates).out
    assert "NO" in cli("--db", db_path, "allowances", "list").out
    run = cli(
        "--db",
        db_path,
        "allowances",
        "calc",
        "DEMO-BERGEN-2014",
        "--reduced",
        "2014-04-03",
        "--write",
    )
    assert run.code == 0
    assert "Total: 2310.00 EUR" in run.out
    assert "20 daily-allowance lines written" in run.out
    data = json.loads(cli("--db", db_path, "budget", "DEMO-BERGEN-2014", "--json").out)
    assert data["by_category"]["daily_allowance"]["planned"] == "2310.00"


def test_export_budget_writes_xlsx_for_a_visit_and_a_project(cli, demo, db_path, tmp_path):
    out = tmp_path / "b.xlsx"
    run = cli("--db", db_path, "export", "budget", "DEMO-BERGEN-2014", "--out", out, "--lang", "en")
    assert run.code == 0 and out.is_file()
    assert run.err == ""  # the demo visit's sources are within a point of their shares
    assert openpyxl.load_workbook(out).sheetnames == [
        "Summary",
        "Lines",
        "Rates",
        "By sending organisation",
    ]
    out = tmp_path / "p.xlsx"
    run = cli(
        "--db", db_path, "export", "budget", "--project", "EEZ-LOCALDEV-2021/LPS-01", "--out", out
    )
    assert run.code == 0 and out.is_file()


def test_export_budget_refuses_what_it_cannot_write(cli, demo, db_path, tmp_path) -> None:
    run = cli("--db", db_path, "export", "budget", "DEMO-BERGEN-2014", "--out", tmp_path / "b.docx")
    assert run.code == 2 and ".pdf or .xlsx" in run.err
    run = cli("--db", db_path, "export", "budget", "--out", tmp_path / "b.xlsx")
    assert run.code == 2
    run = cli(
        "--db", db_path, "export", "budget", "--project", "NOPE", "--out", tmp_path / "b.xlsx"
    )
    assert run.code == 2 and "NOPE" in run.err
    assert not (tmp_path / "b.xlsx").exists()


def test_a_document_carries_its_warnings_in_its_own_language(
    cli, demo, db_path, tmp_path, monkeypatch
) -> None:
    """A Latvian command line asked for an English budget: the warnings printed in the PDF
    are English, not the interface's Latvian; those echoed on the console are Latvian."""
    from pypdf import PdfReader

    from app.services import budget as budget_service
    from app.services.visits import find_visit

    visit = find_visit(demo, "DEMO-BERGEN-2014")
    source = budget_service.list_funding_sources(demo, visit.id)[0]
    budget_service.update_funding_source(demo, source.id, source.version, share=Decimal("50"))
    monkeypatch.setenv("STUDYVISIT_LANG", "lv")
    out = tmp_path / "b.pdf"
    run = cli("--db", db_path, "export", "budget", "DEMO-BERGEN-2014", "--out", out, "--lang", "en")
    assert run.code == 0, run.err
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(str(out)).pages).split())
    assert "Warnings" in text and "add up to" in text
    assert "Brīdinājumi" not in text and "kopā" not in text.lower().split("warnings")[1][:300]
    assert "budžets ierakstīts" in run.out  # the console still speaks Latvian
    # A line on the terminal speaks the interface's language throughout: the warning
    # word and its sentence both Latvian, never "brīdinājums: … add up to …".
    warnings = run.err.splitlines()
    assert warnings and all(line.startswith("brīdinājums: ") for line in warnings)
    assert "add up to" not in run.err and "summa ir 56 %" in run.err
    # And the other way round: an English terminal, a Latvian document.
    monkeypatch.setenv("STUDYVISIT_LANG", "en")
    run = cli("--db", db_path, "export", "budget", "DEMO-BERGEN-2014", "--out", out, "--lang", "lv")
    assert run.code == 0, run.err
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(str(out)).pages).split())
    assert "Brīdinājumi" in text
    warnings = run.err.splitlines()
    assert warnings and all(line.startswith("warning: ") for line in warnings)
    assert "add up to" in run.err and "summa ir" not in run.err


def test_the_budget_pdf_says_when_the_allowance_lines_differ_from_the_calculator(
    cli, demo, db_path, tmp_path
) -> None:
    """The Bergen lines were planned by hand at other rates; with the rate table's 70 EUR a
    day the calculator gives another figure, and the PDF says so under the per-person
    table instead of printing two totals that disagree in silence."""
    from pypdf import PdfReader

    rates = tmp_path / "rates.csv"
    rates.write_text(RATES, encoding="utf-8")
    assert cli("--db", db_path, "allowances", "import", rates).code == 0
    out = tmp_path / "b.pdf"
    run = cli("--db", db_path, "export", "budget", "DEMO-BERGEN-2014", "--out", out, "--lang", "en")
    assert run.code == 0, run.err
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(str(out)).pages).split())
    per_person = text[text.index("Daily allowances per person") :]
    assert "the calculator gives" in per_person
