"""The visit's Report tab, driven as a user would: photos, overdue follow-ups, deletions."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ui.main_window import MainWindow


def _report_tab(qtbot, db, visit_id):
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.open_visit(visit_id)
    tab = window.workspace._tab("report")
    window.workspace.tabs.setCurrentWidget(tab)
    tab.reload()
    return window, tab


def _photo(tmp_path, name="bir.jpg", size=(800, 600)):
    from PIL import Image

    path = tmp_path / name
    Image.new("RGB", size, (30, 120, 200)).save(path)
    return str(path)


def _captions(tab) -> list[str]:
    return [tab.photos.item(i).text() for i in range(tab.photos.count())]


def test_deleting_a_photo_asks_removes_the_thumbnail_and_undo_brings_it_back(
    qtbot, db, visit, tmp_path, answer_yes
):
    window, tab = _report_tab(qtbot, db, visit.id)
    for caption, name in (("BIR stacija", "a.jpg"), ("Ostas krasts", "b.jpg")):
        tab.photo_caption.setText(caption)
        tab.add_photo(_photo(tmp_path, name))
    assert _captions(tab) == ["BIR stacija", "Ostas krasts"]

    tab.photos.setCurrentRow(0)
    tab.photo_box.delete_button.click()
    assert answer_yes and "BIR stacija" in answer_yes[-1]
    assert _captions(tab) == ["Ostas krasts"]

    window.context.stack.undo()
    assert _captions(tab) == ["BIR stacija", "Ostas krasts"]
    assert not tab.photos.item(0).icon().isNull()


def test_declining_the_question_keeps_the_photo(qtbot, db, visit, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    window, tab = _report_tab(qtbot, db, visit.id)
    tab.add_photo(_photo(tmp_path))
    tab.photos.setCurrentRow(0)
    tab.photo_box.delete_button.click()
    assert tab.photos.count() == 1 and window.context.stack.count() == 1


def test_a_new_caption_and_date_are_saved_and_undone_as_one_step(
    qtbot, db, visit, tmp_path, monkeypatch
):
    from app.services.reports import get_attachment
    from ui.dialogs.form_dialog import FormDialog
    from ui.widgets.fields import put_date

    window, tab = _report_tab(qtbot, db, visit.id)
    tab.photo_caption.setText("Bilde")
    tab.add_photo(_photo(tmp_path))
    photo_id = int(tab.photos.item(0).data(Qt.ItemDataRole.UserRole))

    def fill(dialog: FormDialog) -> int:
        assert dialog.fields["caption"].widget.text() == "Bilde"
        dialog.fields["caption"].widget.setText("Bergenas ostas atkritumu termināls")
        put_date(dialog.fields["taken"].widget, dt.date(2026, 4, 7))
        dialog.accept()
        return 1

    monkeypatch.setattr(FormDialog, "exec", fill)
    tab.photos.setCurrentRow(0)
    tab.photo_box.edit_button.click()
    stored = get_attachment(db, photo_id)
    assert (stored.caption, stored.taken) == (
        "Bergenas ostas atkritumu termināls",
        dt.date(2026, 4, 7),
    )
    assert _captions(tab) == ["Bergenas ostas atkritumu termināls"]
    assert "2026" in tab.photos.item(0).toolTip()

    window.context.stack.undo()
    stored = get_attachment(db, photo_id)
    assert (stored.caption, stored.taken) == ("Bilde", None)
    assert _captions(tab) == ["Bilde"]


def test_a_file_that_is_not_a_photo_is_refused_with_its_name(qtbot, db, visit, tmp_path):
    bad = tmp_path / "notes.jpg"
    bad.write_text("not an image")
    window, tab = _report_tab(qtbot, db, visit.id)
    tab.photo_caption.setText("Paraksts")
    tab.add_photo(str(bad))
    assert tab.problem.isVisibleTo(tab) and "notes.jpg" in tab.problem.text()
    assert tab.photos.count() == 0 and window.context.stack.count() == 0
    assert tab.photo_caption.text() == "Paraksts"  # nothing typed is lost
    assert QApplication.overrideCursor() is None


def test_a_large_photo_is_scaled_under_a_wait_cursor(qtbot, db, visit, tmp_path, monkeypatch):
    from app.services import photos
    from app.services.reports import list_attachments, report_for_visit

    cursors = []
    real = photos.attach_photo

    def watched(*args, **kwargs):
        cursor = QApplication.overrideCursor()
        cursors.append(cursor.shape() if cursor is not None else None)
        return real(*args, **kwargs)

    monkeypatch.setattr(photos, "attach_photo", watched)
    tab = _report_tab(qtbot, db, visit.id)[1]
    tab.add_photo(_photo(tmp_path, "big.jpg", size=(4000, 3000)))
    assert cursors == [Qt.CursorShape.WaitCursor]
    assert QApplication.overrideCursor() is None
    stored = list_attachments(db, report_for_visit(db, visit.id).id)[0]
    from io import BytesIO

    from PIL import Image

    assert max(Image.open(BytesIO(stored.data)).size) == photos.MAX_SIDE
    assert tab.photos.count() == 1


@pytest.fixture
def fixed_today(monkeypatch):
    """The day every follow-up list judges "overdue" against, years from the real one."""
    from app.services import followups

    day = dt.date(2031, 3, 10)
    monkeypatch.setattr(followups, "current_date", lambda: day)
    return day


def test_overdue_follow_ups_are_judged_by_the_same_day_in_the_tab_and_the_section(
    qtbot, db, visit, fixed_today
):
    from app.services.reports import create_follow_up, create_report

    report = create_report(db, visit.id)
    for action, days in (
        ("Nosūtīt pateicības", -1),
        ("Sagatavot rakstu", 0),
        ("Pieteikt projektu", 1),
    ):
        create_follow_up(
            db, report.id, action=action, owner="Anna", due=fixed_today + dt.timedelta(days=days)
        )
    window, tab = _report_tab(qtbot, db, visit.id)
    rows = [tab.follow_ups.topLevelItem(i) for i in range(tab.follow_ups.topLevelItemCount())]
    red = {row.text(0): row.foreground(2).color().red() > 150 for row in rows}  # due
    assert red == {
        "Nosūtīt pateicības": True,
        "Sagatavot rakstu": False,
        "Pieteikt projektu": False,
    }

    window.show_section("followups")
    page = window._directory("followups")
    overdue = {
        page.table.topLevelItem(i).text(1): "overdue" in page.table.topLevelItem(i).text(0)
        for i in range(page.table.topLevelItemCount())
    }
    assert overdue == red


def test_deleting_a_lesson_and_a_follow_up_asks_first_and_undo_restores(
    qtbot, db, visit, answer_yes
):
    window, tab = _report_tab(qtbot, db, visit.id)
    tab.lesson_text.setText("Kopīgs uzņēmums samazina izmaksas")
    tab.add_lesson_button.click()
    tab.action_text.setText("Nosūtīt vēstuli")
    tab.add_action_button.click()

    tab.lessons.setCurrentRow(0)
    tab.delete_lesson_button.click()
    tab.follow_ups.setCurrentItem(tab.follow_ups.topLevelItem(0))
    tab.delete_action_button.click()
    assert len(answer_yes) == 2 and "Kopīgs uzņēmums" in answer_yes[0]
    assert "Nosūtīt vēstuli" in answer_yes[1]
    assert tab.lessons.count() == 0 and tab.follow_ups.topLevelItemCount() == 0

    window.context.stack.undo()
    window.context.stack.undo()
    assert tab.lessons.count() == 1 and tab.follow_ups.topLevelItemCount() == 1


def test_a_follow_up_edited_in_its_dialog_can_be_dropped_and_undone(qtbot, db, visit, monkeypatch):
    from app.services.reports import create_follow_up, create_report, get_follow_up
    from ui.dialogs.form_dialog import FormDialog
    from ui.widgets.fields import set_code

    report = create_report(db, visit.id)
    made = create_follow_up(db, report.id, action="Sagatavot rakstu", owner="Anna")
    window, tab = _report_tab(qtbot, db, visit.id)

    def fill(dialog: FormDialog) -> int:
        dialog.fields["action"].widget.setText("")
        dialog.accept()  # refused: the action is required; the dialog stays open
        assert dialog.problem.isVisibleTo(dialog) and dialog.result() == 0
        dialog.fields["action"].widget.setText("Sagatavot rakstu mājaslapai")
        dialog.fields["owner"].widget.setText("Jānis")
        set_code(dialog.fields["status"].widget, "dropped")
        dialog.accept()
        return 1

    monkeypatch.setattr(FormDialog, "exec", fill)
    tab.follow_ups.setCurrentItem(tab.follow_ups.topLevelItem(0))
    tab.edit_action_button.click()
    stored = get_follow_up(db, made.id)
    assert (stored.action, stored.owner, stored.status) == (
        "Sagatavot rakstu mājaslapai",
        "Jānis",
        "dropped",
    )
    assert tab.follow_ups.topLevelItem(0).text(3) == "Dropped"

    window.context.stack.undo()
    stored = get_follow_up(db, made.id)
    assert (stored.action, stored.owner, stored.status) == ("Sagatavot rakstu", "Anna", "open")


def test_a_lesson_edited_in_its_dialog_keeps_new_text_and_topics(qtbot, db, visit, monkeypatch):
    from app.services.reports import create_lesson, create_report, get_lesson
    from ui.dialogs.form_dialog import FormDialog

    report = create_report(db, visit.id)
    made = create_lesson(db, report.id, text="Kopīgs uzņēmums", topics=["atkritumi"])
    window, tab = _report_tab(qtbot, db, visit.id)

    def fill(dialog: FormDialog) -> int:
        assert dialog.fields["topics"].widget.text() == "atkritumi"
        dialog.fields["text"].widget.setPlainText("Kopīgs uzņēmums samazina izmaksas")
        dialog.fields["topics"].widget.setText("atkritumi, tarifi")
        dialog.accept()
        return 1

    monkeypatch.setattr(FormDialog, "exec", fill)
    tab.lessons.setCurrentRow(0)
    tab.edit_lesson_button.click()
    stored = get_lesson(db, made.id)
    assert (stored.text, stored.topics) == (
        "Kopīgs uzņēmums samazina izmaksas",
        ["atkritumi", "tarifi"],
    )
    assert "atkritumi, tarifi" in tab.lessons.item(0).text()
    window.context.stack.undo()
    assert get_lesson(db, made.id).topics == ["atkritumi"]


def _directory_contact(db):
    from app.services.directory import create_contact, create_organisation

    org = create_organisation(db, name="Hordaland fylkeskommune", country="NO", city="Bergen")
    return create_contact(db, org.id, name="Ingrid Haugland", position="rådgiver")


def _choose_by_typing(monkeypatch, typed: str, seen: list[str] | None = None) -> None:
    """The contact chooser answered by typing part of a name and taking the first match."""
    from ui.dialogs.chooser import ChooserDialog

    def pick(dialog: ChooserDialog) -> int:
        if seen is not None:
            seen.append(dialog.search.text())
        dialog.search.setText(typed)
        return 1 if dialog.list.count() else 0

    monkeypatch.setattr(ChooserDialog, "exec", pick)


def test_a_contact_added_from_the_directory_is_linked_and_shows_its_institution(
    qtbot, db, visit, monkeypatch
):
    from app.services.reports import list_report_contacts, report_for_visit

    contact = _directory_contact(db)
    _choose_by_typing(monkeypatch, "haugl")
    window, tab = _report_tab(qtbot, db, visit.id)
    tab.contact_box.add_directory_button.click()

    entries = list_report_contacts(db, report_for_visit(db, visit.id).id)
    assert [(e.text, e.contact_id) for e in entries] == [("Ingrid Haugland, rådgiver", contact.id)]
    assert tab.contacts.count() == 1
    assert "Hordaland fylkeskommune" in tab.contacts.item(0).text()

    window.context.stack.undo()
    assert tab.contacts.count() == 0
    assert list_report_contacts(db, report_for_visit(db, visit.id).id) == []


def test_a_text_contact_is_linked_later_and_deleted_after_asking(
    qtbot, db, visit, monkeypatch, answer_yes
):
    from app.services.reports import list_report_contacts, report_for_visit

    contact = _directory_contact(db)
    window, tab = _report_tab(qtbot, db, visit.id)
    tab.contact_box.add_text_button.click()  # nothing typed: refused, nothing added
    assert tab.problem.isVisibleTo(tab) and tab.contacts.count() == 0

    tab.contact_box.text.setText("Ingrid Haugland, Hordaland – klasteri")
    tab.contact_box.add_text_button.click()
    assert tab.contacts.item(0).text() == "Ingrid Haugland, Hordaland – klasteri"
    report_id = report_for_visit(db, visit.id).id
    assert list_report_contacts(db, report_id)[0].contact_id is None

    searched: list[str] = []
    _choose_by_typing(monkeypatch, "Ingrid", searched)
    tab.contacts.setCurrentRow(0)
    tab.contact_box.link_button.click()
    assert searched == ["Ingrid Haugland"]  # the chooser opened on the entry's name
    entry = list_report_contacts(db, report_id)[0]
    assert (entry.text, entry.contact_id) == ("Ingrid Haugland, Hordaland – klasteri", contact.id)
    assert "Hordaland fylkeskommune" in tab.contacts.item(0).text()
    window.context.stack.undo()
    assert list_report_contacts(db, report_id)[0].contact_id is None

    tab.contacts.setCurrentRow(0)
    tab.contact_box.delete_button.click()
    assert "Ingrid Haugland" in answer_yes[-1]
    assert tab.contacts.count() == 0 and list_report_contacts(db, report_id) == []
    window.context.stack.undo()
    assert tab.contacts.count() == 1


def test_the_summary_is_saved_without_touching_the_contacts(qtbot, db, visit):
    from app.services.reports import create_report, create_report_contact, get_report

    report = create_report(db, visit.id)
    create_report_contact(db, report.id, text="Kjetil Sandvik, Bergen kommune")
    window, tab = _report_tab(qtbot, db, visit.id)
    tab.summary.setPlainText("Redzējām BIR")
    tab.summary.editingFinished.emit()  # the field left
    assert get_report(db, report.id).summary == "Redzējām BIR"
    assert tab.contacts.count() == 1
    window.context.stack.undo()
    assert get_report(db, report.id).summary is None


def test_keys_on_the_lists_edit_and_delete(qtbot, db, visit, tmp_path, monkeypatch, answer_yes):
    """F2 or Enter opens a follow-up's or a photo's dialog; Delete deletes after asking."""
    from app.services.reports import create_follow_up, create_report
    from ui.dialogs.form_dialog import FormDialog

    report = create_report(db, visit.id)
    create_follow_up(db, report.id, action="Sagatavot rakstu")
    window, tab = _report_tab(qtbot, db, visit.id)
    window.show()
    qtbot.waitExposed(window)
    tab.corner.setCurrentWidget(tab.photo_box)
    tab.add_photo(_photo(tmp_path))
    opened: list[str] = []
    monkeypatch.setattr(FormDialog, "exec", lambda dialog: opened.append(dialog.windowTitle()))

    def press(view, key) -> None:
        window.activateWindow()
        view.setFocus()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is view)
        qtbot.keyClick(view, key)

    tab.follow_ups.setCurrentItem(tab.follow_ups.topLevelItem(0))
    press(tab.follow_ups, Qt.Key.Key_F2)
    tab.photos.setCurrentRow(0)
    press(tab.photos, Qt.Key.Key_Return)
    assert opened == ["Follow-up", "Photo"]

    press(tab.photos, Qt.Key.Key_Delete)
    assert tab.photos.count() == 0 and "photo" in answer_yes[-1]
    tab.follow_ups.setCurrentItem(tab.follow_ups.topLevelItem(0))
    press(tab.follow_ups, Qt.Key.Key_Delete)
    assert tab.follow_ups.topLevelItemCount() == 0


def test_an_archive_hit_in_the_contacts_shows_the_contacts_list(qtbot, db, visit):
    from app.services.reports import create_report, create_report_contact
    from app.services.visits import create_visit

    other = create_visit(
        db,
        code="LPS-OSLO",
        title="Oslo",
        timezone="Europe/Oslo",
        start_date=dt.date(2025, 5, 5),
        end_date=dt.date(2025, 5, 6),
    )
    earlier = create_report(db, other.id)
    for text in ("A", "B", "C"):  # the report's id is no contact's id of this visit
        create_report_contact(db, earlier.id, text=text)
    report = create_report(db, visit.id)
    for text in ("Kjetil Sandvik, Bergen kommune", "Liv Torsvik, BIR AS"):
        create_report_contact(db, report.id, text=text)
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    window.open_visit(visit.id)
    window.workspace.show_item("contacts", report.id)
    tab = window.workspace._tab("report")
    assert window.workspace.tabs.currentWidget() is tab
    assert tab.contacts.currentRow() == 0 and tab.contacts.count() == 2


LONG_WORD = "Ļoti" + "garš" * 70  # 284 letters with no space: a pasted link, a typo


def _shown(qtbot, window, tab):
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    QApplication.processEvents()


def _rows_fit(view, rows) -> None:
    """Every row within the view's width, none wider (no row forcing all to one line)."""
    width = view.viewport().width()
    for row in rows:
        rect = view.visualItemRect(row)
        assert rect.left() >= 0 and rect.right() <= width, (rect, width)


