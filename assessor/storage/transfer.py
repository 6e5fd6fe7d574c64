"""Moving assessments in and out of the store: exchange JSON, and CSV for spreadsheets.

Exported JSON is a list in the exchange format (DESIGN.md §9). When an assessment was answered
against a definition the catalogue does not have (an older version, or a changed file with the
same version), its record carries an extra ``"definitions"`` object: questionnaire id → the full
definition as used. Importing reads those first and the catalogue after, so such assessments
round-trip exactly. Likewise ``"notes"`` (questionnaire id → item id → note) carries notes typed
on items not answered yet, which the exchange answers cannot hold. Readers that do not know
these fields ignore them.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assessor.comparison.followup import FollowUp
from assessor.diagnosis.answers import describe_answer
from assessor.errors import AssessorError
from assessor.exchange.exchange_file import (
    Assessment,
    ExchangeError,
    QuestionnaireLookup,
    assessment_to_json,
    exchange_data,
    parse_records,
)
from assessor.exchange.respondent_file import (
    check_seal,
    damaged,
    invited_by,
    is_respondent_file_name,
)
from assessor.files.inputs import EXCHANGE, read_input
from assessor.questionnaire.model import Questionnaire
from assessor.questionnaire.validation import check_questionnaire
from assessor.storage.errors import InvalidRecordError
from assessor.storage.followups import (
    FOLLOWUPS_KEY,
    followups,
    followups_from_json,
    followups_to_json,
)
from assessor.storage.records import ImportBatch, ImportReport
from assessor.storage.snapshots import snapshot_of
from assessor.storage.store import Store

DEFINITIONS_KEY = "definitions"
NOTES_KEY = "notes"
#: notes on unanswered items of each imported assessment: UUID -> questionnaire id -> item -> note
PendingNotes = dict[str, dict[str, dict[str, str]]]
CSV_COLUMNS: tuple[str, ...] = (
    "id",
    "uuid",
    "organisation",
    "unit",
    "period",
    "respondent",
    "role",
    "status",
    "questionnaire",
    "version",
    "item",
    "question",
    "value",
    "answer",
    "dont_know",
    "note",
    "answered_at",
)


#: A spreadsheet reads a cell starting with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    """A CSV cell that a spreadsheet shows as text, never runs as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _lookup_key(questionnaire_id: str, version: int) -> tuple[str, int]:
    return questionnaire_id, version


def export_json(
    store: Store,
    catalogue: QuestionnaireLookup,
    ids: Iterable[int | str] | None = None,
    organisation: str | None = None,
) -> str:
    """The exchange-file text for the chosen assessments (a list; stable order and keys)."""
    records = export_records_json(store, catalogue, ids, organisation)
    return json.dumps(records, indent=2, ensure_ascii=False) + "\n"


def export_records_json(
    store: Store,
    catalogue: QuestionnaireLookup,
    ids: Iterable[int | str] | None = None,
    organisation: str | None = None,
) -> list[dict[str, Any]]:
    """The exchange-file records of the chosen assessments (see :func:`export_json`).

    A definition ``catalogue`` does not have, exactly, travels in the record's ``definitions``.
    """
    records: list[dict[str, Any]] = []
    for stored in store.export_records(ids, organisation):
        data = assessment_to_json(stored.assessment)
        embedded: dict[str, Any] = {}
        for questionnaire_id, used in store.definitions(stored.id).items():
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


def _embedded_definitions(data: Any, name: str) -> dict[tuple[str, int], Questionnaire]:
    """The definitions carried by the records of an exchange file, by id and version."""
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
            key = _lookup_key(questionnaire.id, questionnaire.version)
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


def _pending_notes(data: Any, name: str, assessments: list[Assessment]) -> PendingNotes:
    """The notes on unanswered items carried by the records, by assessment UUID."""
    records = data if isinstance(data, list) else [data]
    found: PendingNotes = {}
    problems: list[str] = []
    for index, (record, assessment) in enumerate(zip(records, assessments, strict=True)):
        carried = record.get(NOTES_KEY) if isinstance(record, Mapping) else None
        if carried is None:
            continue
        place = f"{name}: [{index}].{NOTES_KEY}" if isinstance(data, list) else f"{name}: notes"
        valid = isinstance(carried, Mapping) and all(
            isinstance(by_item, Mapping)
            and all(isinstance(k, str) and isinstance(v, str) for k, v in by_item.items())
            for by_item in carried.values()
        )
        if not valid:
            problems.append(f"{place}: must be an object like {{questionnaire: {{item: note}}}}")
            continue
        found[assessment.uuid] = {qid: dict(by_item) for qid, by_item in carried.items()}
    if problems:
        raise InvalidRecordError(*problems)
    return found


