"""The unit of work: the connections to one database file and the transactions on them.

Every job of the store (creating assessments, saving answers, importing, follow-ups,
invitations, exchange files) does its reading and writing through a :class:`UnitOfWork`:

- :meth:`UnitOfWork.reading` is a read transaction: every query inside sees the same snapshot;
- :meth:`UnitOfWork.writing` is a write transaction, committed (and so on disk) when the block
  ends, rolled back if it raises; a store opened read-only refuses it with
  :class:`~assessor.storage.errors.ReadOnlyError`.

Both hand the block a :class:`Transaction`: its connection, and the lookups every job needs
inside one (an assessment's id from its id or UUID, the definitions and answers it was answered
against, an organisation's id). SQLite errors raised inside either are told plainly (see
:func:`assessor.storage.database.translated`). Each thread gets its own connection.

:class:`~assessor.storage.store.Store` is a unit of work: the job modules take one, so the store
can be passed to all of them.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple, cast

from assessor.diagnosis.answers import Answer
from assessor.files.text_checks import surrogate_problem
from assessor.questionnaire.model import Questionnaire
from assessor.storage.backup import newest_good_backup
from assessor.storage.database import connect, translated, write_transaction
from assessor.storage.errors import NotFoundError, ReadOnlyError, StorageError
from assessor.storage.opening import open_read_only
from assessor.storage.records import answer_from_sql
from assessor.storage.snapshots import questionnaire_from_snapshot, snapshot_of

#: The largest id SQLite can hold (a signed 64-bit integer).
MAX_ID = 2**63 - 1


class StoredAnswers(NamedTuple):
    """An assessment's rows of the answers table, by questionnaire id and item id."""

    answers: dict[str, dict[str, Answer]]
    #: when each answer (or note) last changed, UTC ISO 8601
    answered_at: dict[str, dict[str, str]]
    #: notes typed on items that have no answer yet
    pending_notes: dict[str, dict[str, str]]


class Transaction:
    """One reading or writing transaction: its connection and the lookups made inside it.

    Get one from :meth:`UnitOfWork.reading` or :meth:`UnitOfWork.writing`; it is valid only
    inside that block.
    """

    def __init__(
        self, connection: sqlite3.Connection, path: Path, questionnaires: dict[str, Questionnaire]
    ) -> None:
        """Wrap a connection inside a transaction on the database at ``path``.

        ``questionnaires`` is the unit of work's cache of parsed definitions, by hash.
        """
        #: the connection, inside the transaction
        self.connection = connection
        #: the database file (named in error messages)
        self.path = path
        self._questionnaires = questionnaires
        #: the hashes of the definitions this transaction has stored already
        self._saved: set[str] = set()

    def execute(self, sql: str, parameters: Sequence[Any] = ()) -> sqlite3.Cursor:
        """Run one SQL statement inside the transaction."""
        return self.connection.execute(sql, parameters)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> sqlite3.Cursor:
        """Run one SQL statement once per row of parameters inside the transaction."""
        return self.connection.executemany(sql, rows)

    def resolve(self, id_or_uuid: int | str) -> int:
        """The integer id of an assessment given by id or UUID; raises NotFoundError.

        An id is a whole number (ASCII digits in text); one beyond SQLite's integers
        (:data:`MAX_ID`) is no assessment, never an overflow.
        """
        row = None
        if isinstance(id_or_uuid, int) or (id_or_uuid.isascii() and id_or_uuid.isdigit()):
            digits = str(id_or_uuid)
            number = int(digits) if len(digits) <= len(str(MAX_ID)) else MAX_ID + 1
            if 0 <= number <= MAX_ID:
                row = self.execute("SELECT id FROM assessments WHERE id = ?", (number,)).fetchone()
        elif surrogate_problem(id_or_uuid) is None:  # one that is not text is no UUID
            row = self.execute(
                "SELECT id FROM assessments WHERE uuid = ?", (id_or_uuid.strip().lower(),)
            ).fetchone()
        if row is None:
            shown: int | str = id_or_uuid
            if isinstance(shown, str) and len(shown) > 60:
                shown = shown[:60] + "…"
            raise NotFoundError(f"{self.path}: no assessment {shown!r}")
        return int(row[0])

    def questionnaire(self, digest: str) -> Questionnaire:
        """The snapshot definition with this hash (parsed once per unit of work)."""
        found = self._questionnaires.get(digest)
        if found is None:
            row = self.execute(
                "SELECT definition FROM definitions WHERE hash = ?", (digest,)
            ).fetchone()
            found = questionnaire_from_snapshot(str(row[0]))
            self._questionnaires[digest] = found
        return found

    def save_definition(self, questionnaire: Questionnaire) -> str:
        """Keep the snapshot of a definition (stored once per hash); returns its hash."""
        snapshot = snapshot_of(questionnaire)
        if snapshot.hash in self._saved:
            return snapshot.hash
        self._saved.add(snapshot.hash)
        self.execute(
            "INSERT INTO definitions (hash, questionnaire_id, version, definition) "
            "VALUES (?, ?, ?, ?) ON CONFLICT (hash) DO NOTHING",
            (snapshot.hash, snapshot.questionnaire_id, snapshot.version, snapshot.definition),
        )
        self._questionnaires.setdefault(snapshot.hash, questionnaire)
        return snapshot.hash

    def definitions(self, assessment_id: int) -> dict[str, Questionnaire]:
        """The definitions an assessment was answered against, by questionnaire id, in order."""
        rows = self.execute(
            "SELECT questionnaire_id, hash FROM assessment_questionnaires "
            "WHERE assessment_id = ? ORDER BY position",
            (assessment_id,),
        ).fetchall()
        return {str(qid): self.questionnaire(str(digest)) for qid, digest in rows}

    def load_answers(self, assessment_id: int) -> StoredAnswers:
        """Answers, their times and notes on unanswered items, by questionnaire and item."""
        answers: dict[str, dict[str, Answer]] = {}
        times: dict[str, dict[str, str]] = {}
        notes: dict[str, dict[str, str]] = {}
        rows = self.execute(
            "SELECT n.questionnaire_id, n.item_id, n.value, n.dont_know, n.note, n.answered_at "
            "FROM answers n JOIN assessment_questionnaires q "
            "ON q.assessment_id = n.assessment_id AND q.questionnaire_id = n.questionnaire_id "
            "WHERE n.assessment_id = ? ORDER BY q.position, n.item_id",
            (assessment_id,),
        )
        for qid, item_id, value, dont_know, note, answered_at in rows:
            answer = answer_from_sql(value, dont_know, note)
            times.setdefault(qid, {})[item_id] = answered_at
            if answer is None:
                notes.setdefault(qid, {})[item_id] = note
            else:
                answers.setdefault(qid, {})[item_id] = answer
        return StoredAnswers(answers, times, notes)

    def organisation_id(self, name: str, now: str) -> int:
        """The id of the organisation with this name, added if new (in a write transaction)."""
        self.execute(
            "INSERT INTO organisations (name, created) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
            (name, now),
        )
        row = self.execute("SELECT id FROM organisations WHERE name = ?", (name,)).fetchone()
        return int(row[0])


