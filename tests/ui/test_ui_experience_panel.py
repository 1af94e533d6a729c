"""The experience side panel (issue 18): a coordinator plans a visit to Bergen, names the
waste company as a meeting's host, and the panel offers — unasked — what the 2024 visit
learned there, warns that the same host was visited on the same topic two years ago, and
opens that visit at its lesson with one click."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.i18n import set_language
from app.services import directory, programme, reports, visits
from app.services.experience import experience
from ui.main_window import MainWindow
from ui.visit.experience_panel import PLACE_ROLE, ExperiencePanel


def _planning(qtbot, db):
    bir = directory.create_organisation(db, name="BIR AS", city="Bergen")
    earlier = visits.create_visit(
        db,
        code="BRG-2024",
        title="Bergena 2024",
        timezone="Europe/Oslo",
        start_date="2024-05-06",
        end_date="2024-05-08",
        city="Bergen",
        topics=["atkritumu apsaimniekošana"],
    )
    programme.create_programme_item(
        db,
        earlier.id,
        starts="2024-05-06T10:00",
        ends="2024-05-06T11:00",
        timezone="Europe/Oslo",
        title="BIR",
        host_id=bir.id,
        outcome="Vienots tarifs",
    )
    report = reports.create_report(db, earlier.id)
    lesson = reports.create_lesson(db, report.id, text="Kopīgs uzņēmums ar vienotu tarifu")
    new = visits.create_visit(
        db,
        code="NEW-2026",
        title="Jaunā vizīte",
        timezone="Europe/Oslo",
        start_date="2026-04-06",
        end_date="2026-04-09",
        topics=["Atkritumu apsaimniekošana"],
    )
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    qtbot.waitExposed(window)
    window.open_visit(new.id)
    panel = window.workspace.findChild(ExperiencePanel)
    qtbot.waitUntil(lambda: panel.found is not None)
    return window, panel, bir, new, earlier, lesson


def _rows(panel):
    out = []
    for g in range(panel.tree.topLevelItemCount()):
        group = panel.tree.topLevelItem(g)
        out.append(
            (
                group.text(0),
                [group.child(i).text(0).split("\n")[0] for i in range(group.childCount())],
            )
        )
    return out


def test_a_host_named_brings_what_the_region_knows(qtbot, db):
    window, panel, bir, new, earlier, _lesson = _planning(qtbot, db)
    assert not panel.warnings.isVisibleTo(panel)  # a topic alone: nothing met yet
    assert _rows(panel) == []
    # the coordinator names BIR as a meeting's host: the panel answers unasked
    programme.create_programme_item(
        db,
        new.id,
        starts="2026-04-07T10:00",
        ends="2026-04-07T11:00",
        timezone="Europe/Oslo",
        title="BIR",
        host_id=bir.id,
    )
    window.context.notify()
    qtbot.waitUntil(lambda: panel.tree.topLevelItemCount() > 0)
    assert _rows(panel) == [
        ("Earlier visits there (1)", ["BRG-2024 · 05/06/2024"]),
        ("Lessons learned (1)", ["Kopīgs uzņēmums ar vienotu tarifu"]),
        ("Meeting outcomes with the hosts (1)", ["Vienots tarifs"]),
    ]
    assert panel.warnings.isVisibleTo(panel)
    assert (
        "BIR AS was visited on “Atkritumu apsaimniekošana” on May 6, 2024" in panel.warnings.text()
    )

    # one click on the lesson opens the earlier visit's Report tab at that lesson
    row = panel.tree.topLevelItem(1).child(0)
    assert row.data(0, PLACE_ROLE) == "lesson"
    rect = panel.tree.visualItemRect(row)
    qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.workspace.visit_id == earlier.id
    report = window.workspace.tabs.currentWidget()
    assert report.lessons.currentItem().text().startswith("Kopīgs uzņēmums")


def test_an_unrelated_change_does_not_ask_again(qtbot, db, monkeypatch):
    from app.services import experience

    window, panel, *_rest = _planning(qtbot, db)
    calls = []
    monkeypatch.setattr(experience, "experience", lambda *a, **k: calls.append(a))
    visits.update_visit(db, panel.visit_id, None, notes="Tikai piezīme")
    window.context.notify()
    qtbot.wait(20)
    assert calls == []


def test_latvian_panel(qtbot, db):
    set_language("lv")
    _window, panel, *_rest = _planning(qtbot, db)
    assert panel.hint.text().startswith("Agrāku vizīšu pie šiem uzņēmējiem")


def test_asked_off_the_ui_thread_and_never_shown_as_current_when_older(qtbot, db):
    """The panel asks in a worker: meanwhile the earlier answer is greyed under a line
    saying it is being looked up again; a host named while it asks is asked for after."""
    _window, panel, bir, new, _earlier, _lesson = _planning(qtbot, db)
    programme.create_programme_item(
        db,
        new.id,
        starts="2026-04-07T10:00",
        ends="2026-04-07T11:00",
        timezone="Europe/Oslo",
        title="BIR",
        host_id=bir.id,
    )
    panel.refresh()
    assert panel.busy
    assert not panel.tree.isEnabled() and panel.hint.text().startswith("Looking again")
    other = directory.create_organisation(db, name="Oslo kommune", city="Oslo")
    programme.create_programme_item(
        db,
        new.id,
        starts="2026-04-08T10:00",
        ends="2026-04-08T11:00",
        timezone="Europe/Oslo",
        title="Oslo",
        host_id=other.id,
    )
    panel.refresh()  # while the first asking runs: asked again after it
    qtbot.waitUntil(lambda: not panel.busy and panel.tree.isEnabled(), timeout=10_000)
    assert panel.subject.host_ids == tuple(sorted((bir.id, other.id)))
    assert panel.found.subject == panel.subject
    assert _rows(panel)[0] == ("Earlier visits there (1)", ["BRG-2024 · 05/06/2024"])


def _fourth_day_item(qtbot, window, new):
    """The Programme tab shown, an item added on the visit's fourth day and chosen."""
    import datetime as dt

    page = window.workspace.programme
    window.workspace.tabs.setCurrentWidget(page)
    item_id = page.add_item(
        starts=dt.datetime(2026, 4, 9, 14, 0), ends=dt.datetime(2026, 4, 9, 15, 0)
    )
    page.select_item(item_id)
    assert page.form.item.id == item_id and page.form.day.currentData().day == 9
    return page, item_id


