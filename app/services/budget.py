"""The visit budget: funding sources, exchange rates, budget lines; the allowance table.

Amounts stay exact: quantities, unit prices and rates are kept as the decimal text the user
wrote, paid amounts and caps as integer cents. A line in a currency other than the visit's
base currency needs that currency's rate (one per currency per visit): without it the line
could not be converted, so it is refused, and a rate that lines still use cannot go.

Signs follow the visit file contract: a quantity is ≥ 0 (0 keeps a cancelled item on the
plan at no cost); a unit price may be negative, because finance staff plan discounts and
refunds as lines of their own (a group discount of −150 EUR, a returned deposit) and the
totals must net them; an actual amount may be negative for a refund received.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from app.domain import validation as v
from app.domain.budget_totals import category_label
from app.domain.funding import is_grant_source
from app.domain.money import MAX_AMOUNT, fits, from_minor, to_minor
from app.domain.validation import Invalid
from app.i18n import N_, _, date_text, format_money, ngettext
from app.services import crud
from app.services import field_rules as rules
from app.services.base import Duplicate, ServiceError, expect_version
from db.engine import Database
from db.enums import BUDGET_CATEGORIES, BUDGET_UNITS
from db.models import AllowanceRate, BudgetLine, ExchangeRate, FundingSource, Visit


def _visit(session: Session, visit_id: int) -> Visit:
    visit = session.get(Visit, visit_id)
    assert visit is not None
    return visit


def rated_currencies(session: Session, visit_id: int) -> set[str]:
    return set(plan_rates(session, visit_id))


def plan_rates(session: Session, visit_id: int) -> dict[str, Decimal]:
    """The visit's plan rate of each currency (units per one of its base currency)."""
    rows = session.execute(
        select(ExchangeRate.currency, ExchangeRate.per_base).where(
            ExchangeRate.visit_id == visit_id,
            ExchangeRate.deleted_at.is_(None),
            ExchangeRate.kind == "plan",
        )
    )
    return {currency: per_base for currency, per_base in rows}


def check_line_amounts(line: BudgetLine, base: str, rates: Mapping[str, Decimal]) -> None:
    """Refuse a line whose planned amount (quantity × unit price) or paid amount, in its
    own currency or converted to the visit's base currency at the plan's rate, is beyond
    what the program holds (``MAX_AMOUNT``): one sentence that names the line."""
    planned = Decimal(line.quantity or 0) * Decimal(line.unit_price or 0)
    rate = rates.get(line.currency, Decimal(1)) if line.currency != base else Decimal(1)
    limit = format_money(MAX_AMOUNT, base)
    name = line.description or category_label(line.category)
    if not fits(planned, rate):
        raise Invalid(
            _(
                "Budget line “{line}”: quantity × unit price comes to more than the "
                "program can hold ({limit} at most, also in the base currency); "
                "nothing was saved."
            ).format(line=name, limit=limit)
        )
    if line.actual_minor is not None:
        paid_in = line.actual_currency or line.currency
        rate = rates.get(paid_in, Decimal(1)) if paid_in != base else Decimal(1)
        if not fits(from_minor(line.actual_minor), rate):
            raise Invalid(
                _(
                    "Budget line “{line}”: the paid amount is more than the program "
                    "can hold ({limit} at most, also in the base currency); nothing "
                    "was saved."
                ).format(line=name, limit=limit)
            )


def check_currencies(session: Session, visit: Visit) -> None:
    """Every line's currencies convertible to the base currency (after a base change)."""
    rated = rated_currencies(session, visit.id)
    if visit.base_currency in rated:
        raise Invalid(
            _(
                "{currency} has an exchange rate in this visit; remove the rate "
                "before making it the base currency"
            ).format(currency=visit.base_currency)
        ).at("base_currency")
    for line in session.scalars(
        select(BudgetLine).where(BudgetLine.visit_id == visit.id, BudgetLine.deleted_at.is_(None))
    ):
        for currency in (line.currency, line.actual_currency):
            if currency and currency != visit.base_currency and currency not in rated:
                raise Invalid(
                    _(
                        "the budget line “{line}” is in {currency}, which has no "
                        "exchange rate to {base}"
                    ).format(
                        line=line.description or _(line.category),
                        currency=currency,
                        base=visit.base_currency,
                    )
                ).at("base_currency")


