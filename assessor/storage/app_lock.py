"""Whether a running Assessor window holds a database, read without Qt.

The desktop app keeps a lock file beside the database while a window works on it (Qt's
``QLockFile``, see :mod:`ui.instance_lock`). Commands that replace the whole file, such as
``assessor restore``, read it here so that they never swap the database under an open window.
The file holds the holder's process id, application name and host name, one per line.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class LockHolder:
    """The process that holds a database's lock, and on which machine."""

    pid: int
    host: str


def lock_path(database: Path) -> Path:
    """The lock file of a database: beside it, named after it (as the app names it)."""
    return database.with_name(database.name + ".lock")


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: it runs
        return True
    return True


def lock_holder(database: Path) -> LockHolder | None:
    """The running Assessor that holds ``database``, or None when none does.

    A lock left by a process that no longer runs on this machine (a crash) holds nothing. A lock
    taken on another machine (a database on a shared drive) cannot be checked from here, so it is
    taken as held.
    """
    try:
        lines = lock_path(database).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    if not lines or not lines[0].strip().isdigit():
        return None
    pid = int(lines[0])
    host = lines[2].strip() if len(lines) > 2 else ""
    if host and host != socket.gethostname():
        return LockHolder(pid, host)
    return LockHolder(pid, host or socket.gethostname()) if _running(pid) else None
