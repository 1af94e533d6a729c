"""a row replaced by INSERT OR REPLACE moves the stamp of the visit it belonged to

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06 14:30:00

SQLite's ``INSERT OR REPLACE`` (``REPLACE INTO``), used by some synchronising tools,
deletes a row whose id it reuses without firing delete triggers (unless
``recursive_triggers`` is on in the writer's connection): a participation, budget line,
rate, programme item, report or follow-up moved that way to another visit moved only the
new visit's stamp, and the statistics kept the old visit's facts with the row still
counted. A ``BEFORE INSERT`` trigger moves the stamp of the visit of any row under the
inserted id (none for an ordinary insert: one index look-up). SQLite only: PostgreSQL has
no REPLACE, and its ``ON CONFLICT DO UPDATE`` fires the update triggers.
"""

from __future__ import annotations

from alembic import op

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None

# table -> the visits of the row with the inserted id
OWNERS = {
    "participation": "SELECT visit_id FROM participation WHERE id = NEW.id",
    "exchange_rate": "SELECT visit_id FROM exchange_rate WHERE id = NEW.id",
    "budget_line": "SELECT visit_id FROM budget_line WHERE id = NEW.id",
    "programme_item": "SELECT visit_id FROM programme_item WHERE id = NEW.id",
    "report": "SELECT visit_id FROM report WHERE id = NEW.id",
    "follow_up": ("SELECT r.visit_id FROM follow_up AS f JOIN report AS r "
                  "ON r.id = f.report_id WHERE f.id = NEW.id"),
}


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table, owner in OWNERS.items():
        op.execute(f"CREATE TRIGGER visit_stamp_{table}_bi BEFORE INSERT ON {table} BEGIN "
                   f"UPDATE visit_stamp SET stamp = random() WHERE visit_id IN ({owner}); END")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table in OWNERS:
        op.execute(f"DROP TRIGGER IF EXISTS visit_stamp_{table}_bi")
