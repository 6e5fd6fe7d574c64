"""Fixtures for the storage tests: the database path of the test and an open store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from assessor.storage import Store


@pytest.fixture
def db_path(data_home: Path) -> Path:
    """The test's database file (ASSESSOR_DB points at it)."""
    return data_home / "assessor.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    """An open store on the test's database, closed afterwards."""
    opened = Store.open(db_path)
    yield opened
    opened.close()