def test_one_long_word_wraps_in_its_own_row_and_clips_no_other(qtbot, db, visit):
    from app.services.programme import create_programme_item, get_programme_item
    from app.services.reports import (
        create_follow_up,
        create_lesson,
        create_report,
        create_report_contact,
    )

    report = create_report(db, visit.id)
    sentence = (
        "Kopīgs atkritumu apsaimniekošanas uzņēmums ar vienotu tarifu visā apkalpes "
        "teritorijā samazina izmaksas mazajām pašvaldībām un atvieglo plānošanu."
    )
    for text in (sentence, "Atziņa " + LONG_WORD, sentence):
        create_lesson(db, report.id, text=text, topics=[])
        create_report_contact(db, report.id, text=text)
    create_follow_up(db, report.id, action="Darbība " + LONG_WORD, owner="Anna")
    item = create_programme_item(
        db,
        visit.id,
        title="BIR",
        starts=dt.datetime(2026, 4, 7, 9),
        ends=dt.datetime(2026, 4, 7, 11),
    )
    from app.services.programme import update_programme_item

    update_programme_item(
        db, item.id, get_programme_item(db, item.id).version, outcome="Rezultāts " + LONG_WORD
    )
    window, tab = _report_tab(qtbot, db, visit.id)
    _shown(qtbot, window, tab)
    line = tab.lessons.fontMetrics().height()

    for view in (tab.lessons, tab.contacts):
        rows = [view.item(i) for i in range(view.count())]
        _rows_fit(view, rows)
        assert not view.horizontalScrollBar().isVisible()
        heights = [view.visualItemRect(r).height() for r in rows]
        assert heights[1] > 3 * line  # the long word is broken over lines, in its own row
        # the sentences wrap at the view's width (they are wider than it), not clipped
        assert view.fontMetrics().horizontalAdvance(sentence) > view.viewport().width()
        assert heights[0] >= 2 * line and heights[2] >= 2 * line

    action = tab.follow_ups.topLevelItem(0)
    assert tab.follow_ups.visualItemRect(action).height() > 3 * line
    outcome = tab.outcomes.items.topLevelItem(0)
    assert tab.outcomes.items.visualItemRect(outcome).height() > 3 * line


