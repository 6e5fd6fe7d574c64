"""The app's lock, honoured by every command that writes the database; stale locks taken over.

While a window holds the database, ``import``, ``demo`` (with or without ``--replace``),
``restore``, ``rescore``, ``delete`` and ``invite`` refuse in one line naming the process and
change nothing; the commands that only read (and ``backup``, which copies) still work. A lock
left by a process that has ended, or whose process id now runs another program, is stale: the
command line and the app both take it over.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from assessor.storage.app_lock import lock_holder, lock_path, process_names, same_program
from tests.helpers.app_lock import (
    another_program,
    ended_process_id,
    held_lock,
    own_program_name,
    write_lock_file,
)
from tests.helpers.cli import Result, run_cli
from tests.helpers.qt import DialogLog
from tests.helpers.storage import sha256_of


@pytest.fixture
def exchange_file(tmp_path: Path, finished: int, capsys: pytest.CaptureFixture[str]) -> Path:
    """An exchange file of a new assessment (from another database) to import."""
    other = tmp_path / "other.db"
    target = tmp_path / "incoming.json"
    assert run_cli(capsys, "--db", str(other), "demo").status == 0
    assert run_cli(capsys, "--db", str(other), "export", "1", "-o", str(target)).status == 0
    return target


@pytest.fixture
def backup_file(capsys: pytest.CaptureFixture[str], finished: int) -> Path:
    """A backup of the test's database."""
    done = run_cli(capsys, "backup")
    assert done.status == 0
    return Path(done.out.removeprefix("backed up to ").strip())


def _state(capsys: pytest.CaptureFixture[str], db_path: Path) -> tuple[str, str]:
    """What the database holds, read through a command that only reads, and the file's hash."""
    listed = run_cli(capsys, "list", "--json")
    assert listed.status == 0
    return listed.out, sha256_of(db_path)


def _writers(exchange: Path, backup: Path, tmp_path: Path, finished: int) -> dict[str, list[str]]:
    return {
        "import": ["import", str(exchange)],
        "demo": ["demo"],
        "demo --replace": ["demo", "--replace"],
        "restore": ["restore", str(backup)],
        "rescore": ["rescore"],
        "delete": ["delete", str(finished)],
        "delete --org": ["delete", "--org", "Target Ltd", "--yes"],
        "invite": [
            *("invite", "--org", "Target Ltd", "--period", "2026-Q3", "--name", "Kim"),
            *("--role", "sales", "-o", str(tmp_path / "kim.assessor")),
        ],
    }


WRITERS = [
    "import",
    "demo",
    "demo --replace",
    "restore",
    "rescore",
    "delete",
    "delete --org",
    "invite",
]


def _one_error_line(result: Result) -> str:
    lines = [line for line in result.err.splitlines() if line.strip()]
    assert len(lines) == 1, result.err
    assert lines[0].startswith("error: ")
    return lines[0]


@pytest.mark.parametrize("command", WRITERS)
def test_every_command_that_writes_refuses_while_a_window_holds_the_database(
    command: str,
    capsys: pytest.CaptureFixture[str],
    db_path: Path,
    tmp_path: Path,
    finished: int,
    exchange_file: Path,
    backup_file: Path,
) -> None:
    args = _writers(exchange_file, backup_file, tmp_path, finished)[command]
    before = _state(capsys, db_path)
    backups = sorted(backup_file.parent.iterdir())

    with held_lock(db_path):
        refused = run_cli(capsys, *args)

    assert refused.status == 1
    line = _one_error_line(refused)
    assert f"is open in Assessor (process {os.getpid()} on {socket.gethostname()})" in line
    assert "close that window first" in line and "nothing was" in line
    assert refused.out == ""
    assert _state(capsys, db_path) == before
    assert sorted(backup_file.parent.iterdir()) == backups  # not even a backup was taken
    assert not (tmp_path / "kim.assessor").exists()


def test_reading_and_backing_up_work_beside_an_open_window(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path, finished: int
) -> None:
    with held_lock(db_path):
        assert run_cli(capsys, "list").status == 0
        assert run_cli(capsys, "export", "-o", str(tmp_path / "all.json")).status == 0
        assert run_cli(capsys, "report", str(finished), "-o", str(tmp_path / "r.pdf")).status == 0
        assert run_cli(capsys, "backup").status == 0


