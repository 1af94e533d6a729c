"""Re-pricing the plan is its own step, and a reported visit's figures stay as reported.

A finance officer imports the ECB's history into the Bergen visit (NOK hotel planned at
11.699, paid 20 May 2027): the payment takes the rate in force that morning (of 19 May), the
plan stays at 11.699 to the cent. Only "Re-price plan…" moves the plan — shown before it is
done, one undo step. Once the visit is reported, an import that would convert its payments
anew is refused in one sentence (or taken when she says so on purpose); the command line
says the same and takes ``--reported``. Latvian first, then English.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal as D

from PySide6.QtWidgets import QLabel

from app import i18n
from app.services.budget_report import visit_budget
from db.engine import Database
from db.models import ExchangeRate, Visit
from tests.ui.conftest import open_budget
from tests.ui.test_ui_budget_inforeuro import MAY, figures

HISTORY = (
    "Date,USD,NOK,\n"
    "2027-05-19,1.0801,11.2500,\n"
    "2027-05-18,1.0799,11.3000,\n"
    "2027-04-05,1.0750,11.6990,\n"
)


def _status(db: Database, status: str) -> None:
    with db.write() as s:
        s.query(Visit).filter(Visit.code == "BERGEN-2027").one().status = status


def test_an_import_leaves_the_plan_and_re_pricing_is_its_own_undo_step(
    qtbot, db: Database, tmp_path, bergen_2027
) -> None:
    i18n.set_language("lv")
    # the default rule: the ECB rate of the morning
    visit_id = bergen_2027(rule=None, status="completed")
    path = tmp_path / "eurofxref-hist.csv"
    path.write_text(HISTORY, encoding="utf-8")
    window, tab = open_budget(qtbot, db, visit_id)
    asked: list[str] = []
    tab.ask_reprice = lambda question: asked.append(question) or False

    tab.import_ecb(str(path))
    assert len(asked) == 1  # offered, declined: the plan is not touched
    # The plan: 11 699 NOK at 11.699 = 1 000,00 €, as before; the payment of Thursday
    # 20 May at Wednesday's 11.25 = 1 022,22 €.
    assert figures(db) == (D("1000.00"), D("1022.22"), [("NOK", D("11.699"))])

    dialog = tab.reprice(exec_dialog=False)
    assert [dialog.at.itemText(i) for i in range(dialog.at.count())] == [
        "ECB kursi, 2027. gada 19. maijs"
    ]
    assert dialog.preview.text() == (
        "NOK: 11,699 → 11,2500\nPlānotā kopsumma: 1\xa0000,00\xa0€ → 1\xa0039,91\xa0€"
    )
    assert figures(db)[0] == D("1000.00")  # shown, not done
    assert tab.apply_reprice(dialog)
    assert figures(db) == (D("1039.91"), D("1022.22"), [("NOK", D("11.2500"))])
    assert visit_budget(db, "BERGEN-2027").rates[0].source == "ECB"

    window.context.stack.undo()  # the re-pricing alone
    assert figures(db) == (D("1000.00"), D("1022.22"), [("NOK", D("11.699"))])
    window.context.stack.undo()  # then the import
    assert figures(db)[1] == D("982.99")  # no rate of the day held: the plan's, warned
    window.context.stack.redo()
    window.context.stack.redo()
    assert figures(db)[0] == D("1039.91")


def test_a_reported_visits_figures_do_not_move_unless_asked(
    qtbot, db: Database, tmp_path, bergen_2027
) -> None:
    visit_id = bergen_2027(status="completed")  # InforEuro rule
    _status(db, "reported")
    reported = figures(db)
    path = tmp_path / "inforeuro-2027-05.json"
    path.write_text(json.dumps(MAY), encoding="utf-8")
    window, tab = open_budget(qtbot, db, visit_id)
    questions: list[str] = []
    tab.ask_reported = lambda text: questions.append(text) or False
    tab.import_ecb(str(path))
    assert questions == [
        "BERGEN-2027 is reported, and these rates would change the figures it was reported "
        "with; nothing was imported (import them on purpose to change them)"
    ]
    assert figures(db) == reported and visit_budget(db, "BERGEN-2027").dated == []
    assert window.context.stack.count() == 0

    tab.ask_reported = lambda text: True  # on purpose: taken, one undo step
    tab.import_ecb(str(path))
    assert figures(db)[1] == D("1023.63")
    window.context.stack.undo()
    assert figures(db) == reported

    # A file that moves nothing (the day's rates, the plan keeps its own) is not asked.
    daily = tmp_path / "eurofxref.csv"
    daily.write_text("Date, USD, NOK, \n05 April 2027, 1.0750, 11.6990, \n", encoding="utf-8")
    questions.clear()
    tab.ask_reported = lambda text: questions.append(text) or False
    tab.ask_reprice = lambda question: False
    tab.import_ecb(str(daily))
    assert questions == [] and figures(db) == reported

    dialog = tab.reprice(exec_dialog=False)  # the dialog says what re-pricing would do
    assert "This visit is reported: re-pricing changes the figures it was reported with." in [
        label.text() for label in dialog.findChildren(QLabel)
    ]


def test_the_command_line_refuses_to_move_a_reported_visit(
    cli, db: Database, db_path, tmp_path, bergen_2027
) -> None:
    bergen_2027(status="completed")
    _status(db, "reported")
    reported = figures(db)
    path = tmp_path / "inforeuro-2027-05.json"
    path.write_text(json.dumps(MAY), encoding="utf-8")
    run = cli("--db", db_path, "rates", "import", "BERGEN-2027", path)
    assert run.code == 2 and "BERGEN-2027 is reported" in run.err
    assert figures(db) == reported
    run = cli("--db", db_path, "rates", "import", "BERGEN-2027", path, "--reported")
    assert run.code == 0, run.err
    assert figures(db)[1] == D("1023.63")

    run = cli("--db", db_path, "rates", "reprice", "BERGEN-2027", "--inforeuro", "2027-05")
    assert run.code == 2 and "re-pricing its plan changes the figures" in run.err
    assert figures(db)[0] == D("1000.00")
    run = cli(
        "--db", db_path, "rates", "reprice", "BERGEN-2027", "--inforeuro", "2027-05", "--reported"
    )
    assert run.code == 0, run.err
    assert run.out.splitlines() == ["NOK: 11.699 → 11.2345", "Planned total: €1,000.00 → €1,041.35"]
    assert figures(db)[0] == D("1041.35")
    run = cli(
        "--db", db_path, "rates", "reprice", "BERGEN-2027", "--ecb", "2027-05-19", "--reported"
    )
    assert run.code == 2 and "nothing to re-price" in run.err
    assert dt.date(2027, 5, 1) in {r.date for r in visit_budget(db, "BERGEN-2027").dated}


def test_a_plan_re_priced_at_the_projects_fixed_rate_names_it_in_the_users_language(
    db: Database,
    bergen_2027,
) -> None:
    """The rate's source is shown beside it in the rates table and the documents: a Latvian
    finance officer reads "fiksēts kurss", an English one "fixed rate", not a code word."""
    from app.services import projects
    from app.services.reprice import RepriceAt, reprice_plan

    visit_id = bergen_2027(rule="fixed", status="completed")
    project = projects.list_projects(db)[0]
    projects.update_project(
        db, project.id, project.version, reported_ok=True, fixed_rates={"NOK": "11.5"}
    )
    for language, word in (("lv", "fiksēts kurss"), ("en", "fixed rate")):
        i18n.set_language(language)
        try:
            reprice_plan(db, visit_id, RepriceAt("fixed"), reported_ok=True)
        finally:
            i18n.set_language("en")
        (rate,) = visit_budget(db, visit_id).rates
        assert (rate.per_base, rate.source) == (D("11.5"), word)
        with db.write() as s:  # back to the plan's ECB rate for the second language
            s.query(ExchangeRate).filter(ExchangeRate.kind == "plan").one().per_base = D("11.699")
