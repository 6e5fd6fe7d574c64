"""SQLite connections with Assessor's settings, short write transactions and error translation.

Every read-write connection uses the WAL journal, ``synchronous=FULL`` (a commit is on disk
before it returns), foreign keys and a busy timeout. Connections run in autocommit mode: writes
happen only inside :func:`write_transaction`, which takes the write lock up front
(``BEGIN IMMEDIATE``) so that two processes never deadlock upgrading a read to a write.
"""

from __future__ import annotations

import contextlib
import datetime
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote

from assessor.storage.errors import (
    DamagedDatabaseError,
    DatabaseLockedError,
    DiskFullError,
    ReadOnlyError,
    StorageError,
)

#: How long a statement waits for another connection's write lock before giving up.
BUSY_TIMEOUT_SECONDS = 10.0
#: The first 16 bytes of every SQLite database file.
SQLITE_MAGIC = b"SQLite format 3\x00"

#: Finds the newest good backup of a database, for the message about a damaged file.
BackupFinder = Callable[[Path], Path | None]


def utc_now() -> str:
    """The current time as UTC ISO 8601 with seconds, such as ``2026-11-23T04:15:49Z``."""
    return datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def connect(path: Path) -> sqlite3.Connection:
    """A read-write connection with Assessor's pragmas (the file is created if missing)."""
    connection = sqlite3.connect(
        str(path),
        timeout=BUSY_TIMEOUT_SECONDS,
        isolation_level=None,
        check_same_thread=False,
    )
    try:
        mode = connection.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise StorageError(f"{path}: cannot use the WAL journal (the journal mode is {mode})")
        connection.execute("PRAGMA synchronous=FULL")
        connection.execute("PRAGMA foreign_keys=ON")
        connection.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_SECONDS * 1000)}")
    except BaseException:
        connection.close()
        raise
    return connection


def connect_read_only(path: Path, *, immutable: bool = False) -> sqlite3.Connection:
    """A read-only connection that can never change the file (``mode=ro``).

    ``immutable`` also skips locking and the WAL: use it only when there is no WAL file, for a
    file in a folder where SQLite cannot create its shared-memory file.
    """
    uri = f"file:{quote(str(path.absolute()))}?mode=ro" + ("&immutable=1" if immutable else "")
    return sqlite3.connect(
        uri, uri=True, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None, check_same_thread=False
    )


def header_problem(path: Path) -> str | None:
    """Why the file cannot be an SQLite database judging by its first bytes, or None."""
    with path.open("rb") as stream:
        head = stream.read(len(SQLITE_MAGIC))
    if not head:
        return None  # an empty file is an empty database
    if len(head) < len(SQLITE_MAGIC) or head != SQLITE_MAGIC:
        return "it does not start like an SQLite database"
    return None


def quick_check(connection: sqlite3.Connection) -> list[str]:
    """The problems ``PRAGMA quick_check`` finds (an empty list when the file is sound).

    Each problem is one line of text.
    """
    rows = [str(row[0]) for row in connection.execute("PRAGMA quick_check(20)").fetchall()]
    if rows == ["ok"]:
        return []
    lines = [
        " ".join(line.split())
        for row in rows
        for line in row.splitlines()
        if line.strip() and not line.startswith("*** in database")
    ]
    return lines or ["quick_check failed"]


def error_code(error: sqlite3.Error) -> int:
    """The primary SQLite result code of an error (0 when unknown)."""
    return int(getattr(error, "sqlite_errorcode", 0) or 0) & 0xFF


def translate(
    error: sqlite3.Error, path: Path, find_backup: BackupFinder | None = None
) -> StorageError:
    """The clear, one-line storage error for an SQLite error on the database at ``path``."""
    code = error_code(error)
    text = str(error)
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or "locked" in text:
        return DatabaseLockedError(
            f"{path} is in use by another program and stayed busy for "
            f"{BUSY_TIMEOUT_SECONDS:g} s; nothing was changed, try again"
        )
    if code == sqlite3.SQLITE_FULL or "disk is full" in text:
        return DiskFullError(
            f"{path}: the disk is full; the last change was not saved and the file was not "
            "changed; free some space and try again"
        )
    if code == sqlite3.SQLITE_READONLY or "readonly database" in text:
        return ReadOnlyError(f"{path} cannot be written to (read-only file or folder)")
    if code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB) or "malformed" in text:
        backup = find_backup(path) if find_backup is not None else None
        return DamagedDatabaseError(path, text, backup)
    if code == sqlite3.SQLITE_CANTOPEN:
        return StorageError(f"{path} cannot be opened ({text})")
    if code == sqlite3.SQLITE_IOERR:
        return StorageError(f"{path}: the disk reported an error ({text}); nothing was saved")
    return StorageError(f"{path}: database error: {text}")


@contextlib.contextmanager
def translated(path: Path, find_backup: BackupFinder | None = None) -> Iterator[None]:
    """Turn SQLite errors raised inside the block into clear :class:`StorageError` lines.

    Text that cannot be handed to SQLite (a lone surrogate, which is what Python makes of a
    command-line argument that is not UTF-8) is told as such; the transaction is rolled back.
    """
    try:
        yield
    except sqlite3.Error as error:
        raise translate(error, path, find_backup) from error
    except UnicodeEncodeError as error:
        character = str(error.object[error.start : error.start + 1])
        raise StorageError(
            f"{path}: a text given holds a lone surrogate {character!r} (half of a character, "
            "not text: was it typed in a terminal that is not UTF-8?); nothing was changed"
        ) from None


@contextlib.contextmanager
def write_transaction(connection: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction: ``BEGIN IMMEDIATE``, the block, ``COMMIT`` (rolled back on error).

    When the block ends normally the commit has completed, which with ``synchronous=FULL``
    means the change is on disk.
    """
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield connection
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
