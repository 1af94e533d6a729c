"""Packaging hook: the wheel carries the compiled translations, the icon, the fallback font.

Everything else about the package is in ``pyproject.toml``. The ``.mo`` catalogues, the
icon and the fallback font live in ``resources/`` at the top of the source tree, outside the
packages, where the translators' tools and ``build.spec`` expect them; ``build_py`` copies
them into the wheel's ``app/resources/`` (``app.resource_files`` finds them there), so an
installed copy speaks Latvian instead of silently falling back to English.
"""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


def packaged_patterns() -> tuple[str, ...]:
    """``app.resource_files.PACKAGED_PATTERNS``, read without importing the package (the
    build environment need not have its dependencies): one list for the wheel and the
    one-folder build."""
    tree = ast.parse((ROOT / "app" / "resource_files.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and node.value is not None:
            targets: list[ast.expr] = [node.target]
            value = node.value
        elif isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        else:
            continue
        if any(isinstance(t, ast.Name) and t.id == "PACKAGED_PATTERNS" for t in targets):
            return tuple(ast.literal_eval(value))
    raise RuntimeError("app/resource_files.py names no PACKAGED_PATTERNS")


class BuildPyWithResources(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads resources/ in the checkout itself
        target = Path(self.build_lib) / "app" / "resources"
        for pattern in packaged_patterns():
            for source in sorted((ROOT / "resources").glob(pattern)):
                copy = target / source.relative_to(ROOT / "resources")
                copy.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, copy)


setup(cmdclass={"build_py": BuildPyWithResources})
