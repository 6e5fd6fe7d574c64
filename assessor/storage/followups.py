"""Action follow-up in the store: the previous period's actions and what became of them.

The *previous period* of an assessment is the latest earlier period of the same organisation
and unit that has a complete assessment; of its assessments the one of the same respondent role
is used, else the first (:func:`assessor.comparison.roles.choose_source`, the rule the comparison
uses too). Its top :data:`~assessor.comparison.followup.FOLLOW_UP_LIMIT` ranked actions, as its
report lists them, are the ones followed up. Answers are kept with the *new* assessment in the
``action_followups`` table (migration ``m003_action_followups``); each save is one committed
transaction, like an answer.

These functions take the :class:`~assessor.storage.unit_of_work.UnitOfWork` (the
:class:`~assessor.storage.store.Store` is one, and exposes them as methods too:
``store.previous_actions(id)`` and so on).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping

from assessor.comparison.followup import (
    FOLLOW_UP_LIMIT,
    FOLLOW_UP_STATUSES,
    FollowUp,
    PreviousAction,
    action_key,
)
from assessor.comparison.roles import choose_source
from assessor.diagnosis.findings import diagnose
from assessor.exchange.exchange_file import checked_time, period_problem, short_repr
from assessor.files.text_checks import ACTION, TextRule, text_problem
from assessor.questionnaire.model import aims_at
from assessor.storage.database import utc_now
from assessor.storage.errors import InvalidRecordError
from assessor.storage.unit_of_work import UnitOfWork

_UPSERT = """
INSERT INTO action_followups (assessment_id, action_text, source_period, questionnaire_id,
    dimension_id, position, status, answered_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (assessment_id, action_text) DO UPDATE SET
    status = excluded.status, answered_at = excluded.answered_at
"""


def previous_assessment(
    connection: sqlite3.Connection, assessment_id: int
) -> tuple[int, str] | None:
    """The id and period of the assessment whose actions ``assessment_id`` follows up."""
    row = connection.execute(
        "SELECT organisation_id, unit, role, period FROM assessments WHERE id = ?",
        (assessment_id,),
    ).fetchone()
    if row is None:
        return None
    organisation_id, unit, role, period = row
    found = connection.execute(
        "SELECT max(period) FROM assessments WHERE organisation_id = ? AND unit = ? "
        "AND status = 'complete' AND period < ?",
        (organisation_id, unit, period),
    ).fetchone()
    if found is None or found[0] is None:
        return None
    previous_period = str(found[0])
    candidates = [
        (int(i), str(r), str(n))
        for i, r, n in connection.execute(
            "SELECT id, role, respondent_name FROM assessments WHERE organisation_id = ? "
            "AND unit = ? AND status = 'complete' AND period = ?",
            (organisation_id, unit, previous_period),
        )
    ]
    chosen = choose_source(candidates, str(role))
    return None if chosen is None else (chosen, previous_period)


def _saved(connection: sqlite3.Connection, assessment_id: int) -> list[FollowUp]:
    return [
        FollowUp(
            assessment_id=assessment_id,
            action_text=str(text),
            source_period=str(source),
            questionnaire_id=str(qid),
            dimension_id=None if did is None else str(did),
            status=str(status),
            answered_at=str(answered_at),
            position=int(position),
        )
        for text, source, qid, did, status, answered_at, position in connection.execute(
            "SELECT action_text, source_period, questionnaire_id, dimension_id, status, "
            "answered_at, position FROM action_followups WHERE assessment_id = ? "
            "ORDER BY position, action_text",
            (assessment_id,),
        )
    ]


def previous_actions(store: UnitOfWork, id_or_uuid: int | str) -> list[PreviousAction]:
    """The ranked actions of the previous period's report, each with any status saved.

    Empty when there is no earlier complete assessment of the same organisation and unit.
    """
    with store.reading() as tx:
        assessment_id = tx.resolve(id_or_uuid)
        previous = previous_assessment(tx.connection, assessment_id)
        if previous is None:
            return []
        source_id, source_period = previous
        definitions = tx.definitions(source_id)
        answers = tx.load_answers(source_id).answers
        role_row = tx.execute("SELECT role FROM assessments WHERE id = ?", (source_id,)).fetchone()
        saved = {action_key(f.action_text): f.status for f in _saved(tx.connection, assessment_id)}
    plan = diagnose(definitions, answers, str(role_row[0])).actions[:FOLLOW_UP_LIMIT]
    return [
        PreviousAction(
            text=action.text,
            priority=action.priority,
            questionnaire_id=action.questionnaire_id,
            dimension_id=action.dimension_id,
            aims_at=aims_at(definitions, action.questionnaire_id, action.dimension_id),
            source_period=source_period,
            source_assessment_id=source_id,
            status=saved.get(action_key(action.text)),
        )
        for action in plan
    ]


def save_followups(store: UnitOfWork, id_or_uuid: int | str, statuses: Mapping[str, str]) -> None:
    """Save the status of several previous actions (action text → status) in one transaction.

    A status is ``done``, ``in-progress`` or ``not-started``; an action must be one of
    :func:`previous_actions` (matched ignoring case and spacing). Raises
    :class:`~assessor.storage.errors.InvalidRecordError` and saves nothing otherwise.
    """
    actions = {
        action_key(a.text): (position, a)
        for position, a in enumerate(previous_actions(store, id_or_uuid))
    }
    rows: list[tuple[int, PreviousAction, str]] = []
    problems: list[str] = []
    for text, status in statuses.items():
        if status not in FOLLOW_UP_STATUSES:
            problems.append(
                f"a follow-up status is one of {', '.join(FOLLOW_UP_STATUSES)}, not {status!r}"
            )
            continue
        found = actions.get(action_key(text))
        if found is None:
            problems.append(f"{text!r} is not one of the previous period's actions")
            continue
        rows.append((found[0], found[1], status))
    if problems:
        raise InvalidRecordError(*problems)
    now = utc_now()
    with store.writing() as tx:
        assessment_id = tx.resolve(id_or_uuid)
        tx.executemany(
            _UPSERT,
            [
                (
                    assessment_id,
                    action.text,
                    action.source_period,
                    action.questionnaire_id,
                    action.dimension_id,
                    position,
                    status,
                    now,
                )
                for position, action, status in rows
            ],
        )


def save_followup(store: UnitOfWork, id_or_uuid: int | str, action_text: str, status: str) -> None:
    """Save what became of one previous action; committed (on disk) when this returns."""
    save_followups(store, id_or_uuid, {action_text: status})


def followups(store: UnitOfWork, id_or_uuid: int | str) -> list[FollowUp]:
    """The follow-up answers saved with an assessment, in the order of the previous plan."""
    with store.reading() as tx:
        return _saved(tx.connection, tx.resolve(id_or_uuid))


# --- In the exchange file ---------------------------------------------------------------------

#: The optional field of an exported record that carries its follow-up answers.
FOLLOWUPS_KEY = "followups"


def followups_to_json(rows: list[FollowUp]) -> list[dict[str, object]]:
    """Follow-up answers as they are written into an exported record."""
    return [
        {
            "action": row.action_text,
            "source_period": row.source_period,
            "questionnaire": row.questionnaire_id,
            "dimension": row.dimension_id,
            "position": row.position,
            "status": row.status,
            "answered_at": row.answered_at,
        }
        for row in rows
    ]


#: The largest position a follow-up answer may carry (SQLite's integers go further; a plan's
#: actions are far fewer).
MAX_POSITION = 2_147_483_647
#: An id of a questionnaire or a dimension as a follow-up answer names it.
_ID = TextRule("an id", 200)


def _followup_from_json(entry: object, index: int, where: str) -> FollowUp:
    """One follow-up answer of an exported record; raises with ``where`` and the field."""
    if not isinstance(entry, Mapping):
        raise InvalidRecordError(f"{where}: must be an object")
    text, status = entry.get("action"), entry.get("status")
    if problem := text_problem(text, ACTION):
        raise InvalidRecordError(f"{where}.action: {problem}")
    assert isinstance(text, str)
    if status not in FOLLOW_UP_STATUSES:
        raise InvalidRecordError(
            f"{where}.status: must be one of {', '.join(FOLLOW_UP_STATUSES)}, "
            f"not {short_repr(status)}"
        )
    answered_at = ""
    if "answered_at" in entry:
        answered_at, problem = checked_time(entry["answered_at"])
        if problem:
            raise InvalidRecordError(f"{where}.answered_at: {problem}")
    source_period = entry.get("source_period")
    if problem := text_problem(source_period, _ID) or period_problem(source_period):
        raise InvalidRecordError(f"{where}.source_period: {problem}")
    questionnaire, dimension = entry.get("questionnaire", ""), entry.get("dimension")
    if problem := text_problem(questionnaire, _ID):
        raise InvalidRecordError(f"{where}.questionnaire: {problem}")
    if dimension is not None and (problem := text_problem(dimension, _ID)):
        raise InvalidRecordError(f"{where}.dimension: {problem}")
    position = entry.get("position", index)
    if isinstance(position, bool) or not isinstance(position, int):
        raise InvalidRecordError(
            f"{where}.position: must be a whole number, not {short_repr(position)}"
        )
    if not 0 <= position <= MAX_POSITION:
        raise InvalidRecordError(
            f"{where}.position: must be from 0 to {MAX_POSITION}, not {position}"
        )
    return FollowUp(
        assessment_id=0,
        action_text=text,
        source_period=str(source_period),
        questionnaire_id=str(questionnaire),
        dimension_id=None if dimension is None else str(dimension),
        status=str(status),
        answered_at=answered_at,
        position=position,
    )


def followups_from_json(value: object, place: str) -> list[FollowUp]:
    """Follow-up answers read back from an exported record; problems name ``place``.

    Each field is checked before use: the action's text (:data:`~assessor.files.text_checks.
    ACTION`), the status, ``answered_at`` (a real time), ``source_period`` (a period),
    the questionnaire and dimension ids (one line of text) and ``position`` (a whole number from
    0 to :data:`MAX_POSITION`).
    """
    if not isinstance(value, list):
        raise InvalidRecordError(f"{place}: must be a list of follow-up answers")
    return [
        _followup_from_json(entry, index, f"{place}[{index}]") for index, entry in enumerate(value)
    ]


def insert_followups(
    connection: sqlite3.Connection, assessment_id: int, rows: list[FollowUp], now: str
) -> None:
    """Store imported follow-up answers with their assessment (inside the import transaction)."""
    connection.executemany(
        _UPSERT,
        [
            (
                assessment_id,
                row.action_text,
                row.source_period,
                row.questionnaire_id,
                row.dimension_id,
                row.position,
                row.status,
                row.answered_at or now,
            )
            for row in rows
        ],
    )
