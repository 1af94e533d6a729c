"""Each visit's change stamp: a random number the database itself replaces, in the same
transaction, whenever anything the statistics read of that visit changes (migration 0011).

``app.services.statistics_facts`` keeps what it worked out of each visit (people counted,
cost in EUR, hosts, follow-ups) with the stamp it was read at; while a visit's stamp is the
one kept, those facts still hold and only the visits whose stamps moved are read again
after a commit. Triggers move the stamps, so every writer is caught: this program's
sessions, bulk Core inserts, the command line, plain SQL, another office's client on a
shared PostgreSQL database.

A stamp is random rather than counted so that it names one state of its visit for good: a
database put back from a copy and then changed again never shows a stamp it showed before
for different rows (a counter would count up to the same number again).

The triggers (one ``visit_stamp_*`` trigger per table and event):

- ``visit``: a new visit gets its stamp, any change moves it, a deleted visit drops it;
- ``participation``, ``exchange_rate``, ``budget_line``, ``programme_item``, ``report``:
  any insert, update or delete moves the stamp of the visit the row belongs (belonged) to;
- ``follow_up``: the same through its report;
- on SQLite, those six tables also move, before an insert, the stamp of the visit of a
  row already under the inserted id (migration 0013: ``INSERT OR REPLACE`` deletes it
  without firing a delete trigger);
- ``person``: a change of organisation or of ``deleted_at`` moves the stamps of every
  visit the person is (or was) a participant of — the only columns of a person the
  figures read; so does the row deleted or inserted (migration 0012: a writer with
  foreign keys off leaves the participations of a deleted person behind).

Funding sources are not stamped: the figures read only which sources are grants, and
``statistics_facts`` compares that set itself. Organisation names are read afresh.

WARNING for later migrations: SQLite drops a table's triggers with the table, and
Alembic's batch mode recreates a table to alter it; a migration that batch-alters one of
the tables above must create its triggers again (copy them from 0011). While any is
missing, ``stamps_hold`` says so and the statistics read every visit afresh (correct, only
slower). tests/migrations checks they all exist at the head. A migration that changes
rows the figures read without moving the stamps needs no care: a kept copy of the facts is
only ever used under the schema revision it was read at.
"""

from __future__ import annotations

from typing import Any

from db.models.stamp import visit_stamp

__all__ = ["SQLITE_TRIGGERS", "TRIGGERS", "stamps_hold", "visit_stamp"]

# Every trigger migrations 0011 and 0012 create (SQLite and PostgreSQL use the same names).
TRIGGERS: tuple[str, ...] = (
    *(f"visit_stamp_visit_{event}" for event in ("ai", "au", "ad")),
    *(
        f"visit_stamp_{table}_{event}"
        for table in (
            "participation",
            "exchange_rate",
            "budget_line",
            "programme_item",
            "report",
            "follow_up",
        )
        for event in ("ai", "au", "ad")
    ),
    *(f"visit_stamp_person_{event}" for event in ("ai", "au", "ad")),
)


# SQLite only (migration 0013): a row replaced by INSERT OR REPLACE moves its old visit's
# stamp (the delete of the replaced row fires no trigger).
SQLITE_TRIGGERS: tuple[str, ...] = tuple(
    f"visit_stamp_{table}_bi"
    for table in (
        "participation",
        "exchange_rate",
        "budget_line",
        "programme_item",
        "report",
        "follow_up",
    )
)


def stamps_hold(connection: Any) -> bool:
    """Whether every stamp trigger is in place (and, on PostgreSQL, enabled): only then does
    an unchanged stamp mean an unchanged visit. ``connection``: a SQLAlchemy connection."""
    if connection.dialect.name == "sqlite":
        found = {
            row[0]
            for row in connection.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'visit_stamp_%'"
            )
        }
        return found.issuperset(TRIGGERS + SQLITE_TRIGGERS)
    found = {
        row[0]
        for row in connection.exec_driver_sql(
            "SELECT t.tgname FROM pg_trigger AS t JOIN pg_class AS c ON c.oid = t.tgrelid "
            "WHERE NOT t.tgisinternal AND t.tgenabled IN ('O', 'A') "
            "AND starts_with(t.tgname, 'visit_stamp_') AND pg_table_is_visible(c.oid)"
        )
    }
    return found.issuperset(TRIGGERS)
