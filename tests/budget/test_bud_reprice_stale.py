"""Re-pricing the plan on a database two coordinators share: what it shows and what it
writes are one reading of the plan, and a colleague's rate typed in between is never
written over.

The Bergen visit of May 2027 plans a NOK hotel (11 699 NOK at 11.699) and a PLN coach
(4 315 PLN at 4.3150), both paid after the trip; the ECB file holds the rates of
19 May. Two ``Database`` objects on one file are the two windows.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from pathlib import Path

import pytest

from app import i18n
from app.operations.budget import RepricePlan
from app.services.budget import (
    create_budget_line,
    create_exchange_rate,
    list_exchange_rates,
    update_exchange_rate,
)
from app.services.ecb_rates import import_ecb_rates
from app.services.reprice import RepriceAt, StalePlan, reprice_plan, repricing
from app.services.visits import create_visit
from db.engine import Database

CODE = "BERGEN-2027"
AT = RepriceAt("ecb", dt.date(2027, 5, 19))
HISTORY = (
    "Date,USD,NOK,PLN,\n"
    "2027-05-21,1.0810,11.2700,4.2990,\n"
    "2027-05-19,1.0801,11.2500,4.2950,\n"
    "2027-05-18,1.0799,11.3000,4.3010,\n"
    "2027-04-05,1.0750,11.6990,4.3150,\n"
)


def bergen_with_rates(db: Database) -> int:
    """The visit with its two plan rates, two lines paid after the trip, the ECB file."""
    visit_id = create_visit(
        db,
        code=CODE,
        title="Pieredzes vizīte Bergenā",
        timezone="Europe/Oslo",
        country="NO",
        city="Bergen",
        start_date=dt.date(2027, 5, 10),
        end_date=dt.date(2027, 5, 13),
        status="completed",
    ).id
    for currency, rate in (("NOK", "11.699"), ("PLN", "4.3150")):
        create_exchange_rate(
            db, visit_id, currency=currency, per_base=D(rate), date=dt.date(2027, 4, 5)
        )
    for line in (
        ("accommodation", "Viesnīca “Bryggen”", "11699", "NOK", "11500.00", 20),
        ("local_transport", "Autobuss Gdańsk–Bergen (Przewozy)", "4315", "PLN", "4300.00", 21),
    ):
        category, text, price, currency, paid, day = line
        create_budget_line(
            db,
            visit_id,
            category=category,
            description=text,
            quantity=D(1),
            unit_price=D(price),
            currency=currency,
            actual_amount=D(paid),
            actual_date=dt.date(2027, 5, day),
            actual_paid=True,
        )
    import_ecb_rates(db, visit_id, HISTORY, day=dt.date(2027, 4, 5))
    return visit_id


def plan_rates(db: Database, visit_id: int) -> dict[str, D]:
    return {r.currency: r.per_base for r in list_exchange_rates(db, visit_id) if r.kind == "plan"}


def colleague_types_nok(db: Database, visit_id: int, rate: str) -> None:
    row = next(
        r for r in list_exchange_rates(db, visit_id) if r.kind == "plan" and r.currency == "NOK"
    )
    update_exchange_rate(db, row.id, row.version, per_base=D(rate))


@pytest.fixture
def two_windows(db_path: Path):
    mine, colleague = (Database(f"sqlite:///{db_path}") for _ in range(2))
    yield mine, colleague
    mine.dispose()
    colleague.dispose()


def test_a_plan_changed_after_the_preview_is_not_re_priced(two_windows) -> None:
    mine, colleague = two_windows
    visit_id = bergen_with_rates(mine)
    assert plan_rates(mine, visit_id) == {"NOK": D("11.699"), "PLN": D("4.3150")}
    shown = repricing(mine, CODE, AT)
    assert shown.changes == [
        ("NOK", D("11.699"), D("11.2500")),
        ("PLN", D("4.3150"), D("4.2950")),
    ]
    assert (shown.planned_before, shown.planned_after) == (D("2000.00"), D("2044.57"))

    colleague_types_nok(colleague, visit_id, "11.5000")  # while the preview is open
    with pytest.raises(StalePlan) as refused:
        reprice_plan(mine, CODE, AT, shown=shown)
    assert str(refused.value) == (
        "The plan's rates were changed by someone else after the re-pricing was shown; "
        "nothing was re-priced. Look at the re-pricing again."
    )
    # The colleague's rate stands, and nothing of the re-pricing was written
    assert plan_rates(mine, visit_id) == {"NOK": D("11.5000"), "PLN": D("4.3150")}

    again = repricing(mine, CODE, AT)  # looked at again: from 11.5000 now
    assert again.changes[0] == ("NOK", D("11.5000"), D("11.2500"))
    done = reprice_plan(mine, CODE, AT, shown=again)
    assert done.planned_after == D("2044.57")
    assert plan_rates(colleague, visit_id) == {"NOK": D("11.2500"), "PLN": D("4.2950")}


def test_the_refusal_is_latvian_in_a_latvian_window(two_windows) -> None:
    mine, colleague = two_windows
    visit_id = bergen_with_rates(mine)
    i18n.set_language("lv")
    shown = repricing(mine, CODE, AT)
    colleague_types_nok(colleague, visit_id, "11.5000")
    with pytest.raises(StalePlan) as refused:
        reprice_plan(mine, CODE, AT, shown=shown)
    assert str(refused.value) == (
        "Kamēr pārcenošana bija atvērta, plāna kursus mainīja kāds cits; nekas netika "
        "pārcenots. Apskatiet pārcenošanu vēlreiz."
    )


def test_undo_puts_back_the_colleagues_rate_not_an_older_one(two_windows) -> None:
    """The undo step read the plan's rates when it was made, before its transaction: a
    colleague's 11.5000 saved in between came back as 11.699 on undo."""
    mine, colleague = two_windows
    visit_id = bergen_with_rates(mine)
    step = RepricePlan(mine, visit_id, AT, reported_ok=True)
    colleague_types_nok(colleague, visit_id, "11.5000")
    step.do()
    assert plan_rates(colleague, visit_id) == {"NOK": D("11.2500"), "PLN": D("4.2950")}
    assert step.result.changes[0] == ("NOK", D("11.5000"), D("11.2500"))
    step.undo()
    assert plan_rates(colleague, visit_id) == {"NOK": D("11.5000"), "PLN": D("4.3150")}
    step.do()  # redo
    assert plan_rates(colleague, visit_id) == {"NOK": D("11.2500"), "PLN": D("4.2950")}
