"""A visit's InforEuro rates from a saved monthly file of the European Commission (offline).

InforEuro is the Commission's monthly accounting rate: one rate per currency for a whole
month, units of the currency per euro (the rate of the penultimate working day of the month
before). The Commission publishes each month at
``https://ec.europa.eu/budg/inforeuro/api/public/monthly-rates?year=2027&month=5&lang=en``
as JSON — a list of ``{"country": "Norway", "currency": "Norwegian krone",
"isoA3Code": "NOK", "isoA2Code": "NO", "value": 11.2345, "comment": null}``, one per country
(EUR and USD appear many times) — which is what its InforEuro page saves. The same columns
saved as CSV (``;`` or ``,`` separated, a decimal comma taken where ``;`` separates) are
read too.

The file does not say its month: it comes from ``month``, else from the file's name
(``inforeuro-2027-05.json``, ``monthly-rates?year=2027&month=5``), else the import is
refused with a sentence asking for it. Rates are stored as the visit's dated ``inforeuro``
rates of that month (the ``inforeuro`` rule converts a payment at its month's rate); a
currency the plan has no rate for gets this one as its plan rate, and a plan rate that exists
is kept — importing never re-prices the plan (issue 12).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Collection
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import select

from app.domain.validation import Invalid
from app.i18n import _
from app.services.base import visit_by_ref
from app.services.ecb_rates import (
    RatesImported,
    chosen_currencies,
    cross_rate,
    keep_reported,
)
from app.services.rate_steps import watch_rates
from db.engine import Database
from db.models import ExchangeRate

SOURCE = "InforEuro"
KIND = "inforeuro"
_CODE_HEADERS = (
    "isoa3code",
    "iso a3 code",
    "iso code",
    "iso",
    "code",
    "currency code",
    "valūtas kods",
)
_VALUE_HEADERS = ("value", "rate", "amount", "kurss", "vērtība")
_MONTH_IN_NAME = (
    re.compile(r"year=(\d{4})\D+month=(\d{1,2})(?!\d)"),
    re.compile(r"(?<!\d)((?:19|20)\d\d)[-_. ]?(0[1-9]|1[0-2])(?!\d)"),
)


def looks_like_inforeuro(text: str) -> bool:
    """Whether a rate file is an InforEuro one (JSON, or CSV with an ISO-code column), not
    the ECB's (whose CSV starts with "Date")."""
    head = text.lstrip("\ufeff \t\r\n")[:1]
    if head in "[{" and head:
        return True
    first = head and text.lstrip("\ufeff").splitlines()[0].lower()
    return bool(first) and any(name in first for name in ("isoa3code", "iso code"))


def month_of_name(name: str | None) -> dt.date | None:
    """The month a file's name gives (``…2027-05…``, ``year=2027&month=5``), or None."""
    for pattern in _MONTH_IN_NAME:
        found = pattern.search(name or "")
        if found:
            year, month = int(found.group(1)), int(found.group(2))
            if 1 <= month <= 12:
                return dt.date(year, month, 1)
    return None


def _rate(value: Any, code: str) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value).strip().replace(",", ".").replace("\xa0", "").replace(" ", ""))
    except InvalidOperation:
        raise Invalid(
            _("{currency}: “{value}” is not a number").format(currency=code, value=value)
        ) from None
    return number if number.is_finite() and number > 0 else None


def _rows_of_json(text: str) -> list[tuple[str, Any]]:
    try:
        data = json.loads(text, parse_float=Decimal, parse_int=Decimal)
    except ValueError:
        raise Invalid(
            _(
                "not an InforEuro file: it is not JSON the Commission writes "
                "(save the month's rates from the InforEuro page)"
            )
        ) from None
    except RecursionError:  # lists inside lists thousands deep: no parser goes that far
        raise Invalid(
            _(
                "not an InforEuro file: it should be a list of currencies with "
                "“isoA3Code” and “value”"
            )
        ) from None
    if isinstance(data, dict):
        data = next((v for v in data.values() if isinstance(v, list)), None)
    if not isinstance(data, list) or not all(isinstance(row, dict) for row in data):
        raise Invalid(
            _(
                "not an InforEuro file: it should be a list of currencies with "
                "“isoA3Code” and “value”"
            )
        )
    rows = []
    for row in data:
        keys = {str(k).lower(): v for k, v in row.items()}
        code = keys.get("isoa3code")
        if not isinstance(code, str) or "value" not in keys:
            raise Invalid(
                _(
                    "not an InforEuro file: it should be a list of currencies with "
                    "“isoA3Code” and “value”"
                )
            )
        rows.append((code, keys["value"]))
    return rows


