"""Budget tests: the command line run in-process, and a demo database."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from app.cli import main


@dataclass
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., Run]:
    """``cli("budget", "X")`` → exit code, stdout, stderr; never a traceback."""

    def run(*argv: object) -> Run:
        capsys.readouterr()
        code = main([str(a) for a in argv])
        captured = capsys.readouterr()
        assert "Traceback" not in captured.err
        return Run(code, captured.out, captured.err)

    return run


@pytest.fixture
def demo(db):
    from app.demo import load_demo

    load_demo(db)
    return db
