"""Words shown for the data model's vocabularies and countries, in the interface language.

The database stores stable codes (``study_visit``, ``confirmed``, ``NO``); the window shows
them as a coordinator says them. Marked with ``N_`` for extraction, translated when shown.
"""

from __future__ import annotations

from app.i18n import N_, _, current_language

# The codes themselves, for the window's choices: ``ui`` takes them from here, not from db.
from db.enums import (  # noqa: F401
    BUDGET_CATEGORIES,
    BUDGET_UNITS,
    DIRECTIONS,
    FOLLOW_UP_STATUSES,
    ITEM_KINDS,
    ORG_KINDS,
    PARTICIPATION_STATUSES,
    RATE_RULES,
    ROLES,
    ROOM_TYPES,
    TAKING_PART,
    TRAVEL_MODES,
    VISIT_KINDS,
    VISIT_STATUSES,
)

VISIT_KIND_LABELS = {
    "study_visit": N_("Study visit"),
    "conference": N_("Conference"),
    "seminar": N_("Seminar"),
    "hosted_delegation": N_("Hosted delegation"),
}

VISIT_STATUS_LABELS = {
    "draft": N_("Draft"),
    "planned": N_("Planned"),
    "confirmed": N_("Confirmed"),
    "completed": N_("Completed"),
    "reported": N_("Reported"),
    "cancelled": N_("Cancelled"),
}


# How a project's payments convert (``app.domain.rates``): what the finance officer chose.
RATE_RULE_LABELS = {
    "ecb": N_("ECB rate in force at the start of the payment's day"),
    "inforeuro": N_("InforEuro rate of the payment's month"),
    "fixed": N_("The project's fixed rate"),
    "plan": N_("The plan's rate"),
}


def rate_rule(code: str | None) -> str:
    """The rule's words; no rule stored is the default (the ECB rate of the day)."""
    code = code or RATE_RULES[0]
    return _(RATE_RULE_LABELS[code]) if code in RATE_RULE_LABELS else code


def visit_kind(code: str) -> str:
    return _(VISIT_KIND_LABELS[code]) if code in VISIT_KIND_LABELS else code


def visit_status(code: str) -> str:
    return _(VISIT_STATUS_LABELS[code]) if code in VISIT_STATUS_LABELS else code


def country(code: str | None) -> str:
    """The country's name in the interface language (``NO`` → ``Norvēģija``)."""
    if not code:
        return ""
    from babel import Locale

    return Locale.parse(current_language()).territories.get(code.upper(), code)


def place(city: str | None, country_code: str | None) -> str:
    return ", ".join(part for part in (city, country(country_code)) if part)
