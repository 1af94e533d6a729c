"""Actions of many rows are named operations (``app.operations``): each is one undo step
whose name the status bar gives after Undo ("Undone: Import ECB file") and Redo, and undo
and redo put back exactly what was there — here on the third day of the four-day Bergen
visit (2–5 April 2014): a reduced day, parallel tracks, the allowance lines written with
it, the ECB rates of the visit's days."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal as D

import pytest

from app.services.allowances import allowance_inputs
from app.services.budget import list_exchange_rates
from app.services.budget_report import visit_budget
from app.services.programme import create_programme_item, list_programme
from tests.ui.conftest import open_tab

BERGEN = "DEMO-BERGEN-2014"
THIRD_DAY = dt.date(2014, 4, 4)
RATES = "country;daily;accommodation_cap;valid_from;source\nNO;70,00;100;2011-11-01;test table\n"


def step_back_and_forth(
    window, name: str, undone: Callable[[], object], redone: Callable[[], object]
) -> None:
    """Undo the last step, then redo it, from the window's Edit menu; each time the status
    bar names the operation and the data is as it was before, then as the step left it."""
    window.undo_action.trigger()
    assert window.statusBar().currentMessage() == f"Undone: {name}"
    assert undone()
    window.redo_action.trigger()
    assert window.statusBar().currentMessage() == f"Redone: {name}"
    assert redone()


@pytest.fixture
def bergen(demo_db):
    return visit_budget(demo_db, BERGEN).visit_id


def reduced(db) -> dict[int, frozenset[dt.date]]:
    return {k: v for k, v in allowance_inputs(db, BERGEN).reduced.items() if v}


def allowance_line_ids(db) -> set[int]:
    return {
        o.line.id
        for o in visit_budget(db, BERGEN).totals.lines
        if o.line.category == "daily_allowance"
    }


def test_allowance_operations_are_named_after_undo_and_redo(
    qtbot, demo_db, bergen, tmp_path
) -> None:
    from ui.dialogs.allowance_rates import AllowanceRatesDialog

    window, tab = open_tab(qtbot, demo_db, bergen, "allowances")
    rates_file = tmp_path / "rates.csv"
    rates_file.write_text(RATES, encoding="utf-8")
    dialog = AllowanceRatesDialog(window.context, window)
    qtbot.addWidget(dialog)
    dialog.import_csv(str(rates_file))
    dialog.close()
    step_back_and_forth(
        window,
        "Import allowance rates",
        lambda: not any(r.country == "NO" and r.source == "test table" for r in _rates(demo_db)),
        lambda: any(r.source == "test table" for r in _rates(demo_db)),
    )
    tab.reload()

    first = tab.plan.travellers[0].person_id
    tab.set_reduced_days(first, {THIRD_DAY})
    assert reduced(demo_db) == {first: frozenset({THIRD_DAY})}
    step_back_and_forth(
        window,
        "Change reduced days",
        lambda: reduced(demo_db) == {},
        lambda: reduced(demo_db) == {first: frozenset({THIRD_DAY})},
    )

    tab.select_person(first)
    tab.same_days_for_everyone()
    everyone = {t.person_id: frozenset({THIRD_DAY}) for t in tab.plan.travellers}
    assert reduced(demo_db) == everyone and len(everyone) == 10
    step_back_and_forth(
        window,
        "Same reduced days for everyone",
        lambda: reduced(demo_db) == {first: frozenset({THIRD_DAY})},
        lambda: reduced(demo_db) == everyone,
    )

    tab.share.setValue(50)
    step_back_and_forth(
        window,
        "Change the reduced share",
        lambda: allowance_inputs(demo_db, BERGEN).stored_share is None,
        lambda: allowance_inputs(demo_db, BERGEN).stored_share == D("50"),
    )

    before = allowance_line_ids(demo_db)
    tab.make_lines()
    written = allowance_line_ids(demo_db)
    assert len(written) == 20 and not written & before  # full days and the reduced day
    # the very rows come back on redo, not a second set
    step_back_and_forth(
        window,
        "Make daily-allowance lines",
        lambda: allowance_line_ids(demo_db) == before,
        lambda: allowance_line_ids(demo_db) == written,
    )
    amounts = {
        o.line.quantity * o.line.unit_price
        for o in visit_budget(demo_db, BERGEN).totals.lines
        if o.line.category == "daily_allowance"
    }
    assert amounts == {D("210.00"), D("35.00")}  # 3 × 70, and the third day at 50 %


def _rates(db):
    from app.services.budget import list_allowance_rates

    return list_allowance_rates(db)


def test_budget_and_programme_operations_are_named_after_undo_and_redo(
    qtbot, demo_db, bergen, tmp_path
) -> None:
    window, tab = open_tab(qtbot, demo_db, bergen, "budget")
    ecb = tmp_path / "eurofxref.csv"
    ecb.write_text("Date, USD, NOK, \n1 April 2014, 1.3800, 8.2400, \n", encoding="utf-8")
    tab.ask_reprice = lambda question: True

    def rates() -> list[tuple]:
        return sorted(
            (r.currency, r.per_base, r.date, r.source) for r in list_exchange_rates(demo_db, bergen)
        )

    def said(text: str) -> bool:
        return window.statusBar().currentMessage() == text

    first = rates()
    tab.import_ecb(str(ecb))  # the import keeps the plan's rate; re-pricing is a step
    repriced = rates()
    window.undo_action.trigger()
    assert said("Undone: Re-price the plan")
    imported = rates()
    assert imported != repriced and ("NOK", D("8.2550"), dt.date(2014, 3, 31), "ECB") in imported
    window.undo_action.trigger()
    assert said("Undone: Import ECB file") and rates() == first
    window.redo_action.trigger()
    assert said("Redone: Import ECB file") and rates() == imported
    window.redo_action.trigger()
    assert said("Redone: Re-price the plan") and rates() == repriced

    tab.reload()
    ids = [o.line.id for o in tab.budget.totals.lines[:2]]
    grant = int(tab.budget.sources[1].key)
    tab.set_lines(ids, {"funding_source_id": grant})

    def sources() -> set[str | None]:
        return {
            o.line.funding for o in visit_budget(demo_db, BERGEN).totals.lines if o.line.id in ids
        }

    assert sources() == {str(grant)}
    step_back_and_forth(
        window,
        "Change 2 budget lines",
        lambda: str(grant) not in sources(),
        lambda: sources() == {str(grant)},
    )

    # two sessions at once on the third day, in two tracks
    for title, track in (
        ("BIR enerģijas stacija", "Enerģētika"),
        ("Atkritumu šķirošana", "Atkritumi"),
    ):
        create_programme_item(
            demo_db,
            bergen,
            title=title,
            track=track,
            starts=dt.datetime.combine(THIRD_DAY, dt.time(16)),
            ends=dt.datetime.combine(THIRD_DAY, dt.time(18)),
        )
    programme = window.workspace.programme
    window.workspace.tabs.setCurrentWidget(programme)
    dialog = programme.assign_tracks(exec_dialog=False)
    dialog.share_evenly()
    dialog.ok_button.click()

    def placed() -> bool:
        return not any(
            i.attendees_all
            for i in list_programme(demo_db, bergen)
            if i.track and i.starts.date() == THIRD_DAY
        )

    assert placed()
    step_back_and_forth(window, "Assign people to tracks", lambda: not placed(), placed)


PARTICIPANTS = """Vārds;Uzvārds;E-pasts;Iestāde;Loma;Statuss;Ierašanās
Zane;Pūce;zane@example.lv;Ogres novada dome;delegāts;apstiprināts;04.04.2014
Oskars;Vējš;oskars@example.lv;Ogres novada dome;tulks;;04.04.2014
"""


def test_file_and_directory_operations_are_named_after_undo_and_redo(
    qtbot, demo_db, bergen, tmp_path, monkeypatch, answer_yes
) -> None:
    """A participant list arriving on the third day, a duplicate person and institution
    merged, the visit replaced from its own file: each one named step."""
    from app.interchange.visit_file import export_visit
    from app.services.directory import create_organisation, list_organisations
    from app.services.people import add_participant, create_person, list_participations
    from app.services.visits import update_visit
    from ui.dialogs.import_participants import ImportParticipantsDialog

    window, tab = open_tab(qtbot, demo_db, bergen, "participants")
    people = len(list_participations(demo_db, bergen))
    path = tmp_path / "saraksts.csv"
    path.write_text(PARTICIPANTS, encoding="utf-8")
    monkeypatch.setattr(
        ImportParticipantsDialog, "exec", lambda dialog: (dialog.accept(), dialog.result())[1]
    )
    assert tab.import_file(str(path))

    def arrived() -> list:
        return sorted(
            p.arrives
            for p in list_participations(demo_db, bergen)
            if p.person.family_name in ("Pūce", "Vējš")
        )

    assert arrived() == [THIRD_DAY, THIRD_DAY]
    step_back_and_forth(
        window,
        "Import 2 participants",
        lambda: len(list_participations(demo_db, bergen)) == people,
        lambda: arrived() == [THIRD_DAY, THIRD_DAY],
    )

    keep = create_person(demo_db, given_name="Gints", family_name="Kalniņš")
    twin = create_person(demo_db, given_name="Gints", family_name="Kalnins")
    add_participant(demo_db, bergen, twin.id, status="confirmed", arrives=THIRD_DAY)
    page = window.people_page
    page.reload()
    assert page.merge_into(twin.id, keep.id, "Gints Kalnins", "Gints Kalniņš")

    def on_visit(person_id: int) -> bool:
        return any(p.person_id == person_id for p in list_participations(demo_db, bergen))

    step_back_and_forth(
        window,
        "Merge Gints Kalnins into Gints Kalniņš",
        lambda: on_visit(twin.id) and not on_visit(keep.id),
        lambda: on_visit(keep.id) and not on_visit(twin.id),
    )

    first = create_organisation(demo_db, name="Bergenas kommūna", country="NO")
    second = create_organisation(demo_db, name="Bergen kommune", country="NO")
    institutions = window.institutions_page
    institutions.reload()
    assert institutions.merge_into(second.id, first.id, second.name, first.name)

    def names() -> set[str]:
        return {o.name for o in list_organisations(demo_db)}

    step_back_and_forth(
        window,
        "Merge Bergen kommune into Bergenas kommūna",
        lambda: {"Bergen kommune", "Bergenas kommūna"} <= names(),
        lambda: "Bergen kommune" not in names(),
    )

    own_file = tmp_path / "bergen.json"
    own_file.write_text(export_visit(demo_db, BERGEN, include_sensitive=True), encoding="utf-8")
    title = _title(demo_db)
    update_visit(demo_db, bergen, None, title="Mainīts nosaukums")
    window.import_visit_file(str(own_file), choose=lambda parent, code: "replace")
    step_back_and_forth(
        window,
        f"Replace visit {BERGEN} from a file",
        lambda: _title(demo_db) == "Mainīts nosaukums",
        lambda: _title(demo_db) == title,
    )


def _title(db) -> str:
    from app.services.visits import find_visit

    return find_visit(db, BERGEN).title
