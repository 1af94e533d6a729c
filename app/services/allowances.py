"""Daily allowances of a visit's travellers, and the allowance-rate table's CSV import.

A traveller's trip runs from the departure of their first journey to the arrival of their
last (the travel legs they are on, in local time of each end); without legs, from their
arrival to their departure in the visit, else the visit's dates. The country's rate is the
one in force on the day of departure. Travellers without a rate are reported, not guessed.
Writing the lines replaces the visit's daily-allowance lines in one transaction, so running
the calculator again after a change never counts anyone twice; what was paid (the actual
side of a replaced line) is kept, never wiped.

The reduced days of each traveller and the visit's reduced share are stored (participation
and visit, migration 0006), so the tab, the lines, the statement, the budget PDF and
spreadsheet and the command line all count the same days.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from babel.numbers import format_decimal
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.domain import validation as v
from app.domain.allowances import (
    DEFAULT_REDUCED_SHARE,
    REDUCED_SHARE_LIMIT,
    Allowance,
    allowance,
    over_cap,
)
from app.domain.budget_totals import num
from app.domain.money import MissingRate, convert, from_minor, round_cents, to_minor
from app.domain.text import sort_key
from app.domain.validation import Invalid
from app.i18n import _, current_language, format_date, format_money, ngettext
from app.labels import country as country_name
from app.services import crud
from app.services.base import ServiceError, get_live, visit_by_ref
from db.engine import Database
from db.models import (
    AllowanceRate,
    BudgetLine,
    ExchangeRate,
    FundingSource,
    Participation,
    TravelLeg,
    Visit,
)
from db.models.base import utcnow


@dataclass(frozen=True)
class RateInForce:
    country: str
    daily: Decimal
    accommodation_cap: Decimal | None
    valid_from: dt.date
    source: str | None


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

    @property
    def full_days(self) -> int | None:
        days = self.days
        return None if days is None else days - len(self.reduced)

    @property
    def days(self) -> int | None:
        """Days of the trip, departure and return included (``None`` if they cross)."""
        if self.departure is None or self.return_day is None \
                or self.return_day < self.departure:
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

    def title_in(self, lang: str) -> str:
        """The title in a document's language when the visit has one, else as written."""
        return ((self.translations or {}).get(lang) or {}).get("title") or self.title

    @property
    def total(self) -> Decimal:
        return sum((t.allowance.amount for t in self.travellers if t.allowance),
                   Decimal("0.00"))

    def of(self, person: int | str) -> TravellerAllowance:
        """One traveller, by person id or (part of) name."""
        text = str(person).strip()
        for t in self.travellers:
            if text.isdigit() and t.person_id == int(text):
                return t
        needle = text.casefold()
        found = [t for t in self.travellers if needle in t.name.casefold()]
        if len(found) != 1:
            raise ServiceError(_("No single traveller in {visit} matches “{person}”.").format(
                visit=self.code, person=text))
        return found[0]


def rate_in_force(session: Session, country: str, day: dt.date) -> RateInForce | None:
    row = session.scalars(
        select(AllowanceRate).where(AllowanceRate.country == country,
                                    AllowanceRate.valid_from <= day)
        .order_by(AllowanceRate.valid_from.desc())).first()
    if row is None:
        return None
    cap = from_minor(row.accommodation_cap_minor) if row.accommodation_cap_minor is not None \
        else None
    return RateInForce(row.country, from_minor(row.daily_minor), cap, row.valid_from, row.source)


def _trip(session: Session, visit: Visit, part: Participation) -> tuple[dt.date, dt.date]:
    legs = [leg for leg in session.scalars(
        select(TravelLeg).where(TravelLeg.visit_id == visit.id)
        .options(selectinload(TravelLeg.passengers)).order_by(TravelLeg.departs_utc))
        if leg.passengers_all or any(p.id == part.person_id for p in leg.passengers)]
    if legs:
        return legs[0].departs.date(), legs[-1].arrives.date()
    return part.arrives or visit.start_date, part.departs or visit.end_date


def _days_text(days: Collection[dt.date]) -> str | None:
    return " ".join(sorted(d.isoformat() for d in set(days))) or None


