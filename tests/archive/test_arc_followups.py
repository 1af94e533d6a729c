"""The coordinator's to-do list: open actions of every visit, soonest due first, overdue
ones flagged, done/dropped/deleted ones left out unless asked."""

from __future__ import annotations

import datetime as dt
import json
import shutil

from app.services import reports, visits
from app.services.followups import follow_ups, overdue_count


def add(db, code, action, due, owner="Ligita Pudža", status="open"):
    visit = visits.find_visit(db, code)
    report = reports.report_for_visit(db, visit.id) or reports.create_report(db, visit.id)
    return reports.create_follow_up(
        db, report.id, action=action, owner=owner, due=due, status=status
    )


def test_open_actions_of_all_visits_soonest_first_with_overdue_flag(demo_db):
    add(demo_db, "DEMO-POLAND-2023", "Nosūtīt GZM prezentācijas", dt.date(2030, 5, 1))
    add(
        demo_db,
        "DEMO-BERGEN-2014",
        "Atjaunot kontaktus ar BIR",
        dt.date(2030, 3, 1),
        owner="Līga Eglīte",
    )
    add(demo_db, "DEMO-POZNAN-2013", "Bez termiņa", None)
    actions = follow_ups(demo_db, today=dt.date(2030, 4, 1))
    assert all(a.status == "open" for a in actions)
    dues = [a.due for a in actions]
    dated = [d for d in dues if d is not None]
    assert dated == sorted(dated) and dues[-1] is None  # undated last
    mine = {a.action: a for a in actions}
    assert mine["Atjaunot kontaktus ar BIR"].overdue
    assert mine["Atjaunot kontaktus ar BIR"].visit_code == "DEMO-BERGEN-2014"
    assert not mine["Nosūtīt GZM prezentācijas"].overdue
    assert not mine["Bez termiņa"].overdue
    assert overdue_count(demo_db, today=dt.date(2030, 4, 1)) == sum(a.overdue for a in actions)


def test_done_and_dropped_are_not_open_and_never_overdue(demo_db):
    # The demo Bergen report has done and dropped actions dated 2014.
    everything = follow_ups(
        demo_db, statuses=("open", "done", "dropped"), today=dt.date(2030, 1, 1)
    )
    closed = [a for a in everything if a.status != "open"]
    assert closed and not any(a.overdue for a in closed)
    assert {a.id for a in closed}.isdisjoint(a.id for a in follow_ups(demo_db))


def test_owner_filter_and_deleted_visit(demo_db):
    add(demo_db, "DEMO-POLAND-2023", "Sagatavot atskaiti", dt.date(2030, 5, 1), owner="Līga Eglīte")
    assert {a.owner for a in follow_ups(demo_db, owner="līga")} == {"Līga Eglīte"}
    visit = visits.find_visit(demo_db, "DEMO-POLAND-2023")
    visits.delete_visit(demo_db, visit.id, visit.version)
    assert all(a.visit_code != "DEMO-POLAND-2023" for a in follow_ups(demo_db))


def test_marking_done_removes_it_from_the_open_list(demo_db):
    made = add(demo_db, "DEMO-POLAND-2023", "Pateicības vēstules", dt.date(2030, 1, 10))
    reports.update_follow_up(demo_db, made.id, made.version, status="done")
    assert made.id not in {a.id for a in follow_ups(demo_db)}


def test_cli_followups(cli, demo_template, tmp_path):
    path = tmp_path / "d.db"
    shutil.copyfile(demo_template, path)
    listed = json.loads(cli("--db", path, "followups", "--json").out)
    assert listed and all(a["status"] == "open" for a in listed)
    assert [a["due"] for a in listed if a["due"]] == sorted(a["due"] for a in listed if a["due"])
    every = json.loads(cli("--db", path, "followups", "--all", "--json").out)
    assert len(every) > len(listed)
    run = cli("--db", path, "followups")
    assert run.code == 0 and run.out.splitlines()[0].split()[:3] == ["Due", "Status", "Visit"]