def _settled(qtbot, panel):
    """The answer painted and, after a host's save, read once more (nothing pending)."""
    qtbot.waitUntil(lambda: not panel.busy and panel.tree.isEnabled(), timeout=10_000)
    qtbot.wait(30)
    qtbot.waitUntil(lambda: not panel.busy, timeout=10_000)


def test_a_host_chosen_in_the_form_is_asked_about_before_it_is_saved(qtbot, db, monkeypatch):
    """The coordinator chooses BIR for a meeting on the fourth day: the panel asks at the
    choice, while the save is still to be made, and offers what it would have offered
    after the save — the same answer as the service gives for the saved visit."""
    from app.services import experience as service

    window, panel, bir, new, _earlier, _lesson = _planning(qtbot, db)
    page, item_id = _fourth_day_item(qtbot, window, new)
    asked = []
    ask = ExperiencePanel._ask

    def spy(self, subject, **kw):
        saved = programme.get_programme_item(db, item_id).host_id
        asked.append((subject.host_ids, saved))
        return ask(self, subject, **kw)

    monkeypatch.setattr(ExperiencePanel, "_ask", spy)
    page.form.host.pick(bir.id, "BIR AS")
    assert asked[0] == ((bir.id,), None)  # asked with BIR while the item had no host yet
    assert programme.get_programme_item(db, item_id).host_id == bir.id  # then saved
    _settled(qtbot, panel)
    assert panel.subject == service.subject_of(db, new.id)
    fresh = service.experience(db, panel.subject, kept=False)
    assert panel.found == fresh  # not one row, count or warning differs
    assert _rows(panel)[0] == ("Earlier visits there (1)", ["BRG-2024 · 05/06/2024"])
    assert "BIR AS was visited on “Atkritumu apsaimniekošana”" in panel.warnings.text()
    # read once more after the save: asked again with nothing saved, it answers at once
    assert service.kept_experience(db, panel.subject) is panel.found
    panel.refresh(force=True)
    assert not panel.busy and panel.found == fresh