@pytest.mark.parametrize("left_by", ["an ended process", "another program"])
def test_a_stale_lock_is_taken_over_by_the_command_line(
    left_by: str,
    capsys: pytest.CaptureFixture[str],
    db_path: Path,
    finished: int,
    exchange_file: Path,
    backup_file: Path,
) -> None:
    with another_program() as sleeping:
        pid = ended_process_id() if left_by == "an ended process" else sleeping
        write_lock_file(db_path, pid, own_program_name())  # as an Assessor left it

        assert lock_holder(db_path) is None
        imported = run_cli(capsys, "import", str(exchange_file))
        assert imported.status == 0, imported.err
        assert "imported 1 assessment" in imported.out
        assert run_cli(capsys, "restore", str(backup_file)).status == 0
        assert run_cli(capsys, "rescore").status == 0


def test_a_process_id_now_running_another_program_is_told_apart_by_its_name() -> None:
    own = own_program_name()
    assert own in process_names(os.getpid())
    assert same_program(os.getpid(), own)
    assert same_program(os.getpid(), "")  # nothing recorded: cannot tell, so the same
    with another_program() as sleeping:
        assert "sleep" in process_names(sleeping)
        assert not same_program(sleeping, own)


@pytest.fixture
def no_flock(monkeypatch: pytest.MonkeyPatch) -> None:
    """A file system without advisory locks (some network drives): flock always fails so."""

    def refuse(handle: int, operation: int) -> None:
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(fcntl, "flock", refuse)


def test_without_advisory_locks_the_process_and_its_name_decide(
    no_flock: None, db_path: Path
) -> None:
    write_lock_file(db_path, os.getpid(), own_program_name())  # this process: it runs
    holder = lock_holder(db_path)
    assert holder is not None and holder.pid == os.getpid()

    write_lock_file(db_path, ended_process_id(), own_program_name())
    assert lock_holder(db_path) is None

    with another_program() as sleeping:
        write_lock_file(db_path, sleeping, own_program_name())
        assert lock_holder(db_path) is None


def test_a_lock_from_another_computer_is_taken_as_held(db_path: Path) -> None:
    write_lock_file(db_path, ended_process_id(), own_program_name(), host="elsewhere.example")
    holder = lock_holder(db_path)
    assert holder is not None and holder.host == "elsewhere.example"


STALE_PYTHON = """
import sys, time
print("running", flush=True)
sys.stdin.read()
"""


@pytest.fixture
def python_without_the_lock() -> Iterator[int]:
    """A running Python program that holds no lock: a process id reused by a program of the
    same name as Assessor's (Qt alone would take its lock as held)."""
    process = subprocess.Popen(
        [sys.executable, "-c", STALE_PYTHON],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None and process.stdout.readline().strip() == "running"
    with process:
        yield process.pid
        process.kill()


def test_the_app_takes_over_the_same_stale_locks_as_the_command_line(
    qtbot: QtBot,
    dialog_log: DialogLog,
    db_path: Path,
    finished: int,
    python_without_the_lock: int,
) -> None:
    from ui.app import create_main_window

    cases: list[Callable[[], int]] = [
        ended_process_id,
        lambda: python_without_the_lock,
    ]
    for pid_of in cases:
        write_lock_file(db_path, pid_of(), own_program_name())
        assert lock_holder(db_path) is None  # the command line's verdict

        window = create_main_window()  # the app's: the same
        assert window is not None, dialog_log.calls
        qtbot.addWidget(window)
        assert not dialog_log.named("choose")
        assert lock_holder(db_path) is not None  # held now, by this window
        assert lock_holder(db_path).pid == os.getpid()  # type: ignore[union-attr]
        window.close()
        assert not lock_path(db_path).exists()


def test_the_import_of_a_locked_database_changes_nothing_with_the_real_app(
    qtbot: QtBot,
    dialog_log: DialogLog,
    capsys: pytest.CaptureFixture[str],
    db_path: Path,
    finished: int,
    exchange_file: Path,
) -> None:
    """The Done-when line: ``assessor import`` while the app holds the database exits 1."""
    from ui.app import create_main_window

    window = create_main_window()
    assert window is not None
    qtbot.addWidget(window)
    listed = json.loads(run_cli(capsys, "list", "--json").out)

    refused = run_cli(capsys, "import", str(exchange_file))

    assert refused.status == 1
    assert f"(process {os.getpid()} on" in _one_error_line(refused)
    assert "nothing was imported" in refused.err
    assert json.loads(run_cli(capsys, "list", "--json").out) == listed
    assert [s.id for s in window.store.list_assessments()] == [finished]
    window.close()
    assert run_cli(capsys, "import", str(exchange_file)).status == 0  # once it has closed