def test_refused_entries_name_the_field_as_the_tab_labels_it(qtbot, db, visit, tmp_path):
    _window, tab = _report_tab(qtbot, db, visit.id)
    tab.add_follow_up()  # no action typed
    assert tab.problem.text().startswith("Action: ")
    tab.add_lesson()
    assert tab.problem.text().startswith("Lesson: ")
    tab.photo_caption.setText("x" * 400)
    tab.add_photo(_photo(tmp_path))
    assert tab.problem.text().startswith("Caption: ")
    for internal in ("action:", "text:", "caption:"):
        assert internal not in tab.problem.text()


def test_an_outcome_refused_names_the_outcome(qtbot, db, visit):
    from app.services.programme import create_programme_item

    create_programme_item(
        db,
        visit.id,
        title="BIR",
        starts=dt.datetime(2026, 4, 7, 9),
        ends=dt.datetime(2026, 4, 7, 11),
    )
    _window, tab = _report_tab(qtbot, db, visit.id)
    tab.outcomes.items.setCurrentItem(tab.outcomes.items.topLevelItem(0))
    tab.outcomes.note.setPlainText("Bīstams \x01 simbols")
    tab.outcomes.save()
    assert tab.problem.text().startswith("Outcome: ")


def test_outcome_dates_have_four_digit_years(qtbot, db, visit):
    from app.services.programme import create_programme_item
    from ui.widgets.date_time_edits import date_text

    create_programme_item(
        db,
        visit.id,
        title="BIR",
        starts=dt.datetime(2026, 4, 7, 9),
        ends=dt.datetime(2026, 4, 7, 11),
    )
    _window, tab = _report_tab(qtbot, db, visit.id)
    shown = tab.outcomes.items.topLevelItem(0).text(0)
    assert shown == "04/07/2026" == date_text(dt.date(2026, 4, 7))  # as the fields write it
    fits = tab.outcomes.items.fontMetrics().horizontalAdvance(shown)
    assert fits < tab.outcomes.items.columnWidth(0)  # not cut to "Apr 7, 2…"


