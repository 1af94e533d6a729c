"""person gender: the grammatical gender Latvian role words agree with

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 08:20:00

Issue 11: "Delegāte", "Koordinatore", "Tulce", "Delegācijas vadītāja" for a woman. The
column is nullable and added without a table rebuild; existing people read as not known,
and the documents guess from the name's ending until someone sets it in the People form.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        # SQLite takes a CHECK only inline in ADD COLUMN (Alembic would leave it out)
        op.execute("ALTER TABLE person ADD COLUMN gender VARCHAR(24) CONSTRAINT "
                   "ck_person_gender CHECK (gender IN ('female', 'male'))")
    else:
        op.add_column("person", sa.Column(
            "gender", sa.Enum("female", "male", name="gender", native_enum=False,
                              create_constraint=True, length=24), nullable=True))


def downgrade() -> None:
    # The program never downgrades (a database from a newer program is refused); to go
    # back, restore the copy taken before the upgrade.
    raise NotImplementedError("downgrade below 0009: restore the copy taken before upgrading")
