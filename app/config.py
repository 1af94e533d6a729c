"""Where the data lives and the few settings the core needs (interface language).

The database is a SQLite file in the user data folder unless ``--db`` or ``STUDYVISIT_DB``
names another file or a database URL (PostgreSQL for a shared office database).
Settings are a small JSON file, readable without Qt, so the command line follows the
language chosen in the window.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

APP_NAME = "studyvisit"
DB_ENV = "STUDYVISIT_DB"
LANG_ENV = "STUDYVISIT_LANG"
DB_FILENAME = "studyvisit.db"


def data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(os.environ.get("STUDYVISIT_DATA") or user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    from platformdirs import user_config_dir

    return Path(os.environ.get("STUDYVISIT_CONFIG") or user_config_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    """Files the program can always make again (the statistics' kept facts): the user's
    cache folder, or ``$STUDYVISIT_CACHE``."""
    from platformdirs import user_cache_dir

    return Path(os.environ.get("STUDYVISIT_CACHE") or user_cache_dir(APP_NAME, appauthor=False))


def database_url(cli_value: str | None = None) -> str:
    """The database to open: ``--db``, else ``$STUDYVISIT_DB``, else the default file."""
    from db.urls import url_for

    chosen = cli_value or os.environ.get(DB_ENV)
    if chosen:
        return url_for(chosen)
    return url_for(data_dir() / DB_FILENAME)


def backup_dir(db_path: Path | None) -> Path:
    """Automatic copies (before upgrades, before restores) go beside the database."""
    base = db_path.parent if db_path is not None else data_dir()
    return base / "backups"


def settings_path() -> Path:
    return config_dir() / "settings.json"


def load_settings() -> dict[str, Any]:
    try:
        data = json.loads(settings_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save_settings(settings: dict[str, Any]) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(settings, ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(tmp, path)


def interface_language() -> str:
    """Settings first, then ``$STUDYVISIT_LANG``, then the system locale; Latvian by default."""
    from app.i18n import UI_LANGUAGES, system_language

    for lang in (load_settings().get("language"), os.environ.get(LANG_ENV)):
        if lang in UI_LANGUAGES:
            return lang
    return system_language()
