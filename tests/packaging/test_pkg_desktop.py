"""The Linux desktop entry: valid, and naming the command and icon the folder carries."""

from __future__ import annotations

import configparser
import shutil
import subprocess

import pytest

from app.resource_files import SOURCE_DIR

DESKTOP = SOURCE_DIR / "studyvisit.desktop"


def test_the_desktop_entry_starts_studyvisit_with_its_icon():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # keys are case-sensitive
    entry.read(DESKTOP, encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application"
    assert section["Exec"] == "studyvisit"
    assert section["Icon"] == "studyvisit"
    assert section["Terminal"] == "false"
    assert section["StartupWMClass"] == "studyvisit"  # QApplication.setDesktopFileName
    assert (SOURCE_DIR / "icons" / f"{section['Icon']}.png").is_file()


@pytest.mark.skipif(
    shutil.which("desktop-file-validate") is None, reason="desktop-file-utils is not installed"
)
def test_the_desktop_entry_passes_desktop_file_validate():
    result = subprocess.run(
        ["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 0, result.stdout + result.stderr
