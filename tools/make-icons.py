"""Render the application icon's PNG, ICO (Windows) and ICNS (macOS) from its SVG.

    python tools/make-icons.py

The SVG in ``resources/icons`` is the drawing; the other formats are committed, so that a
build needs no extra step. Qt renders the SVG (QtSvg ships with PySide6), Pillow writes the
multi-size ICO and ICNS. Run it again after changing the drawing.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
SIZE = 512  # rendered once, large; Pillow scales down for the smaller sizes


def render(svg: Path, size: int) -> QImage:
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {svg}")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    big = ICONS / "studyvisit-512.png"
    render(ICONS / "studyvisit.svg", SIZE).save(str(big))
    with Image.open(big) as image:
        image.load()
    big.unlink()
    image.resize((256, 256), Image.Resampling.LANCZOS).save(ICONS / "studyvisit.png")
    image.save(
        ICONS / "studyvisit.ico",
        sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)],
    )
    image.save(ICONS / "studyvisit.icns")
    for name in ("studyvisit.png", "studyvisit.ico", "studyvisit.icns"):
        print(f"{ICONS / name}: {(ICONS / name).stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
