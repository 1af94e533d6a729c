"""The demo visits, built from the seed articles: real institutions, places, dates, topics and
funding programmes; invented delegates. They are ordinary visit files (``demo_data/``), loaded
through the same importer as any other file, so they are also examples of the format.

The program ships no daily-allowance rates (the annex of Regulation No. 969 is the user's
to import), so a demo without any would show "no rate" on every traveller. The demo loads
example rates for its countries instead (``load_example_rates``) — only into an empty rate
table, and each with a source that says it is an example and not the official rate, so it
is never mistaken for the annex.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import select

from app.interchange.importer import import_visit
from app.interchange.reader import read_visit_file
from db.models import Visit

DEMO_DIR = Path(__file__).resolve().parent / "demo_data"
DEMO_PREFIX = "DEMO-"


def demo_files() -> list[Path]:
    return sorted(DEMO_DIR.glob("*.json"))


def load_demo(db: Any) -> list[str]:
    """Import every demo visit whose code is not in the database yet; returns those loaded.

    Loading twice changes nothing: a demo visit already there (even edited) is left alone.
    """
    loaded: list[str] = []
    for path in demo_files():
        text = path.read_text(encoding="utf-8")
        code = read_visit_file(text).visit["code"]
        with db.read() as s:
            exists = s.scalar(select(Visit.id).where(Visit.code == code)) is not None
        if not exists:
            loaded.append(import_visit(db, text).code)
    if loaded:  # several visits at once: one index segment makes the archive's searches fast
        from app.services.archive import optimize_index

        optimize_index(db)
    return loaded


# Example daily allowance and accommodation cap (EUR) for the demo's countries: figures
# of the right size to try the calculator with, not the annex's. The source says so.
EXAMPLE_SOURCE = "PIEMĒRS (demo), nav oficiāla likme — example, not the official rate"
EXAMPLE_RATES = (("NO", "70.00", "160.00"), ("PL", "50.00", "120.00"))
EXAMPLE_FROM = "2011-11-01"


def load_example_rates(db: Any) -> int:
    """The example allowance rates, when the rate table is empty; how many were added.

    A table with any rate (the user's own, or the examples from before) is left alone."""
    from app.services.allowances import has_allowance_rates, import_allowance_rates

    if has_allowance_rates(db):
        return 0
    rows = [f"{c};{d};{cap};{EXAMPLE_FROM};{EXAMPLE_SOURCE}" for c, d, cap in EXAMPLE_RATES]
    added, _updated = import_allowance_rates(
        db, "country;daily;accommodation_cap;valid_from;source\n" + "\n".join(rows) + "\n"
    )
    return added
