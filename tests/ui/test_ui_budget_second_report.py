"""The Budget and Daily allowances tabs after the second tester's report (issue 5): the ECB
import's status in sentences of its own with the language's decimal comma and dates."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from app import i18n


def test_the_ecb_status_is_two_sentences_with_latvian_numbers_and_dates() -> None:
    """"Iestatīti 2014-04-01 kursi: NOK 8.2400 2014-04-02 nav atsauces kursu…" ran two
    sentences together with a decimal point the table does not use."""
    from app.services.ecb_rates import RatesImported
    from ui.visit.budget_tab import rates_set_text

    result = RatesImported(dt.date(2014, 4, 1), [("NOK", Decimal("8.2400"), True),
                                                 ("PLN", Decimal("4.1790"), False)],
                           requested=dt.date(2014, 4, 2))
    i18n.set_language("lv")
    text = rates_set_text(result)
    assert "8,2400" in text and "4,1790" in text and "8.2400" not in text
    assert "2014-04-0" not in text
    assert "2014. gada 1. apr." in text and "2014. gada 2. apr." in text
    first, _second = text.split(". 2014. gada 2. apr.", 1)  # a full stop between sentences
    assert first.endswith("NOK 8,2400, PLN 4,1790")
    i18n.set_language("en")
    assert rates_set_text(RatesImported(dt.date(2014, 4, 1), [
        ("NOK", Decimal("8.2400"), True)], requested=dt.date(2014, 4, 1))) == \
        "Rates of Apr 1, 2014 set: NOK 8.2400."
