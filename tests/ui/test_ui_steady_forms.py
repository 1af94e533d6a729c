"""Forms stay put while one types: a conflict or a refusal that appears is written below the
fields (and marked beside the times), never above them where it would push the field being
typed in away from the cursor."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QTime

from tests.ui.conftest import open_tab


def _positions(form):  # type: ignore[no-untyped-def]
    fields = (form.title_edit, form.day, form.starts, form.ends, form.zone, form.venue,
              form.description)
    return [f.mapTo(form, QPoint(0, 0)) for f in fields] + [form.zone.width()]


def test_a_conflict_appearing_while_typing_moves_no_field(qtbot, db, visit):
    window, tab = open_tab(qtbot, db, visit.id, "programme")
    window.resize(1024, 700)
    window.show()
    qtbot.waitExposed(window)
    first = tab.add_item()
    second = tab.add_item()
    tab.select_item(second)
    qtbot.wait(10)
    before = _positions(tab.form)
    assert not tab.form.time_marker.isVisible()

    tab.form.starts.setTime(QTime(9, 30))  # typed: now overlaps the first item
    qtbot.wait(10)
    assert tab.problems[first] and tab.problems[second]
    assert tab.form.checks.isVisible() and tab.form.time_marker.isVisible()
    assert "overlap" in tab.form.time_marker.toolTip().lower()
    assert _positions(tab.form) == before

    tab.form.ends.setTime(QTime(8, 0))  # before the start: refused in words, kept in the box
    qtbot.wait(10)
    assert tab.form.problem.isVisible()
    assert _positions(tab.form) == before
    # the message is below the fields, not over them
    assert tab.form.problem.mapTo(tab.form, QPoint(0, 0)).y() > before[-2].y()
    tab.form.grab().save("/tmp/w16b/programme_conflict.png")


def test_a_refused_date_of_a_participant_moves_no_field(qtbot, db, visit):
    window, tab = open_tab(qtbot, db, visit.id, "participants")
    window.resize(1024, 700)
    window.show()
    qtbot.waitExposed(window)
    tab.table.selectRow(0)
    qtbot.wait(10)
    fields = (tab.role, tab.status, tab.arrives, tab.departs, tab.notes, tab.dietary)
    before = [f.mapTo(tab, QPoint(0, 0)) for f in fields]
    tab.departs.setDate(tab.departs.date().fromString("2026-04-12", "yyyy-MM-dd"))
    qtbot.wait(10)
    assert tab.problem.isVisible() and "outside the visit" in tab.problem.text()
    assert [f.mapTo(tab, QPoint(0, 0)) for f in fields] == before


def test_a_refused_e_mail_in_the_directory_moves_no_field(qtbot, db):
    from app.services.people import create_person
    from ui.main_window import MainWindow

    person = create_person(db, given_name="Edgars", family_name="Vītols")
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    page = window.people_page
    window.stack.setCurrentWidget(page)
    page.reload()
    page.select(person.id)
    qtbot.wait(10)
    fields = [f.widget for f in page.binder.fields.values()]
    before = [f.mapTo(page, QPoint(0, 0)) for f in fields]
    page.binder.fields["email"].widget.setText("nav-epasts")
    page.binder.fields["email"].widget.editingFinished.emit()
    qtbot.wait(10)
    assert page.problem.isVisible() and "E-mail" in page.problem.text()
    assert [f.mapTo(page, QPoint(0, 0)) for f in fields] == before
