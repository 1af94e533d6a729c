"""Undoing a rate step on a database two colleagues share: only the rows the step changed.

The Trondheim–Gdańsk visit of October 2027 (``trondheim_rates``): NOK and PLN paid after
the trip, plan rates typed by hand. Two ``Database`` objects on one SQLite file are the
two windows: A (the coordinator) and B (the finance officer).

Before this fix, undoing A's import (or A's re-pricing) put back the visit's WHOLE rate
table as it was before the step: B's hand-typed rate and B's later import went with it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from pathlib import Path

import pytest

from app import i18n
from app.operations.budget import (
    ImportEcbRates,
    ImportInforEuroRates,
    ImportRateTable,
    RepricePlan,
)
from app.services.base import StaleEdit
from app.services.ecb_rates import import_ecb_rates
from app.services.reprice import RepriceAt
from db.engine import Database
from db.models import ExchangeRate
from tests.budget.trondheim_rates import (
    HISTORY,
    IMPORTED,
    INFOREURO_NOVEMBER,
    TABLE,
    TYPED,
    content,
    rates,
    row_ids,
    trondheim,
    types_rate,
)


@pytest.fixture
def two_windows(db_path: Path):
    a, b = (Database(f"sqlite:///{db_path}") for _ in range(2))
    yield a, b
    a.dispose()
    b.dispose()


def test_undo_of_an_import_takes_back_its_rows_and_leaves_a_colleagues(two_windows) -> None:
    a, b = two_windows
    visit_id = trondheim(a)
    step = ImportEcbRates(a, visit_id, HISTORY, day=dt.date(2027, 10, 22))
    step.do()
    assert step.result.kept == ["NOK", "PLN"]
    assert rates(b, visit_id) == {**TYPED, **IMPORTED}
    # B, after the import: PLN typed anew, a SEK rate by hand, November's InforEuro rates
    types_rate(b, visit_id, "PLN", "4.2800")
    types_rate(b, visit_id, "SEK", "11.4500")
    ImportInforEuroRates(b, visit_id, INFOREURO_NOVEMBER, dt.date(2027, 11, 1)).do()
    colleague = {
        ("plan", "NOK", None): ("11.6500", None),
        ("plan", "PLN", None): ("4.2800", None),
        ("plan", "SEK", None): ("11.4500", None),
        ("inforeuro", "NOK", dt.date(2027, 11, 1)): ("11.7200", "InforEuro"),
        ("inforeuro", "PLN", dt.date(2027, 11, 1)): ("4.2900", "InforEuro"),
        ("inforeuro", "SEK", dt.date(2027, 11, 1)): ("11.4100", "InforEuro"),
    }
    assert rates(a, visit_id) == {**colleague, **IMPORTED}
    ids = row_ids(a, visit_id)

    step.undo()
    assert rates(a, visit_id) == colleague  # A's rows gone, B's all stand

    step.do()  # redo: A's very rows back, B's untouched
    assert rates(b, visit_id) == {**colleague, **IMPORTED}
    assert row_ids(a, visit_id) == ids
    step.undo()
    assert rates(b, visit_id) == colleague


@pytest.mark.parametrize(
    ("lang", "refusal"),
    [
        ("en", "Someone else changed the SEK plan rate after this step; nothing was undone."),
        ("lv", "Kāds cits pēc šī soļa mainīja SEK plāna kursu; nekas netika atsaukts."),
    ],
)
def test_undo_is_refused_when_a_colleague_changed_a_row_the_import_made(
    two_windows, db_path, lang, refusal
) -> None:
    a, b = two_windows
    visit_id = trondheim(a)
    step = ImportRateTable(a, visit_id, TABLE)
    step.do()
    assert rates(b, visit_id)[("plan", "SEK", None)] == ("11.4020", "Swedbank")
    types_rate(b, visit_id, "SEK", "11.3900")  # over the rate A's import made
    i18n.set_language(lang)
    before = content(db_path)
    with pytest.raises(StaleEdit) as refused:
        step.undo()
    assert str(refused.value) == refusal
    assert content(db_path) == before
    assert rates(a, visit_id)[("plan", "SEK", None)] == ("11.3900", "Swedbank")
    assert rates(a, visit_id)[("plan", "DKK", None)] == ("7.4590", "Swedbank")


def test_a_dated_rate_of_the_import_changed_since_is_named_by_its_day(two_windows, db_path):
    """The window edits plan rates only; a script on the office database (or a future
    editor of dated rates) may still change one the import stored."""
    a, b = two_windows
    visit_id = trondheim(a)
    step = ImportEcbRates(a, visit_id, HISTORY, day=dt.date(2027, 10, 22))
    step.do()
    with b.write() as session:
        row = session.query(ExchangeRate).filter_by(visit_id=visit_id, kind="ecb", currency="PLN")
        row.one().per_base = D("4.2811")
    before = content(db_path)
    for lang, refusal in (
        ("en", "Someone else changed the ECB rate for PLN of {day} after this step; nothing"),
        ("lv", "Kāds cits pēc šī soļa mainīja PLN ECB kursu uz {day}; nekas netika atsaukts."),
    ):
        i18n.set_language(lang)
        with pytest.raises(StaleEdit) as refused:
            step.undo()
        day = i18n.date_text(dt.date(2027, 11, 1))
        assert str(refused.value).startswith(refusal.format(day=day))
        assert content(db_path) == before


def test_redo_is_refused_when_a_colleague_typed_a_rate_where_one_comes_back(
    two_windows, db_path
) -> None:
    a, b = two_windows
    visit_id = trondheim(a)
    step = ImportRateTable(a, visit_id, TABLE)
    step.do()
    step.undo()
    assert ("plan", "SEK", None) not in rates(b, visit_id)
    types_rate(b, visit_id, "SEK", "11.3900")  # B types a SEK rate after the undo
    before = content(db_path)
    with pytest.raises(StaleEdit) as refused:
        step.do()
    assert str(refused.value) == (
        "Someone else changed the SEK plan rate after this step was undone; nothing was redone."
    )
    assert content(db_path) == before


def priced(db: Database) -> int:
    """The visit with both plan rates typed and the ECB history imported (dated rates)."""
    visit_id = trondheim(db)
    import_ecb_rates(db, visit_id, HISTORY, day=dt.date(2027, 10, 22))
    return visit_id


def reprice_at_ecb(db: Database, visit_id: int):
    """From the rates held: of 28 October the visit holds NOK's only (PLN keeps 4.3150)."""
    return RepricePlan(db, visit_id, RepriceAt("ecb", dt.date(2027, 10, 28)), reported_ok=True)


