"""Durable local storage: one SQLite file holding assessments, answers and cached scores.

Use :class:`Store` (``Store.open(path)``); errors are :class:`StorageError` subclasses whose
single line names the file. See DESIGN.md §5 and the README ("Where your data lives").
"""

from __future__ import annotations

from assessor.storage.errors import (
    BackupError,
    DamagedDatabaseError,
    DatabaseLockedError,
    DiskFullError,
    InvalidRecordError,
    NewerDatabaseError,
    NotAssessorDatabaseError,
    NotFoundError,
    ReadOnlyError,
    StorageError,
)
from assessor.storage.records import DimensionScoreRow, ImportReport, StoredAssessment, Summary
from assessor.storage.store import Store

__all__ = [
    "BackupError",
    "DamagedDatabaseError",
    "DatabaseLockedError",
    "DimensionScoreRow",
    "DiskFullError",
    "ImportReport",
    "InvalidRecordError",
    "NewerDatabaseError",
    "NotAssessorDatabaseError",
    "NotFoundError",
    "ReadOnlyError",
    "StorageError",
    "Store",
    "StoredAssessment",
    "Summary",
]
