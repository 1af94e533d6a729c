"""Merge duplicates in the directory: two records of the same person or institution.

People: the duplicate's visits move to the one kept.

Built from the services' own steps, each recorded with its inverse so that one undo puts
everything back: on every visit of the duplicate, the person kept takes its place (same
role, status and dates) in the participants, the programme's attendee lists, the travel
legs' passengers and the rooming list — unless already on that visit; visits it coordinated
get the person kept as coordinator; then the duplicate is deleted. The kept person's own
details are not changed. Institutions: see ``merge_organisations``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Step = Callable[[], Any]


def _swap(ids: list[int], old: int, new: int) -> list[int]:
    out = [new if i == old else i for i in ids]
    return list(dict.fromkeys(out))


def merge_people(db: Any, duplicate_id: int, keep_id: int) -> list[Step]:
    """Do the merge; returns the steps that undo it, to be run in order."""
    from app.domain.validation import Invalid
    from app.i18n import _
    from app.services import logistics, people, programme, visits
    from ui.directory.usage import visits_of_person

    if duplicate_id == keep_id:
        raise Invalid(_("A person cannot be merged into themselves."))
    undo: list[Step] = []
    try:
        for visit_id, _label in visits_of_person(db, duplicate_id):
            visit = visits.get_visit(db, visit_id)
            if visit.coordinator_id == duplicate_id:
                visits.update_visit(db, visit_id, None, coordinator_id=keep_id)
                undo.append(lambda v=visit_id: visits.update_visit(
                    db, v, None, coordinator_id=duplicate_id))
            parts = {p.person_id: p for p in people.list_participations(db, visit_id)}
            mine = parts.get(duplicate_id)
            if mine is None:
                continue
            if keep_id not in parts:
                new = people.add_participant(db, visit_id, keep_id, role=mine.role,
                                             status=mine.status, arrives=mine.arrives,
                                             departs=mine.departs, notes=mine.notes)
                undo.append(lambda n=new.id: people.delete_participation(db, n))
            for item in programme.list_programme(db, visit_id):
                ids = [p.id for p in item.attendees]
                if not item.attendees_all and duplicate_id in ids:
                    programme.update_programme_item(db, item.id, None,
                                                    attendees=_swap(ids, duplicate_id, keep_id))
                    undo.append(lambda i=item.id, old=ids: programme.update_programme_item(
                        db, i, None, attendees=old))
            for leg in logistics.list_travel(db, visit_id):
                ids = [p.id for p in leg.passengers]
                if not leg.passengers_all and duplicate_id in ids:
                    logistics.update_travel_leg(db, leg.id, None,
                                                passengers=_swap(ids, duplicate_id, keep_id))
                    undo.append(lambda i=leg.id, old=ids: logistics.update_travel_leg(
                        db, i, None, passengers=old))
            for stay in logistics.list_stays(db, visit_id):
                for room in logistics.list_rooms(db, stay.id):
                    ids = [p.id for p in room.occupants]
                    if duplicate_id in ids:
                        logistics.update_room(db, room.id, None,
                                              occupants=_swap(ids, duplicate_id, keep_id))
                        undo.append(lambda i=room.id, old=ids: logistics.update_room(
                            db, i, None, occupants=old))
        people.delete_person(db, duplicate_id)
        undo.append(lambda: people.restore_person(db, duplicate_id))
    except Exception:
        undo_steps(undo)  # a refused step: what was done is put back, then the reason told
        raise
    return undo


def undo_steps(steps: list[Step]) -> None:
    for step in reversed(steps):
        step()


def merge_organisations(db: Any, duplicate_id: int, keep_id: int) -> list[Step]:
    """An institution entered twice: its contacts (copied), the programme items it hosts,
    the visits it organised and its people go to the one kept; then it is deleted.
    Returns the steps that undo it."""
    from app.domain.validation import Invalid
    from app.i18n import _
    from app.services import directory, people, programme, visits
    from ui.directory.usage import visits_of_organisation

    if duplicate_id == keep_id:
        raise Invalid(_("An institution cannot be merged into itself."))
    undo: list[Step] = []
    try:
        contacts: dict[int, int] = {}
        for contact in directory.list_contacts(db, duplicate_id):
            copy = directory.create_contact(db, keep_id, name=contact.name,
                                            position=contact.position, email=contact.email,
                                            phone=contact.phone, languages=contact.languages)
            contacts[contact.id] = copy.id
            undo.append(lambda c=copy.id: directory.delete_contact(db, c))
        for visit_id, _label in visits_of_organisation(db, duplicate_id):
            visit = visits.get_visit(db, visit_id)
            if visit.organiser_id == duplicate_id:
                visits.update_visit(db, visit_id, None, organiser_id=keep_id)
                undo.append(lambda v=visit_id: visits.update_visit(
                    db, v, None, organiser_id=duplicate_id))
            for item in programme.list_programme(db, visit_id):
                if item.host_id != duplicate_id:
                    continue
                old_contact = item.contact_id
                programme.update_programme_item(
                    db, item.id, None, host_id=keep_id,
                    contact_id=contacts.get(old_contact) if old_contact else None)
                undo.append(lambda i=item.id, c=old_contact: programme.update_programme_item(
                    db, i, None, host_id=duplicate_id, contact_id=c))
        for person in people.list_people(db, organisation_id=duplicate_id):
            people.update_person(db, person.id, None, organisation_id=keep_id)
            undo.append(lambda p=person.id: people.update_person(
                db, p, None, organisation_id=duplicate_id))
        directory.delete_organisation(db, duplicate_id)
        undo.append(lambda: directory.restore_organisation(db, duplicate_id))
    except Exception:
        undo_steps(undo)
        raise
    return undo
