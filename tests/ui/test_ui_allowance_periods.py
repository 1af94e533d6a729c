"""The Daily allowances tab on the Trondheim visit (tests/budget/norway_visit.py): a rate
table dated inside the trip shows both rates, so days × rate still reads as the amount; a
delegate with no flight home is named in the warnings; a visit we host shows no amounts."""

from __future__ import annotations

from app.services.allowances import import_allowance_rates
from tests.budget.norway_visit import flight, norway_visit


def tab_of(qtbot, db, visit_id: int):
    from ui.context import Context
    from ui.visit.allowances_tab import AllowancesTab

    tab = AllowancesTab(Context(db), visit_id)
    qtbot.addWidget(tab)
    tab.resize(1024, 700)
    tab.reload()
    return tab


def column(tab, header: str) -> list[str]:
    index = [c.header for c in tab.model.columns].index(header)
    return [row[index] for row in tab.row_texts()]


def test_rates_of_the_trip_no_return_and_a_hosted_visit(qtbot, db) -> None:
    trip = norway_visit(db, legs=False)
    karlis = trip.people[7]
    flight(db, trip.visit_id, "Rīga", "2027-10-27T06:50", "Trondheim", "2027-10-27T09:40")
    flight(
        db,
        trip.visit_id,
        "Trondheim",
        "2027-10-30T18:00",
        "Rīga",
        "2027-10-30T21:30",
        passengers=[p for p in trip.people if p != karlis],
    )
    import_allowance_rates(
        db, "country,daily,accommodation_cap,valid_from,source\nNO,80,170,2027-10-29,grozījumi\n"
    )
    tab = tab_of(qtbot, db, trip.visit_id)
    assert set(column(tab, "Daily rate")) == {"€70.00 → €80.00"}
    assert set(column(tab, "Reduced rate")) == {"€21.00 → €24.00"}
    assert set(column(tab, "Amount")) == {"€300.00"}
    assert tab.total.text() == "Total: €3,900.00"
    warnings = [tab.warnings.item(i).text() for i in range(tab.warnings.count())]
    assert "Kārlis Ābele: no return journey; the allowance is counted to Oct 30, 2027" in warnings

    hosted = norway_visit(
        db, code="NO-RIX-2027", direction="incoming", country="LV", timezone="Europe/Riga", rates=""
    )
    tab = tab_of(qtbot, db, hosted.visit_id)
    # Why it is empty, in one sentence above the table (even with no rate table: a
    # hosted visit needs none), not thirteen guests with a dash each
    assert tab.model.rowCount() == 0 and tab.total.isHidden()
    assert not tab.make_button.isEnabled() and not tab.missing.isHidden()
    assert tab.missing.text() == (
        "This is a visit we host: its guests get no Latvian daily allowances."
    )
    assert [tab.warnings.item(i).text() for i in range(tab.warnings.count())] == ["No warnings."]


def test_a_new_users_empty_rate_table_is_explained(qtbot, db) -> None:
    trip = norway_visit(db, rates="")
    tab = tab_of(qtbot, db, trip.visit_id)
    assert not tab.missing.isHidden()
    assert tab.missing.text().startswith(
        "The program comes with no daily allowance rates: Cabinet Regulation No. 969 sets "
        "them in its annex, and they change."
    )
    import_allowance_rates(db, "country,daily,valid_from\nSE,64,2011-11-01\n")
    tab.reload()  # a table, but no rate for Norway: the travellers' problem is named
    assert tab.missing.text().startswith(
        "Enter the daily allowance rate first: no daily allowance rate for Norway on"
    )