# --- funding sources ------------------------------------------------------------------


def _relate_source(_session: Session, source: FundingSource, rest: dict[str, Any]) -> None:
    source.cap_minor = to_minor(rest["cap"])


def _grant_flag(value: Any) -> bool | None:
    """True for a grant, False for own funds; None: on create the name's rule decides, on
    update the stored marker stays."""
    return None if value is None else v.boolean(value)


def _grant_default(_session: Session, source: FundingSource) -> None:
    """The name's rule, for a new source whose marker was not given. Only on create (the
    import does the same): renaming "Valsts budžeta līdzfinansējums" must not turn it into
    a grant behind the user's back, so update and restore keep what is stored."""
    if source.is_grant is None:
        source.is_grant = is_grant_source(None, source.name)


SOURCE = crud.Entity(
    FundingSource,
    label=N_("Funding source"),
    spec={
        "name": rules.line(required=True),
        "share": rules.decimal(places=2, non_negative=True, maximum="100"),
        "cap": rules.decimal(places=2, non_negative=True),
        "is_grant": _grant_flag,
    },
    required=("name",),
    parent=(Visit, "visit_id"),
    relate=_relate_source,
    order_by=(FundingSource.position,),
)


def _place(cls: type[Any], visit_id: int) -> crud.Check:
    def place(session: Session, row: Any) -> None:
        row.position = crud.next_position(session, cls, "visit_id", visit_id)

    return place


def create_funding_source(db: Database, visit_id: int, **fields: Any) -> FundingSource:
    """``share`` a percentage, ``cap`` an amount in the base currency (both decimal text);
    ``is_grant`` whether the grant rate applies, by default from the name (own funds not)."""
    place = _place(FundingSource, visit_id)

    def before(session: Session, source: FundingSource) -> None:
        place(session, source)
        _grant_default(session, source)

    return crud.create(db, SOURCE, fields, parent_id=visit_id, before=before)


def get_funding_source(db: Database, source_id: int) -> FundingSource:
    return crud.fetch(db, SOURCE, source_id)


def update_funding_source(
    db: Database, source_id: int, version: int | None, **changes: Any
) -> FundingSource:
    """A rename keeps the stored grant marker; ``is_grant`` changes it only when given as
    true or false (None means "as it is")."""
    if "is_grant" in changes and changes["is_grant"] is None:
        changes = {k: value for k, value in changes.items() if k != "is_grant"}
    return crud.update(db, SOURCE, source_id, version, changes)


def delete_funding_source(db: Database, source_id: int, version: int | None = None) -> None:
    crud.delete(db, SOURCE, source_id, version)


def restore_funding_source(db: Database, source_id: int) -> FundingSource:
    return crud.restore(db, SOURCE, source_id)


def list_funding_sources(db: Database, visit_id: int) -> list[FundingSource]:
    return crud.listing(db, SOURCE, parent_id=visit_id)


# --- exchange rates -------------------------------------------------------------------


def _lines_in(session: Session, visit_id: int, currency: str) -> int:
    return len(
        session.scalars(
            select(BudgetLine.id).where(
                BudgetLine.visit_id == visit_id,
                BudgetLine.deleted_at.is_(None),
                or_(BudgetLine.currency == currency, BudgetLine.actual_currency == currency),
            )
        ).all()
    )


def _check_rate(session: Session, rate: ExchangeRate) -> None:
    visit = _visit(session, rate.visit_id)
    if rate.currency == visit.base_currency:
        raise Invalid(
            _("{currency} is the visit's base currency and needs no rate").format(
                currency=rate.currency
            )
        ).at("currency")
    if rate.per_base is not None and rate.per_base <= 0:
        raise Invalid(_("must be more than zero")).at("per_base")
    twin = session.scalars(
        select(ExchangeRate.id).where(
            ExchangeRate.visit_id == rate.visit_id,
            ExchangeRate.currency == rate.currency,
            ExchangeRate.deleted_at.is_(None),
            ExchangeRate.kind == "plan",
            ExchangeRate.id != (rate.id or 0),
        )
    ).first()
    if twin is not None:
        raise Duplicate(
            _("This visit already has a rate for {currency}.").format(currency=rate.currency)
        )
    if rate.per_base is not None and rate.kind in (None, "plan"):
        # A lower rate makes each line in the currency larger in the base currency.
        rates = {rate.currency: rate.per_base}
        for line in session.scalars(
            select(BudgetLine).where(
                BudgetLine.visit_id == rate.visit_id,
                BudgetLine.deleted_at.is_(None),
                or_(
                    BudgetLine.currency == rate.currency,
                    BudgetLine.actual_currency == rate.currency,
                ),
            )
        ):
            check_line_amounts(line, visit.base_currency, rates)
    if rate.id is not None:
        # The currency before this edit: lines in it would be left without a rate.
        before = crud.committed(rate, "currency")
        if before not in (None, rate.currency) and _lines_in(session, rate.visit_id, before):
            raise ServiceError(
                _(
                    "Budget lines are in {currency}; change them before "
                    "changing this rate's currency."
                ).format(currency=before)
            )