def test_a_long_caption_is_two_lines_with_an_ellipsis_and_whole_in_the_tooltip(
    qtbot, db, visit, tmp_path
):
    caption = (
        "BIR atkritumu enerģijas stacija Rādalē: pārrunājām tarifu aprēķinu, "
        "pašvaldību līgumu un siltuma pārdošanu pilsētai"
    )
    _window, tab = _report_tab(qtbot, db, visit.id)
    tab.photo_caption.setText(caption)
    tab.add_photo(_photo(tmp_path))
    tab.photo_caption.setText("Osta")
    tab.add_photo(_photo(tmp_path, "b.jpg"))
    long_one, short_one = tab.photos.item(0), tab.photos.item(1)
    lines = long_one.text().split("\n")
    assert len(lines) == 2 and lines[1].endswith("…")
    assert caption.startswith(lines[0])
    metrics = tab.photos.fontMetrics()
    assert all(metrics.horizontalAdvance(x) <= tab.photos.gridSize().width() for x in lines)
    assert caption in long_one.toolTip()
    assert short_one.text() == "Osta"


def test_the_header_shows_the_title_in_the_interface_language(qtbot, db, visit):
    from app.i18n import set_language
    from app.services.visits import get_visit, update_visit

    update_visit(
        db,
        visit.id,
        get_visit(db, visit.id).version,
        translations={"en": {"title": "LALRG Board in Bergen"}},
    )
    window, _tab = _report_tab(qtbot, db, visit.id)
    assert "LALRG Board in Bergen" in window.workspace.header.text()
    assert "LPS valde Bergenā" not in window.workspace.header.text()
    set_language("lv")
    window.close_visit()
    window.open_visit(visit.id)
    assert "LPS valde Bergenā" in window.workspace.header.text()


