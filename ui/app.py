"""Start the desktop app: open the database (with a way out if it is damaged), then the window.

The start shows something at once and the list soon after: the window paints first ("Opening
your assessments…"), then the database is locked and opened and Home is filled straight from
SQLite (:mod:`assessor.storage.overview`); only once that list has painted do the store, the
questionnaire model and the other pages load.

Set ``ASSESSOR_EXIT_AFTER_PAINT=1`` to print ``first-paint <seconds since process start>`` when
the main window first paints, ``content-ready <seconds>`` when Home has painted the list of
assessments and ``all-loaded <seconds>`` when every page works, then quit: the start-up
benchmark and the packaged-app check use it. Started on a respondent file, the app prints
``respondent-file <id> <page> <questions>`` once the file is open, then quits.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QLockFile, QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from ui.instance_lock import DatabaseInUse
    from ui.main_window import MainWindow

EXIT_AFTER_PAINT = "ASSESSOR_EXIT_AFTER_PAINT"
#: When Home has not painted by then, the rest loads anyway.
LOAD_REST_AFTER_MS = 500


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
    """Calls ``then`` once, just after the watched widget's first paint; prints the time as
    ``<name> <seconds>`` when measuring and ``name`` is given."""

    def __init__(
        self, then: Callable[[], None], parent: QObject | None = None, name: str = ""
    ) -> None:
        super().__init__(parent)
        self._then = then
        self._name = name

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            if self._name and os.environ.get(EXIT_AFTER_PAINT):
                print(f"{self._name} {process_age():.4f}", flush=True)
            QTimer.singleShot(0, self._then)
        return False


@dataclass
class OpenDatabase:
    """A database opened at start-up: checked, migrated, and locked for this window."""

    path: Path
    connection: sqlite3.Connection
    lock: QLockFile | None


def open_interactively(path: Path | None) -> OpenDatabase | None:
    """Lock and open the database; when it cannot be, offer the ways out.

    Another running Assessor holding the file: try again or use another file. A damaged (or
    newer, or read-only) file: restore a backup (the current file is kept aside) or use another
    file; the damaged file is never written. Returns None when the user gives up, having opened
    nothing.
    """
    from assessor.files.paths import database_path
    from assessor.storage.backup import backups_dir, restore
    from assessor.storage.errors import StorageError
    from assessor.storage.opening import open_checked
    from ui import dialogs
    from ui.instance_lock import DatabaseInUse, lock_database

    target = database_path(path).absolute()
    if path is None:
        # The first run: the data folder must exist before the lock file can be made beside the
        # database (a --db folder that does not exist is reported when opening, never created).
        from assessor.storage.privacy import make_private_folder

        make_private_folder(target.parent)
    lock: QLockFile | None = None
    locked: Path | None = None
    while True:
        if locked != target:
            if lock is not None:
                lock.unlock()
            lock, locked = None, None
            try:
                lock, locked = lock_database(target), target
            except DatabaseInUse as busy:
                choice = dialogs.choose(
                    None, "The database is open in another window", in_use_text(busy), IN_USE
                )
                if choice is None:
                    return None
                if choice == 1:
                    target = _other_file(target) or target
                continue
        try:
            # A folder given with --db that does not exist is a typo: say so, create nothing.
            resolved, connection = open_checked(target, create_folder=path is None)
            return OpenDatabase(resolved, connection, lock)
        except StorageError as error:
            choice = dialogs.choose(
                None,
                "The database cannot be opened",
                "\n".join(error.lines) + "\n\nNothing has been changed in it. You can restore a "
                "backup (the current file is kept aside) or use another database file.",
                ["Restore a backup…", "Use another file…"],
            )
        if choice is None:
            if lock is not None:
                lock.unlock()
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
            target = _other_file(target) or target


#: The ways out when another window holds the database.
IN_USE = ["Try again", "Use another file…"]


def in_use_text(busy: DatabaseInUse) -> str:
    """What the second start says when another window holds the database (as the README does:
    a lock left by a crash is taken over by itself; only one from another computer is not)."""
    import socket

    text = (
        f"{busy.database} is open in another Assessor window (process {busy.pid} on "
        f"{busy.host}). Only one window at a time may work on a database, so that neither "
        "shows answers the other has changed.\n\nClose the other window and try again, or "
        "use another database file."
    )
    if busy.host in ("this computer", socket.gethostname()):
        return text + (
            " If that window has crashed, its lock is taken over: choose Try again once the "
            "process has ended."
        )
    return text + (
        f" The lock was taken on {busy.host}: if Assessor no longer runs there, delete "
        f"{busy.lock_file} and try again."
    )


def _other_file(current: Path) -> Path | None:
    from ui import dialogs

    other = dialogs.save_file(
        None, "Choose or create a database file", current.parent, "Databases (*.db)"
    )
    return other.absolute() if other is not None else None


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


def show_home_early(window: MainWindow, db: Path | None) -> OpenDatabase | None:
    """Open the database and show Home from it, before the store and questionnaires load.

    None when the user gave up (nothing is open then).
    """
    from assessor.storage.overview import OverviewReader

    opened = open_interactively(db)
    if opened is not None:
        window.lock = opened.lock  # released when the window closes, even before it has loaded
        window.show_overview(OverviewReader(opened.path, opened.connection))
    return opened


def finish_loading(window: MainWindow, opened: OpenDatabase) -> None:
    """Load the store and the questionnaires into ``window``: every page then works."""
    from assessor.questionnaire.catalogue import load_catalogue
    from assessor.storage.store import Store

    store = Store.on_connection(opened.path, opened.connection)
    window.attach(store, load_catalogue(), opened.lock)
    window.listen_for_files(opened.path)


def load_into(window: MainWindow, db: Path | None) -> bool:
    """Open the database and the questionnaires into ``window``; False when the user gave up."""
    opened = show_home_early(window, db)
    if opened is None:
        return False
    finish_loading(window, opened)
    return True


def create_main_window(db: Path | None = None) -> MainWindow | None:
    """The main window on the database, loaded at once (None when the user gave up)."""
    from ui.main_window import MainWindow

    window = MainWindow()
    if load_into(window, db):
        return window
    window.deleteLater()
    return None


def report_respondent_file(window: MainWindow, assessment_id: int) -> None:
    """Print what the opened respondent file shows, then quit (``ASSESSOR_EXIT_AFTER_PAINT``).

    Prints ``respondent-file <id> <page> <questions>``: the page on screen (walkthrough or
    results; the welcome before the first question counts as the walk-through, which is loaded
    behind it) and how many questions the walk-through asks; the packaged-app check reads it.
    """
    on_screen = window.stack.currentWidget()
    answering = on_screen is window.walkthrough or on_screen is window.welcome
    page = "walkthrough" if answering else "results"
    questions = len(window.walkthrough.walk or []) if page == "walkthrough" else 0
    print(f"respondent-file {assessment_id} {page} {questions}", flush=True)
    QTimer.singleShot(0, window.close)


def handed_over(db: Path | None, file: Path) -> bool:
    """Hand ``file`` to the window already open on the database, if one is (see
    :mod:`ui.handover`); True when it took the file, and this start has nothing more to do."""
    from assessor.files.paths import database_path
    from assessor.storage.app_lock import lock_holder
    from ui.handover import hand_over

    target = database_path(db).absolute()
    if lock_holder(target) is None or not hand_over(target, file):
        return False
    print(f"{file}: handed to the Assessor window open on {target}", flush=True)
    return True


def run(db: Path | None = None, respondent_file: Path | None = None) -> int:
    """Run the app's event loop until the last window closes; returns the exit status.

    The window paints first, then Home from the database, then the rest loads (see the
    module's description); a damaged database is reported over the window.
    ``respondent_file`` (``assessor FILE.assessor``, or a double-click in a file manager) is
    opened once everything has loaded: it is imported and its walk-through starts. When a
    window is already open on the database, the file is handed to it instead and this start
    ends at once (:func:`handed_over`).
    """
    from ui.main_window import MainWindow

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setApplicationName("Assessor")
    app.setApplicationDisplayName("Assessor")
    app.setDesktopFileName("io.github.assessor.Assessor")
    app.setWindowIcon(QIcon(str(Path(__file__).with_name("icons") / "assessor.svg")))
    sys.excepthook = report_unexpected
    if respondent_file is not None and handed_over(db, respondent_file):
        return 0
    # Assessor uses no pydantic plugins; skipping their search saves a scan of every package.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    window = MainWindow()
    status = {"code": 0}
    measuring = bool(os.environ.get(EXIT_AFTER_PAINT))

    def load() -> None:
        opened = show_home_early(window, db)
        if opened is None:
            status["code"] = 1
            window.close()
            return
        # The store and the questionnaires load just after Home has painted its list (or
        # soon anyway, should the window not be painted: minimised, on another desktop).
        probe = FirstPaintProbe(lambda: rest(opened), window.home, "content-ready")
        window.home.installEventFilter(probe)
        QTimer.singleShot(LOAD_REST_AFTER_MS, lambda: rest(opened))

    def rest(opened: OpenDatabase) -> None:
        if window.attached:
            return
        if not window.isVisible():  # closed before it had loaded
            opened.connection.close()
            return
        finish_loading(window, opened)
        if respondent_file is not None:
            if measuring:
                window.respondent_file_opened.connect(
                    lambda assessment_id: report_respondent_file(window, assessment_id)
                )
            window.open_respondent_file(respondent_file)
        elif measuring:
            print(f"all-loaded {process_age():.4f}", flush=True)
            QTimer.singleShot(0, window.close)

    probe = FirstPaintProbe(load, window, "first-paint")
    window.installEventFilter(probe)
    window.show()
    app.exec()
    return status["code"]
