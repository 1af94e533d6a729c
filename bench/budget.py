"""Budget speed on a visit with 5,000 budget lines (issue 5 targets).

Builds a visit in a temporary SQLite file: 5,000 lines in EUR, NOK, PLN and SEK, three
funding sources, actual amounts on most lines paid on days spread over two months, dated
ECB rates for every working day (each actual converts at the rate in force at the start of
its day), realistic Latvian descriptions. Then prints
the median of a few runs of:

- loading the visit's budget from the database (``visit_budget``),
- recomputing the totals and warnings (what the Budget tab does after an edit; target
  ≤ 50 ms),
- the budget PDF (target ≤ 2.5 s) and the spreadsheet (target ≤ 2 s), with their sizes.

Wall time is judged against the targets; the process's CPU time is printed beside it,
because on a shared, loaded machine the wall time stretches while the work does not.

Run: ``python bench/budget.py [LINES]``.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGETS = {"recompute": 0.050, "pdf": 2.5, "xlsx": 2.0}
WORDS = (
    "Aviobiļetes Rīga–Bergena–Rīga",
    "Viesnīca, 3 naktis",
    "Pusdienas delegācijai",
    "Autobusa noma",
    "Tulka pakalpojumi",
    "Konferenču zāles noma",
    "Ceļojuma apdrošināšana",
    "Suvenīri uzņēmējiem",
    "Vilciens Oslo–Trondheima",
)


def build(path: Path, count: int) -> None:
    from db.engine import Database
    from db.enums import BUDGET_CATEGORIES
    from db.models import BudgetLine, ExchangeRate, FundingSource, Visit
    from db.schema import ensure_schema

    url = f"sqlite:///{path}"
    ensure_schema(url)
    db = Database(url)
    rng = random.Random(5)
    with db.write() as s:
        visit = Visit(
            code="BENCH-BUDGET",
            title="Pieredzes apmaiņas vizīte (budžeta tests)",
            timezone="Europe/Oslo",
            country="NO",
            city="Bergen",
            start_date=dt.date(2024, 4, 2),
            end_date=dt.date(2024, 4, 5),
        )
        s.add(visit)
        s.flush()
        for cur, rate in (("NOK", "11.6990"), ("PLN", "4.3123"), ("SEK", "11.5250")):
            s.add(
                ExchangeRate(
                    visit_id=visit.id,
                    currency=cur,
                    per_base=Decimal(rate),
                    date=dt.date(2024, 3, 28),
                    source="ECB",
                )
            )
            # Dated ECB rates for every working day of two months: each actual converts at
            # the rate in force at the start of its own day (issue 12).
            for n in range(61):
                day = dt.date(2024, 3, 1) + dt.timedelta(days=n)
                if day.weekday() < 5:
                    s.add(
                        ExchangeRate(
                            visit_id=visit.id,
                            currency=cur,
                            kind="ecb",
                            date=day,
                            per_base=Decimal(rate) + Decimal(n - 30).scaleb(-3),
                            source="ECB",
                        )
                    )
        sources = [
            FundingSource(visit_id=visit.id, position=i, name=name, share=Decimal(sh))
            for i, (name, sh) in enumerate(
                (
                    ("EEZ finanšu instruments", "70"),
                    ("Valsts budžets", "15"),
                    ("Pašu līdzekļi", "15"),
                )
            )
        ]
        s.add_all(sources)
        s.flush()
        for n in range(count):
            currency = rng.choice(("EUR", "NOK", "PLN", "SEK"))
            price = Decimal(rng.randint(100, 500000)).scaleb(-2)
            qty = Decimal(rng.randint(1, 40))
            actual = None
            if rng.random() < 0.8:
                actual = int(qty * price * 100 * Decimal(rng.uniform(0.85, 1.2)))
            s.add(
                BudgetLine(
                    visit_id=visit.id,
                    position=n,
                    category=rng.choice(BUDGET_CATEGORIES),
                    description=f"{rng.choice(WORDS)} ({n + 1})",
                    funding_source_id=rng.choice(sources).id,
                    eligible=rng.random() > 0.1,
                    quantity=qty,
                    unit="item",
                    unit_price=price,
                    currency=currency,
                    actual_minor=actual,
                    actual_currency=currency if actual else None,
                    actual_document=f"INV-{n:05d}" if actual else None,
                    actual_date=(
                        dt.date(2024, 3, 4) + dt.timedelta(days=rng.randint(0, 55))
                        if actual
                        else None
                    ),
                    actual_paid=bool(actual),
                )
            )
    db.dispose()


CPU: dict[str, float] = {}


def timed(work, runs: int = 3, name: str = "") -> float:
    """Median wall time; the median CPU time of the process is kept in ``CPU`` (a shared
    machine's load stretches wall time, not the work done)."""
    times, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        work()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    CPU[name] = statistics.median(cpu)
    return statistics.median(times)


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    from app.documents.budget_pdf import write_budget_pdf
    from app.documents.budget_xlsx import write_budget_xlsx
    from app.services.budget_report import visit_budget
    from db.engine import Database

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / "bench.db"
        build(path, count)
        db = Database(f"sqlite:///{path}")
        budget = visit_budget(db, "BENCH-BUDGET")
        figures = {
            "load": timed(lambda: visit_budget(db, "BENCH-BUDGET"), name="load"),
            "recompute": timed(budget.recompute, runs=7, name="recompute"),
            "pdf": timed(lambda: write_budget_pdf(budget, folder / "b.pdf", "lv"), name="pdf"),
            "xlsx": timed(lambda: write_budget_xlsx(budget, folder / "b.xlsx", "lv"), name="xlsx"),
        }
        sizes = {
            "pdf": (folder / "b.pdf").stat().st_size,
            "xlsx": (folder / "b.xlsx").stat().st_size,
        }
        from pypdf import PdfReader

        pages = len(PdfReader(str(folder / "b.pdf")).pages)
        db.dispose()
    print(
        f"budget with {count} lines, {len(budget.dated)} dated rates, "
        f"{len(budget.warnings)} warnings, total planned {budget.totals.overall.planned} "
        f"EUR, exchange difference {budget.totals.overall.exchange} EUR"
    )
    failed = False
    for name, seconds in figures.items():
        target = TARGETS.get(name)
        verdict = (
            ""
            if target is None
            else (f"  (target ≤ {target * 1000:.0f} ms: {'ok' if seconds <= target else 'SLOW'})")
        )
        failed |= target is not None and seconds > target
        extra = ""
        if name in sizes:
            extra = f", {sizes[name] / 1024:.0f} KiB"
            if name == "pdf":
                extra += f", {pages} pages"
        print(
            f"{name:10s} {seconds * 1000:8.1f} ms (cpu {CPU[name] * 1000:7.1f} ms){extra}{verdict}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
