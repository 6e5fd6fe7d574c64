"""The database schema as a sequence of named migrations (sqlite-utils ``Migrations``).

Each migration is recorded by name in sqlite-utils' ``_sqlite_migrations`` table and
``PRAGMA user_version`` is set to the number of migrations applied. A database that names a
migration this code does not know, or whose ``user_version`` is higher than
:data:`SCHEMA_VERSION`, was written by a newer Assessor and is refused untouched.

Never edit a released migration: add a new one at the end.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

MIGRATION_SET = "assessor"
#: sqlite-utils' record of applied migrations (``Migrations.migrations_table``; a test checks).
MIGRATIONS_TABLE = "_sqlite_migrations"

Migration = Callable[["Database"], None]


class MigrationList:
    """The named migrations in order, registered as with sqlite-utils' ``Migrations``.

    sqlite-utils takes a noticeable share of the app's start to import, and is needed only when
    a migration is pending: :meth:`apply` imports it then.
    """

    def __init__(self, migration_set: str) -> None:
        self.migration_set = migration_set
        self.steps: list[tuple[str, Migration]] = []

    def __call__(self, *, name: str) -> Callable[[Migration], Migration]:
        """Register the decorated function as the migration ``name`` (after the others)."""

        def register(function: Migration) -> Migration:
            if any(known == name for known, _ in self.steps):
                raise ValueError(f"migration {name!r} is registered twice")
            self.steps.append((name, function))
            return function

        return register

    def apply(self, db: Database, *, stop_before: str | None = None) -> None:
        """Apply the pending migrations with sqlite-utils (each with its record, atomically),
        up to but not including ``stop_before`` when given."""
        from sqlite_utils.migrations import Migrations

        applier = Migrations(self.migration_set)
        for name, function in self.steps:
            applier(name=name)(function)
        applier.apply(db, stop_before=stop_before)


migrations = MigrationList(MIGRATION_SET)


@migrations(name="m001_initial")
def m001_initial(db: Database) -> None:
    """Organisations, assessments, questionnaire snapshots and answers."""
    for statement in (
        """CREATE TABLE organisations (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
            created TEXT NOT NULL
        )""",
        # A questionnaire definition exactly as used, shared by every assessment that used it.
        """CREATE TABLE definitions (
            hash TEXT PRIMARY KEY,
            questionnaire_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            definition TEXT NOT NULL
        )""",
        """CREATE TABLE assessments (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            uuid TEXT NOT NULL UNIQUE,
            organisation_id INTEGER NOT NULL REFERENCES organisations(id),
            unit TEXT NOT NULL DEFAULT '',
            respondent_name TEXT NOT NULL CHECK (length(trim(respondent_name)) > 0),
            role TEXT NOT NULL CHECK (role IN ('ceo', 'marketing', 'sales', 'other')),
            period TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]-Q[1-4]'),
            status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'complete')),
            created TEXT NOT NULL,
            updated TEXT NOT NULL,
            completed TEXT NOT NULL DEFAULT ''
        )""",
        "CREATE INDEX assessments_by_organisation ON assessments(organisation_id, period, unit)",
        "CREATE INDEX assessments_by_period ON assessments(period)",
        """CREATE TABLE assessment_questionnaires (
            assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
            questionnaire_id TEXT NOT NULL,
            position INTEGER NOT NULL,
            version INTEGER NOT NULL,
            hash TEXT NOT NULL REFERENCES definitions(hash),
            PRIMARY KEY (assessment_id, questionnaire_id)
        ) WITHOUT ROWID""",
        "CREATE INDEX assessment_questionnaires_by_hash ON assessment_questionnaires(hash)",
        """CREATE TABLE answers (
            assessment_id INTEGER NOT NULL,
            questionnaire_id TEXT NOT NULL,
            item_id TEXT NOT NULL,
            value TEXT,
            dont_know INTEGER NOT NULL DEFAULT 0 CHECK (dont_know IN (0, 1)),
            note TEXT NOT NULL DEFAULT '',
            answered_at TEXT NOT NULL,
            PRIMARY KEY (assessment_id, questionnaire_id, item_id),
            FOREIGN KEY (assessment_id, questionnaire_id)
                REFERENCES assessment_questionnaires(assessment_id, questionnaire_id)
                ON DELETE CASCADE,
            CHECK (NOT (dont_know = 1 AND value IS NOT NULL))
        ) WITHOUT ROWID""",
    ):
        db.execute(statement)


@migrations(name="m002_dimension_score_cache")
def m002_dimension_score_cache(db: Database) -> None:
    """Cached dimension scores of completed assessments, for fast trends."""
    for statement in (
        """CREATE TABLE dimension_scores (
            assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
            questionnaire_id TEXT NOT NULL,
            dimension_id TEXT NOT NULL,
            position INTEGER NOT NULL,
            score REAL,
            coverage REAL NOT NULL,
            band TEXT,
            answered INTEGER NOT NULL,
            dont_know INTEGER NOT NULL,
            total INTEGER NOT NULL,
            computed_at TEXT NOT NULL,
            PRIMARY KEY (assessment_id, questionnaire_id, dimension_id)
        ) WITHOUT ROWID""",
        "CREATE INDEX assessments_by_updated ON assessments(updated)",
    ):
        db.execute(statement)


@migrations(name="m003_action_followups")
def m003_action_followups(db: Database) -> None:
    """What became of the previous period's actions, answered with the new assessment."""
    db.execute(
        """CREATE TABLE action_followups (
            assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
            action_text TEXT NOT NULL CHECK (length(trim(action_text)) > 0),
            source_period TEXT NOT NULL,
            questionnaire_id TEXT NOT NULL DEFAULT '',
            dimension_id TEXT,
            position INTEGER NOT NULL DEFAULT 0,
            status TEXT NOT NULL CHECK (status IN ('done', 'in-progress', 'not-started')),
            answered_at TEXT NOT NULL,
            PRIMARY KEY (assessment_id, action_text)
        ) WITHOUT ROWID"""
    )


