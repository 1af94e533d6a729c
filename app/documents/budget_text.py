"""The words of the budget documents (PDF, spreadsheet, allowance statement) per language.

Documents are printed in their own language. Latvian, English and Norwegian bokmål come
from the gettext catalogues (``text(lang, msgid)``, the msgids marked with ``N_``; a test
checks that bokmål has every budget-document msgid). Amounts are formatted by Babel in the
document's language, rounded half up first (Babel alone rounds half to even).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from functools import lru_cache

from app import i18n
from app.domain.budget_totals import CATEGORY_LABELS, LineIn
from app.domain.money import round_cents
from app.domain.rates import ECB, FIXED, INFOREURO, RateUsed

LANGUAGES = ("lv", "en", "nb")
N_ = i18n.N_

# Messages of the budget documents, marked for extraction (shown through ``text``).
_MARKED = (
    N_("Budget"),
    N_("Budget of the visit"),
    N_("Project budget"),
    N_("Project"),
    N_("Programme"),
    N_("Funder"),
    N_("Grant rate"),
    N_("Base currency"),
    N_("Dates"),
    N_("Destination"),
    N_("Summary"),
    N_("By category"),
    N_("By funding source"),
    N_("Category"),
    N_("Funding source"),
    N_("Share"),
    N_("Planned"),
    N_("Actual"),
    N_("Variance"),
    N_("Total"),
    N_("Eligible costs"),
    N_("Ineligible costs"),
    N_("No funding source"),
    N_("Budget lines"),
    N_("No."),
    N_("Description"),
    N_("Quantity"),
    N_("Unit"),
    N_("Unit price"),
    N_("Currency"),
    N_("Amount"),
    N_("Rate"),
    N_("Document"),
    N_("Paid"),
    N_("Eligible"),
    N_("yes"),
    N_("no"),
    N_("Exchange rates"),
    N_("Units per {base}"),
    N_("Date"),
    N_("Source"),
    N_("Warnings"),
    N_("Planned and actual by category"),
    N_("Daily allowances per person"),
    N_("Person"),
    N_("Departure"),
    N_("Return"),
    N_("Days"),
    N_("Reduced days"),
    N_("Daily rate"),
    N_("Reduced rate"),
    N_("Prepared by"),
    N_("Approved by"),
    N_("signature, name, date"),
    N_("Visit"),
    N_("Visits"),
    N_("Grant"),
    N_("Grant at the grant rate"),
    N_("Lines"),
    N_("Rates"),
    N_("Allowances"),
    N_("Daily allowance statement"),
    N_("Country"),
    N_("Legal source"),
    N_("Valid from"),
    N_("Role"),
    N_("Accommodation cap"),
    N_(
        "Days with free accommodation and three meals are paid at {share} percent of the "
        "daily rate."
    ),
    N_("Traveller"),
    N_("Amount due"),
    N_("Allowance applied"),
    N_(
        "Amounts in {currency}; each line converted with the visit's rate and rounded to "
        "cents once; totals are sums of rounded lines."
    ),
    N_("Variance = actual − planned."),
    N_("… and {count} more (all of them are in the spreadsheet)"),
    N_(
        "Grant: what the lines funded by the grant sources cost. Grant at the grant rate: the "
        "grant rate times the eligible costs, the most the grant can cover."
    ),
    N_("Grant awarded"),
    N_("Project period"),
    N_("The grant against the award"),
    N_("Remaining"),
    N_("Used"),
    N_("Own funds and other sources"),
    N_("Not counted"),
    N_("cancelled"),
    N_("no rate for {currency}"),
    N_("Exchange difference"),
    N_(
        "Exchange difference (payments at the rate of their own day against the plan's "
        "rate): {amount}"
    ),
    N_("Plan rate"),
    N_("Rate used"),
    N_("Rate date"),
    N_("Rate source"),
    N_("fixed rate"),
    N_("plan rate"),
    N_("Cost per delegate and per sending organisation"),
    N_("People taking part: {count}; cost per delegate: planned {planned}, actual {actual}."),
    N_("Organisation"),
    N_("People"),
    N_("Per delegate"),
    N_("(no organisation)"),
    N_("Share and per delegate: of the actual costs."),
    N_("Share and per delegate: of the planned costs."),
    N_(
        "A line bound to a person taking part (a daily allowance) is their organisation's own "
        "cost; every other line is common and shared by head, to the cent. People taking "
        "part: every participant except those who declined or cancelled."
    ),
    N_("Statement per sending organisation"),
    N_("Own lines (bound to its people)"),
    N_("Share of the common costs ({count} of {people} people)"),
    N_("Share of the visit"),
    N_("Delegates"),
    N_("By sending organisation"),
    N_("Own lines"),
    N_("Common costs"),
    N_(
        "Rates of the payments: the rate each actual converted at under the project's rule, "
        "the day it was published and its source; * marks a rate other than the rule asks "
        "for (see the warnings)."
    ),
)

# The units of a budget line's quantity, each with a note for the translator.
UNITS = {
    # TR: a budget line's unit, short and in lower case ("3 × person")
    "person": N_("person"),
    # TR: a budget line's unit, short and in lower case ("3 × night")
    "night": N_("night"),
    # TR: a budget line's unit, short and in lower case ("3 × day")
    "day": N_("day"),
    # TR: a budget line's unit, short and in lower case ("3 × trip")
    "trip": N_("trip"),
    # TR: a budget line's unit, short and in lower case ("3 × item")
    "item": N_("item"),
    # TR: a budget line's unit, short and in lower case ("3 × lump sum")
    "lump_sum": N_("lump sum"),
}


def language(lang: str | None) -> str:
    return lang if lang in LANGUAGES else "lv"


def text(lang: str, message: str) -> str:
    """An English msgid in the document's language."""
    return i18n.tr(lang, message)


