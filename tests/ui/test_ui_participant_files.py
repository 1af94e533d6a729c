"""Participant lists as Latvian offices make them: semicolons with quoted ";", Excel's
"Unicode text", old Mac line ends, a title row above the header, the list on another sheet,
.xls and .ods workbooks, feminine role words; and clear sentences when a file is not right.
"""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from app.interchange import participants as imp
from ui.dialogs.import_participants import ImportParticipantsDialog
from ui.main_window import MainWindow

DATA = Path(__file__).parents[1] / "interchange" / "data"

# As Latvian Excel saves "CSV (semikolu atdalīts)": quoted cells hold ";" and ",".
SEMICOLONS = (
    "Vārds;Uzvārds;Iestāde;Amats;Loma;Statuss;Ierašanās\r\n"
    'Ligita;Pudža;"Ogres novada pašvaldība; Attīstības nodaļa";"vadītāja, projektu '
    'vadītāja";Delegācijas vadītāja;apstiprināta;06.04.2026\r\n'
    'Inese;Kalniņa;"SIA ""Vidzemes plānošana""";eksperte;eksperte;apstiprināta;\r\n'
    "Dace;Zariņa;Rīgas valstspilsētas pašvaldība;koordinatore;Koordinatore;;\r\n"
    'Zane;Ozola;"Tulku birojs; Rīga";tulce;tulce;uzaicināta;07.04.2026\r\n'
)


def names(table: imp.Table) -> list[tuple[str, str]]:
    return [(str(row[0]), str(row[1])) for _n, row in table.rows]


def test_semicolons_with_quoted_semicolons_are_read(tmp_path: Path, db, visit) -> None:
    path = tmp_path / "saraksts.csv"
    path.write_text(SEMICOLONS, encoding="utf-8-sig")
    table = imp.read_table(path)
    assert table.delimiter == ";"
    assert table.headers[:3] == ["Vārds", "Uzvārds", "Iestāde"]
    assert table.rows[0][1][2] == "Ogres novada pašvaldība; Attīstības nodaļa"
    assert table.rows[1][1][2] == 'SIA "Vidzemes plānošana"'
    checked = imp.plan(db, visit.id, table, imp.guess_mapping(table.headers))
    assert checked.problems == []
    # feminine role and status words are understood
    roles = {
        line.person["family_name"]: (line.part["role"], line.part["status"])
        for line in checked.lines
    }
    assert roles == {
        "Pudža": ("head", "confirmed"),
        "Kalniņa": ("expert", "confirmed"),
        "Zariņa": ("coordinator", "invited"),
        "Ozola": ("interpreter", "invited"),
    }


def test_the_standard_sniffer_alone_misreads_such_a_file() -> None:
    """Why a real dialect detector: csv.Sniffer gives up on a quoted ";" and a comma."""
    text = (
        "Vārds;Uzvārds;Iestāde;Ēdināšana\r\n"
        'Ligita;Pudža;Ogre;"veģetāriete; bez laktozes"\r\n'
        "Jānis;Liepa;Rīga;alerģija: rieksti, zemesrieksti\r\n"
    )
    try:
        wrong = csv.Sniffer().sniff(text, delimiters=",;\t").delimiter != ";"
    except csv.Error:
        wrong = True
    assert wrong
    assert imp.sniff_delimiter(text) == ";"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_excel_unicode_text_is_read(tmp_path: Path, encoding: str) -> None:
    """Excel's "Unicode text": UTF-16 (with a BOM; some tools write none), tab-separated."""
    path = tmp_path / "saraksts.txt"
    path.write_bytes(
        "Vārds\tUzvārds\tE-pasts\r\nĢirts\tŠķēle\tgirts@example.lv\r\n".encode(encoding)
    )
    table = imp.read_table(path)
    assert table.delimiter == "\t"
    assert names(table) == [("Ģirts", "Šķēle")]


def test_cr_only_line_ends_are_read(tmp_path: Path) -> None:
    path = tmp_path / "mac.csv"
    path.write_bytes("Vārds;Uzvārds\rĒriks;Čakste\rLīga;Ābele\r".encode("cp1257"))
    table = imp.read_table(path)
    assert names(table) == [("Ēriks", "Čakste"), ("Līga", "Ābele")]
    assert [number for number, _row in table.rows] == [2, 3]


