"""Daily allowances of a visit's travellers: who travels which days at which rate.

A traveller's trip runs from the departure of their first journey to the arrival of their
last (the travel legs they are on, in local time of each end); without legs, from their
arrival to their departure in the visit, else the visit's dates. The country's rate is the
one in force on the day of departure. Travellers without a rate are reported, not guessed.

The reduced days of each traveller and the visit's reduced share are stored (participation
and visit, migration 0006), so the tab, the lines, the statement, the budget PDF and
spreadsheet and the command line all count the same days.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.domain.allowances import (
    REDUCED_SHARE_LIMIT,
    Allowance,
    allowance,
)
from app.domain.budget_totals import num
from app.domain.text import sort_key
from app.domain.validation import Invalid
from app.domain.zones import zone_country
from app.i18n import _, format_date
from app.labels import country as country_name
from app.services.allowances.inputs import stored_inputs
from app.services.allowances.plan_checks import cap_warnings, lines_check
from app.services.allowances.rate_table import (
    RateInForce,
    rate_in_force,
    rates_coming_into_force,
)
from app.services.base import ServiceError, visit_by_ref
from db.engine import Database
from db.models import (
    AllowanceRate,
    Participation,
    TravelLeg,
    Visit,
)


@dataclass(frozen=True)
class TravellerAllowance:
    person_id: int
    name: str
    role: str
    rate: RateInForce | None
    allowance: Allowance | None
    problem: str | None = None
    # Known without a rate too (the tab shows them while only the money is missing).
    country: str | None = None
    departure: dt.date | None = None
    return_day: dt.date | None = None
    reduced: frozenset[dt.date] = frozenset()  # the stored reduced days, within the trip
    later_rates: tuple[RateInForce, ...] = ()  # rates that came into force during the trip

    @property
    def sources(self) -> list[str]:
        """The legal sources of the rates applied, departure day's first."""
        found = [r.source for r in (self.rate, *self.later_rates) if r and r.source]
        return list(dict.fromkeys(found))

    @property
    def full_days(self) -> int | None:
        days = self.days
        return None if days is None else days - len(self.reduced)

    @property
    def days(self) -> int | None:
        """Days of the trip, departure and return included (``None`` if they cross)."""
        if self.departure is None or self.return_day is None or self.return_day < self.departure:
            return None
        return (self.return_day - self.departure).days + 1


@dataclass
class AllowancePlan:
    """What the calculator would write, and why it could not for some travellers."""

    visit_id: int
    code: str
    title: str
    country: str | None
    share: Decimal
    travellers: list[TravellerAllowance]
    warnings: list[str]
    cap_warnings: list[str] = field(default_factory=list)  # also in ``warnings``
    # The visit's daily-allowance budget lines plan another amount than the calculator
    # (hand-made lines, an old rate, days changed since): a warning for the tab and the
    # budget export, not in ``warnings`` (which is about the travellers).
    lines_warning: str | None = None
    lines_total: Decimal | None = None  # what those lines plan, in EUR
    coordinator: str | None = None  # the visit's coordinator: who prepares the statements
    # the visit's title (and other texts) in other languages: ``{"en": {"title": …}}``
    translations: dict[str, Any] | None = None
    hosted: bool = False  # a visit we host (incoming): no Latvian allowances for guests
    no_rate_table: bool = False  # the rate table is empty (the program ships no rates)

    def title_in(self, lang: str) -> str:
        """The title in a document's language when the visit has one, else as written."""
        return ((self.translations or {}).get(lang) or {}).get("title") or self.title

    @property
    def total(self) -> Decimal:
        return sum((t.allowance.amount for t in self.travellers if t.allowance), Decimal("0.00"))

    def of(self, person: int | str) -> TravellerAllowance:
        """One traveller, by person id or (part of) name."""
        text = str(person).strip()
        for t in self.travellers:
            if text.isdigit() and t.person_id == int(text):
                return t
        needle = text.casefold()
        found = [t for t in self.travellers if needle in t.name.casefold()]
        if len(found) != 1:
            raise ServiceError(
                _("No single traveller in {visit} matches “{person}”.").format(
                    visit=self.code, person=text
                )
            )
        return found[0]


@dataclass(frozen=True)
class _Trip:
    departure: dt.date
    return_day: dt.date
    no_return: bool = False  # journeys out, none home: counted to the visit's (their) end


def _trip(session: Session, visit: Visit, part: Participation) -> _Trip:
    """From the first journey's departure to the last's arrival (local days).

    A traveller whose journeys take them out of their home country (where the first one
    leaves from) and none brings them back to it has no return journey booked yet: the
    trip runs to their own departure from the visit, else the visit's last day (it counted
    one day: the day of the flight out). See ``_returns_home``.
    """
    legs = [
        leg
        for leg in session.scalars(
            select(TravelLeg)
            .where(TravelLeg.visit_id == visit.id)
            .options(selectinload(TravelLeg.passengers))
            .order_by(TravelLeg.departs_utc)
        )
        if leg.passengers_all or any(p.id == part.person_id for p in leg.passengers)
    ]
    if not legs:
        return _Trip(part.arrives or visit.start_date, part.departs or visit.end_date)
    if not _returns_home(legs):
        end = max(part.departs or visit.end_date, legs[-1].arrives.date())
        return _Trip(legs[0].departs.date(), end, no_return=True)
    return _Trip(legs[0].departs.date(), legs[-1].arrives.date())


