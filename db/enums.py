"""The closed vocabularies of the data model, shared by the schema, services and the visit file."""

from __future__ import annotations

VISIT_KINDS = ("study_visit", "conference", "seminar", "hosted_delegation")
DIRECTIONS = ("outgoing", "incoming", "domestic")
VISIT_STATUSES = ("draft", "planned", "confirmed", "completed", "reported", "cancelled")
LANGUAGES = ("lv", "en", "nb")
ORG_KINDS = (
    "municipality",
    "region",
    "ministry",
    "agency",
    "university",
    "company",
    "association",
    "ngo",
    "other",
)
GENDERS = ("female", "male")  # a person's grammatical gender, for Latvian role words
ROLES = ("head", "delegate", "coordinator", "interpreter", "expert", "press", "driver")
PARTICIPATION_STATUSES = ("invited", "confirmed", "declined", "cancelled", "attended")
TAKING_PART = frozenset({"confirmed", "attended"})
ITEM_KINDS = (
    "meeting",
    "presentation",
    "site_visit",
    "workshop",
    "meal",
    "transfer",
    "free_time",
    "ceremony",
    "other",
)
TRAVEL_MODES = ("flight", "train", "bus", "ferry", "car", "other")
ROOM_TYPES = ("single", "double", "twin")
BUDGET_CATEGORIES = (
    "travel",
    "accommodation",
    "daily_allowance",
    "local_transport",
    "interpretation",
    "venue",
    "catering",
    "insurance",
    "visa",
    "gifts",
    "other",
)
BUDGET_UNITS = ("person", "night", "day", "trip", "item", "lump_sum")
FOLLOW_UP_STATUSES = ("open", "done", "dropped")
ATTACHMENT_KINDS = ("photo", "file")

# Which exchange rate an actual (a payment) converts at: the project's rule (issue 12).
# ``ecb`` — the ECB reference rate in force at the start of the transaction day (the
# latest published before that day: Latvian accounting practice); ``inforeuro`` — the
# Commission's monthly accounting rate of the expense's month; ``fixed`` — one rate per
# currency set for the project; ``plan`` — the rate the plan was made with.
RATE_RULES = ("ecb", "inforeuro", "fixed", "plan")
# What an exchange-rate row of a visit is: the plan's rate (one per currency), or a dated
# ECB daily or InforEuro monthly rate the actuals convert at.
RATE_KINDS = ("plan", "ecb", "inforeuro")
