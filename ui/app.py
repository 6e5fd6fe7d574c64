"""Start the desktop app: open the database (with a way out if it is damaged), then the window.

Set ``ASSESSOR_EXIT_AFTER_PAINT=1`` to print ``first-paint <seconds since process start>`` when
the main window first paints and ``content-ready <seconds>`` when the list of assessments is
loaded, then quit: the start-up benchmark and the packaged-app check use it. Started on a
respondent file, the app prints ``respondent-file <id> <page> <questions>`` once the file is
open, then quits.
"""

from __future__ import annotations

import os
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from ui.main_window import MainWindow

EXIT_AFTER_PAINT = "ASSESSOR_EXIT_AFTER_PAINT"


def process_age() -> float:
    """Seconds since this process started (from the kernel's record where there is one)."""
    try:
        with open(f"/proc/{os.getpid()}/stat", encoding="ascii") as stat:
            started_ticks = int(stat.read().rsplit(")", 1)[1].split()[19])
        with open("/proc/uptime", encoding="ascii") as uptime:
            now = float(uptime.read().split()[0])
        return now - started_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return time.process_time()


class FirstPaintProbe(QObject):
    """Calls ``then`` once, just after the watched window's first paint."""

    def __init__(self, then: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._then = then

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            if os.environ.get(EXIT_AFTER_PAINT):
                print(f"first-paint {process_age():.4f}", flush=True)
            QTimer.singleShot(0, self._then)
        return False


def open_store_interactively(path: Path | None) -> object | None:
    """Open the database; if it cannot be, offer to restore a backup or use another file.

    Returns the open store, or None when the user gives up. The damaged file is never written.
    """
    from assessor.paths import database_path
    from assessor.storage.backup import backups_dir, restore
    from assessor.storage.errors import StorageError
    from assessor.storage.store import Store
    from ui import dialogs

    target = database_path(path)
    while True:
        try:
            # A folder given with --db that does not exist is a typo: say so, create nothing.
            return Store.open(target, create_folder=path is None)
        except StorageError as error:
            choice = dialogs.choose(
                None,
                "The database cannot be opened",
                "\n".join(error.lines) + "\n\nNothing has been changed in it. You can restore a "
                "backup (the current file is kept aside) or use another database file.",
                ["Restore a backup…", "Use another file…"],
            )
        if choice is None:
            return None
        if choice == 0:
            backup = dialogs.open_file(
                None, "Choose a backup to restore", backups_dir(target), "Backups (*.db)"
            )
            if backup is not None:
                try:
                    restore(target, backup)
                except StorageError as error:
                    dialogs.show_error(None, "The backup was not restored", "\n".join(error.lines))
        else:
            other = dialogs.save_file(
                None, "Choose or create a database file", target.parent, "Databases (*.db)"
            )
            if other is not None:
                target = other


def report_unexpected(
    kind: type[BaseException], error: BaseException, tb: TracebackType | None
) -> None:
    """Show an unexpected error with its details to copy; the data saved so far is safe."""
    from ui import dialogs

    details = "".join(traceback.format_exception(kind, error, tb))
    sys.stderr.write(details)
    dialogs.show_error(
        None,
        "Something went wrong",
        f"An unexpected error happened: {error}\n\nEvery answer shown as saved is safe in the "
        "database. Please copy the details below into a report.",
        details,
    )


def load_into(window: MainWindow, db: Path | None) -> bool:
    """Open the database and the questionnaires into ``window``; False when the user gave up."""
    from assessor.catalogue import load_catalogue
    from assessor.storage.store import Store

    store = open_store_interactively(db)
    if not isinstance(store, Store):
        return False
    window.attach(store, load_catalogue())
    return True


def create_main_window(db: Path | None = None) -> MainWindow | None:
    """The main window on the database, loaded at once (None when the user gave up)."""
    from ui.main_window import MainWindow

    window = MainWindow()
    return window if load_into(window, db) else None


def report_respondent_file(window: MainWindow, assessment_id: int) -> None:
    """Print what the opened respondent file shows, then quit (``ASSESSOR_EXIT_AFTER_PAINT``).

    Prints ``respondent-file <id> <page> <questions>``: the page on screen (walkthrough or
    results) and how many questions the walk-through asks; the packaged-app check reads it.
    """
    page = "walkthrough" if window.stack.currentWidget() is window.walkthrough else "results"
    questions = len(window.walkthrough.walk or []) if page == "walkthrough" else 0
    print(f"respondent-file {assessment_id} {page} {questions}", flush=True)
    QTimer.singleShot(0, window.close)


def run(db: Path | None = None, respondent_file: Path | None = None) -> int:
    """Run the app's event loop until the last window closes; returns the exit status.

    The window paints first and then opens the database and questionnaires, so it appears at
    once; a damaged database is reported over it. ``respondent_file`` (``assessor
    FILE.assessor``, or a double-click in a file manager) is opened once the database is: it is
    imported and its walk-through starts.
    """
    from ui.main_window import MainWindow

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setApplicationName("Assessor")
    app.setApplicationDisplayName("Assessor")
    app.setDesktopFileName("io.github.assessor.Assessor")
    app.setWindowIcon(QIcon(str(Path(__file__).with_name("icons") / "assessor.svg")))
    sys.excepthook = report_unexpected
    # Assessor uses no pydantic plugins; skipping their search saves a scan of every package.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    window = MainWindow()
    status = {"code": 0}

    def load() -> None:
        if not load_into(window, db):
            status["code"] = 1
            window.close()
            return
        exit_after_paint = bool(os.environ.get(EXIT_AFTER_PAINT))
        if exit_after_paint:
            print(f"content-ready {process_age():.4f}", flush=True)
        if respondent_file is not None:
            if exit_after_paint:
                window.respondent_file_opened.connect(
                    lambda assessment_id: report_respondent_file(window, assessment_id)
                )
            window.open_respondent_file(respondent_file)
        elif exit_after_paint:
            QTimer.singleShot(0, window.close)

    probe = FirstPaintProbe(load, window)
    window.installEventFilter(probe)
    window.show()
    app.exec()
    return status["code"]
