"""What the region already knows about the hosts, the city and the topics of a visit being
planned: earlier visits there, their lessons, the contacts gained, the follow-ups still
open and the outcomes of meetings with those hosts (issue 18, "experience offered while
planning").

The planner names a host (a programme item's host institution), a city or a topic; the
visit workspace's side panel asks here without being asked by the user. A warning is
raised when a host was already visited on one of the same topics in the three years
before the visit starts: the region should not send a second delegation to learn the same
thing. Every row carries the visit (and the row) it came from, so one click opens the
earlier visit at that place.

Queries go by the indexed host and visit columns (``app.services.experience_queries``
reads them; ``app.services.experience_answer`` holds the rows of an answer). On the
10,000-visit benchmark the busiest host's experience takes some 70 ms of CPU time (120 ms
when every query worked the earlier visits out again from a scan of all visits). No Qt
here.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from typing import Any

from sqlalchemy import select

from app.services.experience_answer import (
    EarlierVisit,
    Experience,
    Found,
    Repeat,
    Subject,
)
from app.services.experience_queries import RECENT_YEARS, ask
from db.engine import Database
from db.models import ProgrammeItem, Visit

__all__ = [
    "LIMIT",
    "RECENT_YEARS",
    "EarlierVisit",
    "Experience",
    "Found",
    "Repeat",
    "Subject",
    "experience",
    "experience_for_visit",
    "kept_experience",
    "subject_of",
]

LIMIT = 12  # rows of each kind shown; the counts say how many there are


def subject_of(
    db: Database, visit_id: int, *, item_host: tuple[int, int | None] | None = None
) -> Subject | None:
    """The hosts of the visit's programme, its city, topics and start (None: no visit).

    ``item_host``: (programme item, host) — the subject as it will be once that item's
    host is saved, so the side panel can ask while the save is still being made (the
    answer is the same: an answer never reads the visit's own rows, only its subject).
    """
    with db.read() as s:
        row = s.execute(
            select(Visit.city, Visit.topics, Visit.start_date, Visit.organiser_id).where(
                Visit.id == visit_id, Visit.deleted_at.is_(None)
            )
        ).first()
        if row is None:
            return None
        # the organiser is the region itself (its own debrief in the programme), not a host
        hosts = tuple(
            sorted(
                h
                for h in s.scalars(
                    select(ProgrammeItem.host_id)
                    .distinct()
                    .where(
                        ProgrammeItem.visit_id == visit_id,
                        ProgrammeItem.deleted_at.is_(None),
                        ProgrammeItem.host_id.is_not(None),
                        *([ProgrammeItem.id != item_host[0]] if item_host else []),
                    )
                )
                if h is not None and h != row.organiser_id
            )
        )
        if item_host and item_host[1] is not None and item_host[1] != row.organiser_id:
            hosts = tuple(sorted({*hosts, item_host[1]}))
    city = (row.city or "").strip() or None
    topics = tuple(
        dict.fromkeys(t.strip() for t in row.topics or () if isinstance(t, str) and t.strip())
    )
    return Subject(visit_id, hosts, city, topics, row.start_date)


# The last answers for each open database, kept while its data version holds: a visit
# opened again, or a tab left and come back to, is answered without asking.
_KEPT: weakref.WeakKeyDictionary[Database, OrderedDict[Any, tuple[str, Experience]]] = (
    weakref.WeakKeyDictionary()
)
_KEPT_LOCK = threading.Lock()  # answered in a worker thread, read on the UI thread
KEPT_ANSWERS = 16


def experience(
    db: Database, subject: Subject, *, limit: int = LIMIT, kept: bool = True
) -> Experience:
    """Everything earlier visits hold about the subject's hosts, city and topics; the
    answer kept from an earlier call while nothing was committed since (``kept=False``
    asks the database always: the benchmark)."""
    if not kept:
        return ask(db, subject, limit)
    version = db.data_version()  # read first: an answer is never newer than its label
    key = _key(subject, limit)
    with _KEPT_LOCK:
        found = _KEPT.get(db, OrderedDict()).get(key)
    if found is not None and found[0] == version:
        return found[1]
    answer = ask(db, subject, limit, version)
    with _KEPT_LOCK:
        answers = _KEPT.setdefault(db, OrderedDict())
        answers[key] = (version, answer)
        answers.move_to_end(key)
        while len(answers) > KEPT_ANSWERS:
            answers.popitem(last=False)
    return answer


def kept_experience(db: Database, subject: Subject, *, limit: int = LIMIT) -> Experience | None:
    """The answer kept for ``subject`` if nothing was committed since it was read, else
    None: a question asked again is answered at once, without a worker thread."""
    version = db.data_version()
    with _KEPT_LOCK:
        found = _KEPT.get(db, OrderedDict()).get(_key(subject, limit))
    return found[1] if found is not None and found[0] == version else None


def _key(subject: Subject, limit: int) -> tuple[Subject, int, str]:
    from app.i18n import current_language

    return (subject, limit, current_language())  # dates are written in the language


def experience_for_visit(db: Database, visit_id: int, *, limit: int = LIMIT) -> Experience:
    """The experience offered beside a visit's workspace (empty when it names nothing)."""
    subject = subject_of(db, visit_id)
    if subject is None:
        return Experience(Subject(visit_id, (), None, (), None))
    return experience(db, subject, limit=limit)
