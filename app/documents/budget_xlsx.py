"""The budget as a spreadsheet: summary, lines, rates and allowances (``.xlsx``).

Finance staff re-add and re-sort what they receive, so amounts are real numbers with number
formats, never text; the totals are the same rounded sums the PDF prints (written as
values, so a viewer that does not calculate still shows them). User text never runs as a
formula: a cell that starts with ``=``, ``+``, ``-`` or ``@`` is text with Excel's quote
prefix. Written by ``budget_xlsx_file`` (5,000 lines in a fraction of a second) and
atomically: a failed export leaves no half-written file.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.documents.budget_text import (
    category,
    day,
    funding_programme,
    language,
    rate_source,
    text,
    unit,
)
from app.documents.budget_xlsx_file import Book
from app.domain.budget_totals import Amounts
from app.services.allowances import AllowancePlan
from app.services.budget_report import ProjectBudget, ProjectVisit, VisitBudget

MONEY = "#,##0.00"
RATE = "0.0000##"
QUANTITY = "#,##0.######"
PERCENT = "0.00%"  # the cell holds a fraction (0.85), Excel shows 85.00 %
DATE = "yyyy-mm-dd"


class _Sheet:
    """A sheet of typed cells: numbers as numbers, text never a formula."""

    def __init__(self, wb: Book, title: str, widths: Sequence[float]) -> None:
        self.sheet = wb.create_sheet(title, widths)

    @property
    def freeze(self) -> str | None:
        return self.sheet.freeze

    @freeze.setter
    def freeze(self, ref: str) -> None:
        self.sheet.freeze = ref

    def row(self, values: Iterable[Any], fmts: Sequence[str | None] = (), *,
            bold: bool = False) -> None:
        font = "bold" if bold else "normal"
        self.sheet.add_row((value, fmts[i] if i < len(fmts) else None, font, False)
                           for i, value in enumerate(values))

    def title(self, value: str) -> None:
        self.sheet.add_row([(value, None, "title", False)])

    def header(self, labels: Sequence[str]) -> None:
        self.sheet.add_row((label, None, "bold", True) for label in labels)

    def blank(self) -> None:
        self.sheet.add_row([])


def _fraction(percent: Decimal | None) -> Decimal | None:
    """A percentage as the fraction a ``0.00%`` cell holds (85 → 0.85), still exact."""
    return None if percent is None else percent / 100


def _amount_row(sheet: _Sheet, label: str, a: Amounts, *, bold: bool = False,
                lead: Sequence[Any] = ()) -> None:
    sheet.row([label, *lead, a.planned, a.actual, a.variance],
              [None] + [PERCENT] * len(lead) + [MONEY] * 3, bold=bold)


def _summary(wb: Book, b: VisitBudget, lang: str) -> None:
    t = lambda m: text(lang, m)  # noqa: E731 - a short local alias reads better here
    s = _Sheet(wb, t("Summary"), (42, 14, 16, 16, 16))
    s.title(f"{t('Budget of the visit')}: {b.code} — {b.title_in(lang)}")
    facts: list[tuple[str, Any, str | None]] = []
    if b.project:
        facts += [(t("Project"), f"{b.project.code} {b.project.title or ''}".strip(), None),
                  (t("Funder"), b.project.funder, None),
                  (funding_programme(lang), b.project.programme, None),
                  (t("Grant rate"), _fraction(b.project.grant_rate), PERCENT)]
    facts += [(t("Dates"), f"{day(b.start_date, lang)} – {day(b.end_date, lang)}", None),
              (t("Base currency"), b.base_currency, None)]
    for label, value, fmt in facts:
        if value not in (None, ""):
            s.row([label, value], [None, fmt], bold=False)
    s.blank()
    s.header([t("By category"), "", t("Planned"), t("Actual"), t("Variance")])
    for code, a in b.totals.by_category.items():
        _amount_row(s, category(lang, code), a, lead=[None])
    _amount_row(s, t("Total"), b.totals.overall, bold=True, lead=[None])
    _amount_row(s, t("Eligible costs"), b.totals.eligible, lead=[None])
    _amount_row(s, t("Ineligible costs"), b.totals.ineligible, lead=[None])
    if b.totals.overall.exchange:
        s.row([t("Exchange difference"), None, None, b.totals.overall.exchange],
              [None, None, None, MONEY])
    s.blank()
    s.header([t("By funding source"), t("Share"), t("Planned"), t("Actual"), t("Variance")])
    shares: dict[str | None, Decimal | None] = {src.key: src.share for src in b.sources}
    grants = {src.key for src in b.sources if src.is_grant}
    for key, a in b.totals.by_source.items():
        name = b.source_name(key) if key is not None else t("No funding source")
        if key in grants:
            name = f"{name} ({t('Grant')})"
        _amount_row(s, name, a, lead=[_fraction(shares.get(key))])
    _amount_row(s, t("Total"), b.totals.overall, bold=True, lead=[None])
    if b.warnings:
        s.blank()
        s.row([t("Warnings")], bold=True)
        for w in b.warnings:
            s.row([w.text])
    s.blank()
    s.row([t("Amounts in {currency}; each line converted with the visit's rate and rounded "
             "to cents once; totals are sums of rounded lines.").format(
        currency=b.base_currency)])
    s.row([t("Variance = actual − planned.")])


_LINE_FORMATS = (None, None, None, None, None, QUANTITY, None, QUANTITY, None, RATE, MONEY,
                 MONEY, None, RATE, DATE, None, MONEY, MONEY, MONEY, None, DATE, None)
_LINE_WIDTHS = (6, 18, 44, 28, 9, 10, 9, 13, 9, 10, 15, 14, 9, 10, 12, 12, 15, 14, 14, 18,
                12, 8)


def _line_headers(lang: str, base: str) -> list[str]:
    t = lambda m: text(lang, m)  # noqa: E731
    return [t("No."), t("Category"), t("Description"), t("Funding source"), t("Eligible"),
            t("Quantity"), t("Unit"), t("Unit price"), t("Currency"), t("Plan rate"),
            f"{t('Planned')} ({base})", t("Actual"), t("Currency"), t("Rate used"),
            t("Rate date"), t("Rate source"), f"{t('Actual')} ({base})",
            f"{t('Exchange difference')} ({base})", f"{t('Variance')} ({base})",
            t("Document"), t("Date"), t("Paid")]


def _line_rows(b: VisitBudget | ProjectVisit, lang: str) -> Iterable[list[Any]]:
    """A row per line; an actual shows the rate it converted at, that rate's date and its
    source (its own day's ECB rate, InforEuro, fixed or the plan's) beside the result."""
    yes, no = text(lang, "yes"), text(lang, "no")
    book = b.book
    base = book.base if book is not None else b.base_currency
    plan: dict[str, Decimal | None] = {}

    def plan_rate(currency: str) -> Decimal | None:
        if currency not in plan:
            found = book.planned(currency) if book is not None else None
            plan[currency] = found.per_base if found is not None else None
        return plan[currency]

    for number, out in enumerate(b.totals.lines, start=1):
        line = out.line
        paid = line.actual_amount is not None
        actual_currency = (line.actual_currency or line.currency) if paid else None
        used: list[Any] = [None, None, None]
        if paid and actual_currency == base:
            used = [Decimal(1), None, None]  # the base converts at 1, of no date or source
        elif paid and out.rate is not None:
            used = [out.rate.per_base, out.rate.date, rate_source(lang, out.rate)]
        yield [number, category(lang, line.category), line.description,
               b.source_name(line.funding) or None, yes if line.eligible else no,
               line.quantity, unit(lang, line.unit) or None, line.unit_price, line.currency,
               plan_rate(line.currency), out.planned, line.actual_amount, actual_currency,
               *used, out.actual, out.exchange if paid else None, out.variance,
               line.actual_document, line.actual_date,
               (yes if line.actual_paid else no) if paid else None]


def _lines(wb: Book, b: VisitBudget, lang: str) -> None:
    s = _Sheet(wb, text(lang, "Lines"), _LINE_WIDTHS)
    s.freeze = "D2"
    s.header(_line_headers(lang, b.base_currency))
    for values in _line_rows(b, lang):
        s.row(values, _LINE_FORMATS)
    total: list[Any] = [None] * len(_LINE_FORMATS)
    total[2] = text(lang, "Total")
    total[10], total[16] = b.totals.overall.planned, b.totals.overall.actual
    total[17], total[18] = b.totals.overall.exchange, b.totals.overall.variance
    s.row(total, _LINE_FORMATS, bold=True)


def _rates(wb: Book, b: VisitBudget, lang: str) -> None:
    s = _Sheet(wb, text(lang, "Rates"), (12, 16, 14, 30))
    s.header([text(lang, "Currency"), text(lang, "Units per {base}").format(
        base=b.base_currency), text(lang, "Date"), text(lang, "Source")])
    for r in b.rates:
        s.row([r.currency, r.per_base, r.date, r.source], [None, RATE, DATE, None])


def _allowances(wb: Book, plan: AllowancePlan, lang: str) -> None:
    t = lambda m: text(lang, m)  # noqa: E731
    s = _Sheet(wb, t("Allowances"), (30, 14, 12, 12, 8, 12, 12, 12, 14, 40, 30))
    s.header([t("Person"), t("Country"), t("Departure"), t("Return"), t("Days"),
              t("Reduced days"), t("Daily rate"), t("Reduced rate"), t("Amount"),
              t("Legal source"), t("Days with free accommodation and three meals")])
    for person in plan.travellers:
        a = person.allowance
        if a is None:
            s.row([person.name, plan.country, person.problem])
            continue
        # The reduced days as a number (0, not an empty cell) and, apart, which days.
        s.row([person.name, plan.country, a.departure, a.return_day, a.days,
               len(a.reduced_days), a.daily, a.reduced, a.amount,
               person.rate.source if person.rate else None,
               ", ".join(day(d, lang) for d in a.reduced_days) or None],
              [None, None, DATE, DATE, "0", "0", MONEY, MONEY, MONEY, None, None])
    s.row([t("Total"), None, None, None, None, None, None, None, plan.total],
          [None] * 8 + [MONEY], bold=True)


def _save(wb: Book, path: str | os.PathLike[str]) -> Path:
    target = Path(path)
    tmp = target.with_name(f".{target.name}.part")
    try:
        wb.save(tmp)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return target


def write_budget_xlsx(budget: VisitBudget, path: str | os.PathLike[str], lang: str = "lv",
                      *, allowances: AllowancePlan | None = None) -> Path:
    """The visit's budget workbook: Summary, Lines, Rates and (if given) Allowances."""
    lang = language(lang)
    wb = Book()
    _summary(wb, budget, lang)
    _lines(wb, budget, lang)
    _rates(wb, budget, lang)
    if allowances is not None and any(t.allowance for t in allowances.travellers):
        _allowances(wb, allowances, lang)
    return _save(wb, path)


