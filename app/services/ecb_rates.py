"""A visit's exchange rates from a saved ECB euro reference-rate file (offline).

The European Central Bank publishes its daily reference rates as ``eurofxref.csv`` (one
day: ``Date, USD, JPY, …`` then ``28 March 2024, 1.0811, …``) and the whole history as
``eurofxref-hist.csv`` (``Date,USD,…`` then one ISO-dated row per working day, ``N/A``
where a currency had no rate). Both say how many units of a currency make one euro, which
is exactly a visit's ``per_base`` when the base currency is EUR; for another base the
cross rate is taken and rounded half up to six decimals.

The ECB's download is a zip (``eurofxref.zip``, ``eurofxref-hist.zip``) holding the CSV:
``read_ecb_file`` opens either, so the window and ``rates import`` take what the user saved.
A rate more than ``MAX_AGE_DAYS`` older than the day asked for is refused (``OldRates``),
not silently applied: a history file that ends in 2014 must not price a 2023 visit.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.domain.validation import Invalid
from app.i18n import _, date_text
from app.services import crud
from app.services.base import get_live, visit_by_ref
from app.services.changed_rows import ChangedRows
from app.services.rate_steps import watch_rates
from db.engine import Database
from db.models import BudgetLine, ExchangeRate, Visit

SOURCE = "ECB"
_MONTHS = {
    name: n
    for n, name in enumerate(
        (
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ),
        start=1,
    )
}
_PLACES = Decimal("0.000001")
MAX_AGE_DAYS = 7  # a week covers weekends and the ECB's holidays (Easter: four days)
_MAX_UNZIPPED = 64 * 1024 * 1024  # the whole history since 1999 is about 1.6 MB


class OldRates(Invalid):
    """The file's latest rates on or before the day asked for are too old to use.

    ``latest`` is that day: the window offers to take them anyway (``day=latest``).
    """

    def __init__(self, message: str, latest: dt.date, wanted: dt.date) -> None:
        super().__init__(message)
        self.latest, self.wanted = latest, wanted


def decode_ecb(data: bytes) -> str:
    """The text of an ECB file as saved: a CSV, or the ECB's zip holding one CSV."""
    if data[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = [
                    i
                    for i in archive.infolist()
                    if i.filename.lower().endswith(".csv") and not i.is_dir()
                ]
                if not names:
                    raise Invalid(
                        _(
                            "the zip file holds no CSV file (the ECB's zip holds "
                            "eurofxref.csv or eurofxref-hist.csv)"
                        )
                    )
                if names[0].file_size > _MAX_UNZIPPED:
                    raise Invalid(_("the CSV file in the zip is too large for an ECB file"))
                data = archive.read(names[0])
        except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError) as problem:
            raise Invalid(
                _("the zip file cannot be read ({reason})").format(reason=problem)
            ) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Invalid(
            _(
                "not an ECB reference-rate file: it is not text (save the CSV "
                "file, or the zip file the ECB offers)"
            )
        ) from None


def read_ecb_file(path: str | os.PathLike[str]) -> str:
    """``decode_ecb`` of a file; ``OSError`` if it cannot be read."""
    with open(path, "rb") as fh:
        return decode_ecb(fh.read())


def _day(text: str) -> dt.date | None:
    text = text.strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    parts = text.split()
    if len(parts) == 3 and parts[0].isdigit() and parts[2].isdigit():
        month = _MONTHS.get(parts[1].lower())
        if month:
            try:
                return dt.date(int(parts[2]), month, int(parts[0]))
            except ValueError:
                return None
    return None


def _width(cells: list[str]) -> int:
    """The number of cells without the empty one the ECB's trailing comma leaves."""
    return len(cells) - 1 if cells and cells[-1] == "" else len(cells)


