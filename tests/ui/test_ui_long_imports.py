"""A long participant list in the window: checked and saved off the UI thread with a progress
bar and Cancel; a cancelled save leaves the database exactly as it was and says so in one
sentence; the window keeps answering meanwhile; a finished import is one undo step.

The thresholds are lowered so that a few hundred lines take the long path the way 100 000
do (bench/imports.py measures the real size).
"""

from __future__ import annotations

import csv
import sqlite3
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer

from app.interchange import participants as imp
from ui.context import Context
from ui.dialogs import import_participants as dialog_module
from ui.dialogs.import_participants import ImportParticipantsDialog
from ui.widgets.job_dialog import JobDialog

LINES = 400


@pytest.fixture
def long_list(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setattr(dialog_module, "BACKGROUND_LINES", 50)
    monkeypatch.setattr(imp, "BATCH", 20)
    path = tmp_path / "delegācija.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh, delimiter=";")
        out.writerow(["Vārds", "Uzvārds", "E-pasts", "Iestāde", "Loma"])
        for i in range(LINES):
            out.writerow(
                [
                    f"Līga{i}",
                    f"Kalniņa{i}",
                    f"liga{i}@ogre.lv",
                    f"Pašvaldība {i % 9}",
                    "delegāte" if i % 2 else "eksperte",
                ]
            )
    return path


def content(db_path: Path) -> list[str]:
    con = sqlite3.connect(db_path)
    try:
        return list(con.iterdump())
    finally:
        con.close()


def cancel_at_half(monkeypatch) -> list[JobDialog]:
    """Press Cancel in the progress dialog once half the lines are done, as a user would.

    A few hundred lines are done before the window has shown the first progress; so the
    job, at half way, waits (at most 5 s) for the press, as a long one would still run."""
    from app.progress import Step

    seen: list[JobDialog] = []
    shown = JobDialog._progressed
    advance = Step.advance

    def slow_advance(self: Step, count: int = 1) -> None:
        advance(self, count)
        waited = time.perf_counter()
        while (
            self.done * 2 >= self.total
            and self._cancel is not None
            and not self._cancel()
            and time.perf_counter() - waited < 5
        ):
            time.sleep(0.005)

    monkeypatch.setattr(Step, "advance", slow_advance)

    def progressed(self: JobDialog, done: int, total: int) -> None:
        shown(self, done, total)
        if self not in seen:
            seen.append(self)
        if done * 2 >= total and self.cancel_button.isEnabled():
            assert self.isVisible() and self.bar.value() == done
            self.cancel_button.click()

    monkeypatch.setattr(JobDialog, "_progressed", progressed)
    return seen


def test_a_cancelled_save_changes_nothing_and_says_so(
    qtbot, db, db_path, visit, long_list, monkeypatch
):
    context = Context(db)
    dialog = ImportParticipantsDialog(context, visit.id, str(long_list))
    qtbot.addWidget(dialog)
    assert dialog.plan is not None and dialog.plan.ok  # checked in the background
    assert dialog.preview_model.rowCount() == LINES
    before = content(db_path)
    jobs = cancel_at_half(monkeypatch)
    dialog.accept()
    assert len(jobs) == 1 and jobs[0].outcome == "cancelled"
    assert jobs[0].text.text() == "Cancelling…" and not jobs[0].isVisible()
    assert dialog.problem.text() == "Import cancelled: nothing was saved, the visit is as it was."
    assert dialog.imported is None and dialog.result() == 0  # the dialog stays open
    assert content(db_path) == before  # every row of every table as it was
    assert context.stack.count() == 0  # and nothing to undo
    latency = jobs[0].ended_at - jobs[0].cancel_asked_at
    assert latency < 5, latency  # one batch and the rollback (bench/imports.py: the figure)


def test_a_finished_long_import_is_one_undo_step(qtbot, db, visit, long_list, monkeypatch):
    from app.services.people import list_participations as list_participants

    context = Context(db)
    dialog = ImportParticipantsDialog(context, visit.id, str(long_list))
    qtbot.addWidget(dialog)
    told: list[tuple[int, int]] = []
    shown = JobDialog._progressed
    monkeypatch.setattr(
        JobDialog,
        "_progressed",
        lambda self, done, total: (told.append((done, total)), shown(self, done, total)),
    )
    dialog.accept()
    assert dialog.imported is not None and len(dialog.imported.participations) == LINES
    assert told[-1] == (LINES, LINES) and len(told) >= LINES // 20
    assert len(list_participants(db, visit.id)) == LINES + 2  # the visit's two and the list
    assert context.stack.count() == 1
    context.stack.undo()
    assert len(list_participants(db, visit.id)) == 2
    context.stack.redo()
    assert len(list_participants(db, visit.id)) == LINES + 2


def test_the_window_keeps_answering_while_a_long_list_is_saved(
    qtbot, db, visit, long_list, monkeypatch
):
    """A timer of the UI thread keeps firing during the save: the work is elsewhere."""
    monkeypatch.setattr(imp, "BATCH", 5)  # many small batches: a longer save
    context = Context(db)
    dialog = ImportParticipantsDialog(context, visit.id, str(long_list))
    qtbot.addWidget(dialog)
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start(10)
    started = time.perf_counter()
    dialog.accept()
    ended = time.perf_counter()
    timer.stop()
    during = [t for t in ticks if started <= t <= ended]
    assert dialog.imported is not None
    assert len(during) >= 3, (len(during), ended - started)
    gaps = [b - a for a, b in zip([started, *during], [*during, ended], strict=True)]
    assert max(gaps) < 1.0, max(gaps)


def test_a_cancelled_check_leaves_nothing_to_import(qtbot, db, visit, long_list, monkeypatch):
    jobs = cancel_at_half(monkeypatch)
    dialog = ImportParticipantsDialog(Context(db), visit.id, str(long_list))
    qtbot.addWidget(dialog)
    assert jobs[0].outcome == "cancelled" and dialog.plan is None
    assert "Checking was cancelled" in dialog.problem.text()
    assert not dialog.import_button.isEnabled() and dialog.preview_model.rowCount() == 0


@pytest.fixture
def long_visit_file(tmp_path: Path, monkeypatch) -> Path:
    """The Bergen demo visit as a file taken as long (the window imports it off its
    thread); its code is new to the database."""
    import json

    from app import demo
    from ui import visit_files

    monkeypatch.setattr(visit_files, "BACKGROUND_CHARS", 0)
    data = json.loads(
        (Path(demo.__file__).parent / "demo_data" / "bergen-2014.json").read_text(encoding="utf-8")
    )
    data["visit"]["code"] = "LPS-BERGEN-2026"
    path = tmp_path / "bergen.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def told(monkeypatch) -> list[str]:
    from PySide6.QtWidgets import QMessageBox

    said: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "information", lambda parent, title, text, *a, **k: said.append(text)
    )
    monkeypatch.setattr(
        QMessageBox, "warning", lambda parent, title, text, *a, **k: said.append(text)
    )
    return said


