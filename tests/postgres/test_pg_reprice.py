"""Re-pricing the plan on a shared PostgreSQL database while a colleague saves a plan rate:
the colleague's transaction commits while the re-pricing's runs, so the re-pricing's reading
is already out of date when it writes. It is refused in one sentence (before: a raw
``StaleDataError`` naming the SQL), and nothing of it is kept; the colleague's rate stands.
"""

from __future__ import annotations

import threading
import time

import pytest

pytest.importorskip("pgserver")
psycopg = pytest.importorskip("psycopg")

from decimal import Decimal as D  # noqa: E402

from app.services.reprice import StalePlan, reprice_plan  # noqa: E402
from tests.budget.test_bud_reprice_stale import (  # noqa: E402
    AT,
    CODE,
    bergen_with_rates,
    plan_rates,
)
from tests.postgres.test_pg_concurrent_import import _waiting_on_a_lock  # noqa: E402


def test_a_rate_saved_during_the_re_pricing_refuses_it(pg) -> None:
    visit_id = bergen_with_rates(pg)
    url = pg.engine.url.render_as_string(hide_password=False)
    plain = url.replace("postgresql+psycopg://", "postgresql://", 1)
    colleague = psycopg.connect(plain)  # the colleague's save, not yet committed
    colleague.execute(
        "UPDATE exchange_rate SET per_base = 11.5, version = version + 1 "
        "WHERE visit_id = %s AND currency = 'NOK' AND kind = 'plan'",
        (visit_id,),
    )
    outcome: list[BaseException | object] = []

    def mine() -> None:
        try:
            outcome.append(reprice_plan(pg, CODE, AT))
        except BaseException as exc:  # what the coordinator is told
            outcome.append(exc)

    worker = threading.Thread(target=mine)
    worker.start()
    deadline = time.monotonic() + 20
    while not _waiting_on_a_lock(plain) and time.monotonic() < deadline:
        time.sleep(0.05)  # the re-pricing read 11.699 and waits to write the NOK row
    colleague.commit()
    colleague.close()
    worker.join(30)
    assert len(outcome) == 1 and isinstance(outcome[0], StalePlan), outcome
    assert "changed by someone else" in str(outcome[0])
    assert plan_rates(pg, visit_id) == {"NOK": D("11.5"), "PLN": D("4.3150")}
