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

from app.domain.allowances import person_named
from app.domain.money import convert, from_minor, round_cents, to_minor
from app.domain.rates import RateUsed
from app.domain.validation import Invalid
from app.i18n import _, current_language, date_text, format_money, ngettext
from app.services import crud
from app.services.base import ServiceError, get_live
from app.services.changed_rows import ChangedRows, watch
from db.engine import Database
from db.models import (
    BudgetLine,
    FundingSource,
    Participation,
    Visit,
)
from db.models.base import utcnow

if TYPE_CHECKING:
    from app.services.allowances.plan import AllowancePlan, TravellerAllowance


ACTUAL_FIELDS = ("actual_minor", "actual_currency", "actual_document", "actual_date", "actual_paid")


def _has_actual(line: BudgetLine) -> bool:
    return bool(
        line.actual_minor is not None
        or line.actual_document
        or line.actual_date
        or line.actual_paid
    )


def lines_with_actuals(db: Database, visit_id: int) -> int:
    """How many of the visit's daily-allowance lines record what was paid (kept on rewrite)."""
    with db.read() as session:
        return sum(
            1
            for line in session.scalars(
                select(BudgetLine).where(
                    BudgetLine.visit_id == visit_id, BudgetLine.category == "daily_allowance"
                )
            )
            if _has_actual(line)
        )


def _owner(line: BudgetLine, names: Mapping[str, int | None]) -> int | str | None:
    """The participant a line is for, else None (a hand-made line for the whole group).

    A line bound to a person (``person_id``: every line the calculator writes, and older
    lines bound by migration 0010 or by importing a visit file) is theirs, whatever its
    description says. Only an unbound line (typed by hand) is read by the name it gives
    (``person_named``): ``names`` holds every participant of the visit, whatever their
    status, so a line for someone who has since cancelled still names them and keeps its
    payment; a name two participants share gives the name itself: the line names someone,
    so it is kept as it is, neither moved nor spread.
    """
    if line.person_id is not None:
        return line.person_id
    return person_named(line.description, names)


def _participant_names(session: Session, visit_id: int) -> dict[str, int | None]:
    """Full name → person id of all the visit's participants (any status); ``None`` for
    a name two people share (a line naming it cannot say whose it is)."""
    found: dict[str, set[int]] = {}
    for part in session.scalars(
        select(Participation)
        .where(Participation.visit_id == visit_id)
        .options(selectinload(Participation.person))
    ):
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
    # The same, with the versions the write left them at (``changed_rows``): undo and redo
    # refuse when a colleague changed one of them since (a payment recorded on a new line).
    lines: ChangedRows | None = None


def apply_allowance_lines(
    db: Database, plan: AllowancePlan, *, funding_source_id: int | None = None
) -> int:
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
    for i in order[: total - sum(parts)]:
        parts[i] += 1
    return [sign * part for part in parts]


@dataclass(frozen=True)
class _GroupPayment:
    """A group payment in the currency the new lines take it in, or why it cannot be."""

    cents: int | None  # ``None``: not spread, ``why`` says why
    currency: str = "EUR"
    why: str | None = None
    used: RateUsed | None = None  # the rate it converted at (``None``: paid in EUR)


def _group_payment_in_eur(session: Session, visit: Visit, old: BudgetLine) -> _GroupPayment:
    """The payment on a line for the whole group, in cents of EUR (the currency the new
    lines take it in), converted as the budget converts that payment: at the rate of its
    date under the project's rule (``RateBook.actual``, the book the budget is worked out
    with), so spreading it moves no euro of the budget's actual total. It was converted at
    the plan's rate: 11 500 NOK paid on 5 November at an ECB rate of 11.25 became 982,99 €
    on the lines where the budget had shown 1 022,22 €.

    Converting freezes the rate in the new lines' euros, so where the budget itself takes
    a stand-in (no payment date, or no rate held for the day: it warns of either), the
    payment is not spread and ``why`` says what is missing."""
    if old.actual_minor is None:
        return _GroupPayment(None)
    amount = from_minor(old.actual_minor)
    currency = old.actual_currency or old.currency
    if currency == "EUR":
        return _GroupPayment(old.actual_minor)
    from app.services.budget_report import visit_rate_book

    book = visit_rate_book(session, visit)
    paid, eur = book.actual(currency, old.actual_date), book.actual("EUR", old.actual_date)
    shown = format_money(amount, currency)
    if old.actual_date is None:
        why = _(
            "The group payment of {amount} was kept on its own line: it has no payment "
            "date, so the rate it converts at to euros is not known."
        ).format(amount=shown)
        return _GroupPayment(None, why=why)
    for name, used in ((currency, paid), ("EUR", eur)):
        if used is None or used.fallback is not None:
            why = _(
                "The group payment of {amount} was kept on its own line: no {currency} "
                "rate for its payment day {day} is held; import the rates, then make "
                "the lines again."
            ).format(amount=shown, currency=name, day=date_text(old.actual_date))
            return _GroupPayment(None, why=why)
    assert paid is not None and eur is not None
    rates = {currency: paid.per_base, "EUR": eur.per_base}
    cents = to_minor(convert(amount, currency, "EUR", book.base, rates))
    return _GroupPayment(cents, used=paid if currency != book.base else eur)


