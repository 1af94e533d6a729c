"""contacts gained linked to the directory: report_contact; one live report per visit

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24 05:40:00

1. The report's ``contacts_gained`` (a JSON list of strings) becomes the table
   ``report_contact``: one row per string, in the list's order, with an optional link to a
   directory ``contact`` (ON DELETE SET NULL: a contact removed from the directory leaves
   the text). A string is linked as the visit-file importer links it: to the one live
   contact whose name starts it, without case or diacritics (the rule of
   ``app.domain.contact_match``, copied: ``db/`` does not import ``app/``). The rows of a report in the bin are in the bin with it (same stamp), so that
   restoring the report restores them. The JSON column is dropped.
2. ``report``'s unique(visit_id) counted soft-deleted reports, so the service removed a
   deleted report for good before making a new one (and undo could not bring it back). It
   is now a unique index over live reports only, like the other ``live_unique`` rules.

Both alter ``report``; SQLite does that by recreating the table (batch mode), which drops
the archive index's triggers of 0002/0003. They are dropped first and created again, the
report's texts now reading its contacts from ``report_contact``, with triggers on
``report_contact`` that index its report again whenever a contact changes.
"""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

FTS = "archive_fts"
TOKEN = "zzv"  # + the visit id, at the end of every text's extra column (0003)
LIVE = sa.text("deleted_at IS NULL")


def _texts(json_column: str, where: str = "1") -> str:
    """The text values inside a JSON column (lists, or nested translations), space-joined."""
    return (f"coalesce((SELECT group_concat(j.value, ' ') FROM json_tree({json_column}) AS j "
            f"WHERE j.type = 'text' AND {where}), '')")


def _concat(*parts: str) -> str:
    return " || ' ' || ".join(f"coalesce({p}, '')" for p in parts)


_ORG_NAMES = ("(SELECT {c} FROM organisation AS o WHERE o.id = {a}.host_id)")
_CONTACTS = ("(SELECT group_concat(c.text, ' ') FROM report_contact AS c "
             "WHERE c.report_id = r.id AND c.deleted_at IS NULL)")

# As in 0003, but the report's contacts come from report_contact.
SOURCES = {
    "visit": (
        "v", 0,
        "v.title",
        _concat("v.purpose", _texts("v.topics")),
        _concat(_texts("v.translations"), "v.city"),
        "v.id", "NULL",
    ),
    "programme_item": (
        "p", 1,
        "p.title",
        _concat("p.description", "p.outcome"),
        _concat(_ORG_NAMES.format(c="o.name || ' ' || coalesce(o.name_original, '') || ' ' || "
                                    "coalesce(o.name_en, '')", a="p"),
                "p.venue", _texts("p.translations")),
        "p.visit_id", "p.id",
    ),
    "report": (
        "r", 2,
        "''",
        _concat("r.summary", _texts("r.results")),
        _concat(_CONTACTS, "r.article"),
        "r.visit_id", "NULL",
    ),
    "lesson": (
        "l", 3,
        "''",
        "l.text",
        _texts("l.topics"),
        "(SELECT rr.visit_id FROM report AS rr WHERE rr.id = l.report_id)", "NULL",
    ),
}


def _insert(table: str, where: str) -> str:
    alias, kind, title, body, extra, visit_id, item_id = SOURCES[table]
    extra = f"{extra} || ' {TOKEN}' || coalesce({visit_id}, 0)"
    return (f"INSERT INTO {FTS} (rowid, title, body, extra, visit_id, item_id) "
            f"SELECT {alias}.id * 4 + {kind}, {title}, {body}, {extra}, {visit_id}, {item_id} "
            f"FROM {table} AS {alias} WHERE {alias}.deleted_at IS NULL AND {where}")


def _reindex_report(report_id: str) -> str:
    return (f"DELETE FROM {FTS} WHERE rowid = {report_id} * 4 + 2; "
            f"{_insert('report', f'r.id = {report_id}')};")


def _triggers() -> list[str]:
    out = []
    for table, (alias, kind, *_rest) in SOURCES.items():
        this = f"{alias}.id = NEW.id"
        out += [
            f"CREATE TRIGGER {FTS}_{table}_ai AFTER INSERT ON {table} BEGIN "
            f"{_insert(table, this)}; END",
            f"CREATE TRIGGER {FTS}_{table}_au AFTER UPDATE ON {table} BEGIN "
            f"DELETE FROM {FTS} WHERE rowid = OLD.id * 4 + {kind}; "
            f"{_insert(table, this)}; END",
            f"CREATE TRIGGER {FTS}_{table}_ad AFTER DELETE ON {table} BEGIN "
            f"DELETE FROM {FTS} WHERE rowid = OLD.id * 4 + {kind}; END",
        ]
    out.append(
        f"CREATE TRIGGER {FTS}_organisation_au AFTER UPDATE OF name, name_original, name_en "
        f"ON organisation BEGIN "
        f"DELETE FROM {FTS} WHERE rowid IN "
        f"(SELECT id * 4 + 1 FROM programme_item WHERE host_id = NEW.id); "
        f"{_insert('programme_item', 'p.host_id = NEW.id')}; END"
    )
    # A contact gained added, edited, moved to the bin or removed: its report again.
    out += [
        f"CREATE TRIGGER {FTS}_report_contact_ai AFTER INSERT ON report_contact BEGIN "
        f"{_reindex_report('NEW.report_id')} END",
        f"CREATE TRIGGER {FTS}_report_contact_au AFTER UPDATE ON report_contact BEGIN "
        f"{_reindex_report('OLD.report_id')} "
        f"{_reindex_report('NEW.report_id')} END",
        f"CREATE TRIGGER {FTS}_report_contact_ad AFTER DELETE ON report_contact BEGIN "
        f"{_reindex_report('OLD.report_id')} END",
    ]
    return out


