"""Everything in the window (issue 10, item 11): the post-visit summary and the website
article from the Documents tab, the visit file exported and imported (replace or copy)
from the File menu — through the command line's own operations, each import one undo
step, a bad file one sentence."""

from __future__ import annotations

import json
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from app.interchange.visit_file import export_visit
from app.services.visits import find_visit, list_visits, update_visit
from ui.main_window import MainWindow

BERGEN = "DEMO-BERGEN-2014"


def _window(qtbot, db) -> MainWindow:
    window = MainWindow(db)
    qtbot.addWidget(window)
    return window


def _save_as(monkeypatch, target: Path) -> list[str]:
    offered: list[str] = []

    def dialog(parent, caption, start="", *args, **kwargs):
        offered.append(start)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    return offered


def _documents(qtbot, window, db):
    window.open_visit(find_visit(db, BERGEN).id)
    tab = window.workspace._tab("documents")
    window.workspace.tabs.setCurrentWidget(tab)
    return tab


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext")
def test_the_summary_pdf_from_the_documents_tab(qtbot, demo_db, tmp_path, monkeypatch):
    tab = _documents(qtbot, _window(qtbot, demo_db), demo_db)
    tab.document.setCurrentIndex(tab.document.findData("summary"))
    tab.language.setCurrentIndex(tab.language.findData("lv"))
    target = tmp_path / "kopsavilkums.pdf"
    offered = _save_as(monkeypatch, target)
    tab.save_button.click()
    qtbot.waitUntil(lambda: not tab.running, timeout=30000)
    assert offered[0].endswith("DEMO-BERGEN-2014-summary-lv.pdf")
    text = subprocess.run(
        ["pdftotext", str(target), "-"], capture_output=True, text=True, check=True
    ).stdout  # read back by a program we did not write
    assert "Kopsavilkums pēc vizītes" in text and "Bergenā" in text


def test_the_article_from_the_documents_tab_as_html_and_markdown(
    qtbot, demo_db, tmp_path, monkeypatch
):
    from app.documents.article import article_text

    tab = _documents(qtbot, _window(qtbot, demo_db), demo_db)
    tab.document.setCurrentIndex(tab.document.findData("article"))
    assert not tab.preview_button.isEnabled()  # not a PDF: nothing to draw
    tab.language.setCurrentIndex(tab.language.findData("en"))
    for name, fmt in (("raksts.html", "html"), ("raksts.md", "md")):
        target = tmp_path / name
        offered = _save_as(monkeypatch, target)
        tab.save_button.click()
        qtbot.waitUntil(lambda: not tab.running, timeout=30000)
        assert offered[0].endswith("DEMO-BERGEN-2014-article-en.html")
        written = target.read_text(encoding="utf-8")
        assert written == article_text(demo_db, BERGEN, "en", fmt)  # the CLI's text
    headings: list[str] = []

    class Headings(HTMLParser):
        inside = False

        def handle_starttag(self, tag, attrs):
            self.inside = tag in ("h1", "h2")

        def handle_data(self, data):
            if self.inside and data.strip():
                headings.append(data.strip())
                self.inside = False

    Headings().feed((tmp_path / "raksts.html").read_text(encoding="utf-8"))
    assert headings and "Bergen" in headings[0]


def test_export_then_import_as_a_copy_and_replace_each_one_undo_step(
    qtbot, demo_db, tmp_path, monkeypatch
):
    window = _window(qtbot, demo_db)
    window.visits_page.select_visit(find_visit(demo_db, BERGEN).id)
    target = tmp_path / "bergen vizīte.json"
    assert window.export_visit_file(str(target), include_sensitive=False) == target
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["visit"]["code"] == BERGEN
    assert target.read_text(encoding="utf-8") == export_visit(demo_db, BERGEN)

    count = len(list_visits(demo_db))
    asked: list[str] = []

    def as_copy(parent, code):
        asked.append(code)
        return "copy:BERGEN-KOPIJA"

    copy_id = window.import_visit_file(str(target), choose=as_copy)
    assert asked == [BERGEN] and len(list_visits(demo_db)) == count + 1
    assert find_visit(demo_db, "BERGEN-KOPIJA").id == copy_id
    assert window.workspace is not None and window.workspace.visit_id == copy_id
    window.context.stack.undo()
    assert len(list_visits(demo_db)) == count

    original = find_visit(demo_db, BERGEN)
    update_visit(demo_db, original.id, None, title="Mainīts <b>&</b> nosaukums 🙂")
    window.import_visit_file(str(target), choose=lambda parent, code: "replace")
    assert find_visit(demo_db, BERGEN).title == original.title  # the file's title back
    assert len(list_visits(demo_db)) == count
    window.context.stack.undo()
    assert find_visit(demo_db, BERGEN).title == "Mainīts <b>&</b> nosaukums 🙂"
    window.context.stack.redo()
    assert find_visit(demo_db, BERGEN).title == original.title

    cancelled = window.import_visit_file(str(target), choose=lambda parent, code: "")
    assert cancelled is None and len(list_visits(demo_db)) == count


def test_a_bad_file_is_one_sentence_and_changes_nothing(qtbot, demo_db, tmp_path, warnings_shown):
    window = _window(qtbot, demo_db)
    count = len(list_visits(demo_db))
    broken = tmp_path / "salauzts.json"
    broken.write_text('{"format": "studyvisit/1", "visit": {', encoding="utf-8")
    latin = tmp_path / "latin1.json"
    latin.write_bytes('{"visit": "Rīga"}'.encode("utf-16"))
    for path in (broken, latin, tmp_path / "nav.json"):
        assert window.import_visit_file(str(path)) is None
    assert len(warnings_shown) == 3
    assert all(m.count("\n") == 0 and "Traceback" not in m for m in warnings_shown)
    assert "salauzts.json" in warnings_shown[0] and "JSON" in warnings_shown[0]
    assert len(list_visits(demo_db)) == count
