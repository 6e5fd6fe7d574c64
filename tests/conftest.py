"""Fixtures for every test: a private data folder and database, so no test touches real data."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point ASSESSOR_HOME and ASSESSOR_DB at a fresh temporary folder for each test."""
    home = tmp_path / "assessor-home"
    home.mkdir(mode=0o700)  # as Assessor creates it: private to the user
    monkeypatch.setenv("ASSESSOR_HOME", str(home))
    monkeypatch.setenv("ASSESSOR_DB", str(home / "assessor.db"))
    monkeypatch.delenv("ASSESSOR_DEBUG", raising=False)
    yield home
