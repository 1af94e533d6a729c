"""The Budget tab's rates and amounts: the ECB's zip, old rates refused or taken on
purpose with their day shown, amounts of 10^11 shown whole, a long warning wrapped, the
original-currency amounts and the eligible totals, and a new line's funding source."""

from __future__ import annotations

import datetime as dt
import zipfile
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.i18n import format_money
from tests.ui.conftest import open_budget

WORD = "Pārvadājumupakalpojumusniedzējs" * 9


def headers(model) -> list[str]:
    return [model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())]


def test_a_zip_sets_the_rate_with_its_date_column(qtbot, db, visit, tmp_path) -> None:
    from app.services.budget import create_exchange_rate

    create_exchange_rate(db, visit.id, currency="NOK", per_base="11.5", source="bank")
    path = tmp_path / "eurofxref-hist.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            "eurofxref-hist.csv",
            "Date,USD,NOK,\n2026-04-03,1.0788,11.7000,\n2026-04-02,1.07,11.6,\n",
        )
    _window, tab = open_budget(qtbot, db, visit.id)
    tab.ask_reprice = lambda question: True  # the plan had a rate: re-priced on purpose
    tab.import_ecb(str(path))
    assert headers(tab.rate_model) == ["Currency", "Rate", "Date", "Source"]
    row = [tab.rate_model.data(tab.rate_model.index(0, c)) for c in range(4)]
    assert row == ["NOK", "11.7000", "04/03/2026", "ECB"]
    # The visit starts on Monday 6 April: the rates of Friday 3 April, and it says so.
    assert tab.status.text() == (
        "Rates of Apr 3, 2026 set: NOK 11.7000. Apr 6, 2026 has no reference rates (a "
        "weekend or holiday); the rates of Apr 3, 2026 were taken."
    )


def test_a_file_that_is_not_text_is_one_translated_sentence(
    qtbot, db, visit, tmp_path, monkeypatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda parent, title, text, *a, **k: shown.append(text)
    )
    path = tmp_path / "rates.csv"
    path.write_bytes(b"\xe0\xff\x00\x01 not text")
    _window, tab = open_budget(qtbot, db, visit.id)
    tab.import_ecb(str(path))
    assert len(shown) == 1 and "rates.csv" in shown[0]
    assert "codec" not in shown[0] and "not text" in shown[0]
    assert tab.rate_model.rowCount() == 0


def test_rates_years_older_than_the_visit_are_asked_about(
    qtbot, db, visit, tmp_path, monkeypatch
) -> None:
    from app.services.budget import create_budget_line, create_exchange_rate

    path = tmp_path / "eurofxref-hist.csv"
    path.write_text(
        "Date,NOK,PLN,\n2014-04-01,8.2615,4.1790,\n2014-03-31,8.2550,4.1719,\n", encoding="utf-8"
    )
    create_exchange_rate(db, visit.id, currency="PLN", per_base="4.30")
    create_budget_line(
        db, visit.id, category="venue", quantity="1", unit_price="430", currency="PLN"
    )
    _window, tab = open_budget(qtbot, db, visit.id)
    asked: list[str] = []

    def refuse(problem: str) -> bool:
        asked.append(problem)
        return False

    monkeypatch.setattr(tab, "ask_old_rates", refuse)
    monkeypatch.setattr(tab, "ask_reprice", lambda question: True)
    tab.import_ecb(str(path))
    assert asked and "04/01/2014" in asked[0]
    assert tab.rate_model.data(tab.rate_model.index(0, 1)) == "4.30"  # nothing changed
    monkeypatch.setattr(tab, "ask_old_rates", lambda problem: True)
    tab.import_ecb(str(path))
    assert [tab.rate_model.data(tab.rate_model.index(0, c)) for c in (1, 2)] == [
        "4.1790",
        "04/01/2014",
    ]
    assert "Rates of Apr 1, 2014 set: PLN 4.1790." in tab.status.text()
    tab.context.stack.undo()
    assert tab.rate_model.data(tab.rate_model.index(0, 1)) == "4.30"


def test_huge_amounts_show_whole_and_labels_keep_their_room(qtbot, db, visit) -> None:
    from app.services.budget import create_budget_line

    create_budget_line(
        db,
        visit.id,
        category="travel",
        description="Lidmašīna",
        quantity="1",
        unit_price="99999999952",
        currency="EUR",
        actual_amount="100000000000.00",
    )
    _window, tab = open_budget(qtbot, db, visit.id)
    tab.resize(900, 700)
    tab.show()
    qtbot.waitExposed(tab)
    header = tab.totals.header()
    metrics = tab.totals.fontMetrics()
    assert header.sectionSize(0) >= 120  # the labels are not squeezed to "…"
    for i in range(tab.totals.topLevelItemCount()):
        item = tab.totals.topLevelItem(i)
        for column in (1, 2, 3):  # every digit of every amount
            needed = metrics.horizontalAdvance(item.text(column))
            assert header.sectionSize(column) >= needed, (item.text(column), column)
    rows = {row[0].strip(): row[1:] for row in tab.total_texts()}
    assert rows["Overall"][2] == format_money(Decimal("48.00"), "EUR")
    assert rows["Overall"][1] == format_money(Decimal("100000000000"), "EUR")


