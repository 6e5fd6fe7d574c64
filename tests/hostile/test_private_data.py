"""Answers are candid remarks about colleagues: only their owner can read the files that hold them.

Under the usual umask 022 the data folder is 0700 and the database, its WAL and shared-memory
files and every backup 0600; wider rights found at start are narrowed with a note.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from assessor.storage import Store
from assessor.storage.backup import list_backups
from tests.helpers.cli import run_cli
from tests.helpers.hostile import exchange_record, run_child, write_json

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def _database_files(db: Path) -> list[Path]:
    companions = [Path(f"{db}{suffix}") for suffix in ("-wal", "-shm")]
    return [db, *(path for path in companions if path.exists())]


def test_demo_under_umask_022_makes_a_private_folder_database_and_backups(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "fresh" / "Assessor"
    monkeypatch.setenv("ASSESSOR_HOME", str(home))
    monkeypatch.delenv("ASSESSOR_DB")

    child = run_child("demo", umask=0o022)

    assert child.returncode == 0, child.stderr
    db = home / "assessor.db"
    backups = list_backups(db)
    assert backups, "demo changes the data, so closing takes the day's backup"
    assert _mode(home) == 0o700
    assert _mode(home / "backups") == 0o700
    assert {path.name: _mode(path) for path in _database_files(db)} == {
        path.name: 0o600 for path in _database_files(db)
    }
    assert {backup.path.name: _mode(backup.path) for backup in backups} == {
        backup.path.name: 0o600 for backup in backups
    }


def test_the_wal_and_shared_memory_files_are_private_while_the_database_is_open(
    db_path: Path, umask_022: None
) -> None:
    db_path.parent.rmdir()  # Assessor makes the data folder itself, as on a first start
    with Store.open(db_path) as store:
        store.organisations()
        files = _database_files(db_path)
        assert len(files) == 3, "WAL mode keeps -wal and -shm beside an open database"
        assert [_mode(path) for path in files] == [0o600, 0o600, 0o600]
    assert _mode(db_path.parent) == 0o700


def test_wider_rights_found_at_start_are_narrowed_with_a_note(
    db_path: Path, finished: int, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store.open(db_path) as store:
        backup = store.backup()
    for path in (db_path.parent, db_path.parent / "backups"):
        path.chmod(0o755)
    for path in (db_path, backup):
        path.chmod(0o644)

    result = run_cli(capsys, "list")

    assert result.status == 0, result.err
    notes = [line for line in result.err.splitlines() if line.startswith("note: ")]
    assert len(notes) == 1, result.err
    assert "others could read your assessments; now only you can" in notes[0]
    assert str(db_path.parent) in notes[0]
    assert _mode(db_path.parent) == 0o700 and _mode(db_path.parent / "backups") == 0o700
    assert _mode(db_path) == 0o600 and _mode(backup) == 0o600
    assert run_cli(capsys, "list").err == "", "once narrowed, nothing more to say"


def test_a_folder_chosen_with_db_keeps_its_rights_but_the_database_is_private(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], umask_022: None
) -> None:
    shared = tmp_path / "team-share"
    shared.mkdir(mode=0o755)
    db = shared / "assessor.db"

    result = run_cli(capsys, "import", "--db", str(db), str(_one_assessment_file(tmp_path)))

    assert result.status == 0, result.err
    assert _mode(shared) == 0o755
    assert _mode(db) == 0o600


def test_a_restored_database_is_private(
    db_path: Path, finished: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store.open(db_path) as store:
        backup = store.backup()
    backup.chmod(0o644)

    result = run_cli(capsys, "restore", str(backup))

    assert result.status == 0, result.err
    assert _mode(db_path) == 0o600


def _one_assessment_file(folder: Path) -> Path:
    return write_json(folder / "one.json", [exchange_record()])
