"""An empty rate table explains itself and offers a template the user fills in.

A coordinator opens the Budget tab of a new Bergen visit: no rates, and the tab says why
and what to do next instead of showing an empty grid. She saves the template (Latvian
headers, read back by Python's csv module as Excel's would be), fills in NOK and SEK the
way a Latvian spreadsheet writes them (decimal comma, 30.03.2027), imports it — one undo
step — and the note goes away. A table per EUR for a NOK visit, or a bad rate, is one
sentence naming the line, and nothing changes. English, and the command line, too.
"""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal as D

from PySide6.QtWidgets import QMessageBox

from app import i18n
from app.services.budget import list_exchange_rates
from app.services.visits import create_visit
from db.engine import Database
from tests.ui.conftest import open_budget


def _visit(db: Database, base: str = "EUR") -> int:
    return create_visit(
        db,
        code="BERGEN-2027",
        title="Pieredzes vizīte Bergenā",
        timezone="Europe/Oslo",
        start_date=dt.date(2027, 4, 6),
        end_date=dt.date(2027, 4, 9),
        base_currency=base,
    ).id


def _rates(db: Database, visit_id: int) -> list[tuple[str, D, dt.date | None, str | None]]:
    return [(r.currency, r.per_base, r.date, r.source) for r in list_exchange_rates(db, visit_id)]


def test_the_empty_table_says_what_to_do_and_the_filled_template_imports(
    qtbot, db: Database, tmp_path, monkeypatch
) -> None:
    i18n.set_language("lv")
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda parent, title, text, *a, **k: shown.append(text)
    )
    visit_id = _visit(db)
    window, tab = open_budget(qtbot, db, visit_id)
    window.resize(1024, 700)
    help_ = tab.rate_help
    assert help_.isVisibleTo(tab)
    assert help_.text.text().startswith("Valūtu kursu vēl nav (programmā to nav).")
    assert not tab.rates.isVisibleTo(tab)  # the note in the empty table's place
    assert "eurofxref.csv" in help_.text.text()

    path = tmp_path / "valūtu kursi.csv"
    assert help_.save_template(str(path))
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a BOM: Excel shows the letters
    with path.open(encoding="utf-8-sig", newline="") as fh:
        assert list(csv.reader(fh, delimiter=";")) == [
            ["Valūta", "Kurss par 1 EUR", "Datums", "Avots"]
        ]

    with path.open("a", encoding="utf-8", newline="") as fh:
        fh.write("NOK;11,699;30.03.2027;ECB, nolasīts rokām\r\nsek;11,2;;Swedbank\r\n")
    tab.import_ecb(str(path))
    assert shown == []
    assert _rates(db, visit_id) == [
        ("NOK", D("11.699"), dt.date(2027, 3, 30), "ECB, nolasīts rokām"),
        ("SEK", D("11.2"), None, "Swedbank"),
    ]
    assert tab.status.text() == "Kursi iestatīti no tabulas: NOK 11,699, SEK 11,2."
    assert not help_.isVisibleTo(tab) and tab.rates.isVisibleTo(tab)

    window.context.stack.undo()  # one step: both rates go, the note is back
    assert _rates(db, visit_id) == [] and help_.isVisibleTo(tab)

    bad = tmp_path / "kursi.csv"
    bad.write_text(
        "Valūta;Kurss par 1 EUR;Datums;Avots\nNOK;11,699;;\nSEK;nulle;;\n", encoding="utf-8"
    )
    tab.import_ecb(str(bad))
    assert shown == ["kursi.csv: 3. rinda: SEK nav decimālskaitlis: nulle"]
    assert _rates(db, visit_id) == []


def test_english_and_a_table_per_another_currency(
    qtbot, db: Database, tmp_path, monkeypatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda parent, title, text, *a, **k: shown.append(text)
    )
    visit_id = _visit(db, base="NOK")
    window, tab = open_budget(qtbot, db, visit_id)
    assert tab.rate_help.text.text().startswith(
        "No exchange rates yet (the program ships none). A line in another currency than "
        "NOK needs one:"
    )
    path = tmp_path / "rates.csv"
    path.write_text(
        "Currency,Rate per 1 EUR,Date,Source\nNOK,11.699,2027-03-30,ECB\n", encoding="utf-8"
    )
    tab.import_ecb(str(path))
    assert shown == [
        "rates.csv: the table's rates are per 1 EUR, but the visit counts in "
        "NOK; write “Kurss par 1 NOK” and rates per NOK"
    ]
    path.write_text(
        "Currency,Rate per 1 NOK,Date,Source\nEUR,0.0855,2027-03-30,ECB\n", encoding="utf-8"
    )
    tab.import_ecb(str(path))
    assert _rates(db, visit_id) == [("EUR", D("0.0855"), dt.date(2027, 3, 30), "ECB")]
    assert window.context.stack.count() == 1


def test_the_command_line_writes_and_reads_the_template(
    cli, db: Database, db_path, tmp_path
) -> None:
    visit_id = _visit(db)
    path = tmp_path / "kursi.csv"
    run = cli("rates", "template", path)
    assert run.code == 0 and path.read_bytes().decode("utf-8-sig") == (
        "Valūta;Kurss par 1 EUR;Datums;Avots\r\n"
    )
    with path.open("a", encoding="utf-8") as fh:
        fh.write("NOK;11,699;30.03.2027;ECB\n")
    run = cli("--db", db_path, "rates", "import", "BERGEN-2027", path)
    assert (run.code, run.out) == (0, "Rates set from the table: NOK 11.699.\n")
    run = cli("--db", db_path, "rates", "import", "BERGEN-2027", path)
    assert (run.code, run.out) == (0, "The plan keeps its rates for NOK.\n")
    assert _rates(db, visit_id) == [("NOK", D("11.699"), dt.date(2027, 3, 30), "ECB")]
    run = cli("rates", "template", path, "--base", "kronas")
    assert run.code == 2 and run.err.startswith("--base: ")