def test_a_colleagues_save_is_in_the_next_answer(qtbot, db, db_path):
    """A colleague on the same file (another program: another Database) adds a lesson to
    the earlier visit; the host chosen afterwards, and the panel asked again, show it."""
    from db.engine import Database

    window, panel, bir, new, earlier, _lesson = _planning(qtbot, db)
    page, _item_id = _fourth_day_item(qtbot, window, new)
    colleague = Database(f"sqlite:///{db_path}")
    try:
        report = reports.report_for_visit(colleague, earlier.id)
        reports.create_lesson(colleague, report.id, text="Kolēģes atziņa par BIR")
        page.form.host.pick(bir.id, "BIR AS")
        _settled(qtbot, panel)
        assert "Kolēģes atziņa par BIR" in [f.text for f in panel.found.lessons]
        reports.create_lesson(colleague, report.id, text="Vēl viena, pēc izvēles")
        panel.refresh(force=True)  # nothing of ours saved; the colleague's commit counts
        assert panel.busy
        _settled(qtbot, panel)
        assert "Vēl viena, pēc izvēles" in [f.text for f in panel.found.lessons]
    finally:
        colleague.dispose()


def test_a_host_without_history_in_a_latvian_window(qtbot, db):
    set_language("lv")
    window, panel, _bir, new, _earlier, _lesson = _planning(qtbot, db)
    page, _item_id = _fourth_day_item(qtbot, window, new)
    fresh = directory.create_organisation(db, name="Jauna iestāde bez vēstures", city="Ålesund")
    page.form.host.pick(fresh.id, fresh.name)
    _settled(qtbot, panel)
    assert fresh.id in panel.subject.host_ids
    assert panel.found.empty and not panel.warnings.isVisibleTo(panel)
    assert panel.hint.text().startswith("Agrāku vizīšu pie šiem uzņēmējiem vai šajā pilsētā nav")


def test_a_repeat_warned_in_latvian_with_a_long_hostile_name(qtbot, db):
    """The same host on the same topic two years before, named with markup and a long
    Latvian name: the warning and the rows show the name as written, never as markup."""
    set_language("lv")
    window, panel, bir, new, _earlier, _lesson = _planning(qtbot, db)
    name = "<b>Ļoti</b> gara & “bīstama” iestāde " * 6 + "🚮"
    directory.update_organisation(db, bir.id, None, name=name)
    page, _item_id = _fourth_day_item(qtbot, window, new)
    page.form.host.pick(bir.id, name)
    _settled(qtbot, panel)
    assert panel.warnings.textFormat() == Qt.TextFormat.PlainText
    assert name in panel.warnings.text() and "2024" in panel.warnings.text()
    visit_row = panel.tree.topLevelItem(0).child(0).text(0)
    assert visit_row.endswith(name) and "<b>Ļoti</b>" in visit_row


def test_a_host_chosen_while_the_shown_is_read_again_is_asked_at_once(
    qtbot, db, db_path, monkeypatch
):
    """Reading the shown answer again (after a colleague's commit) gives way to a host
    chosen meanwhile: the new host is asked about at once, and the older reading, when
    it ends, changes nothing."""
    import threading

    from app.services import experience as service
    from db.engine import Database

    window, panel, bir, new, earlier, _lesson = _planning(qtbot, db)
    page, _item_id = _fourth_day_item(qtbot, window, new)
    page.form.host.pick(bir.id, "BIR AS")
    _settled(qtbot, panel)
    colleague = Database(f"sqlite:///{db_path}")
    reports.create_lesson(colleague, reports.report_for_visit(colleague, earlier.id).id, text="X")
    colleague.dispose()
    gate, real, calls = threading.Event(), service.experience, []

    def held(database, subject, **kw):
        calls.append(subject)
        if len(calls) == 1:
            gate.wait(10)  # the quiet reading, held until the new host was answered
        return real(database, subject, **kw)

    monkeypatch.setattr(service, "experience", held)
    panel.refresh(force=True)  # the same subject read again: quietly
    assert panel.busy and panel.tree.isEnabled()
    oslo = directory.create_organisation(db, name="Oslo kommune", city="Oslo")
    page.form.host.pick(oslo.id, "Oslo kommune")
    qtbot.waitUntil(lambda: panel.found.subject.host_ids == (oslo.id,), timeout=10_000)
    gate.set()
    _settled(qtbot, panel)
    assert panel.subject.host_ids == (oslo.id,) == panel.found.subject.host_ids
    assert calls[0].host_ids == (bir.id,) and calls[1].host_ids == (oslo.id,)