def _days_of(text: str | None) -> set[dt.date]:
    return {dt.date.fromisoformat(part) for part in (text or "").split()}


@dataclass(frozen=True)
class AllowanceInputs:
    """What the calculator takes besides the rates: reduced days per person, the share."""

    reduced: dict[int, frozenset[dt.date]]
    share: Decimal
    # What the visit stores (``None``: never set, the default applies); undo puts this
    # back, so a share never chosen is not written as the default's number.
    stored_share: Decimal | None = None


def allowance_inputs(db: Database, visit_ref: int | str) -> AllowanceInputs:
    """The stored reduced days (person id → days) and reduced share of a visit."""
    with db.read() as session:
        visit = visit_by_ref(session, visit_ref)
        return _inputs(session, visit)


def _inputs(session: Session, visit: Visit) -> AllowanceInputs:
    reduced = {p.person_id: frozenset(_days_of(p.allowance_reduced_days))
               for p in session.scalars(select(Participation).where(
                   Participation.visit_id == visit.id))
               if p.allowance_reduced_days}
    share = visit.allowance_share if visit.allowance_share is not None \
        else DEFAULT_REDUCED_SHARE
    return AllowanceInputs(reduced, share, visit.allowance_share)


class _Keep:
    """``share`` not given: leave the stored share as it is."""


KEEP = _Keep()


def save_allowance_inputs(db: Database, visit_id: int, *,
                          reduced: Mapping[int, Collection[dt.date]] | None = None,
                          share: Decimal | _Keep | None = KEEP) -> AllowanceInputs:
    """Store reduced days (only for the persons named) and/or the share; one transaction.

    ``share=None`` clears the stored share (the default applies again). Returns what was
    stored before, for undo (``save_allowance_inputs(db, id, reduced=before.reduced,
    share=before.stored_share)`` puts it back exactly, NULL included).
    """
    if isinstance(share, Decimal) and not Decimal(0) <= share <= Decimal(100):
        raise Invalid(_("must be a percentage from 0 to 100")).at("share")

    def work(session: Session) -> AllowanceInputs:
        visit = get_live(session, Visit, visit_id)
        before = _inputs(session, visit)
        if reduced is not None:
            parts = {p.person_id: p for p in session.scalars(select(Participation).where(
                Participation.visit_id == visit.id))}
            for person_id, days in reduced.items():
                part = parts.get(person_id)
                if part is None:
                    continue
                text = _days_text(days)
                if part.allowance_reduced_days != text:
                    part.allowance_reduced_days = text
        if not isinstance(share, _Keep) and share != visit.allowance_share:
            visit.allowance_share = share
        return AllowanceInputs({k: before.reduced.get(k, frozenset()) for k in reduced or {}},
                               before.share, before.stored_share)

    return crud.transaction(db, work)


