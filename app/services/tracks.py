"""Parallel tracks: who goes to which, set for the whole visit in one step.

Items with a track name ("Enerģētika", "Atkritumi") that run at the same time as items of
another track are parallel sessions. Each person taking part goes to one track: being on a
track means being listed on every item of that track, so the checks, the programme and each
person's itinerary show only their own track's items. Until everyone is placed, the items
of a track are for "everyone" (which the checks read as "each goes to one of them") and the
window says so; a track nobody is placed on is a warning too.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from app.i18n import _
from app.services import crud
from app.services import field_rules as rules
from db.engine import Database

Attendees = Any  # "all" or a list of person ids


@dataclass(frozen=True)
class TrackPlan:
    """The tracks of a visit and who is on each."""

    tracks: tuple[str, ...] = ()  # in the order they first appear in the programme
    parallel: bool = False  # some items of different tracks run at the same time
    people: tuple[tuple[int, str], ...] = ()  # (person id, name) of those taking part
    chosen: dict[int, str | None] = field(default_factory=dict)  # person id → track
    open_tracks: tuple[str, ...] = ()  # tracks whose items are still for everyone
    items: dict[str, tuple[int, ...]] = field(default_factory=dict)  # track → item ids

    def on_track(self, track: str) -> list[str]:
        names = dict(self.people)
        return [names[p] for p, t in self.chosen.items() if t == track and p in names]

    def warnings(self) -> list[str]:
        """What the Programme tab says while the tracks are not settled."""
        if len(self.tracks) < 2:
            return []
        found = []
        if self.open_tracks:
            found.append(
                _("Participants are not yet assigned to the parallel tracks ({tracks}).").format(
                    tracks=", ".join(self.open_tracks)
                )
            )
        for track in self.tracks:
            if track not in self.open_tracks and not self.on_track(track):
                found.append(_("Nobody is assigned to the track “{track}”.").format(track=track))
        return found


def track_plan(
    db: Database,
    visit_id: int,
    programme: list[Any] | None = None,
    participations: list[Any] | None = None,
) -> TrackPlan:
    """The tracks of the visit's programme and the people placed on each (``programme``
    and ``participations``: the visit's items and people when the caller has them)."""
    from app.services.people import list_participations
    from app.services.programme import list_programme

    if programme is None:
        programme = list_programme(db, visit_id)
    items = [item for item in programme if item.track]
    if not items:
        return TrackPlan()
    if participations is None:
        participations = list_participations(db, visit_id, taking_part=True)
    tracks: list[str] = []
    by_track: dict[str, list[Any]] = {}
    for item in items:
        track = item.track or ""  # (only items with a track were kept above)
        if track not in by_track:
            tracks.append(track)
        by_track.setdefault(track, []).append(item)
    parallel = any(
        a.track != b.track and a.starts_utc < b.ends_utc and b.starts_utc < a.ends_utc
        for n, a in enumerate(items)
        for b in items[n + 1 :]
    )
    people = tuple(
        (p.person_id, p.person.full_name)
        for p in participations
        if p.takes_part and p.person is not None
    )
    chosen: dict[int, str | None] = {}
    for person_id, _name in people:
        placed = [
            track
            for track in tracks
            if all(
                not item.attendees_all and person_id in {a.id for a in item.attendees}
                for item in by_track[track]
            )
        ]
        chosen[person_id] = placed[0] if len(placed) == 1 else None
    open_tracks = tuple(t for t in tracks if any(i.attendees_all for i in by_track[t]))
    return TrackPlan(
        tuple(tracks),
        parallel,
        people,
        chosen,
        open_tracks,
        {t: tuple(i.id for i in by_track[t]) for t in tracks},
    )


def attendees_now(db: Database, visit_id: int) -> dict[int, Attendees]:
    """Every track item's attendees as they are ("all" or person ids): undo keeps them."""
    from app.services.programme import list_programme

    return {
        item.id: "all" if item.attendees_all else sorted(p.id for p in item.attendees)
        for item in list_programme(db, visit_id)
        if item.track
    }


def put_attendees(db: Database, attendees: Mapping[int, Attendees]) -> None:
    """Set the attendees of several items in one transaction (an assignment, or its undo)."""
    from app.services.programme import ITEM, _relate

    def work(session: Session) -> None:
        for item_id, value in attendees.items():
            item = crud.live_row(session, ITEM, item_id)
            _relate(session, item, {"attendees": rules.ids_or_all(value)})
        session.flush()

    crud.transaction(db, work)


def assign_tracks(
    db: Database, visit_id: int, chosen: Mapping[int, str | None]
) -> dict[int, Attendees]:
    """Place each person (id → track, or None for no track) on their track's items.

    Every item of a track then lists exactly the people placed on it; the items without a
    track are left as they are. Returns the attendees each item will have.
    """
    plan = track_plan(db, visit_id)
    taking = {person_id for person_id, _name in plan.people}
    unknown = [t for t in chosen.values() if t is not None and t not in plan.tracks]
    if unknown:
        from app.domain.validation import Invalid

        raise Invalid(_("There is no track “{track}” in the programme.").format(track=unknown[0]))
    wanted = {
        item_id: sorted(p for p, t in chosen.items() if t == track and p in taking)
        for track, ids in plan.items.items()
        for item_id in ids
    }
    put_attendees(db, wanted)
    return wanted
