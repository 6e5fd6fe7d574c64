"""The report's fonts: DejaVu Sans, shipped in the package and registered once.

DejaVu Sans covers Latin, Greek and Cyrillic, so any such name or note prints; the fonts are
embedded in every PDF.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"


def font_dir() -> Path:
    """The folder of the shipped font files."""
    return Path(str(resources.files("assessor") / "fonts"))


@cache
def register_fonts() -> tuple[str, str]:
    """Register the report fonts with reportlab (once per process); returns their names."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    folder = font_dir()
    pdfmetrics.registerFont(TTFont(REGULAR, str(folder / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(folder / "DejaVuSans-Bold.ttf")))
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, REGULAR)
    addMapping(REGULAR, 1, 1, BOLD)
    return REGULAR, BOLD
