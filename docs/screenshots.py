"""Render the main screens from the demo visits, offscreen, in Latvian and English.

    python docs/screenshots.py            # writes docs/images/<lang>-<screen>.png

Used by ``docs/user-guide.md``. Each run starts from an empty temporary database with the
demo visits, so the pictures show the same data every time. Every window picture is
1024×700, the smallest screen the window is made for, on the light palette; a picture of
another size (the window held wider by something in it) is reported and the run fails.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
OUT = ROOT / "docs" / "images"
SIZE = (1024, 700)
os.environ.setdefault("STUDYVISIT_THEME", "light")  # the same pictures on any desktop


def render(lang: str) -> list[Path]:
    os.environ["STUDYVISIT_CONFIG"] = tempfile.mkdtemp(prefix="shots-config-")
    from app.demo import load_demo
    from app.i18n import set_language
    from app.services.visits import find_visit
    from db.engine import Database
    from db.schema import ensure_schema
    from ui.app import application, install_qt_translations
    from ui.main_window import MainWindow

    set_language(lang)
    app = application([])
    translator = install_qt_translations(app, lang)
    path = Path(tempfile.mkdtemp(prefix="shots-db-")) / "demo.db"
    ensure_schema(f"sqlite:///{path}")
    db = Database(f"sqlite:///{path}")
    load_demo(db)
    # The program ships no allowance rates (no official table was found); the picture of
    # the allowance tab uses a row marked as an example, never shown as the law's figure.
    from app.services.allowances import import_allowance_rates

    import_allowance_rates(db, EXAMPLE_RATES)
    window = MainWindow(db)
    window.resize(*SIZE)
    window.show()
    written: list[Path] = []

    def shot(name: str) -> None:
        for _ in range(3):
            app.processEvents()
        target = OUT / f"{lang}-{name}.png"
        window.grab().save(str(target))
        written.append(target)
        check_size(window, target)

    shot("visits")
    bergen = find_visit(db, "DEMO-BERGEN-2014")
    window.open_visit(bergen.id)
    workspace = window.workspace
    shot("overview")
    workspace.tabs.setCurrentWidget(workspace.programme)
    programme = workspace.programme
    items = programme.model.all_items()
    programme.select_item(items[1].id)
    shot("programme")
    # A conflict, as a coordinator would see it while typing a time that overlaps.
    programme.form.save_times(items[2].starts.replace(hour=items[1].starts.hour), items[2].ends)
    programme.select_item(items[2].id)
    shot("programme-conflict")
    window.context.stack.undo()
    workspace.tabs.setCurrentWidget(workspace.participants)
    workspace.participants.table.selectRow(0)
    shot("participants")
    import_dialog(workspace, lang, written)
    workspace.tabs.setCurrentWidget(workspace.logistics)
    shot("logistics")
    for name in ("budget", "allowances", "translations", "documents", "report"):
        tab = workspace._tab(name)
        workspace.tabs.setCurrentWidget(tab)
        if name == "allowances":
            tab.table.selectRow(0)
        shot(name)
    window.show_section("archive")
    archive = window.stack.currentWidget()
    archive.search.setText("atkritumu tarifs")
    archive.run_search()
    shot("archive")
    window.show_section("followups")
    shot("followups")
    statistics_shots(window, db, lang, written)
    window.show_section("institutions")
    window.institutions_page.search.setText("Bergen")
    window.institutions_page.table.selectRow(0)
    shot("institutions")
    window.show_section("people")
    window.people_page.table.selectRow(0)
    shot("people")
    window.close()
    db.dispose()
    if translator is not None:
        app.removeTranslator(translator)
    return written


def statistics_shots(window: Any, db: Any, lang: str, written: list[Path]) -> None:
    """The Statistics section with a bar chosen, and the experience panel beside a visit
    being planned, at 1024×700 (issue 18's size)."""
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    from app.services import programme, visits

    def shot(name: str) -> None:
        for _ in range(3):
            QApplication.processEvents()
        target = OUT / f"{lang}-{name}.png"
        window.grab().save(str(target))
        written.append(target)
        check_size(window, target)

    window.close_visit()  # its built tabs would hold the window wider than 1024
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    window.resize(*SIZE)
    window.show_section("statistics")
    page = window.stack.currentWidget()
    while page.busy:  # the figures are worked out off the UI thread
        QApplication.processEvents()
    page.cards["visits_by_country"].chart.choose(0)
    shot("statistics")
    # A visit to Oslo being planned; KS (met in 2014 and 2023) named as a meeting's host.
    oslo = visits.find_visit(db, "DEMO-KS-NORWAY-2023")
    ks = next(
        item.host_id
        for item in programme.list_programme(db, oslo.id)
        if item.host is not None and "(KS)" in item.host.name
    )
    new = visits.create_visit(
        db,
        code="PLAN-OSLO-2025",
        title="Starppašvaldību sadarbība Norvēģijā",
        timezone="Europe/Oslo",
        country="NO",
        city="Oslo",
        start_date="2025-10-06",
        end_date="2025-10-08",
        topics=["starppašvaldību sadarbība"],
    )
    programme.create_programme_item(
        db,
        new.id,
        starts="2025-10-07T10:00",
        ends="2025-10-07T12:00",
        timezone="Europe/Oslo",
        title="KS",
        host_id=ks,
    )
    window.open_visit(new.id)
    workspace = window.workspace
    # the panel waits a moment after the workspace is painted; at 1024 px it is folded
    # away while the Overview's form needs the room, and dragged open, as a user does
    from ui.visit.experience_panel import ExperiencePanel

    panel = workspace.findChild(ExperiencePanel)
    panel.refresh()
    for _ in range(3):
        QApplication.processEvents()
    beside = panel.parentWidget()
    if beside.sizes()[1] == 0:
        room = sum(beside.sizes())
        beside.setSizes([room - 300, 300])
        QApplication.processEvents()
    shot("experience")
    window.close_visit()
    visits.delete_visit(db, new.id)
    window.resize(*SIZE)


WRONG_SIZE: list[str] = []


def check_size(window: Any, target: Path) -> None:
    """Note a picture whose window is not SIZE: something in it held the window wider or
    taller (lv-statistics and lv-experience once came out 1135 px wide)."""
    size = window.size()
    if (size.width(), size.height()) != SIZE:
        WRONG_SIZE.append(f"{target.name}: {size.width()}×{size.height()}")
        window.resize(*SIZE)


EXAMPLE_RATES = (
    "country,daily,accommodation_cap,valid_from,source\n"
    "NO,70,160,2011-11-01,Example figures for this picture only\n"
)

SAMPLE = """Vārds;Uzvārds;E-pasts;Iestāde;Loma;Statuss;Ierašanās;Ēdināšana
Inese;Kalniņa;inese@kuldiga.lv;Kuldīgas novada pašvaldība;delegāts;apstiprināts;02.04.2014;
Artūrs;Grava;arturs@jelgava;Jelgavas valstspilsētas pašvaldība;;;;veģetārietis
;Ozols;;;;;;
Olga;Jermolajeva;olga@daugavpils.lv;Daugavpils pilsētas dome;boss;yes;2014-05-01;
"""


def import_dialog(workspace: object, lang: str, written: list[Path]) -> None:
    """The participant-list import with a file that has problems on three lines."""
    from ui.dialogs.import_participants import ImportParticipantsDialog

    csv = Path(tempfile.mkdtemp(prefix="shots-csv-")) / "saraksts.csv"
    csv.write_text(SAMPLE, encoding="utf-8")
    tab = workspace.participants  # type: ignore[attr-defined]
    dialog = ImportParticipantsDialog(tab.context, tab.visit_id, str(csv), tab)
    dialog.resize(1000, 720)
    dialog.show()
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    target = OUT / f"{lang}-import.png"
    dialog.grab().save(str(target))
    written.append(target)
    dialog.reject()


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for lang in ("lv", "en"):
        for path in render(lang):
            print(path.relative_to(ROOT))
    for problem in WRONG_SIZE:
        print(f"not {SIZE[0]}×{SIZE[1]}: {problem}", file=sys.stderr)
    return 1 if WRONG_SIZE else 0


if __name__ == "__main__":
    raise SystemExit(main())