class UnitOfWork:
    """The connections to one database file, and short transactions on them.

    Each thread gets its own connection, made on first use; :meth:`close` closes them all.
    """

    def __init__(
        self, path: Path, connection: sqlite3.Connection, *, read_only: bool = False
    ) -> None:
        """Work on an already checked ``connection`` to the database at ``path``."""
        self._path = path
        self._read_only = read_only
        self._lock = threading.Lock()
        self._local = threading.local()
        self._local.connection = connection
        self._connections: list[sqlite3.Connection] = [connection]
        self._questionnaires: dict[str, Questionnaire] = {}
        self._changed = False
        self._closed = False

    @property
    def read_only(self) -> bool:
        """Whether the database was opened for reading only."""
        return self._read_only

    @property
    def path(self) -> Path:
        """The database file."""
        return self._path

    @property
    def changed(self) -> bool:
        """Whether a write transaction has been committed since opening."""
        return self._changed

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` has been called."""
        return self._closed

    def connection(self) -> sqlite3.Connection:
        """This thread's connection (made on first use in a thread), outside any transaction."""
        if self._closed:
            raise StorageError(f"{self._path}: the store has been closed")
        connection = cast(sqlite3.Connection | None, getattr(self._local, "connection", None))
        if connection is None:
            with translated(self._path, newest_good_backup):
                connection = open_read_only(self._path) if self._read_only else connect(self._path)
            self._local.connection = connection
            with self._lock:
                self._connections.append(connection)
        return connection

    @contextlib.contextmanager
    def writing(self) -> Iterator[Transaction]:
        """A committed-on-exit write transaction, with SQLite errors told plainly."""
        if self._read_only:
            raise ReadOnlyError(f"{self._path} is open for reading only; nothing was changed")
        with (
            translated(self._path, newest_good_backup),
            write_transaction(self.connection()) as connection,
        ):
            yield Transaction(connection, self._path, self._questionnaires)
        self._changed = True

    @contextlib.contextmanager
    def reading(self) -> Iterator[Transaction]:
        """A read transaction: every query inside sees the same snapshot."""
        connection = self.connection()
        with translated(self._path, newest_good_backup):
            connection.execute("BEGIN")
            try:
                yield Transaction(connection, self._path, self._questionnaires)
            finally:
                if connection.in_transaction:
                    connection.execute("COMMIT")

    def close(self) -> None:
        """Close every connection (safe to call twice); nothing can be read or written after."""
        self._closed = True
        with self._lock:
            for connection in self._connections:
                with contextlib.suppress(sqlite3.Error):
                    connection.close()
            self._connections.clear()
