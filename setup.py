"""Packaging hook: the wheel carries the compiled translations and the icon.

Everything else about the package is in ``pyproject.toml``. The ``.mo`` catalogues and the
icon live in ``resources/`` at the top of the source tree, outside the packages, where the
translators' tools and ``build.spec`` expect them; ``build_py`` copies them into the wheel's
``app/resources/`` (``app.resource_files`` finds them there), so an installed copy speaks
Latvian instead of silently falling back to English.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
PATTERNS = (  # app.resource_files.PACKAGED_PATTERNS; tests/packaging checks the wheel has them
    "translations/*/LC_MESSAGES/*.mo",
    "icons/studyvisit.png",
    "icons/studyvisit.svg",
)


class BuildPyWithResources(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads resources/ in the checkout itself
        target = Path(self.build_lib) / "app" / "resources"
        for pattern in PATTERNS:
            for source in sorted((ROOT / "resources").glob(pattern)):
                copy = target / source.relative_to(ROOT / "resources")
                copy.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, copy)


setup(cmdclass={"build_py": BuildPyWithResources})