@dataclass(frozen=True)
class ImportBundle(ImportBatch):
    """What an exchange file holds for import, checked, ready for ``Store.import_batches``.

    Its lookup finds definitions carried in the file first, then the catalogue's.
    """

    def import_into(self, store: Store) -> ImportReport:
        """Import everything into ``store`` in one transaction (see ``import_batches``)."""
        return store.import_batches([self])[0]


def import_bundles(store: Store, bundles: Sequence[ImportBundle]) -> list[ImportReport]:
    """Import several files in one transaction (all or nothing); one report per file."""
    return store.import_batches(bundles)


def _followups(data: Any, name: str, assessments: list[Assessment]) -> dict[str, list[FollowUp]]:
    records = data if isinstance(data, list) else [data]
    found: dict[str, list[FollowUp]] = {}
    for index, (record, assessment) in enumerate(zip(records, assessments, strict=True)):
        carried = record.get(FOLLOWUPS_KEY) if isinstance(record, Mapping) else None
        if carried is not None:
            place = (
                f"{name}: [{index}].{FOLLOWUPS_KEY}"
                if isinstance(data, list)
                else f"{name}: {FOLLOWUPS_KEY}"
            )
            found[assessment.uuid] = followups_from_json(carried, place)
    return found


def read_import(content: bytes, name: str, catalogue: QuestionnaireLookup) -> ImportBundle:
    """Parse an exchange file for import: assessments, definitions, notes and follow-ups.

    The lookup prefers definitions carried in the file over the catalogue's. A respondent file
    (``name`` ends in ``.assessor``) must carry a seal that matches its content, and any file
    carrying one is checked (:func:`assessor.exchange.respondent_file.check_seal`); a file that
    fails is
    refused in one line before anything else is read. Raises an
    :class:`~assessor.errors.AssessorError` listing every problem, each with its place.
    """
    sealed = is_respondent_file_name(name)
    try:
        data = exchange_data(content, name)
    except ExchangeError as error:
        if not sealed:
            raise
        # A respondent file that no longer parses was damaged: one line, not every fault.
        detail = error.lines[0].removeprefix(f"{name}: ")
        raise damaged(name, detail) from None
    # A respondent file (or any file carrying a seal) is checked before anything else.
    check_seal(data, name, required=sealed)
    embedded = _embedded_definitions(data, name)

    def lookup(questionnaire_id: str, version: int) -> Questionnaire | None:
        carried = embedded.get(_lookup_key(questionnaire_id, version))
        return carried if carried is not None else catalogue(questionnaire_id, version)

    assessments = parse_records(data, name, lookup)
    invited = invited_by(data, name) if isinstance(data, Mapping) else None
    return ImportBundle(
        assessments,
        lookup,
        _pending_notes(data, name, assessments),
        _followups(data, name, assessments),
        {assessments[0].uuid: invited} if invited is not None else {},
        name,
    )


def read_import_files(paths: Sequence[Path], catalogue: QuestionnaireLookup) -> list[ImportBundle]:
    """Read and check several files for import (see :func:`read_import`).

    Raises one :class:`~assessor.errors.AssessorError` with the problems of every file that
    cannot be imported, so that nothing is imported unless all of them can be.
    """
    bundles: list[ImportBundle] = []
    problems: list[str] = []
    for path in paths:
        try:
            content = read_input(path, EXCHANGE)
            bundles.append(read_import(content, str(path), catalogue))
        except AssessorError as error:
            problems.extend(error.lines)
    if problems:
        raise AssessorError(*problems)
    return bundles


def export_csv(
    store: Store, ids: Iterable[int | str] | None = None, organisation: str | None = None
) -> str:
    """One row per answer (and per note on an unanswered item), for spreadsheets."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for stored in store.export_records(ids, organisation):
        assessment = stored.assessment
        definitions = store.definitions(stored.id)
        for questionnaire_id, questionnaire in definitions.items():
            answers = assessment.answers.get(questionnaire_id, {})
            notes = stored.pending_notes.get(questionnaire_id, {})
            times = stored.answered_at.get(questionnaire_id, {})
            for item in questionnaire.items:
                answer = answers.get(item.id)
                if answer is None and item.id not in notes:
                    continue
                value: Any = ""
                if answer is not None and answer.value is not None:
                    value = (
                        ";".join(answer.value) if isinstance(answer.value, tuple) else answer.value
                    )
                writer.writerow(
                    _cell(cell)
                    for cell in (
                        stored.id,
                        assessment.uuid,
                        assessment.organisation,
                        assessment.unit,
                        assessment.period,
                        assessment.respondent.name,
                        assessment.respondent.role,
                        assessment.status,
                        questionnaire_id,
                        questionnaire.version,
                        item.id,
                        item.text,
                        value,
                        describe_answer(item, answer) if answer is not None else "",
                        "yes" if answer is not None and answer.dont_know else "",
                        answer.note if answer is not None else notes[item.id],
                        times.get(item.id, ""),
                    )
                )
    return buffer.getvalue()
