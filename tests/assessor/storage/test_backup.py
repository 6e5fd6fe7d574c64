"""Backups through the SQLite backup API, thinning (7 daily, 4 weekly, 12 monthly), restore."""

from __future__ import annotations

import datetime
import sqlite3
from pathlib import Path

import pytest

from assessor.storage import BackupError, Store
from assessor.storage.backup import (
    BackupFile,
    backups_dir,
    backups_to_keep,
    list_backups,
    restore,
    take_backup,
    thin_backups,
)
from tests.helpers.storage import bundled, fill, quick_check_ok, sha256_of

UTC = datetime.UTC


def _count(path: Path) -> int:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return int(connection.execute("SELECT count(*) FROM assessments").fetchone()[0])
    finally:
        connection.close()


def test_a_backup_is_a_complete_sound_copy(store: Store) -> None:
    created = store.create_assessment("Acme", "Ann", "ceo", "2026-Q3", questionnaires=bundled())
    fill(store, created.id, bundled())
    backup = store.backup()
    assert backup.parent == backups_dir(store.path)
    assert backup.name.startswith("assessor-") and backup.suffix == ".db"
    assert quick_check_ok(backup)
    with Store.open(backup) as copy:
        assert copy.get_assessment(created.assessment.uuid).assessment == (
            store.get_assessment(created.id).assessment
        )
    assert not list(backup.parent.glob(".*.part"))


def test_a_daily_backup_is_taken_when_data_changed(db_path: Path) -> None:
    Store.open(db_path).close()
    assert list_backups(db_path) == []  # nothing changed, nothing stored
    with Store.open(db_path) as store:
        store.create_assessment("Acme", "Ann", "ceo", "2026-Q3", questionnaires=bundled())
    assert len(list_backups(db_path)) == 1  # on closing after a change
    with Store.open(db_path) as store:
        store.create_assessment("Acme", "Bob", "ceo", "2026-Q3", questionnaires=bundled())
    assert len(list_backups(db_path)) == 1  # at most one a day


def test_a_daily_backup_is_taken_at_open_after_an_unclean_stop(db_path: Path) -> None:
    store = Store.open(db_path)
    store.create_assessment("Acme", "Ann", "ceo", "2026-Q3", questionnaires=bundled())
    store._changed = False  # as if the process had died before closing
    store.close()
    assert list_backups(db_path) == []
    Store.open(db_path).close()
    assert len(list_backups(db_path)) == 1


def _fake(folder: Path, taken: datetime.datetime) -> BackupFile:
    path = folder / f"assessor-{taken:%Y%m%d-%H%M%S}.db"
    return BackupFile(path, taken)


def test_thinning_keeps_7_daily_4_weekly_12_monthly(tmp_path: Path) -> None:
    newest = datetime.datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
    backups = [
        _fake(tmp_path, newest - datetime.timedelta(days=days, hours=hours))
        for days in range(500)
        for hours in (0, 6)
    ]
    keep = backups_to_keep(backups)
    kept = sorted((b.taken for b in backups if b.path in keep), reverse=True)
    days = [taken.date() for taken in kept]
    assert len(set(days)) == len(days)  # one per day at most: the newest of each
    expected_daily = [(newest - datetime.timedelta(days=d)).date() for d in range(7)]
    assert days[:7] == expected_daily
    assert all(taken.hour == 9 for taken in kept)  # the newest of its day
    weeks = {taken.isocalendar()[:2] for taken in kept}
    assert len(weeks) >= 4
    months = {(taken.year, taken.month) for taken in kept}
    assert months == {(2026, m) for m in range(1, 12)} | {(2025, 12)}
    assert len(kept) <= 7 + 4 + 12
    assert min(kept) >= datetime.datetime(2025, 12, 1, tzinfo=UTC)


def test_thinning_deletes_only_what_the_policy_drops(db_path: Path) -> None:
    Store.open(db_path).close()
    folder = backups_dir(db_path)
    folder.mkdir()
    start = datetime.datetime(2026, 1, 1, tzinfo=UTC)
    for day in range(40):
        (folder / f"assessor-{start + datetime.timedelta(days=day):%Y%m%d-%H%M%S}.db").write_bytes(
            b"x"
        )
    unrelated = folder / "notes.txt"
    unrelated.write_text("mine")
    deleted = thin_backups(db_path)
    remaining = list_backups(db_path)
    assert len(deleted) + len(remaining) == 40
    assert len(remaining) == len(backups_to_keep(remaining))
    assert unrelated.exists()


