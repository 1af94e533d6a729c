"""Undoing a rate import on the office's PostgreSQL database, with a colleague saving rates.

The Trondheim–Gdańsk visit of October 2027 (``tests.budget.trondheim_rates``). A
colleague's rate saved after the import stands when the import is undone; a colleague's
save of a rate the import made, committed while the undo runs (the undo waits on the
row's lock, then finds its version moved on), refuses the undo in one sentence naming the
rate, and nothing of the undo is kept.
"""

from __future__ import annotations

import datetime as dt
import threading
import time

import pytest

pytest.importorskip("pgserver")
psycopg = pytest.importorskip("psycopg")

from app.operations.budget import ImportEcbRates, ImportRateTable  # noqa: E402
from app.services.base import StaleEdit  # noqa: E402
from app.storage import open_database  # noqa: E402
from tests.budget.trondheim_rates import (  # noqa: E402
    HISTORY,
    IMPORTED,
    TABLE,
    TYPED,
    rates,
    trondheim,
    types_rate,
)
from tests.postgres.test_pg_concurrent_import import _waiting_on_a_lock  # noqa: E402


def _versions(db, visit_id: int) -> list[tuple]:
    url = db.engine.url.render_as_string(hide_password=False)
    with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://", 1)) as conn:
        return conn.execute(
            "SELECT id, version, per_base, deleted_at FROM exchange_rate "
            "WHERE visit_id = %s ORDER BY id",
            (visit_id,),
        ).fetchall()


def test_undo_leaves_a_colleagues_rate_on_postgresql(pg) -> None:
    visit_id = trondheim(pg)
    colleague = open_database(pg.engine.url.render_as_string(hide_password=False))
    try:
        step = ImportEcbRates(pg, visit_id, HISTORY, day=dt.date(2027, 10, 22))
        step.do()
        types_rate(colleague, visit_id, "PLN", "4.2800")
        step.undo()
        typed = {**TYPED, ("plan", "PLN", None): ("4.2800", None)}
        assert rates(colleague, visit_id) == typed
        step.do()
        assert rates(colleague, visit_id) == {**typed, **IMPORTED}
    finally:
        colleague.dispose()


def test_a_save_committed_while_the_undo_runs_refuses_it(pg) -> None:
    visit_id = trondheim(pg)
    step = ImportRateTable(pg, visit_id, TABLE)
    step.do()
    url = pg.engine.url.render_as_string(hide_password=False)
    plain = url.replace("postgresql+psycopg://", "postgresql://", 1)
    colleague = psycopg.connect(plain)  # the colleague's save of SEK, not yet committed
    colleague.execute(
        "UPDATE exchange_rate SET per_base = '11.3900', version = version + 1 "
        "WHERE visit_id = %s AND currency = 'SEK' AND kind = 'plan'",
        (visit_id,),
    )
    outcome: list[BaseException | None] = []

    def undo() -> None:
        try:
            step.undo()
            outcome.append(None)
        except BaseException as exc:  # what the coordinator is told
            outcome.append(exc)

    worker = threading.Thread(target=undo)
    worker.start()
    deadline = time.monotonic() + 20
    while not _waiting_on_a_lock(plain) and time.monotonic() < deadline:
        time.sleep(0.05)  # the undo read SEK's version and waits to write its row
    colleague.commit()
    after_colleague = _versions(pg, visit_id)
    colleague.close()
    worker.join(30)
    assert len(outcome) == 1 and isinstance(outcome[0], StaleEdit), outcome
    assert str(outcome[0]) == (
        "Someone else changed the SEK plan rate after this step; nothing was undone."
    )
    assert _versions(pg, visit_id) == after_colleague  # nothing of the undo was kept
    assert rates(pg, visit_id)[("plan", "SEK", None)] == ("11.3900", "Swedbank")
    assert rates(pg, visit_id)[("plan", "DKK", None)] == ("7.4590", "Swedbank")
