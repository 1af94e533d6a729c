"""The wheel a user installs carries what the program reads at run time.

Built with pip from this checkout, unpacked into an empty folder and imported from there in
a separate Python (the checkout is not on its path): the Latvian and English catalogues, the
migrations, the demo visits and the icon must come from the installed copy. Without them an
installed program would silently speak English or fail on its first database.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from app import __version__
from app.resource_files import PACKAGED_PATTERNS, SOURCE_DIR

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json, sys
from importlib.metadata import version
from pathlib import Path
from app import __version__, i18n
from app.demo import demo_files
from app.resource_files import ICON_FILE, TRANSLATIONS_DIR
from db.schema import MIGRATIONS_DIR
i18n.set_language("lv")
print(json.dumps({
    "app": str(Path(i18n.__file__).resolve()),
    "translations": str(TRANSLATIONS_DIR),
    "icon": str(ICON_FILE) if ICON_FILE.is_file() else None,
    "migrations": sorted(p.name for p in (MIGRATIONS_DIR / "versions").glob("*.py")),
    "migrations_dir": str(MIGRATIONS_DIR),
    "demo": len(demo_files()),
    "lv": i18n._("the visits in the database"),
    "metadata_version": version("studyvisit"),
    "version": __version__,
}))
"""


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built from a copy of the checkout: setuptools leaves build/ and egg-info beside the
    sources, and an egg-info in the checkout would answer importlib.metadata for it."""
    out = tmp_path_factory.mktemp("wheel")
    source = tmp_path_factory.mktemp("source") / "studyvisit"
    shutil.copytree(
        ROOT,
        source,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", "build", "dist", "tests", "*.egg-info", "__pycache__", ".*_cache"
        ),
    )
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--quiet",
            "--disable-pip-version-check",
            "-w",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    (found,) = out.glob("studyvisit-*.whl")
    return found


def test_the_wheel_names_the_one_version(wheel: Path) -> None:
    assert wheel.name.startswith(f"studyvisit-{__version__}-")


def test_the_wheel_holds_translations_icon_migrations_and_demo(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for pattern in PACKAGED_PATTERNS:
        sources = list(SOURCE_DIR.glob(pattern))
        assert sources, pattern
        for source in sources:
            assert f"app/resources/{source.relative_to(SOURCE_DIR).as_posix()}" in names
    migrations = sorted(p.name for p in (ROOT / "db" / "migrations" / "versions").glob("*.py"))
    for name in migrations:
        assert f"db/migrations/versions/{name}" in names
    assert "db/migrations/env.py" in names
    assert any(n.startswith("app/demo_data/") and n.endswith(".json") for n in names)


def test_an_installed_copy_reads_only_its_own_files(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(target)
    result = subprocess.run(
        [sys.executable, "-P", "-c", PROBE],
        cwd=tmp_path,
        env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout)
    for key in ("app", "translations", "icon", "migrations_dir"):
        assert Path(seen[key]).is_relative_to(target), (key, seen[key])
    assert seen["lv"] == "vizītes datubāzē"
    assert seen["migrations"] == sorted(
        p.name for p in (ROOT / "db" / "migrations" / "versions").glob("*.py")
    )
    assert seen["demo"] >= 1
    assert seen["metadata_version"] == seen["version"] == __version__
