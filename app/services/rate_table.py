"""A visit's plan rates from a table the user filled in: the template the program offers.

A new visit has no exchange rates, and the program ships none (it works offline). Besides
the ECB's and the Commission's files, finance may have the rates on paper or from a bank:
the template is a CSV with Latvian headers (``Valūta;Kurss par 1 EUR;Datums;Avots``, UTF-8
with a BOM so Excel shows the letters) to fill in a spreadsheet and import. The English
headers (``Currency;Rate per 1 EUR;Date;Source``) are read too, a decimal comma and a
Latvian date (``30.03.2027``) as well. The rates are per one unit of the visit's base
currency, which the header names: a table per EUR is refused for a NOK visit.

Like every import, it never re-prices the plan: a currency the plan has no rate for takes
the table's, one it has keeps its own (``kept``; re-pricing is its own step).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from decimal import Decimal

from sqlalchemy import select

from app.domain import validation as v
from app.domain.typed_dates import typed_date
from app.domain.validation import Invalid
from app.i18n import _
from app.services.base import visit_by_ref
from app.services.ecb_rates import RatesImported, keep_reported
from app.services.rate_steps import watch_rates
from db.engine import Database
from db.models import ExchangeRate

KIND = "table"
HEADERS_LV = ("Valūta", "Kurss par 1 {base}", "Datums", "Avots")
_RATE_HEADER = re.compile(r"^(?:kurss par|rate per) 1 ([a-z]{3})$", re.IGNORECASE)


def rate_template(base: str = "EUR") -> str:
    """The header line of the template (``;`` separated, CRLF as Excel writes)."""
    return ";".join(h.format(base=base) for h in HEADERS_LV) + "\r\n"


def looks_like_rate_table(text: str) -> bool:
    """Whether a file is the filled-in template (its first line names the currency and
    the rate per one unit of a currency)."""
    first = text.lstrip("\ufeff").splitlines()[0] if text.strip() else ""
    cells = [c.strip() for c in re.split(r"[;,\t]", first)]
    return (
        len(cells) >= 2
        and cells[0].lower() in ("valūta", "currency")
        and bool(_RATE_HEADER.match(cells[1]))
    )


def _day(text: str, number: int) -> dt.date | None:
    """A row's date as a finance officer writes it (``app.domain.typed_dates``, a file's
    forms: 29.10.2027, 29.10.2027. or ISO); empty is none."""
    try:
        return typed_date(text, window_format=False)
    except Invalid as problem:
        raise Invalid(
            _("line {number}: {problem}").format(number=number, problem=problem.message)
        ) from None


def parse_rate_table(
    text: str,
) -> tuple[str, list[tuple[str, Decimal, dt.date | None, str | None]]]:
    """The table's base currency and its rows (currency, rate, date, source)."""
    lines = text.lstrip("\ufeff").splitlines()
    header_line = lines[0] if lines else ""
    delimiter = ";" if ";" in header_line else "\t" if "\t" in header_line else ","
    rows = list(csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter))
    if not rows or not looks_like_rate_table(header_line):
        raise Invalid(
            _(
                "not a rate table: the first line must be “Valūta;Kurss par 1 EUR;"
                "Datums;Avots” (save the template and fill it in)"
            )
        )
    base = _RATE_HEADER.match(rows[0][1].strip()).group(1).upper()  # type: ignore[union-attr]
    out = []
    seen: set[str] = set()
    for number, cells in enumerate(rows[1:], start=2):
        cells = [c.strip() for c in cells] + ["", "", ""]
        if not any(cells):
            continue
        code = cells[0].upper()
        try:
            v.currency(code)
        except Invalid as problem:
            raise Invalid(
                _("line {number}: {problem}").format(number=number, problem=problem.message)
            ) from None
        if code in seen:
            raise Invalid(
                _("line {number}: {currency} is in the table twice").format(
                    number=number, currency=code
                )
            )
        seen.add(code)
        typed = cells[1].replace("\xa0", "").replace(" ", "").replace(",", ".")
        try:
            rate = v.decimal(typed, places=6, non_negative=True)
        except Invalid as problem:
            raise Invalid(
                _("line {number}: {currency} {problem}").format(
                    number=number, currency=code, problem=problem.message
                )
            ) from None
        if not rate:
            raise Invalid(
                _("line {number}: {currency} must be more than zero").format(
                    number=number, currency=code
                )
            )
        out.append((code, rate, _day(cells[2], number), cells[3] or None))
    if not out:
        raise Invalid(_("the table holds no rates: fill in a row per currency"))
    return base, out


def import_rate_table(
    db: Database, visit_ref: int | str, text: str, *, reported_ok: bool = False
) -> RatesImported:
    """The table's rates as the visit's plan rates where it has none: all or nothing.

    A rate for a currency that had none moves a reported visit's figures: refused
    (``ReportedFigures``) unless ``reported_ok``, as the ECB and InforEuro imports are."""
    base, rows = parse_rate_table(text)
    with db.write() as session:
        visit = visit_by_ref(session, visit_ref)
        changed = watch_rates(session, visit.id)
        unmoved = keep_reported(session, visit, reported_ok)
        if base != visit.base_currency:
            raise Invalid(
                _(
                    "the table's rates are per 1 {table}, but the visit counts in "
                    "{base}; write “Kurss par 1 {base}” and rates per {base}"
                ).format(table=base, base=visit.base_currency)
            )
        held = {
            r.currency
            for r in session.scalars(
                select(ExchangeRate).where(
                    ExchangeRate.visit_id == visit.id,
                    ExchangeRate.kind == "plan",
                    ExchangeRate.deleted_at.is_(None),
                )
            )
        }
        result = RatesImported(dt.date.today(), kind=KIND)
        for code, rate, day, source in rows:
            if code == base:
                continue
            if code in held:
                result.kept.append(code)
                continue
            session.add(
                ExchangeRate(
                    visit_id=visit.id,
                    currency=code,
                    kind="plan",
                    per_base=rate,
                    date=day,
                    source=source,
                )
            )
            result.rates.append((code, rate, True))
        session.flush()
        unmoved()
        result.written = changed()
    return result
