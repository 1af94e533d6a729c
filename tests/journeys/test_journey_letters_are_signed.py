"""Letters to the hosts go out signed: with no head of the delegation and no coordinator
they ended "Med vennlig hilsen" signed by nobody, and neither the window nor the command
line said so. Now both say who is missing, and the letters are still written (the DOCX
can be signed by hand)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from docx import Document

from app.services.directory import create_organisation
from app.services.people import add_participant, create_person, list_participations
from app.services.programme import create_programme_item
from app.services.visits import create_visit
from ui.main_window import MainWindow
from ui.widgets import file_dialogs

CODE = "KPR-BGO-2027"


def make_visit(db):
    visit = create_visit(
        db,
        code=CODE,
        title="Kurzemes plānošanas reģiona vizīte Bergenā",
        country="NO",
        city="Bergena",
        timezone="Europe/Oslo",
        start_date=dt.date(2027, 3, 25),
        end_date=dt.date(2027, 3, 28),
    )
    host = create_organisation(db, name="BIR AS", country="NO")
    create_programme_item(
        db,
        visit.id,
        title="BIR: atkritumu apsaimniekošana",
        starts=dt.datetime(2027, 3, 27, 12, 0),
        ends=dt.datetime(2027, 3, 27, 14, 0),
        host_id=host.id,
    )
    for given, family in (("Ilze", "Ozoliņa"), ("Ģirts", "Šķēle")):
        person = create_person(db, given_name=given, family_name=family, position="Plānotājs")
        add_participant(db, visit.id, person.id, status="confirmed")
    return visit


def test_the_command_line_says_nobody_signs_then_the_head_signs(cli, db, db_path, tmp_path: Path):
    visit = make_visit(db)
    run = cli(
        "--db", db_path, "export", "letters", CODE, "--kind", "request", "--out", tmp_path / "a"
    )
    assert run.code == 0
    assert run.err.startswith("warning: Nobody signs the letters") and run.err.count("\n") == 1

    from app.services.people import update_participation

    ilze = next(p for p in list_participations(db, visit.id) if p.person.given_name == "Ilze")
    update_participation(db, ilze.id, ilze.version, role="head")
    run = cli(
        "--db", db_path, "export", "letters", CODE, "--kind", "request", "--out", tmp_path / "b"
    )
    assert run.code == 0 and run.err == ""
    letter = Document(str(tmp_path / "b" / f"{CODE}-request-BIR_AS-nb.docx"))
    lines = [p.text for p in letter.paragraphs if p.text.strip()]
    signed = lines[lines.index("Med vennlig hilsen") + 1 :]
    assert signed and signed[0].startswith("Ilze Ozoliņa"), signed


def test_the_window_says_nobody_signs_the_letters(qtbot, db, tmp_path: Path, monkeypatch):
    visit = make_visit(db)
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.open_visit(visit.id)
    tab = window.workspace._tab("documents")
    window.workspace.tabs.setCurrentWidget(tab)
    folder = tmp_path / "vestules"
    folder.mkdir()
    monkeypatch.setattr(file_dialogs, "get_existing_directory", lambda *a, **k: str(folder))
    tab.sending.letters_button.click()
    qtbot.waitUntil(lambda: not tab.running, timeout=20000)
    assert len(list(folder.glob("*.docx"))) == 2  # written all the same
    assert "⚠ Nobody signs the letters" in tab.status.text()
