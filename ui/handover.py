"""A second start with a file hands the file to the window already open on the database.

Only one window works on a database at a time (:mod:`ui.instance_lock`). The window that holds
a database listens on a local socket named after the database (:class:`FileReceiver`, a
``QLocalServer`` only the same user can reach). ``assessor FILE.assessor`` (a double-click on a
returned respondent file) started while that window is open connects to it (:func:`hand_over`),
sends the file's path and ends; the open window comes to the front and imports or opens the
file, just as if it had been dropped on it.

The request is one line of JSON, ``{"open": "/absolute/path"}`` (ASCII, so a newline in a file
name cannot end it early); the answer is ``ok`` and a newline. A request longer than
:data:`MAX_REQUEST` bytes, or one that is not such a line, is dropped.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

#: How long the second start waits for the open window at each step.
TIMEOUT_MS = 3000
#: The longest request a window reads: a path, and then some.
MAX_REQUEST = 64 * 1024
OK = b"ok\n"


def server_name(database: Path) -> str:
    """The local socket's name for ``database``: the same for every start by the same user."""
    user = str(os.getuid()) if hasattr(os, "getuid") else os.environ.get("USERNAME", "")
    key = f"{user}\0{database.absolute()}".encode("utf-8", "surrogateescape")
    return "assessor-" + hashlib.sha256(key).hexdigest()[:32]


def hand_over(database: Path, file: Path) -> bool:
    """Send ``file`` to the window open on ``database``; True once that window has taken it.

    False when no window listens for that database, or it does not answer in time: the caller
    then starts as usual (and says the database is open elsewhere).
    """
    socket = QLocalSocket()
    socket.connectToServer(server_name(database))
    if not socket.waitForConnected(TIMEOUT_MS):
        return False
    try:
        request = json.dumps({"open": str(file.absolute())}, ensure_ascii=True) + "\n"
        socket.write(request.encode("ascii"))
        if not socket.waitForBytesWritten(TIMEOUT_MS):
            return False
        reply = b""
        while not reply.endswith(b"\n") and len(reply) < len(OK):
            if not socket.waitForReadyRead(TIMEOUT_MS):
                break
            reply += bytes(socket.readAll().data())
        return reply == OK
    finally:
        socket.abort()


class FileReceiver(QObject):
    """Listens for files handed over by a second start on the same database."""

    #: a file handed over (its absolute path)
    received = Signal(object)

    def __init__(self, database: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = server_name(database)
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._connected)
        self._buffers: dict[QLocalSocket, bytes] = {}

    def listen(self) -> bool:
        """Start listening; False when the socket cannot be made (a second start then says the
        database is open elsewhere instead). The caller holds the database's lock, so a socket
        left by a window that crashed is removed first."""
        QLocalServer.removeServer(self.name)
        return self.server.listen(self.name)

    def close(self) -> None:
        """Stop listening (the window is closing)."""
        self.server.close()

    def _connected(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            self._buffers[socket] = b""
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(lambda s=socket: self._forget(s))

    def _forget(self, socket: QLocalSocket) -> None:
        self._buffers.pop(socket, None)
        socket.deleteLater()

    def _read(self, socket: QLocalSocket) -> None:
        if socket not in self._buffers:
            return
        data = self._buffers[socket] + bytes(socket.readAll().data())
        if len(data) > MAX_REQUEST:
            self._buffers.pop(socket, None)
            socket.abort()
            return
        if not data.endswith(b"\n"):
            self._buffers[socket] = data
            return
        self._buffers[socket] = b""
        try:
            request = json.loads(data.decode("ascii"))
        except ValueError:  # not ASCII, not JSON
            socket.abort()
            return
        opened = request.get("open") if isinstance(request, dict) else None
        if not isinstance(opened, str) or not Path(opened).is_absolute():
            socket.abort()
            return
        socket.write(OK)
        socket.flush()
        self.received.emit(Path(opened))
