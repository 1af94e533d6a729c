"""The Documents tab: a document saved where the user chose, built off the UI thread; a
cancel leaves no file; a failure is told in a sentence; the preview is optional."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from app.services.visits import find_visit
from ui.main_window import MainWindow


def open_documents(qtbot, db):
    visit = find_visit(db, "DEMO-BERGEN-2014")
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.open_visit(visit.id)
    tab = window.workspace._tab("documents")
    window.workspace.tabs.setCurrentWidget(tab)
    return tab


def answer_save(monkeypatch: pytest.MonkeyPatch, target: Path) -> list[str]:
    """The save dialog answered with ``target``; the names it offered are kept."""
    offered: list[str] = []

    def dialog(parent, caption, start="", *args, **kwargs):
        offered.append(start)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    return offered


def test_saving_the_programme_writes_a_pdf_and_offers_the_folder(
    qtbot, demo_db, tmp_path, monkeypatch
):
    tab = open_documents(qtbot, demo_db)
    assert tab.document.currentData() == "programme"
    assert not tab.person.isEnabled()  # the booklet is for everyone
    tab.language.setCurrentIndex(tab.language.findData("en"))
    target = tmp_path / "bergen.pdf"
    offered = answer_save(monkeypatch, target)
    opened: list[str] = []
    monkeypatch.setattr(
        "ui.visit.documents_tab.QDesktopServices.openUrl",
        lambda url: opened.append(url.toLocalFile()),
    )
    tab.save_button.click()
    assert offered[0].endswith("DEMO-BERGEN-2014-programme-en.pdf")
    assert not tab.save_button.isEnabled() and tab.cancel_button.isEnabled()
    qtbot.waitUntil(lambda: not tab.running, timeout=20000)
    assert target.read_bytes().startswith(b"%PDF")
    assert "bergen.pdf" in tab.status.text()
    assert tab.save_button.isEnabled() and not tab.cancel_button.isEnabled()
    tab.open_folder_button.click()
    assert opened == [str(tmp_path)]


def test_itineraries_for_one_person(qtbot, demo_db, tmp_path, monkeypatch):
    tab = open_documents(qtbot, demo_db)
    tab.document.setCurrentIndex(tab.document.findData("delegates"))
    assert tab.person.isEnabled() and tab.person.count() > 2
    tab.person.setCurrentIndex(1)
    name = tab.person.currentText()
    target = tmp_path / "one.pdf"
    offered = answer_save(monkeypatch, target)
    tab.save_button.click()
    qtbot.waitUntil(lambda: not tab.running, timeout=20000)
    assert name.split()[0] in Path(offered[0]).name
    assert target.read_bytes().startswith(b"%PDF")


def test_cancel_leaves_no_file(qtbot, demo_db, tmp_path, monkeypatch):
    import app.documents.programme as programme

    tab = open_documents(qtbot, demo_db)
    real = programme.load_visit
    asked = threading.Event()

    def slow_load(db, ref):  # holds the worker until the user has pressed Cancel
        asked.wait(10)
        return real(db, ref)

    monkeypatch.setattr(programme, "load_visit", slow_load)
    target = tmp_path / "cancelled.pdf"
    answer_save(monkeypatch, target)
    tab.save_button.click()
    tab.cancel_button.click()
    asked.set()
    qtbot.waitUntil(lambda: not tab.running, timeout=20000)
    assert not target.exists()
    assert list(tmp_path.glob("*.part")) == []
    assert "no file was saved" in tab.status.text()
    assert not tab.open_folder_button.isEnabled()


def test_a_failure_is_told_in_a_sentence(qtbot, demo_db, tmp_path, monkeypatch, warnings_shown):
    tab = open_documents(qtbot, demo_db)
    answer_save(monkeypatch, tmp_path / "missing-folder" / "x.pdf")
    tab.save_button.click()
    qtbot.waitUntil(lambda: not tab.running, timeout=20000)
    assert len(warnings_shown) == 1
    assert warnings_shown[0].startswith("The document could not be made:")
    assert "Traceback" not in warnings_shown[0]


def test_preview_shows_the_first_page_when_pdftoppm_is_there(qtbot, demo_db, monkeypatch):
    import shutil

    tab = open_documents(qtbot, demo_db)
    tab.preview_button.click()
    qtbot.waitUntil(lambda: not tab.running, timeout=20000)
    if shutil.which("pdftoppm"):
        assert tab.image.pixmap() is not None and not tab.image.pixmap().isNull()
    else:
        assert "pdftoppm" in tab.status.text()
    monkeypatch.setattr("ui.visit.document_worker.shutil.which", lambda name: None)
    tab.preview_button.click()
    qtbot.waitUntil(lambda: not tab.running, timeout=20000)
    assert "pdftoppm is not installed" in tab.status.text()
    assert tab.image.pixmap() is None or tab.image.pixmap().isNull()


def test_the_database_itself_is_refused_as_the_file_to_save(
    qtbot, demo_db, monkeypatch, warnings_shown
):
    """Saving a document over the window's own database would replace every visit with a
    PDF: the dialog's answer is refused in a sentence and nothing is written."""
    tab = open_documents(qtbot, demo_db)
    database = Path(demo_db.url.split(":///", 1)[1])
    before = database.read_bytes()
    answer_save(monkeypatch, database)
    tab.save_button.click()
    assert not tab.running
    assert len(warnings_shown) == 1 and "database itself" in warnings_shown[0]
    assert database.read_bytes() == before
    assert find_visit(demo_db, "DEMO-BERGEN-2014") is not None
