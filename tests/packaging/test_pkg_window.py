"""The window's own icon."""

from __future__ import annotations

from PIL import Image

from app.resource_files import ICON_FILE, SOURCE_DIR
from ui import app as ui_app


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
