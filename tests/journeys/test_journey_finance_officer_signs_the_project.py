"""The finance officer of a planning region closes an EEA/Norway Grants project of three
visits (Bergen/Oslo in NOK, Kraków in PLN, a delegation hosted in Kuldīga in EUR), every
line 85 % grant / 15 % own funds, each payment on a later day than its trip. She imports
the visit files, the allowance table and the ECB history file, makes the allowance lines
(the group's advance spread over them), and prints the project's budget to sign.

Each figure below was worked out by hand from the files (Decimal, half up to the cent, the
ECB rate published the working day before each payment): the program's figures must be
hers. Three defects she met: the import warned that the sources of a budget shared 85/15
on every line "come to 0.0 %"; a source's variance was not its actual less its plan
(20,45 € beside 6 341,10 € − 6 320,66 €); the project's own-funds row printed a variance of
0,00 €; the project report had no exchange difference at all; and the project's PDF
left the names given with --prepared-by and --approved-by off its signature lines; and a
line shared 85/15 showed no funding source at all (window, PDF, XLSX).
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import openpyxl
from pypdf import PdfReader

from tests.journeys.finance_project import write_files

PROJECT = "EEZ-KPR-2027/01"


def test_the_finance_officer_signs_the_project_budget(cli, db_path: Path, tmp_path: Path):
    files = write_files(tmp_path)
    db = ("--db", db_path)
    for name in ("norway", "poland", "latvia"):
        run = cli(*db, "import", "visit", files[name])
        assert run.code == 0, run.err
        assert "meant to cover" not in run.err, run.err  # 85/15 on every line is 85/15
    assert cli(*db, "allowances", "import", files["allowances"]).code == 0
    for code, stored in (("KPR-NO-2027", 5), ("KPR-PL-2027", 4)):
        run = cli(*db, "rates", "import", code, files["ecb"])
        assert f"{stored} ECB" in run.out, run.out + run.err
    # Reduced allowance (30 %) on 11 May: lodging and three meals given by the hosts.
    run = cli(*db, "allowances", "calc", "KPR-NO-2027", "--reduced", "2027-05-11", "--write")
    assert "Total: 1435.00 EUR" in run.out  # 4 × (4 × 70 + 21) + (3 × 70 + 21)
    assert cli(*db, "allowances", "calc", "KPR-PL-2027", "--write").code == 0  # 5 × 3 × 55

    norway = json.loads(cli(*db, "budget", "KPR-NO-2027", "--json").out)
    assert norway["total"] == {"planned": "7436.06", "actual": "7460.09", "variance": "24.03"}
    grant, own = norway["by_source"]
    assert (grant["planned"], grant["actual"], grant["variance"]) == ("6320.66", "6341.10", "20.44")
    assert (own["planned"], own["actual"], own["variance"]) == ("1115.40", "1118.99", "3.59")
    for source in (grant, own):  # every Bergen line is paid: the row adds up across
        assert Decimal(source["actual"]) - Decimal(source["planned"]) == Decimal(source["variance"])

    # Each line of the Bergen budget says whom it is funded by, 85/15 (it was blank).
    for out in (tmp_path / "bergen.pdf", tmp_path / "bergen.xlsx"):
        assert cli(*db, "export", "budget", "KPR-NO-2027", "--out", out, "--lang", "en").code == 0
    lines = openpyxl.load_workbook(tmp_path / "bergen.xlsx")["Lines"]
    head = [cell.value for cell in lines[1]]
    funded = [row[head.index("Funding source")].value for row in lines.iter_rows(min_row=2)]
    shared = "EEZ un Norvēģijas granti 85 % · KPR pašu līdzekļi 15 %"
    assert funded[:16] == [shared] * 16  # 6 lines and 10 allowance lines
    bergen = PdfReader(tmp_path / "bergen.pdf")
    assert "1: 85 %\n2: 15 %" in "\n".join(p.extract_text() for p in bergen.pages)
    # The statements' heading stands on the page of the first statement, not alone below.
    pages = [p.extract_text() for p in bergen.pages]
    heading = next(n for n, t in enumerate(pages) if "Statement per sending organisation" in t)
    assert "Own lines (bound to its people)" in pages[heading]

    pdf, xlsx = tmp_path / "project.pdf", tmp_path / "project.xlsx"
    for out in (pdf, xlsx):
        run = cli(
            *db, "export", "budget", "--project", PROJECT, "--out", out, "--lang", "en",
            "--prepared-by", "Ilze Vītoliņa", "--approved-by", "Andris Krūmiņš",
        )  # fmt: skip
        assert run.code == 0, run.err
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(pdf).pages)
    assert "Exchange difference" in text
    # Kroner and złoty paid at their days' rates against the plans' rates.
    for figure in ("−€69.30", "−€25.33", "−€94.63"):
        assert figure in text or figure.replace("−", "-") in text, figure
    assert "Grant €12,155.27 €11,516.67 €62.65" in text
    assert "Own funds and other sources €2,145.02 €2,032.31 €11.04" in text

    # She signs under her own name: the project's budget names who prepared and approved it.
    assert "Ilze Vītoliņa" in text and "Andris Krūmiņš" in text
    book = openpyxl.load_workbook(xlsx)
    assert book.properties.creator == "Ilze Vītoliņa"
    summary = book["Summary"]
    rows = {r[0].value: r for r in summary.iter_rows() if r[0].value}
    assert rows["Visit"][10].value == "Exchange difference"
    assert rows["Total"][10].value.startswith("=SUM(K")
    cached = openpyxl.load_workbook(xlsx, data_only=True)["Summary"]
    visits = ("KPR-NO-2027", "KPR-PL-2027", "KPR-LV-2027")
    got = [cached.cell(rows[code][0].row, 11).value for code in visits]
    assert got == [-69.3, -25.33, 0] and cached.cell(rows["Total"][0].row, 11).value == -94.63
