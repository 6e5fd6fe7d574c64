"""The storage's errors: each is one plain line that names the database file.

They are :class:`~assessor.errors.AssessorError`\\ s, so the command line prints them as
``error: ...`` lines with exit status 1 and the desktop app shows them in a dialog.
"""

from __future__ import annotations

from pathlib import Path

from assessor.errors import AssessorError


class StorageError(AssessorError):
    """A problem with the database file or with what was asked of it."""


class DamagedDatabaseError(StorageError):
    """The file is not a healthy SQLite database; it is never written to."""

    def __init__(self, path: Path, detail: str, backup: Path | None) -> None:
        hint = (
            f"the newest good backup is {backup} (restore it with: assessor restore {backup})"
            if backup is not None
            else "no good backup was found"
        )
        super().__init__(f"{path} is damaged ({detail}); it was not changed; {hint}")
        self.path = path
        self.backup = backup


class NewerDatabaseError(StorageError):
    """The file was written by a newer version of Assessor; it is left untouched."""


class NotAssessorDatabaseError(StorageError):
    """The file is an SQLite database, but not one of Assessor's; it is left untouched."""


class ReadOnlyError(StorageError):
    """The database file or its folder cannot be written to."""


class DatabaseLockedError(StorageError):
    """Another program kept the database busy for longer than the busy timeout."""


class DiskFullError(StorageError):
    """The disk (or the database's size limit) is full; the change was not saved."""


class NotFoundError(StorageError):
    """No assessment has the id or UUID asked for."""


class InvalidRecordError(StorageError):
    """An assessment or an answer that cannot be stored as given."""


class BackupError(StorageError):
    """A backup that cannot be taken, read or restored."""
