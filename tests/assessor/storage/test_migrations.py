"""Migrations: from a blank file, from an older schema (with a backup first), and refusing a
database written by a newer Assessor without touching it."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlite_utils import Database

from assessor.storage import NewerDatabaseError, NotAssessorDatabaseError, Store
from assessor.storage.backup import list_backups
from assessor.storage.migrations import (
    KNOWN_MIGRATIONS,
    MIGRATIONS_TABLE,
    NEWEST_MIGRATION,
    SCHEMA_VERSION,
    migrations,
    read_state,
)
from tests.helpers.storage import sha256_of


def _state(path: Path) -> tuple[tuple[str, ...], int, frozenset[str]]:
    connection = sqlite3.connect(path)
    try:
        state = read_state(connection)
    finally:
        connection.close()
    return state.applied, state.user_version, state.tables


def test_a_blank_database_gets_every_migration(db_path: Path) -> None:
    Store.open(db_path).close()
    applied, user_version, tables = _state(db_path)
    assert applied == KNOWN_MIGRATIONS
    assert applied[-1] == NEWEST_MIGRATION
    assert user_version == SCHEMA_VERSION == len(KNOWN_MIGRATIONS)
    assert {"organisations", "assessments", "answers", "definitions", "dimension_scores"} <= tables
    assert {"action_followups", "invitations", "outcomes"} <= tables
    assert list_backups(db_path) == []  # nothing to back up in a new file


def test_an_empty_existing_file_is_a_new_database(db_path: Path) -> None:
    db_path.write_bytes(b"")
    Store.open(db_path).close()
    assert _state(db_path)[0] == KNOWN_MIGRATIONS


def _old_database(path: Path) -> None:
    """A database as the first release left it: only the first migration, with one record."""
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    migrations.apply(Database(connection), stop_before=KNOWN_MIGRATIONS[1])
    connection.execute("PRAGMA user_version = 1")
    connection.execute("INSERT INTO organisations (name, created) VALUES ('Old Co', 'x')")
    connection.execute(
        "INSERT INTO assessments (uuid, organisation_id, respondent_name, role, period, "
        "created, updated) VALUES ('0b2f1c55-0000-4000-8000-000000000001', 1, 'Olga', 'sales', "
        "'2025-Q1', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')"
    )
    connection.close()


def test_an_old_database_is_backed_up_then_migrated(db_path: Path) -> None:
    _old_database(db_path)
    assert _state(db_path)[0] == KNOWN_MIGRATIONS[:1]
    with Store.open(db_path) as store:
        assert [entry.respondent for entry in store.list_assessments()] == ["Olga"]
        assert store.dimension_scores("Old Co") == []
    assert _state(db_path)[:2] == (KNOWN_MIGRATIONS, SCHEMA_VERSION)
    backups = [b for b in list_backups(db_path) if "before-migration" in b.path.name]
    assert len(backups) == 1
    applied, user_version, tables = _state(backups[0].path)
    assert (applied, user_version) == (KNOWN_MIGRATIONS[:1], 1)
    assert "dimension_scores" not in tables


def test_a_failing_migration_leaves_the_file_as_it_was(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _old_database(db_path)

    def broken(db: Database) -> None:
        db.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("migration bug")

    steps = list(migrations.steps)
    steps[1] = (steps[1][0], broken)
    monkeypatch.setattr(migrations, "steps", steps)
    with pytest.raises(RuntimeError, match="migration bug"):
        Store.open(db_path)
    applied, user_version, tables = _state(db_path)
    assert (applied, user_version) == (KNOWN_MIGRATIONS[:1], 1)
    assert "half_done" not in tables


@pytest.mark.parametrize("how", ["unknown migration", "higher user_version"])
def test_a_newer_database_is_refused_and_left_byte_identical(db_path: Path, how: str) -> None:
    Store.open(db_path).close()
    connection = sqlite3.connect(db_path, isolation_level=None)
    if how == "unknown migration":
        connection.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
            "VALUES ('assessor', 'm099_from_the_future', 'soon')"
        )
    else:
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.close()
    before = sha256_of(db_path)
    with pytest.raises(NewerDatabaseError) as caught:
        Store.open(db_path)
    assert len(caught.value.lines) == 1
    message = caught.value.lines[0]
    assert str(db_path) in message and "newer version of Assessor" in message
    assert "not changed" in message
    assert sha256_of(db_path) == before


def test_a_foreign_sqlite_database_is_refused(db_path: Path) -> None:
    connection = sqlite3.connect(db_path)
    connection.execute("CREATE TABLE recipes (name TEXT)")
    connection.commit()
    connection.close()
    before = sha256_of(db_path)
    with pytest.raises(NotAssessorDatabaseError, match="not an Assessor database"):
        Store.open(db_path)
    assert sha256_of(db_path) == before


def test_two_processes_opening_a_new_file_migrate_it_once(db_path: Path) -> None:
    from tests.helpers.storage import FORK

    def open_and_close() -> None:
        Store.open(db_path).close()

    children = [FORK.Process(target=open_and_close) for _ in range(4)]
    for child in children:
        child.start()
    for child in children:
        child.join()
        assert child.exitcode == 0
    assert _state(db_path)[0] == KNOWN_MIGRATIONS


def _database_at_m002(path: Path) -> None:
    """A database as the second release left it, with one assessment and a cached score."""
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    migrations.apply(Database(connection), stop_before="m003_action_followups")
    connection.execute("PRAGMA user_version = 2")
    connection.execute("INSERT INTO organisations (name, created) VALUES ('Old Co', 'x')")
    connection.execute(
        "INSERT INTO assessments (uuid, organisation_id, respondent_name, role, period, status, "
        "created, updated) VALUES ('0b2f1c55-0000-4000-8000-000000000002', 1, 'Olga', 'sales', "
        "'2025-Q1', 'complete', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')"
    )
    connection.execute(
        "INSERT INTO dimension_scores (assessment_id, questionnaire_id, dimension_id, position, "
        "score, coverage, band, answered, dont_know, total, computed_at) "
        "VALUES (1, 'collaboration', 'cadence', 0, 55.0, 1.0, 'Fragile', 4, 0, 4, 'x')"
    )
    connection.close()


def test_a_database_at_m002_gets_the_follow_up_table_and_keeps_its_data(db_path: Path) -> None:
    _database_at_m002(db_path)
    applied, user_version, tables = _state(db_path)
    assert applied == KNOWN_MIGRATIONS[:2] and user_version == 2
    assert "action_followups" not in tables
    with Store.open(db_path) as store:
        assert [entry.respondent for entry in store.list_assessments()] == ["Olga"]
        cached = store.connection().execute("SELECT score FROM dimension_scores").fetchall()
        assert cached == [(55.0,)]
        assert store.followups(1) == []
        assert store.previous_actions(1) == []
    applied, user_version, tables = _state(db_path)
    assert (applied, user_version) == (KNOWN_MIGRATIONS, SCHEMA_VERSION)
    assert "m003_action_followups" in applied
    assert "action_followups" in tables
    backups = [b for b in list_backups(db_path) if "before-migration" in b.path.name]
    assert len(backups) == 1
    assert _state(backups[0].path)[:2] == (KNOWN_MIGRATIONS[:2], 2)


def _database_at_m003(path: Path) -> None:
    """A database as the third release left it, with one complete assessment."""
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    migrations.apply(Database(connection), stop_before="m004_invitations")
    connection.execute("PRAGMA user_version = 3")
    connection.execute("INSERT INTO organisations (name, created) VALUES ('Old Co', 'x')")
    connection.execute(
        "INSERT INTO assessments (uuid, organisation_id, respondent_name, role, period, status, "
        "created, updated) VALUES ('0b2f1c55-0000-4000-8000-000000000003', 1, 'Olga', 'sales', "
        "'2025-Q1', 'complete', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')"
    )
    connection.close()


def test_a_database_at_m003_gets_the_invitations_table_and_keeps_its_data(db_path: Path) -> None:
    from assessor.storage.invitations import new_invitation

    _database_at_m003(db_path)
    applied, user_version, tables = _state(db_path)
    assert applied == KNOWN_MIGRATIONS[:3] and user_version == 3
    assert "invitations" not in tables
    with Store.open(db_path) as store:
        assert [entry.respondent for entry in store.list_assessments()] == ["Olga"]
        assert store.invitations("Old Co") == []
        store.record_invitation(new_invitation("Old Co", "2025-Q2", "Sam", "sales", "Olga"))
        assert [s.invitation.respondent.name for s in store.invitations("old co")] == ["Sam"]
    applied, user_version, tables = _state(db_path)
    assert (applied, user_version) == (KNOWN_MIGRATIONS, SCHEMA_VERSION)
    assert "m004_invitations" in applied and "invitations" in tables
    backups = [b for b in list_backups(db_path) if "before-migration" in b.path.name]
    assert len(backups) == 1
    assert _state(backups[0].path)[:2] == (KNOWN_MIGRATIONS[:3], 3)


def test_the_migrations_table_is_the_one_sqlite_utils_records_in() -> None:
    from sqlite_utils.migrations import Migrations

    assert Migrations.migrations_table == MIGRATIONS_TABLE


def test_opening_a_current_database_does_not_import_sqlite_utils(db_path: Path) -> None:
    Store.open(db_path).close()
    code = (
        "import sys; from assessor.storage.store import Store; "
        f"Store.open(__import__('pathlib').Path({str(db_path)!r})).close(); "
        "print('sqlite_utils' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