def parse_ecb(text: str) -> dict[dt.date, dict[str, Decimal | None]]:
    """Rows of either ECB layout: date → currency → units per euro (None for ``N/A``)."""
    lines = [line for line in text.lstrip("\ufeff").splitlines() if line.strip()]
    if not lines:
        raise Invalid(_("the file is empty"))
    header = [cell.strip().upper() for cell in lines[0].split(",")]
    if not header or header[0] != "DATE" or len(header) < 2:
        raise Invalid(
            _("not an ECB reference-rate file: the first line must start with “Date, USD, …”")
        )
    rows: dict[dt.date, dict[str, Decimal | None]] = {}
    width = _width(header)
    for number, line in enumerate(lines[1:], start=2):
        cells = [cell.strip() for cell in line.split(",")]
        if _width(cells) > width:
            # "11,5" for 11.5 splits into two cells and would shift every later rate
            raise Invalid(
                _(
                    "line {number} has {found} values for the {expected} columns of "
                    "the first line; write rates with a decimal point (11.5), not a "
                    "comma"
                ).format(number=number, found=_width(cells), expected=width)
            )
        if _width(cells) < width:
            raise Invalid(
                _(
                    "line {number} has {found} values for the {expected} columns of the first line"
                ).format(number=number, found=_width(cells), expected=width)
            )
        day = _day(cells[0])
        if day is None:
            raise Invalid(
                _("line {number}: “{value}” is not a date").format(number=number, value=cells[0])
            )
        values: dict[str, Decimal | None] = {}
        for currency, cell in zip(header[1:], cells[1:], strict=False):
            if not currency:
                continue
            if cell in ("", "N/A"):
                values[currency] = None
                continue
            try:
                value = Decimal(cell)
            except InvalidOperation:
                raise Invalid(
                    _("line {number}: {currency} “{value}” is not a number").format(
                        number=number, currency=currency, value=cell
                    )
                ) from None
            values[currency] = value if value.is_finite() and value > 0 else None
        rows[day] = values
    return rows


@dataclass
class RatesImported:
    day: dt.date  # the file's day whose rates were taken
    rates: list[tuple[str, Decimal, bool]] = field(default_factory=list)  # currency, rate, new
    note: str | None = None
    requested: dt.date | None = None  # the day asked for (or the visit's first day)
    kept: list[str] = field(default_factory=list)  # plan rates left as they were
    dated: int = 0  # ECB days stored for the actuals (a history file), InforEuro rates
    kind: str = "ecb"  # the file's: "ecb" or "inforeuro" (``day`` is then the month)
    # The rate rows the import added or changed, for its undo and redo (``rate_steps``).
    written: ChangedRows | None = None


class ReportedFigures(Invalid):
    """Rates that would move the figures of a visit already reported; nothing was saved.

    A reported visit's figures never move by themselves (issue 12): an import that would
    convert its payments anew is refused unless asked for on purpose (``reported_ok``)."""


def figures(session: Session, visit: Visit) -> tuple[tuple[Any, ...], ...]:
    """Each line's planned and actual in the base currency, read in ``session`` (so after
    a flush it sees what the transaction changed): what a report printed."""
    from app.services.budget_report import _load

    budget = _load(session, visit, Decimal(10))
    return tuple((o.line.id, o.planned, o.actual) for o in budget.totals.lines)


def keep_reported(session: Session, visit: Visit, reported_ok: bool) -> Any:
    """A check to call after the changes: refuses them (``ReportedFigures``) when they
    moved a reported visit's figures and that was not asked for."""
    if visit.status != "reported" or reported_ok:
        return lambda: None
    before = figures(session, visit)

    def check() -> None:
        session.flush()
        if figures(session, visit) != before:
            raise ReportedFigures(
                _(
                    "{code} is reported, and these rates would change the figures it was "
                    "reported with; nothing was imported (import them on purpose to change "
                    "them)"
                ).format(code=visit.code)
            )

    return check


def chosen_currencies(
    session: Session,
    visit: Visit,
    offered: set[str],
    currencies: Collection[str] | None,
    everything: bool,
) -> set[str]:
    """The currencies a rate file import sets, besides the visit's base: all the file
    offers (``everything``), the ones named, or else those the visit uses; ``Invalid``
    when that leaves none. Shared by the ECB and InforEuro imports."""
    if everything:
        chosen = set(offered)
    elif currencies:
        chosen = {c.strip().upper() for c in currencies if c.strip()}
    else:
        chosen = used_currencies(session, visit.id)
    chosen.discard(visit.base_currency)
    if not chosen:
        raise Invalid(
            _(
                "the visit uses no currency besides {base}; name the currencies "
                "with --currency, or take all with --all"
            ).format(base=visit.base_currency)
        )
    return chosen


