"""visit change stamps: a random stamp per visit, moved by triggers on every change

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06 13:00:00

Issue 18 (speed): the Statistics section works its figures out of one row of facts per
visit; after a commit it read all 10,000 visits again. Now each visit has a stamp in
``visit_stamp`` that triggers replace with a random number in the same transaction as any
change to what the figures read of it (``db/change_stamps.py`` lists them and says why a
random number), so only the visits whose stamps moved are read again, whoever wrote.

A new table and triggers only: no table is recreated, on SQLite or PostgreSQL. PostgreSQL
gets plpgsql trigger functions (the same trigger names). Existing visits get their stamps
here.
"""

from __future__ import annotations

from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

# Tables whose rows name their visit in ``visit_id``.
OWN_ROWS = ("participation", "exchange_rate", "budget_line", "programme_item", "report")
EVENTS = {"ai": "INSERT", "au": "UPDATE", "ad": "DELETE"}
PERSON_CHANGED = ("OLD.organisation_id IS NOT NEW.organisation_id "
                  "OR OLD.deleted_at IS NOT NEW.deleted_at")


def _sqlite() -> list[str]:
    bump = "UPDATE visit_stamp SET stamp = random() WHERE visit_id"
    upsert = ("INSERT INTO visit_stamp (visit_id, stamp) VALUES (NEW.id, random()) "
              "ON CONFLICT (visit_id) DO UPDATE SET stamp = excluded.stamp")
    out = [
        f"CREATE TRIGGER visit_stamp_visit_ai AFTER INSERT ON visit BEGIN {upsert}; END",
        f"CREATE TRIGGER visit_stamp_visit_au AFTER UPDATE ON visit BEGIN {upsert}; END",
        "CREATE TRIGGER visit_stamp_visit_ad AFTER DELETE ON visit BEGIN "
        "DELETE FROM visit_stamp WHERE visit_id = OLD.id; END",
    ]
    which = {"ai": "= NEW.visit_id", "au": "IN (OLD.visit_id, NEW.visit_id)",
             "ad": "= OLD.visit_id"}
    for table in OWN_ROWS:
        for short, event in EVENTS.items():
            out.append(f"CREATE TRIGGER visit_stamp_{table}_{short} AFTER {event} ON {table} "
                       f"BEGIN {bump} {which[short]}; END")
    reports = {"ai": "= NEW.report_id", "au": "IN (OLD.report_id, NEW.report_id)",
               "ad": "= OLD.report_id"}
    for short, event in EVENTS.items():
        out.append(f"CREATE TRIGGER visit_stamp_follow_up_{short} AFTER {event} ON follow_up "
                   f"BEGIN {bump} IN (SELECT visit_id FROM report WHERE id {reports[short]}); END")
    out.append(f"CREATE TRIGGER visit_stamp_person_au AFTER UPDATE ON person "
               f"WHEN {PERSON_CHANGED} BEGIN "
               f"{bump} IN (SELECT visit_id FROM participation WHERE person_id = NEW.id); END")
    return out


PG_NEW = "floor(random() * 9.0e18)::bigint"


def _postgresql() -> list[str]:
    def function(name: str, body: str) -> str:
        return (f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                f"{body} RETURN NULL; END $$")

    bump = f"UPDATE visit_stamp SET stamp = {PG_NEW} WHERE visit_id"
    out = [
        function("visit_stamp_of_visit",
                 "IF TG_OP = 'DELETE' THEN DELETE FROM visit_stamp WHERE visit_id = OLD.id; "
                 "ELSE INSERT INTO visit_stamp (visit_id, stamp) "
                 f"VALUES (NEW.id, {PG_NEW}) ON CONFLICT (visit_id) "
                 "DO UPDATE SET stamp = EXCLUDED.stamp; END IF;"),
        function("visit_stamp_of_row",
                 f"IF TG_OP <> 'INSERT' THEN {bump} = OLD.visit_id; END IF; "
                 f"IF TG_OP <> 'DELETE' THEN {bump} = NEW.visit_id; END IF;"),
        function("visit_stamp_of_follow_up",
                 f"IF TG_OP <> 'INSERT' THEN {bump} IN "
                 "(SELECT visit_id FROM report WHERE id = OLD.report_id); END IF; "
                 f"IF TG_OP <> 'DELETE' THEN {bump} IN "
                 "(SELECT visit_id FROM report WHERE id = NEW.report_id); END IF;"),
        function("visit_stamp_of_person",
                 f"{bump} IN (SELECT visit_id FROM participation WHERE person_id = NEW.id);"),
    ]

    def trigger(table: str, short: str, call: str, when: str = "") -> str:
        return (f"CREATE TRIGGER visit_stamp_{table}_{short} AFTER {EVENTS[short]} ON {table} "
                f"FOR EACH ROW {when}EXECUTE FUNCTION {call}()")

    for short in EVENTS:
        out.append(trigger("visit", short, "visit_stamp_of_visit"))
        for table in OWN_ROWS:
            out.append(trigger(table, short, "visit_stamp_of_row"))
        out.append(trigger("follow_up", short, "visit_stamp_of_follow_up"))
    out.append(trigger("person", "au", "visit_stamp_of_person",
                       f"WHEN ({PERSON_CHANGED.replace('IS NOT', 'IS DISTINCT FROM')}) "))
    return out


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    op.execute("CREATE TABLE visit_stamp (visit_id INTEGER NOT NULL, stamp BIGINT NOT NULL, "
               "CONSTRAINT pk_visit_stamp PRIMARY KEY (visit_id))")
    for statement in _sqlite() if sqlite else _postgresql():
        op.execute(statement)
    op.execute(f"INSERT INTO visit_stamp (visit_id, stamp) "
               f"SELECT id, {'random()' if sqlite else PG_NEW} FROM visit")


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    tables = ("visit", *OWN_ROWS, "follow_up")
    for table in tables:
        for short in EVENTS:
            op.execute(f"DROP TRIGGER IF EXISTS visit_stamp_{table}_{short}"
                       + ("" if sqlite else f" ON {table}"))
    op.execute("DROP TRIGGER IF EXISTS visit_stamp_person_au" + ("" if sqlite else " ON person"))
    if not sqlite:
        for name in ("visit", "row", "follow_up", "person"):
            op.execute(f"DROP FUNCTION IF EXISTS visit_stamp_of_{name}()")
    op.execute("DROP TABLE visit_stamp")