def _old_trigger_names() -> list[str]:
    names = [f"{FTS}_{t}_{s}" for t in SOURCES for s in ("ai", "au", "ad")]
    return [*names, f"{FTS}_organisation_au"]


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", " ".join(text.split()).casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def names_start(text: str, name: str) -> bool:
    folded, wanted = fold(text), fold(name)
    if not wanted or not folded.startswith(wanted):
        return False
    rest = folded[len(wanted):]
    return not rest or not rest[0].isalnum()


def match_contact(text: str, contacts: list[tuple[int, str]]) -> int | None:
    found = {contact_id for contact_id, name in contacts if names_start(text, name)}
    return found.pop() if len(found) == 1 else None


def _strings(value: Any) -> list[str]:
    """The strings of a stored contacts_gained value (a list; text on some drivers)."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return [value] if value.strip() else []
    if not isinstance(value, list):
        return []
    return [str(item) for item in value if isinstance(item, str) and item.strip()]


def _move_contacts() -> None:
    bind = op.get_bind()
    report = sa.table("report", sa.column("id", sa.Integer), sa.column("deleted_at", sa.DateTime),
                      sa.column("contacts_gained", sa.JSON))
    contact = sa.table("report_contact", sa.column("report_id", sa.Integer),
                       sa.column("position", sa.Integer), sa.column("text", sa.Text),
                       sa.column("contact_id", sa.Integer),
                       sa.column("version", sa.Integer), sa.column("created_at", sa.DateTime),
                       sa.column("updated_at", sa.DateTime),
                       sa.column("deleted_at", sa.DateTime))
    directory = sa.table("contact", sa.column("id", sa.Integer), sa.column("name", sa.String),
                         sa.column("deleted_at", sa.DateTime))
    names = [(c.id, c.name) for c in bind.execute(
        sa.select(directory.c.id, directory.c.name).where(directory.c.deleted_at.is_(None)))]
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    rows = []
    for r in bind.execute(sa.select(report.c.id, report.c.deleted_at, report.c.contacts_gained)
                          .where(report.c.contacts_gained.is_not(None))
                          .order_by(report.c.id)):
        for position, text in enumerate(_strings(r.contacts_gained)):
            rows.append({"report_id": r.id, "position": position, "text": text,
                         "contact_id": match_contact(text, names), "version": 1,
                         "created_at": now, "updated_at": now, "deleted_at": r.deleted_at})
    if rows:
        bind.execute(contact.insert(), rows)


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    op.create_table(
        "report_contact",
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["contact_id"], ["contact.id"],
                                name=op.f("fk_report_contact_contact_id_contact"),
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["report_id"], ["report.id"],
                                name=op.f("fk_report_contact_report_id_report"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_contact")),
    )
    op.create_index(op.f("ix_report_contact_report_id"), "report_contact", ["report_id"])
    op.create_index(op.f("ix_report_contact_contact_id"), "report_contact", ["contact_id"])
    _move_contacts()

    if sqlite:  # batch mode below recreates report, dropping its triggers: all go first
        for name in _old_trigger_names():
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    with op.batch_alter_table("report", schema=None) as batch_op:
        batch_op.drop_constraint("uq_report_visit_id", type_="unique")
        batch_op.drop_column("contacts_gained")
        batch_op.create_index(batch_op.f("ix_report_visit_id"), ["visit_id"], unique=False)
        batch_op.create_index("uq_report_visit_live", ["visit_id"], unique=True,
                              sqlite_where=LIVE, postgresql_where=LIVE)
    if sqlite:
        for statement in _triggers():
            op.execute(statement)
        op.execute(f"DELETE FROM {FTS} WHERE rowid % 4 = 2")
        op.execute(_insert("report", "1"))
        op.execute(f"INSERT INTO {FTS} ({FTS}) VALUES ('optimize')")


def downgrade() -> None:
    # The program never downgrades (a database from a newer program is refused); to go
    # back, restore the copy taken before the upgrade.
    raise NotImplementedError("downgrade below 0005: restore the copy taken before upgrading")
