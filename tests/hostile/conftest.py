"""Fixtures for the hostile tests: a database with a finished assessment, a fixed umask, and
the desktop app's patched dialogs and window factory."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from assessor.storage import Store
from tests.helpers.qt import dialog_log, window_factory
from tests.helpers.storage import bundled, fill

__all__ = ["dialog_log", "window_factory"]


@pytest.fixture
def db_path(data_home: Path) -> Path:
    """The test's database file (ASSESSOR_DB points at it)."""
    return data_home / "assessor.db"


@pytest.fixture
def finished(db_path: Path) -> int:
    """The id of a complete assessment of "Target Ltd" in the test's database."""
    with Store.open(db_path) as store:
        created = store.create_assessment(
            "Target Ltd", "Ann", "ceo", "2026-Q1", questionnaires=bundled()
        )
        fill(store, created.id, bundled())
        store.set_status(created.id, "complete")
        return created.id


@pytest.fixture
def umask_022() -> Iterator[None]:
    """Run the test under the usual umask 022, whatever the runner's is."""
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)
