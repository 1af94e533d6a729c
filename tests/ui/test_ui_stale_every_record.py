"""Two coordinators, two sessions on one database (a SQLite file opened twice, and a shared
PostgreSQL database): every kind of record the window edits — visit fields, programme items
(fields, times, outcomes), participants and their needs, people, institutions, projects,
travel, stays, rooms and report texts — sends the version it showed. A colleague's save in
between is refused with "changed by someone else — reload" and kept; after a reload the
same edit goes through.
"""

from __future__ import annotations

import datetime as dt
import shutil
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from db.engine import Database
from ui.main_window import MainWindow

STALE = "This was changed by someone else in the meantime. Reload and try again."


@pytest.fixture(scope="module")
def pg_server(tmp_path_factory: pytest.TempPathFactory):
    pgserver = pytest.importorskip("pgserver")
    pytest.importorskip("psycopg")
    folder = tmp_path_factory.mktemp("pg")
    server = pgserver.get_server(str(folder), cleanup_mode="stop")
    yield server.get_uri().replace("postgresql://", "postgresql+psycopg://", 1)
    server.cleanup()
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def sessions(request: pytest.FixtureRequest, db_path):
    """(the window's database, the colleague's): two engines on the same data."""
    from app.storage import open_database

    if request.param == "sqlite":
        url = f"sqlite:///{db_path}"
    else:
        import psycopg

        base = request.getfixturevalue("pg_server")
        name = f"t_{uuid.uuid4().hex[:12]}"
        plain = base.replace("postgresql+psycopg://", "postgresql://", 1)
        with psycopg.connect(plain, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        url = base.replace("/postgres?", f"/{name}?", 1)
    mine, theirs = open_database(url), Database(url)
    yield mine, theirs
    mine.dispose()
    theirs.dispose()


@dataclass
class Record:
    """How the window edits one kind of record, and how a colleague changes it."""

    make: Callable[[Database], dict[str, Any]]  # rows made first; returns their ids
    show: Callable[[MainWindow, dict[str, Any]], Any]  # the page showing the row
    edit: Callable[[Any, str, Any], str]  # the window's edit → problem shown
    theirs: Callable[[Database, dict[str, Any], str], None]  # the colleague's save
    read: Callable[[Database, dict[str, Any]], str]  # the value stored now


def _visit(db: Database) -> dict[str, Any]:
    from app.services.people import add_participant, create_person
    from app.services.visits import create_visit

    visit = create_visit(
        db,
        code="LPS-BERGEN",
        title="LPS valde Bergenā",
        country="NO",
        city="Bergen",
        timezone="Europe/Oslo",
        start_date=dt.date(2026, 4, 6),
        end_date=dt.date(2026, 4, 9),
    )
    person = create_person(db, given_name="Jānis", family_name="Bērziņš")
    part = add_participant(db, visit.id, person.id, status="confirmed")
    return {"visit": visit.id, "person": person.id, "part": part.id}


def _tab(window: MainWindow, ids: dict[str, Any], name: str) -> Any:
    window.open_visit(ids["visit"])
    tab = window.workspace._tab(name)
    window.workspace.tabs.setCurrentWidget(tab)
    tab.reload()
    return tab


def _type(binder: Any, name: str, text: str) -> str:
    widget = binder.fields[name].widget
    if hasattr(widget, "setPlainText"):
        widget.setPlainText(text)
    else:
        widget.setText(text)
    widget.editingFinished.emit()
    return binder.problem.text()


def _dialog(
    monkeypatch: pytest.MonkeyPatch, name: str, text: str, open_it: Callable[[], None]
) -> str:
    """Open a FormDialog through the window, type ``text`` into ``name``, press OK."""
    from ui.dialogs.form_dialog import FormDialog

    seen: list[FormDialog] = []

    def run(dialog: FormDialog) -> int:
        seen.append(dialog)
        dialog.fields[name].widget.setText(text)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(FormDialog, "exec", run)
    open_it()
    return seen[-1].problem.text()


# --------------------------------------------------------------------------- the records


def _item(db: Database) -> dict[str, Any]:
    from app.services.programme import create_programme_item

    ids = _visit(db)
    ids["item"] = create_programme_item(
        db,
        ids["visit"],
        title="Rātsnams",
        starts=dt.datetime(2026, 4, 7, 10),
        ends=dt.datetime(2026, 4, 7, 11),
    ).id
    return ids


def _programme(window: MainWindow, ids: dict[str, Any]) -> Any:
    tab = _tab(window, ids, "programme")
    tab.select_item(ids["item"])
    return tab.form


def _set_item(field: str) -> Callable[[Database, dict[str, Any], str], None]:
    def save(db: Database, ids: dict[str, Any], value: str) -> None:
        from app.services.programme import update_programme_item

        update_programme_item(db, ids["item"], None, **{field: value})

    return save


def _get_item(field: str) -> Callable[[Database, dict[str, Any]], str]:
    def read(db: Database, ids: dict[str, Any]) -> str:
        from app.services.programme import get_programme_item

        return str(getattr(get_programme_item(db, ids["item"]), field))

    return read


def _item_time(form: Any, _name: str, hour: Any) -> str:
    starts = dt.datetime(2026, 4, 7, int(hour))
    form.save_times(starts, starts + dt.timedelta(hours=1))
    return form.problem.text()


def _outcome(window: MainWindow, ids: dict[str, Any]) -> Any:
    tab = _tab(window, ids, "report")
    tab.outcomes.choose(ids["item"])
    return tab


def _type_outcome(tab: Any, _name: str, text: str) -> str:
    tab.outcomes.note.setPlainText(text)
    tab.outcomes.save()
    return tab.problem.text()


def _participants(window: MainWindow, ids: dict[str, Any]) -> Any:
    tab = _tab(window, ids, "participants")
    tab.select(ids["part"])
    return tab


def _set_part(db: Database, ids: dict[str, Any], value: str) -> None:
    from app.services.people import update_participation

    update_participation(db, ids["part"], None, notes=value)


def _get_part(db: Database, ids: dict[str, Any]) -> str:
    from app.services.people import list_participations

    return next(p.notes for p in list_participations(db, ids["visit"]) if p.id == ids["part"])


def _set_person(field: str) -> Callable[[Database, dict[str, Any], str], None]:
    def save(db: Database, ids: dict[str, Any], value: str) -> None:
        from app.services.people import update_person

        update_person(db, ids["person"], None, **{field: value})

    return save


def _get_person(field: str) -> Callable[[Database, dict[str, Any]], str]:
    def read(db: Database, ids: dict[str, Any]) -> str:
        from app.services.people import get_person

        return str(getattr(get_person(db, ids["person"]), field))

    return read


def _people(window: MainWindow, ids: dict[str, Any]) -> Any:
    page = window.people_page
    page.reload()
    page.select(ids["person"])
    return page


def _org(db: Database) -> dict[str, Any]:
    from app.services.directory import create_organisation

    return {"org": create_organisation(db, name="Bergen kommune", country="NO").id}


def _institutions(window: MainWindow, ids: dict[str, Any]) -> Any:
    window.show_section("institutions")
    page = window.institutions_page
    page.reload()
    page.select(ids["org"])
    return page


def _set_org(db: Database, ids: dict[str, Any], value: str) -> None:
    from app.services.directory import update_organisation

    update_organisation(db, ids["org"], None, city=value)


def _get_org(db: Database, ids: dict[str, Any]) -> str:
    from app.services.directory import get_organisation

    return str(get_organisation(db, ids["org"]).city)


def _project(db: Database) -> dict[str, Any]:
    from app.services.projects import create_project

    return {"project": create_project(db, code="LV-NO-2026", title="Sadarbība").id}


def _projects(window: MainWindow, ids: dict[str, Any]) -> Any:
    window.show_section("projects")
    page = window._directory("projects")
    page.reload()
    page.select(ids["project"])
    return page


def _set_project(db: Database, ids: dict[str, Any], value: str) -> None:
    from app.services.projects import update_project

    update_project(db, ids["project"], None, funder=value)


def _get_project(db: Database, ids: dict[str, Any]) -> str:
    from app.services.projects import get_project

    return str(get_project(db, ids["project"]).funder)


def _leg(db: Database) -> dict[str, Any]:
    from app.services.logistics import create_stay, create_travel_leg

    ids = _visit(db)
    ids["leg"] = create_travel_leg(
        db,
        ids["visit"],
        mode="flight",
        from_place="Rīga",
        from_timezone="Europe/Riga",
        departs=dt.datetime(2026, 4, 6, 9, 5),
        to_place="Bergen",
        to_timezone="Europe/Oslo",
        arrives=dt.datetime(2026, 4, 6, 10, 40),
    ).id
    ids["stay"] = create_stay(
        db,
        ids["visit"],
        name="Hotel Norge",
        check_in=dt.date(2026, 4, 6),
        check_out=dt.date(2026, 4, 9),
    ).id
    from app.services.logistics import create_room

    ids["room"] = create_room(db, ids["stay"], label="101", type="single").id
    return ids


def _logistics(table: str) -> Callable[[MainWindow, dict[str, Any]], Any]:
    def show(window: MainWindow, ids: dict[str, Any]) -> Any:
        tab = _tab(window, ids, "logistics")
        getattr(tab, table).selectRow(0)
        return tab

    return show


def _edit_in_dialog(method: str, monkeypatch: pytest.MonkeyPatch) -> Callable[..., str]:
    def edit(tab: Any, name: str, text: str) -> str:
        return _dialog(monkeypatch, name, text, getattr(tab, method))

    return edit


def _set_logistics(kind: str, field: str) -> Callable[[Database, dict[str, Any], str], None]:
    def save(db: Database, ids: dict[str, Any], value: str) -> None:
        from app.services import logistics

        getattr(logistics, f"update_{kind}")(db, ids[kind.split("_")[-1]], None, **{field: value})

    return save


def _get_logistics(kind: str, field: str) -> Callable[[Database, dict[str, Any]], str]:
    def read(db: Database, ids: dict[str, Any]) -> str:
        from app.services import logistics

        return str(getattr(getattr(logistics, f"get_{kind}")(db, ids[kind.split("_")[-1]]), field))

    return read


def _report(db: Database) -> dict[str, Any]:
    from app.services.reports import create_report

    ids = _visit(db)
    ids["report"] = create_report(db, ids["visit"], summary="Pirmais uzmetums").id
    return ids


def _summary(tab: Any, _name: str, text: str) -> str:
    tab.summary.setPlainText(text)
    tab.save_text("summary")
    return tab.problem.text()


def _set_report(db: Database, ids: dict[str, Any], value: str) -> None:
    from app.services.reports import update_report

    update_report(db, ids["report"], None, summary=value)


def _get_report(db: Database, ids: dict[str, Any]) -> str:
    from app.services.reports import get_report

    return str(get_report(db, ids["report"]).summary)


def _overview(window: MainWindow, ids: dict[str, Any]) -> Any:
    window.open_visit(ids["visit"])
    tab = window.workspace.overview
    tab.reload()
    return tab.binder


def _set_visit(db: Database, ids: dict[str, Any], value: str) -> None:
    from app.services.visits import update_visit

    update_visit(db, ids["visit"], None, title=value)


def _get_visit(db: Database, ids: dict[str, Any]) -> str:
    from app.services.visits import get_visit

    return get_visit(db, ids["visit"]).title


def _records(monkeypatch: pytest.MonkeyPatch) -> dict[str, tuple[Record, str, Any, Any]]:
    """name → (record, field, the colleague's value, the window's value)."""
    binder = lambda page, name, text: _type(page.binder, name, text)  # noqa: E731
    return {
        "visit": (
            Record(_visit, _overview, lambda b, n, t: _type(b, n, t), _set_visit, _get_visit),
            "title",
            "Bergena (kolēģis)",
            "Bergena (es)",
        ),
        "programme item": (
            Record(_item, _programme, binder, _set_item("title"), _get_item("title")),
            "title",
            "Rātsnams (kolēģis)",
            "Rātsnams (es)",
        ),
        "programme time": (
            Record(_item, _programme, _item_time, _set_item("venue"), _get_item("starts")),
            "starts",
            "Zāle B",
            14,
        ),
        "outcome": (
            Record(_item, _outcome, _type_outcome, _set_item("outcome"), _get_item("outcome")),
            "outcome",
            "Kolēģa secinājums",
            "Mans secinājums",
        ),
        "participant": (
            Record(_visit, _participants, binder, _set_part, _get_part),
            "notes",
            "Kolēģa piezīme",
            "Mana piezīme",
        ),
        "needs": (
            Record(
                _visit,
                _participants,
                lambda tab, n, t: _type(tab.needs, n, t),
                _set_person("dietary"),
                _get_person("dietary"),
            ),
            "dietary",
            "Bez glutēna",
            "Veģetārs",
        ),
        "person": (
            Record(_visit, _people, binder, _set_person("email"), _get_person("email")),
            "email",
            "kolegis@lps.lv",
            "es@lps.lv",
        ),
        "institution": (
            Record(_org, _institutions, binder, _set_org, _get_org),
            "city",
            "Bergen",
            "Bergena",
        ),
        "project": (
            Record(_project, _projects, binder, _set_project, _get_project),
            "funder",
            "EEZ",
            "Norvēģijas finanšu instruments",
        ),
        "travel": (
            Record(
                _leg,
                _logistics("leg_table"),
                _edit_in_dialog("edit_leg", monkeypatch),
                _set_logistics("travel_leg", "carrier"),
                _get_logistics("travel_leg", "carrier"),
            ),
            "carrier",
            "airBaltic",
            "Norwegian",
        ),
        "stay": (
            Record(
                _leg,
                _logistics("stay_table"),
                _edit_in_dialog("edit_stay", monkeypatch),
                _set_logistics("stay", "phone"),
                _get_logistics("stay", "phone"),
            ),
            "phone",
            "+47 55 00 00 00",
            "+47 55 11 11 11",
        ),
        "room": (
            Record(
                _leg,
                _logistics("room_table"),
                _edit_in_dialog("edit_room", monkeypatch),
                _set_logistics("room", "label"),
                _get_logistics("room", "label"),
            ),
            "label",
            "102",
            "103",
        ),
        "report text": (
            Record(
                _report, lambda w, ids: _tab(w, ids, "report"), _summary, _set_report, _get_report
            ),
            "summary",
            "Kolēģa kopsavilkums",
            "Mans kopsavilkums",
        ),
    }


NAMES = [
    "visit",
    "programme item",
    "programme time",
    "outcome",
    "participant",
    "needs",
    "person",
    "institution",
    "project",
    "travel",
    "stay",
    "room",
    "report text",
]


@pytest.mark.parametrize("name", NAMES)
def test_a_record_changed_by_a_colleague_is_not_overwritten(
    qtbot, sessions, monkeypatch, warnings_shown, name: str
) -> None:
    mine, theirs = sessions
    record, field, their_value, my_value = _records(monkeypatch)[name]
    ids = record.make(mine)
    window = MainWindow(mine)
    qtbot.addWidget(window)
    page = record.show(window, ids)

    record.theirs(theirs, ids, their_value)  # saved by the colleague, unseen by the window
    before = record.read(theirs, ids)
    problem = record.edit(page, field, my_value)
    assert problem == STALE or warnings_shown == [STALE], (problem, warnings_shown)
    assert record.read(theirs, ids) == before  # the colleague's save stands
    assert window.context.stack.count() == 0

    # Reloaded, the window edits the row as it is now; undo and redo are its own steps.
    page = record.show(window, ids)
    warnings_shown.clear()
    record.edit(page, field, my_value)
    mine_now = record.read(theirs, ids)
    assert mine_now != before
    stack = window.context.stack
    stack.undo()
    assert record.read(theirs, ids) == before
    stack.redo()
    assert record.read(theirs, ids) == mine_now
    assert warnings_shown == []
