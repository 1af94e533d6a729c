"""Which interface language the system's locale asks for (Latvian unless it says English)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from app.i18n import system_language


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("C.UTF-8", "lv"),
        ("POSIX", "lv"),
        ("lv_LV.UTF-8", "lv"),
        ("en_GB.UTF-8", "en"),
        ("nb_NO.UTF-8", "lv"),
        ("Latvian_Latvia.1257", "lv"),
        ("English_United Kingdom", "en"),
    ],
)
def test_system_locale_picks_the_interface_language(monkeypatch, lang, expected):
    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", lang)
    assert system_language() == expected


def test_an_empty_environment_is_latvian_not_the_coerced_english():
    """With no locale variable at all (a fresh container, the frozen smoke test), Python
    coerces LC_CTYPE to C.UTF-8 and locale.getlocale() calls it en_US: still Latvian."""
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-c", "from app.i18n import system_language; print(system_language())"],
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(root)},
        cwd=root,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "lv"
