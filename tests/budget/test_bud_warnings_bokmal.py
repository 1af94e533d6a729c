"""A Norwegian finance officer reads the budget's warnings in bokmål, and its headers whole.

The budget of a visit to Bergen, paid after the trip in NOK and PLN, exported with
``--lang nb``: the PDF's and the spreadsheet's "Advarsler" said "1 actual has no date:
converted at the plan's rate" in English, because none of the budget's warnings had a
bokmål text (the check of the document words did not look at the warnings' module).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from babel.messages.extract import extract_from_file
from openpyxl import load_workbook

from app.services.budget import create_budget_line, create_exchange_rate
from app.services.people import add_participant, create_person
from app.services.visits import create_visit
from tests.budget.conftest import pdf_text

ROOT = Path(__file__).resolve().parents[2]
WARNING_MODULES = ("app/domain/budget_totals.py", "app/services/budget_report.py")


def warning_msgids() -> set[str]:
    found: set[str] = set()
    for module in WARNING_MODULES:
        for _line, message, _c, _ctx in extract_from_file(
            "python", str(ROOT / module), keywords={"_": None, "N_": None, "ngettext": (1, 2)}
        ):
            found.update([message] if isinstance(message, str) else message[:1])
    return {m for m in found if "{" in m}  # the warnings (the labels are checked elsewhere)


def bokmal_forms() -> dict[str, tuple[str, ...]]:
    """Every translated bokmål entry, plural ones with all their forms."""
    from babel.messages.pofile import read_po

    with (ROOT / "resources/translations/nb/LC_MESSAGES/studyvisit.po").open("rb") as fh:
        catalogue = read_po(fh, locale="nb")
    out: dict[str, tuple[str, ...]] = {}
    for m in catalogue:
        forms = m.string if isinstance(m.string, tuple) else (m.string,)
        if m.id and not m.fuzzy and all(forms):
            out[m.id if isinstance(m.id, str) else m.id[0]] = forms
    return out


def test_every_budget_warning_has_bokmal_with_its_placeholders() -> None:
    msgids = warning_msgids()
    assert len(msgids) >= 15
    nb = bokmal_forms()
    assert sorted(m for m in msgids if m not in nb) == []
    for msgid in msgids:
        for form in nb[msgid]:
            assert set(re.findall(r"{\w+}", msgid)) == set(re.findall(r"{\w+}", form)), msgid


def test_the_bokmal_budget_warns_in_bokmal(cli, db, db_path, tmp_path) -> None:
    visit = create_visit(
        db,
        code="KPR-BGO-2027",
        title="Kurzemes plānošanas reģiona vizīte Bergenā",
        country="NO",
        city="Bergen",
        timezone="Europe/Oslo",
        start_date=dt.date(2027, 3, 25),
        end_date=dt.date(2027, 3, 28),
    )
    for given, family in (("Ilze", "Ozoliņa"), ("Ģirts", "Šķēle")):
        person = create_person(db, given_name=given, family_name=family)
        add_participant(db, visit.id, person.id, status="confirmed")
    create_exchange_rate(db, visit.id, currency="NOK", per_base="11.4850", source="ECB")
    create_exchange_rate(db, visit.id, currency="PLN", per_base="4.2650", source="ECB")
    for description, price, currency, actual, paid_on in (
        ("Thon Hotel Bristol, 8 naktis", "11600", "NOK", "11890", "2027-04-05"),
        ("Tulkošana (Kraków)", "4200", "PLN", "4150", "2027-04-12"),
        ("Pusdienas Bryggeloftet", "3080", "NOK", "3310.50", None),  # no date yet
    ):
        create_budget_line(
            db,
            visit.id,
            category="other",
            description=description,
            quantity="1",
            unit_price=price,
            currency=currency,
            actual_amount=actual,
            actual_date=paid_on,
        )
    db.dispose()
    pdf, xlsx = tmp_path / "budsjett.pdf", tmp_path / "budsjett.xlsx"
    for out in (pdf, xlsx):
        run = cli("--db", db_path, "export", "budget", "KPR-BGO-2027", "--out", out, "--lang", "nb")
        assert run.code == 0, run.err

    text = pdf_text(pdf)
    # the narrow column's header is one word, not "Person" over "er"
    assert "Personer" in text.split()
    assert "Advarsler" in text
    assert (
        "1 faktisk beløp har ingen dato: omregnet med plankursen («Pusdienas Bryggeloftet»)" in text
    )
    assert "Ingen datert kurs for 2 faktiske beløp" in text
    assert "actual" not in text and "converted" not in text
    sheet = load_workbook(xlsx).worksheets[0]
    cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value]
    assert any(c.startswith("1 faktisk beløp har ingen dato") for c in cells)
    assert not any("converted at the plan's rate" in c for c in cells)