def allowance_plan(db: Database, visit_ref: int | str, *,
                   reduced: Mapping[int, Collection[dt.date]] | Collection[dt.date] | None
                   = None,
                   share: Decimal | None = None) -> AllowancePlan:
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
        stored = _inputs(session, visit)
        if reduced is None:
            reduced = stored.reduced
        if share is None:
            share = stored.share
        parts = [p for p in session.scalars(
            select(Participation).where(Participation.visit_id == visit.id)
            .options(selectinload(Participation.person))) if p.takes_part and p.person]
        parts.sort(key=lambda p: (sort_key(p.person.family_name),
                                  sort_key(p.person.given_name)))
        warnings: list[str] = []
        travellers = []
        for part in parts:
            name = part.person.full_name
            days = reduced.get(part.person_id, ()) if isinstance(reduced, Mapping) else reduced
            departure, return_day = _trip(session, visit, part)
            rate = rate_in_force(session, visit.country, departure) if visit.country else None
            if rate is None:
                problem = _("no daily allowance rate for {country} on {day}").format(country=country_name(visit.country) or "?",
                                            day=format_date(departure))
                within = frozenset(d for d in days if departure <= d <= return_day)
                travellers.append(TravellerAllowance(part.person_id, name, part.role, None,
                                                     None, problem, visit.country, departure,
                                                     return_day, within))
                warnings.append(f"{name}: {problem}")
                continue
            travellers.append(TravellerAllowance(
                part.person_id, name, part.role, rate,
                allowance(departure, return_day, rate.daily, reduced=days, share=share),
                None, visit.country, departure, return_day))
        if not parts:
            warnings.append(_("Nobody has confirmed taking part in this visit yet."))
        if share is not None and share > REDUCED_SHARE_LIMIT and any(
                t.allowance and t.allowance.reduced_days for t in travellers):
            # Regulation No 969, point 13: "up to 30 %" when meals and lodging are given.
            warnings.append(_("The reduced days are paid at {share} percent of the daily rate; "
                              "the rules allow up to 30 percent when accommodation and meals are "
                              "provided.").format(share=num(share)))
        caps = _cap_warnings(session, visit, travellers)
        warnings.extend(caps)
        plan = AllowancePlan(visit.id, visit.code, visit.title, visit.country, share,
                             travellers, warnings, caps,
                             coordinator=visit.coordinator.full_name if visit.coordinator
                             else None, translations=visit.translations)
        plan.lines_total, plan.lines_warning = _lines_check(session, visit, plan)
        return plan


def _lines_check(session: Session, visit: Visit,
                 plan: AllowancePlan) -> tuple[Decimal | None, str | None]:
    """What the daily-allowance budget lines plan in EUR, and a warning when it is not what
    the calculator gives (the demo's lines are hand-made at an older rate, for one)."""
    lines = list(session.scalars(select(BudgetLine).where(
        BudgetLine.visit_id == visit.id, BudgetLine.category == "daily_allowance")))
    rates = {r.currency: r.per_base for r in session.scalars(
        select(ExchangeRate).where(ExchangeRate.visit_id == visit.id,
                                   ExchangeRate.kind == "plan"))}
    rates[visit.base_currency] = Decimal(1)
    if "EUR" not in rates:
        return None, None
    total = Decimal("0.00")
    for line in lines:
        if line.currency not in rates:
            return None, None
        total += convert(line.quantity * line.unit_price, line.currency, "EUR",
                         visit.base_currency, rates)
    if not any(t.allowance for t in plan.travellers) or total == plan.total:
        return total, None
    if not lines:
        return total, _("The budget has no daily-allowance lines yet; the calculator gives "
                        "{calculated}. Make the allowance lines to plan it.").format(
            calculated=format_money(plan.total, "EUR"))
    return total, _("The daily-allowance budget lines plan {lines}, the calculator gives "
                    "{calculated} ({difference} difference). Make the allowance lines again "
                    "so that the budget and the per-person table agree.").format(
        lines=format_money(total, "EUR"), calculated=format_money(plan.total, "EUR"),
        difference=format_money(abs(plan.total - total), "EUR"))


def _cap_warnings(session: Session, visit: Visit,
                  travellers: list[TravellerAllowance]) -> list[str]:
    """Hotel nights (accommodation lines priced per night) above the country's cap."""
    caps = {t.rate.accommodation_cap for t in travellers if t.rate}
    caps.discard(None)
    if not caps:
        return []
    cap = min(c for c in caps if c is not None)
    rates = {r.currency: r.per_base for r in session.scalars(
        select(ExchangeRate).where(ExchangeRate.visit_id == visit.id,
                                   ExchangeRate.kind == "plan"))}
    found = []
    for line in session.scalars(select(BudgetLine).where(
            BudgetLine.visit_id == visit.id, BudgetLine.category == "accommodation",
            BudgetLine.unit == "night").order_by(BudgetLine.position)):
        try:
            # The cap is in euros: a NOK visit's 1 300 NOK night is compared as euros
            # (it was compared as 1 300 against a cap of 130 €).
            price = convert(line.unit_price, line.currency, "EUR", visit.base_currency,
                            rates)
        except MissingRate:
            continue
        above = over_cap(price, cap)
        if above is not None:
            found.append(_("“{line}”: a night costs {price}, {above} above the "
                           "accommodation cap of {cap}").format(
                line=line.description or _("Accommodation"),
                price=format_money(price, visit.base_currency),
                above=format_money(above, "EUR"), cap=format_money(cap, "EUR")))
    return found


