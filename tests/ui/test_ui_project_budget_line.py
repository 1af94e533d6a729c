"""The Projects page says what the chosen project has spent, as its budget PDF counts it:
planned, actual, the grant spent against the award, the share used and what remains —
in Latvian and English, at 1024×700 (the finance officer saw these only in the PDF)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.i18n import set_language
from app.interchange.importer import import_visit
from app.services.projects import list_projects
from tests.journeys.finance_project import write_files
from ui.main_window import MainWindow

LV = (
    "Budžets: plānots 12 040,29 €, faktiski 13 643,61 €; izlietotais grants 11 597,09 € no "
    "piešķirtajiem 30 000,00 € (38,7 %), atlikums 18 402,91 €"
)
EN = (
    "Budget: planned €12,040.29, actual €13,643.61; grant spent €11,597.09 of €30,000.00 "
    "awarded (38.7 %), €18,402.91 remaining"
)


@pytest.mark.parametrize(("lang", "expected"), [("lv", LV), ("en", EN)])
def test_the_chosen_project_shows_its_money(qtbot, db, tmp_path: Path, lang, expected) -> None:
    # The three visits as imported, before allowance lines and dated rates: every payment
    # at its plan's rate. By hand: planned 6 001,06 (Bergen) + 3 299,43 (Kraków) + 2 739,80
    # (Kuldīga); the grant 85 % of each paid line, half up; 38,66 % of the award used.
    set_language(lang)
    files = write_files(tmp_path)
    for name in ("norway", "poland", "latvia"):
        import_visit(db, files[name].read_text(encoding="utf-8"))
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show_section("projects")
    page = window.projects_page
    page.select(list_projects(db)[0].id)
    assert " ".join(page.budget.text().split()) == " ".join(expected.split())
