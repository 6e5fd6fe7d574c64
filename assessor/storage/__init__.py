"""Durable local storage: one SQLite file holding assessments, answers and cached scores.

Use :class:`Store` (``Store.open(path)``); errors are :class:`StorageError` subclasses whose
single line names the file. See DESIGN.md §5 and the README ("Where your data lives").

The names below are imported on first use, so that importing a light submodule (such as
:mod:`assessor.storage.overview`, which the app's home reads first) does not load the store and
the questionnaire model with it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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
_RECORDS = {"DimensionScoreRow", "ImportReport", "StoredAssessment", "Summary"}


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module 'assessor.storage' has no attribute {name!r}")
    module = "store" if name == "Store" else "records" if name in _RECORDS else "errors"
    return getattr(importlib.import_module(f"assessor.storage.{module}"), name)
