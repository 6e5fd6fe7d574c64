"""Lock files as the app's ``QLockFile`` leaves them: held by a running window, or left behind.

Qt writes the holder's process id, its program name (the executable's file name), the host and
the machine id, one per line, and keeps an advisory lock (``flock``) on the file for as long as
the window is open; the system drops it when the process ends.
"""

from __future__ import annotations

import fcntl
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from assessor.storage.app_lock import lock_path


def own_program_name() -> str:
    """The name Qt records for this process: its executable's file name."""
    return Path(os.readlink("/proc/self/exe")).name


def write_lock_file(database: Path, pid: int, name: str, host: str | None = None) -> Path:
    """Write a lock file in Qt's format (and hold nothing): a lock left behind."""
    path = lock_path(database)
    host = socket.gethostname() if host is None else host
    path.write_text(f"{pid}\n{name}\n{host}\n0f1e2d3c\n", encoding="utf-8")
    return path


@contextmanager
def held_lock(database: Path) -> Iterator[Path]:
    """The lock a window of this process holds: Qt's file, with its advisory lock held."""
    path = write_lock_file(database, os.getpid(), own_program_name())
    handle = os.open(path, os.O_RDWR)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        yield path
    finally:
        os.close(handle)
        path.unlink(missing_ok=True)


def ended_process_id() -> int:
    """The process id of a process that has ended (its lock is stale)."""
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(done.stdout)


@contextmanager
def another_program() -> Iterator[int]:
    """A running process of another program (``sleep``), standing in for a reused process id."""
    process = subprocess.Popen(["sleep", "60"])
    try:
        yield process.pid
    finally:
        process.kill()
        process.wait()
