"""The command line speaks one language: argparse's own words too (usage, options, errors)."""

from __future__ import annotations


def test_latvian_usage_errors_and_help_are_latvian(cli, monkeypatch, capsys) -> None:
    monkeypatch.setenv("STUDYVISIT_LANG", "lv")
    done = cli("export", "ics")
    assert done.code == 2
    assert done.err == (
        "studyvisit export ics: nepieciešami šie argumenti: VISIT, --out (skatiet --help)\n"
    )
    done = cli("export", "ics", "X", "--out", "x.ics", "--lang", "de")
    assert "arguments --lang: nederīga izvēle: 'de' (izvēlieties no: 'lv', 'en', 'nb')" in done.err
    from app.cli import main

    capsys.readouterr()
    assert main(["export", "--help"]) == 0
    shown = capsys.readouterr().out
    assert shown.startswith("lietojums: studyvisit export")
    assert "pozicionālie argumenti:" in shown and "opcijas:" in shown
    assert "show this help" not in shown and "usage" not in shown


def test_english_stays_english(cli, monkeypatch) -> None:
    monkeypatch.setenv("STUDYVISIT_LANG", "en")
    done = cli("export", "ics")
    assert done.err == (
        "studyvisit export ics: the following arguments are required: VISIT, --out (see --help)\n"
    )
