"""Starting the desktop: one copy per database, Qt's buttons in Latvian, the demo offered
once on an empty database, and a clear message instead of a traceback for a bad file."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from db.models import Visit
from ui import app as ui_app


def test_a_second_copy_on_the_same_database_is_refused(tmp_path):
    db_file = tmp_path / "shared.db"
    script = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(Path(__file__).resolve().parents[2])!r})
        from ui.app import acquire_lock
        lock = acquire_lock(__import__("pathlib").Path({str(db_file)!r}))
        print("locked" if lock is not None else "refused", flush=True)
        sys.stdin.readline()
    """)
    holder = subprocess.Popen(
        [sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        assert ui_app.acquire_lock(db_file) is None
    finally:
        holder.stdin.close()
        holder.wait(timeout=10)
    # Once the first copy has gone, the database can be opened again.
    lock = ui_app.acquire_lock(db_file)
    assert lock is not None
    lock.unlock()


def test_qt_buttons_are_latvian_when_the_interface_is(qapp: QApplication):
    translator = ui_app.install_qt_translations(qapp, "lv")
    try:
        assert translator is not None
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Atcelt"
    finally:
        qapp.removeTranslator(translator)
        ui_app.install_qt_translations(qapp, "en")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"


def test_a_file_that_is_no_database_gets_a_message_not_a_traceback(tmp_path, monkeypatch, qapp):
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    bad = tmp_path / "notes.db"
    bad.write_text("shopping list\n" * 100)
    assert ui_app.open_or_explain(f"sqlite:///{bad}") is None
    assert len(shown) == 1
    assert "not a Study Visit Planner database" in shown[0]
    assert "Restore from a backup" in shown[0] and "--db" not in shown[0]
    assert bad.read_text() == "shopping list\n" * 100


def test_empty_database_offers_the_demo_once(db, monkeypatch, qapp):
    asked = []
    monkeypatch.setattr(ui_app, "ask_for_demo", lambda parent: asked.append(1) or False)
    assert ui_app.offer_demo(None, db) == []
    assert ui_app.offer_demo(None, db) == []
    assert asked == [1]  # declining is remembered for this database


def test_accepting_the_demo_loads_the_demo_visits(db, monkeypatch, qapp):
    from app.services.visits import list_visits

    monkeypatch.setattr(ui_app, "ask_for_demo", lambda parent: True)
    loaded = ui_app.offer_demo(None, db)
    assert loaded and all(code.startswith("DEMO-") for code in loaded)
    assert sorted(v.code for v in list_visits(db)) == sorted(loaded)


def test_the_question_offers_demo_or_empty(monkeypatch, qapp):
    seen = {}

    def fake_exec(box):
        seen["buttons"] = [b.text() for b in box.buttons()]
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    assert ui_app.ask_for_demo(None) is False  # nothing clicked: start empty
    assert seen["buttons"] == ["Load the demo visits", "Start empty"]


def test_a_database_with_visits_is_not_offered_the_demo(db, monkeypatch, qapp):
    with db.write() as s:
        s.add(
            Visit(
                code="MINE",
                title="Mana vizīte",
                timezone="Europe/Riga",
                start_date=dt.date(2025, 5, 1),
                end_date=dt.date(2025, 5, 2),
            )
        )
    monkeypatch.setattr(
        ui_app, "ask_for_demo", lambda parent: (_ for _ in ()).throw(AssertionError("asked"))
    )
    assert ui_app.offer_demo(None, db) == []


def close_windows_soon() -> None:
    from PySide6.QtCore import QTimer

    def close_all() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
        for window in windows:
            window.close()
        if not windows:
            QTimer.singleShot(50, close_all)

    QTimer.singleShot(50, close_all)


def test_run_opens_the_window_on_the_database_and_releases_the_lock(qapp, db_path, monkeypatch):
    from ui.main_window import MainWindow

    opened = []
    monkeypatch.setattr(ui_app, "ask_for_demo", lambda parent: False)
    original_show = MainWindow.show
    monkeypatch.setattr(
        MainWindow, "show", lambda self: (opened.append(self.windowTitle()), original_show(self))
    )
    close_windows_soon()
    assert ui_app.run(["studyvisit"], f"sqlite:///{db_path}") == 0
    assert opened == ["Study Visit Planner"]
    lock = ui_app.acquire_lock(db_path)  # released when the window closed
    assert lock is not None
    lock.unlock()


def test_run_on_a_database_open_elsewhere_says_so(qapp, db_path, monkeypatch):
    """Said, and the user is offered to read it only; a No opens nothing. (The question
    was not answered here once it came: the test waited on a modal box for ever.)"""
    asked = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda parent, title, text, *a, **k: (asked.append(text), QMessageBox.StandardButton.No)[1],
    )
    held = ui_app.acquire_lock(db_path)
    try:
        assert ui_app.run(["studyvisit"], f"sqlite:///{db_path}") == 1
    finally:
        held.unlock()
    assert len(asked) == 1 and "open in a Study Visit Planner window" in asked[0]
    assert "Open it for reading only?" in asked[0]


def test_run_on_a_newer_database_explains_instead_of_crashing(qapp, db_path, monkeypatch):
    import sqlite3

    errors = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: errors.append(text))
    con = sqlite3.connect(db_path)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    assert ui_app.run(["studyvisit"], f"sqlite:///{db_path}") == 1
    assert len(errors) == 1 and "newer version" in errors[0]
