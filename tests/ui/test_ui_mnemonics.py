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


def _form_clashes(form) -> list[str]:
    from ui.widgets.mnemonics import texts

    return _clashes(texts(form))


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_no_form_uses_a_letter_twice(qtbot, demo_db, lang, monkeypatch):
    """Every tab of a visit, every section and the dialogs, in Latvian and English: each
    Alt+letter names one field or button of its form ("&Statuss" and "&Sākas" clashed)."""
    from app.services.visits import find_visit
    from ui.dialogs import quick_create
    from ui.dialogs.visit_dialogs import NewVisitDialog
    from ui.main_window import SECTIONS, MainWindow

    set_language(lang)
    try:
        window = MainWindow(demo_db)
        qtbot.addWidget(window)
        window.resize(1024, 700)
        window.show()
        problems: list[str] = []
        window.open_visit(find_visit(demo_db, "DEMO-BERGEN-2014").id)
        tabs = window.workspace.tabs
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            page = tabs.widget(index)
            assert page.isVisible()
            problems += [f"{tabs.tabText(index)}: {c}" for c in _form_clashes(page)]
        budget = window.workspace._tab("budget")
        dialogs = [
            budget.add_line(exec_dialog=False),
            budget.add_rate(exec_dialog=False),
            budget.add_source(exec_dialog=False),
            NewVisitDialog(lambda f: None, window),
        ]
        window.close_visit()
        for name in SECTIONS:
            window.show_section(name)
            page = window.stack.currentWidget()
            problems += [f"{name}: {c}" for c in _form_clashes(page)]

        def look(dialog):
            dialogs.append(dialog)
            return 0

        monkeypatch.setattr(quick_create.QuickDialog, "exec", look)
        context = window.context
        quick_create.create_organisation_quickly(context, window)
        quick_create.create_person_quickly(context, window)
        quick_create.create_contact_quickly(context, 1, window)
        quick_create.create_project_quickly(context, window)
        for dialog in dialogs:
            qtbot.addWidget(dialog)
            dialog.show()
            problems += [f"{dialog.windowTitle()}: {c}" for c in _form_clashes(dialog)]
            dialog.reject()
        assert len(dialogs) == 8
        assert not problems, "\n".join(problems)
    finally:
        set_language("lv")