def test_the_tab_has_eligible_totals_and_original_amounts_with_the_rate_date(
    qtbot, db, visit
) -> None:
    from app.services.budget import create_budget_line, create_exchange_rate

    create_exchange_rate(
        db, visit.id, currency="NOK", per_base="11.5", source="ECB", date=dt.date(2026, 4, 3)
    )
    create_budget_line(
        db,
        visit.id,
        category="accommodation",
        quantity="3",
        unit_price="1290",
        currency="NOK",
        actual_amount="3870.00",
    )
    create_budget_line(
        db,
        visit.id,
        category="gifts",
        quantity="1",
        unit_price="20",
        currency="EUR",
        eligible=False,
    )
    _window, tab = open_budget(qtbot, db, visit.id)
    rows = {row[0].strip(): row[1:] for row in tab.total_texts()}
    assert rows["Eligible costs"][0] == format_money(Decimal("336.52"), "EUR")  # 3870/11.5
    assert rows["Ineligible costs"][0] == format_money(Decimal("20.00"), "EUR")
    names = headers(tab.model)
    planned_nok = tab.model.data(tab.model.index(0, names.index("Planned in its currency")))
    assert planned_nok == format_money(Decimal("3870"), "NOK")
    actual_nok = tab.model.data(tab.model.index(0, names.index("Actual in its currency")))
    assert actual_nok == format_money(Decimal("3870.00"), "NOK")
    tip = tab.model.data(tab.model.index(0, names.index("Planned")), Qt.ItemDataRole.ToolTipRole)
    assert "11.5" in tip and "04/03/2026" in tip and "ECB" in tip
    assert format_money(Decimal("336.52"), "EUR") in tip


def test_a_long_warning_wraps_inside_the_list(qtbot, db, visit) -> None:
    from app.services.budget import create_budget_line, create_funding_source

    create_funding_source(db, visit.id, name=WORD[:290], share="50")
    create_budget_line(
        db, visit.id, category="other", quantity="1", unit_price="10", currency="EUR"
    )
    _window, tab = open_budget(qtbot, db, visit.id)
    tab.resize(900, 700)
    tab.show()
    qtbot.waitExposed(tab)
    texts = [tab.warnings.item(i).text() for i in range(tab.warnings.count())]
    long = next(i for i, t in enumerate(texts) if WORD[:60] in t.replace("\u200b", ""))
    assert WORD[:60] not in texts[long]  # the long word got places to break
    assert tab.warnings.item(long).toolTip() == texts[long].replace("\u200b", "")
    qtbot.waitUntil(
        lambda: (
            tab.warnings.visualItemRect(tab.warnings.item(long)).height()
            > 2 * tab.warnings.fontMetrics().height()
        )
    )  # wrapped, not clipped
    assert tab.warnings.horizontalScrollBar().maximum() == 0


def test_a_new_line_starts_with_the_last_lines_source(qtbot, db, visit) -> None:
    from app.services.budget import create_budget_line, create_funding_source

    grant = create_funding_source(db, visit.id, name="EEZ grants", share="85")
    own = create_funding_source(db, visit.id, name="Pašu līdzekļi", share="15", is_grant=False)
    _window, tab = open_budget(qtbot, db, visit.id)
    assert tab.add_line(exec_dialog=False).source.currentData() == grant.id  # the grant
    create_budget_line(
        db,
        visit.id,
        category="other",
        quantity="1",
        unit_price="10",
        currency="EUR",
        funding_source_id=own.id,
    )
    tab.reload()
    assert tab.add_line(exec_dialog=False).source.currentData() == own.id


def test_undo_and_redo_of_an_import_restore_the_very_rates(qtbot, db, visit, tmp_path) -> None:
    """Undo puts back the rates the file changed (their own rows, values as they were, in
    one step); redo sets the file's rates again."""
    from app.services.budget import create_exchange_rate, list_exchange_rates

    nok = create_exchange_rate(
        db, visit.id, currency="NOK", per_base="11.5", source="bank", date=dt.date(2026, 3, 1)
    )
    pln = create_exchange_rate(db, visit.id, currency="PLN", per_base="4.1")
    path = tmp_path / "eurofxref.csv"
    path.write_text("Date,NOK,PLN,\n2026-04-03,11.7000,4.2800,\n", encoding="utf-8")
    window, tab = open_budget(qtbot, db, visit.id)
    tab.ask_reprice = lambda question: True

    def rates() -> list[tuple[object, ...]]:
        return [
            (r.id, r.currency, str(r.per_base), r.date, r.source)
            for r in list_exchange_rates(db, visit.id)
        ]

    tab.import_ecb(str(path))
    imported = rates()
    assert [(c, p) for _i, c, p, _d, _s in imported] == [("NOK", "11.7000"), ("PLN", "4.2800")]
    window.context.stack.undo()
    assert rates() == [
        (nok.id, "NOK", "11.5", dt.date(2026, 3, 1), "bank"),
        (pln.id, "PLN", "4.1", None, None),
    ]
    window.context.stack.redo()
    assert rates() == imported