@migrations(name="m004_invitations")
def m004_invitations(db: Database) -> None:
    """Respondents invited through respondent files: who, for which period, by whom and when.

    ``uuid`` is the assessment UUID the respondent file carries; the assessment itself is stored
    only once the file comes back (or is opened here), so there is no foreign key to it.
    """
    for statement in (
        """CREATE TABLE invitations (
            uuid TEXT PRIMARY KEY,
            organisation_id INTEGER NOT NULL REFERENCES organisations(id),
            unit TEXT NOT NULL DEFAULT '',
            period TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]-Q[1-4]'),
            respondent_name TEXT NOT NULL CHECK (length(trim(respondent_name)) > 0),
            role TEXT NOT NULL CHECK (role IN ('ceo', 'marketing', 'sales', 'other')),
            invited_by TEXT NOT NULL DEFAULT '',
            invited_at TEXT NOT NULL
        ) WITHOUT ROWID""",
        "CREATE INDEX invitations_by_organisation ON invitations(organisation_id, period, unit)",
    ):
        db.execute(statement)


@migrations(name="m005_outcomes")
def m005_outcomes(db: Database) -> None:
    """Business outcomes: one value per organisation, unit, period and metric.

    ``metric`` is an id of the outcome metrics (``questionnaires/outcomes.toml``); who entered
    the value, when (UTC ISO 8601) and an optional note on its source come with it. An
    organisation may have outcomes and no assessment.
    """
    db.execute(
        """CREATE TABLE outcomes (
            organisation_id INTEGER NOT NULL REFERENCES organisations(id),
            unit TEXT NOT NULL DEFAULT '',
            period TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]-Q[1-4]'),
            metric TEXT NOT NULL CHECK (length(metric) > 0),
            value REAL NOT NULL,
            entered_by TEXT NOT NULL DEFAULT '',
            entered_at TEXT NOT NULL,
            source TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (organisation_id, unit, period, metric)
        ) WITHOUT ROWID"""
    )


