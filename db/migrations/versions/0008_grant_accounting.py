"""grant accounting: dated rates, project award and rate rule, line shares, allowance owner

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06 07:20:00

Issue 12 ("money as the funder and the auditor count it"):

- ``exchange_rate.kind``: ``plan`` (the rate the plan was made with, one per currency, as
  every existing row is) or ``ecb`` / ``inforeuro`` (dated rates the actuals convert at).
  The live-unique index on (visit, currency) now holds for plan rates only; dated rates
  are unique per (visit, currency, kind, date).
- ``project.awarded_minor`` / ``currency`` / ``rate_rule`` / ``fixed_rates``: the grant
  awarded, the currency the project reports in (NULL: EUR), the rule actuals convert by
  (NULL: ECB rate in force at the start of the day) and the fixed rates of that rule.
- ``budget_line.shares``: a line shared between sources by percent (NULL: wholly its
  ``funding_source_id``'s); ``budget_line.person_id``: the participant a daily-allowance
  line is for, bound by id instead of the name in its description.

Every column is nullable or has a server default and is added without a table rebuild (no
batch mode, the archive index's triggers untouched) — but for budget_line's foreign key
to person, which SQLite only takes by rebuilding that table. Existing rows read as before: plan
rates, no award, the default rule, lines wholly one source's, allowance lines unbound
(the allowance service binds them by name once, on first use, as it matched before).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

_LIVE_PLAN = sa.text("deleted_at IS NULL AND kind = 'plan'")
_LIVE_DATED = sa.text("deleted_at IS NULL AND kind <> 'plan'")


def _add(table: str, column: sa.Column, sqlite_sql: str) -> None:
    """Add a column with its CHECK or FOREIGN KEY: SQLite takes them inline in ALTER TABLE
    ADD COLUMN only (Alembic would skip them there); PostgreSQL through Alembic."""
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"ALTER TABLE {table} ADD COLUMN {sqlite_sql}")
    else:
        op.add_column(table, column)


def upgrade() -> None:
    _add("exchange_rate", sa.Column(
        "kind", sa.Enum("plan", "ecb", "inforeuro", name="rate_kind", native_enum=False,
                        create_constraint=True, length=24),
        server_default="plan", nullable=False),
        "kind VARCHAR(24) DEFAULT 'plan' NOT NULL CONSTRAINT ck_exchange_rate_rate_kind "
        "CHECK (kind IN ('plan', 'ecb', 'inforeuro'))")
    op.drop_index("uq_exchange_rate_live", table_name="exchange_rate")
    op.create_index("uq_exchange_rate_live", "exchange_rate", ["visit_id", "currency"],
                    unique=True, sqlite_where=_LIVE_PLAN, postgresql_where=_LIVE_PLAN)
    op.create_index("uq_exchange_rate_dated_live", "exchange_rate",
                    ["visit_id", "currency", "kind", "date"], unique=True,
                    sqlite_where=_LIVE_DATED, postgresql_where=_LIVE_DATED)
    op.add_column("project", sa.Column("awarded_minor", sa.BigInteger(), nullable=True))
    op.add_column("project", sa.Column("currency", sa.String(3), nullable=True))
    _add("project", sa.Column(
        "rate_rule", sa.Enum("ecb", "inforeuro", "fixed", "plan", name="rate_rule",
                             native_enum=False, create_constraint=True, length=24),
        nullable=True),
        "rate_rule VARCHAR(24) CONSTRAINT ck_project_rate_rule "
        "CHECK (rate_rule IN ('ecb', 'inforeuro', 'fixed', 'plan'))")
    op.add_column("project", sa.Column("fixed_rates", sa.JSON(), nullable=True))
    op.add_column("budget_line", sa.Column("shares", sa.JSON(), nullable=True))
    # A named foreign key needs the table rebuilt on SQLite (an inline REFERENCES added by
    # ALTER TABLE has no name to compare): budget_line has no triggers and no row refers
    # to it, so the copy-and-move loses nothing.
    with op.batch_alter_table("budget_line") as batch:
        batch.add_column(sa.Column("person_id", sa.Integer(), nullable=True))
        batch.create_foreign_key("fk_budget_line_person_id_person", "person", ["person_id"],
                                 ["id"], ondelete="SET NULL")
    op.create_index(op.f("ix_budget_line_person_id"), "budget_line", ["person_id"])


def downgrade() -> None:
    # The program never downgrades (a database from a newer program is refused); to go
    # back, restore the copy taken before the upgrade.
    raise NotImplementedError("downgrade below 0008: restore the copy taken before upgrading")
