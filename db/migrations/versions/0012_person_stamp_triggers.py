"""a person added or removed moves the stamps of the visits naming them

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06 14:00:00

Migration 0011 moved a visit's stamp when a participant's person changed organisation or
was (un)deleted, but not when the person row itself went or came. A program that deletes
a person with foreign keys off (SQLite's default: the ``sqlite3`` shell, a script) leaves
the participations behind; the statistics then stop counting them while the kept facts
of those visits still did. A person inserted again under such an id counts them again.
These triggers move the stamps of the visits whose participations name the person (with
foreign keys on, the cascade moves them too; twice is harmless).
"""

from __future__ import annotations

from alembic import op

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None

ROW = {"ai": ("INSERT", "NEW"), "ad": ("DELETE", "OLD")}
VISITS_OF = "IN (SELECT visit_id FROM participation WHERE person_id = {row}.id)"


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for short, (event, row) in ROW.items():
            op.execute(
                f"CREATE TRIGGER visit_stamp_person_{short} AFTER {event} ON person BEGIN "
                "UPDATE visit_stamp SET stamp = random() WHERE visit_id "
                f"{VISITS_OF.format(row=row)}; END"
            )
        return
    new = "floor(random() * 9.0e18)::bigint"
    op.execute(
        "CREATE FUNCTION visit_stamp_of_person_row() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "BEGIN IF TG_OP = 'DELETE' THEN "
        f"UPDATE visit_stamp SET stamp = {new} WHERE visit_id {VISITS_OF.format(row='OLD')}; "
        f"ELSE UPDATE visit_stamp SET stamp = {new} WHERE visit_id {VISITS_OF.format(row='NEW')}; "
        "END IF; RETURN NULL; END $$"
    )
    for short, (event, _row) in ROW.items():
        op.execute(
            f"CREATE TRIGGER visit_stamp_person_{short} AFTER {event} ON person "
            "FOR EACH ROW EXECUTE FUNCTION visit_stamp_of_person_row()"
        )


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for short in ROW:
        op.execute(f"DROP TRIGGER IF EXISTS visit_stamp_person_{short}"
                   + ("" if sqlite else " ON person"))
    if not sqlite:
        op.execute("DROP FUNCTION IF EXISTS visit_stamp_of_person_row()")
