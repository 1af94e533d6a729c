"""A date a person writes into a file (a participant list, an allowance rate table) is read
by the same rule as a date typed into a form (``app.domain.typed_dates``): the Latvian way
with or without padding and with the closing dot (5.11.2027, 05.11.2027.) and ISO. A file
means the same in every window language, so the window's own format (11/05/2027 in
English) is not a file's; anything else is refused in one sentence naming the value."""

from __future__ import annotations

import datetime as dt

import pytest

from app.domain.typed_dates import typed_date
from app.domain.validation import Invalid
from app.i18n import set_language
from app.interchange import participants as imp
from app.services.allowances import allowance_rates_template, import_allowance_rates

NOV_5 = dt.date(2027, 11, 5)
LATVIAN_AND_ISO = ("5.11.2027", "05.11.2027", "05.11.2027.", "2027-11-05")
NOT_A_DATE = {
    "lv": "“{value}” nav datums: rakstiet to kā 15.03.2026 vai 2026-03-15",
    "en": "“{value}” is not a date: write it as 15.03.2026 or 2026-03-15",
}
NOT_REAL = {"lv": "tāda datuma nav: {value}", "en": "is not a real date: {value}"}


@pytest.fixture(params=["lv", "en"])
def lang(request):
    set_language(request.param)
    yield request.param
    set_language("en")


@pytest.mark.parametrize("written", LATVIAN_AND_ISO)
def test_a_files_date_is_read_the_latvian_or_iso_way_in_every_language(lang, written):
    assert typed_date(written, window_format=False) == NOV_5
    assert typed_date(f" {written} ", window_format=False) == NOV_5
    assert typed_date(written) == NOV_5  # a form's field reads the same forms


@pytest.mark.parametrize("written", ["11/05/2027", "05112027", "2027-11-5", "5.11.27", "nov"])
def test_anything_else_in_a_file_is_one_sentence_naming_it(lang, written):
    with pytest.raises(Invalid) as refused:
        typed_date(written, window_format=False)
    assert refused.value.message == NOT_A_DATE[lang].format(value=written)


def test_a_day_that_does_not_exist_is_named_as_the_file_writes_it(lang):
    with pytest.raises(Invalid) as refused:
        typed_date("31.02.2027.", window_format=False)
    assert refused.value.message == NOT_REAL[lang].format(value="31.02.2027.")


def test_a_real_day_outside_the_years_is_named_as_such_not_as_unreal():
    set_language("en")
    for window_format in (True, False):
        with pytest.raises(Invalid) as refused:
            typed_date("1.1.1800", window_format=window_format)
        assert refused.value.message == "must be a date between the years 1900 and 2999"


def _participant_list(db, arrivals: list[str]) -> imp.Plan:
    from app.services.visits import create_visit

    visit = create_visit(
        db,
        code="LPS-OSLO",
        title="LPS valde Oslo",
        country="NO",
        city="Oslo",
        timezone="Europe/Oslo",
        start_date=dt.date(2027, 11, 4),
        end_date=dt.date(2027, 11, 8),
    )
    rows = ["Vārds;Uzvārds;Ierašanās"] + [
        f"Anna{n};Bērziņa;{arrives}" for n, arrives in enumerate(arrivals)
    ]
    table = imp.read_csv_text("\r\n".join(rows) + "\r\n")
    return imp.plan(db, visit.id, table, imp.guess_mapping(table.headers))


def test_a_participant_lists_arrival_days_read_alike_and_garbage_named(db, lang):
    checked = _participant_list(db, [*LATVIAN_AND_ISO, "5. novembrī", "31.11.2027"])
    assert [line.part.get("arrives") for line in checked.lines[:4]] == [NOV_5] * 4
    at = {"lv": "{n}. rinda: Ierašanās: ", "en": "line {n}: Ierašanās: "}[lang]
    assert checked.problems == [
        at.format(n=6) + NOT_A_DATE[lang].format(value="5. novembrī"),
        at.format(n=7) + NOT_REAL[lang].format(value="31.11.2027"),
    ]


def test_a_spreadsheets_own_dates_are_taken_as_they_are():
    assert imp._date(dt.datetime(2027, 11, 5, 0, 0)) == NOV_5  # calamine's date cell
    assert imp._date(NOV_5) == NOV_5
    assert imp._date(None) is None


def test_an_allowance_rate_tables_dates_read_alike_and_garbage_refuses_all(db, lang):
    rows = [
        f"{country};70;;{day};MK 969"
        for country, day in zip(["NO", "SE", "FI", "DK"], LATVIAN_AND_ISO, strict=True)
    ]
    assert import_allowance_rates(db, allowance_rates_template() + "\r\n".join(rows)) == (4, 0)
    from sqlalchemy import select

    from db.models import AllowanceRate

    with db.read() as session:
        assert set(session.scalars(select(AllowanceRate.valid_from))) == {NOV_5}
    with pytest.raises(Invalid) as refused:
        import_allowance_rates(
            db, allowance_rates_template() + "EE;70;;1.1.2028;x\r\nLT;70;;nākamgad;x\r\n"
        )
    at = {"lv": "3. rinda: valid_from: ", "en": "line 3: valid_from: "}[lang]
    assert str(refused.value) == at + NOT_A_DATE[lang].format(value="nākamgad")
    with db.read() as session:  # all rows or none: Estonia was not added
        assert len(list(session.scalars(select(AllowanceRate.id)))) == 4


def test_an_exchange_rate_tables_dates_read_alike_and_garbage_named(lang):
    from app.services.rate_table import parse_rate_table

    head = "Valūta;Kurss par 1 EUR;Datums;Avots\r\n"
    rows = "".join(
        f"{c};11,5;{day};ECB\r\n"
        for c, day in zip(["NOK", "SEK", "DKK", "CHF"], LATVIAN_AND_ISO, strict=True)
    )
    _base, read = parse_rate_table(head + rows + "PLN;4,3;;\r\n")
    assert [day for _c, _r, day, _s in read] == [NOV_5] * 4 + [None]
    at = {"lv": "3. rinda: ", "en": "line 3: "}[lang]
    for written, message in (("nākamgad", NOT_A_DATE), ("31.11.2027", NOT_REAL)):
        with pytest.raises(Invalid) as refused:
            parse_rate_table(head + f"NOK;11,5;;\r\nSEK;11,2;{written};\r\n")
        assert str(refused.value) == at + message[lang].format(value=written)


@pytest.mark.parametrize("written", LATVIAN_AND_ISO)
def test_a_projects_period_typed_at_the_command_line_reads_alike(lang, written):
    from app.services.projects import typed

    assert typed("period_start", written) == NOV_5
    with pytest.raises(Invalid) as refused:
        typed("period_end", "31.11.2027")
    assert (refused.value.path, refused.value.message) == (
        "period_end",
        NOT_REAL[lang].format(value="31.11.2027"),
    )
