"""A platform without ``os.geteuid`` (Windows): reports, exports and the database still write.

Ownership and mode checks happen only where the platform has them; everything else works as
before. The test removes ``os.geteuid`` (and its group twin) from this process, as on Windows.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from assessor.files.atomic import has_ownership, write_bytes_atomically
from assessor.storage import Store
from assessor.storage.privacy import is_posix
from tests.helpers.cli import run_cli
from tests.helpers.storage import bundled, fill


@pytest.fixture
def no_geteuid(monkeypatch: pytest.MonkeyPatch) -> None:
    """This process, as if the platform had no ``os.geteuid``/``os.getegid``."""
    monkeypatch.delattr(os, "geteuid")
    monkeypatch.delattr(os, "getegid", raising=False)
    assert not hasattr(os, "geteuid")


def test_without_geteuid_the_checks_step_aside(no_geteuid: None) -> None:
    assert not has_ownership()
    assert not is_posix()


def test_without_geteuid_the_database_reports_and_exports_are_written(
    no_geteuid: None, capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    with Store.open(db_path) as store:  # a new database, created and migrated
        created = store.create_assessment("Acme", "Ann", "ceo", "2026-Q3", "", bundled())
        fill(store, created.id, bundled())
        store.set_status(created.id, "complete")
        backup = store.backup()
    assert backup.is_file()
    with Store.open(db_path) as store:  # opened again: the privacy checks run at opening
        assert [s.id for s in store.list_assessments()] == [created.id]

    report = tmp_path / "report.pdf"
    export = tmp_path / "all.json"
    for _ in range(2):  # the second time each file replaces the first (its mode is kept)
        done = run_cli(capsys, "report", str(created.id), "-o", str(report))
        assert done.status == 0, done.err
        done = run_cli(capsys, "export", "-o", str(export))
        assert done.status == 0, done.err
    assert report.read_bytes().startswith(b"%PDF")
    assert '"organisation": "Acme"' in export.read_text("utf-8")

    replaced = tmp_path / "replaced.txt"
    replaced.write_text("old")
    write_bytes_atomically(replaced, b"new", private=True)
    assert replaced.read_bytes() == b"new"

    imported = run_cli(capsys, "--db", str(tmp_path / "other.db"), "import", str(export))
    assert imported.status == 0, imported.err
