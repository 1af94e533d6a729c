"""``demo`` loads the seed visits once; ``visits list`` then shows them (the issue's
"done when": ``studyvisit --db x.db demo && studyvisit --db x.db visits list``)."""

from __future__ import annotations

import json


def test_demo_then_visits_list_shows_the_seed_visits(cli, tmp_path):
    db = tmp_path / "x.db"
    run = cli("--db", db, "demo")
    assert run.code == 0 and run.err == ""
    listed = json.loads(cli("--db", db, "visits", "list", "--json").out)
    codes = [v["code"] for v in listed]
    assert len(codes) >= 5 and all(c.startswith("DEMO-") for c in codes)
    assert all(c in run.out for c in codes)
    bergen = next(v for v in listed if v["city"] == "Bergen")
    assert bergen["country"] == "NO"
    assert bergen["start_date"].endswith("-04-02") and bergen["end_date"].endswith("-04-05")
    table = cli("--db", db, "visits", "list").out
    assert "Bergenā" in table and all(c in table for c in codes)


def test_loading_the_demo_twice_changes_nothing(cli, tmp_path):
    db = tmp_path / "x.db"
    assert cli("--db", db, "demo").code == 0
    first = cli("--db", db, "visits", "list", "--json").out
    again = cli("--db", db, "demo")
    assert again.code == 0 and "already" in again.out
    assert cli("--db", db, "visits", "list", "--json").out == first


def test_a_demo_visit_survives_export_and_import_under_a_new_code(cli, tmp_path):
    db = tmp_path / "x.db"
    assert cli("--db", db, "demo").code == 0
    code = json.loads(cli("--db", db, "visits", "list", "--json").out)[0]["code"]
    out = tmp_path / "v.json"
    assert cli("--db", db, "export", "visit", code, "--out", out).code == 0
    other = tmp_path / "other.db"
    run = cli("--db", other, "import", "visit", out)
    assert run.code == 0, run.err
    again = tmp_path / "again.json"
    assert cli("--db", other, "export", "visit", code, "--out", again).code == 0
    assert again.read_bytes() == out.read_bytes()
