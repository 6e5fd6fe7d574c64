"""Whether a running Assessor window holds a database, read without Qt; one check for every writer.

The desktop app keeps a lock file beside the database while a window works on it (Qt's
``QLockFile``, see :mod:`ui.instance_lock`). The file holds the holder's process id, its program
name (the name of the executable, as Qt writes it), the host name and the machine's id, one per
line; while the window is open its process also holds an advisory lock (``flock``) on the file,
which the system lets go the moment the process ends, however it ends.

Every command that writes the database (:func:`refuse_while_open`) reads it here, so that none
changes the file under an open window, and the app asks the same question before it takes a
lock over (:mod:`ui.instance_lock`). A lock is *stale*, and is taken over everywhere alike, when:

- nobody holds the advisory lock on the file (where the system has ``flock``): the process that
  wrote it has ended, whatever now runs under its process id;
- otherwise (no ``flock`` here, or the file system does not support it): its process no longer
  runs, or its process id now belongs to another program (on Linux the program's name is read
  from ``/proc/PID/exe``, ``/proc/PID/comm`` and ``/proc/PID/cmdline``).

A lock taken on another machine (a database on a shared drive) cannot be checked from here, so
it is taken as held.
"""

from __future__ import annotations

import contextlib
import errno
import os
import socket
from dataclasses import dataclass
from pathlib import Path

from assessor.storage.errors import StorageError


class DatabaseOpenError(StorageError):
    """A running Assessor window holds the database: a command that writes it refuses."""


@dataclass(frozen=True)
class LockHolder:
    """The process that holds a database's lock, and on which machine."""

    pid: int
    host: str
    #: the holder's program name as its lock file records it ("" when not recorded)
    name: str = ""


def lock_path(database: Path) -> Path:
    """The lock file of a database: beside it, named after it (as the app names it)."""
    return database.with_name(database.name + ".lock")


def _pid_alive(pid: int) -> bool:
    """Whether a process with this id runs on this machine (True when it cannot be told)."""
    if pid <= 0:
        return False
    if os.name != "posix":  # pragma: no cover - os.kill would end the process on Windows
        return _windows_pid_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: it runs
        return True
    except OSError:
        return True
    return True


def _windows_pid_alive(pid: int) -> bool:  # pragma: no cover - Windows only
    """Whether a process runs on Windows (True when it cannot be told)."""
    import ctypes

    windll = getattr(ctypes, "windll", None)
    if windll is None:
        return True
    query_limited_information = 0x1000
    still_active = 259
    handle = windll.kernel32.OpenProcess(query_limited_information, False, pid)
    if not handle:
        return bool(windll.kernel32.GetLastError() != 87)  # 87: no such process
    try:
        code = ctypes.c_ulong()
        if not windll.kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return bool(code.value == still_active)
    finally:
        windll.kernel32.CloseHandle(handle)


def _read_link_name(link: Path) -> str:
    with contextlib.suppress(OSError):
        return Path(os.readlink(link)).name.removesuffix(" (deleted)")
    return ""


def process_names(pid: int) -> set[str]:
    """The names the running process ``pid`` goes by, where the system tells (Linux ``/proc``).

    The name of its executable (what Qt records in its lock file), its command name and the
    names of the programs its command line starts with. Empty when nothing can be read (another
    system, or a process of another user whose details are hidden).
    """
    proc = Path("/proc") / str(pid)
    names = {_read_link_name(proc / "exe")}
    with contextlib.suppress(OSError):
        names.add((proc / "comm").read_text(encoding="utf-8", errors="replace").strip())
    with contextlib.suppress(OSError):
        words = (proc / "cmdline").read_bytes().split(b"\0")[:2]
        for word in words:
            if word and not word.startswith(b"-"):
                names.add(Path(os.fsdecode(word)).name)
    names.discard("")
    return names


def same_program(pid: int, recorded: str) -> bool:
    """Whether the running process ``pid`` is the program a lock file names as ``recorded``.

    True when it cannot be told (no name recorded, or the system shows no names): only a name
    seen to differ makes a process id "another program's". The command name the system keeps
    is cut to 15 characters, so a recorded name matches it by its first 15 characters too.
    """
    names = process_names(pid)
    if not recorded or not names:
        return True
    return recorded in names or recorded[:15] in names


def _advisory_lock_held(lock_file: Path) -> bool | None:
    """Whether a process holds the lock file's advisory lock; None when it cannot be told."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        return None
    try:
        handle = os.open(lock_file, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as error:
        if error.errno in (errno.EWOULDBLOCK, errno.EAGAIN):
            return True
        return None  # no flock on this file system: the process checks decide
    else:
        fcntl.flock(handle, fcntl.LOCK_UN)
        return False
    finally:
        os.close(handle)


def lock_holder(database: Path) -> LockHolder | None:
    """The running Assessor that holds ``database``, or None when none does (see the module).

    A lock left by a process that no longer runs (a crash), or whose process id now belongs to
    another program, holds nothing. A lock taken on another machine is taken as held.
    """
    lock_file = lock_path(database)
    try:
        lines = lock_file.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    if not lines or not lines[0].strip().isdigit():
        return None
    pid = int(lines[0])
    name = lines[1].strip() if len(lines) > 1 else ""
    host = lines[2].strip() if len(lines) > 2 else ""
    if host and host != socket.gethostname():
        return LockHolder(pid, host, name)
    holder = LockHolder(pid, host or socket.gethostname(), name)
    held = _advisory_lock_held(lock_file)
    if held is not None:
        return holder if held else None
    if not _pid_alive(pid) or not same_program(pid, name):
        return None
    return holder


def open_elsewhere(database: Path, holder: LockHolder, outcome: str) -> str:
    """The one line that says a window holds ``database`` (``outcome``: "nothing was …")."""
    return (
        f"{database} is open in Assessor (process {holder.pid} on {holder.host}); close that "
        f"window first: {outcome}"
    )


def refuse_while_open(database: Path, outcome: str = "nothing was changed") -> None:
    """Raise :class:`DatabaseOpenError` (one line naming the process) while a window holds it.

    Every command that writes the database calls this before it opens the file.
    """
    holder = lock_holder(database)
    if holder is not None:
        raise DatabaseOpenError(open_elsewhere(database, holder, outcome))
