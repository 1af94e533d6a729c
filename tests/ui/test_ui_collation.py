"""Names in Latvian alphabetical order: Č after C, Š after S, Ā with A."""

from __future__ import annotations

from app.domain.text import sort_key
from app.i18n import set_language
from ui.models.rows_model import Column, RowsModel

NAMES = ["Šmits", "Čakste", "Cers", "Ābele", "Azars", "Sveķis", "Zariņa", "Žagars", "Bērziņš"]


def test_latvian_letters_of_their_own_follow_their_base_letter():
    set_language("lv")
    assert sorted(NAMES, key=sort_key) == [
        "Ābele",
        "Azars",
        "Bērziņš",
        "Cers",
        "Čakste",
        "Sveķis",
        "Šmits",
        "Zariņa",
        "Žagars",
    ]


def test_in_english_the_order_stays_latvian():
    """One collation everywhere: an English window lists names as the documents print them."""
    assert sorted(["Čakste", "Cers"], key=sort_key) == ["Cers", "Čakste"]


def test_a_table_sorts_names_with_the_collator(qtmodeltester):
    set_language("lv")

    class Row:
        def __init__(self, name: str) -> None:
            self.id, self.name = id(name), name

    model = RowsModel([Column("Name", lambda r: r.name)])
    model.set_rows([Row(n) for n in NAMES])
    model.sort(0)
    assert [model.data(model.index(r, 0)) for r in range(3)] == ["Ābele", "Azars", "Bērziņš"]
    assert model.data(model.index(4, 0)) == "Čakste"
    model.set_text("zarina")  # search ignores diacritics
    assert model.rowCount() == 1
    qtmodeltester.check(model)
