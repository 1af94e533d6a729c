"""archive search: FTS5 index kept current by triggers

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24 03:00:00

The experience archive searches every visit's purpose, topics, programme items (with their
host institution's names), outcomes, report and lessons. On SQLite the texts go into one
FTS5 table, ``archive_fts``, one row per searchable thing; its rowid says which:

    rowid = source id * 4 + 0 visit · 1 programme item · 2 report · 3 lesson

Triggers on the source tables keep it current whatever writes them (the services, the
visit-file importer, a script with plain SQL), so no write path can forget to reindex. A row
is indexed while it is live (``deleted_at IS NULL``); a soft-deleted row leaves the index and
a restored one comes back. The search hides rows of soft-deleted visits itself.

The tokenizer folds case and diacritics (``trondelaga`` finds ``Trondelāgā``); inflection is
handled by the query (endings stripped, prefix queries of at most 8 letters), which the
prefix indexes of 5 to 8 letters answer without merging every word that starts alike.

WARNING for later migrations: SQLite drops a table's triggers with the table, and Alembic's
batch mode recreates a table to alter it. A migration that batch-alters ``visit``,
``programme_item``, ``report``, ``lesson`` or ``organisation`` must create these triggers
again (copy ``_triggers()``); tests/archive checks that they exist at head.

PostgreSQL has no FTS5: this revision does nothing there and the search service matches
in Python instead.
"""

from __future__ import annotations

from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

FTS = "archive_fts"


def _texts(json_column: str, where: str = "1") -> str:
    """The text values inside a JSON column (lists, or nested translations), space-joined.

    JSON columns are stored with non-ASCII letters escaped (``\\u0101``): ``json_tree``
    decodes them, so the index holds the letters.
    """
    return (f"coalesce((SELECT group_concat(j.value, ' ') FROM json_tree({json_column}) AS j "
            f"WHERE j.type = 'text' AND {where}), '')")


def _concat(*parts: str) -> str:
    return " || ' ' || ".join(f"coalesce({p}, '')" for p in parts)


_ORG_NAMES = ("(SELECT {c} FROM organisation AS o WHERE o.id = {a}.host_id)")

# Each source: alias, kind, then its texts read through the alias: title (weighted most),
# body (the substance: purpose, description, outcome, summary, lesson) and extra (topics,
# translations, venue, host names, contacts, article), then its visit id and item id.
# Separate columns let snippet() show the column that matched, not a run-on of fields.
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
        _concat(_texts("r.contacts_gained"), "r.article"),
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
    return (f"INSERT INTO {FTS} (rowid, title, body, extra, visit_id, item_id) "
            f"SELECT {alias}.id * 4 + {kind}, {title}, {body}, {extra}, {visit_id}, {item_id} "
            f"FROM {table} AS {alias} WHERE {alias}.deleted_at IS NULL AND {where}")


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
    # A renamed institution: the programme items it hosts are found under the new name.
    out.append(
        f"CREATE TRIGGER {FTS}_organisation_au AFTER UPDATE OF name, name_original, name_en "
        f"ON organisation BEGIN "
        f"DELETE FROM {FTS} WHERE rowid IN "
        f"(SELECT id * 4 + 1 FROM programme_item WHERE host_id = NEW.id); "
        f"{_insert('programme_item', 'p.host_id = NEW.id')}; END"
    )
    return out


def _trigger_names() -> list[str]:
    names = [f"{FTS}_{t}_{s}" for t in SOURCES for s in ("ai", "au", "ad")]
    return [*names, f"{FTS}_organisation_au"]


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute(
        f"CREATE VIRTUAL TABLE {FTS} USING fts5("
        "title, body, extra, visit_id UNINDEXED, item_id UNINDEXED, "
        "tokenize = 'unicode61 remove_diacritics 2', prefix = '5 6 7 8')"
    )
    for statement in _triggers():
        op.execute(statement)
    for table in SOURCES:  # what an upgraded database already holds
        op.execute(_insert(table, "1"))


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for name in _trigger_names():
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute(f"DROP TABLE IF EXISTS {FTS}")
