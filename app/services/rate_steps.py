"""Which of a visit's exchange rates a rate step changed, and putting back only those.

A rate step — an ECB or InforEuro import, a rate table import, re-pricing the plan —
notes the rate rows it changed in its own transaction (``watch_rates``); its undo and
redo then touch those rows only (``put_rates_back``), so a colleague's rate saved after
the step on a shared database stands, and a rate the step changed that a colleague has
changed since refuses the undo with one sentence naming it (``changed_rows``).
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from app.i18n import _, date_text
from app.services.changed_rows import ChangedRows, put_back, watch
from db.engine import Database
from db.models import ExchangeRate

RATE_FIELDS = ("per_base", "date", "source")
_PUBLISHERS = {"ecb": "ECB", "inforeuro": "InforEuro"}


def watch_rates(session: Session, visit_id: int) -> Callable[[], ChangedRows]:
    """Note the visit's rates at the start of a step; call the result at its end."""
    return watch(session, ExchangeRate, RATE_FIELDS, ExchangeRate.visit_id == visit_id)


def rate_named(row: ExchangeRate) -> str:
    """What a message calls the rate ("the NOK plan rate", "the ECB rate for PLN of …")."""
    if row.kind == "plan":
        return _("the {currency} plan rate").format(currency=row.currency)
    return _("the {source} rate for {currency} of {day}").format(
        source=_PUBLISHERS.get(row.kind, row.kind), currency=row.currency, day=date_text(row.date)
    )


def put_rates_back(db: Database, changed: ChangedRows, *, undo: bool) -> ChangedRows:
    """Undo (or redo) a rate step on the rows it changed only (``changed_rows.put_back``)."""
    return put_back(db, changed, rate_named, undo=undo)
