"""The demo visits, built from the seed articles: real institutions, places, dates, topics and
funding programmes; invented delegates. They are ordinary visit files (``demo_data/``), loaded
through the same importer as any other file, so they are also examples of the format.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import select

from app.interchange.importer import import_visit
from app.interchange.reader import read_visit_file
from db.models import Visit

DEMO_DIR = Path(__file__).resolve().parent / "demo_data"
DEMO_PREFIX = "DEMO-"


def demo_files() -> list[Path]:
    return sorted(DEMO_DIR.glob("*.json"))


def load_demo(db: Any) -> list[str]:
    """Import every demo visit whose code is not in the database yet; returns those loaded.

    Loading twice changes nothing: a demo visit already there (even edited) is left alone.
    """
    loaded: list[str] = []
    for path in demo_files():
        text = path.read_text(encoding="utf-8")
        code = read_visit_file(text).visit["code"]
        with db.read() as s:
            exists = s.scalar(select(Visit.id).where(Visit.code == code)) is not None
        if not exists:
            loaded.append(import_visit(db, text).code)
    if loaded:  # several visits at once: one index segment makes the archive's searches fast
        from app.services.archive import optimize_index

        optimize_index(db)
    return loaded
