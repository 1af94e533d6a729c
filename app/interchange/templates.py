"""Empty tables a finance officer fills in with a spreadsheet program and imports again
(exchange rates, allowance rates): written one way for the window and the command line."""

from __future__ import annotations

import os
from pathlib import Path


def write_template(path: str | os.PathLike[str], text: str) -> None:
    """``text`` as UTF-8 with a byte-order mark (Excel then reads ā, ē, ģ instead of
    guessing a code page), its CRLF line ends kept as Excel writes them. ``OSError`` when
    the file cannot be written: the caller says so in its own way."""
    Path(path).write_text(text, encoding="utf-8-sig", newline="")
