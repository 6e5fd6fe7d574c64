"""Render the application icon's PNG sizes from ui/icons/assessor.svg.

Run it after editing the SVG (``make icons``) and commit the PNGs; the build only copies them.
It uses Qt's SVG renderer, so it needs no display: the offscreen platform is selected when none
is set.

    python packaging/render_icons.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parent / "icons"
#: The one source of the icon: the app shows it as its window icon too.
SOURCE = Path(__file__).resolve().parent.parent / "ui" / "icons" / "assessor.svg"
SIZES: tuple[int, ...] = (16, 32, 48, 64, 128, 256, 512)


def png_path(size: int) -> Path:
    """Where the PNG of one size is kept."""
    return ICONS / f"assessor-{size}.png"


def render(size: int, target: Path) -> None:
    """Write the icon, ``size`` pixels square with a transparent background, to ``target``."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"error: {SOURCE}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    if not image.save(str(target)):  # the format follows the .png suffix
        raise SystemExit(f"error: {target}: cannot be written")


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    # Painting needs a GUI application object, even offscreen.
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])

    for size in SIZES:
        target = png_path(size)
        render(size, target)
        print(f"wrote {target.relative_to(ICONS.parent.parent)} ({target.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
