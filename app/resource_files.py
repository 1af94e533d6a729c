"""Where the program finds its own files: translations, the application icon, and the
fallback font documents print letters with that Roboto lacks (DejaVu Sans, with its
licence beside it).

They live in ``resources/`` at the top of a source checkout. An installed wheel and the
one-folder build cannot reach that folder, so the build copies them into the package as
``app/resources/`` (``setup.py``'s ``build_py`` and ``build.spec``); the packaged copy wins
when it is there, so an installed or frozen program never reads a source tree. The demo
visits (``app/demo_data``) and the migrations (``db/migrations``) are inside their packages
already and are found beside their modules.
"""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent
PACKAGED_DIR = _HERE / "resources"
SOURCE_DIR = _HERE.parent / "resources"
RESOURCES_DIR = PACKAGED_DIR if PACKAGED_DIR.is_dir() else SOURCE_DIR

# What a wheel and the one-folder build must carry (patterns relative to RESOURCES_DIR).
PACKAGED_PATTERNS: tuple[str, ...] = (
    "translations/*/LC_MESSAGES/*.mo",
    "icons/studyvisit.png",
    "icons/studyvisit.svg",
    "fonts/DejaVuSans.ttf",
    "fonts/DejaVuSans-LICENSE.txt",
)

TRANSLATIONS_DIR = RESOURCES_DIR / "translations"
ICON_FILE = RESOURCES_DIR / "icons" / "studyvisit.png"
FALLBACK_FONT_FILE = RESOURCES_DIR / "fonts" / "DejaVuSans.ttf"