def _rows_of_csv(text: str) -> list[tuple[str, Any]]:
    lines = text.lstrip("\ufeff").splitlines()
    header_line = lines[0] if lines else ""
    delimiter = ";" if ";" in header_line else "\t" if "\t" in header_line else ","
    reader = csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter)
    header = [cell.strip().lower() for cell in next(reader, [])]
    code_at = next((header.index(h) for h in _CODE_HEADERS if h in header), None)
    value_at = next((header.index(h) for h in _VALUE_HEADERS if h in header), None)
    if code_at is None or value_at is None:
        raise Invalid(
            _("not an InforEuro file: the first line must name the columns “isoA3Code” and “value”")
        )
    rows = []
    for number, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) <= max(code_at, value_at):
            raise Invalid(
                _(
                    "line {number} has {found} values for the {expected} columns of the first line"
                ).format(number=number, found=len(cells), expected=len(header))
            )
        width = len(header) - (not header[-1])  # a trailing separator adds no column
        if delimiter == "," and len([c for c in cells if c.strip()]) > width:
            # "11,5" unquoted splits into two cells: NOK would be read as 11
            raise Invalid(
                _(
                    "line {number} has {found} values for the {expected} columns of "
                    "the first line; write rates with a decimal point (11.5), not a "
                    "comma"
                ).format(number=number, found=len(cells), expected=width)
            )
        value = cells[value_at].strip()
        if delimiter == "," and value.count(",") and not value.count("."):
            raise Invalid(
                _("line {number}: write rates with a decimal point (11.5), not a comma").format(
                    number=number
                )
            )
        rows.append((cells[code_at].strip(), value))
    return rows


def parse_inforeuro(text: str) -> dict[str, Decimal]:
    """Currency → units per euro, from the Commission's JSON or the same columns as CSV.

    A currency listed for several countries must have one rate; EUR is 1."""
    stripped = text.lstrip("\ufeff \t\r\n")
    if not stripped:
        raise Invalid(_("the file is empty"))
    rows = _rows_of_json(stripped) if stripped[0] in "[{" else _rows_of_csv(text)
    rates: dict[str, Decimal] = {}
    for code, value in rows:
        code = code.strip().upper()
        if not re.fullmatch(r"[A-Z]{3}", code):
            continue  # a note row, a country without its own currency code
        rate = _rate(value, code)
        if rate is None:
            continue
        if code in rates and rates[code] != rate:
            raise Invalid(
                _("the file gives {currency} two rates ({first} and {second})").format(
                    currency=code, first=rates[code], second=rate
                )
            )
        rates[code] = rate
    if not rates:
        raise Invalid(_("the file holds no rates"))
    rates["EUR"] = Decimal(1)
    return rates


def import_inforeuro_rates(
    db: Database,
    visit_ref: int | str,
    text: str,
    *,
    month: dt.date | None = None,
    name: str | None = None,
    currencies: Collection[str] | None = None,
    everything: bool = False,
    reported_ok: bool = False,
) -> RatesImported:
    """Store a month's InforEuro rates for the visit: all of them or none.

    ``month`` (any day of it), else the month in the file's ``name``. The currencies are
    those given, else those the visit's lines and rates use (``everything``: all in the
    file). Returns what was set: the plan rates added (``rates``), the plan rates kept
    (``kept``) and how many monthly rates were stored (``dated``). Rates that would move a
    reported visit's figures are refused unless ``reported_ok`` (``ReportedFigures``)."""
    rates = parse_inforeuro(text)
    wanted = month or month_of_name(name)
    if wanted is None:
        raise Invalid(_("the InforEuro file does not say its month; name it (e.g. 2027-05)"))
    wanted = wanted.replace(day=1)
    with db.write() as session:
        visit = visit_by_ref(session, visit_ref)
        changed = watch_rates(session, visit.id)
        unmoved = keep_reported(session, visit, reported_ok)
        base = visit.base_currency
        chosen = chosen_currencies(session, visit, set(rates), currencies, everything)
        per_euro_base = rates.get(base)
        if per_euro_base is None:
            raise Invalid(
                _("the file has no rate for the visit's base currency {base}").format(base=base)
            )
        missing = sorted(c for c in chosen if c not in rates)
        if missing:
            raise Invalid(
                _("the file has no rate for {currency}").format(currency=", ".join(missing))
            )
        result = RatesImported(wanted, requested=wanted, kind=KIND)
        existing = {
            (r.kind, r.currency, r.date if r.kind != "plan" else None): r
            for r in session.scalars(
                select(ExchangeRate).where(
                    ExchangeRate.visit_id == visit.id,
                    ExchangeRate.deleted_at.is_(None),
                    ExchangeRate.currency.in_(chosen),
                )
            )
        }
        for currency in sorted(chosen):
            rate = cross_rate(rates[currency], per_euro_base, base)
            held = existing.get((KIND, currency, wanted))
            if held is None:
                session.add(
                    ExchangeRate(
                        visit_id=visit.id,
                        currency=currency,
                        kind=KIND,
                        date=wanted,
                        per_base=rate,
                        source=SOURCE,
                    )
                )
            else:
                held.per_base, held.source = rate, SOURCE
            result.dated += 1
            if (("plan", currency, None)) in existing:
                result.kept.append(currency)
            else:
                session.add(
                    ExchangeRate(
                        visit_id=visit.id,
                        currency=currency,
                        kind="plan",
                        date=wanted,
                        per_base=rate,
                        source=SOURCE,
                    )
                )
                result.rates.append((currency, rate, True))
        session.flush()
        unmoved()
        result.written = changed()
    return result
