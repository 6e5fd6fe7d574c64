"""Before ``make run`` starts the app: can Qt's X11 platform plugin load its system libraries?

Qt's own message when a library is missing names only one candidate (``xcb-cursor0``) and then
aborts. This check runs ``ldd`` on the installed PySide6's ``libqxcb.so`` and maps every library
reported "not found" to the Debian/Ubuntu package that provides it. It does not import Qt.

Then it installs them itself where it can (:func:`install_command`), on a system with
``apt-get``:

- as root, with ``apt-get install -y …``;
- as anyone else, through ``sudo``, only after asking on the terminal and hearing yes;
- never without consent when nobody can be asked: in CI (``CI`` set) or without a terminal it
  installs only when ``ASSESSOR_INSTALL_QT_LIBS=1`` says so.

Otherwise, or when the installation fails, it prints the one ``apt-get install`` line that fixes
it (exit status 1).

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
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
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

#: Set to 1 to let the check install the libraries where nobody can be asked (CI, no terminal).
CONSENT = "ASSESSOR_INSTALL_QT_LIBS"

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
        lines.append(
            f"(make run installs them itself when run as root, or through sudo once you say "
            f"yes on a terminal; set {CONSENT}=1 to allow it where nobody can be asked.)"
        )
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


@dataclass(frozen=True)
class Situation:
    """What decides whether and how the check may install packages itself."""

    #: running as root (no sudo needed)
    root: bool
    #: a person at a terminal who can be asked
    interactive: bool
    #: the environment (``CI``, the consent variable)
    environment: Mapping[str, str]
    #: the full paths of ``apt-get`` and ``sudo`` ("" when absent)
    apt_get: str
    sudo: str

    @property
    def consented(self) -> bool:
        """Whether the consent variable says yes beforehand."""
        return self.environment.get(CONSENT, "").strip().lower() in ("1", "yes", "true")

    @property
    def unattended(self) -> bool:
        """Nobody to ask: CI, or no terminal."""
        return bool(self.environment.get("CI")) or not self.interactive


def current_situation() -> Situation:
    """This process's situation: its user, its terminal, its environment and tools."""
    root = hasattr(os, "geteuid") and os.geteuid() == 0
    interactive = sys.stdin.isatty() and sys.stdout.isatty()
    return Situation(
        root=root,
        interactive=interactive,
        environment=dict(os.environ),
        apt_get=shutil.which("apt-get") or "",
        sudo=shutil.which("sudo") or "",
    )


def install_command(packages: Sequence[str], situation: Situation) -> tuple[list[str], bool]:
    """The command that installs ``packages`` here, and whether to ask before running it.

    An empty command when the check must not (or cannot) install: no packages, no
    ``apt-get``, nobody to ask and no consent given, or neither root nor ``sudo``.
    """
    if not packages or not situation.apt_get:
        return [], False
    if situation.unattended and not situation.consented:
        return [], False
    install = [situation.apt_get, "install", "-y", *packages]
    if situation.root:
        return install, False
    if not situation.sudo:
        return [], False
    # sudo asks for the password itself; the question first says what is about to happen.
    return [situation.sudo, *install], not situation.consented


def ask(question: str, answer: Callable[[str], str] = input) -> bool:
    """Ask a yes/no question on the terminal; only "y" or "yes" is yes."""
    try:
        return answer(question).strip().lower() in ("y", "yes")
    except EOFError:
        return False


def install(
    packages: Sequence[str],
    situation: Situation,
    run: Callable[[list[str]], int],
    answer: Callable[[str], str] = input,
) -> bool:
    """Install ``packages`` where the situation allows (asking first through sudo); True when
    the installer ran and succeeded. When it fails, the package lists are refreshed
    (``apt-get update``) and it is tried once more, as on a fresh machine."""
    command, confirm = install_command(packages, situation)
    if not command:
        return False
    shown = " ".join(["sudo", *command[1:]] if not situation.root else command)
    if confirm and not ask(
        f"Qt needs {len(packages)} system package(s) to open a window. Install them now with "
        f"'{shown}'? [y/N] ",
        answer,
    ):
        return False
    print(f"Installing the missing system libraries: {shown}", flush=True)
    if run(command) == 0:
        return True
    prefix = command[: command.index(situation.apt_get)]
    if run([*prefix, situation.apt_get, "update"]) != 0:
        return False
    return run(command) == 0


def run_command(command: list[str]) -> int:
    """Run an installer on the terminal; its exit status (127 when it cannot start)."""
    try:
        return subprocess.run(command, check=False).returncode
    except OSError:
        return 127


def missing_now(plugin: Path, ldd: str) -> list[str] | None:
    """The libraries the plugin cannot find now (None when ``ldd`` cannot tell)."""
    try:
        done = subprocess.run(
            [ldd, str(plugin)], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return missing_libraries(done.stdout)


def main() -> int:
    """Check; install what is missing where allowed, else print the advice; 1 when the app
    would not start."""
    use = xcb_use(os.environ)
    if not sys.platform.startswith("linux") or use == "no":
        return 0
    plugin = xcb_plugin()
    ldd = shutil.which("ldd")
    if plugin is None or ldd is None:
        return 0
    missing = missing_now(plugin, ldd)
    if not missing:
        return 0
    if use == "fallback":  # Wayland will probably do; say it, but do not stop
        print(f"Note: if the window does not open under Wayland, X11 is tried.\n{advice(missing)}")
        return 0
    packages, _unknown = packages_for(missing)
    if install(packages, current_situation(), run_command):
        missing = missing_now(plugin, ldd) or []
        if not missing:
            print("The system libraries Qt needs are installed now.", flush=True)
            return 0
    print(advice(missing), file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
