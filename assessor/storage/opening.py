"""Opening a database safely: check it read-only first, then connect, back up and migrate.

Nothing is created or written until the file has passed every check:

1. an existing file must start like SQLite and pass ``PRAGMA quick_check`` through a read-only
   connection, else :class:`DamagedDatabaseError` names the newest good backup;
2. its schema must not be newer than this code's (:class:`NewerDatabaseError`) and it must be an
   Assessor database (:class:`NotAssessorDatabaseError`);
3. its folder must be writable (:class:`ReadOnlyError`);
4. only then a read-write connection is made (a new file is created 0600 first, see
   :mod:`assessor.storage.privacy`); an existing database with pending migrations is backed up
   before they run.

:func:`open_checked_read_only` opens a database for reading only (a read-only file or folder):
the same checks, then a read-only connection; nothing is created, migrated or backed up.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from pathlib import Path

from assessor.files.inputs import DATABASE, InputError, check_input
from assessor.storage.backup import newest_good_backup, take_backup
from assessor.storage.database import (
    connect,
    connect_read_only,
    error_code,
    header_problem,
    quick_check,
    translate,
)
from assessor.storage.errors import (
    DamagedDatabaseError,
    NewerDatabaseError,
    NotAssessorDatabaseError,
    ReadOnlyError,
    StorageError,
)
from assessor.storage.migrations import SCHEMA_VERSION, SchemaState, apply_pending, read_state
from assessor.storage.privacy import (
    create_private_file,
    make_private_folder,
    secure_database_files,
)

PRE_MIGRATION_LABEL = "before-migration"


def inspect_existing(path: Path) -> SchemaState:
    """Check an existing file without changing it; returns its schema state or raises."""
    try:
        check_input(path, DATABASE)
    except InputError as error:
        raise StorageError(*error.lines) from None
    try:
        problem = header_problem(path)
    except OSError as error:
        raise StorageError(f"{path} cannot be read ({error.strerror or error})") from None
    if problem:
        raise DamagedDatabaseError(path, problem, newest_good_backup(path))
    try:
        connection = open_read_only(path)
        try:
            problems = quick_check(connection)
            if problems:
                raise DamagedDatabaseError(
                    path, f"quick_check: {problems[0]}", newest_good_backup(path)
                )
            state = read_state(connection)
        finally:
            connection.close()
    except sqlite3.Error as error:
        raise translate(error, path, newest_good_backup) from None
    if state.is_newer:
        newest = f"; unknown migration {state.unknown[-1]!r}" if state.unknown else ""
        raise NewerDatabaseError(
            f"{path} was written by a newer version of Assessor (schema {state.user_version}"
            f"{newest}; this version knows up to schema {SCHEMA_VERSION}); it was not changed; "
            "open it with the newer version"
        )
    if state.is_foreign:
        raise NotAssessorDatabaseError(
            f"{path} is an SQLite database but not an Assessor database; it was not changed"
        )
    return state


def open_read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection, for the opening checks and for a database opened read-only.

    In a folder where SQLite cannot create the WAL's shared-memory file (a read-only folder)
    a plain read-only open fails; when there is no WAL file the main file is the whole
    database, so it is then read as immutable, which needs no companion files.
    """
    connection = connect_read_only(path)
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError as error:
        connection.close()
        wal = path.with_name(path.name + "-wal")
        if error_code(error) != sqlite3.SQLITE_CANTOPEN or wal.exists():
            raise
        connection = connect_read_only(path, immutable=True)
    except BaseException:
        connection.close()
        raise
    return connection


def check_writable(path: Path) -> None:
    """Raise :class:`ReadOnlyError` unless the database's folder (and file) can be written.

    The folder is tested by creating and removing a probe file: permissions alone are not
    enough (an administrator ignores them, a read-only mount does not show in them).
    """
    folder = path.parent
    try:
        make_private_folder(folder)
        handle, probe = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".probe", dir=folder)
        os.close(handle)
        os.unlink(probe)
    except OSError as error:
        raise ReadOnlyError(
            f"{path}: the folder {folder} cannot be written to ({error.strerror or error}); "
            "nothing was changed"
        ) from None
    if path.exists() and not os.access(path, os.W_OK):
        raise ReadOnlyError(f"{path} is read-only; nothing was changed")


def open_database(path: Path) -> sqlite3.Connection:
    """A checked, migrated read-write connection to the database at ``path``."""
    state = inspect_existing(path) if path.exists() else None
    check_writable(path)
    try:
        if state is None:
            create_private_file(path)  # SQLite gives its -wal and -shm files the same mode
        connection = connect(path)
    except OSError as error:
        raise StorageError(f"{path} cannot be created ({error.strerror or error})") from None
    except sqlite3.Error as error:
        raise translate(error, path, newest_good_backup) from None
    try:
        if state is not None and state.pending and not state.empty:
            take_backup(connection, path, label=PRE_MIGRATION_LABEL)
        if state is None or state.pending:
            apply_pending(connection)
    except sqlite3.Error as error:
        connection.close()
        raise translate(error, path, newest_good_backup) from None
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            connection.close()
        raise
    return connection


def open_checked_read_only(path: Path) -> sqlite3.Connection:
    """A checked read-only connection to an existing, up-to-date database at ``path``."""
    if not path.exists():
        raise StorageError(f"{path}: no such database; check the path")
    state = inspect_existing(path)
    if state.pending:
        raise ReadOnlyError(
            f"{path} needs setting up or upgrading for this version of Assessor, which needs "
            "write access, and it cannot be written to; it was not changed"
        )
    try:
        return open_read_only(path)
    except sqlite3.Error as error:
        raise translate(error, path, newest_good_backup) from None


def database_file(path: Path | None, *, folder_must_exist: bool) -> Path:
    """The absolute database path (``None``: :func:`assessor.files.paths.database_path`), checked.

    A folder where the file should be, or a missing folder when ``folder_must_exist`` (a
    mistyped ``--db``, a read-only open), raises :class:`StorageError`; nothing is created.
    """
    from assessor.files import paths

    resolved = paths.database_path(path).absolute()
    if resolved.is_dir():
        raise StorageError(f"{resolved} is a folder, not a database file")
    if folder_must_exist and not resolved.parent.is_dir():
        raise StorageError(
            f"{resolved}: the folder {resolved.parent} does not exist; check the path "
            "(nothing was created)"
        )
    return resolved


def open_checked(
    path: Path | None = None, *, create_folder: bool = True
) -> tuple[Path, sqlite3.Connection]:
    """The absolute database path and a checked, migrated read-write connection to it.

    :class:`StorageError` when it cannot be had; a missing folder is created (private to the
    user) only when ``create_folder`` is true. On POSIX the database files end up private to
    the user (see :mod:`assessor.storage.privacy`).
    """
    from assessor.files import paths

    resolved = database_file(path, folder_must_exist=not create_folder)
    connection = open_database(resolved)
    # After the checks: a file that fails them is left exactly as it was found.
    secure_database_files(resolved, paths.data_dir())
    return resolved, connection
