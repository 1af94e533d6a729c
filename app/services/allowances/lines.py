"""The daily-allowance budget lines the calculator writes, and the payments they keep.

Writing the lines replaces the visit's daily-allowance lines in one transaction, so running
the calculator again after a change never counts anyone twice; what was paid (the actual
side of a replaced line) is kept, never wiped.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from babel.numbers import format_decimal
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.domain.money import convert, from_minor, round_cents, to_minor
from app.domain.validation import Invalid
from app.i18n import _, current_language, format_money, ngettext
from app.services import crud
from app.services.base import ServiceError, get_live
from db.engine import Database
from db.models import (
    BudgetLine,
    ExchangeRate,
    FundingSource,
    Participation,
    Visit,
)
from db.models.base import utcnow

if TYPE_CHECKING:
    from app.services.allowances.plan import AllowancePlan


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