def test_restore_keeps_the_current_file_aside(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.create_assessment("Acme", "Ann", "ceo", "2026-Q3", questionnaires=bundled())
        backup = store.backup()
        store.create_assessment("Acme", "Bob", "ceo", "2026-Q3", questionnaires=bundled())
    current = sha256_of(db_path)
    backup_digest = sha256_of(backup)
    aside = restore(db_path, backup)
    assert aside is not None and aside.name.startswith("assessor.db.before-restore-")
    assert sha256_of(aside) == current and _count(aside) == 2
    assert _count(db_path) == 1
    assert sha256_of(backup) == backup_digest
    with Store.open(db_path) as store:
        assert [entry.respondent for entry in store.list_assessments()] == ["Ann"]
    # A second restore keeps the first file aside too: nothing is ever deleted.
    second = restore(db_path, backup)
    assert second is not None and second != aside and aside.exists()


def test_restore_keeps_uncheckpointed_changes_in_the_file_set_aside(db_path: Path) -> None:
    store = Store.open(db_path)
    store.create_assessment("Acme", "Ann", "ceo", "2026-Q3", questionnaires=bundled())
    backup = store.backup()
    store.create_assessment("Acme", "Bob", "ceo", "2026-Q3", questionnaires=bundled())
    writer = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)  # keeps the WAL alive
    store.close()
    aside = restore(db_path, backup)
    writer.close()
    assert aside is not None
    assert _count(aside) == 2


def test_restoring_over_a_damaged_file_works(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.create_assessment("Acme", "Ann", "ceo", "2026-Q3", questionnaires=bundled())
        backup = store.backup()
    db_path.write_bytes(b"broken" * 1000)
    aside = restore(db_path, backup)
    assert aside is not None and aside.read_bytes() == b"broken" * 1000
    with Store.open(db_path) as store:
        assert len(store.list_assessments()) == 1


@pytest.mark.parametrize("content", [b"", b"not a database at all" * 10])
def test_a_bad_backup_is_not_restored(db_path: Path, tmp_path: Path, content: bytes) -> None:
    with Store.open(db_path) as store:
        store.create_assessment("Acme", "Ann", "ceo", "2026-Q3", questionnaires=bundled())
    before = sha256_of(db_path)
    bad = tmp_path / "bad.db"
    bad.write_bytes(content)
    with pytest.raises(BackupError, match="cannot be restored"):
        restore(db_path, bad)
    assert sha256_of(db_path) == before
    assert not list(db_path.parent.glob("*.before-restore-*"))


def test_backups_in_the_same_second_get_distinct_names(store: Store) -> None:
    now = datetime.datetime(2026, 11, 23, 4, 15, 49, tzinfo=UTC)
    first = take_backup(store.connection(), store.path, now=now)
    second = take_backup(store.connection(), store.path, now=now)
    assert first != second and first.exists() and second.exists()


def test_thinning_keeps_the_backups_taken_before_a_deletion_for_a_week(tmp_path: Path) -> None:
    newest = datetime.datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
    labelled = [
        BackupFile(tmp_path / f"assessor-{taken:%Y%m%d-%H%M%S}-before-delete{suffix}.db", taken)
        for taken, suffix in (
            (newest - datetime.timedelta(hours=1), ""),
            (newest - datetime.timedelta(hours=1), "-2"),
            (newest - datetime.timedelta(days=3), ""),
            (newest - datetime.timedelta(days=30), ""),
        )
    ]
    plain = [_fake(tmp_path, newest)]
    keep = backups_to_keep([*plain, *labelled])
    assert {b.path for b in labelled[:3]} <= keep  # the same day's too, within the week
    assert plain[0].path in keep
    # Older than a week, it is one more backup among those thinning keeps one of per day.
    same_day = _fake(tmp_path, labelled[3].taken + datetime.timedelta(minutes=5))
    assert labelled[3].path not in backups_to_keep([*plain, labelled[3], same_day])
