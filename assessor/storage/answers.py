"""Changing a draft assessment's answers and notes, one item at a time.

Each change is one short write transaction, committed (and so on disk) when the function
returns, and marks the assessment updated. An answer is checked against the assessment's own
snapshot of the questionnaire, never the current file. A complete assessment cannot be changed;
reopen it as a draft first (:func:`assessor.storage.completion.set_status`).

A row of ``answers`` holds an answer, a note, or both; a row left with neither is removed.
"""

from __future__ import annotations

from assessor.diagnosis.answers import Answer, make_answer
from assessor.files.text_checks import NOTE, TEXT_ANSWER, text_problem
from assessor.questionnaire.model import Questionnaire
from assessor.storage.database import utc_now
from assessor.storage.errors import InvalidRecordError
from assessor.storage.records import value_to_sql
from assessor.storage.unit_of_work import Transaction, UnitOfWork

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


def _answer_target(
    tx: Transaction, id_or_uuid: int | str, questionnaire_id: str, item_id: str
) -> tuple[int, Questionnaire]:
    """The assessment id and snapshot for a change to one item of a draft assessment."""
    assessment_id = tx.resolve(id_or_uuid)
    row = tx.execute(
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
    questionnaire = tx.questionnaire(str(digest))
    try:
        questionnaire.item(item_id)
    except KeyError:
        raise InvalidRecordError(
            f"{questionnaire_id} item {item_id}: unknown item "
            f"(questionnaire {questionnaire_id} v{questionnaire.version})"
        ) from None
    return assessment_id, questionnaire


def check_answer_text(questionnaire_id: str, item_id: str, answer: Answer) -> None:
    """Refuse a note or a free-text answer that is not plain text of a sensible length.

    The rules are :data:`~assessor.files.text_checks.NOTE` and
    :data:`~assessor.files.text_checks.TEXT_ANSWER`; raises
    :class:`~assessor.storage.errors.InvalidRecordError` naming the item and the field.
    """
    where = f"{questionnaire_id} item {item_id}"
    if problem := text_problem(answer.note, NOTE):
        raise InvalidRecordError(f"{where}: the note {problem}")
    if isinstance(answer.value, str) and (problem := text_problem(answer.value, TEXT_ANSWER)):
        raise InvalidRecordError(f"{where}: the answer {problem}")


def _touch(tx: Transaction, assessment_id: int, now: str) -> None:
    """Mark the assessment updated at ``now``."""
    tx.execute("UPDATE assessments SET updated = ? WHERE id = ?", (now, assessment_id))


def save_answer(
    store: UnitOfWork,
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
    empty note keeps the note already stored unless ``keep_note`` is false; clear a note with
    :func:`save_note`. A note or a text answer must be plain text (:func:`check_answer_text`).
    """
    check_answer_text(questionnaire_id, item_id, answer)
    with store.writing() as tx:
        assessment_id, questionnaire = _answer_target(tx, id_or_uuid, questionnaire_id, item_id)
        checked = make_answer(
            questionnaire,
            item_id,
            answer.value,
            dont_know=answer.dont_know,
            note=answer.note,
        )
        now = utc_now()
        tx.execute(
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
        _touch(tx, assessment_id, now)


def save_note(
    store: UnitOfWork, id_or_uuid: int | str, questionnaire_id: str, item_id: str, note: str
) -> None:
    """Store (or, with ``""``, clear) the note on an item, answered or not; committed.

    A note cleared is no longer shared (a new note there starts private again).

    The note must be plain text of at most 20,000 characters
    (:data:`~assessor.files.text_checks.NOTE`); raises
    :class:`~assessor.storage.errors.InvalidRecordError` otherwise.
    """
    if problem := text_problem(note, NOTE):
        raise InvalidRecordError(f"{questionnaire_id} item {item_id}: the note {problem}")
    with store.writing() as tx:
        assessment_id, _ = _answer_target(tx, id_or_uuid, questionnaire_id, item_id)
        now = utc_now()
        key = (assessment_id, questionnaire_id, item_id)
        tx.execute(
            "INSERT INTO answers (assessment_id, questionnaire_id, item_id, note, answered_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (assessment_id, questionnaire_id, item_id) "
            "DO UPDATE SET note = excluded.note, note_shared = CASE WHEN excluded.note = '' "
            "THEN 0 ELSE answers.note_shared END",
            (*key, note, now),
        )
        tx.execute(_DROP_EMPTY_ROW, key)
        _touch(tx, assessment_id, now)


def clear_answer(
    store: UnitOfWork, id_or_uuid: int | str, questionnaire_id: str, item_id: str
) -> None:
    """Remove the answer to an item (its note, if any, stays); committed on return."""
    with store.writing() as tx:
        assessment_id, _ = _answer_target(tx, id_or_uuid, questionnaire_id, item_id)
        now = utc_now()
        key = (assessment_id, questionnaire_id, item_id)
        tx.execute(
            "UPDATE answers SET value = NULL, dont_know = 0, answered_at = ? "
            "WHERE assessment_id = ? AND questionnaire_id = ? AND item_id = ?",
            (now, *key),
        )
        tx.execute(_DROP_EMPTY_ROW, key)
        _touch(tx, assessment_id, now)
