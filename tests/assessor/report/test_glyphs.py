"""Every symbol the app and the PDFs print exists in the bundled DejaVu fonts.

The symbols are collected from the code itself (every non-ASCII character of every string in
``assessor/`` and ``ui/``, escapes decoded) and from the bundled questionnaires. Each is rendered
through the font's character map, in the regular and the bold face, and must not come out as
glyph 0, the ".notdef" box a reader sees for a missing glyph.
"""

from __future__ import annotations

import ast
import unicodedata
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from reportlab.pdfbase.ttfonts import TTFont

from assessor.files.text_checks import is_visible
from assessor.report.fonts import BOLD, REGULAR, font_dir

ROOT = Path(__file__).resolve().parents[3]


def _strings(path: Path) -> Iterator[str]:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.value


def _mark(character: str) -> bool:
    """An accent or other combining mark: drawn on the letter before it, so it needs a glyph."""
    return unicodedata.category(character) in {"Mn", "Mc", "Me"}


@cache
def symbols() -> dict[str, str]:
    """Each non-ASCII character the code and the bundled questionnaires use -> one file using it.

    Invisible characters (those the text checks refuse as blank, such as the Hangul fillers
    they list) are drawn as nothing, so they need no glyph and are left out.
    """
    found: dict[str, str] = {}
    for folder in ("assessor", "ui"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            for text in _strings(path):
                for character in text:
                    if ord(character) > 127 and (is_visible(character) or _mark(character)):
                        found.setdefault(character, str(path.relative_to(ROOT)))
    for path in sorted((ROOT / "questionnaires").glob("*.toml")):
        for character in path.read_text(encoding="utf-8"):
            if ord(character) > 127 and not character.isspace():
                found.setdefault(character, str(path.relative_to(ROOT)))
    return found


@cache
def glyph_maps() -> dict[str, dict[int, int]]:
    """Code point -> glyph index of each bundled face."""
    return {
        name: TTFont(name, str(font_dir() / f"{name}.ttf")).face.charToGlyph
        for name in (REGULAR, BOLD)
    }


def test_the_scan_finds_the_symbols_the_reports_print() -> None:
    # the check below must be able to fail: these are printed on every report's pages
    for symbol in "⚠✓→−…·“”":
        assert symbol in symbols(), symbol


@pytest.mark.parametrize("face", [REGULAR, BOLD])
def test_every_symbol_has_a_glyph_in_the_bundled_fonts(face: str) -> None:
    glyphs = glyph_maps()[face]
    missing = {
        f"{symbol} (U+{ord(symbol):04X}, {where})"
        for symbol, where in symbols().items()
        if glyphs.get(ord(symbol), 0) == 0
    }
    assert not missing, f"no glyph in {face}: {sorted(missing)}"


def test_a_missing_glyph_is_detected() -> None:
    # ⓘ (U+24D8) is not in DejaVu Sans: History and the organisation report print ℹ instead
    assert glyph_maps()[REGULAR].get(ord("ⓘ"), 0) == 0
    assert "ⓘ" not in symbols()
    assert "ℹ" in symbols()
