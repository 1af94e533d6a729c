"""What an answer about earlier experience holds (issue 18): the subject asked about, the
earlier visits, the rows found on them and the repeat warnings.

Apart from ``app.services.experience`` (which asks and keeps the answers) and
``app.services.experience_queries`` (which reads each kind of row) so that both can build
these without importing each other. Frozen rows: a kept answer is shared between the
worker thread that read it and the window that shows it. No Qt here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from app.i18n import _, format_date


@dataclass(frozen=True)
class Subject:
    """What a visit names that the region may know: hosts, city, topics, and when."""

    visit_id: int | None
    host_ids: tuple[int, ...]
    city: str | None
    topics: tuple[str, ...]
    start: dt.date | None

    @property
    def empty(self) -> bool:
        return not (self.host_ids or self.city or self.topics)


@dataclass(frozen=True)
class EarlierVisit:
    id: int
    code: str
    title: str
    start: dt.date
    end: dt.date
    city: str | None
    hosts: tuple[str, ...]  # the named hosts met on it
    same_city: bool


@dataclass(frozen=True)
class Found:
    """A lesson, a contact gained, an open follow-up or a meeting outcome, with its visit.

    ``place`` is where the visit workspace shows it (``lesson``, ``contacts``,
    ``follow_up``, ``outcome``) and ``row_id`` the row there.
    """

    place: str
    row_id: int
    visit_id: int
    visit_code: str
    text: str
    extra: str = ""  # the host of an outcome, the owner and due date of a follow-up


@dataclass(frozen=True)
class Repeat:
    """The same host visited on the same topic within the last three years."""

    host: str
    topic: str
    visit_id: int
    visit_code: str
    start: dt.date

    @property
    def text(self) -> str:
        return _(
            "{host} was visited on “{topic}” on {date} ({code}), less than three "
            "years before this visit."
        ).format(
            host=self.host, topic=self.topic, code=self.visit_code, date=format_date(self.start)
        )


@dataclass
class Experience:
    subject: Subject
    hosts: dict[int, str] = field(default_factory=dict)
    visits: list[EarlierVisit] = field(default_factory=list)
    lessons: list[Found] = field(default_factory=list)
    contacts: list[Found] = field(default_factory=list)
    follow_ups: list[Found] = field(default_factory=list)
    outcomes: list[Found] = field(default_factory=list)
    warnings: list[Repeat] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # before the LIMIT cut

    @property
    def empty(self) -> bool:
        return not (
            self.visits
            or self.lessons
            or self.contacts
            or self.follow_ups
            or self.outcomes
            or self.warnings
        )
