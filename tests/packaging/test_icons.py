"""The application icon: an SVG and its PNG renderings at every size the desktop asks for."""

from __future__ import annotations

import struct
import xml.etree.ElementTree as ElementTree

import pytest

from tests.packaging.modules import PACKAGING, load

render_icons = load("render_icons")
ICONS = PACKAGING / "icons"


def test_the_svg_is_square_and_well_formed() -> None:
    root = ElementTree.parse(render_icons.SOURCE).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    _x, _y, width, height = root.get("viewBox", "").split()
    assert width == height


@pytest.mark.parametrize("size", render_icons.SIZES)
def test_each_png_has_its_size_and_an_alpha_channel(size: int) -> None:
    data = render_icons.png_path(size).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height, _depth, colour_type = struct.unpack(">IIBB", data[16:26])
    assert (width, height) == (size, size)
    assert colour_type == 6, "RGBA, so the icon has a transparent background"


def test_every_size_is_rendered() -> None:
    rendered = {path.name for path in ICONS.glob("assessor-*.png")}
    assert rendered == {f"assessor-{size}.png" for size in render_icons.SIZES}
    assert set(render_icons.SIZES) >= {16, 32, 48, 64, 128, 256, 512}
