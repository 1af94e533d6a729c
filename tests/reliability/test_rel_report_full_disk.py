"""Typing on the Report tab while the disk is full loses nothing: each save after a pause
says in the tab's problem line that the disk is full (no message box at every pause, no
SQL), the text stays in the field, and closing the window asks before it throws the
unsaved text away; once there is room the text is saved."""

from __future__ import annotations

import shutil

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QMessageBox

from app.services.reports import report_for_visit
from db.engine import Database
from tests.reliability.conftest import fill
from ui.main_window import MainWindow
from ui.visit.report_tab import PAUSE_SAVE_MS

LONG = "Kopīgs reģionālais uzņēmums samazina izmaksas. " * 400


def test_a_full_disk_keeps_the_typing_and_closing_asks_first(
    qtbot, db, db_path, small_disk, monkeypatch
):
    import datetime as dt

    from app.services.visits import create_visit

    visit = create_visit(
        db,
        code="LPS-BERGEN",
        title="LPS valde Bergenā",
        timezone="Europe/Oslo",
        start_date=dt.date(2026, 4, 6),
        end_date=dt.date(2026, 4, 9),
    )
    shown: list[str] = []
    asked: list[str] = []
    answer = [QMessageBox.StandardButton.No]
    monkeypatch.setattr(QMessageBox, "warning", lambda p, t, text, *a, **k: shown.append(text))
    monkeypatch.setattr(QMessageBox, "critical", lambda p, t, text, *a, **k: shown.append(text))

    def question(parent, title, text, *args, **kwargs):
        asked.append(text)
        return answer[0]

    monkeypatch.setattr(QMessageBox, "question", question)
    db.dispose()
    disk = small_disk(2048)
    path = disk / "studyvisit.db"
    shutil.copyfile(db_path, path)
    database = Database(f"sqlite:///{path}")
    window = MainWindow(database)
    qtbot.addWidget(window)
    window.open_visit(visit.id)
    tab = window.workspace._tab("report")
    window.workspace.tabs.setCurrentWidget(tab)
    fill(disk)

    tab.summary.setPlainText(LONG)
    qtbot.waitUntil(lambda: bool(tab.problem.text()), timeout=PAUSE_SAVE_MS + 5000)
    said = tab.problem.text().replace("\u200b", "")  # break points in long words
    assert f"The disk holding {disk} is full" in said and "INSERT" not in said, said
    assert shown == []  # told in the tab, not by a box at every pause
    assert tab.summary.toPlainText() == LONG

    window.close()  # answered No: the window stays, with the text
    assert len(asked) == 1 and "is full" in asked[0], asked
    assert window.isVisible() or window.workspace is not None
    assert tab.summary.toPlainText() == LONG

    (disk / "filler.bin").unlink()  # room again: the next pause saves it
    tab.summary.moveCursor(QTextCursor.MoveOperation.End)
    tab.summary.insertPlainText(" Beigas.")
    qtbot.waitUntil(
        lambda: (
            (report_for_visit(database, visit.id) or tab).summary == (LONG + " Beigas.").strip()
        ),
        timeout=PAUSE_SAVE_MS + 5000,
    )
    assert tab.problem.text() == ""
    window.close()
    assert len(asked) == 1
    database.dispose()
