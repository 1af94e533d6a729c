"""Every text of the budget documents exists in bokmål, and amounts format like Babel."""

from __future__ import annotations

import re
from decimal import Decimal as D
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from app import i18n
from app.documents import budget_text
from tests.conftest import bokmal


def _msgids() -> set[str]:
    from babel.messages.extract import extract_from_file

    folder = Path(budget_text.__file__).parent
    found: set[str] = set()
    for name in ("budget_text", "budget_pdf", "budget_xlsx", "allowance_statement"):
        for _line, message, _c, _ctx in extract_from_file(
            "python", str(folder / f"{name}.py"), keywords={"N_": None}
        ):
            found.add(message)
    from app.domain.budget_totals import CATEGORY_LABELS

    return found | set(CATEGORY_LABELS.values())


def test_every_budget_document_text_has_bokmal_with_its_placeholders() -> None:
    msgids = _msgids()
    assert len(msgids) > 60
    nb = bokmal()
    assert sorted(m for m in msgids if m not in nb) == []
    for msgid in msgids:
        assert set(re.findall(r"{\w+}", msgid)) == set(re.findall(r"{\w+}", nb[msgid])), msgid
    assert budget_text.text("nb", "Daily allowances") == "Diett"


@given(
    cents=st.integers(-(10**13), 10**13),
    lang=st.sampled_from(["lv", "en", "nb"]),
    currency=st.sampled_from(["EUR", "NOK", "PLN", "SEK"]),
)
def test_the_fast_money_format_writes_what_babel_writes(cents, lang, currency) -> None:
    amount = D(cents).scaleb(-2)
    assert budget_text.money(amount, currency, lang) == i18n.format_money(amount, currency, lang)


def test_half_a_cent_rounds_up_not_to_even() -> None:
    assert budget_text.money(D("0.125"), "EUR", "en") == "€0.13"
    assert budget_text.money(D("2.675"), "EUR", "lv") == "2,68\xa0€"


def test_latvian_source_warnings_need_no_agreement_with_the_name() -> None:
    """ "EEZ…, Pašu līdzekļi paredzēts segt" made the verb agree with a name; the name now
    stands apart in «…» and the sentence is the same for any name."""
    from app.domain.budget_totals import LineIn, SourceIn, compute

    sources = [
        SourceIn("g", "EEZ grants", D("85"), is_grant=True),
        SourceIn("o", "Pašu līdzekļi", D("15")),
    ]
    lines = [
        LineIn(n, "other", None, key, True, D("1"), None, D(price), "EUR")
        for n, (key, price) in enumerate((("g", "95"), ("o", "5")), start=1)
    ]
    i18n.set_language("lv")
    try:
        texts = [
            w.text
            for w in compute(
                lines, base="EUR", rates={}, sources=sources, grant_rate=D("85")
            ).warnings
        ]
    finally:
        i18n.set_language("en")
    assert "Avots «Pašu līdzekļi»: paredzētā daļa 15 %, plānotās pozīcijas veido 5,0 %" in texts
    assert any(
        t.replace("\xa0", " ").startswith(
            "Granta avots «EEZ grants»: plānotās pozīcijas veido 95,00 €, par 10,00 € vairāk"
        )
        for t in texts
    ), texts
    assert not any("paredzēts segt" in t for t in texts)


def test_a_funding_programme_has_its_own_context() -> None:
    """ "Programme" is a visit's schedule in most documents but the funder's programme in the
    budget: translators see them as two messages, each with its note."""
    assert [budget_text.funding_programme(lang) for lang in ("lv", "en", "nb")] == [
        "Programma",
        "Programme",
        "Program",
    ]
