"""grant marker: funding_source.is_grant

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24 05:20:00

The grant-rate warning took a visit's first funding source as its grant. Each source now
says whether it is a grant. Existing sources get the marker from their name by the rule of
``app.domain.funding`` (copied here: ``db/`` does not import ``app/``, and a migration must
keep doing what it did when it was written): a grant unless the name says own or budget
money ("LPS pašu līdzekļi", "Valsts budžeta līdzfinansējums", "own funds").

The column is added with a server default, so no table is recreated (no batch mode, no
triggers to worry about) on SQLite or PostgreSQL.
"""

from __future__ import annotations

import re
import unicodedata

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

OWN_FUNDS_WORDS = (
    "own", "self", "pasu", "pasa", "pasvaldib", "budzet", "budget", "lidzfinans",
    "co-financ", "cofinanc", "co-fund", "cofund", "egen", "wlasn",
)
_WORD = re.compile(r"[\w-]+")


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def says_own_funds(text: str | None) -> bool:
    if not text:
        return False
    return any(word.startswith(OWN_FUNDS_WORDS) for word in _WORD.findall(_fold(text)))


def upgrade() -> None:
    op.add_column("funding_source",
                  sa.Column("is_grant", sa.Boolean(), server_default=sa.true(), nullable=False))
    bind = op.get_bind()
    table = sa.table("funding_source", sa.column("id", sa.Integer), sa.column("name", sa.String),
                     sa.column("is_grant", sa.Boolean))
    own = [row.id for row in bind.execute(sa.select(table.c.id, table.c.name))
           if says_own_funds(row.name)]
    if own:
        bind.execute(table.update().where(table.c.id.in_(own)).values(is_grant=False))


def downgrade() -> None:
    # The program never downgrades (a database from a newer program is refused); to go
    # back, restore the copy taken before the upgrade.
    raise NotImplementedError("downgrade below 0004: restore the copy taken before upgrading")
