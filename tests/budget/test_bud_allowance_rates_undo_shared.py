"""Undoing an import of the daily-allowance rate table on a database colleagues share.

The allowance-rate table (Cabinet Regulation No. 969's annex) is the whole program's:
every visit and every colleague on the office database (or one SQLite file in two
windows) uses it. Undoing A's import put back the WHOLE table as it was before: a rate B
typed after it was silently taken back. Now undo and redo touch the rates the import
wrote only, and refuse (changing nothing) when one of those was changed since.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from app import i18n
from app.operations.allowances import ImportAllowanceRates
from app.services.base import StaleEdit
from app.services.budget import (
    create_allowance_rate,
    list_allowance_rates,
    update_allowance_rate,
)
from db.engine import Database

MK969 = "MK not. Nr. 969, 1. pielikums"
# From 29 October 2027 Norway's rate rises; Poland's arrives; the 2011 Norway row is corrected.
IMPORT = (
    "country;daily;accommodation_cap;valid_from;source\n"
    f"NO;72,00;150,00;01.11.2011;{MK969}\n"
    f"NO;80,00;160,00;29.10.2027;{MK969}\n"
    f"Polija;55,00;120,00;01.10.2027;{MK969}\n"
)


def table(db: Database) -> dict[tuple[str, dt.date], tuple]:
    return {
        (r.country, r.valid_from): (r.daily_minor, r.accommodation_cap_minor)
        for r in list_allowance_rates(db)
    }


def typed(db: Database, country: str, valid_from: dt.date, daily: str) -> None:
    """B types a rate in the allowance-rate dialog: over the one shown, or a new one."""
    row = next(
        (r for r in list_allowance_rates(db, country=country) if r.valid_from == valid_from),
        None,
    )
    if row is None:
        create_allowance_rate(db, country=country, daily=daily, valid_from=valid_from)
    else:
        update_allowance_rate(db, row.id, row.version, daily=daily)


def content(path: Path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return list(con.iterdump())
    finally:
        con.close()


@pytest.fixture
def two_windows(db_path: Path):
    a, b = (Database(f"sqlite:///{db_path}") for _ in range(2))
    create_allowance_rate(
        a, country="NO", daily="70.00", accommodation_cap="150.00", valid_from="2011-11-01"
    )
    create_allowance_rate(a, country="SE", daily="64.00", valid_from="2011-11-01")
    yield a, b
    a.dispose()
    b.dispose()


BEFORE = {("NO", dt.date(2011, 11, 1)): (7000, 15000), ("SE", dt.date(2011, 11, 1)): (6400, None)}
IMPORTED = {
    ("NO", dt.date(2011, 11, 1)): (7200, 15000),
    ("NO", dt.date(2027, 10, 29)): (8000, 16000),
    ("PL", dt.date(2027, 10, 1)): (5500, 12000),
}


def test_undo_takes_back_the_imports_rates_and_leaves_a_colleagues(two_windows) -> None:
    a, b = two_windows
    assert table(b) == BEFORE
    step = ImportAllowanceRates(a, IMPORT)
    step.do()
    assert step.counts == (2, 1)
    assert table(b) == {**BEFORE, **IMPORTED}
    typed(b, "SE", dt.date(2011, 11, 1), "66.00")
    typed(b, "DK", dt.date(2027, 11, 1), "75.00")
    colleague = {
        ("SE", dt.date(2011, 11, 1)): (6600, None),
        ("DK", dt.date(2027, 11, 1)): (7500, None),
    }

    step.undo()
    assert table(a) == {**BEFORE, **colleague}  # Norway's 70 back, B's SE and DK stand
    step.do()
    assert table(b) == {**BEFORE, **IMPORTED, **colleague}
    step.undo()
    assert table(b) == {**BEFORE, **colleague}


@pytest.mark.parametrize(
    ("lang", "refusal"),
    [
        (
            "en",
            "Someone else changed the daily allowance rate for Poland from {day} after this "
            "step; nothing was undone.",
        ),
        (
            "lv",
            "Kāds cits pēc šī soļa mainīja dienas naudas normu (Polija, spēkā no {day}); nekas "
            "netika atsaukts.",
        ),
    ],
)
def test_undo_is_refused_over_a_rate_of_the_import_a_colleague_changed(
    two_windows, db_path, lang, refusal
) -> None:
    a, b = two_windows
    step = ImportAllowanceRates(a, IMPORT)
    step.do()
    typed(b, "PL", dt.date(2027, 10, 1), "56.00")
    i18n.set_language(lang)
    before = content(db_path)
    with pytest.raises(StaleEdit) as refused:
        step.undo()
    day = i18n.date_text(dt.date(2027, 10, 1))
    assert str(refused.value) == refusal.format(day=day)
    assert content(db_path) == before
    assert table(a)[("PL", dt.date(2027, 10, 1))] == (5600, 12000)
