"""The budget PDF and the allowance statement: the totals, every font embedded, user text
printed as typed."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from decimal import Decimal as D

import pytest
from pypdf import PdfReader

from app.documents.allowance_statement import write_allowance_statement
from app.documents.budget_pdf import write_budget_pdf, write_project_pdf
from app.domain.budget_totals import LineIn, SourceIn
from app.services.allowances import allowance_plan, import_allowance_rates
from app.services.budget_report import RateRow, VisitBudget, project_budget, visit_budget

RATES = "country,daily,accommodation_cap,valid_from,source\nNO,70,160,2011-11-01,test table\n"


def pdf_text(path) -> str:
    """The text of every page; Babel's no-break spaces come out as plain spaces."""
    text = "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)
    return text.replace("\xa0", " ")


def fonts(path) -> list[str]:
    names = set()
    for page in PdfReader(str(path)).pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            names.add(str(font.get_object()["/BaseFont"]))
    return sorted(names)


def test_the_bergen_budget_prints_its_totals_in_latvian(demo, tmp_path) -> None:
    import_allowance_rates(demo, RATES)
    b = visit_budget(demo, "DEMO-BERGEN-2014")
    plan = allowance_plan(demo, b.visit_id, reduced={dt.date(2014, 4, 3)})
    path = write_budget_pdf(
        b, tmp_path / "b.pdf", "lv", allowances=plan, prepared_by="Ligita Pudža"
    )
    text = pdf_text(path)
    assert "Vizītes budžets" in text and "2014. gada 2.–5. aprīlis" in text
    assert "11 864,03 €" in text  # the planned total, formatted by Babel for lv
    assert "Neattiecināmās izmaksas" in text and "704,78 €" in text
    assert "8,2550" in text  # the rate used
    assert "18 × 1 290,00 NOK (nakts)" in text  # the original amount and currency
    assert "2 310,00 €" in text  # the allowances of ten travellers
    assert "Sagatavoja" in text and "Ligita Pudža" in text
    assert all(name.startswith("/AAAAAA+Roboto") for name in fonts(path)), fonts(path)


def test_english_and_bokmal_budgets_use_their_own_words_and_number_format(demo, tmp_path):
    b = visit_budget(demo, "DEMO-KS-NORWAY-2023")
    en = pdf_text(write_budget_pdf(b, tmp_path / "en.pdf", "en"))
    assert "Budget of the visit" in en and "€10,649.92" in en
    flat = " ".join(en.split())
    assert "1. EEZ finanšu instruments (Grant)" in flat  # the grant source is marked
    assert "2. Valsts budžeta līdzfinansējums" in flat
    assert "līdzfinansējums (Grant)" not in flat
    nb = pdf_text(write_budget_pdf(b, tmp_path / "nb.pdf", "nb"))
    assert "Budsjett for besøket" in nb and "10 649,92 €" in nb


def test_user_text_is_printed_as_typed(tmp_path) -> None:
    hostile = "<b>Rīga & ‹Jūrmala></b> <font size=40>x</font>"
    b = VisitBudget(
        1,
        "X-1",
        "Vizīte",
        {},
        dt.date(2024, 4, 2),
        dt.date(2024, 4, 5),
        "NO",
        None,
        "EUR",
        None,
        [RateRow("NOK", D("11.6990"), None, hostile)],
        [SourceIn("g", hostile, D("100"))],
        [LineIn(1, "other", hostile, "g", True, D("1"), None, D("1"), "EUR")],
    )
    text = pdf_text(write_budget_pdf(b, tmp_path / "h.pdf", "en"))
    assert text.count("<b>Rīga & ‹Jūrmala></b>") >= 3


def test_the_project_pdf_adds_its_visits(demo, tmp_path) -> None:
    p = project_budget(demo, "EEZ-LOCALDEV-2021/LPS-01")
    text = pdf_text(write_project_pdf(p, tmp_path / "p.pdf", "en"))
    assert text.index("DEMO-POLAND-2023") < text.index("DEMO-KS-NORWAY-2023")
    assert "€19,102.07" in text and "Grant at the grant rate" in text


