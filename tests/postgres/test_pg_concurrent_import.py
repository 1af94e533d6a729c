"""Two coordinators import the same visit code at the same moment on a shared PostgreSQL
database: one import wins, the other gets the same sentence as on SQLite ("A visit with
the code … already exists") instead of a raw IntegrityError, and nothing of it is kept."""

from __future__ import annotations

import threading
import time

import pytest

pytest.importorskip("pgserver")
psycopg = pytest.importorskip("psycopg")

from app.interchange.visit_file import import_visit  # noqa: E402
from app.services.base import Duplicate  # noqa: E402
from app.services.visits import list_visits  # noqa: E402
from tests.interchange.visit_sample import dump, sample  # noqa: E402


def _waiting_on_a_lock(plain_url: str) -> bool:
    with psycopg.connect(plain_url, autocommit=True) as conn:
        row = conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
        ).fetchone()
        return bool(row and row[0])


def test_the_loser_of_two_simultaneous_imports_is_told_the_code_exists(pg) -> None:
    url = pg.engine.url.render_as_string(hide_password=False)
    plain = url.replace("postgresql+psycopg://", "postgresql://", 1)
    # The first import's transaction, not yet committed: its visit row holds the code.
    first = psycopg.connect(plain)
    first.execute(
        "INSERT INTO visit (code, title, kind, direction, status, timezone, start_date, "
        "end_date, base_currency, version, created_at, updated_at, uuid) VALUES ('T-BERGEN', "
        "'Pirmais', 'study_visit', 'outgoing', 'planned', 'Europe/Oslo', '2024-04-02', "
        "'2024-04-05', 'EUR', 1, now(), now(), '00000000-0000-4000-8000-00000000abcd')"
    )
    outcome: list[BaseException | str] = []

    def second() -> None:
        try:
            outcome.append(import_visit(pg, dump(sample())).code)
        except BaseException as exc:  # what the second coordinator is told
            outcome.append(exc)

    worker = threading.Thread(target=second)
    worker.start()
    deadline = time.monotonic() + 20
    while not _waiting_on_a_lock(plain) and time.monotonic() < deadline:
        time.sleep(0.05)  # the second import reached the unique index and waits on it
    first.commit()
    first.close()
    worker.join(30)
    assert len(outcome) == 1 and isinstance(outcome[0], Duplicate), outcome
    assert "already exists" in str(outcome[0])
    assert [(v.code, v.title) for v in list_visits(pg)] == [("T-BERGEN", "Pirmais")]
