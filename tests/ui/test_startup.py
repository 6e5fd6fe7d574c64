"""Start-up: every way out of "The database cannot be opened", and one app per database."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from assessor.questionnaire.catalogue import load_catalogue
from assessor.storage.store import Store
from tests.helpers.qt import DialogLog
from ui import app as app_module
from ui.app import create_main_window, run
from ui.instance_lock import lock_path
from ui.main_window import MainWindow

DAMAGED = b"SQLite format 3\x00" + bytes(range(256)) * 40


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _opened(qtbot: QtBot, window: MainWindow | None) -> MainWindow:
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    return window


@pytest.fixture
def keep_excepthook(monkeypatch: pytest.MonkeyPatch) -> None:
    """run() installs its own excepthook; put the test runner's back afterwards."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)


def _run_app(qtbot: QtBot) -> int:
    """run() the app's event loop; the test's guard ends it should the app never quit."""
    qapp = QApplication.instance()
    assert isinstance(qapp, QApplication)
    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(qapp.quit)
    guard.start(20000)
    try:
        return run()
    finally:
        guard.stop()
        for widget in qapp.topLevelWidgets():
            if isinstance(widget, MainWindow):
                qtbot.addWidget(widget)


def test_cancel_on_a_damaged_database_quits_quietly(
    qtbot: QtBot, dialog_log: DialogLog, data_home: Path, keep_excepthook: None
) -> None:
    db = data_home / "assessor.db"
    db.write_bytes(DAMAGED)
    before = _digest(db)

    status = _run_app(qtbot)

    assert status == 1
    (choice,) = dialog_log.named("choose")
    assert choice[1] == "The database cannot be opened"
    assert dialog_log.named("show_error") == []  # closing the unopened window is no error
    assert _digest(db) == before
    assert not lock_path(db).exists()


def test_a_good_database_runs_and_quits_with_status_zero(
    qtbot: QtBot,
    dialog_log: DialogLog,
    data_home: Path,
    keep_excepthook: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with Store.open(data_home / "assessor.db") as store:
        store.create_assessment("Acme", "Ann", "ceo", "2026-Q1", "", list(load_catalogue()))
    monkeypatch.setenv(app_module.EXIT_AFTER_PAINT, "1")

    status = _run_app(qtbot)

    assert status == 0
    assert dialog_log.calls == []


def test_another_file_can_be_chosen_instead_of_a_damaged_one(
    qtbot: QtBot, dialog_log: DialogLog, data_home: Path, tmp_path: Path
) -> None:
    db = data_home / "assessor.db"
    db.write_bytes(DAMAGED)
    before = _digest(db)
    other = tmp_path / "elsewhere" / "fresh.db"
    other.parent.mkdir()
    dialog_log.answers["choose"] = 1
    dialog_log.answers["save_file"] = other

    window = _opened(qtbot, create_main_window())

    assert window.store.path == other
    assert window.home.stack.currentWidget() is window.home.empty
    assert _digest(db) == before
    assert lock_path(other).exists() and not lock_path(db).exists()
    window.close()
    assert not lock_path(other).exists()


def test_cancelling_the_choice_of_a_backup_asks_again(
    qtbot: QtBot, dialog_log: DialogLog, data_home: Path
) -> None:
    db = data_home / "assessor.db"
    db.write_bytes(DAMAGED)
    answers = iter([0, None])  # "Restore a backup…", no file chosen, then Cancel
    dialog_log.answers["choose"] = lambda *args: next(answers)

    assert create_main_window() is None

    assert len(dialog_log.named("choose")) == 2
    assert len(dialog_log.named("open_file")) == 1
    assert not lock_path(db).exists()


def test_a_second_window_on_the_same_database_is_refused(
    qtbot: QtBot, dialog_log: DialogLog, data_home: Path
) -> None:
    db = data_home / "assessor.db"
    first = _opened(qtbot, create_main_window())
    before = _digest(db)
    windows = set(QApplication.topLevelWidgets())

    second = create_main_window()

    assert second is None
    (args,) = dialog_log.named("choose")
    assert args[1] == "The database is open in another window"
    assert f"process {os.getpid()}" in args[2]
    assert args[3] == ["Try again", "Use another file…"]
    assert _digest(db) == before
    new = [w for w in QApplication.topLevelWidgets() if w not in windows]
    assert not any(isinstance(w, MainWindow) and w.attached for w in new)  # no store opened

    # Once the first window has closed, "Try again" opens it.
    def close_first_then_retry(*args: object) -> int:
        first.close()
        return 0

    dialog_log.answers["choose"] = close_first_then_retry
    third = _opened(qtbot, create_main_window())
    assert third.store.path == db
    third.close()


HOLDER = """
import sys
from PySide6.QtCore import QLockFile
lock = QLockFile(sys.argv[1])
lock.setStaleLockTime(0)
print("locked" if lock.tryLock(0) else "refused", flush=True)
sys.stdin.read()
"""


@pytest.fixture
def other_process(data_home: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process holding the database's lock, as a second Assessor would."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(lock_path(data_home / "assessor.db"))],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "locked"
    with process:  # closes its pipes
        yield process
        if process.poll() is None:
            process.kill()


def test_a_lock_held_by_another_process_refuses_until_it_crashes(
    qtbot: QtBot, dialog_log: DialogLog, data_home: Path, other_process: subprocess.Popen[str]
) -> None:
    assert create_main_window() is None
    (args,) = dialog_log.named("choose")
    assert f"process {other_process.pid}" in args[2]
    assert not (data_home / "assessor.db").exists()  # nothing was opened, nothing created

    other_process.send_signal(signal.SIGKILL)  # a crash: the lock file stays behind
    other_process.wait()
    assert lock_path(data_home / "assessor.db").exists()

    window = _opened(qtbot, create_main_window())  # the stale lock is taken over
    assert len(dialog_log.named("choose")) == 1
    window.close()


def test_use_another_file_when_the_database_is_open_elsewhere(
    qtbot: QtBot,
    dialog_log: DialogLog,
    data_home: Path,
    tmp_path: Path,
    other_process: subprocess.Popen[str],
) -> None:
    other = tmp_path / "mine.db"
    dialog_log.answers["choose"] = 1
    dialog_log.answers["save_file"] = other

    window = _opened(qtbot, create_main_window())

    assert window.store.path == other
    window.close()


def test_the_first_run_holds_the_lock_although_the_data_folder_is_new(
    qtbot: QtBot, dialog_log: DialogLog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a new machine the data folder does not exist yet: the first window still locks."""
    home = tmp_path / "new" / "Assessor"
    monkeypatch.setenv("ASSESSOR_HOME", str(home))
    monkeypatch.setenv("ASSESSOR_DB", str(home / "assessor.db"))

    first = _opened(qtbot, create_main_window())

    assert lock_path(home / "assessor.db").exists()
    assert (home.stat().st_mode & 0o777) == 0o700
    assert create_main_window() is None
    (args,) = dialog_log.named("choose")
    assert args[1] == "The database is open in another window"
    first.close()


def test_the_command_line_reads_the_lock_the_app_takes(data_home: Path) -> None:
    """``assessor restore`` reads Qt's lock file without Qt: the format must match."""
    from assessor.storage.app_lock import lock_holder
    from ui.instance_lock import lock_database

    db = data_home / "assessor.db"
    lock = lock_database(db)
    assert lock is not None
    holder = lock_holder(db)
    assert holder is not None and holder.pid == os.getpid()
    lock.unlock()
    assert lock_holder(db) is None
