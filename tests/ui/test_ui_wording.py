"""Wording (issue 10, item 12): one Latvian word per concept, participant statuses in one
form, the Logistics travel list named for what it is, and Qt's own file dialog in the
interface's language."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QPushButton

from app import labels
from app.i18n import _, set_language, tr
from app.interchange.participants import STATUS_LABELS, status_label
from db.enums import PARTICIPATION_STATUSES, VISIT_STATUSES


@pytest.fixture
def latvian():
    set_language("lv")
    yield
    set_language("en")


def test_overview_reported_and_the_summary_are_three_words(latvian):
    overview = _("&Overview").replace("&", "")
    reported = labels.visit_status("reported")
    summary = tr("lv", "Post-visit summary")
    report_tab = _("&Report").replace("&", "")
    firsts = [overview.split()[0], reported.split()[0], summary.split()[0]]
    assert len(set(firsts)) == 3, firsts
    assert "Pārskats" not in " ".join([overview, reported, summary])
    assert reported.split()[0] == report_tab  # the Reported status names the Report tab's word


def test_participant_statuses_are_one_form_and_not_a_visits(latvian):
    words = [status_label(code) for code in PARTICIPATION_STATUSES]
    assert words == ["Uzaicināts", "Apstiprināts", "Atteicies", "Atcelts", "Piedalījies"]
    assert all(w.endswith(("ts", "ies")) for w in words)  # masculine participles, one form
    visit_words = {labels.visit_status(code) for code in VISIT_STATUSES}
    assert not set(words) & visit_words
    assert set(STATUS_LABELS) == set(PARTICIPATION_STATUSES)


def test_a_participant_list_in_either_wording_is_read(db, latvian):
    from app.interchange import participants as imp

    for written, code in (
        ("Apstiprināts", "confirmed"),
        ("apstiprināta", "confirmed"),
        ("Atcelta", "cancelled"),
        ("piedalījies", "attended"),
        ("Confirmed", "confirmed"),
    ):
        assert (
            imp._word(
                written, PARTICIPATION_STATUSES, STATUS_LABELS, imp._STATUS_WORDS, status_label
            )
            == code
        )


def test_the_logistics_travel_list_is_not_travel_costs(qtbot, db, visit, latvian):
    from PySide6.QtWidgets import QGroupBox

    from app.domain.budget_totals import category_label
    from ui.main_window import MainWindow

    window = MainWindow(db)
    qtbot.addWidget(window)
    window.open_visit(visit.id)
    titles = [box.title() for box in window.workspace.logistics.findChildren(QGroupBox)]
    assert "Ceļa izdevumi" not in titles and "Ceļojuma posmi" in titles
    assert category_label("travel") == "Ceļa izdevumi"  # the budget keeps its word


def test_qt_file_dialog_speaks_latvian(qtbot, monkeypatch, latvian):
    from ui.app import install_qt_translations
    from ui.widgets import file_dialogs

    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    assert file_dialogs.options() == QFileDialog.Option.DontUseNativeDialog
    monkeypatch.setenv("LC_ALL", "lv_LV.UTF-8")
    assert file_dialogs.options() == QFileDialog.Option(0)

    app = QApplication.instance()
    translator = install_qt_translations(app, "lv")
    assert translator is not None
    try:
        dialog = QFileDialog(None, _("Choose logo"))
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        qtbot.addWidget(dialog)
        texts = [w.text() for w in dialog.findChildren(QLabel) + dialog.findChildren(QPushButton)]
        assert "Atcelt" in texts, texts
        assert any("Datnes" in t or "nosaukums" in t for t in texts), texts
    finally:
        app.removeTranslator(translator)
        install_qt_translations(app, "en")
