"""Rates in the window: a finance officer imports the Commission's monthly InforEuro file
into a Bergen visit, chooses how its payments convert, and types the project's fixed rate.

The hotel was planned at 11 699 NOK (the plan's 11.699: 1 000,00 €) and paid 11 500 NOK on
20 May 2027, six weeks after the trip. Under the InforEuro rule the payment converts at
May's rate once the May file is in (before, at the plan's rate with a warning); the plan
never moves. The rule and the fixed rate are the project's, changed from the Budget tab as
one undo step each. Latvian first, then English; the command line takes the same files.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal as D

from PySide6.QtWidgets import QMessageBox

from app import i18n
from app.services import projects
from app.services.budget_report import visit_budget
from db.engine import Database
from tests.ui.conftest import open_budget

MAY = [
    {
        "country": "Norway",
        "currency": "Norwegian krone",
        "isoA3Code": "NOK",
        "isoA2Code": "NO",
        "value": 11.2345,
        "comment": None,
    },
    {
        "country": "Belgium",
        "currency": "Euro",
        "isoA3Code": "EUR",
        "isoA2Code": "BE",
        "value": 1,
        "comment": None,
    },
    {
        "country": "Sweden",
        "currency": "Swedish krona",
        "isoA3Code": "SEK",
        "isoA2Code": "SE",
        "value": 11.0125,
        "comment": None,
    },
    {
        "country": "Ecuador",
        "currency": "US dollar",
        "isoA3Code": "USD",
        "isoA2Code": "EC",
        "value": 1.0843,
        "comment": None,
    },
    {
        "country": "United States",
        "currency": "US dollar",
        "isoA3Code": "USD",
        "isoA2Code": "US",
        "value": 1.0843,
        "comment": None,
    },
]


def figures(db: Database) -> tuple[D, D, list[tuple[str, D]]]:
    b = visit_budget(db, "BERGEN-2027")
    return (
        b.totals.overall.planned,
        b.totals.overall.actual,
        [(r.currency, r.per_base) for r in b.rates],
    )


def test_the_may_inforeuro_file_converts_the_later_payment_and_the_plan_stays(
    qtbot, db: Database, tmp_path, bergen_2027
) -> None:
    i18n.set_language("lv")
    visit_id = bergen_2027(status="completed")
    planned, actual, plan_rates = figures(db)
    assert (planned, actual) == (D("1000.00"), D("982.99"))  # no May rate yet: the plan's
    path = tmp_path / "inforeuro-2027-05.json"
    path.write_text(json.dumps(MAY), encoding="utf-8")
    window, tab = open_budget(qtbot, db, visit_id)
    window.resize(1024, 700)
    assert tab.ecb_button.text() == "Importēt kursu &failu…"
    assert tab.rule_row.rule.currentText() == "Maksājuma mēneša InforEuro kurss"
    assert "LV07/EEZ-2027" in tab.rule_row.note.text()

    tab.import_ecb(str(path))
    assert tab.status.text() == (
        "Saglabāts 1 InforEuro kurss (maijs 2027). Plāns saglabā savus kursus valūtām NOK."
    )
    # 11 500 NOK at May's 11.2345 = 1 023,63 €; the plan is still 1 000,00 € at 11.699.
    assert figures(db) == (D("1000.00"), D("1023.63"), plan_rates)
    assert "InforEuro" in tab.rule_row.note.text()

    window.context.stack.undo()  # the import, one step: the May rate is gone again
    assert figures(db) == (planned, actual, plan_rates)
    window.context.stack.redo()
    assert figures(db)[1] == D("1023.63")


def test_english_rule_and_fixed_rate_chosen_in_the_budget_tab(
    qtbot, db: Database, tmp_path, monkeypatch, bergen_2027
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda parent, title, text, *a, **k: shown.append(text)
    )
    visit_id = bergen_2027(rule=None, status="completed")
    window, tab = open_budget(qtbot, db, visit_id)
    row = tab.rule_row
    assert row.rule.currentText() == "ECB rate in force at the start of the payment's day"
    assert not row.fixed.isVisibleTo(tab)

    # A CSV of the same columns whose name does not say its month: the month is asked.
    csv_path = tmp_path / "monthly-rates.csv"
    csv_path.write_text(
        "country;currency;isoA3Code;isoA2Code;value\nNorway;Norwegian krone;NOK;NO;11,2345\n",
        encoding="utf-8",
    )
    asked: list[str] = []
    monkeypatch.setattr(tab, "ask_month", lambda name: asked.append(name) or dt.date(2027, 5, 1))
    tab.import_ecb(str(csv_path))
    assert asked == ["monthly-rates.csv"]
    assert tab.status.text().startswith("1 InforEuro rate of May 2027 stored.")

    row.rule.setCurrentIndex(row.rule.findData("inforeuro"))
    row.rule.activated.emit(row.rule.currentIndex())
    assert figures(db)[1] == D("1023.63")
    row.rule.setCurrentIndex(row.rule.findData("fixed"))
    row.rule.activated.emit(row.rule.currentIndex())
    assert tab.rule_row.fixed.isVisibleTo(tab)
    assert figures(db)[1] == D("982.99")  # no fixed rate yet: the plan's, warned
    tab.rule_row.fixed.setText("NOK 11,5")
    tab.rule_row.fixed.editingFinished.emit()
    assert figures(db)[1] == D("1000.00")
    assert projects.find_project(db, "LV07/EEZ-2027").fixed_rates == {"NOK": "11.5"}
    tab.rule_row.fixed.setText("NOK nulle")
    tab.rule_row.fixed.editingFinished.emit()
    assert tab.rule_row.problem.text().startswith("Fixed rates per euro")
    assert projects.find_project(db, "LV07/EEZ-2027").fixed_rates == {"NOK": "11.5"}

    stack = window.context.stack
    stack.undo()  # the fixed rate
    assert figures(db)[1] == D("982.99")
    stack.undo()  # the rule back to InforEuro
    assert figures(db)[1] == D("1023.63")

    bad = tmp_path / "inforeuro-2027-06.json"
    bad.write_text('[{"country": "Norway", "rate": 11.3}]', encoding="utf-8")
    tab.import_ecb(str(bad))
    assert shown == [
        "inforeuro-2027-06.json: not an InforEuro file: it should be a list of "
        "currencies with “isoA3Code” and “value”"
    ]
    assert figures(db)[1] == D("1023.63")


def test_the_command_line_imports_a_month_and_names_what_is_missing(
    cli, db: Database, db_path, tmp_path, bergen_2027
) -> None:
    bergen_2027(status="completed")
    path = tmp_path / "rates.json"
    path.write_text(json.dumps(MAY), encoding="utf-8")
    run = cli("--db", db_path, "rates", "import", "BERGEN-2027", path)
    assert run.code == 2 and run.err == (
        f"{path}: the InforEuro file does not say its month; name it (e.g. 2027-05)\n"
    )
    run = cli(
        "--db",
        db_path,
        "rates",
        "import",
        "BERGEN-2027",
        path,
        "--month",
        "2027-05",
        "--currency",
        "NOK,SEK",
    )
    assert run.code == 0, run.err
    assert run.out.splitlines() == [
        "2 InforEuro rates of 2027-05 stored.",
        "The plan takes these rates for the currencies it had none for: SEK 11.0125.",
        "The plan keeps its rates for NOK.",
    ]
    assert figures(db)[:2] == (D("1000.00"), D("1023.63"))


def test_a_colleagues_rule_change_meanwhile_is_not_overwritten(
    qtbot, db: Database, db_path, bergen_2027
) -> None:
    """Two finance officers on one database: hers, saved first, stands; his choice in the
    Budget tab is refused with the stale-edit sentence, and goes through after a reload."""
    visit_id = bergen_2027(rule=None, status="completed")
    _window, tab = open_budget(qtbot, db, visit_id)
    colleague = Database(f"sqlite:///{db_path}")
    try:
        theirs = projects.find_project(colleague, "LV07/EEZ-2027")
        projects.update_project(colleague, theirs.id, theirs.version, rate_rule="plan")
    finally:
        colleague.dispose()
    row = tab.rule_row
    row.rule.setCurrentIndex(row.rule.findData("inforeuro"))
    row.rule.activated.emit(row.rule.currentIndex())
    assert row.problem.text().endswith(
        "This was changed by someone else in the meantime. Reload and try again."
    )
    assert projects.find_project(db, "LV07/EEZ-2027").rate_rule == "plan"
    tab.reload()
    assert row.rule.currentData() == "plan"
    row.rule.setCurrentIndex(row.rule.findData("inforeuro"))
    row.rule.activated.emit(row.rule.currentIndex())
    assert projects.find_project(db, "LV07/EEZ-2027").rate_rule == "inforeuro"
