"""A message about a date writes it as the window's fields do, in the user's language
(02.04.2014 in Latvian, 04/02/2014 in English), and a format it asks for is named in the
user's letters (gggg-mm-dd in Latvian): never the ISO form the database keeps."""

from __future__ import annotations

import datetime as dt

import pytest

from app.domain import validation as v
from app.i18n import date_pattern, date_text, pattern_name, set_language

APRIL_2 = dt.date(2014, 4, 2)


@pytest.mark.parametrize(
    ("lang", "pattern", "text"),
    [
        ("lv", "dd.MM.yyyy", "02.04.2014"),
        ("en", "MM/dd/yyyy", "04/02/2014"),
    ],
)
def test_one_date_rule_for_the_window_and_the_messages(lang, pattern, text):
    assert date_pattern(lang) == pattern
    assert date_text(APRIL_2, lang) == text
    assert date_text(dt.date(2027, 12, 31), lang) == text.replace("02", "31").replace(
        "04", "12"
    ).replace("2014", "2027")
    assert date_text(None, lang) == ""


@pytest.mark.parametrize(
    ("lang", "iso", "dotted", "time"),
    [
        ("lv", "gggg-mm-dd", "dd.mm.gggg", "hh:mm"),
        ("en", "yyyy-mm-dd", "dd.mm.yyyy", "hh:mm"),
    ],
)
def test_a_format_is_named_in_the_users_letters(lang, iso, dotted, time):
    assert pattern_name("yyyy-MM-dd", lang) == iso
    assert pattern_name("dd.MM.yyyy", lang) == dotted
    assert pattern_name("HH:mm", lang) == time


@pytest.mark.parametrize(
    ("lang", "date_message", "time_message", "gap"),
    [
        (
            "lv",
            "jābūt datumam formātā gggg-mm-dd",
            "jābūt vietējam laikam formātā gggg-mm-ddThh:mm",
            "31.03.2024 02:30",
        ),
        (
            "en",
            "must be a date written yyyy-mm-dd",
            "must be a local time written yyyy-mm-ddThh:mm",
            "03/31/2024 02:30",
        ),
    ],
)
def test_a_refused_date_or_time_is_named_in_the_users_language(
    lang, date_message, time_message, gap
):
    set_language(lang)
    with pytest.raises(v.Invalid) as refused:
        v.date("Feb 2026")
    assert refused.value.message == date_message
    with pytest.raises(v.Invalid) as refused:
        v.local_time("2024-04-02T13:00:00", "Europe/Oslo")
    assert refused.value.message == time_message
    with pytest.raises(v.Invalid) as refused:
        v.local_time("2024-03-31T02:30", "Europe/Oslo")  # the spring gap
    assert refused.value.message.startswith(gap + " ")
    assert "2024-03-31" not in refused.value.message


@pytest.mark.parametrize(
    ("lang", "problem"),
    [
        ("lv", "05.05.2014 ir ārpus vizītes laika (02.04.2014 – 05.04.2014)"),
        ("en", "05/05/2014 is outside the visit (04/02/2014 – 04/05/2014)"),
    ],
)
def test_the_participant_import_names_the_visit_days_as_the_window(db, tmp_path, lang, problem):
    from openpyxl import Workbook

    from app.interchange import participants as imp
    from app.services.visits import create_visit

    visit = create_visit(
        db,
        code="LPS-OSLO",
        title="Oslo",
        country="NO",
        city="Oslo",
        timezone="Europe/Oslo",
        start_date=APRIL_2,
        end_date=dt.date(2014, 4, 5),
    )
    book = Workbook()
    book.active.append(["Given name", "Family name", "Arrival"])
    book.active.append(["Līga", "Ozola", dt.datetime(2014, 5, 5)])
    book.save(tmp_path / "list.xlsx")
    set_language(lang)
    table = imp.read_table(tmp_path / "list.xlsx")
    checked = imp.plan(db, visit.id, table, imp.guess_mapping(table.headers))
    assert len(checked.problems) == 1
    assert checked.problems[0].endswith(problem)


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("lv", "06.04.2026"),
        ("en", "04/06/2026"),
    ],
)
def test_an_end_before_the_start_names_the_start_as_the_window(db, lang, message):
    from app.services.visits import create_visit

    set_language(lang)
    with pytest.raises(v.Invalid) as refused:
        create_visit(
            db,
            code="X",
            title="X",
            country="NO",
            city="Bergen",
            timezone="Europe/Oslo",
            start_date=dt.date(2026, 4, 6),
            end_date=dt.date(2026, 4, 5),
        )
    assert refused.value.path == "end_date"
    assert refused.value.message.endswith(f"({message})")


