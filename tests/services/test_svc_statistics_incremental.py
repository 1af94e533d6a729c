"""The statistics' facts kept across commits (issue 18, speed): after any change, the facts
put together from what was kept and the visits read again are exactly those a full read
gives — whoever wrote the change (this program's services, a second window on the same
file, plain SQL), and also in a freshly started program that takes them from the cache
file. Only the visits whose change stamps moved are read again.

The edits are random but seeded, made through the program's own services on later visits
(not the first), of every kind the figures read: participants added, declined, deleted;
lines added, paid in NOK on a date, deleted; rates changed and dated rates added; a
project's rate rule and fixed rates; a person moving organisation or deleted; programme
hosts; follow-ups closed, added and deleted; grant flags; visits cancelled and moved.
"""

from __future__ import annotations

import marshal
import sqlite3

import pytest
from statistics_region import Region, check, random_edits  # tests/ is on the path

from app.services import statistics_cache as cache
from db.engine import Database

EDITS = 70


@pytest.mark.parametrize("seed", [18, 1918])
def test_random_edits_give_the_facts_of_a_full_read(db, seed):
    read_again = random_edits(db, [db], seed, EDITS)
    # a change reads a few visits again, never all six each time
    assert sum(read_again) < 3 * EDITS
    assert 0 in read_again or min(read_again) <= 1


def test_a_second_window_on_the_same_file_edits_while_the_first_keeps_facts(db, db_path):
    other = Database(f"sqlite:///{db_path}")
    try:
        random_edits(db, [other, db], 7, EDITS)
    finally:
        other.dispose()


def test_one_saved_edit_reads_one_visit_again(db):
    region = Region(db, 3)
    assert check(db).read_again == len(region.visits)  # the first load reads them all
    assert check(db).read_again == 0  # nothing saved: nothing read
    region.pay_in_nok(db)
    assert check(db).read_again == 1


def test_plain_sql_writers_are_caught_by_the_triggers(db, db_path):
    region = Region(db, 5)
    check(db)
    visit_id = region.visits[2]
    con = sqlite3.connect(db_path)
    with con:
        con.execute(
            "UPDATE budget_line SET actual_minor = 123456, actual_currency = 'EUR' "
            "WHERE visit_id = ?",
            (visit_id,),
        )
        con.execute(
            "UPDATE participation SET status = 'declined' WHERE visit_id = ?", (region.visits[3],)
        )
        con.execute(
            "UPDATE person SET organisation_id = ? WHERE id = ?",
            (region.orgs[0], region.persons[0]),
        )
        con.execute("DELETE FROM follow_up")
    con.close()
    assert check(db).read_again >= 2


def test_a_fresh_program_takes_the_facts_from_the_cache_file(db, db_path):
    region = Region(db, 11)
    check(db)
    assert cache.path_for(db).exists()
    region.pay_in_nok(db)
    region.move_person(db)
    later = Database(f"sqlite:///{db_path}")  # as a program started again
    try:
        facts = check(later)
        assert facts.read_again <= 1 + len(region.visits) - 1  # not more than were touched
        assert check(later).read_again == 0
        # a change while it was closed, in plain SQL, is read again in the next one
        con = sqlite3.connect(db_path)
        with con:
            con.execute("DELETE FROM participation WHERE visit_id = ?", (region.visits[1],))
        con.close()
    finally:
        later.dispose()
    again = Database(f"sqlite:///{db_path}")
    try:
        assert check(again).read_again == 1
    finally:
        again.dispose()


def test_a_database_put_back_from_a_copy_is_not_answered_from_the_cache(db, db_path, tmp_path):
    """A copy put back and then changed otherwise: its stamps are new random numbers, so
    the facts kept of the later state are never taken for it."""
    region = Region(db, 13)
    check(db)
    db.dispose()
    copy = tmp_path / "copy.db"
    source = sqlite3.connect(db_path)
    target = sqlite3.connect(copy)
    source.backup(target)
    source.close()
    target.close()
    first = Database(f"sqlite:///{db_path}")
    region.pay_in_nok(first)
    region.drop_participant(first)
    check(first)
    first.dispose()
    back = sqlite3.connect(copy)
    target = sqlite3.connect(db_path)
    back.backup(target)
    back.close()
    target.close()
    restored = Database(f"sqlite:///{db_path}")
    try:
        region.rng.seed(99)
        region.pay_in_nok(restored)
        region.drop_participant(restored)
        check(restored)
    finally:
        restored.dispose()


@pytest.mark.parametrize("damage", ["garbage", "truncated", "foreign", "wrong types"])
def test_a_damaged_or_foreign_cache_file_is_not_used(db, db_path, damage):
    region = Region(db, 17)
    check(db)
    path = cache.path_for(db)
    data = marshal.loads(path.read_bytes())
    # people: wrong, and must not be shown
    wrong = tuple((*entry[:3], 999, *entry[4:]) for entry in data["worked"])
    if damage == "garbage":
        path.write_bytes(b"\x00\xffnot what was written")
    elif damage == "truncated":
        path.write_bytes(path.read_bytes()[:200])
    elif damage == "foreign":
        path.write_bytes(marshal.dumps({**data, "mark": "0001|another", "worked": wrong}))
    else:
        broken = ((*data["worked"][0][:3], "nobody", *data["worked"][0][4:]), *wrong[1:])
        path.write_bytes(marshal.dumps({**data, "worked": broken}))
    region.decline(db)
    later = Database(f"sqlite:///{db_path}")
    try:
        facts = check(later)
        assert facts.read_again == len(region.visits)
        assert all(v.people < 999 for v in facts.visits)
    finally:
        later.dispose()


def test_without_its_triggers_nothing_kept_is_trusted(db, db_path):
    """A later migration that recreated a table and forgot its triggers: every visit is
    read again on every load (slower, never wrong)."""
    region = Region(db, 19)
    check(db)
    con = sqlite3.connect(db_path)
    with con:
        con.execute("DROP TRIGGER visit_stamp_budget_line_au")
        con.execute("UPDATE budget_line SET quantity = '7' WHERE visit_id = ?", (region.visits[2],))
    con.close()
    later = Database(f"sqlite:///{db_path}")
    try:
        assert check(later).read_again == len(region.visits)
        assert check(later).read_again == len(region.visits)
    finally:
        later.dispose()


def test_the_cache_file_holds_numbers_only(db):
    Region(db, 23)
    check(db)
    written = cache.path_for(db).read_bytes()
    assert len(written) > 200
    for word in ("Bērziņa", "Vizīte", "Pašvaldība", "Kommune", "klasteri", "V-1"):
        assert word.encode() not in written


def test_every_stamp_trigger_exists_at_the_schema_head(db_path):
    from db.change_stamps import SQLITE_TRIGGERS, TRIGGERS

    con = sqlite3.connect(db_path)
    names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='trigger'")}
    con.close()
    assert set(TRIGGERS + SQLITE_TRIGGERS) <= names