def used_currencies(session: Session, visit_id: int) -> set[str]:
    found: set[str] = set()
    for a, b in session.execute(
        select(BudgetLine.currency, BudgetLine.actual_currency).where(
            BudgetLine.visit_id == visit_id, BudgetLine.deleted_at.is_(None)
        )
    ):
        found.update(c for c in (a, b) if c)
    found.update(
        session.scalars(
            select(ExchangeRate.currency).where(
                ExchangeRate.visit_id == visit_id,
                ExchangeRate.deleted_at.is_(None),
                ExchangeRate.kind == "plan",
            )
        )
    )
    return found


def import_ecb_rates(
    db: Database,
    visit_ref: int | str,
    text: str,
    *,
    day: dt.date | None = None,
    currencies: Collection[str] | None = None,
    everything: bool = False,
    reprice: bool = False,
    reported_ok: bool = False,
) -> RatesImported:
    """Take the visit's rates from an ECB file: all of them or none.

    The plan keeps its rates: a currency without a plan rate gets one from the file, one
    with a rate keeps it (``kept``) unless ``reprice`` asks to re-price the plan. From the
    history file, the rates the visit's actuals need are stored as dated ECB rates: for a
    payment on a day, the rate published the working day before (issue 12).

    ``day`` picks the file's row for the plan (a weekend or holiday takes the last working
    day before it, and says so); without it, the last day on or before the visit starts —
    a daily file more than a week older than that is refused too. The currencies are
    those given, else every currency the visit's lines and rates use (``everything``: all
    in the file).

    A reported visit's figures do not move: rates that would convert its payments anew
    are refused (``ReportedFigures``) unless ``reported_ok`` or ``reprice`` (re-pricing
    is asked for on purpose) says so.
    """
    from app.domain.rates import ecb_rate_day

    rows = parse_ecb(text)
    with db.write() as session:
        visit = visit_by_ref(session, visit_ref)
        changed = watch_rates(session, visit.id)
        unmoved = keep_reported(session, visit, reported_ok or reprice)
        base = visit.base_currency
        wanted_day = day or visit.start_date
        earlier = [d for d in rows if d <= wanted_day]
        if not earlier:
            raise Invalid(
                _("the file has no rates on or before {day}").format(day=date_text(wanted_day))
            )
        used = max(earlier)
        if (wanted_day - used).days > MAX_AGE_DAYS:
            raise OldRates(
                _(
                    "the file's latest rates on or before {day} are of {used}, "
                    "more than {max} days earlier; save a newer ECB file, or name "
                    "the day {used} to take them anyway"
                ).format(day=wanted_day.isoformat(), used=used.isoformat(), max=MAX_AGE_DAYS),
                used,
                wanted_day,
            )
        result = RatesImported(used, requested=wanted_day)
        if used != wanted_day:
            result.note = _(
                "{day} has no reference rates (a weekend or holiday); the rates "
                "of {used} were taken."
            ).format(day=date_text(wanted_day), used=date_text(used))
        values = dict(rows[used])
        values["EUR"] = Decimal(1)
        offered = {c for c, x in values.items() if x is not None}
        chosen = chosen_currencies(session, visit, offered, currencies, everything)
        per_euro_base = values.get(base)
        if per_euro_base is None:
            raise Invalid(
                _("the file has no rate for the visit's base currency {base} on {day}").format(
                    base=base, day=date_text(used)
                )
            )
        existing = {
            r.currency: r
            for r in session.scalars(
                select(ExchangeRate).where(
                    ExchangeRate.visit_id == visit.id,
                    ExchangeRate.kind == "plan",
                    or_(ExchangeRate.currency.in_(chosen)),
                )
            )
        }
        for currency in sorted(chosen):
            per_euro = values.get(currency)
            if per_euro is None:
                raise Invalid(
                    _("the file has no rate for {currency} on {day}").format(
                        currency=currency, day=date_text(used)
                    )
                )
            rate = cross_rate(per_euro, per_euro_base, base)
            row = existing.get(currency)
            if row is not None and not reprice:
                result.kept.append(currency)
                continue
            if row is None:
                row = ExchangeRate(visit_id=visit.id, currency=currency, kind="plan")
                session.add(row)
            row.per_base, row.date, row.source = rate, used, SOURCE
            result.rates.append((currency, rate, currency not in existing))
        if len(rows) > 1:
            result.dated = _store_days(session, visit.id, base, rows, ecb_rate_day)
        session.flush()
        unmoved()
        result.written = changed()
    return result


