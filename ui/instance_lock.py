"""One app per database: a lock file beside it, held while a window works on it.

Two windows on one file would each show what the other no longer holds (a draft finished in one
still open at question 18 in the other). The lock is Qt's :class:`QLockFile`
(``assessor.db.lock``): it records the holder's process id and host. A lock left behind by a
process that no longer runs on this machine (a crash, a power cut), or whose process id now
belongs to another program, is stale and taken over, by the same rule the command line uses
(:func:`assessor.storage.app_lock.lock_holder`); a lock held by a running Assessor refuses the
second one, however long the first has been open.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLockFile

from assessor.storage.app_lock import lock_holder, lock_path


class DatabaseInUse(Exception):
    """Another running Assessor holds the database's lock."""

    def __init__(self, database: Path, pid: int, host: str) -> None:
        super().__init__(f"{database} is open in another Assessor (process {pid} on {host})")
        self.database = database
        self.pid = pid
        self.host = host

    @property
    def lock_file(self) -> Path:
        """The lock file (to delete by hand if its holder ran on another machine and died)."""
        return lock_path(self.database)


def lock_database(database: Path) -> QLockFile | None:
    """Take the database's lock; keep the returned lock for as long as the file is in use.

    Returns None when no lock file can be made there at all (a read-only folder: opening the
    database then says what is wrong). Raises :class:`DatabaseInUse` when a running Assessor
    holds it.
    """
    lock = QLockFile(str(lock_path(database)))
    # Never stale by age: a running holder keeps its lock for days. A holder that no longer
    # runs on this machine is detected by its process id and its lock taken over.
    lock.setStaleLockTime(0)
    if lock.tryLock(0):
        return lock
    if lock.error() != QLockFile.LockError.LockFailedError:
        return None
    if lock.tryLock(0):  # the holder may have let go just now
        return lock
    # Qt takes a lock over when its process has gone or its process id now runs a program of
    # another name; the command line's rule (the holder's advisory lock) also sees a process
    # id taken by another Python program. Both must agree, so the same lock counts as stale.
    if lock_holder(database) is None and lock.removeStaleLockFile() and lock.tryLock(0):
        return lock
    pid, host, _application = lock.getLockInfo()
    raise DatabaseInUse(database, int(pid), str(host) or "this computer")
