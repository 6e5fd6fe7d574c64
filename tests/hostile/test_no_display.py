"""``assessor`` with no display: one line saying a graphical session is needed, exit 1, before Qt
can abort (it used to die with status 134 and Qt's "xcb-cursor0 is needed")."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from assessor.desktop import NO_DISPLAY, display_problem

ROOT = Path(__file__).resolve().parents[2]


def _without_display(tmp_path: Path, **extra: str) -> dict[str, str]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    environment["PYTHONPATH"] = str(ROOT)
    environment["ASSESSOR_HOME"] = str(tmp_path / "home")
    environment["ASSESSOR_DB"] = str(tmp_path / "home" / "assessor.db")
    environment.update(extra)
    return environment


@pytest.mark.parametrize(
    "args",
    [[], ["--db", "mine.db"], ["invited.assessor"]],
    ids=["assessor", "assessor --db", "assessor FILE.assessor"],
)
def test_the_launcher_says_it_needs_a_display_and_exits_1(tmp_path: Path, args: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "assessor", *args],
        env=_without_display(tmp_path),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert done.returncode == 1
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert lines == [f"error: {NO_DISPLAY}"]
    assert "needs a graphical session" in lines[0] and "assessor --help" in lines[0]
    assert not (tmp_path / "home").exists()  # nothing was opened or created


def test_xcb_named_without_a_display_is_refused_too(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "assessor"],
        env=_without_display(tmp_path, QT_QPA_PLATFORM="xcb"),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stderr.strip()) == (1, f"error: {NO_DISPLAY}")


def test_the_command_line_needs_no_display(tmp_path: Path) -> None:
    (tmp_path / "home").mkdir()
    done = subprocess.run(
        [sys.executable, "-m", "assessor", "list"],
        env=_without_display(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stdout.strip()) == (0, "no assessments")


@pytest.mark.parametrize(
    ("environment", "platform", "refused"),
    [
        ({}, "linux", True),
        ({"DISPLAY": ":0"}, "linux", False),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", False),
        ({"QT_QPA_PLATFORM": "offscreen"}, "linux", False),
        ({"QT_QPA_PLATFORM": "minimal"}, "freebsd14", False),
        ({"QT_QPA_PLATFORM": "vnc:size=800x600"}, "linux", False),
        ({"QT_QPA_PLATFORM": "xcb"}, "linux", True),
        ({"QT_QPA_PLATFORM": "wayland;xcb"}, "linux", True),
        ({"QT_QPA_PLATFORM": "wayland;offscreen"}, "linux", False),
        ({}, "win32", False),
        ({}, "darwin", False),
    ],
)
def test_which_environments_have_a_display(
    environment: dict[str, str], platform: str, refused: bool
) -> None:
    assert (display_problem(environment, platform) is not None) is refused
