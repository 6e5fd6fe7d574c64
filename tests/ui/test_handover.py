"""A second start with a file hands the file to the window already open on the database.

The window listens on a local socket named after its database; ``assessor FILE.assessor``
started while it is open (a double-click on a returned respondent file) hands the file over and
ends with status 0; the open window opens it. Without a listening window, the second start says
the database is open elsewhere, as the README says: a crashed window's lock is taken over.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.helpers.app_lock import held_lock
from tests.helpers.cli import run_cli
from tests.helpers.qt import DialogLog
from ui.app import create_main_window, handed_over, in_use_text
from ui.handover import hand_over, server_name
from ui.instance_lock import DatabaseInUse
from ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def invitation(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A respondent file written by someone else's Assessor (another database)."""
    target = tmp_path / "kim.assessor"
    done = run_cli(
        capsys,
        *("--db", str(tmp_path / "theirs.db"), "invite", "--org", "Northwind"),
        *("--period", "2026-Q4", "--name", "Kim", "--role", "marketing", "-o", str(target)),
    )
    assert done.status == 0, done.err
    return target


@pytest.fixture
def open_window(qtbot: QtBot, dialog_log: DialogLog) -> Iterator[MainWindow]:
    """The app's window as a start makes it: the database locked, listening for files."""
    window = create_main_window()
    assert window is not None
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    yield window
    window.close()


def _second_start(*args: str) -> subprocess.Popen[str]:
    environment = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    return subprocess.Popen(
        [sys.executable, "-m", "assessor", *args],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_a_second_start_hands_its_file_to_the_open_window(
    qtbot: QtBot, open_window: MainWindow, invitation: Path, data_home: Path
) -> None:
    with qtbot.waitSignal(open_window.respondent_file_opened, timeout=60000) as opened:
        second = _second_start(str(invitation))
    out, err = second.communicate(timeout=60)

    assert second.returncode == 0, err
    assert out.strip() == (
        f"{invitation}: handed to the Assessor window open on {data_home / 'assessor.db'}"
    )
    (assessment_id,) = opened.args
    stored = open_window.store.get_assessment(assessment_id).assessment
    assert (stored.organisation, stored.respondent.name) == ("Northwind", "Kim")
    assert open_window.stack.currentWidget() is open_window.welcome  # Start goes on from there
    assert open_window.walkthrough.assessment_id == assessment_id


def test_a_file_handed_over_before_the_window_has_loaded_waits_for_it(
    qtbot: QtBot, dialog_log: DialogLog, invitation: Path
) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.receive_file(invitation)  # nothing to open it with yet: kept
    assert window.pending_files == [invitation]

    from ui.app import load_into

    with qtbot.waitSignal(window.respondent_file_opened, timeout=30000):
        assert load_into(window, None)
    assert window.pending_files == []
    window.close()


def test_without_a_listening_window_nothing_is_handed_over(
    qtbot: QtBot, data_home: Path, invitation: Path
) -> None:
    db = data_home / "assessor.db"
    assert not hand_over(db, invitation)
    with held_lock(db):  # held, as by an Assessor that does not listen (an older one)
        assert not handed_over(None, invitation)
    assert server_name(db) == server_name(data_home / "." / "assessor.db")
    assert server_name(db) != server_name(data_home / "other.db")


def test_the_lock_message_says_what_the_readme_says(data_home: Path) -> None:
    db = data_home / "assessor.db"
    here = in_use_text(DatabaseInUse(db, 4242, "this computer"))
    assert "process 4242" in here and "taken over" in here
    assert "delete" not in here  # a crashed window's lock needs no deleting by hand

    elsewhere = in_use_text(DatabaseInUse(db, 4242, "laptop-7"))
    assert f"delete {db}.lock" in elsewhere and "laptop-7" in elsewhere