ACTUAL_FIELDS = ("actual_minor", "actual_currency", "actual_document", "actual_date",
                 "actual_paid")


def _has_actual(line: BudgetLine) -> bool:
    return bool(line.actual_minor is not None or line.actual_document or line.actual_date
                or line.actual_paid)


def lines_with_actuals(db: Database, visit_id: int) -> int:
    """How many of the visit's daily-allowance lines record what was paid (kept on rewrite)."""
    with db.read() as session:
        return sum(1 for line in session.scalars(select(BudgetLine).where(
            BudgetLine.visit_id == visit_id, BudgetLine.category == "daily_allowance"))
            if _has_actual(line))


def _owner(line: BudgetLine, names: Mapping[str, int | None]) -> int | str | None:
    """The participant a line is for, else None (a hand-made line for the whole group).

    ``names`` holds every participant of the visit, whatever their status: a line the
    calculator wrote for someone who has since cancelled still names them and keeps its
    payment. The calculator writes "…: {name}, {days} × {rate}", so a name counts only
    followed by a comma (or ending the text), longest name first: "Liene Ozola" is not
    found in "Liene Ozola-Kalniņa, 4 × …". A name two participants share gives the name
    itself: the line names someone, so it is kept as it is, neither moved nor spread.
    """
    text = (line.description or "").rstrip()
    for name in sorted((n for n in names if n), key=len, reverse=True):
        if f"{name}," in text or text.endswith(name):
            person = names[name]
            return name if person is None else person
    return None


def _participant_names(session: Session, visit_id: int) -> dict[str, int | None]:
    """Full name → person id of all the visit's participants (any status); ``None`` for
    a name two people share (a line naming it cannot say whose it is)."""
    found: dict[str, set[int]] = {}
    for part in session.scalars(select(Participation).where(
            Participation.visit_id == visit_id).options(selectinload(Participation.person))):
        if part.person is not None:
            found.setdefault(part.person.full_name, set()).add(part.person_id)
    return {name: next(iter(ids)) if len(ids) == 1 else None for name, ids in found.items()}


@dataclass(frozen=True)
class AllowanceWrite:
    """What ``write_allowance_lines`` did: lines written, and sentences for the user."""

    written: int
    notes: list[str] = field(default_factory=list)
    spread: int = 0  # old lines whose (group) payment was spread over the new ones
    # The lines replaced and the lines now in their place (ids, from the same transaction):
    # undo hides ``new_ids`` and brings back ``old_ids``.
    old_ids: frozenset[int] = frozenset()
    new_ids: frozenset[int] = frozenset()


def apply_allowance_lines(db: Database, plan: AllowancePlan, *,
                          funding_source_id: int | None = None) -> int:
    """``write_allowance_lines`` for callers that only need the number of lines."""
    return write_allowance_lines(db, plan, funding_source_id=funding_source_id).written


