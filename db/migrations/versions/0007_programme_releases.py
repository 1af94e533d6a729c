"""programme releases: numbered snapshots of what was sent to delegates and hosts

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06 07:20:00

A new table only; no existing row changes.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "programme_release",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("visit_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("released_at", sa.DateTime(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("snapshot", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["visit_id"], ["visit.id"],
                                name=op.f("fk_programme_release_visit_id_visit"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_programme_release")),
        sa.UniqueConstraint("visit_id", "number", name=op.f("uq_programme_release_visit_id")),
    )
    op.create_index(op.f("ix_programme_release_visit_id"), "programme_release", ["visit_id"])


def downgrade() -> None:
    # The program never downgrades (a database from a newer program is refused).
    raise NotImplementedError("downgrade below 0007: restore the copy taken before upgrading")