RATE = crud.Entity(
    ExchangeRate,
    label=N_("Exchange rate"),
    spec={
        "currency": v.currency,
        "per_base": rules.decimal(places=6, required=True),
        "date": rules.date(),
        "source": rules.line(),
    },
    required=("currency", "per_base"),
    parent=(Visit, "visit_id"),
    check=_check_rate,
    order_by=(ExchangeRate.currency,),
)


def create_exchange_rate(db: Database, visit_id: int, **fields: Any) -> ExchangeRate:
    """How many units of ``currency`` make one of the base currency (``"9.4325"``)."""
    return crud.create(db, RATE, fields, parent_id=visit_id)


def get_exchange_rate(db: Database, rate_id: int) -> ExchangeRate:
    return crud.fetch(db, RATE, rate_id)


def update_exchange_rate(
    db: Database, rate_id: int, version: int | None, **changes: Any
) -> ExchangeRate:
    return crud.update(db, RATE, rate_id, version, changes)


def delete_exchange_rate(db: Database, rate_id: int, version: int | None = None) -> None:
    def unused(session: Session, rate: ExchangeRate) -> None:
        count = _lines_in(session, rate.visit_id, rate.currency)
        if count:
            raise ServiceError(
                ngettext(
                    "{count} budget line is in {currency}; the rate cannot be removed while it "
                    "uses it.",
                    "{count} budget lines are in {currency}; the rate cannot be removed while they "
                    "use it.",
                    count,
                ).format(count=count, currency=rate.currency)
            )

    crud.delete(db, RATE, rate_id, version, before=unused)


def restore_exchange_rate(db: Database, rate_id: int) -> ExchangeRate:
    return crud.restore(db, RATE, rate_id)


def list_exchange_rates(db: Database, visit_id: int) -> list[ExchangeRate]:
    return crud.listing(db, RATE, ExchangeRate.kind == "plan", parent_id=visit_id)


# --- budget lines ---------------------------------------------------------------------


def _shares(value: Any) -> list[dict[str, Any]] | None:
    """A line shared between sources: [{"source": id, "percent": "85"}, ...] adding up to
    100 % (two decimals each); empty or None: not shared."""
    from decimal import Decimal

    if not value:
        return None
    if not isinstance(value, (list, tuple)):
        raise Invalid(_("must be a list of sources with their percentages"))
    out: list[dict[str, Any]] = []
    for item in value:
        source, percent = (
            (item.get("source"), item.get("percent")) if isinstance(item, dict) else item
        )
        pct = v.decimal(percent, places=2, non_negative=True, required=True, maximum=Decimal(100))
        out.append({"source": rules.ident(source), "percent": str(pct)})
    total = sum((Decimal(x["percent"]) for x in out), Decimal(0))
    if total != 100:
        raise Invalid(_("the shares add up to {sum} %, not 100 %").format(sum=total))
    return out


def default_shares(session: Session, visit_id: int) -> list[dict[str, Any]] | None:
    """The visit's default share of a new line: its sources' shares when two or more have
    one and together they make 100 % (the usual 85 % grant / 15 % own funds); else None."""
    rows = session.execute(
        select(FundingSource.id, FundingSource.share)
        .where(
            FundingSource.visit_id == visit_id,
            FundingSource.deleted_at.is_(None),
            FundingSource.share.is_not(None),
        )
        .order_by(FundingSource.position, FundingSource.id)
    ).all()
    if len(rows) < 2 or sum(r.share for r in rows) != 100:
        return None
    return [{"source": r.id, "percent": str(r.share)} for r in rows]


