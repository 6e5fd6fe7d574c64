"""The store: assessments, answers and cached scores in one SQLite file.

Open it with :meth:`Store.open` (checks the file read-only before anything is written; see
:mod:`assessor.storage.opening`). Every change is one short transaction that has been committed,
and so is on disk, when the method returns. Each thread gets its own connection.

Assessments are addressed by their integer ``id`` or their UUID; methods that return a whole
assessment return a :class:`~assessor.storage.records.StoredAssessment`, which pairs the exchange
record (:class:`~assessor.exchange.exchange_file.Assessment`) with the id.
"""

from __future__ import annotations

import contextlib
import datetime
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from assessor.comparison.followup import FollowUp, PreviousAction
from assessor.diagnosis.answers import Answer, AnswerError, make_answer
from assessor.exchange.exchange_file import (
    ROLES,
    STATUSES,
    Assessment,
    QuestionnaireLookup,
    Respondent,
    Role,
    Status,
    new_uuid,
    period_problem,
)
from assessor.exchange.respondent_file import Invitation
from assessor.questionnaire.model import Questionnaire
from assessor.storage.backup import list_backups, newest_good_backup, take_backup, thin_backups
from assessor.storage.database import connect, translated, utc_now, write_transaction
from assessor.storage.errors import (
    InvalidRecordError,
    NotFoundError,
    ReadOnlyError,
    StorageError,
)
from assessor.storage.opening import (
    database_file,
    open_checked,
    open_checked_read_only,
    open_read_only,
)
from assessor.storage.overview import (
    ScopeOverview,
    list_summaries,
    organisation_names,
    organisation_overview,
    summary_of,
)
from assessor.storage.privacy import secure_database_files
from assessor.storage.records import (
    DimensionScoreRow,
    ImportBatch,
    ImportOutcome,
    ImportReport,
    StoredAssessment,
    Summary,
    answer_from_sql,
    value_to_sql,
)
from assessor.storage.replacing import describe_respondent, replacement_reason
from assessor.storage.score_cache import clear_scores, write_scores
from assessor.storage.snapshots import questionnaire_from_snapshot, snapshot_of

if TYPE_CHECKING:
    from assessor.storage.invitations import InvitationStatus

#: How old the newest backup may get before a change triggers an automatic one.
DAILY = datetime.timedelta(hours=24)

_UPSERT_ANSWER = """
INSERT INTO answers (assessment_id, questionnaire_id, item_id, value, dont_know, note, answered_at)
VALUES (?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (assessment_id, questionnaire_id, item_id) DO UPDATE SET
    value = excluded.value,
    dont_know = excluded.dont_know,
    note = CASE WHEN excluded.note = '' AND ? THEN answers.note ELSE excluded.note END,
    answered_at = excluded.answered_at
"""
_DROP_EMPTY_ROW = """
DELETE FROM answers WHERE assessment_id = ? AND questionnaire_id = ? AND item_id = ?
    AND value IS NULL AND dont_know = 0 AND note = ''
"""


def _new_record_problems(
    organisation: str, respondent_name: str, role: str, period: str, unit: str
) -> list[str]:
    """Why these assessment fields cannot be stored (an empty list when they can)."""
    problems: list[str] = []
    for name, value in (("organisation", organisation), ("respondent name", respondent_name)):
        if not isinstance(value, str) or not value.strip():
            problems.append(f"the {name} must not be empty")
    if not isinstance(unit, str):
        problems.append(f"the unit must be text, not {unit!r}")
    if role not in ROLES:
        problems.append(f"the role must be one of {', '.join(ROLES)}, not {role!r}")
    if message := period_problem(period):
        problems.append(f"the period {message}")
    return problems