def spread_cents(total: int, weights: list[int]) -> list[int]:
    """``total`` cents split in proportion to ``weights`` by the largest remainder: the
    parts add up to ``total`` exactly; ties go to the earlier line; all weights zero (or
    none positive) split evenly."""
    if not weights:
        return []
    if sum(weights) <= 0 or any(w < 0 for w in weights):
        weights = [1] * len(weights)
    whole = sum(weights)
    sign, total = (-1, -total) if total < 0 else (1, total)
    parts = [total * w // whole for w in weights]
    order = sorted(range(len(weights)), key=lambda i: (-(total * weights[i] % whole), i))
    for i in order[:total - sum(parts)]:
        parts[i] += 1
    return [sign * part for part in parts]


def _group_payment_in_eur(session: Session, visit: Visit,
                          old: BudgetLine) -> tuple[int, str] | None:
    """The payment on a line for the whole group, in cents of the currency the new lines
    take it in (EUR, converted with the visit's rates if paid in another currency);
    ``None`` if a rate is missing."""
    if old.actual_minor is None:
        return None
    currency = old.actual_currency or old.currency
    if currency == "EUR":
        return old.actual_minor, "EUR"
    rates = {r.currency: r.per_base for r in session.scalars(
        select(ExchangeRate).where(ExchangeRate.visit_id == visit.id,
                                   ExchangeRate.kind == "plan"))}
    rates[visit.base_currency] = Decimal(1)
    if currency not in rates or "EUR" not in rates:
        return None
    return to_minor(convert(from_minor(old.actual_minor), currency, "EUR",
                            visit.base_currency, rates)), "EUR"


def write_allowance_lines(db: Database, plan: AllowancePlan, *,
                          funding_source_id: int | None = None) -> AllowanceWrite:
    """Replace the visit's daily-allowance lines with one or two per traveller.

    Without ``funding_source_id`` the new lines keep the funding source of the lines they
    replace (when those had one source).

    A traveller gets a line for the full days (days × rate) and, if any, one for the reduced
    days (days × reduced rate); the description names the person. Only the planned side is
    recalculated: what was paid (actual amount, currency, document, date, paid) on a
    traveller's old line moves to their new line. A payment on an old line that names no
    single traveller (one order for the whole group) is spread over the new lines that have
    no payment of their own, in proportion to what they plan, to the cent (largest
    remainder), with its document, date and paid flag, converted to EUR if paid in another
    currency; the old line then goes like the others. Where that cannot be done (several
    group payments, a missing rate, no line left to take it), the old line stays with its
    payment and no planned amount, so the money paid is never wiped and the planned total
    is the calculator's. Returns the number of lines the calculator wrote (a line kept for
    its payment is not counted) and what happened to group payments. When nobody has an
    allowance nothing is replaced.
    """
    if not any(t.allowance for t in plan.travellers):
        return AllowanceWrite(0)
    notes: list[str] = []
    with db.write() as session:
        visit = get_live(session, Visit, plan.visit_id)
        if funding_source_id is not None:
            source = session.get(FundingSource, funding_source_id)
            if source is None or source.deleted_at is not None or source.visit_id != visit.id:
                raise Invalid(_("{what} {id} does not exist").format(
                    what=_("Funding source"), id=funding_source_id)).at("funding_source_id")
        if visit.base_currency != "EUR" and "EUR" not in {r.currency for r in visit.rates}:
            raise ServiceError(_("Allowances are in EUR; add a rate for EUR to this visit "
                                 "first."))
        now = utcnow()
        replaced = list(session.scalars(select(BudgetLine).where(
            BudgetLine.visit_id == visit.id, BudgetLine.category == "daily_allowance")
            .order_by(BudgetLine.position, BudgetLine.id)))
        if funding_source_id is None:
            # The new lines keep the funding of the lines they replace, if it was one source.
            before = {line.funding_source_id for line in replaced}
            if len(before) == 1:
                funding_source_id = before.pop()
        # With no source from the caller or the old lines, the visit's default share (85 %
        # grant / 15 % own funds): allowance lines arrived with no source at all.
        shares = None
        if funding_source_id is None:
            from app.services.budget import default_shares

            shares = default_shares(session, visit.id)
        names = _participant_names(session, visit.id)
        paid: dict[int | str | None, list[BudgetLine]] = {}
        for line in replaced:
            line.deleted_at = now
            if _has_actual(line):
                paid.setdefault(_owner(line, names), []).append(line)
        position = crud.next_position(session, BudgetLine, "visit_id", visit.id)
        written = 0
        lang = current_language()
        new_lines: list[BudgetLine] = []
        spread = 0

        def add(**values: Any) -> BudgetLine:
            nonlocal position
            line = BudgetLine(visit_id=visit.id, position=position,
                              category="daily_allowance", eligible=True, currency="EUR",
                              unit="day", funding_source_id=funding_source_id,
                              shares=shares, **values)
            session.add(line)
            position += 1
            return line

        for t in plan.travellers:
            a = t.allowance
            if a is None:
                continue
            parts = [(a.full_days, a.daily, _("Daily allowance: {name}, {days} × {rate}"))]
            if a.reduced_days:
                parts.append((len(a.reduced_days), a.reduced, _(
                    "Daily allowance (reduced, {share} %): {name}, {days} × {rate}")))
            carried = paid.pop(t.person_id, [])
            for days, rate, text in parts:
                if not days:
                    continue
                line = add(description=text.format(
                    name=t.name, days=days, rate=format_money(rate, "EUR", lang),
                    share=format_decimal(a.share, locale=lang))[:300],
                    quantity=Decimal(days), unit_price=rate)
                written += 1
                new_lines.append(line)
                if carried:
                    _copy_actual(carried.pop(0), line)
            if carried:  # more paid lines than new ones: kept below, named, not spread
                paid[t.person_id] = carried
        group = paid.get(None, [])
        if len(group) == 1:
            old = group[0]
            free = [line for line in new_lines if not _has_actual(line)]
            payment = _group_payment_in_eur(session, visit, old)
            if free and payment is not None:
                cents, currency = payment
                group_cents = spread_cents(cents, [to_minor(round_cents(
                    line.quantity * line.unit_price)) for line in free])
                for line, line_cents in zip(free, group_cents, strict=True):
                    line.actual_minor, line.actual_currency = line_cents, currency
                    line.actual_document, line.actual_date = old.actual_document, \
                        old.actual_date
                    line.actual_paid = old.actual_paid
                paid[None] = []
                spread = 1
                notes.append(ngettext(
                    "The group payment of {amount} was spread over {count} line.",
                    "The group payment of {amount} was spread over {count} lines.",
                    len(free)).format(
                    amount=format_money(from_minor(old.actual_minor or 0),
                                        old.actual_currency or old.currency),
                    count=len(free)))
        for old in (line for lines in paid.values() for line in lines):
            # Paid, but for nobody the calculator counts (someone who cancelled, or no
            # rate): keep the payment, plan nothing.
            line = add(description=old.description, quantity=Decimal(0),
                       unit_price=old.unit_price)
            line.currency, line.unit, line.eligible = old.currency, old.unit, old.eligible
            line.funding_source_id = old.funding_source_id
            _copy_actual(old, line)
        session.flush()
        old_ids = frozenset(line.id for line in replaced)
        new_ids = frozenset(session.scalars(select(BudgetLine.id).where(
            BudgetLine.visit_id == visit.id, BudgetLine.category == "daily_allowance",
            BudgetLine.deleted_at.is_(None)))) - old_ids
    return AllowanceWrite(written, notes, spread, old_ids, new_ids)


def _copy_actual(old: BudgetLine, new: BudgetLine) -> None:
    for name in ACTUAL_FIELDS:
        setattr(new, name, getattr(old, name))


# --- the allowance-rate table from a CSV file -----------------------------------------

ALLOWANCE_COLUMNS = ("country", "daily", "accommodation_cap", "valid_from", "source")


def _reader(text: str) -> csv.DictReader[str]:
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    return csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=delimiter)


