"""The budget as a spreadsheet: summary, lines, rates and allowances (``.xlsx``).

Finance staff re-add, re-sort and audit what they receive, so amounts are real numbers
with number formats (``#,##0.00 "EUR"``: the file holds the pattern, each program shows its
own decimal comma or point), never text, and the figures are live formulas an auditor can
trace: each line's conversion (``ROUND(quantity × unit price ÷ rate, 2)``, the actual ÷ the
rate of its day), its exchange difference and variance, the totals and the subtotals by
category and eligibility (``SUMIFS`` over the lines). Each formula carries the value the
program worked out as its cached result, so a viewer that does not calculate shows the
same cents as the PDF, and a spreadsheet that recalculates gets them again (a test
recomputes the file with LibreOffice). Funding sources stay values: a line shared 85/15 is
parted to the cent by the program's rule, which no spreadsheet formula repeats.

User text never runs as a formula: a cell that starts with ``=``, ``+``, ``-`` or ``@`` is
text with Excel's quote prefix, and no formula holds user text. Each sheet prints on A4
landscape, fitted to the page's width, its header rows repeated on every page. Written by
``budget_xlsx_file`` (5,000 lines in a fraction of a second) and atomically: a failed
export leaves no half-written file.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.documents import part_file
from app.documents.budget_text import (
    category,
    day,
    funding_programme,
    funding_text,
    language,
    money,
    rate_source,
    text,
    unit,
)
from app.documents.budget_xlsx_file import Book, Formula, column, quote_sheet
from app.domain.budget_totals import Amounts, LineOut
from app.services.allowances import AllowancePlan
from app.services.budget_report import ProjectBudget, ProjectVisit, VisitBudget
from app.services.delegate_costs import DelegateCosts

RATE = "0.0000##"
PERCENT = "0.00%"  # the cell holds a fraction (0.85), Excel shows 85.00 %
DATE = "yyyy-mm-dd"
PLAIN = "#,##0.00"  # an amount whose currency the column does not fix


def money_fmt(currency: str) -> str:
    """Two decimals and the currency's code: ``1 234,50 EUR`` in a Latvian spreadsheet,
    ``1,234.50 EUR`` in an English one (the pattern is the same; the separators are the
    reader's)."""
    return f'#,##0.00\\ "{currency}"' if currency.isalpha() else PLAIN


def exact_fmt(value: Decimal | None) -> str:
    """A quantity or price with the decimals it was written with: ``9``, ``2.5``,
    ``1,290.00`` (``#,##0.######`` showed a whole 9 as "9." in Excel)."""
    if value is None:
        return "#,##0"
    exponent = value.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return "#,##0" + ("." + "0" * places if places else "")


class _Sheet:
    """A sheet of typed cells: numbers as numbers, text never a formula."""

    def __init__(self, wb: Book, title: str, widths: Sequence[float]) -> None:
        self.sheet = wb.create_sheet(title, widths)

    @property
    def name(self) -> str:
        return self.sheet.title

    @property
    def next_row(self) -> int:
        return self.sheet.next_row

    @property
    def freeze(self) -> str | None:
        return self.sheet.freeze

    @freeze.setter
    def freeze(self, ref: str) -> None:
        self.sheet.freeze = ref

    def repeat_rows(self, count: int) -> None:
        """Print the first ``count`` rows again at the top of every page."""
        self.sheet.title_rows = count

    def row(
        self, values: Iterable[Any], fmts: Sequence[str | None] = (), *, bold: bool = False
    ) -> int:
        """Add a row; its number (for formulas that refer to it)."""
        number = self.next_row
        font = "bold" if bold else "normal"
        self.sheet.add_row(
            (value, fmts[i] if i < len(fmts) else None, font, False)
            for i, value in enumerate(values)
        )
        return number

    def title(self, value: str) -> None:
        self.sheet.add_row([(value, None, "title", False)])

    def header(self, labels: Sequence[str]) -> int:
        """A band of bold labels, tall enough for the longest to wrap in its column."""
        number = self.next_row
        widths = self.sheet.widths
        lines = max(
            (
                math.ceil(len(label) * 1.15 / widths[i]) if i < len(widths) else 1
                for i, label in enumerate(labels)
            ),
            default=1,
        )
        self.sheet.add_row(
            ((label, None, "bold", True) for label in labels),
            height=15 * lines if lines > 1 else None,
        )
        return number

    def blank(self) -> None:
        self.sheet.add_row([])


def _fraction(percent: Decimal | None) -> Decimal | None:
    """A percentage as the fraction a ``0.00%`` cell holds (85 → 0.85), still exact."""
    return None if percent is None else percent / 100


# --- the lines ---------------------------------------------------------------------------

_LINE_KEYS = (
    "no",
    "category",
    "description",
    "source",
    "eligible",
    "quantity",
    "unit",
    "unit_price",
    "currency",
    "plan_rate",
    "planned",
    "paid",
    "paid_currency",
    "rate",
    "rate_date",
    "rate_source",
    "actual",
    "exchange",
    "variance",
    "document",
    "date",
    "paid_flag",
)
_LINE_WIDTHS = (6, 18, 44, 28, 12, 10, 9, 13, 9, 10, 15, 14, 9, 12, 12, 12, 15, 14, 14, 18, 12, 11)


class LineRefs:
    """Where a lines sheet keeps each column (shifted by ``offset`` columns: the project's
    sheet starts with the visit) and which rows hold lines, for formulas that refer to it."""

    def __init__(self, sheet: str, offset: int, first: int, last: int) -> None:
        self.sheet, self.first, self.last = sheet, first, last
        self.letters = {key: column(i + offset) for i, key in enumerate(_LINE_KEYS)}

    def cell(self, key: str, row: int) -> str:
        return f"{self.letters[key]}{row}"

    def span(self, key: str) -> str:
        """The column's line cells on the lines sheet: ``'Lines'!$K$2:$K$11``."""
        letter = self.letters[key]
        return f"{quote_sheet(self.sheet)}!${letter}${self.first}:${letter}${self.last}"

    @property
    def empty(self) -> bool:
        return self.last < self.first


def _line_headers(lang: str, base: str) -> list[str]:
    t = lambda m: text(lang, m)  # noqa: E731
    return [
        t("No."),
        t("Category"),
        t("Description"),
        t("Funding source"),
        t("Eligible"),
        t("Quantity"),
        t("Unit"),
        t("Unit price"),
        t("Currency"),
        t("Plan rate"),
        f"{t('Planned')} ({base})",
        t("Actual"),
        t("Currency"),
        t("Rate used"),
        t("Rate date"),
        t("Rate source"),
        f"{t('Actual')} ({base})",
        f"{t('Exchange difference')} ({base})",
        f"{t('Variance')} ({base})",
        t("Document"),
        t("Date"),
        t("Paid"),
    ]


def _line_rows(
    b: VisitBudget | ProjectVisit, lang: str, refs: LineRefs
) -> Iterable[tuple[list[Any], list[str | None]]]:
    """Each line's cells and number formats; its conversions as formulas.

    An actual shows the rate it converted at, that rate's date and its source (its own
    day's ECB rate, InforEuro, fixed or the plan's) beside the result, so that
    ``actual ÷ rate used`` can be checked, and is worked out by the sheet itself.
    """
    yes, no = text(lang, "yes"), text(lang, "no")
    book = b.book
    base = book.base if book is not None else b.base_currency
    base_fmt = money_fmt(base)
    plan: dict[str, Decimal | None] = {}

    def plan_rate(currency: str) -> Decimal | None:
        if currency not in plan:
            found = book.planned(currency) if book is not None else None
            plan[currency] = found.per_base if found is not None else None
        return plan[currency]

    row = refs.first
    for number, out in enumerate(b.totals.lines, start=1):
        line = out.line
        paid = line.actual_amount is not None
        paid_in = (line.actual_currency or line.currency) if paid else None
        used: list[Any] = [None, None, None]
        if paid and paid_in == base:
            used = [Decimal(1), None, None]  # the base converts at 1, of no date or source
        elif paid and out.rate is not None:
            used = [out.rate.per_base, out.rate.date, rate_source(lang, out.rate)]
        cells = [
            number,
            category(lang, line.category),
            line.description,
            funding_text(line, b.source_name, lang) or None,
            yes if line.eligible else no,
            line.quantity,
            unit(lang, line.unit) or None,
            line.unit_price,
            line.currency,
            plan_rate(line.currency),
            _planned(out, refs, row),
            line.actual_amount,
            paid_in,
            *used,
            _actual(out, refs, row),
            _exchange(out, refs, row, plan_rate(paid_in) if paid_in else None),
            _variance(out, refs, row),
            line.actual_document,
            line.actual_date,
            (yes if line.actual_paid else no) if paid else None,
        ]
        fmts = [
            None,
            None,
            None,
            None,
            None,
            exact_fmt(line.quantity),
            None,
            exact_fmt(line.unit_price),
            None,
            RATE,
            base_fmt,
            money_fmt(paid_in) if paid_in else None,
            None,
            RATE,
            DATE,
            None,
            base_fmt,
            base_fmt,
            base_fmt,
            None,
            DATE,
            None,
        ]
        yield cells, fmts
        row += 1


def _planned(out: LineOut, refs: LineRefs, row: int) -> Formula | None:
    """quantity × unit price ÷ the plan's rate, rounded to cents (as the program does)."""
    if out.planned is None:
        return None
    c = lambda key: refs.cell(key, row)  # noqa: E731
    return Formula(f"ROUND({c('quantity')}*{c('unit_price')}/{c('plan_rate')},2)", out.planned)


def _actual(out: LineOut, refs: LineRefs, row: int) -> Formula | None:
    """The actual ÷ the rate it converted at, rounded to cents."""
    if out.actual is None or out.line.actual_amount is None:
        return None
    return Formula(f"ROUND({refs.cell('paid', row)}/{refs.cell('rate', row)},2)", out.actual)


def _exchange(out: LineOut, refs: LineRefs, row: int, plan_rate: Decimal | None) -> Formula | None:
    """The actual at its rate less the actual at the plan's rate of its currency."""
    line = out.line
    if (
        out.exchange is None
        or out.actual is None
        or line.actual_amount is None
        or plan_rate is None
    ):
        return None
    paid_in = line.actual_currency or line.currency
    rate = refs.cell("plan_rate", row) if paid_in == line.currency else format(plan_rate, "f")
    return Formula(
        f"{refs.cell('actual', row)}-ROUND({refs.cell('paid', row)}/{rate},2)", out.exchange
    )


def _variance(out: LineOut, refs: LineRefs, row: int) -> Formula | None:
    if out.variance is None:
        return None
    return Formula(f"{refs.cell('actual', row)}-{refs.cell('planned', row)}", out.variance)


def _sum_row(
    refs: LineRefs, lang: str, totals: Amounts, base: str
) -> tuple[list[Any], list[str | None]]:
    """The lines' total row: live sums of the amount columns."""
    cells: list[Any] = [None] * (len(_LINE_KEYS) + (1 if refs.letters["no"] != "A" else 0))
    fmts: list[str | None] = [None] * len(cells)
    offset = len(cells) - len(_LINE_KEYS)
    cells[offset + _LINE_KEYS.index("description")] = text(lang, "Total")
    for key, value in (
        ("planned", totals.planned),
        ("actual", totals.actual),
        ("exchange", totals.exchange),
        ("variance", totals.variance),
    ):
        at = offset + _LINE_KEYS.index(key)
        letter = refs.letters[key]
        cells[at] = (
            Formula(f"SUM({letter}{refs.first}:{letter}{refs.last})", value)
            if not refs.empty
            else value
        )
        fmts[at] = money_fmt(base)
    return cells, fmts


def _lines(wb: Book, b: VisitBudget, lang: str) -> LineRefs:
    s = _Sheet(wb, text(lang, "Lines"), _LINE_WIDTHS)
    s.freeze = "D2"
    s.repeat_rows(1)
    s.header(_line_headers(lang, b.base_currency))
    refs = LineRefs(s.name, 0, 2, 1 + len(b.totals.lines))
    for cells, fmts in _line_rows(b, lang, refs):
        s.row(cells, fmts)
    cells, fmts = _sum_row(refs, lang, b.totals.overall, b.base_currency)
    s.row(cells, fmts, bold=True)
    return refs


# --- the summary -------------------------------------------------------------------------

AmountCells = Callable[[str, Decimal], Any]  # (column key, the program's value) → a cell


def _amount_row(
    sheet: _Sheet,
    label: str,
    a: Amounts,
    fmt: str,
    *,
    bold: bool = False,
    lead: Sequence[Any] = (),
    cells: AmountCells | None = None,
) -> int:
    """Label, [lead], planned, actual, variance; ``cells`` makes them formulas."""
    make = cells or (lambda _key, value: value)
    return sheet.row(
        [
            label,
            *lead,
            make("planned", a.planned),
            make("actual", a.actual),
            make("variance", a.variance),
        ],
        [None] + [PERCENT] * len(lead) + [fmt] * 3,
        bold=bold,
    )


def _sumifs(refs: LineRefs, criteria: Sequence[tuple[str, str]]) -> AmountCells | None:
    """Cells that add up the lines' column where each (column, criterion) holds; the
    criterion is a cell reference (``$A7``) or a quoted word of ours (``"jā"``)."""
    if refs.empty:
        return None
    where = ",".join(f"{refs.span(key)},{criterion}" for key, criterion in criteria)
    return lambda key, value: Formula(f"SUMIFS({refs.span(key)},{where})", value)


def _column_sum(sheet: _Sheet, first: int, last: int) -> AmountCells:
    """Cells that add up the rows ``first``..``last`` of the same column above."""
    letters = {"planned": "C", "actual": "D", "variance": "E"}
    return lambda key, value: Formula(f"SUM({letters[key]}{first}:{letters[key]}{last})", value)


def _summary(wb: Book, b: VisitBudget, lang: str, lines_title: str) -> _Sheet:
    """Facts, totals by category (live sums of the lines) and by funding source."""
    t = lambda m: text(lang, m)  # noqa: E731 - a short local alias reads better here
    fmt = money_fmt(b.base_currency)
    s = _Sheet(wb, t("Summary"), (42, 14, 18, 18, 18))
    s.title(f"{t('Budget of the visit')}: {b.code} — {b.title_in(lang)}")
    facts: list[tuple[str, Any, str | None]] = []
    if b.project:
        facts += [
            (t("Project"), f"{b.project.code} {b.project.title or ''}".strip(), None),
            (t("Funder"), b.project.funder, None),
            (funding_programme(lang), b.project.programme, None),
            (t("Grant rate"), _fraction(b.project.grant_rate), PERCENT),
        ]
    facts += [
        (t("Dates"), f"{day(b.start_date, lang)} – {day(b.end_date, lang)}", None),
        (t("Base currency"), b.base_currency, None),
    ]
    for label, value, value_fmt in facts:
        if value not in (None, ""):
            s.row([label, value], [None, value_fmt], bold=False)
    s.blank()
    refs = LineRefs(lines_title, 0, 2, 1 + len(b.totals.lines))
    s.header([t("By category"), "", t("Planned"), t("Actual"), t("Variance")])
    first = s.next_row
    for code, a in b.totals.by_category.items():
        _amount_row(
            s,
            category(lang, code),
            a,
            fmt,
            lead=[None],
            cells=_sumifs(refs, [("category", f"$A{s.next_row}")]),
        )
    last = s.next_row - 1
    _amount_row(
        s,
        t("Total"),
        b.totals.overall,
        fmt,
        bold=True,
        lead=[None],
        cells=_column_sum(s, first, last) if last >= first else None,
    )
    _amount_row(
        s,
        t("Eligible costs"),
        b.totals.eligible,
        fmt,
        lead=[None],
        cells=_sumifs(refs, [("eligible", f'"{t("yes")}"')]),
    )
    _amount_row(
        s,
        t("Ineligible costs"),
        b.totals.ineligible,
        fmt,
        lead=[None],
        cells=_sumifs(refs, [("eligible", f'"{t("no")}"')]),
    )
    if b.totals.overall.exchange:
        exchange = b.totals.overall.exchange
        s.row(
            [
                t("Exchange difference"),
                None,
                None,
                exchange if refs.empty else Formula(f"SUM({refs.span('exchange')})", exchange),
            ],
            [None, None, None, fmt],
        )
    s.blank()
    s.header([t("By funding source"), t("Share"), t("Planned"), t("Actual"), t("Variance")])
    shares: dict[str | None, Decimal | None] = {src.key: src.share for src in b.sources}
    grants = {src.key for src in b.sources if src.is_grant}
    first = s.next_row
    for key, a in b.totals.by_source.items():
        name = b.source_name(key) if key is not None else t("No funding source")
        if key in grants:
            name = f"{name} ({t('Grant')})"
        _amount_row(s, name, a, fmt, lead=[_fraction(shares.get(key))])
    last = s.next_row - 1
    _amount_row(
        s,
        t("Total"),
        b.totals.overall,
        fmt,
        bold=True,
        lead=[None],
        cells=_column_sum(s, first, last) if last >= first else None,
    )
    if b.warnings:
        s.blank()
        s.row([t("Warnings")], bold=True)
        for w in b.warnings:
            s.row([w.text])
    s.blank()
    s.row(
        [
            t(
                "Amounts in {currency}; each line converted with the visit's rate and rounded "
                "to cents once; totals are sums of rounded lines."
            ).format(currency=b.base_currency)
        ]
    )
    s.row([t("Variance = actual − planned.")])
    return s


def _organisations(wb: Book, costs: DelegateCosts | None, base: str, lang: str) -> None:
    """Per sending organisation: its people, its own lines and its share of the common
    ones, the total, its share of the visit and its cost per delegate — as formulas over
    the program's split, with a total row and the visit's cost per delegate."""
    if costs is None:
        return
    t = lambda m: text(lang, m)  # noqa: E731
    fmt = money_fmt(base)
    s = _Sheet(
        wb, t("By sending organisation"), (34, 9, 48, 15, 15, 15, 15, 15, 15, 11, 11, 15, 15)
    )
    s.repeat_rows(1)
    both = lambda label: [f"{label}: {t('Planned')}", f"{label}: {t('Actual')}"]  # noqa: E731
    s.header(
        [
            t("Organisation"),
            t("People"),
            t("Delegates"),
            *both(t("Own lines")),
            *both(t("Common costs")),
            *both(t("Total")),
            *both(t("Share")),
            *both(t("Per delegate")),
        ]
    )
    first = s.next_row
    last = first + len(costs.organisations) - 1
    total_row = last + 1
    fmts = [None, "0", None] + [fmt] * 6 + [PERCENT] * 2 + [fmt] * 2

    def share(org_total: Decimal, whole: Decimal, column: str, row: int) -> Any:
        value = org_total / whole if whole else None
        return (
            Formula(f'IF({column}${total_row}=0,"",{column}{row}/{column}${total_row})', value)
            if value is not None
            else None
        )

    for row, org in zip(range(first, last + 1), costs.organisations, strict=True):
        total = org.total
        s.row(
            [
                org.organisation or t("(no organisation)"),
                len(org.people),
                ", ".join(org.people),
                org.own.planned,
                org.own.actual,
                org.common.planned,
                org.common.actual,
                Formula(f"D{row}+F{row}", total.planned),
                Formula(f"E{row}+G{row}", total.actual),
                share(total.planned, costs.total.planned, "H", row),
                share(total.actual, costs.total.actual, "I", row),
                Formula(f"ROUND(H{row}/B{row},2)", org.per_delegate(actual=False)),
                Formula(f"ROUND(I{row}/B{row},2)", org.per_delegate(actual=True)),
            ],
            fmts,
        )
    own = Amounts(
        sum((o.own.planned for o in costs.organisations), Decimal("0.00")),
        sum((o.own.actual for o in costs.organisations), Decimal("0.00")),
    )
    column_sum = lambda letter, value: Formula(  # noqa: E731
        f"SUM({letter}{first}:{letter}{last})", value
    )
    s.row(
        [
            t("Total"),
            column_sum("B", Decimal(costs.people)),
            None,
            column_sum("D", own.planned),
            column_sum("E", own.actual),
            column_sum("F", costs.common.planned),
            column_sum("G", costs.common.actual),
            column_sum("H", costs.total.planned),
            column_sum("I", costs.total.actual),
            None,
            None,
            Formula(f"ROUND(H{total_row}/B{total_row},2)", costs.per_delegate(actual=False)),
            Formula(f"ROUND(I{total_row}/B{total_row},2)", costs.per_delegate(actual=True)),
        ],
        fmts,
        bold=True,
    )
    s.blank()
    s.row(
        [
            t(
                "A line bound to a person taking part (a daily allowance) is their "
                "organisation's own cost; every other line is common and shared by head, to the "
                "cent. People taking part: every participant except those who declined or "
                "cancelled."
            )
        ]
    )


def _rates(wb: Book, b: VisitBudget, lang: str) -> None:
    s = _Sheet(wb, text(lang, "Rates"), (12, 16, 14, 30))
    s.repeat_rows(1)
    s.header(
        [
            text(lang, "Currency"),
            text(lang, "Units per {base}").format(base=b.base_currency),
            text(lang, "Date"),
            text(lang, "Source"),
        ]
    )
    for r in b.rates:
        s.row([r.currency, r.per_base, r.date, r.source], [None, RATE, DATE, None])


def _allowances(wb: Book, plan: AllowancePlan, lang: str) -> None:
    t = lambda m: text(lang, m)  # noqa: E731
    eur = money_fmt("EUR")
    s = _Sheet(wb, t("Allowances"), (30, 14, 12, 12, 8, 12, 14, 14, 16, 40, 30))
    s.repeat_rows(1)
    s.header(
        [
            t("Person"),
            t("Country"),
            t("Departure"),
            t("Return"),
            t("Days"),
            t("Reduced days"),
            t("Daily rate"),
            t("Reduced rate"),
            t("Amount"),
            t("Legal source"),
            t("Days with free accommodation and three meals"),
        ]
    )
    first = s.next_row
    for person in plan.travellers:
        a = person.allowance
        if a is None:
            s.row([person.name, plan.country, person.problem])
            continue
        # The reduced days as a number (0, not an empty cell) and, apart, which days. A
        # rate that changed during the trip: each rate, as text ("70,00 €, 80,00 €", as the
        # statement's daily rate).
        rates: list[Any] = [a.daily, a.reduced]
        if len(a.periods) > 1:
            rates = [
                ", ".join(money(getattr(p, which), "EUR", lang) for p in a.periods)
                for which in ("daily", "reduced")
            ]
        s.row(
            [
                person.name,
                plan.country,
                a.departure,
                a.return_day,
                a.days,
                len(a.reduced_days),
                *rates,
                a.amount,
                "; ".join(person.sources) or None,
                ", ".join(day(d, lang) for d in a.reduced_days) or None,
            ],
            [None, None, DATE, DATE, "0", "0", eur, eur, eur, None, None],
        )
    last = s.next_row - 1
    s.row(
        [
            t("Total"),
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            Formula(f"SUM(I{first}:I{last})", plan.total) if last >= first else plan.total,
        ],
        [None] * 8 + [eur],
        bold=True,
    )


def _save(wb: Book, path: str | os.PathLike[str]) -> Path:
    target = Path(path)
    tmp = part_file(target)
    try:
        wb.save(tmp)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return target


def write_budget_xlsx(
    budget: VisitBudget,
    path: str | os.PathLike[str],
    lang: str = "lv",
    *,
    allowances: AllowancePlan | None = None,
    author: str | None = None,
) -> Path:
    """The visit's budget workbook: Summary, Lines, Rates and (if given) Allowances.

    ``author`` (who prepared it) goes into the document's properties with its title."""
    lang = language(lang)
    wb = Book(
        title=f"{text(lang, 'Budget')}: {budget.code} — {budget.title_in(lang)}",
        author=author or "",
    )
    lines_title = wb.sheet_title(text(lang, "Lines"))
    _summary(wb, budget, lang, lines_title)
    _lines(wb, budget, lang)
    _rates(wb, budget, lang)
    _organisations(wb, budget.delegate_costs, budget.base_currency, lang)
    if allowances is not None and any(t.allowance for t in allowances.travellers):
        _allowances(wb, allowances, lang)
    return _save(wb, path)


def write_project_xlsx(
    project: ProjectBudget,
    path: str | os.PathLike[str],
    lang: str = "lv",
    *,
    author: str | None = None,
) -> Path:
    """A project's visits side by side against its grant, and all their lines; each
    visit's figures and the category subtotals are live sums of the lines sheet."""
    lang = language(lang)
    t = lambda m: text(lang, m)  # noqa: E731
    p = project.project
    base = project.base_currency
    fmt = money_fmt(base)
    wb = Book(title=f"{t('Project budget')}: {p.code}", author=author or "")
    lines_title = wb.sheet_title(t("Lines"))
    count = sum(len(v.totals.lines) for v in project.visits)
    refs = LineRefs(lines_title, 1, 2, 1 + count)
    visit_span = f"{quote_sheet(lines_title)}!$A${refs.first}:$A${refs.last}"
    s = _Sheet(wb, t("Summary"), (26, 40, 24, 17, 17, 17, 17, 17, 17, 17, 17))
    s.title(f"{t('Project budget')}: {p.code}")
    for label, value, value_fmt in (
        (t("Project"), p.title, None),
        (t("Funder"), p.funder, None),
        (funding_programme(lang), p.programme, None),
        (t("Grant rate"), _fraction(p.grant_rate), PERCENT),
        (t("Grant awarded"), p.awarded, fmt),
        (t("Base currency"), base, None),
    ):
        if value not in (None, ""):
            s.row([label, value], [None, value_fmt])
    s.blank()
    s.header(
        [
            t("Visit"),
            t("Description"),
            t("Dates"),
            t("Planned"),
            t("Actual"),
            t("Variance"),
            f"{t('Eligible costs')}: {t('Planned')}",
            f"{t('Eligible costs')}: {t('Actual')}",
            f"{t('Grant')}: {t('Planned')}",
            f"{t('Grant')}: {t('Actual')}",
            t("Exchange difference"),
        ]
    )
    money = [None, None, None] + [fmt] * 8
    yes = f'"{t("yes")}"'

    def of_visit(key: str, value: Decimal, row: int, eligible: bool = False) -> Any:
        if refs.empty:
            return value
        where = f"{visit_span},$A{row}"
        if eligible:
            where += f",{refs.span('eligible')},{yes}"
        return Formula(f"SUMIFS({refs.span(key)},{where})", value)

    first = s.next_row
    for v in project.visits:
        grant = v.grant
        o, e = v.totals.overall, v.totals.eligible
        r = s.next_row
        s.row(
            [
                v.code,
                v.title_in(lang),
                f"{day(v.start_date, lang)} – {day(v.end_date, lang)}",
                of_visit("planned", o.planned, r),
                of_visit("actual", o.actual, r),
                of_visit("variance", o.variance, r),
                of_visit("planned", e.planned, r, True),
                of_visit("actual", e.actual, r, True),
                grant.planned,
                grant.actual,
                of_visit("exchange", o.exchange, r),
            ],
            money,
        )
    last = s.next_row - 1
    o, e, g = project.overall, project.eligible, project.grant

    def down(letter: str, value: Decimal) -> Any:
        return Formula(f"SUM({letter}{first}:{letter}{last})", value) if last >= first else value

    total = s.row(
        [
            t("Total"),
            None,
            None,
            down("D", o.planned),
            down("E", o.actual),
            down("F", o.variance),
            down("G", e.planned),
            down("H", e.actual),
            down("I", g.planned),
            down("J", g.actual),
            down("K", o.exchange),
        ],
        money,
        bold=True,
    )
    if p.grant_rate is not None:
        at_rate = project.grant_at_rate
        share = format(p.grant_rate / 100, "f")
        s.row(
            [
                t("Grant at the grant rate"),
                None,
                None,
                None,
                None,
                None,
                Formula(f"ROUND(G{total}*{share},2)", at_rate.planned),
                Formula(f"ROUND(H{total}*{share},2)", at_rate.actual),
            ],
            money,
        )
    if p.awarded is not None:
        s.blank()
        s.row([t("The grant against the award")], bold=True)
        awarded = s.row([t("Grant awarded"), None, None, p.awarded], money)
        s.row(
            [
                f"{t('Grant')}: {t('Planned')}",
                None,
                None,
                Formula(f"I{total}", project.grant.planned),
            ],
            money,
        )
        s.row(
            [
                f"{t('Grant')}: {t('Actual')}",
                None,
                None,
                Formula(f"J{total}", project.grant.actual),
            ],
            money,
        )
        s.row(
            [t("Remaining"), None, None, Formula(f"D{awarded}-J{total}", project.remaining)], money
        )
        s.row([t("Used"), None, None, _fraction(project.used)], [None, None, None, PERCENT])
    if project.cancelled or project.unconverted:
        s.blank()
        s.row([t("Not counted")], bold=True)
        for gone in project.cancelled:
            s.row([gone.code, gone.title_in(lang), t("cancelled")])
        for gone in project.unconverted:
            s.row(
                [gone.code, gone.title_in(lang), t("no rate for {currency}").format(currency=base)]
            )
    if project.warnings:
        s.blank()
        s.row([t("Warnings")], bold=True)
        for w in project.warnings:
            s.row([w])
    b = _Sheet(wb, t("By category"), (40, 17, 17, 17))
    b.repeat_rows(1)
    b.header([t("Category"), t("Planned"), t("Actual"), t("Variance")])
    money3 = [None, fmt, fmt, fmt]

    def by(cells: AmountCells | None, a: Amounts) -> list[Any]:
        make = cells or (lambda _key, value: value)
        return [make("planned", a.planned), make("actual", a.actual), make("variance", a.variance)]

    first = b.next_row
    for code, a in project.by_category.items():
        b.row(
            [category(lang, code), *by(_sumifs(refs, [("category", f"$A{b.next_row}")]), a)], money3
        )
    last = b.next_row - 1
    sums = {"planned": "B", "actual": "C", "variance": "D"}
    b.row(
        [
            t("Total"),
            *by(
                (lambda key, value: Formula(f"SUM({sums[key]}{first}:{sums[key]}{last})", value))
                if last >= first
                else None,
                project.overall,
            ),
        ],
        money3,
        bold=True,
    )
    for label, word, a in (
        (t("Eligible costs"), t("yes"), project.eligible),
        (t("Ineligible costs"), t("no"), project.ineligible),
    ):
        b.row([label, *by(_sumifs(refs, [("eligible", f'"{word}"')]), a)], money3)
    b.blank()
    b.header([t("Funding source"), t("Planned"), t("Actual"), t("Variance")])
    for name, a in project.by_source.items():
        b.row([name, a.planned, a.actual, a.variance], money3)
    for label, a in ((t("Grant"), project.grant), (t("Own funds and other sources"), project.own)):
        b.row([label, a.planned, a.actual, a.variance], money3)
    lines = _Sheet(wb, t("Lines"), (18, *_LINE_WIDTHS))
    lines.freeze = "E2"
    lines.repeat_rows(1)
    lines.header([t("Visit"), *_line_headers(lang, base)])
    start = refs.first
    for v in project.visits:
        mine = LineRefs(lines_title, 1, start, start + len(v.totals.lines) - 1)
        for cells, fmts in _line_rows(v, lang, mine):
            lines.row([v.code, *cells], [None, *fmts])
        start += len(v.totals.lines)
    cells, fmts = _sum_row(refs, lang, project.overall, base)
    lines.row(cells, fmts, bold=True)
    _organisations(wb, project.delegate_costs, base, lang)
    return _save(wb, path)
