"""Opening the desktop front end, found by name at run time so that the domain never imports it.

Before Qt loads, :func:`display_problem` checks that there is a graphical session to open a
window in: without one Qt aborts the process with a message about a missing X11 library, so
Assessor says plainly what is wrong, and how to use the command line instead, and exits 1.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Mapping
from pathlib import Path

#: The desktop front end's module; :func:`open_desktop_app` imports it only when the app opens.
DESKTOP_MODULE = "ui.app"

#: Qt platforms that draw without a display server (``QT_QPA_PLATFORM``): these never need one.
HEADLESS_PLATFORMS = frozenset(
    {"offscreen", "minimal", "minimalegl", "vnc", "eglfs", "linuxfb", "vkkhrdisplay"}
)

NO_DISPLAY = (
    "Assessor needs a graphical session to open its window, and none was found (neither "
    "DISPLAY nor WAYLAND_DISPLAY is set); start it from your desktop, or use the command line, "
    "which needs no display: run 'assessor --help' for its commands"
)


def display_problem(
    environment: Mapping[str, str] | None = None, platform: str | None = None
) -> str | None:
    """Why no window can open here (one line), or None when one can.

    Only X11 and Wayland systems (Linux and the BSDs) need a display server named in the
    environment; Windows and macOS always have their own. ``QT_QPA_PLATFORM`` naming a
    platform that draws without a display (``offscreen``, ``minimal``…) needs none.
    """
    env = os.environ if environment is None else environment
    system = sys.platform if platform is None else platform
    if system.startswith(("win", "cygwin", "darwin")):
        return None
    chosen = env.get("QT_QPA_PLATFORM", "").strip()
    names = [part.split(":")[0].strip().lower() for part in chosen.split(";") if part.strip()]
    if any(name in HEADLESS_PLATFORMS for name in names):
        return None
    if env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"):
        return None
    return NO_DISPLAY


def open_desktop_app(db: Path | None, respondent_file: Path | None = None) -> None:
    """Open the desktop app (the only path that loads Qt) and exit with its status.

    With ``respondent_file`` the app opens that file at once (imports it, then the walk-through).
    Without a graphical session it prints one line saying so on stderr and exits 1.
    """
    problem = display_problem()
    if problem is not None:
        print(f"error: {problem}", file=sys.stderr, flush=True)
        raise SystemExit(1)
    desktop = importlib.import_module(DESKTOP_MODULE)
    if respondent_file is None:
        raise SystemExit(desktop.run(db))
    raise SystemExit(desktop.run(db, respondent_file=respondent_file))
