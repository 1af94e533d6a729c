"""A finance officer records the grant as awarded, in the window and at the command line.

In the Projects form (Latvian, then English) she types the award with a decimal comma and
spaces, picks how payments convert, and gives the project's fixed NOK rate; a Bergen visit
paid in NOK after the trip then converts at that fixed rate, and undoing the rule puts the
ECB rate of the payment's day back. A wrong value is one sentence and saves nothing; a
colleague's save in between is refused, not overwritten. The funding source's cap is set
in its dialog. The command line takes the same fields typed the same way.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal as D

from app import i18n
from app.services import projects
from app.services.budget_report import project_budget, visit_budget
from db.engine import Database
from db.models import Visit
from ui.main_window import MainWindow

STALE = "This was changed by someone else in the meantime. Reload and try again."


def _window(qtbot, db: Database) -> MainWindow:
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    return window


def _type(page, name: str, text: str) -> None:
    widget = page.binder.fields[name].widget
    widget.setText(text)
    widget.editingFinished.emit()


def _actual(db: Database) -> D:
    return visit_budget(db, "BERGEN-2027").totals.overall.actual


def test_the_award_and_the_fixed_rate_typed_in_latvian_convert_a_later_payment(
    qtbot, db: Database, bergen_2027
) -> None:
    i18n.set_language("lv")
    project = projects.create_project(db, code="LV07/EEZ-2027", title="Sadarbība")
    bergen_2027(project_id=project.id, ecb={dt.date(2027, 5, 19): "11.25"})
    # The default rule: the ECB rate in force at the start of 20 May 2027 (of 19 May).
    assert _actual(db) == D("1022.22")  # 11 500 / 11.25
    window = _window(qtbot, db)
    window.show_section("projects")
    page = window.projects_page
    page.select(project.id)
    rule = page.binder.fields["rate_rule"].widget
    assert rule.currentText() == "ECB kurss, kas spēkā maksājuma dienas sākumā"

    _type(page, "awarded", "120 000,00 €")
    _type(page, "fixed_rates", "NOK 11,5")
    rule.setCurrentIndex(rule.findData("fixed"))
    saved = projects.get_project(db, project.id)
    assert (saved.awarded_minor, saved.fixed_rates, saved.rate_rule) == (
        12000000,
        {"NOK": "11.5"},
        "fixed",
    )
    assert _actual(db) == D("1000.00")  # 11 500 NOK at the fixed 11.5
    page.reload()
    page.select(project.id)  # shown again as stored: the language's mark, no grouping
    assert page.binder.fields["awarded"].widget.text() == "120000,00"
    assert page.binder.fields["fixed_rates"].widget.text() == "NOK 11,5"
    report = project_budget(db, "LV07/EEZ-2027")
    assert report.project.awarded == D("120000.00")

    # Wrong values: one Latvian sentence naming the field, nothing saved.
    _type(page, "awarded", "simts tūkstoši")
    assert page.problem.text().startswith("Piešķirtais granta apmērs")
    assert "simts tūkstoši" in page.problem.text()
    _type(page, "fixed_rates", "NOK 0")
    assert "NOK" in page.problem.text()
    _type(page, "currency", "kr")  # what a person writes for kronas
    after = projects.get_project(db, project.id)
    assert (after.awarded_minor, after.fixed_rates, after.currency, after.version) == (
        12000000,
        {"NOK": "11.5"},
        None,
        saved.version,
    )

    # Undo the rule (one step): the payment is back at its day's ECB rate; redo again.
    stack = window.context.stack
    stack.undo()
    assert projects.get_project(db, project.id).rate_rule is None
    assert _actual(db) == D("1022.22")
    stack.redo()
    assert _actual(db) == D("1000.00")


def test_english_form_a_colleagues_save_meanwhile_and_the_sources_cap(
    qtbot, db: Database, db_path, monkeypatch, bergen_2027
) -> None:
    project = projects.create_project(
        db, code="LV07/EEZ-2027", awarded="6000", rate_rule="inforeuro"
    )
    visit_id = bergen_2027(project_id=project.id, ecb={dt.date(2027, 5, 19): "11.25"})
    window = _window(qtbot, db)
    window.show_section("projects")
    page = window.projects_page
    page.select(project.id)
    assert (
        page.binder.fields["rate_rule"].widget.currentText()
        == "InforEuro rate of the payment's month"
    )
    _type(page, "awarded", "6,000.50")  # English grouping and decimal point
    assert projects.get_project(db, project.id).awarded_minor == 600050

    colleague = Database(f"sqlite:///{db_path}")
    try:
        theirs = projects.get_project(colleague, project.id)
        projects.update_project(colleague, project.id, theirs.version, awarded="7000")
        _type(page, "awarded", "6500")
        assert page.problem.text().endswith(STALE)
        assert projects.get_project(db, project.id).awarded_minor == 700000  # theirs kept
    finally:
        colleague.dispose()
    page.reload()
    page.select(project.id)
    assert page.binder.fields["awarded"].widget.text() == "7000.00"
    _type(page, "awarded", "6500")
    assert projects.get_project(db, project.id).awarded_minor == 650000

    # The grant source of the visit gets its cap in its own dialog (one undo step).
    window.open_visit(visit_id)
    tab = window.workspace._tab("budget")
    window.workspace.tabs.setCurrentWidget(tab)
    tab.sources.selectRow(0)
    from ui.visit import budget_dialogs

    def fill(dialog) -> int:
        dialog.cap.setText("900,00")
        dialog.accept()
        return 1

    monkeypatch.setattr(budget_dialogs.SourceDialog, "exec", fill)
    tab.edit_source()
    budget = visit_budget(db, "BERGEN-2027")
    assert budget.sources[0].cap == D("900.00")
    assert any("900" in w.text for w in budget.warnings)  # 1 000 € planned above the cap
    window.context.stack.undo()
    assert visit_budget(db, "BERGEN-2027").sources[0].cap is None


def test_the_command_line_takes_the_same_fields(cli, db_path) -> None:
    run = cli(
        "--db",
        db_path,
        "projects",
        "add",
        "LV07",
        "--awarded",
        "120 000,00",
        "--currency",
        "eur",
        "--rate-rule",
        "fixed",
        "--fixed-rates",
        "NOK 11,5; SEK=11.2",
    )
    assert run.code == 0, run.err
    for option, value, message in (
        ("--awarded", "desmit", "--awarded: is not a decimal number: desmit"),
        ("--rate-rule", "daily", "--rate-rule: must be one of: ecb, inforeuro, fixed, plan"),
        ("--fixed-rates", "EUR 1", "--fixed-rates: EUR needs no fixed rate"),
        ("--currency", "kronas", "--currency: is not an ISO 4217 currency code"),
    ):
        run = cli("--db", db_path, "projects", "edit", "LV07", option, value)
        assert run.code == 2 and run.err.startswith(message), run.err
    row = json.loads(cli("--db", db_path, "projects", "list", "--json").out)[0]
    assert (row["awarded"], row["currency"], row["rate_rule"], row["fixed_rates"]) == (
        "120000.00",
        "EUR",
        "fixed",
        {"NOK": "11.5", "SEK": "11.2"},
    )
    assert "120000.00 EUR" in cli("--db", db_path, "projects", "list").out


def test_a_rule_change_that_moves_a_reported_visit_is_asked_about(
    qtbot, db: Database, cli, db_path, monkeypatch, bergen_2027
) -> None:
    """The Bergen visit is reported at the ECB rate of the payment's day (1 022,22 €): the
    fixed rule would make it 1 000,00 €. Asked; No keeps the report's figures, Yes changes
    them on purpose, and undo and redo of that change are not asked again."""
    from ui import reported_guard

    project = projects.create_project(db, code="LV07/EEZ-2027", fixed_rates={"NOK": "11.5"})
    bergen_2027(project_id=project.id, ecb={dt.date(2027, 5, 19): "11.25"})
    with db.write() as s:
        s.query(Visit).filter(Visit.code == "BERGEN-2027").one().status = "reported"
    asked: list[str] = []
    answer = [False]
    monkeypatch.setattr(
        reported_guard, "ask", lambda parent, title, text: asked.append(text) or answer[0]
    )
    window = _window(qtbot, db)
    window.show_section("projects")
    page = window.projects_page
    page.select(project.id)
    rule = page.binder.fields["rate_rule"].widget
    rule.setCurrentIndex(rule.findData("fixed"))
    assert asked[0].startswith("this changes the figures of BERGEN-2027, already reported;")
    assert page.problem.text().endswith(
        "this changes the figures of BERGEN-2027, already reported; nothing was changed "
        "(change it on purpose to move them)"
    )
    assert projects.get_project(db, project.id).rate_rule is None
    assert _actual(db) == D("1022.22")

    answer[0] = True
    page.reload()
    page.select(project.id)
    rule.setCurrentIndex(rule.findData("fixed"))
    assert projects.get_project(db, project.id).rate_rule == "fixed"
    assert _actual(db) == D("1000.00") and len(asked) == 2
    stack = window.context.stack
    stack.undo()
    stack.redo()
    stack.undo()
    assert len(asked) == 2 and _actual(db) == D("1022.22")
    # A change that moves nothing (the plan rule while no payment is in another day's
    # rate… here the title) is never asked about.
    _type(page, "title", "Sadarbība ar Bergenu")
    assert len(asked) == 2

    run = cli("--db", db_path, "projects", "edit", "LV07/EEZ-2027", "--rate-rule", "plan")
    assert run.code == 2 and run.err.startswith(
        "this changes the figures of BERGEN-2027, already reported;"
    )
    assert run.err.rstrip().endswith("(--reported)")
    run = cli(
        "--db", db_path, "projects", "edit", "LV07/EEZ-2027", "--rate-rule", "plan", "--reported"
    )
    assert run.code == 0 and _actual(db) == D("982.99")
