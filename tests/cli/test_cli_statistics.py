"""``studyvisit export statistics``: a PDF with charts and numbers, an XLSX with values.

Read back by programs we did not write: pypdf for the PDF's text, openpyxl for the
spreadsheet, pdftoppm (when installed) for a page rendered to pixels.
"""

from __future__ import annotations

import shutil
import subprocess
from decimal import Decimal

import pytest

from app.services import projects, visits


@pytest.fixture
def demo_file(demo_db):
    """The demo visits, two of them in a project."""
    project = projects.create_project(demo_db, code="LV-NO/2023", grant_rate="85")
    for code in ("DEMO-KS-NORWAY-2023", "DEMO-POLAND-2023"):
        visit = visits.find_visit(demo_db, code)
        visits.update_visit(demo_db, visit.id, None, project_id=project.id)
    return demo_db.url.removeprefix("sqlite:///")


def _text(path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_pdf_in_latvian_and_english(cli, demo_file, tmp_path):
    out = tmp_path / "statistika.pdf"
    run = cli("--db", demo_file, "export", "statistics", "--out", out)
    assert run.code == 0, run.err
    assert "Statistics of 6 visits" in run.out  # the interface speaks English here
    text = _text(out)
    for words in (
        "Studiju vizītes skaitļos",
        "Vizītes pa gadiem",
        "Norvēģija",
        "Izmaksas uz vienu dalībnieku (EUR)",
        "Grantu finansējuma daļa (%)",
        "Ieskaitītās vizītes",
        "DEMO-BERGEN-2014",
        "11 748,77 €",
    ):
        assert words in text, words
    english = tmp_path / "statistics.pdf"
    run = cli(
        "--db",
        demo_file,
        "export",
        "statistics",
        "--out",
        english,
        "--lang",
        "en",
        "--from",
        "2013",
        "--to",
        "2015",
    )
    assert run.code == 0 and "4 visits" in run.out
    text = _text(english)
    assert "Visits per year" in text and "Norway" in text and "€11,748.77" in text
    assert "DEMO-KS-NORWAY-2023" not in text  # 2023 is outside the years asked
    if shutil.which("pdffonts"):
        fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True).stdout
        assert "Helvetica" not in fonts


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="pdftoppm not installed")
def test_pdf_page_renders_with_bars(cli, demo_file, tmp_path):
    from PIL import Image

    out = tmp_path / "s.pdf"
    assert cli("--db", demo_file, "export", "statistics", "--out", out).code == 0
    subprocess.run(
        ["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", str(out), str(tmp_path / "page")],
        check=True,
    )
    image = Image.open(next(tmp_path.glob("page*.png"))).convert("RGB")
    colours = dict((rgb, n) for n, rgb in image.getcolors(maxcolors=1 << 16))
    assert colours.get((0x2F, 0x6F, 0x9F), 0) > 200  # the bars are drawn


def test_xlsx_holds_values_and_the_visits(cli, demo_file, tmp_path):
    import openpyxl

    out = tmp_path / "statistics.xlsx"
    run = cli(
        "--db",
        demo_file,
        "export",
        "statistics",
        "--out",
        out,
        "--lang",
        "en",
        "--project",
        "lv-no/2023",
    )
    assert run.code == 0, run.err
    book = openpyxl.load_workbook(out)
    figures = [[cell for cell in row] for row in book.worksheets[0].iter_rows(values_only=True)]
    assert figures[0][0] == "Study visits in figures"
    assert "project LV-NO/2023" in figures[1][0] and "2 visits" in figures[1][0]
    per_year = figures.index(["Visits per year", None, None, None]) + 2
    assert figures[per_year] == ["2023", 2, 2, "DEMO-POLAND-2023, DEMO-KS-NORWAY-2023"]
    cost = figures.index(["Cost per delegate (EUR)", None, None, None]) + 2
    label, value, count, _codes = figures[cost]
    assert (label, count) == ("2023", 2) and isinstance(value, float)
    # (10 602,87 + 8 414,01) / (11 + 9) people = 950,844 → 950,84
    assert Decimal(str(value)) == Decimal("950.84")
    listed = list(book.worksheets[1].iter_rows(values_only=True))
    assert [row[0] for row in listed[1:]] == ["DEMO-POLAND-2023", "DEMO-KS-NORWAY-2023"]
    assert Decimal(str(listed[2][7])) == Decimal("10602.87")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--out", "x.docx"), "as .pdf or .xlsx"),
        (("--out", "x.pdf", "--from", "2020", "--to", "2019"), "--from 2020 is after --to 2019"),
        (("--out", "x.pdf", "--from", "20x0"), "not a year"),
        (("--out", "x.pdf", "--project", "NOPE"), "No visits of a project with the code “NOPE”"),
        (("--out", "x.pdf", "--country", "Norway"), "not a two-letter country code"),
    ],
)
def test_bad_input_is_one_sentence_and_writes_nothing(
    cli, demo_file, tmp_path, monkeypatch, args, message
):
    monkeypatch.chdir(tmp_path)
    run = cli("--db", demo_file, "export", "statistics", *args)
    assert run.code == 2 and message in run.err
    assert len(run.err.strip().splitlines()) == 1
    assert list(tmp_path.glob("x.*")) == []
