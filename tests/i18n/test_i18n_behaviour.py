"""What a user sees in each language: validation, the command line, the window's plurals.

Latvian is the default interface language; English is complete. The tests switch language
the way the program does (``set_language``, ``STUDYVISIT_LANG``) and read the real output.
"""

from __future__ import annotations

import datetime as dt
import gettext
import json
from pathlib import Path

import pytest

from app import i18n
from app.cli import main
from app.domain import validation as v
from db.models import Visit

MO = Path(i18n.TRANSLATIONS_DIR)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("lv", "nav derīga e-pasta adrese: jānis.ozols@"),
        ("en", "is not a valid e-mail address: jānis.ozols@"),
    ],
)
def test_validation_message_in_the_interface_language(lang: str, expected: str) -> None:
    i18n.set_language(lang)
    with pytest.raises(v.Invalid) as caught:
        v.email("jānis.ozols@")
    assert caught.value.message == expected


def test_required_field_message_switches_with_the_language() -> None:
    i18n.set_language("lv")
    with pytest.raises(v.Invalid) as lv:
        v.text(None, required=True)
    i18n.set_language("en")
    with pytest.raises(v.Invalid) as en:
        v.text(None, required=True)
    assert (lv.value.message, en.value.message) == ("jānorāda obligāti", "is required")


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("lv", "Nav vizītes ar kodu vai identifikatoru “NAV-TĀDAS”.\n"),
        ("en", "No visit with the code or id “NAV-TĀDAS”.\n"),
    ],
)
def test_cli_error_follows_studyvisit_lang(
    lang, expected, db_path, tmp_path, monkeypatch, capsys
) -> None:
    monkeypatch.setenv("STUDYVISIT_LANG", lang)
    out = tmp_path / "visit.json"
    code = main(["--db", str(db_path), "export", "visit", "NAV-TĀDAS", "--out", str(out)])
    captured = capsys.readouterr()
    assert code == 2
    assert captured.err == expected
    assert not out.exists()


def test_cli_import_error_keeps_the_json_path_english(
    db_path, tmp_path, monkeypatch, capsys
) -> None:
    """The path names the file format's fields; the problem is told in Latvian."""
    monkeypatch.setenv("STUDYVISIT_LANG", "lv")
    bad = tmp_path / "vizīte.json"
    bad.write_text(
        json.dumps(
            {
                "format": "studyvisit/1",
                "visit": {
                    "code": "LPS-BERGEN",
                    "title": "LPS valde Bergenā",
                    "kind": "study_visit",
                    "direction": "outgoing",
                    "status": "planned",
                    "destination": {"country": "NO", "city": "Bergen", "timezone": "Europe/Oslo"},
                    "start_date": "2027-04-02",
                    "end_date": "2027-02-30",
                },
            }
        ),
        encoding="utf-8",
    )
    code = main(["--db", str(db_path), "import", "visit", str(bad)])
    err = capsys.readouterr().err
    assert code == 2
    assert err == f"{bad}: visit.end_date: tāda datuma nav: 2027-02-30\n"


def test_cli_usage_error_hint_in_latvian(monkeypatch, capsys) -> None:
    monkeypatch.setenv("STUDYVISIT_LANG", "lv")
    assert main(["export", "visit"]) == 2
    err = capsys.readouterr().err
    assert err.rstrip().endswith("(skatiet --help)")


def test_documents_translate_into_their_own_language() -> None:
    """``tr`` ignores the interface language: a Latvian document from an English window."""
    i18n.set_language("en")
    assert i18n.tr("lv", "Programme item") == "Programmas punkts"
    assert i18n.tr("en", "Programme item") == "Programme item"
    assert i18n._("Programme item") == "Programme item"


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (1, "1 vizīte"),
        (2, "2 vizītes"),
        (11, "11 vizītes"),
        (21, "21 vizīte"),
        (0, "0 vizīšu"),
        (101, "101 vizīte"),
        (111, "111 vizītes"),
    ],
)
def test_latvian_plural_forms(n: int, expected: str) -> None:
    i18n.set_language("lv")
    assert i18n.ngettext("{n} visit", "{n} visits", n).format(n=n) == expected


def test_compiled_latvian_catalogue_carries_the_plural_rule() -> None:
    with open(MO / "lv" / "LC_MESSAGES" / "studyvisit.mo", "rb") as fh:
        compiled = gettext.GNUTranslations(fh)
    assert [compiled.plural(n) for n in (1, 2, 11, 21, 0, 101, 111)] == [0, 1, 1, 0, 2, 0, 1]


def test_window_counts_visits_in_latvian(qtbot, db) -> None:
    """The status line of the visit list: '21 vizīte', and '1 no 21 vizītes' when filtered."""
    from ui.main_window import MainWindow

    with db.write() as s:
        s.add_all(
            [
                Visit(
                    code=f"V-{i:02}",
                    title=f"Vizīte {i}",
                    timezone="Europe/Riga",
                    country="LV",
                    city="Rīga",
                    start_date=dt.date(2027, 4, 2),
                    end_date=dt.date(2027, 4, 5),
                )
                for i in range(21)
            ]
        )
    i18n.set_language("lv")
    window = MainWindow(db)
    qtbot.addWidget(window)
    assert window.statusBar().currentMessage() == "21 vizīte"
    assert window.menuBar().actions()[0].text() == "&Fails"
    window.filter_edit.setText("V-07")
    assert window.statusBar().currentMessage() == "1 no 21 vizītes"