def test_a_long_word_in_a_problem_wraps_and_does_not_widen_the_tab(qtbot, db, visit, tmp_path):
    """A refused file with a long name: the red line wraps; the tab (and so every list in
    it) keeps the window's width instead of growing past its edge."""
    window, tab = _report_tab(qtbot, db, visit.id)
    _shown(qtbot, window, tab)
    narrow = tab.minimumSizeHint().width()
    name = tmp_path / ("bir" * 70 + ".jpg")
    name.write_text("not a photo")
    tab.add_photo(str(name))
    QApplication.processEvents()
    assert tab.problem.isVisible() and "bir" * 10 in tab.problem.text().replace("\u200b", "")
    assert tab.minimumSizeHint().width() <= max(narrow, 1000)
    assert window.width() == 1400
    assert tab.problem.geometry().right() <= tab.width()
    assert tab.problem.height() >= 2 * tab.problem.fontMetrics().height()  # wrapped


def test_a_refused_first_entry_leaves_no_empty_report_behind(qtbot, db, visit):
    """The report is made for the first entry; if that entry is refused (nothing typed),
    no report is left that undo could not take back."""
    from app.services.reports import report_for_visit

    _window, tab = _report_tab(qtbot, db, visit.id)
    assert report_for_visit(db, visit.id) is None
    tab.contact_box.add_text_button.click()  # an empty contact gained
    assert tab.problem.isVisibleTo(tab) and tab.problem.text()
    assert report_for_visit(db, visit.id) is None
    tab.add_lesson()  # an empty lesson
    assert report_for_visit(db, visit.id) is None
    tab.lesson_text.setText("Kopīgs atkritumu uzņēmums samazina izmaksas")
    tab.add_lesson()
    report = report_for_visit(db, visit.id)
    assert report is not None and [le.text for le in report.lessons] == [
        "Kopīgs atkritumu uzņēmums samazina izmaksas"
    ]


def test_lesson_topics_typed_with_semicolons_are_separate_topics(qtbot, db, visit) -> None:
    """The Latvian user types "inovācijas; pudurs": two topics, not one."""
    from app.services.reports import list_lessons

    _window, tab = _report_tab(qtbot, db, visit.id)
    tab.lesson_text.setText("Klasteri darbojas, ja pašvaldība piedalās")
    tab.lesson_topics.setText("inovācijas; pudurs, sadarbība ")
    tab.add_lesson_button.click()
    report_id = tab.report_id
    assert [lesson.topics for lesson in list_lessons(db, report_id)] == [
        ["inovācijas", "pudurs", "sadarbība"]
    ]
    assert "[inovācijas, pudurs, sadarbība]" in tab.lessons.item(0).text()