def cross_rate(per_euro: Decimal, per_euro_base: Decimal, base: str) -> Decimal:
    """Units of a currency per one of the base, from the ECB's units per euro."""
    return (
        per_euro
        if base == "EUR"
        else (per_euro / per_euro_base).quantize(_PLACES, rounding=ROUND_HALF_UP)
    )


def _store_days(
    session: Session,
    visit_id: int,
    base: str,
    rows: Mapping[dt.date, Mapping[str, Decimal | None]],
    rate_day: Any,
) -> int:
    """Store, as dated ECB rates, the rate each dated actual converts at: the latest
    the file holds on or before the day the rate in force was published. Returns how many
    (currency, day) rates were stored.

    A payment on a daily-allowance line of a visit counting in another currency than the
    euro also needs the euro's rate of its day: the allowance lines are in euros, and a
    group payment is spread over them converted at that rate (else it stays on its line,
    and the note asks for the rates to be imported)."""
    needed: set[tuple[str, dt.date]] = set()
    for currency, paid_in, day, category in session.execute(
        select(
            BudgetLine.currency,
            BudgetLine.actual_currency,
            BudgetLine.actual_date,
            BudgetLine.category,
        ).where(
            BudgetLine.visit_id == visit_id,
            BudgetLine.deleted_at.is_(None),
            BudgetLine.actual_minor.is_not(None),
            BudgetLine.actual_date.is_not(None),
        )
    ):
        for cur in {paid_in or currency, "EUR" if category == "daily_allowance" else base}:
            if cur != base:
                needed.add((cur, rate_day(day)))
    days = sorted(rows)
    held = {
        (r.currency, r.date): r
        for r in session.scalars(
            select(ExchangeRate).where(
                ExchangeRate.visit_id == visit_id, ExchangeRate.kind == "ecb"
            )
        )
    }
    stored = 0
    for currency, wanted in sorted(needed):
        for day in reversed([d for d in days if d <= wanted]):
            values = rows[day]
            per_euro = Decimal(1) if currency == "EUR" else values.get(currency)
            per_euro_base = Decimal(1) if base == "EUR" else values.get(base)
            if per_euro is None or per_euro_base is None:
                continue
            if (currency, day) not in held:
                row = ExchangeRate(
                    visit_id=visit_id,
                    currency=currency,
                    kind="ecb",
                    date=day,
                    per_base=cross_rate(per_euro, per_euro_base, base),
                    source=SOURCE,
                )
                session.add(row)
                held[(currency, day)] = row
                stored += 1
            break
    return stored


RateValues = tuple[Decimal, "dt.date | None", "str | None"]  # per_base, date, source
RateKey = tuple[str, str, "dt.date | None"]  # kind, currency, date (None for plan rates)


def _rate_key(row: ExchangeRate) -> RateKey:
    return (row.kind, row.currency, None if row.kind == "plan" else row.date)


def rate_values(db: Database, visit_id: int) -> dict[RateKey, RateValues]:
    """The visit's live rates, plan and dated, by kind, currency and date."""
    with db.read() as session:
        return rates_in(session, visit_id)


def rates_in(session: Session, visit_id: int) -> dict[RateKey, RateValues]:
    """``rate_values`` read in the caller's transaction."""
    return {
        _rate_key(r): (r.per_base, r.date, r.source)
        for r in session.scalars(select(ExchangeRate).where(ExchangeRate.visit_id == visit_id))
    }


def put_rates(db: Database, visit_id: int, wanted: Mapping[RateKey, RateValues]) -> None:
    """Make the visit's rates exactly ``wanted``, in one transaction: a rate not wanted
    goes, a wanted one gets its values, a rate brought back is its old row (same id).

    Not for undo: it would take back a colleague's rate saved since. A rate step's undo
    and redo touch the rows the step changed only (``rate_steps``).
    """

    def work(session: Session) -> None:
        get_live(session, Visit, visit_id)
        rows = session.scalars(
            select(ExchangeRate)
            .where(ExchangeRate.visit_id == visit_id)
            .order_by(ExchangeRate.id)
            .execution_options(include_deleted=True)
        )
        crud.set_exactly(
            session,
            rows,
            wanted,
            _rate_key,
            ("per_base", "date", "source"),
            lambda key: ExchangeRate(visit_id=visit_id, kind=key[0], currency=key[1], date=key[2]),
        )

    crud.transaction(db, work)
