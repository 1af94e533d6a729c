"""Alt+letter shortcuts: within one menu, and on the visit's tab bar, no letter twice.

A letter used twice makes Alt+letter cycle instead of act, so a keyboard user
opening "Atvērt citu datubāzi" lands on "Atsvaidzināt" instead.
"""

from __future__ import annotations

import re

import pytest

from app.i18n import set_language
from ui.visit.workspace import LAZY_TABS


def _letter(text: str) -> str | None:
    found = re.search(r"&([^&])", text.replace("&&", ""))
    return found.group(1).lower() if found else None


def _clashes(texts: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    clashes = []
    for text in texts:
        letter = _letter(text)
        if letter is None:
            continue
        if letter in seen:
            clashes.append(f"{seen[letter]!r} and {text!r} share Alt+{letter}")
        seen[letter] = text
    return clashes


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_no_menu_uses_a_letter_twice(qtbot, db, lang):
    from ui.main_window import MainWindow

    set_language(lang)
    try:
        window = MainWindow(db)
        qtbot.addWidget(window)
        menus = [action.menu() for action in window.menuBar().actions()]
        assert len(menus) >= 4
        problems = _clashes([action.text() for action in window.menuBar().actions()])
        for menu in menus:
            problems += _clashes([a.text() for a in menu.actions() if not a.isSeparator()])
        assert not problems
    finally:
        set_language("lv")


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_the_visit_tabs_use_each_letter_once(lang):
    from app.i18n import _

    set_language(lang)
    try:
        titles = [_("&Overview")] + [_(title) for _name, title, _where in LAZY_TABS]
        assert all(_letter(t) for t in titles), titles
        assert not _clashes(titles)
    finally:
        set_language("lv")