def reprice_from_file(db: Database, visit_id: int):
    day = dt.date(2027, 10, 28)
    return ImportEcbRates(db, visit_id, HISTORY, day=day, reprice=True, reported_ok=True)


@pytest.mark.parametrize(
    ("make", "repriced"),
    [
        (reprice_at_ecb, {("plan", "NOK", None): ("11.7125", "ECB")}),
        (
            reprice_from_file,
            {("plan", "NOK", None): ("11.7125", "ECB"), ("plan", "PLN", None): ("4.2755", "ECB")},
        ),
    ],
)
def test_undo_of_a_re_pricing_leaves_a_colleagues_rates(two_windows, make, repriced) -> None:
    a, b = two_windows
    visit_id = priced(a)
    held = rates(a, visit_id)
    assert held[("plan", "NOK", None)] == ("11.6500", None)
    step = make(a, visit_id)
    step.do()
    assert {k: v for k, v in rates(b, visit_id).items() if k[0] == "plan"} == {
        **TYPED,
        **repriced,
    }
    types_rate(b, visit_id, "SEK", "11.4500")
    ImportInforEuroRates(b, visit_id, INFOREURO_NOVEMBER, dt.date(2027, 11, 1)).do()
    colleague = {k: v for k, v in rates(b, visit_id).items() if k not in held}
    assert len(colleague) == 4  # SEK and November's three InforEuro rates

    step.undo()
    assert rates(a, visit_id) == {**held, **colleague}
    step.do()
    assert rates(a, visit_id) == {**held, **colleague, **repriced}


@pytest.mark.parametrize("make", [reprice_at_ecb, reprice_from_file])
def test_undo_of_a_re_pricing_is_refused_over_a_rate_a_colleague_typed_since(
    two_windows, db_path, make
) -> None:
    a, b = two_windows
    visit_id = priced(a)
    step = make(a, visit_id)
    step.do()
    types_rate(b, visit_id, "NOK", "11.7000")
    i18n.set_language("lv")
    before = content(db_path)
    with pytest.raises(StaleEdit) as refused:
        step.undo()
    assert str(refused.value) == (
        "Kāds cits pēc šī soļa mainīja NOK plāna kursu; nekas netika atsaukts."
    )
    assert content(db_path) == before
