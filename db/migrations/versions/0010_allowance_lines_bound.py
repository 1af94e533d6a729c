"""allowance lines bound: budget_line.person_id filled for lines made before the binding

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06 10:10:00

Issue 12: a daily-allowance line is bound to its participant by id (the column came with
0008). Lines the calculator wrote before that name the person only in their description;
once a surname is corrected, that name no longer matches and the payment on the line was
taken for a group payment and spread over colleagues. This binds each such line now, while
the names still match, by the rule of ``app.domain.allowances.person_named`` (copied:
``db/`` does not import ``app/``, and a migration must keep doing what it did when it was
written): the participant whose full name is followed by a comma in the description (or
ends it), longest name first; a name two participants of the visit share binds nothing.
No column changes, so no table is rebuilt.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def owner(description: str | None, names: dict[str, int | None]) -> int | None:
    text = (description or "").rstrip()
    for name in sorted((n for n in names if n), key=len, reverse=True):
        if f"{name}," in text or text.endswith(name):
            return names[name]
    return None


def upgrade() -> None:
    bind = op.get_bind()
    line = sa.table("budget_line", sa.column("id", sa.Integer), sa.column("visit_id", sa.Integer),
                    sa.column("category", sa.String), sa.column("description", sa.String),
                    sa.column("person_id", sa.Integer))
    part = sa.table("participation", sa.column("visit_id", sa.Integer),
                    sa.column("person_id", sa.Integer), sa.column("deleted_at", sa.DateTime))
    person = sa.table("person", sa.column("id", sa.Integer), sa.column("given_name", sa.String),
                      sa.column("family_name", sa.String))
    found: dict[int, dict[str, set[int]]] = {}
    for row in bind.execute(sa.select(part.c.visit_id, person.c.id, person.c.given_name,
                                      person.c.family_name)
                            .join(person, person.c.id == part.c.person_id)
                            .where(part.c.deleted_at.is_(None))):
        name = f"{row.given_name} {row.family_name}"
        found.setdefault(row.visit_id, {}).setdefault(name, set()).add(row.id)
    for row in bind.execute(sa.select(line.c.id, line.c.visit_id, line.c.description)
                            .where(line.c.category == "daily_allowance",
                                   line.c.person_id.is_(None))).all():
        names = {name: next(iter(ids)) if len(ids) == 1 else None
                 for name, ids in found.get(row.visit_id, {}).items()}
        person_id = owner(row.description, names)
        if person_id is not None:
            bind.execute(line.update().where(line.c.id == row.id).values(person_id=person_id))


def downgrade() -> None:
    # The program never downgrades (a database from a newer program is refused); to go
    # back, restore the copy taken before the upgrade.
    raise NotImplementedError("downgrade below 0010: restore the copy taken before upgrading")
