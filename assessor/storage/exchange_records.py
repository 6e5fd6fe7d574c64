"""Stored assessments as exchange records, with the fields that let them come back exactly.

An exchange record (DESIGN.md §9) holds an assessment's answers. The store adds, when there is
something to carry, three fields that readers not knowing them ignore:

- ``"definitions"``: questionnaire id → the full definition as used, when the catalogue does
  not have it exactly (an older version, or a changed file with the same version);
- ``"notes"``: questionnaire id → item id → note, for notes typed on items not answered yet,
  which the exchange answers cannot hold;
- ``"followups"``: what became of the previous period's actions
  (:mod:`assessor.storage.followups`).

:func:`export_records_json` writes them; :func:`embedded_definitions`, :func:`carried_notes`
and :func:`carried_followups` read them back from a parsed file for an import.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from assessor.comparison.followup import FollowUp
from assessor.exchange.exchange_file import (
    Assessment,
    QuestionnaireLookup,
    assessment_records,
    assessment_to_json,
)
from assessor.files.text_checks import NOTE, text_problem
from assessor.questionnaire.model import Questionnaire
from assessor.questionnaire.validation import check_questionnaire
from assessor.storage.assessments import definitions, export_records
from assessor.storage.errors import InvalidRecordError
from assessor.storage.followups import (
    FOLLOWUPS_KEY,
    followups,
    followups_from_json,
    followups_to_json,
)
from assessor.storage.snapshots import snapshot_of
from assessor.storage.unit_of_work import UnitOfWork

DEFINITIONS_KEY = "definitions"
NOTES_KEY = "notes"
#: notes on unanswered items of each imported assessment: UUID -> questionnaire id -> item -> note
PendingNotes = dict[str, dict[str, dict[str, str]]]


def definition_key(questionnaire_id: str, version: int) -> tuple[str, int]:
    """How :func:`embedded_definitions` keys a definition: by questionnaire id and version."""
    return questionnaire_id, version


def export_records_json(
    store: UnitOfWork,
    catalogue: QuestionnaireLookup,
    ids: Iterable[int | str] | None = None,
    organisation: str | None = None,
) -> list[dict[str, Any]]:
    """The exchange-file records of the chosen assessments (all, those given, or one
    organisation's; in the order of :func:`~assessor.storage.assessments.export_records`).

    A definition ``catalogue`` does not have, exactly, travels in the record's ``definitions``.
    """
    records: list[dict[str, Any]] = []
    for stored in export_records(store, ids, organisation):
        data = assessment_to_json(stored.assessment)
        embedded: dict[str, Any] = {}
        for questionnaire_id, used in definitions(store, stored.id).items():
            current = catalogue(questionnaire_id, used.version)
            if current is None or snapshot_of(current).hash != snapshot_of(used).hash:
                embedded[questionnaire_id] = used.model_dump(
                    mode="json", by_alias=True, exclude_none=True
                )
        if embedded:
            data[DEFINITIONS_KEY] = embedded
        if stored.pending_notes:
            data[NOTES_KEY] = stored.pending_notes
        answered = followups(store, stored.id)
        if answered:
            data[FOLLOWUPS_KEY] = followups_to_json(answered)
        records.append(data)
    return records


def embedded_definitions(data: Any, name: str) -> dict[tuple[str, int], Questionnaire]:
    """The definitions carried by the records of an exchange file, by id and version.

    Raises :class:`~assessor.storage.errors.InvalidRecordError` naming every definition that
    is not valid, or that differs from another of the same id and version in the file.
    """
    records = data if isinstance(data, list) else [data]
    found: dict[tuple[str, int], Questionnaire] = {}
    problems: list[str] = []
    for index, record in enumerate(records):
        if not isinstance(record, Mapping):
            continue
        carried = record.get(DEFINITIONS_KEY)
        if carried is None:
            continue
        place = (
            f"{name}: [{index}].{DEFINITIONS_KEY}"
            if isinstance(data, list)
            else f"{name}: {DEFINITIONS_KEY}"
        )
        if not isinstance(carried, Mapping):
            problems.append(f"{place}: must be an object of questionnaire definitions")
            continue
        for questionnaire_id, definition in carried.items():
            try:
                questionnaire = Questionnaire.model_validate(definition)
            except ValueError as error:
                first = str(error).splitlines()[0]
                problems.append(f"{place}.{questionnaire_id}: not a valid definition ({first})")
                continue
            faults = check_questionnaire(questionnaire)
            if faults:
                where = ".".join(str(part) for part in faults[0].location)
                problems.append(
                    f"{place}.{questionnaire_id}: not a valid definition ({where}: "
                    f"{faults[0].message})"
                )
                continue
            key = definition_key(questionnaire.id, questionnaire.version)
            other = found.get(key)
            if other is not None and snapshot_of(other).hash != snapshot_of(questionnaire).hash:
                problems.append(
                    f"{place}.{questionnaire_id}: differs from another definition of "
                    f"{questionnaire.id!r} version {questionnaire.version} in the same file"
                )
                continue
            found[key] = questionnaire
    if problems:
        raise InvalidRecordError(*problems)
    return found


def carried_notes(data: Any, name: str, assessments: list[Assessment]) -> PendingNotes:
    """The notes on unanswered items carried by the records, by assessment UUID.

    Each note is checked as a note (:data:`~assessor.files.text_checks.NOTE`: at most 20,000
    characters, no control characters but tabs and line breaks).
    """
    found: PendingNotes = {}
    problems: list[str] = []
    pairs = zip(assessment_records(data), assessments, strict=True)
    for (index, record), assessment in pairs:
        carried = record.get(NOTES_KEY) if isinstance(record, Mapping) else None
        if carried is None:
            continue
        place = f"{name}: [{index}].{NOTES_KEY}" if isinstance(data, list) else f"{name}: notes"
        valid = isinstance(carried, Mapping) and all(
            isinstance(by_item, Mapping) for by_item in carried.values()
        )
        if not valid:
            problems.append(f"{place}: must be an object like {{questionnaire: {{item: note}}}}")
            continue
        problems.extend(
            f"{place}.{questionnaire_id}.{item_id}: {problem}"
            for questionnaire_id, by_item in carried.items()
            for item_id, note in by_item.items()
            if (problem := text_problem(note, NOTE))
        )
        found[assessment.uuid] = {qid: dict(by_item) for qid, by_item in carried.items()}
    if problems:
        raise InvalidRecordError(*problems)
    return found


def carried_followups(
    data: Any, name: str, assessments: list[Assessment]
) -> dict[str, list[FollowUp]]:
    """The follow-up answers carried by the records, by assessment UUID."""
    found: dict[str, list[FollowUp]] = {}
    pairs = zip(assessment_records(data), assessments, strict=True)
    for (index, record), assessment in pairs:
        carried = record.get(FOLLOWUPS_KEY) if isinstance(record, Mapping) else None
        if carried is not None:
            place = (
                f"{name}: [{index}].{FOLLOWUPS_KEY}"
                if isinstance(data, list)
                else f"{name}: {FOLLOWUPS_KEY}"
            )
            found[assessment.uuid] = followups_from_json(carried, place)
    return found