@migrations(name="m006_confidential_invitations")
def m006_confidential_invitations(db: Database) -> None:
    """Confidential invitations: the respondent's answers are reported by role and count only.

    ``confidential``: invitations recorded before are named (0), as they were sent.
    ``received``: 1 when the invitation came to this database in the respondent file itself
    (the respondent's own computer), 0 when it was sent from here or came back answered.
    """
    for statement in (
        "ALTER TABLE invitations ADD COLUMN confidential INTEGER NOT NULL DEFAULT 0 "
        "CHECK (confidential IN (0, 1))",
        "ALTER TABLE invitations ADD COLUMN received INTEGER NOT NULL DEFAULT 0 "
        "CHECK (received IN (0, 1))",
    ):
        db.execute(statement)


@migrations(name="m007_shared_notes")
def m007_shared_notes(db: Database) -> None:
    """Whether each note may leave its author's machine (``answers.note_shared``).

    A note is private by default: a respondent file sent back carries only the notes whose
    author ticked "Share this note with the team" (see :mod:`assessor.storage.note_sharing`).
    (``m006`` is the confidential invitations'; the numbers follow the issue that made them.)
    """
    db.execute(
        "ALTER TABLE answers ADD COLUMN note_shared INTEGER NOT NULL DEFAULT 0 "
        "CHECK (note_shared IN (0, 1))"
    )


#: The names of every migration this version knows, oldest first.
KNOWN_MIGRATIONS: tuple[str, ...] = tuple(name for name, _ in migrations.steps)
#: The schema version this code writes: the number of known migrations.
SCHEMA_VERSION = len(KNOWN_MIGRATIONS)
#: The newest migration this code knows.
NEWEST_MIGRATION = KNOWN_MIGRATIONS[-1]


@dataclass(frozen=True)
class SchemaState:
    """What a database file holds, read without changing it."""

    #: The user tables present (sqlite's own tables left out).
    tables: frozenset[str]
    #: The migrations of our set recorded as applied, in order.
    applied: tuple[str, ...]
    user_version: int

    @property
    def empty(self) -> bool:
        """True for a new file with no tables at all."""
        return not self.tables

    @property
    def unknown(self) -> tuple[str, ...]:
        """Applied migrations that this code does not know (written by a newer Assessor)."""
        return tuple(name for name in self.applied if name not in KNOWN_MIGRATIONS)

    @property
    def pending(self) -> tuple[str, ...]:
        """Known migrations not applied yet."""
        return tuple(name for name in KNOWN_MIGRATIONS if name not in self.applied)

    @property
    def is_newer(self) -> bool:
        """True when a newer Assessor wrote the file."""
        return bool(self.unknown) or self.user_version > SCHEMA_VERSION

    @property
    def is_foreign(self) -> bool:
        """True for a database with tables that were not made by Assessor."""
        return bool(self.tables) and MIGRATIONS_TABLE not in self.tables


def read_state(connection: sqlite3.Connection) -> SchemaState:
    """Read the schema state through any connection (it only reads)."""
    tables = frozenset(
        str(row[0])
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    )
    applied: tuple[str, ...] = ()
    if MIGRATIONS_TABLE in tables:
        applied = tuple(
            str(row[0])
            for row in connection.execute(
                f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ? ORDER BY rowid",
                (MIGRATION_SET,),
            )
        )
    user_version = int(connection.execute("PRAGMA user_version").fetchone()[0])
    return SchemaState(tables=tables, applied=applied, user_version=user_version)


def apply_pending(connection: sqlite3.Connection) -> tuple[str, ...]:
    """Apply the pending migrations; returns the names applied (possibly none).

    Everything happens inside one ``BEGIN IMMEDIATE`` transaction, so two processes opening a
    new file at once cannot both migrate it, and a failing migration leaves the file as it
    was. Each migration also runs in its own nested transaction (sqlite-utils' savepoint),
    recorded together with its name.
    """
    from sqlite_utils import Database

    db = Database(connection, execute_plugins=False, recursive_triggers=False)
    connection.execute("BEGIN IMMEDIATE")
    try:
        pending = read_state(connection).pending
        if pending:
            migrations.apply(db)
            connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
    return pending
