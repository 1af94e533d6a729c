"""The Documents tab's "Send and follow up" box, as a coordinator uses it around a visit.

Release the version sent; after a change, save the notices of what changed; give the
delegates their phone pages; write to the hosts. Each runs the app's own operation, the
documents in the tab's worker thread.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QInputDialog

from app.services.programme import list_programme, update_programme_item
from app.services.releases import releases
from app.services.visits import find_visit
from db.engine import Database
from ui.main_window import MainWindow
from ui.widgets import file_dialogs

KS = "DEMO-KS-NORWAY-2023"


@pytest.fixture
def demo(demo_template: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    path = tmp_path / "demo.db"
    shutil.copyfile(demo_template, path)
    database = Database(f"sqlite:///{path}")
    yield database
    database.dispose()


def _documents(qtbot, db):  # type: ignore[no-untyped-def]
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.open_visit(find_visit(db, KS).id)
    tab = window.workspace._tab("documents")
    window.workspace.tabs.setCurrentWidget(tab)
    tab.reload()
    return window, tab


def test_release_then_change_notices_phone_pages_and_letters(
    qtbot, demo, tmp_path, monkeypatch
) -> None:
    _window, tab = _documents(qtbot, demo)
    box = tab.sending
    assert not box.changes_button.isEnabled()  # nothing released yet
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("nosūtīts delegācijai", True))
    box.release_button.click()
    assert [r.note for r in releases(demo, KS)] == ["nosūtīts delegācijai"]
    assert "1" in box.releases.text() and box.changes_button.isEnabled()

    visit = find_visit(demo, KS)
    hall = next(i for i in list_programme(demo, visit.id) if i.title.startswith("Oslo"))
    update_programme_item(demo, hall.id, hall.version, venue="Rådhusplassen 1")
    notices = tmp_path / "changes.pdf"
    monkeypatch.setattr(file_dialogs, "get_save_file_name", lambda *a, **k: (str(notices), ""))
    box.changes_button.click()
    qtbot.waitUntil(lambda: not tab.running, timeout=20000)
    assert notices.is_file() and "changes.pdf" in tab.status.text()

    phone = tmp_path / "phone"
    phone.mkdir()
    monkeypatch.setattr(file_dialogs, "get_existing_directory", lambda *a, **k: str(phone))
    box.phone_button.click()
    qtbot.waitUntil(lambda: not tab.running, timeout=20000)
    assert len(list(phone.glob("*.html"))) == 11

    letters = tmp_path / "letters"
    letters.mkdir()
    monkeypatch.setattr(file_dialogs, "get_existing_directory", lambda *a, **k: str(letters))
    box.letter_kind.setCurrentIndex(box.letter_kind.findData("thanks"))
    box.letters_button.click()
    qtbot.waitUntil(lambda: not tab.running, timeout=20000)
    assert sorted({p.suffix for p in letters.iterdir()}) == [".docx", ".pdf"]
    assert all("-thanks-" in p.name for p in letters.iterdir())
    assert tab.open_folder_button.isEnabled()


def test_cancelling_the_release_question_releases_nothing(qtbot, demo, monkeypatch) -> None:
    _window, tab = _documents(qtbot, demo)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("", False))
    tab.sending.release_button.click()
    assert releases(demo, KS) == []
