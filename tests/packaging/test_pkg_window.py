"""The window's own icon, and the self-test the frozen smoke test relies on.

The smoke test (tools/smoke-frozen.sh) cannot click: it starts the built program with
``STUDYVISIT_SELFTEST`` and reads the report the window writes before it closes itself.
This checks that report here, in-process, so a change to the window that breaks the
self-test fails fast, not only in the slower frozen run.
"""

from __future__ import annotations

import json

from PIL import Image

from app.resource_files import ICON_FILE, SOURCE_DIR
from ui import app as ui_app
from ui import selftest


def test_the_application_has_its_icon(qapp):
    ui_app.application([])
    icon = qapp.windowIcon()
    assert not icon.isNull()
    assert icon.pixmap(64, 64).width() == 64
    assert ICON_FILE.is_file()


def test_the_windows_and_mac_icons_hold_every_size():
    with Image.open(SOURCE_DIR / "icons" / "studyvisit.ico") as ico:
        assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(ico.info["sizes"])
    with Image.open(SOURCE_DIR / "icons" / "studyvisit.icns") as icns:
        assert icns.size[0] >= 512


def test_the_window_reports_paints_and_closes_itself(qtbot, qapp, demo_db, tmp_path, monkeypatch):
    from ui.main_window import MainWindow

    report = tmp_path / "report.json"
    monkeypatch.setenv(selftest.SELFTEST_ENV, str(report))
    monkeypatch.setattr(selftest, "CLOSE_AFTER_MS", 50)
    ui_app.application([])
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.show()
    selftest.arm(window)
    qtbot.waitUntil(report.exists, timeout=5000)
    facts = json.loads(report.read_text(encoding="utf-8"))
    assert not window.isVisible()
    assert facts["language"] == "en"
    assert facts["menus"][0] == "&File"
    assert facts["icon"] is True
    assert facts["colours"] > 20  # text, table lines, buttons: not a blank surface
    # Seconds since this test process started: positive and no later than now (a whole
    # suite on a busy machine can run for more than ten minutes before this test).
    assert 0 < facts["shown_after_s"] <= selftest.since_process_start()
    with Image.open(facts["screenshot"]) as shot:
        assert shot.size == tuple(facts["size"])


def test_without_the_variable_the_window_stays_open(qtbot, qapp, demo_db, monkeypatch):
    from ui.main_window import MainWindow

    monkeypatch.delenv(selftest.SELFTEST_ENV, raising=False)
    monkeypatch.setattr(selftest, "CLOSE_AFTER_MS", 10)
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.show()
    selftest.arm(window)
    qtbot.wait(100)
    assert window.isVisible()


def test_the_main_window_sets_its_own_icon_sharp_at_150_percent(qtbot, db):
    from PySide6.QtCore import QSize

    from ui.main_window import MainWindow

    window = MainWindow(db)
    qtbot.addWidget(window)
    icon = window.windowIcon()
    assert not icon.isNull()
    drawn = icon.pixmap(QSize(32, 32), 1.5)  # a title bar at 150 %: 48 device pixels
    assert (drawn.width(), drawn.height()) == (48, 48)
    assert max(icon.availableSizes() or [QSize(256, 256)]).width() >= 48  # drawn down