def write_project_xlsx(project: ProjectBudget, path: str | os.PathLike[str],
                       lang: str = "lv") -> Path:
    """A project's visits side by side against its grant, and all their lines."""
    lang = language(lang)
    t = lambda m: text(lang, m)  # noqa: E731
    wb = Book()
    s = _Sheet(wb, t("Summary"), (26, 40, 24, 15, 15, 15, 15, 15, 15, 15))
    p = project.project
    s.title(f"{t('Project budget')}: {p.code}")
    for label, value, fmt in ((t("Project"), p.title, None), (t("Funder"), p.funder, None),
                              (funding_programme(lang), p.programme, None),
                              (t("Grant rate"), _fraction(p.grant_rate), PERCENT),
                              (t("Grant awarded"), p.awarded, MONEY),
                              (t("Base currency"), project.base_currency, None)):
        if value not in (None, ""):
            s.row([label, value], [None, fmt])
    s.blank()
    s.header([t("Visit"), t("Description"), t("Dates"), t("Planned"), t("Actual"),
              t("Variance"), f"{t('Eligible costs')}: {t('Planned')}",
              f"{t('Eligible costs')}: {t('Actual')}", f"{t('Grant')}: {t('Planned')}",
              f"{t('Grant')}: {t('Actual')}"])
    money = [None, None, None] + [MONEY] * 7
    for v in project.visits:
        grant = v.grant
        o, e = v.totals.overall, v.totals.eligible
        s.row([v.code, v.title_in(lang), f"{day(v.start_date, lang)} – {day(v.end_date, lang)}",
               o.planned, o.actual, o.variance, e.planned, e.actual, grant.planned,
               grant.actual], money)
    o, e, g = project.overall, project.eligible, project.grant
    s.row([t("Total"), None, None, o.planned, o.actual, o.variance, e.planned, e.actual,
           g.planned, g.actual], money, bold=True)
    if p.grant_rate is not None:
        at_rate = project.grant_at_rate
        s.row([t("Grant at the grant rate"), None, None, None, None, None, at_rate.planned,
               at_rate.actual], money)
    if p.awarded is not None:
        s.blank()
        s.row([t("The grant against the award")], bold=True)
        s.row([t("Grant awarded"), None, None, p.awarded], money)
        s.row([f"{t('Grant')}: {t('Planned')}", None, None, project.grant.planned], money)
        s.row([f"{t('Grant')}: {t('Actual')}", None, None, project.grant.actual], money)
        s.row([t("Remaining"), None, None, project.remaining], money)
        s.row([t("Used"), None, None, _fraction(project.used)],
              [None, None, None, PERCENT])
    if project.cancelled or project.unconverted:
        s.blank()
        s.row([t("Not counted")], bold=True)
        for gone in project.cancelled:
            s.row([gone.code, gone.title_in(lang), t("cancelled")])
        for gone in project.unconverted:
            s.row([gone.code, gone.title_in(lang),
                   t("no rate for {currency}").format(currency=project.base_currency)])
    if project.warnings:
        s.blank()
        s.row([t("Warnings")], bold=True)
        for w in project.warnings:
            s.row([w])
    b = _Sheet(wb, t("By category"), (40, 15, 15, 15))
    b.header([t("Category"), t("Planned"), t("Actual"), t("Variance")])
    money3 = [None, MONEY, MONEY, MONEY]
    for code, a in project.by_category.items():
        b.row([category(lang, code), a.planned, a.actual, a.variance], money3)
    b.row([t("Total"), o.planned, o.actual, o.variance], money3, bold=True)
    for label, a in ((t("Eligible costs"), project.eligible),
                     (t("Ineligible costs"), project.ineligible)):
        b.row([label, a.planned, a.actual, a.variance], money3)
    b.blank()
    b.header([t("Funding source"), t("Planned"), t("Actual"), t("Variance")])
    for name, a in project.by_source.items():
        b.row([name, a.planned, a.actual, a.variance], money3)
    for label, a in ((t("Grant"), project.grant),
                     (t("Own funds and other sources"), project.own)):
        b.row([label, a.planned, a.actual, a.variance], money3)
    lines = _Sheet(wb, t("Lines"), (18, *_LINE_WIDTHS))
    lines.freeze = "E2"
    lines.header([t("Visit"), *_line_headers(lang, project.base_currency)])
    for v in project.visits:
        for values in _line_rows(v, lang):
            lines.row([v.code, *values], (None, *_LINE_FORMATS))
    return _save(wb, path)

