"""Which interface language the system's locale asks for (Latvian unless it says English)."""

from __future__ import annotations

import pytest

from app.i18n import system_language


@pytest.mark.parametrize(("lang", "expected"), [
    ("C.UTF-8", "lv"), ("POSIX", "lv"), ("lv_LV.UTF-8", "lv"), ("en_GB.UTF-8", "en"),
    ("nb_NO.UTF-8", "lv"), ("Latvian_Latvia.1257", "lv"), ("English_United Kingdom", "en"),
])
def test_system_locale_picks_the_interface_language(monkeypatch, lang, expected):
    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", lang)
    assert system_language() == expected
