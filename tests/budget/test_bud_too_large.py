"""Amounts beyond what the program holds (999 999 999 999,99, the 15 digits a spreadsheet
cell keeps exactly) are refused with one sentence that names the line, and nothing
changes: a line typed into the Bergen budget, a rate lowered under lines in NOK, a visit
file. A budget that already holds such a line (an older database) still adds up: the
line is left out of the totals, with a warning, instead of an internal error."""

from __future__ import annotations

import json
from decimal import Decimal as D

import pytest

from app import i18n
from app.domain.budget_totals import LineIn, compute
from app.domain.validation import Invalid
from app.services.budget import create_budget_line, list_exchange_rates, update_exchange_rate
from app.services.budget_report import visit_budget
from app.services.visits import find_visit


def _state(db):
    b = visit_budget(db, "DEMO-BERGEN-2014")
    return (
        len(b.lines),
        b.totals.overall.planned,
        b.totals.overall.actual,
        [(r.currency, r.per_base) for r in b.rates],
    )


@pytest.mark.parametrize(
    "lang, sentence",
    [
        (
            "en",
            "Budget line “Kruīza kuģa noma”: quantity × unit price comes to more than the "
            "program can hold (€999,999,999,999.99 at most, also in the base currency); "
            "nothing was saved.",
        ),
        (
            "lv",
            "Budžeta pozīcija “Kruīza kuģa noma”: daudzums × vienības cena pārsniedz to, ko "
            "programma var glabāt (ne vairāk kā 999 999 999 999,99 €, arī bāzes valūtā); "
            "nekas netika saglabāts.",
        ),
    ],
)
def test_a_line_too_large_for_the_program_is_refused_naming_it(bergen, lang, sentence) -> None:
    visit = find_visit(bergen, "DEMO-BERGEN-2014").id
    before = _state(bergen)
    with i18n.speaking(lang), pytest.raises(Invalid) as refused:
        create_budget_line(
            bergen,
            visit,
            category="other",
            description="Kruīza kuģa noma",
            quantity="99999999999999",
            unit_price="99999999999999",
            currency="NOK",
        )
    assert str(refused.value).replace("\xa0", " ") == sentence  # Babel: no-break spaces
    assert _state(bergen) == before


def test_a_paid_amount_too_large_is_refused_and_one_that_fits_is_kept(bergen) -> None:
    visit = find_visit(bergen, "DEMO-BERGEN-2014").id
    before = _state(bergen)
    with pytest.raises(
        Invalid,
        match=r"^Budget line “Autobuss 4\. dienā”: the paid amount "
        r"is more than the program can hold",
    ):
        create_budget_line(
            bergen,
            visit,
            category="local_transport",
            description="Autobuss 4. dienā",
            quantity="1",
            unit_price="6400.00",
            currency="NOK",
            actual_amount="1000000000000.00",
            actual_currency="NOK",
        )
    assert _state(bergen) == before
    # The largest amount there is: 999 999 999 999,99 EUR, kept to the cent.
    create_budget_line(
        bergen,
        visit,
        category="other",
        description="Robeža",
        quantity="1",
        unit_price="999999999999.99",
        currency="EUR",
    )
    after = visit_budget(bergen, "DEMO-BERGEN-2014")
    assert after.totals.overall.planned == before[1] + D("999999999999.99")


def test_a_lower_rate_that_would_blow_a_line_up_is_refused(bergen) -> None:
    visit = find_visit(bergen, "DEMO-BERGEN-2014").id
    create_budget_line(
        bergen,
        visit,
        category="venue",
        description="Grieghallen",
        quantity="1",
        unit_price="100000000.00",
        currency="NOK",
    )
    before = _state(bergen)
    nok = next(r for r in list_exchange_rates(bergen, visit) if r.currency == "NOK")
    # 100 000 000 NOK at 0.00001 NOK per euro would be 10^13 euros.
    with pytest.raises(Invalid, match=r"^Budget line “Grieghallen”: quantity × unit price"):
        update_exchange_rate(bergen, nok.id, nok.version, per_base="0.00001")
    assert _state(bergen) == before


def test_a_visit_file_with_a_line_too_large_imports_nothing(cli, bergen, db_path, tmp_path) -> None:
    out = tmp_path / "bergen.json"
    assert cli("--db", db_path, "export", "visit", "DEMO-BERGEN-2014", "--out", out).code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    data["budget"]["lines"][1]["quantity"] = "99999999999999"
    out.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    visits = cli("--db", db_path, "visits", "list", "--json").out
    run = cli("--db", db_path, "import", "visit", out, "--as", "BERGEN-COPY")
    assert run.code == 2 and run.err.count("\n") == 1
    assert (
        "Budget line “Radisson Blu Royal Hotel, 6 numuri × 3 naktis”: quantity × unit "
        "price comes to more than the program can hold" in run.err
    )
    assert "budget.lines[1].unit_price" in run.err
    assert cli("--db", db_path, "visits", "list", "--json").out == visits


def test_a_stored_line_beyond_the_limit_is_left_out_of_the_totals_with_a_warning() -> None:
    lines = [
        LineIn(1, "travel", "Lidmašīna", None, True, D("1"), None, D("386.00"), "EUR"),
        LineIn(
            2, "venue", "Zāle", None, True, D("99999999999999"), None, D("99999999999999"), "NOK"
        ),
        LineIn(
            3, "other", None, None, True, D("1"), None, D("10"), "EUR", D("5000000000000.00"), "EUR"
        ),
    ]
    totals = compute(lines, base="EUR", rates={"NOK": D("8.2550")})
    assert totals.overall.planned == D("386.00")  # the sane line, to the cent
    assert totals.overall.actual == D("0.00")
    [warning] = totals.warnings
    assert warning.kind == "too_large" and warning.line_id == 2
    assert warning.text == (
        "2 lines have an amount beyond what the program can hold "
        "(€999,999,999,999.99 at most) and are left out of the totals, "
        "the first “Zāle”"
    )