def write_allowance_lines(
    db: Database, plan: AllowancePlan, *, funding_source_id: int | None = None
) -> AllowanceWrite:
    """Replace the visit's daily-allowance lines with one or two per traveller.

    Without ``funding_source_id`` the new lines keep the funding source of the lines they
    replace (when those had one source), else take the visit's default shares.

    A traveller gets a line for the full days (days × rate) and, if any, one for the reduced
    days (days × reduced rate), per rate in force during the trip (a new rate from a day
    inside it gives two of each); the line is bound to the person (``person_id``) and its
    description names them. Only the planned side is recalculated: what was paid (actual
    amount, currency, document, date, paid) on a traveller's old line moves to their new
    line, found by the person the old line is bound to, so a corrected surname or two
    delegates of one name never move a payment to someone else. A payment on an old line
    for no single traveller (one order for the whole group) is spread over the new lines
    that have no payment of their own, in proportion to what they plan, to the cent
    (largest remainder), with its document, date and paid flag, converted to EUR if paid in
    another currency at the rate of its date, as the budget converts it; the old line then
    goes like the others. Where that cannot be done (several group payments, no date or
    no rate held for it, no line left to take it), the old line stays
    with its payment and no planned amount, so the money paid is never wiped and the
    planned total is the calculator's. Returns the number of lines the calculator wrote (a
    line kept for its payment is not counted) and what happened to group payments. When
    nobody has an allowance nothing is replaced.
    """
    if not any(t.allowance for t in plan.travellers):
        return AllowanceWrite(0)
    with db.write() as session:
        visit = get_live(session, Visit, plan.visit_id)
        _check_writable(session, visit, funding_source_id)
        noted = watch(
            session,
            BudgetLine,
            (),  # lines are only hidden or brought back, never changed
            BudgetLine.visit_id == visit.id,
            BudgetLine.category == "daily_allowance",
        )
        replaced = list(
            session.scalars(
                select(BudgetLine)
                .where(BudgetLine.visit_id == visit.id, BudgetLine.category == "daily_allowance")
                .order_by(BudgetLine.position, BudgetLine.id)
            )
        )
        writer = _Writer(session, visit, replaced, funding_source_id)
        paid = _paid_by_owner(session, visit.id, replaced)
        for t in plan.travellers:
            if t.allowance is not None:
                carried = writer.traveller(t, paid.pop(t.person_id, []))
                if carried:  # more paid lines than new ones: kept below, named, not spread
                    paid[t.person_id] = carried
        notes: list[str] = []
        spread = writer.spread_group_payment(paid, notes)
        for old in (line for lines in paid.values() for line in lines):
            writer.keep_paid(old)
        session.flush()
        old_ids = frozenset(line.id for line in replaced)
        new_ids = frozenset(line.id for line in writer.added)
        lines = noted()
    return AllowanceWrite(writer.written, notes, spread, old_ids, new_ids, lines)


def _check_writable(session: Session, visit: Visit, funding_source_id: int | None) -> None:
    """The caller's funding source is the visit's, and EUR has a rate (allowances are EUR)."""
    if funding_source_id is not None:
        source = session.get(FundingSource, funding_source_id)
        if source is None or source.deleted_at is not None or source.visit_id != visit.id:
            raise Invalid(
                _("{what} {id} does not exist").format(
                    what=_("Funding source"), id=funding_source_id
                )
            ).at("funding_source_id")
    if visit.base_currency != "EUR" and "EUR" not in {r.currency for r in visit.rates}:
        raise ServiceError(_("Allowances are in EUR; add a rate for EUR to this visit first."))


def _paid_by_owner(
    session: Session, visit_id: int, replaced: list[BudgetLine]
) -> dict[int | str | None, list[BudgetLine]]:
    """The replaced lines that record a payment, by whom they are for (see ``_owner``);
    every replaced line is deleted (soft) here."""
    names = _participant_names(session, visit_id)
    now = utcnow()
    paid: dict[int | str | None, list[BudgetLine]] = {}
    for line in replaced:
        line.deleted_at = now
        if _has_actual(line):
            paid.setdefault(_owner(line, names), []).append(line)
    return paid


