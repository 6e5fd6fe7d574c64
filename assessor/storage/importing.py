"""Importing assessments into the store: every one of a transaction, or on any problem none.

An import takes :class:`~assessor.storage.records.ImportBatch` es (the assessments of one file
each, with the definitions, notes, follow-ups and invitations that came with them). Each
assessment is checked against the definitions it names, then added, or put in place of the copy
stored already when it is better (:mod:`assessor.storage.replacing`), or skipped. Completed
assessments get their scores cached. Reading exchange files into batches is
:mod:`assessor.storage.transfer`'s job.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from assessor.comparison.followup import FollowUp
from assessor.diagnosis.answers import AnswerError, make_answer
from assessor.exchange.exchange_file import STATUSES, Assessment, QuestionnaireLookup
from assessor.questionnaire.model import Questionnaire
from assessor.storage.assessments import insert_assessment, new_record_problems
from assessor.storage.database import utc_now
from assessor.storage.errors import InvalidRecordError
from assessor.storage.followups import insert_followups
from assessor.storage.invitations import insert_invitation
from assessor.storage.outcomes import merge_outcome_records
from assessor.storage.records import ImportBatch, ImportOutcome, ImportReport
from assessor.storage.replacing import (
    StoredIdentity,
    describe_identity,
    describe_respondent,
    identity_differences,
    replacement_reason,
)
from assessor.storage.score_cache import write_scores
from assessor.storage.unit_of_work import Transaction, UnitOfWork


def import_assessments(
    store: UnitOfWork,
    assessments: Sequence[Assessment],
    lookup: QuestionnaireLookup,
    pending_notes: Mapping[str, Mapping[str, Mapping[str, str]]] | None = None,
    followups: Mapping[str, list[FollowUp]] | None = None,
) -> ImportReport:
    """Import assessments in one transaction: all of them or, on any problem, none.

    ``lookup`` finds the definition of each questionnaire id and version (it is kept as
    the snapshot). ``pending_notes`` (UUID → questionnaire id → item id → note) restores
    notes typed on items that have no answer, and ``followups`` (UUID → answers) what
    became of the previous period's actions. See :func:`import_batches` for what happens
    to an assessment already stored.
    """
    batch = ImportBatch(list(assessments), lookup, pending_notes or {}, followups or {})
    return import_batches(store, [batch])[0]


def import_batches(store: UnitOfWork, batches: Sequence[ImportBatch]) -> list[ImportReport]:
    """Import several files' assessments in one transaction: all of them or none.

    An assessment whose UUID is not stored yet is added. One already stored is replaced
    only by a better copy: a complete one over a draft, or one of the same status updated
    later (see :func:`~assessor.storage.replacing.replacement_reason`); otherwise it is
    skipped, and the report says why. Completed assessments get their scores cached; the
    invitation a respondent file carries is recorded; business outcomes are merged (the newer
    entry wins: :func:`~assessor.storage.outcomes.merge_outcome_records`). Returns one report
    per batch, in order.
    """
    reports: list[ImportReport] = []
    now = utc_now()
    with store.writing() as tx:
        for batch in batches:
            report = ImportReport(source=batch.source)
            for index, assessment in enumerate(batch.assessments):
                report.outcomes.append(import_assessment(tx, batch, index, assessment, now))
            if batch.outcome_records:
                counts = merge_outcome_records(tx, batch.outcome_records, now)
                report = replace(report, outcome_values=counts)
            reports.append(report)
    return reports


def import_assessment(
    tx: Transaction, batch: ImportBatch, index: int, assessment: Assessment, now: str
) -> ImportOutcome:
    """Add, replace or skip one assessment of an import (inside its transaction).

    ``batch`` gives what comes with it (its lookup, notes, follow-ups, invitation); ``index`` is
    its place among the batch's assessments (from 0), for messages. Raises
    :class:`~assessor.storage.errors.InvalidRecordError` when it cannot be imported.
    """
    uuid = assessment.uuid.strip().lower()
    who = describe_respondent(assessment)
    present = tx.execute(
        "SELECT a.id, a.status, a.updated, o.name, a.unit, a.respondent_name, a.role, a.period "
        "FROM assessments a JOIN organisations o ON o.id = a.organisation_id WHERE a.uuid = ?",
        (uuid,),
    ).fetchone()
    replacing: int | None = None
    reason = ""
    if present is not None:
        replacing, status, updated = int(present[0]), str(present[1]), str(present[2])
        stored = StoredIdentity(*(str(value) for value in present[3:]))
        differs = identity_differences(stored, assessment)
        if differs:
            where = f"{batch.source}: " if batch.source else ""
            raise InvalidRecordError(
                f"{where}assessment {index + 1} ({uuid}) is stored here as "
                f"{describe_identity(stored)}, but the file gives it another {differs} "
                f"({who}); an assessment's UUID is its identity, so nothing was imported"
            )
        found = replacement_reason(status, updated, assessment.status, assessment.updated)
        if not found.replace:
            return ImportOutcome(uuid, "skipped", who, found.reason)
        reason = found.reason
    definitions = _checked_import(index, assessment, batch.lookup, batch.answers_checked)
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
        tx.execute("DELETE FROM assessments WHERE id = ?", (replacing,))
    assessment_id = insert_assessment(
        tx, record, list(definitions.values()), now, assessment_id=replacing
    )
    notes = batch.pending_notes.get(assessment.uuid, {})
    _insert_pending_notes(tx, assessment_id, definitions, notes, now)
    insert_followups(tx.connection, assessment_id, batch.followups.get(assessment.uuid, []), now)
    invited = batch.invitations.get(assessment.uuid)
    if invited is not None:
        organisation_id = tx.organisation_id(record.organisation, now)
        insert_invitation(tx.connection, organisation_id, record, invited)
    if record.status == "complete":
        write_scores(tx.connection, assessment_id, definitions, record.answers, now)
    if replacing is not None:
        return ImportOutcome(uuid, "replaced", who, reason)
    return ImportOutcome(uuid, "added", who)


def _insert_pending_notes(
    tx: Transaction,
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
            tx.execute(
                "INSERT INTO answers (assessment_id, questionnaire_id, item_id, note, "
                "answered_at) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (assessment_id, questionnaire_id, item_id) DO NOTHING",
                (assessment_id, questionnaire_id, item_id, note, now),
            )


def _checked_import(
    index: int, assessment: Assessment, lookup: QuestionnaireLookup, answers_checked: bool
) -> dict[str, Questionnaire]:
    """The definitions of an assessment to import, its answers checked against them (unless
    ``answers_checked``: the exchange reader did it with the same lookup)."""
    where = f"assessment {index + 1} ({assessment.uuid})"
    problems = [
        f"{where}: {problem}"
        for problem in new_record_problems(
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
                problems.append(f"{where}: answers to {questionnaire_id!r}, which it does not list")
            continue
        if answers_checked:
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