def test_a_cancelled_visit_file_import_changes_nothing(
    qtbot, db, db_path, long_visit_file, monkeypatch
):
    from ui.main_window import MainWindow

    window = MainWindow(db)
    qtbot.addWidget(window)
    said = told(monkeypatch)
    before = content(db_path)
    jobs = cancel_at_half(monkeypatch)
    assert window.import_visit_file(str(long_visit_file)) is None
    assert jobs and jobs[0].outcome == "cancelled"
    assert said == ["Import cancelled: nothing was saved, the database is as it was."]
    assert content(db_path) == before and window.context.stack.count() == 0


def test_a_long_visit_file_imports_as_one_undo_step_and_replaces_with_cancel(
    qtbot, db, db_path, long_visit_file, monkeypatch
):
    from app.services.visits import find_visit, list_visits
    from ui.main_window import MainWindow

    window = MainWindow(db)
    qtbot.addWidget(window)
    said = told(monkeypatch)
    visit_id = window.import_visit_file(str(long_visit_file))
    assert visit_id == find_visit(db, "LPS-BERGEN-2026").id
    assert window.context.stack.count() == 1
    # the same file again, replacing the visit: cancelled halfway, the visit is as it was
    before = content(db_path)
    jobs = cancel_at_half(monkeypatch)
    assert (
        window.import_visit_file(str(long_visit_file), choose=lambda parent, code: "replace")
        is None
    )
    assert jobs[0].outcome == "cancelled" and content(db_path) == before
    assert window.context.stack.count() == 1 and said[-1].startswith("Import cancelled")
    window.context.stack.undo()
    assert [v.code for v in list_visits(db)] == []