class Store:
    """Assessor's database: open with :meth:`open`, use as a context manager or :meth:`close`."""

    def __init__(
        self, path: Path, connection: sqlite3.Connection, *, read_only: bool = False
    ) -> None:
        """Wrap an already checked connection; use :meth:`open` instead."""
        self._path = path
        self._read_only = read_only
        self._lock = threading.Lock()
        self._local = threading.local()
        self._local.connection = connection
        self._connections: list[sqlite3.Connection] = [connection]
        self._questionnaires: dict[str, Questionnaire] = {}
        self._changed = False
        self._closed = False
        self._automatic_backups = True
        #: problems met by automatic backups (they never stop the app; show them as warnings)
        self.warnings: list[str] = []

    # --- opening and closing -----------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: Path | None = None,
        *,
        automatic_backups: bool = True,
        create_folder: bool = True,
        read_only: bool = False,
    ) -> Store:
        """Open (or create) the database; ``None`` means :func:`assessor.files.paths.database_path`.

        A damaged file, one written by a newer Assessor, a foreign database or a read-only
        folder raises a :class:`StorageError` naming the file, before anything is created or
        written. Unless ``automatic_backups`` is false, a backup is taken at opening and at
        closing when the newest is a day old and the data changed since. A missing folder is
        created (private to the user) only when ``create_folder`` is true.

        ``read_only`` opens an existing database for reading only: nothing is created,
        migrated or backed up, and every change raises :class:`ReadOnlyError`.

        On POSIX the database files are private to the user (see
        :mod:`assessor.storage.privacy`); wider rights found at opening are narrowed.
        """
        if read_only:
            from assessor.files import paths

            resolved = database_file(path, folder_must_exist=True)
            store = cls(resolved, open_checked_read_only(resolved), read_only=True)
            secure_database_files(resolved, paths.data_dir())
            return store
        resolved, connection = open_checked(path, create_folder=create_folder)
        return cls.on_connection(resolved, connection, automatic_backups=automatic_backups)

    @classmethod
    def on_connection(
        cls, path: Path, connection: sqlite3.Connection, *, automatic_backups: bool = True
    ) -> Store:
        """The store on a connection :func:`~.opening.open_checked` made (the app opens the
        file and shows its home before it loads the store; see :mod:`ui.app`)."""
        store = cls(path, connection)
        store._automatic_backups = automatic_backups
        store._daily_backup(at_open=True)
        return store

    @property
    def read_only(self) -> bool:
        """Whether the store was opened for reading only."""
        return self._read_only

    @property
    def path(self) -> Path:
        """The database file."""
        return self._path

    def close(self) -> None:
        """Take the daily backup if due, then close every connection (safe to call twice)."""
        if self._closed:
            return
        with contextlib.suppress(StorageError):
            self._daily_backup(at_open=False)
        self._closed = True
        with self._lock:
            for connection in self._connections:
                with contextlib.suppress(sqlite3.Error):
                    connection.close()
            self._connections.clear()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # --- connections and transactions ----------------------------------------------------------

    def _connection(self) -> sqlite3.Connection:
        """This thread's connection (made on first use in a thread)."""
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
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """A committed-on-exit write transaction, with SQLite errors told plainly."""
        if self._read_only:
            raise ReadOnlyError(f"{self._path} is open for reading only; nothing was changed")
        with (
            translated(self._path, newest_good_backup),
            write_transaction(self._connection()) as connection,
        ):
            yield connection
        self._changed = True

    @contextlib.contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        """A read transaction: every query inside sees the same snapshot."""
        connection = self._connection()
        with translated(self._path, newest_good_backup):
            connection.execute("BEGIN")
            try:
                yield connection
            finally:
                if connection.in_transaction:
                    connection.execute("COMMIT")

    # --- lookups -------------------------------------------------------------------------------

    def _resolve(self, connection: sqlite3.Connection, id_or_uuid: int | str) -> int:
        """The integer id of an assessment given by id or UUID; raises NotFoundError."""
        if isinstance(id_or_uuid, int) or (isinstance(id_or_uuid, str) and id_or_uuid.isdigit()):
            row = connection.execute(
                "SELECT id FROM assessments WHERE id = ?", (int(id_or_uuid),)
            ).fetchone()
        else:
            row = connection.execute(
                "SELECT id FROM assessments WHERE uuid = ?", (str(id_or_uuid).strip().lower(),)
            ).fetchone()
        if row is None:
            raise NotFoundError(f"{self._path}: no assessment {id_or_uuid!r}")
        return int(row[0])

    def _questionnaire(self, connection: sqlite3.Connection, digest: str) -> Questionnaire:
        """The snapshot definition with this hash (parsed once per store)."""
        found = self._questionnaires.get(digest)
        if found is None:
            row = connection.execute(
                "SELECT definition FROM definitions WHERE hash = ?", (digest,)
            ).fetchone()
            found = questionnaire_from_snapshot(str(row[0]))
            self._questionnaires[digest] = found
        return found

    def _definitions(
        self, connection: sqlite3.Connection, assessment_id: int
    ) -> dict[str, Questionnaire]:
        rows = connection.execute(
            "SELECT questionnaire_id, hash FROM assessment_questionnaires "
            "WHERE assessment_id = ? ORDER BY position",
            (assessment_id,),
        ).fetchall()
        return {str(qid): self._questionnaire(connection, str(digest)) for qid, digest in rows}

    def _answer_target(
        self,
        connection: sqlite3.Connection,
        id_or_uuid: int | str,
        questionnaire_id: str,
        item_id: str,
    ) -> tuple[int, Questionnaire]:
        """The assessment id and snapshot for a change to one item of a draft assessment."""
        assessment_id = self._resolve(connection, id_or_uuid)
        row = connection.execute(
            "SELECT a.status, q.hash FROM assessments a LEFT JOIN assessment_questionnaires q "
            "ON q.assessment_id = a.id AND q.questionnaire_id = ? WHERE a.id = ?",
            (questionnaire_id, assessment_id),
        ).fetchone()
        status, digest = row
        if digest is None:
            raise InvalidRecordError(
                f"assessment {assessment_id} does not include questionnaire {questionnaire_id!r}"
            )
        if status == "complete":
            raise InvalidRecordError(
                f"assessment {assessment_id} is complete; reopen it as a draft to change answers"
            )
        questionnaire = self._questionnaire(connection, str(digest))
        try:
            questionnaire.item(item_id)
        except KeyError:
            raise InvalidRecordError(
                f"{questionnaire_id} item {item_id}: unknown item "
                f"(questionnaire {questionnaire_id} v{questionnaire.version})"
            ) from None
        return assessment_id, questionnaire

    def _load_answers(
        self, connection: sqlite3.Connection, assessment_id: int
    ) -> tuple[dict[str, dict[str, Answer]], dict[str, dict[str, str]], dict[str, dict[str, str]]]:
        """Answers, their times and notes on unanswered items, by questionnaire and item."""
        answers: dict[str, dict[str, Answer]] = {}
        times: dict[str, dict[str, str]] = {}
        notes: dict[str, dict[str, str]] = {}
        rows = connection.execute(
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
        return answers, times, notes

    def _stored(self, connection: sqlite3.Connection, assessment_id: int) -> StoredAssessment:
        row = connection.execute(
            "SELECT a.uuid, o.name, a.unit, a.respondent_name, a.role, a.period, a.status, "
            "a.created, a.updated, a.completed FROM assessments a "
            "JOIN organisations o ON o.id = a.organisation_id WHERE a.id = ?",
            (assessment_id,),
        ).fetchone()
        uuid, organisation, unit, name, role, period, status, created, updated, completed = row
        versions = {
            str(qid): int(version)
            for qid, version in connection.execute(
                "SELECT questionnaire_id, version FROM assessment_questionnaires "
                "WHERE assessment_id = ? ORDER BY position",
                (assessment_id,),
            )
        }
        answers, times, notes = self._load_answers(connection, assessment_id)
        assessment = Assessment(
            uuid=uuid,
            organisation=organisation,
            respondent=Respondent(name=name, role=cast(Role, role)),
            period=period,
            unit=unit,
            status=cast(Status, status),
            questionnaires=versions,
            answers=answers,
            created=created,
            updated=updated,
            completed=completed,
            answered_at={
                qid: {item_id: times[qid][item_id] for item_id in by_item}
                for qid, by_item in answers.items()
            },
        )
        return StoredAssessment(assessment_id, assessment, times, notes)

    # --- assessments ---------------------------------------------------------------------------

    def _organisation_id(self, connection: sqlite3.Connection, name: str, now: str) -> int:
        connection.execute(
            "INSERT INTO organisations (name, created) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
            (name, now),
        )
        row = connection.execute("SELECT id FROM organisations WHERE name = ?", (name,)).fetchone()
        return int(row[0])

    def _insert_assessment(
        self,
        connection: sqlite3.Connection,
        assessment: Assessment,
        questionnaires: Sequence[Questionnaire],
        now: str,
        *,
        assessment_id: int | None = None,
    ) -> int:
        """Insert an assessment row, its snapshots and answers (inside a transaction).

        ``assessment_id`` reuses the id of an assessment just deleted (an import replacing it).
        """
        organisation_id = self._organisation_id(connection, assessment.organisation, now)
        cursor = connection.execute(
            "INSERT INTO assessments (id, uuid, organisation_id, unit, respondent_name, role, "
            "period, status, created, updated, completed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                assessment_id,
                assessment.uuid,
                organisation_id,
                assessment.unit,
                assessment.respondent.name,
                assessment.respondent.role,
                assessment.period,
                assessment.status,
                assessment.created or now,
                assessment.updated or assessment.created or now,
                assessment.completed,
            ),
        )
        assessment_id = int(cast(int, cursor.lastrowid))
        for position, questionnaire in enumerate(questionnaires):
            snapshot = snapshot_of(questionnaire)
            connection.execute(
                "INSERT INTO definitions (hash, questionnaire_id, version, definition) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (hash) DO NOTHING",
                (snapshot.hash, snapshot.questionnaire_id, snapshot.version, snapshot.definition),
            )
            self._questionnaires.setdefault(snapshot.hash, questionnaire)
            connection.execute(
                "INSERT INTO assessment_questionnaires "
                "(assessment_id, questionnaire_id, position, version, hash) VALUES (?, ?, ?, ?, ?)",
                (assessment_id, questionnaire.id, position, questionnaire.version, snapshot.hash),
            )
        fallback = assessment.updated or now
        connection.executemany(
            "INSERT INTO answers (assessment_id, questionnaire_id, item_id, value, dont_know, "
            "note, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    assessment_id,
                    questionnaire_id,
                    item_id,
                    value_to_sql(answer),
                    int(answer.dont_know),
                    answer.note,
                    assessment.answered_at.get(questionnaire_id, {}).get(item_id) or fallback,
                )
                for questionnaire_id, by_item in assessment.answers.items()
                for item_id, answer in by_item.items()
            ],
        )
        return assessment_id

    def create_assessment(
        self,
        organisation: str,
        respondent_name: str,
        role: str,
        period: str,
        unit: str = "",
        questionnaires: Sequence[Questionnaire] = (),
        *,
        uuid: str | None = None,
    ) -> StoredAssessment:
        """Start a draft assessment answering ``questionnaires`` (their definitions are kept).

        The organisation is created if it is new (names match ignoring case).
        """
        problems = _new_record_problems(organisation, respondent_name, role, period, unit)
        if not questionnaires:
            problems.append("an assessment needs at least one questionnaire")
        ids = [questionnaire.id for questionnaire in questionnaires]
        if len(set(ids)) != len(ids):
            problems.append(f"a questionnaire is listed twice: {', '.join(ids)}")
        if problems:
            raise InvalidRecordError(*problems)
        now = utc_now()
        record = Assessment(
            uuid=uuid or new_uuid(),
            organisation=organisation.strip(),
            respondent=Respondent(respondent_name.strip(), cast(Role, role)),
            period=period,
            unit=unit.strip(),
            questionnaires={q.id: q.version for q in questionnaires},
            created=now,
            updated=now,
        )
        with self._writing() as connection:
            assessment_id = self._insert_assessment(connection, record, questionnaires, now)
            return self._stored(connection, assessment_id)

    def get_assessment(self, id_or_uuid: int | str) -> StoredAssessment:
        """The assessment with this id or UUID (raises :class:`NotFoundError`)."""
        with self._reading() as connection:
            return self._stored(connection, self._resolve(connection, id_or_uuid))

    def definitions(self, id_or_uuid: int | str) -> dict[str, Questionnaire]:
        """The questionnaire definitions the assessment was answered against, in order."""
        with self._reading() as connection:
            return self._definitions(connection, self._resolve(connection, id_or_uuid))

    def delete_assessment(self, id_or_uuid: int | str) -> None:
        """Delete an assessment with its answers and cached scores."""
        with self._writing() as connection:
            assessment_id = self._resolve(connection, id_or_uuid)
            connection.execute("DELETE FROM assessments WHERE id = ?", (assessment_id,))

    # --- answers -------------------------------------------------------------------------------

    def save_answer(
        self,
        id_or_uuid: int | str,
        questionnaire_id: str,
        item_id: str,
        answer: Answer,
        *,
        keep_note: bool = True,
    ) -> None:
        """Store one answer; it is committed (on disk) when this returns.

        The answer is checked against the assessment's own snapshot of the questionnaire
        (:class:`~assessor.diagnosis.answers.AnswerError` if it does not fit). An answer with an
        empty
        note keeps the note already stored unless ``keep_note`` is false; clear a note with
        :meth:`save_note`.
        """
        with self._writing() as connection:
            assessment_id, questionnaire = self._answer_target(
                connection, id_or_uuid, questionnaire_id, item_id
            )
            checked = make_answer(
                questionnaire,
                item_id,
                answer.value,
                dont_know=answer.dont_know,
                note=answer.note,
            )
            now = utc_now()
            connection.execute(
                _UPSERT_ANSWER,
                (
                    assessment_id,
                    questionnaire_id,
                    item_id,
                    value_to_sql(checked),
                    int(checked.dont_know),
                    checked.note,
                    now,
                    int(keep_note),
                ),
            )
            self._touch(connection, assessment_id, now)

    def save_note(
        self, id_or_uuid: int | str, questionnaire_id: str, item_id: str, note: str
    ) -> None:
        """Store (or, with ``""``, clear) the note on an item, answered or not; committed."""
        if not isinstance(note, str):
            raise InvalidRecordError(f"{questionnaire_id} item {item_id}: a note is text")
        with self._writing() as connection:
            assessment_id, _ = self._answer_target(
                connection, id_or_uuid, questionnaire_id, item_id
            )
            now = utc_now()
            key = (assessment_id, questionnaire_id, item_id)
            connection.execute(
                "INSERT INTO answers (assessment_id, questionnaire_id, item_id, note, answered_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (assessment_id, questionnaire_id, item_id) "
                "DO UPDATE SET note = excluded.note",
                (*key, note, now),
            )
            connection.execute(_DROP_EMPTY_ROW, key)
            self._touch(connection, assessment_id, now)

    def clear_answer(self, id_or_uuid: int | str, questionnaire_id: str, item_id: str) -> None:
        """Remove the answer to an item (its note, if any, stays); committed on return."""
        with self._writing() as connection:
            assessment_id, _ = self._answer_target(
                connection, id_or_uuid, questionnaire_id, item_id
            )
            now = utc_now()
            key = (assessment_id, questionnaire_id, item_id)
            connection.execute(
                "UPDATE answers SET value = NULL, dont_know = 0, answered_at = ? "
                "WHERE assessment_id = ? AND questionnaire_id = ? AND item_id = ?",
                (now, *key),
            )
            connection.execute(_DROP_EMPTY_ROW, key)
            self._touch(connection, assessment_id, now)

    @staticmethod
    def _touch(connection: sqlite3.Connection, assessment_id: int, now: str) -> None:
        connection.execute("UPDATE assessments SET updated = ? WHERE id = ?", (now, assessment_id))

    # --- status and scores ---------------------------------------------------------------------

    def set_status(self, id_or_uuid: int | str, status: str) -> StoredAssessment:
        """Mark an assessment ``complete`` (scores cached) or ``draft`` again (cache dropped)."""
        if status not in STATUSES:
            raise InvalidRecordError(f"a status is draft or complete, not {status!r}")
        with self._writing() as connection:
            assessment_id = self._resolve(connection, id_or_uuid)
            now = utc_now()
            if status == "complete":
                answers, _, _ = self._load_answers(connection, assessment_id)
                write_scores(
                    connection,
                    assessment_id,
                    self._definitions(connection, assessment_id),
                    answers,
                    now,
                )
                connection.execute(
                    "UPDATE assessments SET status = 'complete', completed = ?, updated = ? "
                    "WHERE id = ?",
                    (now, now, assessment_id),
                )
            else:
                clear_scores(connection, assessment_id)
                connection.execute(
                    "UPDATE assessments SET status = 'draft', completed = '', updated = ? "
                    "WHERE id = ?",
                    (now, assessment_id),
                )
            return self._stored(connection, assessment_id)

    def rescore(self, ids: Iterable[int | str] | None = None) -> int:
        """Recompute the cached scores of completed assessments (all, or those given).

        Drafts among ``ids`` are left alone. Each assessment is one short transaction.
        Returns the number of assessments rescored.
        """
        with self._reading() as connection:
            if ids is None:
                targets = [
                    int(row[0])
                    for row in connection.execute(
                        "SELECT id FROM assessments WHERE status = 'complete' ORDER BY id"
                    )
                ]
            else:
                targets = [self._resolve(connection, given) for given in ids]
        count = 0
        for assessment_id in targets:
            with self._writing() as connection:
                row = connection.execute(
                    "SELECT status FROM assessments WHERE id = ?", (assessment_id,)
                ).fetchone()
                if row is None or row[0] != "complete":
                    continue
                answers, _, _ = self._load_answers(connection, assessment_id)
                write_scores(
                    connection,
                    assessment_id,
                    self._definitions(connection, assessment_id),
                    answers,
                    utc_now(),
                )
                count += 1
        return count

    def dimension_scores(
        self, organisation: str, unit: str | None = None
    ) -> list[DimensionScoreRow]:
        """Cached dimension scores of an organisation's completed assessments, for trends.

        Ordered by period, assessment, questionnaire and dimension (as defined). ``unit=None``
        means every unit.
        """
        sql = (
            "SELECT a.period, a.id, a.uuid, a.unit, a.role, a.respondent_name, "
            "s.questionnaire_id, s.dimension_id, s.score, s.coverage, s.band, s.answered, "
            "s.dont_know, s.total FROM assessments a "
            "JOIN dimension_scores s ON s.assessment_id = a.id "
            "JOIN assessment_questionnaires q "
            "ON q.assessment_id = a.id AND q.questionnaire_id = s.questionnaire_id "
            "WHERE a.organisation_id = (SELECT id FROM organisations WHERE name = ?) "
            "AND a.status = 'complete'"
        )
        parameters: list[Any] = [organisation.strip()]
        if unit is not None:
            sql += " AND a.unit = ?"
            parameters.append(unit.strip())
        sql += " ORDER BY a.period, a.id, q.position, s.position"
        with self._reading() as connection:
            return [DimensionScoreRow(*row) for row in connection.execute(sql, parameters)]

    # --- listing -------------------------------------------------------------------------------

    def list_assessments(
        self, organisation: str | None = None, period: str | None = None, unit: str | None = None
    ) -> list[Summary]:
        """Assessments (optionally of one organisation, period or unit), newest periods first."""
        with self._reading() as connection:
            return list_summaries(connection, organisation, period, unit)

    def organisations(self) -> list[str]:
        """The names of the organisations that have assessments, sorted ignoring case."""
        with self._reading() as connection:
            return organisation_names(connection)

    def summary(self, assessment_id: int) -> Summary | None:
        """The list entry of one assessment (None when there is no such assessment)."""
        with self._reading() as connection:
            return summary_of(connection, assessment_id)

    def overview(self, organisation: str) -> list[ScopeOverview]:
        """The organisation at a glance, one entry per unit (see :mod:`.overview`)."""
        with self._reading() as connection:
            return organisation_overview(connection, organisation)

    # --- exchange ------------------------------------------------------------------------------

    def export_records(
        self, ids: Iterable[int | str] | None = None, organisation: str | None = None
    ) -> list[StoredAssessment]:
        """Whole assessments (all, those given, or one organisation's) in a stable order.

        The order is by organisation, unit, period, role, respondent and UUID, so it does not
        depend on the ids of the database they are in.
        """
        with self._reading() as connection:
            if ids is not None:
                targets = list(dict.fromkeys(self._resolve(connection, given) for given in ids))
            else:
                sql = "SELECT a.id FROM assessments a"
                parameters: list[Any] = []
                if organisation is not None:
                    sql += (
                        " WHERE a.organisation_id = (SELECT id FROM organisations WHERE name = ?)"
                    )
                    parameters.append(organisation.strip())
                targets = [int(row[0]) for row in connection.execute(sql, parameters)]
            records = [self._stored(connection, assessment_id) for assessment_id in targets]
        if ids is not None and organisation is not None:
            wanted = organisation.strip().casefold()
            records = [r for r in records if r.assessment.organisation.casefold() == wanted]
        records.sort(
            key=lambda r: (
                r.assessment.organisation.casefold(),
                r.assessment.unit,
                r.assessment.period,
                r.assessment.respondent.role,
                r.assessment.respondent.name,
                r.assessment.uuid,
            )
        )
        return records

    def export_assessments(
        self, ids: Iterable[int | str] | None = None, organisation: str | None = None
    ) -> list[Assessment]:
        """The exchange records of :meth:`export_records`."""
        return [record.assessment for record in self.export_records(ids, organisation)]

    def import_assessments(
        self,
        assessments: Sequence[Assessment],
        lookup: QuestionnaireLookup,
        pending_notes: Mapping[str, Mapping[str, Mapping[str, str]]] | None = None,
        followups: Mapping[str, list[FollowUp]] | None = None,
    ) -> ImportReport:
        """Import assessments in one transaction: all of them or, on any problem, none.

        ``lookup`` finds the definition of each questionnaire id and version (it is kept as
        the snapshot). ``pending_notes`` (UUID → questionnaire id → item id → note) restores
        notes typed on items that have no answer, and ``followups`` (UUID → answers) what
        became of the previous period's actions. See :meth:`import_batches` for what happens
        to an assessment already stored.
        """
        batch = ImportBatch(list(assessments), lookup, pending_notes or {}, followups or {})
        return self.import_batches([batch])[0]

    def import_batches(self, batches: Sequence[ImportBatch]) -> list[ImportReport]:
        """Import several files' assessments in one transaction: all of them or none.

        An assessment whose UUID is not stored yet is added. One already stored is replaced
        only by a better copy: a complete one over a draft, or one of the same status updated
        later (see :func:`replacement_reason`); otherwise it is skipped, and the report says
        why. Completed assessments get their scores cached; the invitation a respondent file
        carries is recorded. Returns one report per batch, in order.
        """
        reports: list[ImportReport] = []
        now = utc_now()
        with self._writing() as connection:
            for batch in batches:
                report = ImportReport(source=batch.source)
                for index, assessment in enumerate(batch.assessments):
                    report.outcomes.append(
                        self._import_one(connection, batch, index, assessment, now)
                    )
                reports.append(report)
        return reports

    def _import_one(
        self,
        connection: sqlite3.Connection,
        batch: ImportBatch,
        index: int,
        assessment: Assessment,
        now: str,
    ) -> ImportOutcome:
        """Add, replace or skip one assessment of an import (inside its transaction)."""
        from assessor.storage.followups import insert_followups
        from assessor.storage.invitations import insert_invitation

        uuid = assessment.uuid.strip().lower()
        who = describe_respondent(assessment)
        present = connection.execute(
            "SELECT id, status, updated FROM assessments WHERE uuid = ?", (uuid,)
        ).fetchone()
        replacing: int | None = None
        reason = ""
        if present is not None:
            replacing, status, updated = int(present[0]), str(present[1]), str(present[2])
            found = replacement_reason(status, updated, assessment.status, assessment.updated)
            if not found.replace:
                return ImportOutcome(uuid, "skipped", who, found.reason)
            reason = found.reason
        definitions = self._checked_import(index, assessment, batch.lookup)
        record = Assessment(
            uuid=uuid,
            organisation=assessment.organisation.strip(),
            respondent=assessment.respondent,
            period=assessment.period,
            unit=assessment.unit.strip(),
            status=assessment.status,
            questionnaires=dict(assessment.questionnaires),
            answers=assessment.answers,
            created=assessment.created,
            updated=assessment.updated,
            completed=assessment.completed,
            answered_at=assessment.answered_at,
        )
        if replacing is not None:
            # The cascade removes its answers, snapshots, scores and follow-ups; the id stays.
            connection.execute("DELETE FROM assessments WHERE id = ?", (replacing,))
        assessment_id = self._insert_assessment(
            connection, record, list(definitions.values()), now, assessment_id=replacing
        )
        notes = batch.pending_notes.get(assessment.uuid, {})
        self._insert_pending_notes(connection, assessment_id, definitions, notes, now)
        insert_followups(connection, assessment_id, batch.followups.get(assessment.uuid, []), now)
        invited = batch.invitations.get(assessment.uuid)
        if invited is not None:
            organisation_id = self._organisation_id(connection, record.organisation, now)
            insert_invitation(connection, organisation_id, record, invited)
        if record.status == "complete":
            write_scores(connection, assessment_id, definitions, record.answers, now)
        if replacing is not None:
            return ImportOutcome(uuid, "replaced", who, reason)
        return ImportOutcome(uuid, "added", who)

    @staticmethod
    def _insert_pending_notes(
        connection: sqlite3.Connection,
        assessment_id: int,
        definitions: Mapping[str, Questionnaire],
        notes: Mapping[str, Mapping[str, str]],
        now: str,
    ) -> None:
        """Store notes on unanswered items of an imported assessment (inside the import)."""
        for questionnaire_id, by_item in notes.items():
            definition = definitions.get(questionnaire_id)
            for item_id, note in by_item.items():
                if not note:
                    continue
                if definition is None or not any(i.id == item_id for i in definition.items):
                    raise InvalidRecordError(
                        f"a note for {questionnaire_id} item {item_id}, which the assessment "
                        "does not have"
                    )
                connection.execute(
                    "INSERT INTO answers (assessment_id, questionnaire_id, item_id, note, "
                    "answered_at) VALUES (?, ?, ?, ?, ?) "
                    "ON CONFLICT (assessment_id, questionnaire_id, item_id) DO NOTHING",
                    (assessment_id, questionnaire_id, item_id, note, now),
                )

    @staticmethod
    def _checked_import(
        index: int, assessment: Assessment, lookup: QuestionnaireLookup
    ) -> dict[str, Questionnaire]:
        """The definitions of an assessment to import, its answers checked against them."""
        where = f"assessment {index + 1} ({assessment.uuid})"
        problems = [
            f"{where}: {problem}"
            for problem in _new_record_problems(
                assessment.organisation,
                assessment.respondent.name,
                assessment.respondent.role,
                assessment.period,
                assessment.unit,
            )
        ]
        if assessment.status not in STATUSES:
            problems.append(f"{where}: the status must be draft or complete")
        definitions: dict[str, Questionnaire] = {}
        for questionnaire_id, version in assessment.questionnaires.items():
            found = lookup(questionnaire_id, version)
            if found is None:
                problems.append(
                    f"{where}: unknown questionnaire {questionnaire_id!r} version {version}"
                )
            else:
                definitions[questionnaire_id] = found
        if not assessment.questionnaires:
            problems.append(f"{where}: it lists no questionnaire")
        for questionnaire_id, by_item in assessment.answers.items():
            definition = definitions.get(questionnaire_id)
            if definition is None:
                if questionnaire_id not in assessment.questionnaires:
                    problems.append(
                        f"{where}: answers to {questionnaire_id!r}, which it does not list"
                    )
                continue
            for item_id, answer in by_item.items():
                try:
                    make_answer(
                        definition,
                        item_id,
                        answer.value,
                        dont_know=answer.dont_know,
                        note=answer.note,
                    )
                except AnswerError as error:
                    problems.extend(f"{where}: {line}" for line in error.lines)
        if problems:
            raise InvalidRecordError(*problems)
        return definitions

    # --- action follow-up (see assessor.storage.followups) -------------------------------------

    def previous_actions(self, id_or_uuid: int | str) -> list[PreviousAction]:
        """The ranked actions of the previous period's report, with any status saved."""
        from assessor.storage import followups

        return followups.previous_actions(self, id_or_uuid)

    def save_followup(self, id_or_uuid: int | str, action_text: str, status: str) -> None:
        """Save what became of one previous action (done, in-progress, not-started)."""
        from assessor.storage import followups

        followups.save_followup(self, id_or_uuid, action_text, status)

    def followups(self, id_or_uuid: int | str) -> list[FollowUp]:
        """The follow-up answers saved with an assessment."""
        from assessor.storage import followups

        return followups.followups(self, id_or_uuid)

    # --- invitations (see assessor.storage.invitations) ----------------------------------------

    def record_invitation(self, invitation: Invitation) -> None:
        """Record an invitation just sent out as a respondent file (committed on return)."""
        from assessor.storage import invitations

        invitations.record_invitation(self, invitation)

    def invitations(
        self, organisation: str, unit: str | None = None, period: str | None = None
    ) -> list[InvitationStatus]:
        """An organisation's invitations and where each stands, newest period first."""
        from assessor.storage import invitations

        return invitations.invitations(self, organisation, unit, period)

    def respondent_file(self, id_or_uuid: int | str) -> tuple[str, bytes]:
        """The file name and sealed bytes of an assessment as a respondent file (send back)."""
        from assessor.storage import invitations

        return invitations.respondent_file_of(self, id_or_uuid)

    # --- backups -------------------------------------------------------------------------------

    def backup(self, label: str = "") -> Path:
        """Back up the database now (SQLite backup API), thin old backups; returns the file."""
        with translated(self._path, newest_good_backup):
            target = take_backup(self._connection(), self._path, label=label)
        thin_backups(self._path)
        return target

    def _daily_backup(self, *, at_open: bool) -> None:
        """Take a backup if the newest is a day old (or missing) and the data changed since."""
        if not self._automatic_backups or self._read_only:
            return
        backups = list_backups(self._path)
        now = datetime.datetime.now(datetime.UTC)
        newest = backups[0].taken if backups else None
        if newest is not None and now - newest < DAILY:
            return
        if at_open:
            row = self._connection().execute("SELECT max(updated) FROM assessments").fetchone()
            last_change = row[0] if row else None
            if not last_change:
                return
            if newest is not None and last_change <= newest.strftime("%Y-%m-%dT%H:%M:%SZ"):
                return
        elif not self._changed:
            return
        try:
            self.backup()
        except (OSError, StorageError) as error:
            self.warnings.append(f"{self._path}: the automatic backup failed: {error}")
