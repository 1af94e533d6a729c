"""daily allowances remembered: participation.allowance_reduced_days, visit.allowance_share

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24 05:50:00

The days a traveller had free accommodation and three meals (paid at a reduced share of
the daily allowance) were an input of the calculator only: the Daily allowances tab forgot
them when the visit was reopened, and the budget PDF, the spreadsheet and the statement
counted full days while the budget lines counted the reduced ones. They are now stored per
participation (ISO dates separated by spaces, NULL for none) and the reduced share per
visit (exact decimal text, NULL for the default of 30 %), so every reader takes the same
days. The visit file has no field for them: they are not exported.

Both columns are nullable and added without a table rebuild (no batch mode, so the
archive index's triggers are untouched) on SQLite and PostgreSQL; existing rows read as
"no reduced days, default share", which is what every document showed before.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("participation", sa.Column("allowance_reduced_days", sa.Text(), nullable=True))
    op.add_column("visit", sa.Column("allowance_share", sa.String(40), nullable=True))


def downgrade() -> None:
    # The program never downgrades (a database from a newer program is refused); to go
    # back, restore the copy taken before the upgrade.
    raise NotImplementedError("downgrade below 0006: restore the copy taken before upgrading")
