"""Files only their owner can read: the data folder, the database and its backups.

The answers are candid remarks about colleagues, so on POSIX systems the data folder (and any
folder Assessor creates for a database) is 0700, and the database, its ``-wal`` and ``-shm``
files, its backups and the copies a restore keeps aside are 0600. SQLite gives the ``-wal`` and
``-shm`` files the mode of the database file, so creating the database 0600 covers them.

:func:`secure_database_files` runs whenever the store opens: files and folders that already
exist with wider rights (from an older Assessor, or a copy) are tightened, with one note in the
log (the ``assessor`` logger). Only what the user owns is changed, and a folder the user chose
with ``--db`` is left alone: only the data folder itself is tightened.
"""

from __future__ import annotations

import contextlib
import logging
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from assessor.files.atomic import PRIVATE_FILE_MODE
from assessor.storage.backup import backups_dir

#: Permission bits of a private folder: only its owner may list or enter it.
PRIVATE_FOLDER_MODE = 0o700

log = logging.getLogger("assessor")


def is_posix() -> bool:
    """Whether files have POSIX owners and permission bits here (the platform can say who
    the user is: ``os.geteuid``; Windows cannot)."""
    return os.name == "posix" and hasattr(os, "geteuid")


def make_private_folder(folder: Path) -> None:
    """Create ``folder`` (and missing parents) so that only its owner can enter it."""
    folder.mkdir(mode=PRIVATE_FOLDER_MODE, parents=True, exist_ok=True)


def create_private_file(path: Path) -> None:
    """Create an empty file that only its owner can read, unless it exists already."""
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE))


def _tighten(path: Path) -> bool:
    """Drop the group and other permission bits of ``path`` if the user owns it."""
    try:
        status = os.lstat(path)
    except OSError:
        return False
    if not hasattr(os, "geteuid"):  # pragma: no cover - tighten() checks first
        return False
    if stat.S_ISLNK(status.st_mode) or status.st_uid != os.geteuid():
        return False
    mode = stat.S_IMODE(status.st_mode)
    if not mode & 0o077:
        return False
    try:
        os.chmod(path, mode & ~0o077)
    except OSError:
        return False
    return True


def tighten(paths: Iterable[Path]) -> list[Path]:
    """Make each existing path private to its owner; returns the paths that were changed."""
    if not is_posix():  # Windows has no permission bits to narrow
        return []
    return [path for path in paths if _tighten(path)]


def _same_folder(one: Path, other: Path) -> bool:
    try:
        return one.resolve() == other.resolve()
    except OSError:
        return False


def database_files(db_path: Path) -> list[Path]:
    """The database, its companion files, its backups and the copies kept aside by restores."""
    folder = db_path.parent
    found = [db_path, Path(f"{db_path}-wal"), Path(f"{db_path}-shm")]
    with contextlib.suppress(OSError):
        found += sorted(folder.glob(f"{db_path.name}.before-restore-*"))
    backups = backups_dir(db_path)
    if backups.is_dir():
        found.append(backups)
        with contextlib.suppress(OSError):
            found += sorted(path for path in backups.iterdir() if path.suffix == ".db")
    return found


def secure_database_files(db_path: Path, data_folder: Path) -> list[Path]:
    """Tighten the data folder (when it holds the database) and the database's files.

    Returns the paths changed; a note in the log says so when there were any.
    """
    candidates = database_files(db_path)
    if _same_folder(db_path.parent, data_folder):
        candidates.insert(0, db_path.parent)
    changed = tighten(candidates)
    if changed:
        shown = ", ".join(str(path) for path in changed[:3])
        more = f" and {len(changed) - 3} more" if len(changed) > 3 else ""
        log.warning("others could read your assessments; now only you can: %s%s", shown, more)
    return changed
