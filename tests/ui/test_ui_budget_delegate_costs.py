"""The Budget tab shows the cost per delegate and per sending organisation with the figures
the budget PDF prints: the demo Bergen visit after each traveller's daily allowance was made
a line of their own (paid 1 720 € as one group order; 10 people taking part, six member organisations and an interpreter
with none; Ķekava's delegate declined and is not counted). Latvian, then English.
"""

from __future__ import annotations

import pytest

from app import i18n
from app.documents.budget_pdf import write_budget_pdf
from app.services.allowances import allowance_plan, import_allowance_rates, write_allowance_lines
from app.services.budget_report import visit_budget
from app.services.people import add_participant, create_person
from tests.budget.conftest import pdf_text
from tests.ui.conftest import open_budget

BERGEN = "DEMO-BERGEN-2014"
RATES = "country,daily,accommodation_cap,valid_from,source\nNO,70,160,2011-11-01,test table\n"


@pytest.fixture
def bergen_people(demo_db):
    import_allowance_rates(demo_db, RATES)
    write_allowance_lines(demo_db, allowance_plan(demo_db, BERGEN))
    return demo_db


def _pdf_row(row: list[str]) -> str:
    """A table row as the PDF's text reads it (empty cells leave no word)."""
    return " ".join(cell for cell in row if cell).replace("\xa0", " ")


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_the_tab_shows_the_pdfs_table_per_organisation(
    qtbot, bergen_people, tmp_path, qtmodeltester, lang
) -> None:
    i18n.set_language(lang)
    budget = visit_budget(bergen_people, BERGEN)
    _window, tab = open_budget(qtbot, bergen_people, budget.visit_id)
    rows = tab.delegates.texts()
    assert len(rows) == 8  # seven organisations (one: nobody's) and the total
    text = pdf_text(write_budget_pdf(budget, tmp_path / f"{lang}.pdf", lang))
    for row in rows:  # every row, the total too, exactly as printed
        assert _pdf_row(row) in text
    assert tab.delegates.summary.text().replace("\xa0", " ") in text
    qtmodeltester.check(tab.delegates.model)
    lps = next(row for row in rows if row[0] == "Latvijas Pašvaldību savienība")
    if lang == "lv":
        assert lps == [
            "Latvijas Pašvaldību savienība",
            "4",
            "5\xa0177,61\xa0€",
            "4\xa0699,51\xa0€",
            "40,00 %",
            "1\xa0174,88\xa0€",
        ]
        assert rows[-1][0] == "Kopā" and rows[-1][1:4] == [
            "10",
            "12\xa0944,03\xa0€",
            "11\xa0748,77\xa0€",
        ]
        assert tab.delegates.summary.text() == (
            "Dalībnieku skaits: 10; izmaksas uz vienu delegātu: plānotās 1\xa0294,40\xa0€, "
            "faktiskās 1\xa0174,88\xa0€."
        )
        tip = tab.delegates.model.columns[0].tooltip(tab.delegates.model.row_at(1))
        assert "Gints Kalniņš, Līga Eglīte, Ligita Pudža, Māris Ozoliņš" in tip
        assert "1\xa0120,00\xa0€ / 688,00\xa0€" in tip  # their own allowance lines
    else:
        assert lps[2:] == ["€5,177.61", "€4,699.51", "40.00 %", "€1,174.88"]
        assert tab.delegates.note.text() == "Share and per delegate: of the actual costs."


def test_another_participant_is_counted_on_reload(qtbot, bergen_people) -> None:
    """A participant added while the tab is open (no organisation in the directory yet):
    on reload 11 people are counted and the common costs are shared by 11 heads."""
    budget = visit_budget(bergen_people, BERGEN)
    _window, tab = open_budget(qtbot, bergen_people, budget.visit_id)
    assert tab.delegates.texts()[-1][1] == "10"
    person = create_person(bergen_people, given_name="Rūta", family_name="Vītola")
    add_participant(bergen_people, budget.visit_id, person.id, status="confirmed")
    tab.reload()
    rows = tab.delegates.texts()
    assert rows[-1][1] == "11"
    assert rows[-1][-1] == "€1,068.07"  # 11 748,77 € over 11 people, half up
    assert "(no organisation)" in [row[0] for row in rows]


def test_a_visit_nobody_takes_part_in_says_so(qtbot, db, visit) -> None:
    from app.services.people import list_participations, update_participation

    for part in list_participations(db, visit.id):
        update_participation(db, part.id, part.version, status="declined")
    _window, tab = open_budget(qtbot, db, visit.id)
    assert tab.delegates.texts() == []
    assert tab.delegates.summary.text().startswith("Nobody takes part yet")
    assert tab.delegates.table.isHidden()
