"""A visit we host (the Trondheim delegation in Rīga): its guests get no Latvian daily
allowances, and the Daily allowances tab says so in one sentence above an empty table,
instead of listing thirteen guests with a dash each, "Kārlis Ābele has no allowance yet."
and the reason only at the bottom among the warnings. Latvian, then English; the same
visit made one we send shows its travellers again."""

from __future__ import annotations

import pytest

from app import i18n
from app.services.visits import get_visit, update_visit
from tests.budget.norway_visit import norway_visit
from tests.ui.conftest import open_tab

SENTENCE = {
    "lv": "Šo vizīti uzņemam mēs: tās viesiem Latvijas dienas naudu nemaksā.",
    "en": "This is a visit we host: its guests get no Latvian daily allowances.",
}
NO_WARNINGS = {"lv": "Brīdinājumu nav.", "en": "No warnings."}


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_a_hosted_visit_says_why_it_has_no_allowances(qtbot, db, lang) -> None:
    trip = norway_visit(
        db,
        code="NO-RIX-2027",
        title="Trondheimas delegācija Rīgā",
        direction="incoming",
        country="LV",
        city="Rīga",
        timezone="Europe/Riga",
    )
    i18n.set_language(lang)
    _window, tab = open_tab(qtbot, db, trip.visit_id, "allowances")
    assert tab.missing.text() == SENTENCE[lang] and not tab.missing.isHidden()
    assert tab.model.rowCount() == 0
    assert tab.warning_texts() == [NO_WARNINGS[lang]]  # not said twice
    assert tab.days_box.isHidden() and tab.total.isHidden()
    assert not tab.make_button.isEnabled() and not tab.statement_button.isEnabled()

    # Made a visit we send (direction corrected): the travellers and their days are back.
    visit = get_visit(db, trip.visit_id)
    update_visit(db, trip.visit_id, visit.version, direction="outgoing")
    tab.reload()
    assert tab.model.rowCount() == 13
    assert tab.missing.text() != SENTENCE[lang]
    assert not tab.days_box.isHidden() and not tab.total.isHidden()
