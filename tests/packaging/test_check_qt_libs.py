"""The check ``make run`` does before starting: missing Qt platform libraries → one install line."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.packaging.modules import PACKAGING, load

check = load("check_qt_libs")

#: What ``ldd libqxcb.so`` printed on a fresh Debian 12 with libxcb-cursor0 installed but not
#: libxcb-icccm4 and libxcb-keysyms1 (shortened; ldd lists a missing library once per needer).
LDD_OUTPUT = """\
\tlinux-vdso.so.1 (0x00007ffd5b3f2000)
\tlibQt6XcbQpa.so.6 => /venv/PySide6/Qt/plugins/platforms/../../lib/libQt6XcbQpa.so.6 (0x7f3a)
\tlibGL.so.1 => /lib/x86_64-linux-gnu/libGL.so.1 (0x00007f3a7207d000)
\tlibxcb-cursor.so.0 => /lib/x86_64-linux-gnu/libxcb-cursor.so.0 (0x00007f3a72023000)
\tlibxcb-icccm.so.4 => not found
\tlibxcb-util.so.1 => /lib/x86_64-linux-gnu/libxcb-util.so.1 (0x00007f3a7201b000)
\tlibxcb-keysyms.so.1 => not found
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\tlibEGL.so.1 => /lib/x86_64-linux-gnu/libEGL.so.1 (0x00007f3a71f4c000)
\t/lib64/ld-linux-x86-64.so.2 (0x00007f3a721dd000)
"""


def test_missing_libraries_are_read_from_ldd_once_each() -> None:
    assert check.missing_libraries(LDD_OUTPUT) == ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"]
    assert check.missing_libraries(LDD_OUTPUT.replace("=> not found", "=> /lib/x.so")) == []


def test_the_advice_is_one_apt_get_line_with_the_debian_packages() -> None:
    text = check.advice(check.missing_libraries(LDD_OUTPUT))

    install = [line.strip() for line in text.splitlines() if "apt-get" in line]
    assert install == ["sudo apt-get install libxcb-icccm4 libxcb-keysyms1"]
    assert "libxcb-icccm.so.4, libxcb-keysyms.so.1" in text


def test_every_library_the_plugin_needs_maps_to_its_package() -> None:
    missing = [
        "libxcb-cursor.so.0",
        "libxkbcommon-x11.so.0",
        "libEGL.so.1",
        "libGL.so.1",
        "libfontconfig.so.1",
        "libdbus-1.so.3",
        "libxcb-render-util.so.0",
        "libxcb-image.so.0",
        "libxcb-xkb.so.1",
    ]
    packages, unknown = check.packages_for(missing)

    assert packages == [
        "libdbus-1-3",
        "libegl1",
        "libfontconfig1",
        "libgl1",
        "libxcb-cursor0",
        "libxcb-image0",
        "libxcb-render-util0",
        "libxcb-xkb1",
        "libxkbcommon-x11-0",
    ]
    assert unknown == []


def test_a_library_with_no_known_package_is_still_named() -> None:
    text = check.advice(["libxcb-icccm.so.4", "libfuture.so.9"])

    assert "sudo apt-get install libxcb-icccm4" in text
    assert "Install the packages that provide: libfuture.so.9." in text
    assert check.advice([]) == ""


@pytest.mark.parametrize(
    ("environment", "use"),
    [
        ({}, "first"),
        ({"QT_QPA_PLATFORM": "xcb"}, "first"),
        ({"QT_QPA_PLATFORM": "offscreen"}, "no"),
        ({"QT_QPA_PLATFORM": "wayland;xcb"}, "no"),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "fallback"),
    ],
)
def test_the_check_applies_only_where_qt_uses_the_xcb_plugin(
    environment: dict[str, str], use: str
) -> None:
    assert check.xcb_use(environment) == use


def test_the_script_is_silent_offscreen() -> None:
    done = subprocess.run(
        [sys.executable, str(PACKAGING / "check_qt_libs.py")],
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )

    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
