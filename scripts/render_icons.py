"""Render the application icon's PNG sizes and the Windows ICO from its SVG (Qt's own SVG
renderer and image writers: no other tool needed).

python scripts/render_icons.py   # after changing resources/icons/salon-desk.svg; commit

The window icon is made from the PNGs (``desk_app.desktop.app_icon``), the Linux desktop
entry uses the SVG and the PNGs, the Windows executables and installer the ICO; the macOS
.app's ICNS is made from the 512 PNG by PyInstaller (with Pillow): Qt's ICNS writer
writes a table of contents its own reader calls corrupt.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QImageWriter, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parents[1]
ICONS = ROOT / "resources" / "icons"
SOURCE = ICONS / "salon-desk.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
# Qt's ICO writer stores one image: the largest the format holds, which Windows scales.
ICO_SIZE = 256


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def write(image: QImage, path: Path, kind: str) -> None:
    writer = QImageWriter(str(path), kind.encode())
    if not writer.write(image):
        raise SystemExit(f"{path}: {writer.errorString()}")


def main() -> int:
    app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"{SOURCE} is not a valid SVG")
    for size in PNG_SIZES:
        write(render(renderer, size), ICONS / f"salon-desk-{size}.png", "png")
    write(render(renderer, ICO_SIZE), ICONS / "salon-desk.ico", "ico")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
