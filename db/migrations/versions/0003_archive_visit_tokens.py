"""archive search: every indexed text carries its visit as a token

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24 04:05:00

A filter that keeps few visits (one country and year, one topic, one institution) made the
search walk every match of a common word and look up its visit: 140–240 ms on 10,000
visits. Each text's ``extra`` column now ends with ``zzv<visit id>``, so such a search
asks FTS5 for ``(words) AND extra:(zzv12 OR zzv57 …)`` and reads only those visits' texts.
The visit id of a text never changes, so no other trigger is needed. The triggers of 0002
are replaced by the same ones with the token added, and the index is rebuilt.

SQLite only, like 0002 (PostgreSQL has no FTS5 index).
"""

from __future__ import annotations

from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

FTS = "archive_fts"
TOKEN = "zzv"  # + the visit id, at the end of every text's extra column


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
    extra = f"{extra} || ' {TOKEN}' || coalesce({visit_id}, 0)"
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


def _rebuild() -> None:
    op.execute(f"DELETE FROM {FTS}")
    for table in SOURCES:
        op.execute(_insert(table, "1"))
    # One merged index instead of the many segments a rebuild leaves: on 10,000 visits a
    # three-word search goes from 56 to 20 ms.
    op.execute(f"INSERT INTO {FTS} ({FTS}) VALUES ('optimize')")


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for name in _trigger_names():
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    for statement in _triggers():
        op.execute(statement)
    _rebuild()


def downgrade() -> None:
    # The program never downgrades (a database from a newer program is refused); to go
    # back, restore the copy taken before the upgrade.
    raise NotImplementedError("downgrade below 0003: restore the copy taken before upgrading")