@pytest.mark.parametrize(("lang", "window"), [("lv", "02.04.2014"), ("en", "04/02/2014")])
@pytest.mark.parametrize("typed", ["2.4.2014", "02.04.2014", "2014-04-02", " 2014-04-02 "])
def test_a_typed_date_is_read_the_window_latvian_or_iso_way(lang, window, typed):
    from app.domain.typed_dates import typed_date

    set_language(lang)
    assert typed_date(typed) == APRIL_2
    assert typed_date(window) == APRIL_2
    assert typed_date(APRIL_2) == APRIL_2
    assert typed_date("") is None and typed_date(None) is None


@pytest.mark.parametrize(
    ("lang", "wrong_form", "not_real"),
    [
        ("lv", "jābūt datumam formātā dd.mm.gggg", "tāda datuma nav: 31.02.2026"),
        ("en", "must be a date written mm/dd/yyyy", "is not a real date: 02/31/2026"),
    ],
)
def test_a_budget_lines_document_date_is_refused_in_the_windows_terms(
    db, lang, wrong_form, not_real
):
    """The Budget tab's document date: the format asked for is the one its field shows,
    and an impossible day is written back that way, whichever way it was typed."""
    from app.services.budget import create_budget_line
    from app.services.visits import create_visit

    visit = create_visit(
        db,
        code="LPS-OSLO",
        title="Oslo",
        country="NO",
        city="Oslo",
        timezone="Europe/Oslo",
        start_date=APRIL_2,
        end_date=dt.date(2014, 4, 5),
    )
    set_language(lang)
    line = dict(
        category="catering", description="Vakariņas", quantity="1", unit_price="45", currency="EUR"
    )
    for typed, message in (
        ("Feb 2026", wrong_form),
        ("2026-4-2", wrong_form),
        ("31.02.2026", not_real),
        ("2026-02-31", not_real),
    ):
        with pytest.raises(v.Invalid) as refused:
            create_budget_line(db, visit.id, **line, actual_date=typed)
        assert (refused.value.path, refused.value.message) == ("actual_date", message)
    made = create_budget_line(db, visit.id, **line, actual_date="03.04.2014")
    assert made.actual_date == dt.date(2014, 4, 3)


@pytest.mark.parametrize(
    ("lang", "start", "departs"),
    [
        ("lv", "28.03.2027 12:00", "28.03.2027 17:10"),
        ("en", "03/28/2027 12:00", "03/28/2027 17:10"),
    ],
)
def test_a_meeting_or_a_flight_ending_before_it_starts_names_the_times_as_the_window(
    db, lang, start, departs
):
    """A lunch typed to end at 11:00 said "must be after the start (2027-03-28 12:00)", and a
    flight landing before take-off named both in ISO: the database's form, not the user's."""
    from app.services.logistics import create_travel_leg
    from app.services.programme import create_programme_item
    from app.services.visits import create_visit

    visit = create_visit(
        db,
        code="KPR-BGO",
        title="Bergena",
        country="NO",
        city="Bergen",
        timezone="Europe/Oslo",
        start_date=dt.date(2027, 3, 25),
        end_date=dt.date(2027, 3, 28),
    )
    set_language(lang)
    with pytest.raises(v.Invalid) as refused:
        create_programme_item(
            db,
            visit.id,
            title="Noslēguma pusdienas",
            starts=dt.datetime(2027, 3, 28, 12, 0),
            ends=dt.datetime(2027, 3, 28, 11, 0),
        )
    assert refused.value.path == "ends"
    assert refused.value.message.endswith(f"({start})")
    with pytest.raises(v.Invalid) as refused:
        create_travel_leg(
            db,
            visit.id,
            mode="flight",
            from_place="Bergen (BGO)",
            from_timezone="Europe/Oslo",
            departs=dt.datetime(2027, 3, 28, 17, 10),
            to_place="Rīga (RIX)",
            to_timezone="Europe/Riga",
            arrives=dt.datetime(2027, 3, 28, 17, 50),  # 16:50 in Oslo: before take-off
        )
    assert departs in refused.value.message and "2027-03-28" not in refused.value.message
