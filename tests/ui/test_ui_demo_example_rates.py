"""The demo carries example daily-allowance rates, marked as examples, not the annex.

A new user starts the window on an empty database and takes the demo: its travellers get
an allowance (not "no rate" on each), and wherever the rate shows — the rate table, the
daily rate's tooltip, ``allowances list`` — its source says it is an example and not the
official rate. Loading the demo again adds nothing, and a table that already holds the
user's own rates is left alone. Latvian in the window, English at the command line.
"""

from __future__ import annotations

from decimal import Decimal as D

from PySide6.QtCore import Qt

from app import i18n
from app.demo import EXAMPLE_SOURCE, load_demo, load_example_rates
from app.services.allowances import allowance_plan, import_allowance_rates
from app.services.budget import list_allowance_rates
from app.services.visits import find_visit
from db.engine import Database
from tests.ui.conftest import open_tab


def test_the_window_demo_brings_example_rates_marked_so(qtbot, db: Database, monkeypatch) -> None:
    from ui import app as ui_app

    i18n.set_language("lv")
    monkeypatch.setattr(ui_app, "ask_for_demo", lambda parent: True)
    codes = ui_app.offer_demo(None, db)
    assert "DEMO-BERGEN-2014" in codes
    rates = list_allowance_rates(db)
    assert [(r.country, r.daily_minor, r.source) for r in rates] == [
        ("NO", 7000, EXAMPLE_SOURCE),
        ("PL", 5000, EXAMPLE_SOURCE),
    ]
    assert EXAMPLE_SOURCE.startswith("PIEMĒRS") and "not the official rate" in EXAMPLE_SOURCE

    plan = allowance_plan(db, "DEMO-BERGEN-2014")
    first = plan.travellers[0]
    assert first.allowance is not None and first.rate.source == EXAMPLE_SOURCE
    assert first.allowance.amount == D("280.00")  # four days at the example 70,00 €

    _window, tab = open_tab(qtbot, db, find_visit(db, "DEMO-BERGEN-2014").id, "allowances")
    tab.reload()
    model = tab.model
    column = next(
        c
        for c in range(model.columnCount())
        if model.headerData(c, Qt.Orientation.Horizontal) == "Dienas naudas norma"
    )
    tip = model.data(model.index(0, column), Qt.ItemDataRole.ToolTipRole)
    assert "PIEMĒRS (demo), nav oficiāla likme" in tip

    assert load_example_rates(db) == 0 and len(list_allowance_rates(db)) == 2


def test_the_command_line_demo_and_a_table_of_ones_own(cli, db: Database, db_path) -> None:
    run = cli("--db", db_path, "demo")
    assert run.code == 0 and run.out.splitlines()[-1] == (
        "Added 2 example daily-allowance rates, marked as examples (not the official "
        "rates); delete them once the annex of Regulation No. 969 is imported."
    )
    listing = cli("--db", db_path, "allowances", "list").out
    assert listing.count("example, not the official rate") == 2
    run = cli("--db", db_path, "demo")
    assert run.out == "The demo visits are already in the database.\n"


def test_ones_own_rates_are_left_alone(db: Database) -> None:
    import_allowance_rates(
        db,
        "country,daily,accommodation_cap,valid_from,source\n"
        "NO,55.00,160.00,2011-11-01,MK noteikumi Nr. 969\n",
    )
    load_demo(db)
    assert load_example_rates(db) == 0
    assert [(r.country, r.source) for r in list_allowance_rates(db)] == [
        ("NO", "MK noteikumi Nr. 969")
    ]
