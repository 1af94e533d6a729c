"""One traveller's daily-allowance statement, for the business-trip order (PDF).

Day by day from departure to return: the rate paid that day (full, or the reduced share on a
day with free accommodation and three meals) and the amount; the country's rate with its
legal source and date; the total due; lines for the traveller's and the approver's
signatures. The amounts are those of ``app.domain.allowances`` — the same the budget lines
and the budget PDF show. The visit's title is the one in the statement's language, as in the
budget and summary PDFs. "Prepared by" names the visit's coordinator (or is left to fill
in by hand), not the traveller, who is named as the traveller.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm

from app.documents import common as c
from app.documents.budget_pdf import _head, signatures
from app.documents.budget_text import day, language, money, number, text
from app.documents.words import date_range
from app.domain.allowances import trip_days
from app.services.allowances import AllowancePlan, TravellerAllowance


def write_allowance_statement(
    plan: AllowancePlan,
    traveller: TravellerAllowance,
    path: str | os.PathLike[str],
    lang: str = "lv",
) -> Path:
    """The statement of ``traveller`` (who must have an allowance) in ``lang``."""
    lang = language(lang)
    a, rate = traveller.allowance, traveller.rate
    if a is None or rate is None:
        raise ValueError(f"{traveller.name} has no allowance to state")
    t = lambda m: text(lang, m)  # noqa: E731
    eur = lambda v: money(v, "EUR", lang)  # noqa: E731
    from app.documents.words import country_name

    story: list[Any] = [
        c.para(t("Daily allowance statement"), "subtitle"),
        c.para(traveller.name, "h1"),
    ]
    facts = [
        (t("Traveller"), traveller.name),
        (t("Visit"), f"{plan.code} — {plan.title_in(lang)}"),
        (t("Country"), country_name(plan.country, lang)),
        (t("Dates"), date_range(a.departure, a.return_day, lang)),
        (t("Daily rate"), ", ".join(eur(p.daily) for p in a.periods)),
        (
            t("Accommodation cap"),
            eur(rate.accommodation_cap) if rate.accommodation_cap is not None else "",
        ),
        (t("Valid from"), day(rate.valid_from, lang)),
        (t("Legal source"), "; ".join(traveller.sources)),
    ]
    rows = [[c.para(label, "cell_bold"), c.para(value, "cell")] for label, value in facts if value]
    story.append(c.table(rows, [42 * mm, c.FRAME_WIDTH - 42 * mm], header_rows=0))
    story.append(c.para(t("Days"), "h2"))
    reduced = set(a.reduced_days)
    data: list[list[Any]] = [_head([t("Date"), t("Allowance applied"), t("Amount")], 2)]
    for d in trip_days(a.departure, a.return_day):
        cut = d in reduced
        data.append(
            [
                day(d, lang),
                f"{t('Reduced rate')} ({number(a.share, lang)} %)" if cut else t("Daily rate"),
                eur(a.reduced_on(d) if cut else a.daily_on(d)),
            ]
        )
    data.append([c.para(t("Amount due"), "cell_bold"), "", eur(a.amount)])
    story.append(
        c.table(
            data,
            [40 * mm, 80 * mm, c.FRAME_WIDTH - 120 * mm],
            extra=[
                ("ALIGN", (2, 0), (2, -1), "RIGHT"),
                ("FONTNAME", (0, -1), (-1, -1), c.FONT_BOLD),
                ("LINEABOVE", (0, -1), (-1, -1), 0.8, c.INK),
            ],
        )
    )
    story.append(
        c.para(
            " + ".join(
                f"{p.full_days} × {eur(p.daily)} + {len(p.reduced_days)} × {eur(p.reduced)}"
                for p in a.periods
            )
            + f" = {eur(a.amount)}",
            "note",
        )
    )  # a period per rate in force
    story.append(
        c.para(
            t(
                "Days with free accommodation and three meals are paid at "
                "{share} percent of the daily rate."
            ).format(share=number(a.share, lang)),
            "note",
        )
    )
    story.append(signatures(lang, prepared_by=plan.coordinator))
    title = f"{t('Daily allowance statement')}: {traveller.name}"

    def write(target: str) -> None:
        doc = c.document(target, title=title, lang=lang, footer=f"{title} — {plan.code}")
        c.build(doc, story)

    return c.write_atomically(path, write)