def _relate_line(_session: Session, line: BudgetLine, rest: dict[str, Any]) -> None:
    line.actual_minor = to_minor(rest["actual_amount"])


def _check_line(session: Session, line: BudgetLine) -> None:
    visit = _visit(session, line.visit_id)
    if line.actual_minor is not None and line.actual_currency is None:
        line.actual_currency = line.currency
    rates = plan_rates(session, visit.id)
    rated = set(rates)
    for name in ("currency", "actual_currency"):
        currency = getattr(line, name)
        if currency and currency != visit.base_currency and currency not in rated:
            raise Invalid(
                _("{currency} has no exchange rate in this visit; add the rate first").format(
                    currency=currency
                )
            ).at(name)
    check_line_amounts(line, visit.base_currency, rates)
    if line.id is None and line.funding_source_id is None and line.shares is None:
        line.shares = default_shares(session, visit.id)  # a new line: the visit's default
    for share in line.shares or ():
        source = session.get(FundingSource, share["source"])
        if source is None or source.deleted_at is not None or source.visit_id != visit.id:
            raise Invalid(
                _("{what} {id} does not exist").format(what=_("Funding source"), id=share["source"])
            ).at("shares")
    if line.funding_source_id is not None:
        source = session.get(FundingSource, line.funding_source_id)
        if source is None or source.deleted_at is not None or source.visit_id != visit.id:
            raise Invalid(
                _("{what} {id} does not exist").format(
                    what=_("Funding source"), id=line.funding_source_id
                )
            ).at("funding_source_id")


LINE = crud.Entity(
    BudgetLine,
    label=N_("Budget line"),
    spec={
        "category": rules.enum(BUDGET_CATEGORIES),
        "description": rules.line(),
        "funding_source_id": rules.ident,
        "eligible": rules.flag(default=True),
        "quantity": rules.decimal(places=6, non_negative=True, required=True),
        "unit": rules.enum(BUDGET_UNITS),
        "unit_price": rules.decimal(places=6, required=True),
        "currency": v.currency,
        "actual_amount": rules.decimal(places=2),
        "actual_currency": lambda value: v.currency(value, required=False),
        "actual_document": rules.line(),
        "actual_date": rules.typed_date(),
        "actual_paid": rules.flag(),
        "shares": _shares,
    },
    required=("category", "quantity", "unit_price", "currency"),
    parent=(Visit, "visit_id"),
    relate=_relate_line,
    check=_check_line,
    loads=(selectinload(BudgetLine.funding_source),),
    order_by=(BudgetLine.position,),
)


def create_budget_line(db: Database, visit_id: int, **fields: Any) -> BudgetLine:
    """Planned ``quantity × unit_price`` in ``currency``; ``actual_amount`` when paid."""
    return crud.create(db, LINE, fields, parent_id=visit_id, before=_place(BudgetLine, visit_id))


def get_budget_line(db: Database, line_id: int) -> BudgetLine:
    return crud.fetch(db, LINE, line_id)


def update_budget_line(
    db: Database, line_id: int, version: int | None, **changes: Any
) -> BudgetLine:
    return crud.update(db, LINE, line_id, version, changes)


def delete_budget_line(db: Database, line_id: int, version: int | None = None) -> None:
    crud.delete(db, LINE, line_id, version)


def restore_budget_line(db: Database, line_id: int) -> BudgetLine:
    return crud.restore(db, LINE, line_id)


def list_budget_lines(db: Database, visit_id: int) -> list[BudgetLine]:
    return crud.listing(db, LINE, parent_id=visit_id)


def budget_line_versions(db: Database, visit_id: int) -> dict[int, int]:
    """Each live line's version, without loading the lines: what the window sends back with
    an edit so that a change saved by someone else meanwhile is refused."""
    with db.read() as session:
        rows = session.execute(
            select(BudgetLine.id, BudgetLine.version).where(
                BudgetLine.visit_id == visit_id, BudgetLine.deleted_at.is_(None)
            )
        )
        return {line_id: version for line_id, version in rows}


# Fields that several lines may be given at once (the Budget tab's "Change chosen lines").
SHARED_LINE_FIELDS = ("category", "funding_source_id", "eligible")


