"""Shared fixtures: a fresh, migrated SQLite database per test; Qt offscreen.

The offscreen platform must be chosen before anything imports Qt: without a display the
whole pytest process would abort (docs/pitfalls.md).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("STUDYVISIT_LANG", "en")

import pytest

from app import i18n
from db.engine import Database


def bokmal() -> dict[str, str]:
    """The translated entries of the Norwegian bokmål catalogue (a document language)."""
    from babel.messages.pofile import read_po

    path = (
        Path(__file__).resolve().parents[1] / "resources/translations/nb/LC_MESSAGES/studyvisit.po"
    )
    with path.open("rb") as fh:
        catalogue = read_po(fh, locale="nb")
    return {
        m.id: m.string
        for m in catalogue
        if m.id and isinstance(m.id, str) and m.string and not m.fuzzy
    }


def cents(value: object) -> Decimal:
    """A number read back from a spreadsheet or a widget, as the exact amount in cents."""
    return Decimal(repr(value)).quantize(Decimal("0.01"))


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated empty database, copied for each test (migrating per test is slow)."""
    from db.schema import ensure_schema

    path = tmp_path_factory.mktemp("template") / "template.db"
    ensure_schema(f"sqlite:///{path}")
    return path


@pytest.fixture
def db_path(tmp_path: Path, template_db: Path) -> Path:
    path = tmp_path / "test.db"
    shutil.copyfile(template_db, path)
    return path


@pytest.fixture
def db(db_path: Path):
    database = Database(f"sqlite:///{db_path}")
    yield database
    database.dispose()


@pytest.fixture(autouse=True)
def english_messages(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    """Tests read messages in English unless they switch; settings go to a private folder."""
    monkeypatch.setenv("STUDYVISIT_CONFIG", str(tmp_path / "config"))
    monkeypatch.setenv("STUDYVISIT_DATA", str(tmp_path / "data"))
    monkeypatch.setenv("STUDYVISIT_CACHE", str(tmp_path / "cache"))
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture(scope="session")
def demo_template(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The migrated database with the six demo visits, loaded once per session."""
    from app.demo import load_demo

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    shutil.copyfile(template_db, path)
    database = Database(f"sqlite:///{path}")
    load_demo(database)
    database.dispose()
    return path


@pytest.fixture
def demo_db(demo_template: Path, tmp_path: Path):
    """A private copy of the demo database for one test."""
    path = tmp_path / "demo.db"
    shutil.copyfile(demo_template, path)
    database = Database(f"sqlite:///{path}")
    yield database
    database.dispose()


@dataclass
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., Run]:
    """The command line in-process, as a user's shell sees it: ``cli("visits", "list")`` →
    exit code, stdout, stderr; never a traceback."""
    from app.cli import main

    def run(*argv: object) -> Run:
        capsys.readouterr()
        code = main([str(a) for a in argv])
        captured = capsys.readouterr()
        assert "Traceback" not in captured.err
        return Run(code, captured.out, captured.err)

    return run
