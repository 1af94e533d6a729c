"""What changed between two versions of a visit, as one reader sees it.

Both versions are visit-file structures (``studyvisit/1``): a release's snapshot and the
visit as it is now. An item, journey or stay is the same across versions when its ``key``
matches (the key a visit file gives it, kept by ``import visit --replace``), so a notice
can say "moved" rather than "cancelled" and "new".

A reader is a delegate (by person key) or a host (by organisation key). A delegate is
concerned by the items they attend (by name, or "all"), the journeys they travel on and
their room; a host by the items it hosts. An item that newly concerns a reader is "new"
to them, one that no longer does is "cancelled" for them, whatever happened to it for
others. Nothing is said about what did not change.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Doc = dict[str, Any]

# Taking part, as the documents count it.
_TAKING_PART = ("confirmed", "attended")


@dataclass(frozen=True)
class Change:
    """One thing a reader must know. ``old``/``new``: the record before and after."""

    kind: str  # item: new, cancelled, moved, venue, renamed · leg: leg_new, leg_cancelled,
    # leg_changed · room: room
    old: Doc | None
    new: Doc | None

    @property
    def record(self) -> Doc:
        return self.new if self.new is not None else self.old or {}

    @property
    def sort_key(self) -> str:
        record = self.record
        return str(record.get("starts") or (record.get("from") or {}).get("at") or "")


def _person(doc: Doc, key: str) -> Doc | None:
    """The person ``key`` when taking part in this version, else None."""
    return next(
        (
            p
            for p in doc.get("people", [])
            if p.get("key") == key and p.get("status") in _TAKING_PART
        ),
        None,
    )


def _days(doc: Doc, person: Doc) -> tuple[str, str]:
    """The person's first and last day there (ISO dates), the visit's when not given."""
    visit = doc.get("visit", {})
    return (
        str(person.get("arrives") or visit.get("start_date") or ""),
        str(person.get("departs") or visit.get("end_date") or "9999-12-31"),
    )


def _attends(doc: Doc, key: str) -> Callable[[Doc], bool]:
    """Does the person attend an item: named, or "all" on a day they are there."""
    person = _person(doc, key)
    if person is None:
        return lambda _item: False
    first, last = _days(doc, person)

    def attends(item: Doc) -> bool:
        if item.get("attendees") == "all":
            return first <= str(item.get("starts", ""))[:10] <= last
        return key in (item.get("attendees") or ())

    return attends


def _travels(doc: Doc, key: str) -> Callable[[Doc], bool]:
    present = _person(doc, key) is not None
    return lambda leg: (
        present and (leg.get("passengers") == "all" or key in (leg.get("passengers") or ()))
    )


def _by_key(records: list[Doc], keep: Callable[[Doc], bool]) -> dict[str, Doc]:
    return {r["key"]: r for r in records if r.get("key") and keep(r)}


def _pairs(old: dict[str, Doc], new: dict[str, Doc]) -> list[tuple[Doc | None, Doc | None]]:
    keys = list(dict.fromkeys([*old, *new]))
    return [(old.get(k), new.get(k)) for k in keys]


def _item_changes(old: dict[str, Doc], new: dict[str, Doc]) -> list[Change]:
    out = []
    for before, after in _pairs(old, new):
        if before is None:
            out.append(Change("new", None, after))
        elif after is None:
            out.append(Change("cancelled", before, None))
        else:
            if (before.get("starts"), before.get("ends"), before.get("timezone")) != (
                after.get("starts"),
                after.get("ends"),
                after.get("timezone"),
            ):
                out.append(Change("moved", before, after))
            if (before.get("venue"), before.get("address")) != (
                after.get("venue"),
                after.get("address"),
            ):
                out.append(Change("venue", before, after))
            if before.get("title") != after.get("title"):
                out.append(Change("renamed", before, after))
    return out


_LEG_FIELDS = ("mode", "carrier", "number", "from", "to")


def _leg_changes(old: dict[str, Doc], new: dict[str, Doc]) -> list[Change]:
    out = []
    for before, after in _pairs(old, new):
        if before is None:
            out.append(Change("leg_new", None, after))
        elif after is None:
            out.append(Change("leg_cancelled", before, None))
        elif any(before.get(f) != after.get(f) for f in _LEG_FIELDS):
            out.append(Change("leg_changed", before, after))
    return out


def room_of(doc: Doc, person: str) -> Doc | None:
    """The person's stays and rooms in one version: {"stays": [(hotel, room label), …]}."""
    found = []
    for stay in doc.get("stays", []):
        for room in stay.get("rooms", []):
            if person in (room.get("occupants") or ()):
                found.append(
                    {
                        "hotel": stay.get("name"),
                        "address": stay.get("address"),
                        "room": room.get("label"),
                        "check_in": stay.get("check_in"),
                        "check_out": stay.get("check_out"),
                    }
                )
    return {"stays": found} if found else None


def for_person(old: Doc, new: Doc, person: str) -> list[Change]:
    """What changed for the delegate whose key is ``person``, in time order."""
    items = _item_changes(
        _by_key(old.get("programme", []), _attends(old, person)),
        _by_key(new.get("programme", []), _attends(new, person)),
    )
    legs = _leg_changes(
        _by_key(old.get("travel", []), _travels(old, person)),
        _by_key(new.get("travel", []), _travels(new, person)),
    )
    out = sorted([*items, *legs], key=lambda c: c.sort_key)
    before, after = room_of(old, person), room_of(new, person)
    if _person(new, person) is not None and before != after:
        out.append(Change("room", before, after))
    return out


def for_host(old: Doc, new: Doc, host: str) -> list[Change]:
    """What changed in the meetings hosted by the organisation whose key is ``host``."""
    hosted: Callable[[Doc], bool] = lambda item: item.get("host") == host  # noqa: E731
    items = _item_changes(
        _by_key(old.get("programme", []), hosted), _by_key(new.get("programme", []), hosted)
    )
    return sorted(items, key=lambda c: c.sort_key)


def hosts_in(*docs: Doc) -> list[Doc]:
    """The organisations hosting an item in any of the versions (newest record kept)."""
    keys = {item["host"] for doc in docs for item in doc.get("programme", []) if item.get("host")}
    found: dict[str, Doc] = {}
    for doc in docs:
        for org in doc.get("organisations", []):
            if org.get("key") in keys:
                found[org["key"]] = org
    return list(found.values())
