"""Nothing typed on the Report tab is lost: the summary, the results and a meeting's outcome
are saved when the field is left, when the visit is closed and when the window closes, one
undo step each, with no button to remember.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QTextCursor

from app.services.reports import report_for_visit
from ui.main_window import MainWindow

SUMMARY = "Redzējām Trondelāgas reģiona 'Vindu' sadarbību & <b>tarifu</b> modeli.\n\nOtrā rinda."
RESULTS = "Līguma paraugs\nKopīga iepirkuma plāns"


def open_report(qtbot, db, visit_id):
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.open_visit(visit_id)
    tab = window.workspace._tab("report")
    window.workspace.tabs.setCurrentWidget(tab)
    return window, tab


def test_typed_summary_is_there_after_the_visit_is_closed_and_opened(qtbot, db, visit):
    window, tab = open_report(qtbot, db, visit.id)
    tab.summary.setPlainText(SUMMARY)  # typed; the field never left
    tab.results.setPlainText(RESULTS)
    window.close_visit()

    report = report_for_visit(db, visit.id)
    assert report.summary == SUMMARY.strip()
    assert report.results == ["Līguma paraugs", "Kopīga iepirkuma plāns"]
    window.open_visit(visit.id)
    tab = window.workspace._tab("report")
    window.workspace.tabs.setCurrentWidget(tab)
    assert tab.summary.toPlainText() == SUMMARY
    assert tab.results.toPlainText() == RESULTS

    window.context.stack.undo()  # one step each: the results first
    assert report_for_visit(db, visit.id).results == []
    assert report_for_visit(db, visit.id).summary == SUMMARY.strip()
    window.context.stack.undo()
    assert report_for_visit(db, visit.id).summary is None


def test_typed_summary_is_saved_when_the_window_closes(qtbot, db, visit):
    window, tab = open_report(qtbot, db, visit.id)
    tab.summary.setPlainText("Galvenais: kopīgs reģionālais uzņēmums.")
    window.close()
    assert report_for_visit(db, visit.id).summary == "Galvenais: kopīgs reģionālais uzņēmums."

    again = MainWindow(db)  # the program started again on the same database
    qtbot.addWidget(again)
    again.open_visit(visit.id)
    tab = again.workspace._tab("report")
    again.workspace.tabs.setCurrentWidget(tab)
    assert tab.summary.toPlainText() == "Galvenais: kopīgs reģionālais uzņēmums."


def test_leaving_the_field_saves_it_as_one_step_and_a_reload_keeps_typing(qtbot, db, visit):
    window, tab = open_report(qtbot, db, visit.id)
    tab.summary.setPlainText("Pirmā doma")
    tab.summary.editingFinished.emit()
    assert report_for_visit(db, visit.id).summary == "Pirmā doma"
    assert window.context.stack.count() == 1
    tab.summary.editingFinished.emit()  # left again unchanged: no second step
    assert window.context.stack.count() == 1

    tab.summary.setPlainText("Pirmā doma, papildināta")  # typing, not yet left
    tab.lesson_text.setText("Kopīgs uzņēmums samazina izmaksas")
    tab.add_lesson_button.click()  # another save reloads the tab
    assert tab.summary.toPlainText() == "Pirmā doma, papildināta"
    window.close_visit()
    assert report_for_visit(db, visit.id).summary == "Pirmā doma, papildināta"


def test_nothing_typed_makes_no_report(qtbot, db, visit):
    window, _tab = open_report(qtbot, db, visit.id)
    window.close_visit()
    assert report_for_visit(db, visit.id) is None
    assert window.context.stack.count() == 0


def test_an_outcome_note_is_kept_when_another_meeting_is_chosen_and_on_close(qtbot, db, visit):
    from app.services.programme import create_programme_item, get_programme_item

    first, second = (
        create_programme_item(
            db,
            visit.id,
            title=title,
            starts=dt.datetime(2026, 4, day, 10, 0),
            ends=dt.datetime(2026, 4, day, 12, 0),
        )
        for title, day in (("BIR", 7), ("NTNU", 8))
    )
    window, tab = open_report(qtbot, db, visit.id)
    tab.outcomes.choose(first.id)
    tab.outcomes.note.setPlainText("Saņemts tarifu paraugs")
    tab.outcomes.choose(second.id)  # another meeting: the first note is saved, not lost
    assert get_programme_item(db, first.id).outcome == "Saņemts tarifu paraugs"
    assert tab.outcomes.note.toPlainText() == ""
    tab.outcomes.note.setPlainText("Vienojāmies par praksi")
    window.close_visit()
    assert get_programme_item(db, second.id).outcome == "Vienojāmies par praksi"


def test_a_lesson_and_a_follow_up_typed_but_not_added_are_kept_when_the_window_closes(
    qtbot, db, visit
):
    """The coordinator typed a lesson and a follow-up after the visit and closed the program
    without pressing "Add": both were gone."""
    window, tab = open_report(qtbot, db, visit.id)
    tab.lesson_text.setText("BIR apkalpo deviņas pašvaldības ar vienotu tarifu.")
    tab.lesson_topics.setText("atkritumi, sadarbība")
    tab.action_text.setText("Nosūtīt pateicības vēstules uzņēmējiem")
    tab.action_owner.setText("Ilze Ozoliņa")
    window.close()

    report = report_for_visit(db, visit.id)
    assert [(lesson.text, lesson.topics) for lesson in report.lessons] == [
        ("BIR apkalpo deviņas pašvaldības ar vienotu tarifu.", ["atkritumi", "sadarbība"])
    ]
    assert [(f.action, f.owner) for f in report.follow_ups] == [
        ("Nosūtīt pateicības vēstules uzņēmējiem", "Ilze Ozoliņa")
    ]


def test_nothing_typed_adds_nothing(qtbot, db, visit):
    window, tab = open_report(qtbot, db, visit.id)
    tab.lesson_topics.setText("tikai tēma")  # no lesson text: nothing to keep
    window.close()
    report = report_for_visit(db, visit.id)
    assert report is None or (report.lessons == [] and report.follow_ups == [])


def test_typing_is_saved_after_a_pause_without_leaving_the_field(qtbot, db, visit):
    """A killed program (a flat battery, a forced restart) keeps what was typed up to the
    last pause: the text is saved a moment after typing stops, the field never left. The
    typing goes on undisturbed (text and cursor as they were), and one typing session is
    one undo step however many pauses it had."""
    from ui.visit.report_tab import PAUSE_SAVE_MS

    window, tab = open_report(qtbot, db, visit.id)

    def saved() -> str | None:
        report = report_for_visit(db, visit.id)
        return report.summary if report is not None else None

    tab.summary.setPlainText("Pirmā doma")
    qtbot.waitUntil(lambda: saved() == "Pirmā doma", timeout=PAUSE_SAVE_MS + 3000)
    tab.summary.moveCursor(QTextCursor.MoveOperation.End)
    tab.summary.insertPlainText(", papildināta ")  # a space typed last, then a pause
    typed_at = tab.summary.textCursor().position()
    qtbot.waitUntil(lambda: saved() == "Pirmā doma, papildināta", timeout=PAUSE_SAVE_MS + 3000)
    qtbot.wait(100)  # the reload after the save
    assert tab.summary.toPlainText() == "Pirmā doma, papildināta "
    assert tab.summary.textCursor().position() == typed_at
    assert window.context.stack.count() == 1

    tab.summary.editingFinished.emit()  # the field left: nothing more to save
    assert window.context.stack.count() == 1
    tab.results.setPlainText("Līguma paraugs")
    qtbot.waitUntil(
        lambda: report_for_visit(db, visit.id).results == ["Līguma paraugs"],
        timeout=PAUSE_SAVE_MS + 3000,
    )
    assert window.context.stack.count() == 2  # another field, another step

    window.context.stack.undo()
    window.context.stack.undo()
    assert saved() is None and report_for_visit(db, visit.id).results == []
    assert tab.summary.toPlainText() == "" and tab.results.toPlainText() == ""
    qtbot.wait(PAUSE_SAVE_MS + 300)  # the undone text is not saved again
    assert saved() is None
    assert window.context.stack.count() == 2 and window.context.stack.index() == 0
