"""The check ``make run`` does before starting: missing Qt platform libraries → one install line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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


def _situation(
    *,
    root: bool = False,
    interactive: bool = True,
    environment: dict[str, str] | None = None,
    apt_get: str = "/usr/bin/apt-get",
    sudo: str = "/usr/bin/sudo",
) -> object:
    return check.Situation(
        root=root,
        interactive=interactive,
        environment=environment or {},
        apt_get=apt_get,
        sudo=sudo,
    )


PACKAGES = ["libxcb-icccm4", "libxcb-keysyms1"]


@pytest.mark.parametrize(
    ("situation", "command", "asks"),
    [
        # As root: apt-get itself, without asking.
        (_situation(root=True), ["/usr/bin/apt-get", "install", "-y", *PACKAGES], False),
        # Anyone else on a terminal: through sudo, after asking.
        (
            _situation(),
            ["/usr/bin/sudo", "/usr/bin/apt-get", "install", "-y", *PACKAGES],
            True,
        ),
        # Nobody to ask (CI, no terminal): never, unless consent was given beforehand.
        (_situation(environment={"CI": "true"}), [], False),
        (_situation(root=True, environment={"CI": "1"}), [], False),
        (_situation(interactive=False), [], False),
        (_situation(root=True, interactive=False), [], False),
        (
            _situation(interactive=False, environment={"ASSESSOR_INSTALL_QT_LIBS": "1"}),
            ["/usr/bin/sudo", "/usr/bin/apt-get", "install", "-y", *PACKAGES],
            False,
        ),
        (
            _situation(root=True, environment={"CI": "1", "ASSESSOR_INSTALL_QT_LIBS": "yes"}),
            ["/usr/bin/apt-get", "install", "-y", *PACKAGES],
            False,
        ),
        # Cannot: no apt-get (Fedora…), or neither root nor sudo.
        (_situation(root=True, apt_get=""), [], False),
        (_situation(sudo=""), [], False),
    ],
)
def test_who_may_install_the_libraries_and_how(
    situation: object, command: list[str], asks: bool
) -> None:
    assert check.install_command(PACKAGES, situation) == (command, asks)
    assert check.install_command([], situation) == ([], False)


def test_through_sudo_it_asks_first_and_a_no_installs_nothing() -> None:
    ran: list[list[str]] = []
    questions: list[str] = []

    def answer(question: str) -> str:
        questions.append(question)
        return "n"

    assert not check.install(PACKAGES, _situation(), lambda c: ran.append(c) or 0, answer)
    assert ran == []
    (question,) = questions
    assert "sudo /usr/bin/apt-get install -y libxcb-icccm4 libxcb-keysyms1" in question
    assert question.endswith("[y/N] ")


def test_a_yes_installs_and_a_failure_refreshes_the_package_lists_once() -> None:
    ran: list[list[str]] = []
    results = iter([100, 0, 0])  # install fails (stale lists), update works, install works

    def run(command: list[str]) -> int:
        ran.append(command)
        return next(results)

    assert check.install(PACKAGES, _situation(), run, lambda question: "yes")
    assert ran == [
        ["/usr/bin/sudo", "/usr/bin/apt-get", "install", "-y", *PACKAGES],
        ["/usr/bin/sudo", "/usr/bin/apt-get", "update"],
        ["/usr/bin/sudo", "/usr/bin/apt-get", "install", "-y", *PACKAGES],
    ]


def test_as_root_it_installs_without_asking() -> None:
    ran: list[list[str]] = []

    def never(question: str) -> str:
        raise AssertionError("root is not asked")

    assert check.install(PACKAGES, _situation(root=True), lambda c: ran.append(c) or 0, never)
    assert ran == [["/usr/bin/apt-get", "install", "-y", *PACKAGES]]


def test_the_script_asks_nobody_without_a_terminal(tmp_path: Path) -> None:
    """Run as ``make run`` would in CI: it may print advice, but never installs or waits."""
    done = subprocess.run(
        [sys.executable, str(PACKAGING / "check_qt_libs.py")],
        env={"PATH": "/usr/bin:/bin", "CI": "true"},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert "Installing" not in done.stdout
    assert "[y/N]" not in done.stdout
