"""The Projects section: a coordinator makes a funding project in the window, fills its
form (decimal comma, logo), sees the visits under it, and chooses a new one from a visit's
Overview; every change is one undo step and bad input is one sentence that saves nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from app.services import projects, visits
from ui.main_window import MainWindow


def _png() -> bytes:
    """A real 60×30 PNG, as Qt writes it (a second program reads it back below)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QColor, QImage

    image = QImage(60, 30, QImage.Format.Format_RGB32)
    image.fill(QColor("#0b5394"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)


def _fill(values):
    def run(dialog):
        for name, text in values.items():
            dialog.edits[name].setText(text)
        dialog.accept()
        return dialog.result()

    return run


def _window(qtbot, db) -> MainWindow:
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    return window


def test_a_project_is_made_filled_and_undone_in_the_window(qtbot, db, monkeypatch, tmp_path):
    from ui.dialogs import quick_create

    for n in range(12):  # later rows: the new project is not the first one listed
        projects.create_project(db, code=f"0{n:02d}-LV", title=f"Projekts {n}")
    window = _window(qtbot, db)
    window.show_section("projects")
    page = window.projects_page
    assert window.stack.currentWidget() is page and page.model.rowCount() == 12

    monkeypatch.setattr(
        quick_create.QuickDialog,
        "exec",
        _fill(
            {
                "code": "4.3-24/NFI/INP-002",
                "title": "Pašvaldību sadarbība <b>&</b> 🙂",
                "grant_rate": "85,5",
            }
        ),
    )
    page.new_row()
    made = projects.find_project(db, "4.3-24/NFI/INP-002")
    assert made.grant_rate == Decimal("85.5") and made.title == "Pašvaldību sadarbība <b>&</b> 🙂"
    assert page.current().id == made.id and page.model.rowCount() == 13

    rate = page.binder.fields["grant_rate"].widget
    assert rate.text() == "85.5"  # typed with a comma, shown with the language's mark
    rate.setText("85 %")
    rate.editingFinished.emit()
    assert projects.get_project(db, made.id).grant_rate == Decimal("85")
    funder = page.binder.fields["funder"].widget
    funder.setText("EEZ un Norvēģijas finanšu instrumenti")
    funder.editingFinished.emit()
    rate.setText("desmit")
    rate.editingFinished.emit()
    assert "Grant rate" in page.problem.text() and page.problem.isVisibleTo(page)
    assert projects.get_project(db, made.id).grant_rate == Decimal("85")

    logo = tmp_path / "logo.png"
    png = _png()
    logo.write_bytes(png)
    assert page.logo_file(str(logo))
    assert projects.get_project(db, made.id).logo == png
    assert page.logo.pixmap() is not None and not page.logo.pixmap().isNull()
    text_file = tmp_path / "logo.jpg"
    text_file.write_text("nav attēls")
    assert not page.logo_file(str(text_file))
    assert "is not a PNG or JPEG image" in page.problem.text()

    stack = window.context.stack
    stack.undo()  # the logo
    assert projects.get_project(db, made.id).logo is None
    stack.undo()  # the funder
    assert projects.get_project(db, made.id).funder is None
    stack.redo()
    assert projects.get_project(db, made.id).funder.startswith("EEZ")


def test_the_visits_under_a_project_and_a_new_project_from_the_overview(
    qtbot, db, monkeypatch, answer_yes
):
    from ui.dialogs import quick_create

    project = projects.create_project(db, code="LV07", title="Reģionālā attīstība")
    for n, day in enumerate((3, 10, 17)):
        visits.create_visit(
            db,
            code=f"LPR-{n}",
            title=f"Vizīte {n}",
            timezone="Europe/Riga",
            start_date=dt.date(2027, 5, day),
            end_date=dt.date(2027, 5, day + 1),
            project_id=project.id if n else None,
        )
    window = _window(qtbot, db)
    window.show_section("projects")
    page = window.projects_page
    page.select(project.id)
    assert [page.appears.item(i).text().split(" — ")[0] for i in range(page.appears.count())] == [
        "LPR-1",
        "LPR-2",
    ]
    assert page.model.row_at(0).visit_count == 2

    first = visits.find_visit(db, "LPR-0")
    window.open_visit(first.id)
    overview = window.workspace.overview
    monkeypatch.setattr(quick_create.QuickDialog, "exec", _fill({"code": "LV07"}))
    assert overview.create_project() is None  # a duplicate code: the form says so, stays
    monkeypatch.setattr(
        quick_create.QuickDialog, "exec", _fill({"code": "EEZ-2027", "title": "Trondheima"})
    )
    new_id = overview.create_project()
    assert visits.get_visit(db, first.id).project_id == new_id
    assert overview.widgets["project_id"].currentData() == new_id
    window.context.stack.undo()  # choosing it
    assert visits.get_visit(db, first.id).project_id is None
    window.context.stack.undo()  # making it
    assert projects.find_project(db, "EEZ-2027") is None

    window.close_visit()
    window.show_section("projects")
    page.select(project.id)
    page.delete_selected()
    assert answer_yes and projects.find_project(db, "LV07") is None
    window.context.stack.undo()
    assert projects.find_project(db, "LV07") is not None
