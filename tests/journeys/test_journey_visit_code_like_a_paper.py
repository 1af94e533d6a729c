"""A planning region numbers its visits the way it numbers its papers: ``LPS/2027/NO``
(the seed article's project is "Nr. 4.3-24/NFI/INP-002").

With such a code the letters to the hosts were not written at all: the export looked for
folders ``LPS/2027`` inside the chosen one and said "…/LPS/2027/.NO-request-….docx.part: No
such file or directory". The window offered the visit file and the change notices under
the same impossible names. Every file name made from the code now keeps it in one piece.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from app.documents import default_file_name
from app.services.directory import create_organisation
from app.services.people import add_participant, create_person
from app.services.programme import create_programme_item
from app.services.visits import create_visit

CODE = "LPS/2027/NO"


@pytest.fixture
def visit(db):
    made = create_visit(
        db,
        code=CODE,
        title="LPS valdes vizīte Bergenā",
        country="NO",
        city="Bergena",
        timezone="Europe/Oslo",
        start_date=dt.date(2027, 4, 6),
        end_date=dt.date(2027, 4, 9),
    )
    host = create_organisation(db, name="Bergen kommune", country="NO")
    create_programme_item(
        db,
        made.id,
        title="Bergenas pašvaldība",
        starts=dt.datetime(2027, 4, 9, 10, 0),
        ends=dt.datetime(2027, 4, 9, 12, 0),
        host_id=host.id,
    )
    person = create_person(db, given_name="Ģirts", family_name="Šķēle")
    add_participant(db, made.id, person.id, status="confirmed")
    return made


def test_the_letters_to_the_hosts_are_written_into_the_chosen_folder(
    cli, db, db_path, visit, tmp_path: Path
):
    db.dispose()
    folder = tmp_path / "vestules"
    run = cli("--db", db_path, "export", "letters", CODE, "--kind", "request", "--out", folder)
    assert run.code == 0, run.err
    written = sorted(p.name for p in folder.iterdir())
    assert written == [
        "LPS_2027_NO-request-Bergen_kommune-lv.docx",
        "LPS_2027_NO-request-Bergen_kommune-lv.pdf",
        "LPS_2027_NO-request-Bergen_kommune-nb.docx",
        "LPS_2027_NO-request-Bergen_kommune-nb.pdf",
    ]
    assert all(p.is_file() and p.stat().st_size > 1000 for p in folder.iterdir())


def test_every_name_offered_for_saving_is_one_file(qtbot, db, visit, monkeypatch):
    from ui.main_window import MainWindow

    assert "/" not in default_file_name("programme", CODE, "lv")
    offered: list[str] = []

    def dialog(parent, caption, start="", *args, **kwargs):
        offered.append(start)
        return "", ""  # the user cancels: only the offered name matters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.open_visit(visit.id)
    from ui.visit_files import export_visit_file

    export_visit_file(window, window.context, CODE)
    assert Path(offered[-1]).name == "LPS_2027_NO.json"
    documents = window.workspace._tab("documents")
    window.workspace.tabs.setCurrentWidget(documents)
    documents.sending.changes()
    assert Path(offered[-1]).name == "LPS_2027_NO-changes-since-1.pdf"
    documents.save()
    assert Path(offered[-1]).name == "LPS_2027_NO-programme-lv.pdf"
    budget = window.workspace._tab("budget")
    window.workspace.tabs.setCurrentWidget(budget)
    budget.export("pdf")
    assert Path(offered[-1]).name == "LPS_2027_NO-budget.pdf"