class _Writer:
    """Adds the new daily-allowance lines of one write, in order, with one funding."""

    def __init__(
        self,
        session: Session,
        visit: Visit,
        replaced: list[BudgetLine],
        funding_source_id: int | None,
    ) -> None:
        self.session, self.visit = session, visit
        if funding_source_id is None:
            # The new lines keep the funding of the lines they replace, if it was one source.
            before = {line.funding_source_id for line in replaced}
            if len(before) == 1:
                funding_source_id = before.pop()
        self.funding_source_id = funding_source_id
        # With no source from the caller or the old lines, the visit's default share (85 %
        # grant / 15 % own funds): allowance lines arrived with no source at all.
        self.shares = None
        if funding_source_id is None:
            from app.services.budget import default_shares

            self.shares = default_shares(session, visit.id)
        self.position = crud.next_position(session, BudgetLine, "visit_id", visit.id)
        self.lang = current_language()
        self.added: list[BudgetLine] = []  # every line added, kept paid lines included
        self.planned: list[BudgetLine] = []  # the calculator's lines
        self.written = 0

    def add(self, **values: Any) -> BudgetLine:
        line = BudgetLine(
            visit_id=self.visit.id,
            position=self.position,
            category="daily_allowance",
            eligible=True,
            currency="EUR",
            unit="day",
            funding_source_id=self.funding_source_id,
            shares=self.shares,
            **values,
        )
        self.session.add(line)
        self.position += 1
        self.added.append(line)
        return line

    def traveller(self, t: TravellerAllowance, carried: list[BudgetLine]) -> list[BudgetLine]:
        """The traveller's lines, taking over their old lines' payments in order; returns
        the paid old lines left over."""
        a = t.allowance
        assert a is not None
        parts = []
        for period in a.periods:  # one, unless a new rate came into force during the trip
            parts.append(
                (period.full_days, period.daily, _("Daily allowance: {name}, {days} × {rate}"))
            )
            if period.reduced_days:
                parts.append(
                    (
                        len(period.reduced_days),
                        period.reduced,
                        _("Daily allowance (reduced, {share} %): {name}, {days} × {rate}"),
                    )
                )
        carried = list(carried)
        for days, rate, text in parts:
            if not days:
                continue
            line = self.add(
                description=text.format(
                    name=t.name,
                    days=days,
                    rate=format_money(rate, "EUR", self.lang),
                    share=format_decimal(a.share, locale=self.lang),
                )[:300],
                quantity=Decimal(days),
                unit_price=rate,
                person_id=t.person_id,
            )
            self.written += 1
            self.planned.append(line)
            if carried:
                _copy_actual(carried.pop(0), line)
        return carried

    def spread_group_payment(
        self, paid: dict[int | str | None, list[BudgetLine]], notes: list[str]
    ) -> int:
        """One payment for the whole group spread over the new lines still unpaid (taken
        out of ``paid``); returns 1 if it was spread, else 0 (it is then kept)."""
        group = paid.get(None, [])
        if len(group) != 1:
            return 0
        old = group[0]
        free = [line for line in self.planned if not _has_actual(line)]
        if not free:
            return 0
        payment = _group_payment_in_eur(self.session, self.visit, old)
        if payment.cents is None:
            if payment.why:
                notes.append(payment.why)
            return 0
        group_cents = spread_cents(
            payment.cents,
            [to_minor(round_cents(line.quantity * line.unit_price)) for line in free],
        )
        for line, line_cents in zip(free, group_cents, strict=True):
            line.actual_minor, line.actual_currency = line_cents, payment.currency
            line.actual_document, line.actual_date = old.actual_document, old.actual_date
            line.actual_paid = old.actual_paid
        paid[None] = []
        amount = format_money(
            from_minor(old.actual_minor or 0), old.actual_currency or old.currency
        )
        if payment.used is None:
            note = ngettext(
                "The group payment of {amount} was spread over {count} line.",
                "The group payment of {amount} was spread over {count} lines.",
                len(free),
            )
        else:
            note = ngettext(
                "The group payment of {amount} was spread over {count} line: {euros} "
                "(rate: {rate}).",
                "The group payment of {amount} was spread over {count} lines: {euros} "
                "(rate: {rate}).",
                len(free),
            )
        notes.append(note.format(amount=amount, count=len(free), **_rate_words(payment)))
        return 1

    def keep_paid(self, old: BudgetLine) -> None:
        """Paid, but for nobody the calculator counts (someone who cancelled, or no rate):
        keep the payment and whom it is for, plan nothing."""
        line = self.add(
            description=old.description,
            quantity=Decimal(0),
            unit_price=old.unit_price,
            person_id=old.person_id,
        )
        line.currency, line.unit, line.eligible = old.currency, old.unit, old.eligible
        line.funding_source_id, line.shares = old.funding_source_id, old.shares
        _copy_actual(old, line)


def _rate_words(payment: _GroupPayment) -> dict[str, str]:
    """The converted amount and its rate's source and date, for the spread's note."""
    if payment.used is None or payment.cents is None:
        return {}
    from app.documents.budget_text import rate_source

    lang = current_language()
    rate = [rate_source(lang, payment.used), date_text(payment.used.date, lang)]
    return {
        "euros": format_money(from_minor(payment.cents), "EUR", lang),
        "rate": ", ".join(part for part in rate if part),  # "ECB, 04.11.2027"
    }


def _copy_actual(old: BudgetLine, new: BudgetLine) -> None:
    for name in ACTUAL_FIELDS:
        setattr(new, name, getattr(old, name))
