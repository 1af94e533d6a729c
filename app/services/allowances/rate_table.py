"""The allowance-rate table (Cabinet Regulation No. 969's annex): the rate in force for a
country on a day, the table's CSV import, and what undo of an import puts back.

The program ships no rates: the user imports the official annex (``country, daily,
accommodation_cap, valid_from, source``); a country's rate runs from its ``valid_from`` until
the next row of the same country.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain import validation as v
from app.domain.money import from_minor, to_minor
from app.domain.text import fold
from app.domain.typed_dates import typed_date
from app.domain.validation import Invalid
from app.i18n import _, date_text
from app.labels import country as country_name
from app.services.changed_rows import ChangedRows, put_back, watch
from db.engine import Database
from db.models import (
    AllowanceRate,
)


@dataclass(frozen=True)
class RateInForce:
    country: str
    daily: Decimal
    accommodation_cap: Decimal | None
    valid_from: dt.date
    source: str | None


def rate_in_force(session: Session, country: str, day: dt.date) -> RateInForce | None:
    row = session.scalars(
        select(AllowanceRate)
        .where(AllowanceRate.country == country, AllowanceRate.valid_from <= day)
        .order_by(AllowanceRate.valid_from.desc())
    ).first()
    return None if row is None else _in_force(row)


def _in_force(row: AllowanceRate) -> RateInForce:
    cap = (
        from_minor(row.accommodation_cap_minor) if row.accommodation_cap_minor is not None else None
    )
    return RateInForce(row.country, from_minor(row.daily_minor), cap, row.valid_from, row.source)


def rates_coming_into_force(
    session: Session, country: str, after: dt.date, until: dt.date
) -> list[RateInForce]:
    """The country's rates that start after ``after`` and by ``until``, oldest first: a
    rate table dated inside a trip changes the allowance from that day."""
    return [
        _in_force(row)
        for row in session.scalars(
            select(AllowanceRate)
            .where(
                AllowanceRate.country == country,
                AllowanceRate.valid_from > after,
                AllowanceRate.valid_from <= until,
            )
            .order_by(AllowanceRate.valid_from)
        )
    ]


ALLOWANCE_COLUMNS = ("country", "daily", "accommodation_cap", "valid_from", "source")


def _reader(text: str) -> csv.DictReader[str]:
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    return csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=delimiter)


def _amount(value: str | None, *, required: bool) -> Decimal | None:
    text = (value or "").strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
    return v.decimal(text or None, places=2, non_negative=True, required=required)


# The template's headers: a finance officer fills in the annex in Latvian.
LATVIAN_HEADERS = (
    "Valsts",
    "Dienas naudas norma (EUR)",
    "Naktsmītnes izdevumu norma (EUR)",
    "Spēkā no",
    "Tiesiskais pamats",
)
_ALIASES = {
    fold(re.sub(r"\(.*?\)", "", h)).strip(): column
    for h, column in zip(LATVIAN_HEADERS, ALLOWANCE_COLUMNS, strict=True)
}


def allowance_rates_template() -> str:
    """An empty rate table to fill in (semicolons, as Latvian Excel writes CSV): the columns
    the import reads, under Latvian headers. The program ships no rates: Cabinet
    Regulation No. 969 sets them in its annex, and they change."""
    return ";".join(LATVIAN_HEADERS) + "\r\n"


def _column(header: str) -> str:
    """The column a header names: ``daily``, or ``Dienas nauda (EUR)`` (case, diacritics and
    a bracketed unit do not matter)."""
    plain = " ".join(fold(re.sub(r"\(.*?\)", "", header)).split())
    return _ALIASES.get(plain, plain)


def _country(text: str) -> str | None:
    """A country's ISO code from its code or its name in Latvian or English."""
    if len(text) == 2:
        return v.country(text.upper(), required=True)
    code = _country_names().get(" ".join(fold(text).split()))
    return v.country(code or text or None, required=True)


