"""Before ``make run`` starts the app: can Qt's X11 platform plugin load its system libraries?

Qt's own message when a library is missing names only one candidate (``xcb-cursor0``) and then
aborts. This check runs ``ldd`` on the installed PySide6's ``libqxcb.so``, maps every library
reported "not found" to the Debian/Ubuntu package that provides it, and prints the one
``apt-get install`` line that fixes it (exit status 1). It does not import Qt.

It is skipped (exit status 0) when Qt will not use the plugin: ``QT_QPA_PLATFORM`` names another
platform (offscreen, wayland…), or this is not Linux, or ``ldd`` or the plugin is not there. In a
Wayland session, where X11 is only Qt's fallback, the advice is printed but the app still starts.

Run: ``.venv/bin/python packaging/check_qt_libs.py``
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

#: The shared libraries the xcb plugin (and the Qt libraries it loads) need from the system,
#: and the Debian/Ubuntu package of each.
DEBIAN_PACKAGES: dict[str, str] = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libGLX.so.0": "libglx0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
}

_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found\s*$")


def missing_libraries(ldd_output: str) -> list[str]:
    """The libraries ``ldd`` reported "not found", once each, in the order it listed them."""
    found: list[str] = []
    for line in ldd_output.splitlines():
        match = _NOT_FOUND.match(line)
        if match and match.group(1) not in found:
            found.append(match.group(1))
    return found


def packages_for(libraries: list[str]) -> tuple[list[str], list[str]]:
    """The Debian packages that provide ``libraries`` (sorted, once each), and the libraries
    no known package provides."""
    packages = sorted({DEBIAN_PACKAGES[name] for name in libraries if name in DEBIAN_PACKAGES})
    unknown = [name for name in libraries if name not in DEBIAN_PACKAGES]
    return packages, unknown


def advice(libraries: list[str]) -> str:
    """What to tell the user about these missing libraries (empty when none are missing)."""
    if not libraries:
        return ""
    packages, unknown = packages_for(libraries)
    lines = [
        "Assessor cannot open its window: Qt's X11 platform plugin needs system libraries "
        f"that are missing: {', '.join(libraries)}.",
    ]
    if packages:
        lines.append("On Debian or Ubuntu, install them with:")
        lines.append(f"    sudo apt-get install {' '.join(packages)}")
    if unknown:
        lines.append(f"Install the packages that provide: {', '.join(unknown)}.")
    lines.append(
        "(The README's Start section lists the packages for Fedora too. To run without a "
        "display, set QT_QPA_PLATFORM=offscreen.)"
    )
    return "\n".join(lines)


def xcb_plugin() -> Path | None:
    """The installed PySide6's xcb platform plugin, without importing Qt (None if absent)."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        plugin = Path(folder) / "Qt" / "plugins" / "platforms" / "libqxcb.so"
        if plugin.is_file():
            return plugin
    return None


def xcb_use(environment: Mapping[str, str]) -> str:
    """How Qt will use the xcb plugin: ``"first"``, ``"fallback"`` (a Wayland session, where
    Qt tries Wayland first) or ``"no"`` (another platform is named)."""
    platform = environment.get("QT_QPA_PLATFORM", "").strip()
    if platform:
        return "first" if platform.split(";")[0].split(":")[0] == "xcb" else "no"
    if environment.get("WAYLAND_DISPLAY"):
        return "fallback"
    return "first"


def main() -> int:
    """Check, print the advice if something is missing; 1 when the app would not start."""
    use = xcb_use(os.environ)
    if not sys.platform.startswith("linux") or use == "no":
        return 0
    plugin = xcb_plugin()
    ldd = shutil.which("ldd")
    if plugin is None or ldd is None:
        return 0
    try:
        done = subprocess.run(
            [ldd, str(plugin)], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return 0
    message = advice(missing_libraries(done.stdout))
    if not message:
        return 0
    if use == "fallback":  # Wayland will probably do; say it, but do not stop
        print(f"Note: if the window does not open under Wayland, X11 is tried.\n{message}")
        return 0
    print(message, file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
