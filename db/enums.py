"""The closed vocabularies of the data model, shared by the schema, services and the visit file."""

from __future__ import annotations

VISIT_KINDS = ("study_visit", "conference", "seminar", "hosted_delegation")
DIRECTIONS = ("outgoing", "incoming", "domestic")
VISIT_STATUSES = ("draft", "planned", "confirmed", "completed", "reported", "cancelled")
LANGUAGES = ("lv", "en", "nb")
ORG_KINDS = (
    "municipality", "region", "ministry", "agency", "university",
    "company", "association", "ngo", "other",
)
ROLES = ("head", "delegate", "coordinator", "interpreter", "expert", "press", "driver")
PARTICIPATION_STATUSES = ("invited", "confirmed", "declined", "cancelled", "attended")
TAKING_PART = frozenset({"confirmed", "attended"})
ITEM_KINDS = (
    "meeting", "presentation", "site_visit", "workshop", "meal",
    "transfer", "free_time", "ceremony", "other",
)
TRAVEL_MODES = ("flight", "train", "bus", "ferry", "car", "other")
ROOM_TYPES = ("single", "double", "twin")
BUDGET_CATEGORIES = (
    "travel", "accommodation", "daily_allowance", "local_transport", "interpretation",
    "venue", "catering", "insurance", "visa", "gifts", "other",
)
BUDGET_UNITS = ("person", "night", "day", "trip", "item", "lump_sum")
FOLLOW_UP_STATUSES = ("open", "done", "dropped")
ATTACHMENT_KINDS = ("photo", "file")