def _amount(value: str | None, *, required: bool) -> Decimal | None:
    text = (value or "").strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
    return v.decimal(text or None, places=2, non_negative=True, required=required)


def import_allowance_rates(db: Database, text: str) -> tuple[int, int]:
    """Read ``country,daily,accommodation_cap,valid_from,source`` rows (comma or semicolon).

    All rows or none: a bad row is refused naming its line. A row for a country and date
    already in the table replaces its amounts. Returns (added, updated).
    """
    reader = _reader(text)
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in ("country", "daily", "valid_from") if c not in header]
    if missing:
        raise Invalid(_("the first line must name the columns {columns}; missing: "
                        "{missing}").format(columns=", ".join(ALLOWANCE_COLUMNS),
                                            missing=", ".join(missing)))
    rows: list[tuple[Any, ...]] = []
    for number, raw in enumerate(reader, start=2):
        cells = {(k or "").strip().lower(): (val or "").strip() for k, val in raw.items()}
        if not any(cells.values()):
            continue
        rules = (
            ("country", lambda x: v.country(x.upper() or None, required=True)),
            ("daily", lambda x: _amount(x, required=True)),
            ("accommodation_cap", lambda x: _amount(x, required=False)),
            ("valid_from", lambda x: v.date(x or None, required=True)),
            ("source", lambda x: v.text(x or None, long=True)),
        )
        values = []
        for name, rule in rules:
            try:
                values.append(rule(cells.get(name, "")))
            except Invalid as problem:
                raise Invalid(_("line {number}: {problem}").format(
                    number=number, problem=problem.at(name))) from None
        rows.append(tuple(values))
    if not rows:
        raise Invalid(_("the file has no rates"))
    added = updated = 0
    with db.write() as session:
        for country, daily, cap, valid_from, source in rows:
            row = session.scalars(select(AllowanceRate).where(
                AllowanceRate.country == country,
                AllowanceRate.valid_from == valid_from)).first()
            if row is None:
                row = AllowanceRate(country=country, valid_from=valid_from)
                session.add(row)
                added += 1
            else:
                updated += 1
            row.daily_minor = to_minor(daily)
            row.accommodation_cap_minor = to_minor(cap) if cap is not None else None
            row.source = source
            session.flush()
    return added, updated


