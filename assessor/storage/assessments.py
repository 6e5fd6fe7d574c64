"""Whole assessments in the store: checking and creating one, reading it back, deleting it.

An assessment is a row of ``assessments`` (who answered, for which organisation, unit and
period, its status and times), the snapshots of the questionnaires it answers (kept exactly as
answered, see :mod:`assessor.storage.snapshots`) and its rows of ``answers``. Reading one back
gives a :class:`~assessor.storage.records.StoredAssessment`: the exchange record with the
store's id.

The functions that take a :class:`~assessor.storage.unit_of_work.UnitOfWork` run their own
transaction; those that take a :class:`~assessor.storage.unit_of_work.Transaction` run inside
the caller's (an import adds assessments this way).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, cast

from assessor.exchange.exchange_file import (
    ROLES,
    Assessment,
    Respondent,
    Role,
    Status,
    new_uuid,
    period_problem,
)
from assessor.files.text_checks import NAME, OPTIONAL_NAME, text_problem
from assessor.questionnaire.model import Questionnaire
from assessor.storage.database import utc_now
from assessor.storage.errors import InvalidRecordError
from assessor.storage.profiles import copy_profile_answers
from assessor.storage.records import StoredAssessment, value_to_sql
from assessor.storage.unit_of_work import Transaction, UnitOfWork


def new_record_problems(
    organisation: str, respondent_name: str, role: str, period: str, unit: str
) -> list[str]:
    """Why these assessment fields cannot be stored (an empty list when they can).

    The names are checked by :func:`~assessor.files.text_checks.text_problem`: one line of
    plain text, at most 200 characters, something visible (the unit may be empty).
    """
    problems: list[str] = []
    for name, value, rule in (
        ("organisation", organisation, NAME),
        ("respondent name", respondent_name, NAME),
        ("unit", unit, OPTIONAL_NAME),
    ):
        if problem := text_problem(value, rule):
            problems.append(f"the {name} {problem}")
    if role not in ROLES:
        problems.append(f"the role must be one of {', '.join(ROLES)}, not {role!r}")
    if message := period_problem(period):
        problems.append(f"the period {message}")
    return problems


def insert_assessment(
    tx: Transaction,
    assessment: Assessment,
    questionnaires: Sequence[Questionnaire],
    now: str,
    *,
    assessment_id: int | None = None,
) -> int:
    """Insert an assessment row, its snapshots and answers (inside a write transaction).

    ``assessment_id`` reuses the id of an assessment just deleted (an import replacing it).
    Returns the id of the new row.
    """
    organisation_id = tx.organisation_id(assessment.organisation, now)
    cursor = tx.execute(
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
        digest = tx.save_definition(questionnaire)
        tx.execute(
            "INSERT INTO assessment_questionnaires "
            "(assessment_id, questionnaire_id, position, version, hash) VALUES (?, ?, ?, ?, ?)",
            (assessment_id, questionnaire.id, position, questionnaire.version, digest),
        )
    fallback = assessment.updated or now
    tx.executemany(
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


def read_assessment(tx: Transaction, assessment_id: int) -> StoredAssessment:
    """The whole assessment with this (existing) id, read inside the caller's transaction."""
    row = tx.execute(
        "SELECT a.uuid, o.name, a.unit, a.respondent_name, a.role, a.period, a.status, "
        "a.created, a.updated, a.completed FROM assessments a "
        "JOIN organisations o ON o.id = a.organisation_id WHERE a.id = ?",
        (assessment_id,),
    ).fetchone()
    uuid, organisation, unit, name, role, period, status, created, updated, completed = row
    versions = {
        str(qid): int(version)
        for qid, version in tx.execute(
            "SELECT questionnaire_id, version FROM assessment_questionnaires "
            "WHERE assessment_id = ? ORDER BY position",
            (assessment_id,),
        )
    }
    answers, times, notes = tx.load_answers(assessment_id)
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


def create_assessment(
    store: UnitOfWork,
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

    The organisation is created if it is new. A profile questionnaire already answered for the
    same organisation, unit and period in another stored assessment has those answers copied in
    (see :mod:`assessor.storage.profiles`), so it is answered once. Raises
    :class:`~assessor.storage.errors.InvalidRecordError` listing every problem, storing nothing.
    """
    problems = new_record_problems(organisation, respondent_name, role, period, unit)
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
    with store.writing() as tx:
        assessment_id = insert_assessment(tx, record, questionnaires, now)
        copy_profile_answers(
            tx,
            assessment_id,
            record.organisation,
            record.unit,
            record.period,
            {q.id: q for q in questionnaires},
            now,
        )
        return read_assessment(tx, assessment_id)


def get_assessment(store: UnitOfWork, id_or_uuid: int | str) -> StoredAssessment:
    """The assessment with this id or UUID (raises :class:`~.errors.NotFoundError`)."""
    with store.reading() as tx:
        return read_assessment(tx, tx.resolve(id_or_uuid))


def definitions(store: UnitOfWork, id_or_uuid: int | str) -> dict[str, Questionnaire]:
    """The questionnaire definitions the assessment was answered against, in order."""
    with store.reading() as tx:
        return tx.definitions(tx.resolve(id_or_uuid))


def delete_assessment(store: UnitOfWork, id_or_uuid: int | str) -> None:
    """Delete an assessment with its answers and cached scores."""
    with store.writing() as tx:
        tx.execute("DELETE FROM assessments WHERE id = ?", (tx.resolve(id_or_uuid),))


def export_records(
    store: UnitOfWork, ids: Iterable[int | str] | None = None, organisation: str | None = None
) -> list[StoredAssessment]:
    """Whole assessments (all, those given, or one organisation's) in a stable order.

    The order is by organisation, unit, period, role, respondent and UUID, so it does not
    depend on the ids of the database they are in.
    """
    with store.reading() as tx:
        if ids is not None:
            targets = list(dict.fromkeys(tx.resolve(given) for given in ids))
        else:
            sql = "SELECT a.id FROM assessments a"
            parameters: list[Any] = []
            if organisation is not None:
                sql += " WHERE a.organisation_id = (SELECT id FROM organisations WHERE name = ?)"
                parameters.append(organisation.strip())
            targets = [int(row[0]) for row in tx.execute(sql, parameters)]
        records = [read_assessment(tx, assessment_id) for assessment_id in targets]
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