def test_in_a_wide_window_the_answer_is_painted_before_the_tabs_reload(qtbot, db, monkeypatch):
    """Beside the Programme (a window wide enough for the panel), the host's save waits a
    moment for the answer asked at the choice: the panel shows it before the Programme
    tab reads the save, not after."""
    from ui.visit import experience_panel
    from ui.visit.programme import ProgrammeTab

    monkeypatch.setattr(experience_panel, "EARLY_WAIT_MS", 10_000)  # a loaded machine too
    window, panel, bir, new, _earlier, _lesson = _planning(qtbot, db)
    window.resize(1280, 800)
    page, _item_id = _fourth_day_item(qtbot, window, new)
    qtbot.waitUntil(lambda: panel.width() > 0)
    seen = []
    reload = ProgrammeTab.reload

    def spy(self):
        seen.append(panel.found is not None and bir.id in panel.found.subject.host_ids)
        return reload(self)

    monkeypatch.setattr(ProgrammeTab, "reload", spy)
    page.form.host.pick(bir.id, "BIR AS")
    assert seen and seen[0] is True  # the answer was shown when the tab began to reload
    assert panel.tree.isEnabled() and _rows(panel)[0][0] == "Earlier visits there (1)"
    _settled(qtbot, panel)
    assert panel.found.subject.host_ids == (bir.id,)
    assert programme.list_programme(db, new.id)[-1].host_id == bir.id


@pytest.mark.parametrize("width", [1024, 1280])
def test_the_visit_closed_just_after_a_host_is_chosen(qtbot, db, monkeypatch, width):
    """Back to the register the moment the host is saved (the panel folded away or
    beside the Programme): the panel's pending reading and the answer still on its way
    touch nothing that is gone."""
    from ui.visit import experience_panel

    monkeypatch.setattr(experience_panel, "EARLY_WAIT_MS", 10_000)
    window, panel, bir, new, _earlier, _lesson = _planning(qtbot, db)
    window.resize(width, 800)
    page, _item_id = _fourth_day_item(qtbot, window, new)
    page.form.host.pick(bir.id, "BIR AS")
    assert (panel.found.subject.host_ids == (bir.id,)) is (width == 1280)  # taken at once
    window.close_visit()
    qtbot.wait(200)  # the worker's answer and the deferred reading arrive meanwhile
    assert window.workspace is None
    window.open_visit(new.id)
    reopened = window.workspace.findChild(ExperiencePanel)
    qtbot.waitUntil(lambda: reopened.found is not None and not reopened.busy, timeout=10_000)
    assert reopened.found.subject.host_ids == (bir.id,)


def test_the_host_list_opened_counts_the_topics_lessons_meanwhile(qtbot, db, monkeypatch):
    """ "…" beside the host opens the list; while the coordinator searches it the panel
    counts the lessons on the visit's topics, and the host chosen is answered as ever."""
    from app.services import experience_queries

    window, panel, bir, new, _earlier, _lesson = _planning(qtbot, db)
    page, _item_id = _fourth_day_item(qtbot, window, new)
    searched = []

    def search(_parent):
        qtbot.waitUntil(lambda: panel._counting is None, timeout=10_000)
        searched.append(dict(experience_queries._ON_TOPICS.get(db, {})))
        return bir.id, "BIR AS"

    monkeypatch.setattr(page.form.host, "_choose", search)
    page.form.host.choose()
    assert len(searched) == 1 and len(searched[0]) == 1  # counted while the list was open
    _settled(qtbot, panel)
    assert panel.found == experience(db, panel.subject, kept=False)
    assert _rows(panel)[0] == ("Earlier visits there (1)", ["BRG-2024 · 05/06/2024"])
