"""One rule for folding and ordering text, and one for naming a visit, wherever used.

Documents once put Č before C while the window put it after: the window, the documents
and the allowance statement now order with ``app.domain.text.sort_key``.
"""

from __future__ import annotations

import datetime as dt
import random

import pytest

from app.documents import words
from app.documents.data import load_visit, person_order
from app.domain import latvian
from app.domain.text import fold, sort_key
from app.i18n import set_language
from app.services import people, visits
from app.services.allowances import allowance_plan
from app.services.base import NotFound
from app.services.budget_report import visit_budget

LATVIAN_ORDER = [
    "Ābele",
    "Azars",
    "Bērziņš",
    "Cers",
    "Čakste",
    "Ēvele",
    "Gulbis",
    "Ģipsis",
    "Kalns",
    "Ķēniņš",
    "Lācis",
    "Ļaudis",
    "Nagla",
    "Ņikita",
    "Sveķis",
    "Šmits",
    "Zariņa",
    "Žagars",
]


def test_fold_takes_away_case_and_diacritics_only():
    assert fold("Pašu LĪDZEKĻI") == "pasu lidzekli"
    assert fold("Trondelāgā Ķekava") == "trondelaga kekava"
    assert fold("Bjørg Ærø Łódź") == "bjørg ærø łodz"  # letters without a combining mark stay
    assert fold("") == ""


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_latvian_letters_of_their_own_follow_their_base_letter(lang):
    set_language(lang)  # the order does not depend on the interface language
    shuffled = LATVIAN_ORDER[:]
    random.Random(4).shuffle(shuffled)
    assert sorted(shuffled, key=sort_key) == LATVIAN_ORDER
    assert sorted(["Čakste", "Cz", "Cers", "D"], key=sort_key) == ["Cers", "Cz", "Čakste", "D"]
    assert sorted(["Šmits", "Szabo", "Sūna"], key=sort_key) == ["Sūna", "Szabo", "Šmits"]


def test_long_vowels_and_case_only_break_ties():
    assert sort_key("Āre") < sort_key("Arf")
    assert sort_key("Are")[0] == sort_key("Āre")[0] and sort_key("Are") != sort_key("Āre")
    assert sort_key("čakste")[0] == sort_key("ČAKSTE")[0]
    assert sort_key(None) == sort_key("")
    # decomposed input (C + combining caron) sorts as the precomposed letter
    assert sort_key("C\u030cakste") == sort_key("Čakste")


def test_month_case_forms_have_one_home():
    assert not hasattr(words, "_LV_GENITIVE")
    start, end = dt.date(2014, 3, 30), dt.date(2014, 4, 2)
    assert latvian.date_lead(start, end) == "No 2014. gada 30. marta līdz 2. aprīlim"
    for month in range(1, 13):
        day = dt.date(2027, month, 5)
        assert words._day_month(day, "lv", "gen") == f"5. {latvian.GENITIVE_MONTHS[month - 1]}"
        assert words._day_month(day, "lv", "loc") == f"5. {latvian.LOCATIVE_MONTHS[month - 1]}"


def _visit_with(db, families):
    visit = visits.create_visit(
        db,
        code="LV-1",
        title="Pieredzes apmaiņa",
        timezone="Europe/Riga",
        start_date="2027-04-06",
        end_date="2027-04-09",
        country="NO",
        city="Bergen",
    )
    for family in families:
        person = people.create_person(db, given_name="Anna", family_name=family)
        people.add_participant(db, visit.id, person.id, role="delegate", status="confirmed")
    return visit


def test_documents_statement_and_lists_put_names_in_the_same_order(db):
    shuffled = LATVIAN_ORDER[:]
    random.Random(7).shuffle(shuffled)
    visit = _visit_with(db, shuffled)
    document = [p.family_name for p in sorted(load_visit(db, visit.code).people, key=person_order)]
    statement = [t.name.split(" ", 1)[1] for t in allowance_plan(db, visit.id).travellers]
    listed = [p.family_name for p in people.list_people(db)]
    assert document == statement == listed == LATVIAN_ORDER


def test_a_visit_is_found_by_code_first_then_by_id_everywhere(db):
    first = visits.create_visit(
        db,
        code="A-1",
        title="Pirmā",
        timezone="Europe/Riga",
        start_date="2027-04-06",
        end_date="2027-04-09",
    )
    # a code made of digits names that visit, not the visit whose id it is
    digits = visits.create_visit(
        db,
        code=str(first.id),
        title="Cipari",
        timezone="Europe/Riga",
        start_date="2027-05-06",
        end_date="2027-05-09",
    )
    finders = {
        "command line": lambda ref: visits.find_visit(db, ref).id,
        "documents": lambda ref: load_visit(db, ref).id,
        "budget": lambda ref: visit_budget(db, ref).visit_id,
    }
    for name, find in finders.items():
        assert find("A-1") == first.id, name
        assert find(f" {first.id} ") == digits.id, name
        assert find(str(digits.id)) == digits.id, name
    visits.delete_visit(db, digits.id)
    for name, find in finders.items():
        assert find(str(first.id)) == first.id, name  # the deleted code no longer shadows
        with pytest.raises(NotFound, match="No visit with the code or id “nav”"):
            find("nav")
    with pytest.raises(NotFound):
        visits.find_visit(db, str(digits.id))