def funding_programme(lang: str) -> str:
    """ "Programme" as a project's funding programme, not a visit's day-by-day programme."""
    # TR: the funder's programme a project belongs to (EEA Grants, Erasmus+) in the budget
    # documents; not a visit's day-by-day programme
    return i18n.trc(lang, "funding programme", "Programme")


def category(lang: str, code: str) -> str:
    return text(lang, CATEGORY_LABELS[code]) if code in CATEGORY_LABELS else code


def rate_source(lang: str, used: RateUsed | None) -> str:
    """Where a payment's rate came from: ``ECB``, ``InforEuro``, a fixed rate or the plan's
    rate; ``*`` when it is not the rate the project's rule asks for (no date, no rate held
    for the day: the warnings say which)."""
    if used is None:
        return ""
    name = {ECB: "ECB", INFOREURO: "InforEuro"}.get(used.kind) or text(
        lang, "fixed rate" if used.kind == FIXED else "plan rate"
    )
    return f"{name} *" if used.fallback else name


def unit(lang: str, code: str | None) -> str:
    return text(lang, UNITS[code]) if code in UNITS else (code or "")


def money(amount: Decimal | None, currency: str, lang: str) -> str:
    """``1 234,50 €`` (lv), ``€1,234.50`` (en), ``1 234,50 €`` (nb); empty for None."""
    if amount is None:
        return ""
    return money_format(currency, lang)(amount)


_FORMATS: dict[tuple[str, str], Callable[[Decimal], str]] = {}
_PROBE = Decimal("1234567.89")


def money_format(currency: str, lang: str) -> Callable[[Decimal], str]:
    """A formatter that writes what Babel's ``format_currency`` writes, twenty times faster.

    A budget PDF prints tens of thousands of amounts; Babel parses its pattern on every
    call. Babel formats a probe amount once; its digits are replaced by a template that
    takes the amount's own digits (rounded half up to cents first). If the probe does not
    show the expected digits (an unusual locale), every call goes to Babel.
    """
    key = (currency, lang)
    if key in _FORMATS:
        return _FORMATS[key]
    from babel import Locale
    from babel.numbers import format_currency

    symbols = Locale.parse(lang).number_symbols.get("latn", {})
    group, decimal = symbols.get("group", ","), symbols.get("decimal", ".")

    def digits(value: Decimal) -> str:
        text = f"{abs(value):,.2f}"
        return text.replace(",", "\0").replace(".", decimal).replace("\0", group)

    shown = digits(_PROBE)
    plus = format_currency(_PROBE, currency, locale=lang)
    minus = format_currency(-_PROBE, currency, locale=lang)

    def babel(value: Decimal) -> str:
        return i18n.format_money(value, currency, lang)

    if shown in plus and shown in minus:
        before, after = plus.split(shown, 1)
        neg_before, neg_after = minus.split(shown, 1)

        def fast(value: Decimal) -> str:
            value = round_cents(value)
            if value < 0:
                return f"{neg_before}{digits(value)}{neg_after}"
            return f"{before}{digits(value)}{after}"

        _FORMATS[key] = fast
    else:
        _FORMATS[key] = babel
    return _FORMATS[key]


def funding_text(
    line: LineIn, name_of: Callable[[str | None], str], lang: str, separator: str = " · "
) -> str:
    """Whom a line is funded by: its source's name, or for a line shared by percent each
    source with its percent ("EEZ granti 85 % · Pašu līdzekļi 15 %"). A shared line has no
    single source, so the window, the PDF and the spreadsheet showed it blank."""
    if line.shares:
        return separator.join(f"{name_of(key)} {number(pct, lang)} %" for key, pct in line.shares)
    return name_of(line.funding)


def number(value: Decimal | None, lang: str) -> str:
    """A quantity or rate as written (no digits added or lost), with the language's marks."""
    if value is None:
        return ""
    # The cache is keyed by the text: Decimal("18") == Decimal("18.00") (same hash), so a
    # value key printed a reduced rate of 18.00 as "18" after a quantity of 18 nights.
    return _number(str(value), lang)


@lru_cache(maxsize=4096)
def _number(text: str, lang: str) -> str:
    from babel.numbers import format_decimal

    value = Decimal(text)
    exponent = value.as_tuple().exponent
    places = max(0, -exponent) if isinstance(exponent, int) else 0
    pattern = "#,##0" + ("." + "0" * places if places else "")
    return format_decimal(value, format=pattern, locale=lang, decimal_quantization=False)


def day(value: dt.date | None, lang: str) -> str:
    if value is None:
        return ""
    from babel.dates import format_date

    pattern = {"en": "d MMM y"}.get(lang, "dd.MM.yyyy")  # "4/5/14" would be ambiguous
    return format_date(value, pattern, locale=lang)