@functools.cache
def _country_names() -> dict[str, str]:
    from babel import Locale

    return {
        fold(name): code
        for lang in ("en", "lv")
        for code, name in Locale(lang).territories.items()
        if len(code) == 2
    }


def _day(text: str) -> dt.date | None:
    """A date as ISO (2027-10-29) or as Latvians write it (29.10.2027, 29.10.2027.)."""
    return typed_date(text, required=True, window_format=False)


def has_allowance_rates(db: Database) -> bool:
    """Whether the rate table holds any rate (a new user's is empty: the program ships none)."""
    with db.read() as session:
        return session.scalars(select(AllowanceRate.id).limit(1)).first() is not None


def import_allowance_rates(db: Database, text: str) -> tuple[int, int]:
    """``import_allowance_table``'s (added, updated), for scripts and the demo."""
    done = import_allowance_table(db, text)
    return done.added, done.updated


@dataclass(frozen=True)
class AllowanceImport:
    """What an import of the rate table did: how many rates it added and updated, and
    the rows it wrote (``changed_rows``: what its undo and redo touch, and nothing else —
    the table is the whole program's, shared by every visit and colleague)."""

    added: int
    updated: int
    written: ChangedRows


def import_allowance_table(db: Database, text: str) -> AllowanceImport:
    """Read ``country,daily,accommodation_cap,valid_from,source`` rows (comma or semicolon),
    or the same columns under the template's Latvian headers (``LATVIAN_HEADERS``), a country
    by its code or its name ("Norvēģija"), a date as 2027-10-29 or 29.10.2027.

    All rows or none: a bad row is refused naming its line. A row for a country and date
    already in the table replaces its amounts.
    """
    reader = _reader(text)
    header = [_column(h) for h in (reader.fieldnames or [])]
    missing = [c for c in ("country", "daily", "valid_from") if c not in header]
    if missing:
        raise Invalid(
            _("the first line must name the columns {columns}; missing: {missing}").format(
                columns=", ".join(ALLOWANCE_COLUMNS), missing=", ".join(missing)
            )
        )
    rows: list[tuple[Any, ...]] = []
    for number, raw in enumerate(reader, start=2):
        cells = {_column(k or ""): (val or "").strip() for k, val in raw.items()}
        if not any(cells.values()):
            continue
        rules = (
            ("country", _country),
            ("daily", lambda x: _amount(x, required=True)),
            ("accommodation_cap", lambda x: _amount(x, required=False)),
            ("valid_from", _day),
            ("source", lambda x: v.text(x or None, long=True)),
        )
        values = []
        for name, rule in rules:
            try:
                values.append(rule(cells.get(name, "")))
            except Invalid as problem:
                raise Invalid(
                    _("line {number}: {problem}").format(number=number, problem=problem.at(name))
                ) from None
        rows.append(tuple(values))
    if not rows:
        raise Invalid(_("the file has no rates"))
    added = updated = 0
    with db.write() as session:
        written = watch(session, AllowanceRate, ALLOWANCE_FIELDS)
        for country, daily, cap, valid_from, source in rows:
            row = session.scalars(
                select(AllowanceRate).where(
                    AllowanceRate.country == country, AllowanceRate.valid_from == valid_from
                )
            ).first()
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
        return AllowanceImport(added, updated, written())


# --- undo of a rate-file import ------------------------------------------------------

ALLOWANCE_FIELDS = ("daily_minor", "accommodation_cap_minor", "source")


def allowance_rate_named(row: AllowanceRate) -> str:
    """What a message calls a rate of the table ("the daily allowance rate for Norway
    from …")."""
    return _("the daily allowance rate for {country} from {day}").format(
        country=country_name(row.country), day=date_text(row.valid_from)
    )


def put_allowance_rates_back(db: Database, written: ChangedRows, *, undo: bool) -> ChangedRows:
    """Undo (or redo) an import on the rates it wrote only: a colleague's rate saved
    since stands, and one of those rates changed since refuses it (``StaleStep``)."""
    return put_back(db, written, allowance_rate_named, undo=undo)