def test_a_title_row_above_the_header_is_skipped(tmp_path: Path, db, visit) -> None:
    path = tmp_path / "saraksts.csv"
    path.write_text(
        "Pieredzes apmaiņas vizīte Bergenā, dalībnieku saraksts;;\n\n"
        "Nr.;Vārds, uzvārds;E-pasts\n1;Gints Kalniņš;gints@example.lv\n",
        encoding="utf-8",
    )
    table = imp.read_table(path)
    assert table.header_line == 3
    mapping = imp.guess_mapping(table.headers)
    assert mapping == [None, "name", "email"]
    checked = imp.plan(db, visit.id, table, mapping)
    assert checked.ok and checked.lines[0].line == 4
    assert checked.lines[0].name == "Gints Kalniņš"


def test_missing_name_columns_say_which_header_line_was_read(tmp_path: Path, db, visit) -> None:
    path = tmp_path / "saraksts.csv"
    path.write_text(
        "Dalībnieki\nPersona;Kontakti\nGints Kalniņš;gints@example.lv\n", encoding="utf-8"
    )
    table = imp.read_table(path)
    with pytest.raises(imp.FileProblem) as caught:
        imp.plan(db, visit.id, table, imp.guess_mapping(table.headers))
    assert caught.value.message.startswith("The header was read from line 1: “Dalībnieki”.")
    assert "full name" in caught.value.message


def test_a_date_error_names_the_column_and_the_formats(tmp_path: Path, db, visit) -> None:
    path = tmp_path / "saraksts.csv"
    path.write_text(
        "Vārds;Uzvārds;Atbrauc\nGints;Kalniņš;nākamnedēļ\n"
        "Dace;Bērziņa;31.02.2026\nAnna;Ozola;07.04.2026\n",
        encoding="utf-8",
    )
    table = imp.read_table(path)
    checked = imp.plan(db, visit.id, table, imp.guess_mapping(table.headers))
    assert checked.problems == [
        "line 2: Atbrauc: “nākamnedēļ” is not a date: write it as 15.03.2026 or 2026-03-15",
        "line 3: Atbrauc: is not a real date: 31.02.2026",
    ]


def _ods(path: Path, sheets: dict[str, list[list[object]]]) -> None:
    """A minimal OpenDocument spreadsheet, as LibreOffice writes its parts."""

    def cell(value: object) -> str:
        if value is None:
            return "<table:table-cell/>"
        return (
            '<table:table-cell office:value-type="string"><text:p>'
            f"{escape(str(value))}</text:p></table:table-cell>"
        )

    tables = "".join(
        f'<table:table table:name="{escape(name)}">'
        + "".join(
            "<table:table-row>" + "".join(cell(v) for v in row) + "</table:table-row>"
            for row in rows
        )
        + "</table:table>"
        for name, rows in sheets.items()
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f"<office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.2"><manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" '
        'manifest:media-type="text/xml"/></manifest:manifest>'
    )
    with zipfile.ZipFile(path, "w") as book:
        book.writestr(
            zipfile.ZipInfo("mimetype"),
            "application/vnd.oasis.opendocument.spreadsheet",
            compress_type=zipfile.ZIP_STORED,
        )
        book.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
        book.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)


TWO_SHEETS = {
    "Instrukcija": [["Aizpildiet otro lapu"], ["Paldies!"]],
    "Dalībnieki": [
        ["Vizīte uz Bergenu", None],
        ["Vārds", "Uzvārds"],
        ["Ilze", "Ozola"],
        ["Jānis", "Liepa"],
    ],
}


def test_an_ods_list_on_its_second_sheet_is_found(tmp_path: Path) -> None:
    path = tmp_path / "saraksts.ods"
    _ods(path, TWO_SHEETS)
    table = imp.read_table(path)
    assert table.sheets == ["Instrukcija", "Dalībnieki"]
    assert table.sheet == "Dalībnieki" and table.header_line == 2
    assert names(table) == [("Ilze", "Ozola"), ("Jānis", "Liepa")]
    first = imp.read_table(path, sheet="Instrukcija")
    assert first.headers == ["Aizpildiet otro lapu"]
    with pytest.raises(imp.FileProblem, match="has no sheet “Nav”"):
        imp.read_table(path, sheet="Nav")


