"""A reported visit's figures never move by themselves (issue 12), whichever file brings
the rates: the filled-in rate table too, as the ECB and InforEuro files already are.

The Stockholm visit was reported with a SEK taxi line that had no rate (shown as "—",
left out of the totals). A rate table giving SEK 11,2 would put 112,00 € into the
reported totals without a word; it is refused unless asked for on purpose — in the window
(asked, default No) and on the command line (``--reported``) alike.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from app.services.budget_report import visit_budget
from app.services.ecb_rates import ReportedFigures
from app.services.rate_table import import_rate_table
from db.models import BudgetLine, Visit
from tests.ui.conftest import open_budget

TABLE = "Valūta;Kurss par 1 EUR;Datums;Avots\r\nSEK;11,2;30.03.2027;Swedbank\r\n"


def stockholm(db) -> int:
    with db.write() as s:
        v = Visit(
            code="STOCKHOLM-2027",
            title="Vizīte Stokholmā",
            timezone="Europe/Stockholm",
            start_date=dt.date(2027, 4, 6),
            end_date=dt.date(2027, 4, 9),
            base_currency="EUR",
            status="reported",
        )
        s.add(v)
        s.flush()
        s.add(
            BudgetLine(
                visit_id=v.id,
                category="local_transport",
                description="Taksometrs",
                quantity=D(1),
                unit_price=D("1254.40"),
                currency="SEK",
            )
        )
        s.add(
            BudgetLine(
                visit_id=v.id,
                category="other",
                description="Ziedi",
                quantity=D(1),
                unit_price=D("40"),
                currency="EUR",
            )
        )
        return v.id


def planned(db) -> D:
    return visit_budget(db, "STOCKHOLM-2027").totals.overall.planned


def test_the_service_refuses_unless_on_purpose(db) -> None:
    stockholm(db)
    assert planned(db) == D("40.00")
    with pytest.raises(ReportedFigures, match="STOCKHOLM-2027 is reported"):
        import_rate_table(db, "STOCKHOLM-2027", TABLE)
    assert planned(db) == D("40.00") and visit_budget(db, "STOCKHOLM-2027").rates == []
    import_rate_table(db, "STOCKHOLM-2027", TABLE, reported_ok=True)
    assert planned(db) == D("152.00")


def test_the_command_line_asks_for_reported(cli, db, db_path, tmp_path) -> None:
    stockholm(db)
    path = tmp_path / "kursi.csv"
    path.write_text(TABLE, encoding="utf-8")
    run = cli("--db", db_path, "rates", "import", "STOCKHOLM-2027", path)
    assert run.code == 2 and "is reported" in run.err, run.err
    assert planned(db) == D("40.00")
    run = cli("--db", db_path, "rates", "import", "STOCKHOLM-2027", path, "--reported")
    assert run.code == 0, run.err
    assert planned(db) == D("152.00")


def test_the_window_asks_and_no_changes_nothing(qtbot, db, tmp_path) -> None:
    visit_id = stockholm(db)
    window, tab = open_budget(qtbot, db, visit_id)
    questions: list[str] = []
    tab.ask_reported = lambda text: questions.append(text) or False
    path = tmp_path / "kursi.csv"
    path.write_text(TABLE, encoding="utf-8")
    tab.import_ecb(str(path))
    assert len(questions) == 1 and "STOCKHOLM-2027 is reported" in questions[0]
    assert planned(db) == D("40.00")
    tab.ask_reported = lambda text: True  # on purpose: taken, one undo step
    tab.import_ecb(str(path))
    assert planned(db) == D("152.00")
    window.context.stack.undo()
    assert planned(db) == D("40.00")
