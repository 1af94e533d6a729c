"""Forms stay put while one types: a conflict or a refusal that appears is written below the
fields (and marked beside the times), never above them where it would push the field being
typed in away from the cursor."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QTime

from tests.ui.conftest import open_tab


def _positions(form):  # type: ignore[no-untyped-def]
    fields = (
        form.title_edit,
        form.day,
        form.starts,
        form.ends,
        form.zone,
        form.venue,
        form.description,
    )
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


def _buttons_at(dialog):  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QDialogButtonBox

    box = dialog.findChild(QDialogButtonBox)
    return dialog.size(), box.mapTo(dialog, QPoint(0, 0))


def test_a_refusal_in_a_dialog_neither_grows_it_nor_moves_ok(qtbot, db):
    """The problem line has its place kept above the buttons: OK stays under the pointer
    when the dialog says what is wrong (Latvian and English, one and two lines)."""
    from PySide6.QtWidgets import QLineEdit

    from app.domain.validation import Invalid
    from app.i18n import current_language, set_language
    from ui.dialogs.form_dialog import FormDialog
    from ui.dialogs.visit_dialogs import NewVisitDialog
    from ui.widgets.binding import line_field

    def refuse(_fields):  # type: ignore[no-untyped-def]  (two lines in the visit dialog)
        raise Invalid("end_date", "is before the start; a visit ends on or after the day it starts")

    def required(_fields):  # type: ignore[no-untyped-def]  (one line in the small one)
        raise Invalid("name", "is required")

    before_language = current_language()
    try:
        for lang in ("en", "lv"):
            set_language(lang)
            new_visit = NewVisitDialog(refuse)
            small = FormDialog("Stay", {"name": line_field(QLineEdit(), "Name")}, {}, required)
            for dialog in (new_visit, small):
                qtbot.addWidget(dialog)
                dialog.show()
                qtbot.waitExposed(dialog)
                before = _buttons_at(dialog)
                dialog.accept()
                qtbot.wait(10)
                assert dialog.isVisible() and dialog.problem.isVisible()
                assert dialog.problem.text()
                assert _buttons_at(dialog) == before, (lang, type(dialog).__name__)
    finally:
        set_language(before_language)


def test_a_problem_on_the_report_tab_moves_none_of_its_boxes(qtbot, db, visit):
    window, tab = open_tab(qtbot, db, visit.id, "report")
    window.resize(1024, 700)
    window.show()
    qtbot.waitExposed(window)
    tab.reload()
    qtbot.wait(10)
    boxes = [tab.summary, tab.contacts, tab.follow_ups]
    before = [b.mapTo(tab, QPoint(0, 0)) for b in boxes]
    tab.problem.show_problem("notes.jpg: is not a picture the program can read (JPEG, PNG)")
    qtbot.wait(10)
    assert tab.problem.isVisible()
    assert [b.mapTo(tab, QPoint(0, 0)) for b in boxes] == before


def test_a_long_refusal_is_shown_whole_the_dialog_growing_down(qtbot, db):
    from PySide6.QtWidgets import QLineEdit

    from app.domain.validation import Invalid
    from ui.dialogs.form_dialog import FormDialog
    from ui.widgets.binding import line_field

    def refuse(_fields):  # type: ignore[no-untyped-def]
        raise Invalid(
            "name",
            "is already used by another institution in this region; "
            "choose the existing one from the list or give this one a name "
            "that tells them apart",
        )

    dialog = FormDialog("Stay", {"name": line_field(QLineEdit(), "Name")}, {}, refuse)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    top, width = dialog.pos(), dialog.width()
    dialog.accept()
    qtbot.wait(10)
    problem = dialog.problem
    assert problem.height() >= problem.heightForWidth(problem.width())  # no line cut off
    assert problem.heightForWidth(problem.width()) > 3 * problem.fontMetrics().lineSpacing()
    assert (dialog.pos(), dialog.width()) == (top, width)
