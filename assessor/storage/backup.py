"""Backups through the SQLite backup API, their thinning, and restoring one.

Backups live in ``<database folder>/backups`` and are named after the database and the UTC time
they were taken, such as ``assessor-20261123-041549.db`` (a label such as ``before-migration``
may follow the time). Thinning keeps the newest backup of each of the 7 most recent days, 4 most
recent ISO weeks and 12 most recent months that have one, and every backup taken before a
deletion (label ``before-delete``) for 7 days: a second deletion on the same day must not thin
away the only copy of what the first one deleted. Restoring moves the current file aside as
``assessor.db.before-restore-<time>`` and never deletes it.
"""

from __future__ import annotations

import datetime
import os
import re
import sqlite3
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from pathlib import Path

from assessor.files.atomic import PRIVATE_FILE_MODE, fsync_folder
from assessor.files.inputs import DATABASE, InputError, check_input
from assessor.storage.database import (
    connect_read_only,
    error_code,
    header_problem,
    quick_check,
)
from assessor.storage.errors import BackupError
from assessor.storage.migrations import SCHEMA_VERSION, read_state

BACKUP_FOLDER = "backups"
STAMP_FORMAT = "%Y%m%d-%H%M%S"
KEEP_DAILY = 7
KEEP_WEEKLY = 4
KEEP_MONTHLY = 12
#: Backups with this label (taken before a deletion) are all kept for :data:`KEEP_DAILY` days.
BEFORE_DELETE = "before-delete"
_BEFORE_DELETE_STEM = re.compile(rf"-{BEFORE_DELETE}(?:-\d+)?$")


@dataclass(frozen=True)
class BackupFile:
    """A backup file and the UTC time it was taken (from its name)."""

    path: Path
    taken: datetime.datetime
    #: the file's modification time, which orders backups taken within the same second
    mtime_ns: int = 0


def backups_dir(db_path: Path) -> Path:
    """The folder holding the backups of the database at ``db_path``."""
    return db_path.parent / BACKUP_FOLDER


def _stamp(now: datetime.datetime | None) -> str:
    return (now or datetime.datetime.now(datetime.UTC)).strftime(STAMP_FORMAT)


def _pattern(db_path: Path) -> re.Pattern[str]:
    return re.compile(rf"^{re.escape(db_path.stem)}-(\d{{8}}-\d{{6}})(?:-[a-z0-9-]+)?\.db$")


def list_backups(db_path: Path) -> list[BackupFile]:
    """The backups of this database, newest first."""
    folder = backups_dir(db_path)
    if not folder.is_dir():
        return []
    pattern = _pattern(db_path)
    found: list[BackupFile] = []
    for path in folder.iterdir():
        match = pattern.match(path.name)
        if not match or not path.is_file():
            continue
        taken = datetime.datetime.strptime(match.group(1), STAMP_FORMAT).replace(
            tzinfo=datetime.UTC
        )
        found.append(BackupFile(path, taken, path.stat().st_mtime_ns))
    found.sort(key=lambda backup: (backup.taken, backup.mtime_ns, backup.path.name), reverse=True)
    return found


def copy_database(source: sqlite3.Connection, target: Path) -> None:
    """Copy a live database into ``target`` with the backup API, atomically and durably.

    The copy goes to a temporary file beside ``target``, is checked, synced to disk and then
    renamed into place: ``target`` is either absent or complete, never half written.
    """
    temp = target.with_name(f".{target.name}.part")
    temp.unlink(missing_ok=True)
    try:
        # Created first, so that the copy (and its journal) are private from the start.
        os.close(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE))
        destination = sqlite3.connect(str(temp), isolation_level=None)
        try:
            source.backup(destination)
            problems = quick_check(destination)
            destination.execute("PRAGMA journal_mode=DELETE")
        finally:
            destination.close()
        if problems:
            raise BackupError(f"the copy in {temp} failed its check: {problems[0]}")
        with temp.open("rb+") as stream:
            os.fsync(stream.fileno())
        os.replace(temp, target)
        fsync_folder(target.parent)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def take_backup(
    source: sqlite3.Connection,
    db_path: Path,
    *,
    label: str = "",
    now: datetime.datetime | None = None,
) -> Path:
    """Back up the open database ``source`` (whose file is ``db_path``); returns the new file."""
    folder = backups_dir(db_path)
    base = f"{db_path.stem}-{_stamp(now)}" + (f"-{label}" if label else "")
    target = folder / f"{base}.db"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as error:
        raise BackupError(
            f"the backup folder {folder} cannot be created ({error.strerror or error}); the "
            "database itself is unchanged"
        ) from None
    try:
        counter = 1
        while target.exists():
            counter += 1
            target = folder / f"{base}-{counter}.db"
        copy_database(source, target)
    except sqlite3.Error as error:
        raise BackupError(
            f"the backup {target} could not be written ({_reason(error)}); the database "
            "itself is unchanged"
        ) from None
    except OSError as error:
        raise BackupError(
            f"the backup {target} could not be written ({error.strerror or error}); the "
            "database itself is unchanged"
        ) from None
    return target


