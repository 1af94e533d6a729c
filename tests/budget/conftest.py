"""Budget tests: the per-test database (``db``, at ``db_path``) with the demo visits loaded,
so that the command line can be pointed at the same file."""

from __future__ import annotations

import pytest


@pytest.fixture
def demo(db):
    from app.demo import load_demo

    load_demo(db)
    return db


def pdf_text(path) -> str:
    """The PDF's text as one line of words (Babel's no-break spaces read as spaces)."""
    from pypdf import PdfReader

    text = "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)
    return " ".join(text.replace("\xa0", " ").split())
