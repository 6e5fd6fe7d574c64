"""Long work off the GUI thread, with its result delivered back on the GUI thread.

Modelled on Anki's ``CollectionOp``: an :class:`Operation` runs a function in Qt's thread pool
and calls ``on_success(result)`` or ``on_failure(exception)`` on the GUI thread; while it runs the
window shows a busy cursor.

Long work reports how far it is through :meth:`Operation.report`, the plain
``progress(done, total) -> bool`` callback the domain takes (:data:`assessor.errors.Progress`):
it may be called from the worker thread, re-emits the counts as :attr:`Operation.progressed` on
the GUI thread, and returns False once :meth:`Operation.cancel` has been called, so the work
stops and takes back what it did.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtGui import QGuiApplication

T = TypeVar("T")


class _Signals(QObject):
    succeeded = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], signals: _Signals) -> None:
        super().__init__()
        self._work = work
        self._signals = signals

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as error:
            self._signals.failed.emit(error)
        else:
            self._signals.succeeded.emit(result)


class Operation(QObject, Generic[T]):
    """One piece of background work; emits ``finished`` after its callback has run."""

    finished = Signal()
    #: how far the work is (done, total), on the GUI thread
    progressed = Signal(int, int)

    def __init__(
        self,
        work: Callable[[], T],
        on_success: Callable[[T], None],
        on_failure: Callable[[Exception], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._work = work
        self._on_success = on_success
        self._on_failure = on_failure
        self._signals = _Signals(self)
        # Queued connections deliver the result in this object's (the GUI) thread.
        self._signals.succeeded.connect(self._succeeded, Qt.ConnectionType.QueuedConnection)
        self._signals.failed.connect(self._failed, Qt.ConnectionType.QueuedConnection)
        self._signals.progressed.connect(self.progressed, Qt.ConnectionType.QueuedConnection)
        self._cancelled = threading.Event()
        self.running = False

    def report(self, done: int, total: int) -> bool:
        """The work's progress callback (any thread): passes the counts on to
        :attr:`progressed`; False once cancelled."""
        self._signals.progressed.emit(done, total)
        return not self._cancelled.is_set()

    def cancel(self) -> None:
        """Ask the work to stop: its next :meth:`report` returns False."""
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        """Whether :meth:`cancel` has been called."""
        return self._cancelled.is_set()

    def start(self) -> None:
        """Run the work in the thread pool; the busy cursor shows until it is done."""
        self.running = True
        QGuiApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        QThreadPool.globalInstance().start(_Job(self._work, self._signals))

    def _done(self) -> None:
        self.running = False
        QGuiApplication.restoreOverrideCursor()

    def _succeeded(self, result: Any) -> None:
        self._done()
        try:
            self._on_success(result)
        finally:
            self.finished.emit()

    def _failed(self, error: Exception) -> None:
        self._done()
        try:
            self._on_failure(error)
        finally:
            self.finished.emit()
