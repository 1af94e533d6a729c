"""``studyvisit search``: JSON in the contract's shape, best first; a table for people; bad
input is one line and exit 2."""

from __future__ import annotations

import json
import shutil


def test_search_json_is_the_contract_shape_best_first(cli, demo_template, tmp_path):
    path = tmp_path / "d.db"
    shutil.copyfile(demo_template, path)
    run = cli("--db", path, "search", "atkritumu uzņēmums", "--json")
    assert run.code == 0, run.err
    hits = json.loads(run.out)
    assert hits and all(set(h) == {"code", "title", "item", "snippet"} for h in hits)
    assert hits[0]["code"] == "DEMO-BERGEN-2014"
    assert "**" in hits[0]["snippet"]
    assert "\\u" not in run.out and "ā" in run.out  # letters stay letters


def test_search_filters_and_table(cli, demo_template, tmp_path):
    path = tmp_path / "d.db"
    shutil.copyfile(demo_template, path)
    run = cli("--db", path, "search", "sadarbība", "--country", "PL", "--year", "2023")
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    assert lines[0].split()[:3] == ["Code", "Where", "Found"]
    assert {ln.split()[0] for ln in lines[1:]} == {"DEMO-POLAND-2023"}
    assert "[" in run.out


def test_nothing_found_says_so(cli, demo_template, tmp_path):
    path = tmp_path / "d.db"
    shutil.copyfile(demo_template, path)
    run = cli("--db", path, "search", "kosmodroms")
    assert (run.code, run.out.strip()) == (0, "Nothing found.")
    assert json.loads(cli("--db", path, "search", "kosmodroms", "--json").out) == []


def test_a_query_of_punctuation_is_one_line_exit_2(cli, db_path):
    run = cli("--db", db_path, "search", "?!")
    assert run.code == 2
    assert run.err.strip().count("\n") == 0 and "word" in run.err


def test_the_table_names_each_place_as_the_window_does(cli, demo_template, tmp_path, monkeypatch):
    """A lesson is "Atskaite: atziņa" (the Report tab opens it), not the entity's name."""
    path = tmp_path / "d.db"
    shutil.copyfile(demo_template, path)
    monkeypatch.setenv("STUDYVISIT_LANG", "lv")
    run = cli("--db", path, "search", "atkritumu tarifs")
    assert run.code == 0, run.err
    assert "Atskaite: atziņa" in run.out
    assert "Pamatdati\n" not in run.out and "Pamatdati " not in run.out
