"""The statistics' kept facts on a shared PostgreSQL database (issue 18, speed): the
change stamps' triggers (plpgsql there) catch every writer, so after random edits — by
this window and by another office's client on the same database — the facts as the
section loads them are exactly those of a full read, and only the changed visits are
read again."""

from __future__ import annotations

import pytest

pytest.importorskip("pgserver")
pytest.importorskip("psycopg")

from statistics_region import Region, check, random_edits

from app.storage import open_database
from db.change_stamps import stamps_hold


def test_the_stamp_triggers_are_in_place(pg):
    with pg.engine.connect() as c:
        assert stamps_hold(c)


def test_random_edits_by_two_clients_give_the_facts_of_a_full_read(pg):
    other = open_database(pg.url)  # another office's client
    try:
        read_again = random_edits(pg, [pg, other], 18, 40)
    finally:
        other.dispose()
    assert sum(read_again) < 3 * len(read_again)


def test_plain_sql_on_postgresql_moves_the_stamps(pg):
    region = Region(pg, 5)
    assert check(pg).read_again == len(region.visits)
    with pg.engine.begin() as c:
        c.exec_driver_sql(
            "UPDATE follow_up SET status = 'done' WHERE report_id IN "
            f"(SELECT id FROM report WHERE visit_id = {region.visits[2]})"
        )
        c.exec_driver_sql(
            f"UPDATE person SET organisation_id = NULL WHERE id = {region.persons[0]}"
        )
    assert check(pg).read_again >= 1
    assert check(pg).read_again == 0


def test_a_fresh_client_takes_the_facts_from_the_cache_file(pg):
    region = Region(pg, 11)
    check(pg)
    region.pay_in_nok(pg)
    later = open_database(pg.url)
    try:
        assert check(later).read_again == 1
    finally:
        later.dispose()