def _returns_home(legs: list[TravelLeg]) -> bool:
    """Whether a journey brings the traveller back to the country they left from.

    Countries, not zone names, are compared (``app.domain.zones.zone_country``): a
    traveller who left from Las Palmas (``Atlantic/Canary``) and flies home to Madrid
    (``Europe/Madrid``) is back in Spain; the names differed, and a return was warned
    missing. The journey out need not be the first: a coach from Rīga to Liepāja airport
    before the flight out stays home, and the return is looked for after the flight (the
    coach's arrival in Rīga's zone had counted as the way back, so a traveller with no
    flight home got no warning and one day). A trip that never leaves the home country
    (a visit within Latvia) cannot be told from its countries and is taken as returning.
    A zone of no country (``UTC``) is compared by its name."""

    def country(zone: str) -> str:
        return zone_country(zone) or zone

    home = country(legs[0].from_timezone)
    away = False
    for leg in legs:
        there = country(leg.to_timezone)
        if there != home:
            away = True
        elif away:
            return True
    return not away


def hosted_note() -> str:
    """Why a visit we host has no allowances: the plan's warning, and the Daily allowances
    tab's one sentence in place of its table."""
    return _("This is a visit we host: its guests get no Latvian daily allowances.")


def allowance_plan(
    db: Database,
    visit_ref: int | str,
    *,
    reduced: Mapping[int, Collection[dt.date]] | Collection[dt.date] | None = None,
    share: Decimal | None = None,
) -> AllowancePlan:
    """Each traveller's allowance at the destination's rate.

    ``reduced`` gives the days with free accommodation and three meals: a set of dates for
    everyone, or a mapping of person id to dates; ``None`` (the default) takes the days
    stored for each traveller, as does ``share`` the visit's stored share. Every document
    passes ``None``, so it counts what the Daily allowances tab shows.
    """
    if share is not None and not Decimal(0) <= share <= Decimal(100):
        raise Invalid(_("must be a percentage from 0 to 100")).at("share")
    with db.read() as session:
        visit = visit_by_ref(session, visit_ref)
        stored = stored_inputs(session, visit)
        if reduced is None:
            reduced = stored.reduced
        if share is None:
            share = stored.share
        parts = [
            p
            for p in session.scalars(
                select(Participation)
                .where(Participation.visit_id == visit.id)
                .options(selectinload(Participation.person))
            )
            if p.takes_part and p.person
        ]
        parts.sort(key=lambda p: (sort_key(p.person.family_name), sort_key(p.person.given_name)))
        warnings: list[str] = []
        hosted = visit.direction == "incoming"
        if hosted:
            # Regulation No 969 pays Latvian staff on official trips; the guests of a
            # visit we host are paid by their own side.
            travellers = [
                TravellerAllowance(
                    p.person_id, p.person.full_name, p.role, None, None, None, visit.country
                )
                for p in parts
            ]
            warnings.append(hosted_note())
        else:
            travellers = [
                _traveller(
                    session,
                    visit,
                    part,
                    share,
                    warnings,
                    reduced.get(part.person_id, ()) if isinstance(reduced, Mapping) else reduced,
                )
                for part in parts
            ]
        if not parts:
            warnings.append(_("Nobody has confirmed taking part in this visit yet."))
        if (
            share is not None
            and share > REDUCED_SHARE_LIMIT
            and any(t.allowance and t.allowance.reduced_days for t in travellers)
        ):
            # Regulation No 969, point 13: "up to 30 %" when meals and lodging are given.
            warnings.append(
                _(
                    "The reduced days are paid at {share} percent of the daily rate; "
                    "the rules allow up to 30 percent when accommodation and meals are "
                    "provided."
                ).format(share=num(share))
            )
        caps = cap_warnings(session, visit, travellers)
        warnings.extend(caps)
        plan = AllowancePlan(
            visit.id,
            visit.code,
            visit.title,
            visit.country,
            share,
            travellers,
            warnings,
            caps,
            coordinator=visit.coordinator.full_name if visit.coordinator else None,
            translations=visit.translations,
            hosted=hosted,
            no_rate_table=session.scalars(select(AllowanceRate.id).limit(1)).first() is None,
        )
        plan.lines_total, plan.lines_warning = lines_check(session, visit, plan)
        return plan


def _traveller(
    session: Session,
    visit: Visit,
    part: Participation,
    share: Decimal,
    warnings: list[str],
    days: Collection[dt.date],
) -> TravellerAllowance:
    """One traveller's allowance at the rates in force day by day (or why there is none);
    adds the warnings about them to ``warnings``."""
    name = part.person.full_name
    trip = _trip(session, visit, part)
    departure, return_day = trip.departure, trip.return_day
    if trip.no_return:
        warnings.append(
            _("{name}: no return journey; the allowance is counted to {day}").format(
                name=name, day=format_date(return_day)
            )
        )
    rate = rate_in_force(session, visit.country, departure) if visit.country else None
    if rate is None:
        problem = _("no daily allowance rate for {country} on {day}").format(
            country=country_name(visit.country) or "?", day=format_date(departure)
        )
        within = frozenset(d for d in days if departure <= d <= return_day)
        warnings.append(f"{name}: {problem}")
        return TravellerAllowance(
            part.person_id,
            name,
            part.role,
            None,
            None,
            problem,
            visit.country,
            departure,
            return_day,
            within,
        )
    later = tuple(rates_coming_into_force(session, rate.country, departure, return_day))
    return TravellerAllowance(
        part.person_id,
        name,
        part.role,
        rate,
        allowance(
            departure,
            return_day,
            rate.daily,
            reduced=days,
            share=share,
            later_rates=[(r.valid_from, r.daily) for r in later],
        ),
        None,
        visit.country,
        departure,
        return_day,
        later_rates=later,
    )
