"""The visit for a document, read from a SQLite file with plain SQL (the command line's way).

Importing SQLAlchemy and configuring the mapped classes costs more than laying out the
whole programme, and ``studyvisit export programme`` should take well under a second
(docs/architecture.md, start-up cost). This reads the same rows the ORM would — live rows only, in the same order —
into light records with the ORM's attribute names, and hands them to the same
``data._snapshot``, so both paths print the same document; a test holds them equal on every
demo visit. Anything unusual (an older schema, another backend, a visit not found, an
error) returns None and the caller takes the ORM path, which also words the errors.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path
from types import SimpleNamespace as Row
from typing import Any

from app.documents.data import VisitDoc, _snapshot
from db.enums import TAKING_PART


def _dt(text: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text) if text else None


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _json(text: str | None) -> Any:
    return json.loads(text) if text else None


class _Reader:
    def __init__(self, con: sqlite3.Connection) -> None:
        self.con = con
        self.con.row_factory = sqlite3.Row
        self.orgs: dict[int, Any] = {}
        self.people: dict[int, Any] = {}

    def rows(self, query: str, *args: Any) -> list[sqlite3.Row]:
        return self.con.execute(query, args).fetchall()

    def org(self, org_id: int | None) -> Any:
        """A live organisation (None when missing or deleted, as the ORM loads it)."""
        if org_id is None:
            return None
        if org_id not in self.orgs:
            found = self.rows(
                "SELECT * FROM organisation WHERE id = ? AND deleted_at IS NULL", org_id
            )
            self.orgs[org_id] = Row(**dict(found[0])) if found else None
        return self.orgs[org_id]

    def person(self, person_id: int | None) -> Any:
        if person_id is None:
            return None
        if person_id not in self.people:
            found = self.rows(
                "SELECT id, uuid, given_name, family_name, organisation_id, position, email, "
                "phone, accessibility, gender, dietary, deleted_at FROM person "
                "WHERE id = ? AND deleted_at IS NULL",
                person_id,
            )
            if found:
                row = dict(found[0])
                self.people[person_id] = Row(**row, organisation=self.org(row["organisation_id"]))
            else:
                self.people[person_id] = None
        return self.people[person_id]

    def linked_people(self, table: str, column: str, owner_id: int) -> list[Any]:
        """People of a link table (attendees, passengers, occupants), live ones only."""
        ids = [
            r[0]
            for r in self.rows(
                f"SELECT person_id FROM {table} WHERE {column} = ? ORDER BY person_id", owner_id
            )
        ]
        return [p for p in (self.person(i) for i in ids) if p is not None]


def _visit(reader: _Reader, row: sqlite3.Row) -> Any:
    v = dict(row)
    visit_id = v["id"]
    parts = []
    for p in reader.rows(
        "SELECT * FROM participation WHERE visit_id = ? AND deleted_at IS NULL ORDER BY id",
        visit_id,
    ):
        person = reader.person(p["person_id"])
        if person is None:
            continue
        parts.append(
            Row(
                **{**dict(p), "arrives": _date(p["arrives"]), "departs": _date(p["departs"])},
                person=person,
                takes_part=p["status"] in TAKING_PART,
            )
        )
    items = []
    for i in reader.rows(
        "SELECT * FROM programme_item WHERE visit_id = ? AND deleted_at IS NULL "
        "ORDER BY starts_utc, track, title",
        visit_id,
    ):
        contact = None
        if i["contact_id"] is not None:
            found = reader.rows(
                "SELECT * FROM contact WHERE id = ? AND deleted_at IS NULL", i["contact_id"]
            )
            contact = Row(**dict(found[0])) if found else None
        items.append(
            Row(
                **{
                    **dict(i),
                    "starts": _dt(i["starts"]),
                    "ends": _dt(i["ends"]),
                    "starts_utc": _dt(i["starts_utc"]),
                    "translations": _json(i["translations"]),
                    "interpreter": bool(i["interpreter"]),
                    "attendees_all": bool(i["attendees_all"]),
                },
                host=reader.org(i["host_id"]),
                contact=contact,
                attendees=reader.linked_people("programme_attendee", "item_id", i["id"]),
            )
        )
    legs = []
    for t in reader.rows(
        "SELECT * FROM travel_leg WHERE visit_id = ? AND deleted_at IS NULL ORDER BY departs_utc",
        visit_id,
    ):
        legs.append(
            Row(
                **{
                    **dict(t),
                    "departs": _dt(t["departs"]),
                    "arrives": _dt(t["arrives"]),
                    "passengers_all": bool(t["passengers_all"]),
                },
                passengers=reader.linked_people("travel_passenger", "leg_id", t["id"]),
            )
        )
    stays = []
    for s in reader.rows(
        "SELECT * FROM stay WHERE visit_id = ? AND deleted_at IS NULL ORDER BY check_in", visit_id
    ):
        rooms = [
            Row(**dict(r), occupants=reader.linked_people("room_occupant", "room_id", r["id"]))
            for r in reader.rows(
                "SELECT * FROM room WHERE stay_id = ? AND deleted_at IS NULL ORDER BY position",
                s["id"],
            )
        ]
        stays.append(
            Row(
                **{**dict(s), "check_in": _date(s["check_in"]), "check_out": _date(s["check_out"])},
                rooms=rooms,
            )
        )
    project = None
    if v["project_id"] is not None:
        found = reader.rows(
            "SELECT * FROM project WHERE id = ? AND deleted_at IS NULL", v["project_id"]
        )
        project = Row(**dict(found[0])) if found else None
    return Row(
        **{
            **v,
            "start_date": _date(v["start_date"]),
            "end_date": _date(v["end_date"]),
            "translations": _json(v["translations"]),
            "languages": _json(v["languages"]),
            "emergency": _json(v["emergency"]),
        },
        participations=parts,
        programme=items,
        travel=legs,
        stays=stays,
        organiser=reader.org(v["organiser_id"]),
        coordinator=reader.person(v["coordinator_id"]),
        project=project,
    )


def read_visit(path: Path, ref: str | int) -> VisitDoc | None:
    """The visit ``ref`` (code, else id) of a current-schema SQLite file; None to fall back."""
    text = str(ref).strip()
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error:
        return None
    try:
        reader = _Reader(con)
        found = reader.rows("SELECT * FROM visit WHERE code = ? AND deleted_at IS NULL", text)
        if not found and text.isdigit():
            found = reader.rows(
                "SELECT * FROM visit WHERE id = ? AND deleted_at IS NULL", int(text)
            )
        if not found:
            return None
        return _snapshot(_visit(reader, found[0]))
    except (sqlite3.Error, ValueError, TypeError, KeyError):
        return None
    finally:
        con.close()


def fast_visit(url: str, ref: str | int) -> VisitDoc | None:
    """``read_visit`` when ``url`` is a SQLite file at the current schema, else None."""
    from app.storage import check_revision
    from db.schema import HEAD
    from db.urls import sqlite_path

    path = sqlite_path(url)
    if path is None or not path.is_file() or check_revision(url) != HEAD:
        return None
    return read_visit(path, ref)