# --- undo of the calculator (the window's "Make allowance lines") ----------------------

def allowance_line_ids(db: Database, visit_id: int) -> frozenset[int]:
    """The visit's live daily-allowance lines: what ``apply_allowance_lines`` replaces.

    The window reads them before and after writing so that undo can take back exactly the
    lines written and bring back exactly the lines replaced (same rows, same ids).
    """
    with db.read() as session:
        return frozenset(session.scalars(select(BudgetLine.id).where(
            BudgetLine.visit_id == visit_id, BudgetLine.category == "daily_allowance",
            BudgetLine.deleted_at.is_(None))))


def switch_allowance_lines(db: Database, visit_id: int, *, hide: Collection[int],
                           show: Collection[int]) -> None:
    """Hide some budget lines of a visit and bring back others, in one transaction.

    Undo and redo of the calculator: the written lines go and the replaced ones return (or
    the other way round), so the budget is never seen with both or neither.
    """
    wanted = set(hide) | set(show)

    def work(session: Session) -> None:
        get_live(session, Visit, visit_id)
        rows = {row.id: row for row in session.scalars(
            select(BudgetLine).where(BudgetLine.id.in_(wanted),
                                     BudgetLine.visit_id == visit_id)
            .execution_options(include_deleted=True))}
        if wanted - rows.keys():
            raise ServiceError(_("Some daily-allowance lines of this visit no longer exist; "
                                 "make the allowance lines again."))
        now = utcnow()
        for line_id in hide:
            if rows[line_id].deleted_at is None:
                rows[line_id].deleted_at = now
        for line_id in show:
            rows[line_id].deleted_at = None

    crud.transaction(db, work)


AllowanceValues = tuple[int, "int | None", "str | None"]  # daily, cap (cents), legal source


def allowance_rate_table(db: Database) -> dict[tuple[str, dt.date], AllowanceValues]:
    """The live rate table by (country, valid from): what undo of an import puts back."""
    with db.read() as session:
        return {(r.country, r.valid_from): (r.daily_minor, r.accommodation_cap_minor, r.source)
                for r in session.scalars(select(AllowanceRate))}


def put_allowance_rates(db: Database,
                        wanted: Mapping[tuple[str, dt.date], AllowanceValues]) -> None:
    """Make the rate table exactly ``wanted``, in one transaction.

    Undo and redo of a rate-file import: a rate the file added goes, a rate it changed
    gets its old values back, a rate brought back is its old row (same id), and a failure
    halfway changes nothing.
    """
    def work(session: Session) -> None:
        rows = session.scalars(select(AllowanceRate).order_by(AllowanceRate.id)
                               .execution_options(include_deleted=True))
        crud.set_exactly(session, rows, wanted, lambda r: (r.country, r.valid_from),
                         ("daily_minor", "accommodation_cap_minor", "source"),
                         lambda k: AllowanceRate(country=k[0], valid_from=k[1]))

    crud.transaction(db, work)