def test_the_allowance_statement_lists_each_day(demo, tmp_path) -> None:
    import_allowance_rates(demo, RATES)
    plan = allowance_plan(demo, "DEMO-BERGEN-2014", reduced={dt.date(2014, 4, 3)})
    traveller = plan.of("Pudža")
    path = write_allowance_statement(plan, traveller, tmp_path / "s.pdf", "lv")
    text = pdf_text(path)
    assert "Ligita Pudža" in text and "Norvēģija" in text
    days = re.findall(r"0[2-5]\.04\.2014", text)
    assert days == ["02.04.2014", "03.04.2014", "04.04.2014", "05.04.2014"]
    assert "Samazinātā norma (30 %)" in text and "231,00 €" in text


@pytest.mark.skipif(
    subprocess.run(["which", "pdffonts"], capture_output=True).returncode,
    reason="poppler-utils not installed",
)
def test_pdffonts_lists_only_embedded_fonts(demo, tmp_path) -> None:
    path = write_budget_pdf(visit_budget(demo, "DEMO-BERGEN-2014"), tmp_path / "b.pdf", "en")
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    rows = out.splitlines()[2:]
    assert rows and all(" yes yes yes " in row for row in rows), out


def test_a_long_budget_repeats_the_line_header_on_every_page(tmp_path) -> None:
    lines = [
        LineIn(
            n,
            "catering",
            f"Pusdienas delegācijai, diena {n}",
            None,
            n % 7 != 0,
            D("12"),
            "person",
            D("245.00"),
            "NOK",
            D("2940.00"),
            "NOK",
            f"INV-{n}",
            dt.date(2024, 4, 5),
            True,
        )
        for n in range(1, 301)
    ]
    b = VisitBudget(
        1,
        "LONG-1",
        "Gara vizīte",
        {},
        dt.date(2024, 4, 2),
        dt.date(2024, 4, 5),
        "NO",
        None,
        "EUR",
        None,
        [RateRow("NOK", D("11.6990"), None, "ECB")],
        [],
        lines,
    )
    reader = PdfReader(str(write_budget_pdf(b, tmp_path / "long.pdf", "en")))
    pages = [p.extract_text() for p in reader.pages]
    with_lines = [t for t in pages if "INV-" in t]
    assert len(with_lines) >= 5
    assert all("Category · Description" in t for t in with_lines)
    text = " ".join(pages)
    assert all(f"INV-{n} " in text or f"INV-{n}\n" in text for n in range(1, 301))
    # 300 × 2940 NOK / 11.699 = 300 × 251.30 (each line rounded once) = 75,390.00
    assert "€75,390.00" in text.replace("\xa0", " ")


def test_export_budget_pdf_from_the_command_line(cli, demo, db_path, tmp_path) -> None:
    out = tmp_path / "budget.pdf"
    run = cli(
        "--db",
        db_path,
        "export",
        "budget",
        "DEMO-BERGEN-2014",
        "--out",
        out,
        "--lang",
        "lv",
        "--prepared-by",
        "Ligita Pudža",
    )
    assert run.code == 0 and out.read_bytes().startswith(b"%PDF")
    assert "Ligita Pudža" in pdf_text(out)
    out = tmp_path / "project.pdf"
    assert (
        cli(
            "--db",
            db_path,
            "export",
            "budget",
            "--project",
            "EEZ-LOCALDEV-2021/LPS-01",
            "--out",
            out,
        ).code
        == 0
    )
    import_allowance_rates(demo, RATES)
    out = tmp_path / "statement.pdf"
    run = cli(
        "--db",
        db_path,
        "export",
        "allowance",
        "DEMO-BERGEN-2014",
        "--person",
        "Pudža",
        "--out",
        out,
    )
    assert run.code == 0 and "231" not in run.err
    assert "280,00" in pdf_text(out)  # 4 days × 70.00 EUR, no reduced day
