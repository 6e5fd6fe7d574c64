"""A damaged, newer, unwritable or full database: one clear error, and the file unchanged.

"Read-only folder" is made for real (``tests.helpers.storage.read_only``): with ``chmod`` for
an ordinary user, and with the immutable attribute (``chattr +i``) when the tests run as root,
because root ignores permissions. Both refuse to create any file in the folder, as a read-only
disk does.
"""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest

from assessor.diagnosis.answers import Answer
from assessor.storage import (
    DamagedDatabaseError,
    DatabaseLockedError,
    DiskFullError,
    NewerDatabaseError,
    ReadOnlyError,
    StorageError,
    Store,
)
from assessor.storage.migrations import SCHEMA_VERSION
from tests.helpers.cli import run_cli
from tests.helpers.storage import bundled, fill, first_scored, mini, read_only, sha256_of


def _populated(path: Path) -> int:
    with Store.open(path) as store:
        created = store.create_assessment("Acme", "Ann", "ceo", "2026-Q3", questionnaires=bundled())
        fill(store, created.id, bundled())
        return created.id


def _one_line(error: StorageError, path: Path) -> str:
    assert len(error.lines) == 1
    assert "\n" not in error.lines[0]
    assert str(path) in error.lines[0]
    return error.lines[0]


@pytest.mark.parametrize("keep", [0.5, 0.9, 0.999])
def test_a_truncated_file_is_reported_with_the_newest_good_backup(
    db_path: Path, keep: float
) -> None:
    _populated(db_path)
    with Store.open(db_path) as store:
        backup = store.backup()
    content = db_path.read_bytes()
    db_path.write_bytes(content[: int(len(content) * keep)])
    before = sha256_of(db_path)
    with pytest.raises(DamagedDatabaseError) as caught:
        Store.open(db_path)
    message = _one_line(caught.value, db_path)
    assert "is damaged" in message and f"newest good backup is {backup}" in message
    assert caught.value.backup == backup
    assert sha256_of(db_path) == before


def test_random_bytes_are_not_a_database(db_path: Path) -> None:
    db_path.write_bytes(random.Random(4).randbytes(50_000))
    before = sha256_of(db_path)
    with pytest.raises(DamagedDatabaseError) as caught:
        Store.open(db_path)
    message = _one_line(caught.value, db_path)
    assert "does not start like an SQLite database" in message
    assert "no good backup" in message
    assert sha256_of(db_path) == before
    assert sorted(p.name for p in db_path.parent.iterdir()) == ["assessor.db"]


def test_random_bytes_after_a_valid_header_are_damage(db_path: Path) -> None:
    _populated(db_path)
    content = bytearray(db_path.read_bytes())
    noise = random.Random(7).randbytes(len(content) - 4096)
    content[4096:] = noise
    db_path.write_bytes(bytes(content))
    before = sha256_of(db_path)
    with pytest.raises(DamagedDatabaseError) as caught:
        Store.open(db_path)
    _one_line(caught.value, db_path)
    assert sha256_of(db_path) == before


def test_a_damaged_backup_is_not_offered(db_path: Path) -> None:
    _populated(db_path)
    with Store.open(db_path) as store:
        good = store.backup()
    later = good.with_name("assessor-29991231-000000.db")
    later.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    db_path.write_bytes(b"garbage" * 100)
    with pytest.raises(DamagedDatabaseError) as caught:
        Store.open(db_path)
    assert caught.value.backup == good


def test_a_newer_schema_is_refused_untouched(db_path: Path) -> None:
    _populated(db_path)
    connection = sqlite3.connect(db_path, isolation_level=None)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    connection.close()
    before = sha256_of(db_path)
    with pytest.raises(NewerDatabaseError) as caught:
        Store.open(db_path)
    assert "newer version of Assessor" in _one_line(caught.value, db_path)
    assert sha256_of(db_path) == before


def test_a_read_only_folder_refuses_to_open_and_creates_nothing(db_path: Path) -> None:
    _populated(db_path)
    before = sha256_of(db_path)
    names = sorted(p.name for p in db_path.parent.iterdir())
    with read_only(db_path.parent):
        with pytest.raises(ReadOnlyError) as caught:
            Store.open(db_path)
        with pytest.raises(ReadOnlyError):
            Store.open(db_path.parent / "new.db")
    message = _one_line(caught.value, db_path)
    assert "cannot be written to" in message
    assert sha256_of(db_path) == before
    assert sorted(p.name for p in db_path.parent.iterdir()) == names


def test_the_command_line_says_so_in_one_line(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _populated(db_path)
    with read_only(db_path.parent):
        # backup writes; the commands that only read open such a database read-only instead
        # (tests/hostile/test_read_only_database.py).
        result = run_cli(capsys, "backup", "--db", str(db_path))
    assert result.status == 1
    assert result.err.count("\n") == 1 and result.err.startswith("error: ")
    assert "Traceback" not in result.err


def test_a_full_disk_is_one_clear_error_and_changes_nothing(db_path: Path) -> None:
    assessment_id = _populated(db_path)
    with Store.open(db_path) as store:
        store.backup()  # so that no automatic backup is due
    before = sha256_of(db_path)
    with Store.open(db_path) as store:
        connection = store.connection()
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
        connection.execute(f"PRAGMA max_page_count = {pages}")
        item = first_scored().items[0]
        big = mini(title="A new definition " + "y" * 50_000)
        with pytest.raises(DiskFullError) as caught:
            store.save_note(assessment_id, first_scored().id, item.id, "x" * 20_000)
        with pytest.raises(DiskFullError):
            store.create_assessment("Other", "Bo", "sales", "2026-Q3", questionnaires=[big])
        assert "disk is full" in _one_line(caught.value, db_path)
        stored = store.get_assessment(assessment_id).assessment
        assert len(store.list_assessments()) == 1
    assert stored.answers[first_scored().id][item.id].note != "x" * 20_000
    assert sha256_of(db_path) == before


def test_a_busy_database_is_reported_as_in_use(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assessment_id = _populated(db_path)
    monkeypatch.setattr("assessor.storage.database.BUSY_TIMEOUT_SECONDS", 0.05)
    blocker = sqlite3.connect(db_path, isolation_level=None)
    try:
        with Store.open(db_path) as store:
            store.connection().execute("PRAGMA busy_timeout = 50")
            blocker.execute("BEGIN IMMEDIATE")
            with pytest.raises(DatabaseLockedError) as caught:
                store.save_answer(
                    assessment_id,
                    "four-freedoms",
                    first_scored().items[0].id,
                    Answer(dont_know=True),
                )
            blocker.execute("ROLLBACK")
        assert "in use by another program" in _one_line(caught.value, db_path)
    finally:
        blocker.close()
