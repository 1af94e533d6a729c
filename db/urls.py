"""Database locations: ``--db`` takes a file path or a URL. Kept free of SQLAlchemy so that
resolving where the data is costs nothing at start-up."""

from __future__ import annotations

from pathlib import Path


def url_for(path_or_url: str | Path) -> str:
    """``--db`` takes a file path or a SQLAlchemy URL; a path becomes a SQLite URL."""
    text = str(path_or_url)
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for other backends and in-memory databases."""
    if not url.startswith("sqlite"):
        return None
    rest = url.split(":///", 1)[1] if ":///" in url else ""
    if not rest or rest == ":memory:":
        return None
    return Path(rest.split("?", 1)[0])