def set_budget_lines(
    db: Database, values: Mapping[int, Mapping[str, Any]], versions: Mapping[int, int | None]
) -> dict[int, tuple[int, dict[str, Any]]]:
    """Give several lines new values of ``SHARED_LINE_FIELDS`` in one transaction: all or
    none (a stale or refused line changes nothing). Returns each line's new version and the
    values it had, which undo sends back the same way."""
    cleaned: dict[int, dict[str, Any]] = {}
    for line_id, fields in values.items():
        unknown = set(fields) - set(SHARED_LINE_FIELDS)
        if unknown:
            raise Invalid(_("is not a field of {what}").format(what=_(LINE.label))).at(
                sorted(unknown)[0]
            )
        cleaned[line_id] = crud.clean(LINE, fields)

    def work(session: Session) -> dict[int, tuple[int, dict[str, Any]]]:
        out: dict[int, tuple[int, dict[str, Any]]] = {}
        rows = []
        for line_id, fields in cleaned.items():
            row = crud.live_row(session, LINE, line_id)
            expect_version(row, versions.get(line_id))
            before = {name: getattr(row, name) for name in fields}
            with session.no_autoflush:
                for name, value in fields.items():
                    setattr(row, name, value)
                _check_line(session, row)
            rows.append((row, before))
        session.flush()
        for row, before in rows:
            out[row.id] = (row.version, before)
        return out

    return crud.transaction(db, work)


# --- allowance rates ------------------------------------------------------------------


def _relate_allowance(_session: Session, rate: AllowanceRate, rest: dict[str, Any]) -> None:
    if "daily" in rest:
        # None stays only until _check_allowance refuses it with a message
        rate.daily_minor = to_minor(rest["daily"])  # type: ignore[assignment]
    if "accommodation_cap" in rest:
        rate.accommodation_cap_minor = to_minor(rest["accommodation_cap"])


def _check_allowance(session: Session, rate: AllowanceRate) -> None:
    if rate.daily_minor is None:
        raise Invalid(_("is required")).at("daily")
    twin = session.scalars(
        select(AllowanceRate.id).where(
            AllowanceRate.country == rate.country,
            AllowanceRate.valid_from == rate.valid_from,
            AllowanceRate.deleted_at.is_(None),
            AllowanceRate.id != (rate.id or 0),
        )
    ).first()
    if twin is not None:
        raise Duplicate(
            _("There is already a rate for {country} from {day}.").format(
                country=rate.country, day=date_text(rate.valid_from)
            )
        )


ALLOWANCE = crud.Entity(
    AllowanceRate,
    label=N_("Allowance rate"),
    spec={
        "country": lambda value: v.country(value, required=True),
        "daily": rules.decimal(places=2, non_negative=True, required=True),
        "accommodation_cap": rules.decimal(places=2, non_negative=True),
        "valid_from": rules.date(required=True),
        "source": rules.long_text,
    },
    required=("country", "daily", "valid_from"),
    relate=_relate_allowance,
    check=_check_allowance,
    order_by=(AllowanceRate.country, AllowanceRate.valid_from),
)


def create_allowance_rate(db: Database, **fields: Any) -> AllowanceRate:
    """A country's daily allowance and accommodation cap in EUR (decimal text) from a date."""
    return crud.create(db, ALLOWANCE, fields)


def get_allowance_rate(db: Database, rate_id: int) -> AllowanceRate:
    return crud.fetch(db, ALLOWANCE, rate_id)


def update_allowance_rate(
    db: Database, rate_id: int, version: int | None, **changes: Any
) -> AllowanceRate:
    return crud.update(db, ALLOWANCE, rate_id, version, changes)


def delete_allowance_rate(db: Database, rate_id: int, version: int | None = None) -> None:
    crud.delete(db, ALLOWANCE, rate_id, version)


def restore_allowance_rate(db: Database, rate_id: int) -> AllowanceRate:
    return crud.restore(db, ALLOWANCE, rate_id)


def list_allowance_rates(db: Database, *, country: str | None = None) -> list[AllowanceRate]:
    where = [AllowanceRate.country == country.upper()] if country else []
    return crud.listing(db, ALLOWANCE, *where)


def allowance_rate_on(db: Database, country: str, day: dt.date) -> AllowanceRate | None:
    """The rate in force for ``country`` on ``day`` (the latest that starts on or before it)."""
    rows = [r for r in list_allowance_rates(db, country=country) if r.valid_from <= day]
    return rows[-1] if rows else None
