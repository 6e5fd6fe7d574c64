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
from assessor.errors import Cancelled, Progress
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
    progress: Progress | None = None,
) -> list[dict[str, Any]]:
    """The exchange-file records of the chosen assessments (all, those given, or one
    organisation's; in the order of :func:`~assessor.storage.assessments.export_records`).

    A definition ``catalogue`` does not have, exactly, travels in the record's ``definitions``.
    ``progress(done, total)`` is told after each assessment; when it returns False the export
    stops with :class:`~assessor.errors.Cancelled` (nothing is written: the caller writes).
    """
    records: list[dict[str, Any]] = []
    chosen = export_records(store, ids, organisation)
    if progress is not None and not progress(0, len(chosen)):
        raise Cancelled("cancelled: nothing was exported")
    for stored in chosen:
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
        if progress is not None and not progress(len(records), len(chosen)):
            raise Cancelled("cancelled: nothing was exported")
    return records


class CarriedDefinitions:
    """The definitions that records carry, gathered record by record and checked.

    :attr:`found` holds each valid definition by id and version; :attr:`problems` names each
    one that is not valid or differs from another of the same id and version.
    """

    def __init__(self) -> None:
        """Nothing gathered yet."""
        self.found: dict[tuple[str, int], Questionnaire] = {}
        self.problems: list[str] = []
        #: the data of definitions already checked (an export repeats them in every record)
        self._checked: dict[str, list[Any]] = {}

    def add(self, record: Any, place: str) -> None:
        """Gather the definitions a record carries; ``place`` names its ``definitions``."""
        if not isinstance(record, Mapping):
            return
        carried = record.get(DEFINITIONS_KEY)
        if carried is None:
            return
        if not isinstance(carried, Mapping):
            self.problems.append(f"{place}: must be an object of questionnaire definitions")
            return
        for questionnaire_id, definition in carried.items():
            seen = self._checked.setdefault(str(questionnaire_id), [])
            if any(definition == earlier for earlier in seen):
                continue  # the same data, checked already
            seen.append(definition)
            self._add_one(questionnaire_id, definition, place)

    def _add_one(self, questionnaire_id: str, definition: Any, place: str) -> None:
        try:
            questionnaire = Questionnaire.model_validate(definition)
        except ValueError as error:
            first = str(error).splitlines()[0]
            self.problems.append(f"{place}.{questionnaire_id}: not a valid definition ({first})")
            return
        faults = check_questionnaire(questionnaire)
        if faults:
            where = ".".join(str(part) for part in faults[0].location)
            self.problems.append(
                f"{place}.{questionnaire_id}: not a valid definition ({where}: {faults[0].message})"
            )
            return
        key = definition_key(questionnaire.id, questionnaire.version)
        other = self.found.get(key)
        if other is not None and snapshot_of(other).hash != snapshot_of(questionnaire).hash:
            self.problems.append(
                f"{place}.{questionnaire_id}: differs from another definition of "
                f"{questionnaire.id!r} version {questionnaire.version} in the same file"
            )
            return
        self.found[key] = questionnaire


def definitions_place(name: str, index: int | None) -> str:
    """How problems name the ``definitions`` of a record (``index`` None: a file of one)."""
    return f"{name}: {DEFINITIONS_KEY}" if index is None else f"{name}: [{index}].{DEFINITIONS_KEY}"


def embedded_definitions(data: Any, name: str) -> dict[tuple[str, int], Questionnaire]:
    """The definitions carried by the records of an exchange file, by id and version.

    Raises :class:`~assessor.storage.errors.InvalidRecordError` naming every definition that
    is not valid, or that differs from another of the same id and version in the file.
    """
    records = data if isinstance(data, list) else [data]
    carried = CarriedDefinitions()
    for index, record in enumerate(records):
        carried.add(record, definitions_place(name, index if isinstance(data, list) else None))
    if carried.problems:
        raise InvalidRecordError(*carried.problems)
    return carried.found


def record_notes(record: Any, place: str) -> tuple[dict[str, dict[str, str]] | None, list[str]]:
    """The notes on unanswered items one record carries (None when it carries none), and the
    problems with them; ``place`` names its ``notes``.

    Each note is checked as a note (:data:`~assessor.files.text_checks.NOTE`: at most 20,000
    characters, no control characters but tabs and line breaks).
    """
    carried = record.get(NOTES_KEY) if isinstance(record, Mapping) else None
    if carried is None:
        return None, []
    valid = isinstance(carried, Mapping) and all(
        isinstance(by_item, Mapping) for by_item in carried.values()
    )
    if not valid:
        return None, [f"{place}: must be an object like {{questionnaire: {{item: note}}}}"]
    problems = [
        f"{place}.{questionnaire_id}.{item_id}: {problem}"
        for questionnaire_id, by_item in carried.items()
        for item_id, note in by_item.items()
        if (problem := text_problem(note, NOTE))
    ]
    return {qid: dict(by_item) for qid, by_item in carried.items()}, problems


def carried_notes(data: Any, name: str, assessments: list[Assessment]) -> PendingNotes:
    """The notes on unanswered items carried by the records, by assessment UUID (each checked
    by :func:`record_notes`)."""
    found: PendingNotes = {}
    problems: list[str] = []
    pairs = zip(assessment_records(data), assessments, strict=True)
    for (index, record), assessment in pairs:
        place = f"{name}: [{index}].{NOTES_KEY}" if isinstance(data, list) else f"{name}: notes"
        notes, faults = record_notes(record, place)
        problems.extend(faults)
        if notes is not None:
            found[assessment.uuid] = notes
    if problems:
        raise InvalidRecordError(*problems)
    return found


def record_followups(record: Any, place: str) -> list[FollowUp] | None:
    """The follow-up answers one record carries (None when it carries none); ``place`` names
    them. Raises :class:`~assessor.storage.errors.InvalidRecordError` at the first problem."""
    carried = record.get(FOLLOWUPS_KEY) if isinstance(record, Mapping) else None
    return None if carried is None else followups_from_json(carried, place)


def carried_followups(
    data: Any, name: str, assessments: list[Assessment]
) -> dict[str, list[FollowUp]]:
    """The follow-up answers carried by the records, by assessment UUID."""
    found: dict[str, list[FollowUp]] = {}
    pairs = zip(assessment_records(data), assessments, strict=True)
    for (index, record), assessment in pairs:
        place = (
            f"{name}: [{index}].{FOLLOWUPS_KEY}"
            if isinstance(data, list)
            else f"{name}: {FOLLOWUPS_KEY}"
        )
        carried = record_followups(record, place)
        if carried is not None:
            found[assessment.uuid] = carried
    return found