def test_an_xls_workbook_is_read(tmp_path: Path, db, visit) -> None:
    """An Excel 97–2003 file (python-calamine's own test workbook, MIT licence)."""
    table = imp.read_table(DATA / "calamine-base.xls")
    assert table.sheets == ["Sheet1", "Sheet2", "Merged Cells"]
    assert table.headers[0] == "String"
    with pytest.raises(imp.FileProblem, match="line 2 of sheet “Sheet1”: “String”"):
        imp.plan(db, visit.id, table, imp.guess_mapping(table.headers))


@pytest.mark.parametrize("suffix", [".xls", ".ods", ".xlsx"])
def test_a_damaged_workbook_is_refused_in_one_sentence(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"saraksts{suffix}"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(imp.FileProblem) as caught:
        imp.read_table(path)
    assert caught.value.message.startswith(f"saraksts{suffix} is not a readable spreadsheet")
    assert "\n" not in caught.value.message


def test_the_cli_takes_a_separator_and_a_sheet(tmp_path: Path, cli, db_path, visit) -> None:
    path = tmp_path / "saraksts.txt"
    path.write_text("Vārds|Uzvārds|Piezīmes\nAnda|Kalna|a; b, c\n", encoding="utf-8")
    done = cli("--db", db_path, "import", "participants", "LPS-BERGEN", path, "--delimiter", "|")
    assert done.code == 0, done.err
    book = tmp_path / "saraksts.ods"
    _ods(book, TWO_SHEETS)
    done = cli(
        "--db", db_path, "import", "participants", "LPS-BERGEN", book, "--sheet", "Instrukcija"
    )
    assert done.code == 2
    assert "sheet “Instrukcija”" in done.err
    done = cli("--db", db_path, "import", "participants", "LPS-BERGEN", book)
    assert done.code == 0, done.err
    assert "Imported 2 participants" in done.out


def _dialog(qtbot, db, visit, path: Path) -> ImportParticipantsDialog:
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.open_visit(visit.id)
    dialog = ImportParticipantsDialog(window.workspace.participants.context, visit.id, str(path))
    qtbot.addWidget(dialog)
    return dialog


def test_the_dialog_rereads_with_the_chosen_separator(qtbot, db, visit, tmp_path: Path) -> None:
    path = tmp_path / "saraksts.csv"
    # commas are the most common character, but the list is separated by semicolons
    path.write_text(
        "Vārds, uzvārds;Iestāde\nGints Kalniņš;Ogre, Rīga, Jelgava, Tukums\n", encoding="utf-8"
    )
    dialog = _dialog(qtbot, db, visit, path)
    assert [c.currentData() for c in dialog.combos] == ["name", "organisation"]
    dialog.delimiter.setCurrentIndex(dialog.delimiter.findData(","))
    # read with commas, the first column is "Vārds" alone and no family name is found
    assert [c.accessibleName() for c in dialog.combos] == ["Vārds", "uzvārds;Iestāde"]
    assert dialog.combos[0].currentData() == "given_name"
    assert not dialog.import_button.isEnabled()
    dialog.delimiter.setCurrentIndex(dialog.delimiter.findData(";"))
    assert len(dialog.combos) == 2 and dialog.import_button.isEnabled()
    assert dialog.preview_model.text(0, 1) == "Gints Kalniņš"
    assert dialog.header_line.text() == "Column names read from line 1."


def test_the_dialog_offers_the_sheets(qtbot, db, visit, tmp_path: Path) -> None:
    path = tmp_path / "saraksts.ods"
    _ods(path, TWO_SHEETS)
    dialog = _dialog(qtbot, db, visit, path)
    assert [dialog.sheet.itemText(i) for i in range(dialog.sheet.count())] == [
        "Instrukcija",
        "Dalībnieki",
    ]
    assert dialog.sheet.currentText() == "Dalībnieki"
    assert dialog.header_line.text() == "Column names read from line 2."
    assert dialog.import_button.isEnabled()
    dialog.sheet.setCurrentText("Instrukcija")
    assert not dialog.import_button.isEnabled()
    assert "sheet “Instrukcija”" in dialog.problem.text()