def _reason(error: sqlite3.Error) -> str:
    """A short reason for a failed copy: the disk is full, or what SQLite said."""
    if error_code(error) == sqlite3.SQLITE_FULL or "disk is full" in str(error):
        return "the disk is full"
    return str(error)


def _period_keys() -> Sequence[tuple[Callable[[datetime.datetime], Hashable], int]]:
    return (
        (lambda taken: taken.date(), KEEP_DAILY),
        (lambda taken: taken.isocalendar()[:2], KEEP_WEEKLY),
        (lambda taken: (taken.year, taken.month), KEEP_MONTHLY),
    )


def backups_to_keep(backups: Sequence[BackupFile]) -> set[Path]:
    """The backups thinning keeps: the newest of each recent day, week and month, and those
    taken before a deletion in the last week."""
    newest_first = sorted(backups, key=lambda backup: (backup.taken, backup.mtime_ns), reverse=True)
    keep: set[Path] = set()
    if newest_first:
        since = newest_first[0].taken - datetime.timedelta(days=KEEP_DAILY)
        keep |= {
            backup.path
            for backup in newest_first
            if backup.taken > since and _BEFORE_DELETE_STEM.search(backup.path.stem)
        }
    for key, count in _period_keys():
        seen: set[Hashable] = set()
        for backup in newest_first:
            if len(seen) == count:
                break
            period = key(backup.taken)
            if period not in seen:
                seen.add(period)
                keep.add(backup.path)
    return keep


def thin_backups(db_path: Path) -> list[Path]:
    """Delete the backups thinning does not keep; returns the files deleted."""
    backups = list_backups(db_path)
    keep = backups_to_keep(backups)
    deleted: list[Path] = []
    for backup in backups:
        if backup.path not in keep:
            backup.path.unlink(missing_ok=True)
            deleted.append(backup.path)
    return deleted


def backup_problem(path: Path) -> str | None:
    """Why ``path`` is not a sound Assessor database this version can open, or None."""
    if not path.exists():
        return "no such file"
    try:
        check_input(path, DATABASE)
    except InputError as error:
        return error.lines[0].removeprefix(f"{path}: ")
    try:
        problem = header_problem(path)
        if problem:
            return problem
        connection = connect_read_only(path)
        try:
            problems = quick_check(connection)
            if problems:
                return f"quick_check: {problems[0]}"
            state = read_state(connection)
        finally:
            connection.close()
    except (OSError, sqlite3.Error) as error:
        return str(error)
    if state.empty or state.is_foreign:
        return "not an Assessor database"
    if state.is_newer:
        return f"written by a newer Assessor (schema {state.user_version} > {SCHEMA_VERSION})"
    return None


def newest_good_backup(db_path: Path) -> Path | None:
    """The newest backup that passes its checks, or None."""
    for backup in list_backups(db_path):
        if backup_problem(backup.path) is None:
            return backup.path
    return None


def _move_aside(db_path: Path, stamp: str) -> Path:
    aside = db_path.with_name(f"{db_path.name}.before-restore-{stamp}")
    counter = 1
    while aside.exists():
        counter += 1
        aside = db_path.with_name(f"{db_path.name}.before-restore-{stamp}-{counter}")
    # The WAL and shared-memory files travel with the file, under the names SQLite pairs
    # with the new name, so nothing committed is lost from the copy kept aside.
    os.rename(db_path, aside)
    for suffix in ("-wal", "-shm"):
        companion = db_path.with_name(db_path.name + suffix)
        if companion.exists():
            os.rename(companion, aside.with_name(aside.name + suffix))
    return aside


def restore(
    db_path: Path, backup_file: Path, *, now: datetime.datetime | None = None
) -> Path | None:
    """Replace the database with a backup; returns where the current file was kept, if any.

    The backup is checked first. The current file (with its WAL) is renamed aside as
    ``<name>.before-restore-<time>``, never deleted, and the backup is copied into place with
    the backup API. Close the desktop app before restoring.
    """
    problem = backup_problem(backup_file)
    if problem:
        raise BackupError(f"{backup_file} cannot be restored: {problem}")
    if backup_file.resolve() == db_path.resolve():
        raise BackupError(f"{backup_file} is the database itself, not a backup")
    db_path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    source = connect_read_only(backup_file)
    try:
        staged = db_path.with_name(f".{db_path.name}.restoring")
        copy_database(source, staged)
    finally:
        source.close()
    aside = _move_aside(db_path, _stamp(now)) if db_path.exists() else None
    os.replace(staged, db_path)
    fsync_folder(db_path.parent)
    return aside
