"""``visits list`` prints each visit's status as the window says it, in the interface
language ("Atskaite iesniegta", not "reported"), whichever path read the list: the plain
SQL one on a current SQLite file or the service's. ``--json`` keeps the stored codes."""

from __future__ import annotations

import json

import pytest

from app.demo import load_demo


def _both_paths(cli, monkeypatch, db_path) -> tuple[str, str]:
    """The table as the fast path prints it, and as the service's path does."""
    fast = cli("--db", db_path, "visits", "list")
    monkeypatch.setattr("app.cli_visit_list.read_visits", lambda path: None)
    slow = cli("--db", db_path, "visits", "list")
    assert fast.code == slow.code == 0
    return fast.out, slow.out


@pytest.mark.parametrize(
    ("lang", "reported", "completed"),
    [
        ("lv", "Atskaite iesniegta", "Notikusi"),
        ("en", "Reported", "Completed"),
    ],
)
def test_statuses_are_the_translated_labels_on_both_paths(
    cli, db, db_path, monkeypatch, lang, reported, completed
):
    load_demo(db)
    with db.write() as session:  # one visit completed but not yet reported
        from sqlalchemy import select

        from db.models import Visit

        session.scalars(
            select(Visit).where(Visit.code == "DEMO-BERGEN-2014")
        ).one().status = "completed"
    monkeypatch.setenv("STUDYVISIT_LANG", lang)
    fast, slow = _both_paths(cli, monkeypatch, db_path)
    assert fast == slow
    lines = {line.split()[0]: line for line in fast.splitlines() if line.startswith("DEMO-")}
    assert completed in lines["DEMO-BERGEN-2014"]
    assert any(reported in line for line in lines.values())
    for code in ("reported", "completed", "planned", "confirmed", "draft"):
        assert f" {code} " not in fast


def test_json_keeps_the_stored_status_codes(cli, db, db_path, monkeypatch):
    load_demo(db)
    monkeypatch.setenv("STUDYVISIT_LANG", "lv")
    listed = json.loads(cli("--db", db_path, "visits", "list", "--json").out)
    assert "reported" in {v["status"] for v in listed}
