"""Budget tests: the per-test database (``db``, at ``db_path``) with the demo visits loaded,
so that the command line can be pointed at the same file."""

from __future__ import annotations

import pytest


@pytest.fixture
def demo(db):
    from app.demo import load_demo

    load_demo(db)
    return db
