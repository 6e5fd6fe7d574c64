"""Files in and out of the store: exchange JSON (respondent files too), and CSV for spreadsheets.

Exported JSON is a list in the exchange format (DESIGN.md §9), each record with the fields that
let it come back exactly (:mod:`assessor.storage.exchange_records`): definitions the catalogue
does not have, notes on items not answered yet, follow-up answers. Importing reads a file whole
and checks it (:func:`read_import`), definitions carried in the file first and the catalogue
after, then adds every assessment of every file in one transaction or none
(:mod:`assessor.storage.importing`). Business outcomes travel in the same list, one record per
organisation and unit (:mod:`assessor.exchange.outcomes`), and are merged in that
transaction. A respondent file is an exchange file with a seal, checked before anything else is
read. CSV is export only: one row per answer.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assessor.diagnosis.answers import describe_answer
from assessor.errors import AssessorError, Progress
from assessor.exchange.exchange_file import (
    ExchangeError,
    QuestionnaireLookup,
    exchange_data,
    parse_records,
)
from assessor.exchange.outcomes import outcomes_record_to_json, parse_outcome_records
from assessor.exchange.respondent_file import (
    check_seal,
    damaged,
    invited_by,
    is_respondent_file_name,
)
from assessor.files.inputs import EXCHANGE, read_input
from assessor.questionnaire.metrics import bundled_metrics
from assessor.questionnaire.model import Questionnaire
from assessor.storage.assessments import definitions, export_records
from assessor.storage.exchange_records import (
    carried_followups,
    carried_notes,
    definition_key,
    embedded_definitions,
    export_records_json,
)
from assessor.storage.importing import import_batches
from assessor.storage.outcomes import outcome_records
from assessor.storage.records import ImportBatch, ImportReport
from assessor.storage.unit_of_work import UnitOfWork

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


def export_json(
    store: UnitOfWork,
    catalogue: QuestionnaireLookup,
    ids: Iterable[int | str] | None = None,
    organisation: str | None = None,
    progress: Progress | None = None,
) -> str:
    """The exchange-file text for the chosen assessments (a list; stable order and keys).

    Unless assessments are chosen by id, the list ends with the business outcomes of every
    organisation (or of ``organisation``), one record per organisation and unit, also of
    organisations without any assessment. ``progress`` is told after each assessment and may
    cancel (see :func:`~assessor.storage.exchange_records.export_records_json`).
    """
    records = export_records_json(store, catalogue, ids, organisation, progress)
    if ids is None:
        records += [outcomes_record_to_json(r) for r in outcome_records(store, organisation)]
    return json.dumps(records, indent=2, ensure_ascii=False) + "\n"


@dataclass(frozen=True)
class ImportBundle(ImportBatch):
    """What an exchange file holds for import, checked, ready for ``Store.import_batches``.

    Its lookup finds definitions carried in the file first, then the catalogue's.
    """

    def import_into(self, store: UnitOfWork) -> ImportReport:
        """Import everything into ``store`` in one transaction (see ``import_batches``)."""
        return import_batches(store, [self])[0]


def import_bundles(store: UnitOfWork, bundles: Sequence[ImportBundle]) -> list[ImportReport]:
    """Import several files in one transaction (all or nothing); one report per file."""
    return import_batches(store, bundles)


def read_import(content: bytes, name: str, catalogue: QuestionnaireLookup) -> ImportBundle:
    """Parse an exchange file for import: assessments, definitions, notes and follow-ups.

    The lookup prefers definitions carried in the file over the catalogue's. A respondent file
    (``name`` ends in ``.assessor``) must carry a seal that matches its content, and any file
    carrying one is checked (:func:`assessor.exchange.respondent_file.check_seal`); a file that
    fails is refused in one line before anything else is read. Raises an
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
    embedded = embedded_definitions(data, name)

    def lookup(questionnaire_id: str, version: int) -> Questionnaire | None:
        """The definition carried in the file, else the catalogue's."""
        carried = embedded.get(definition_key(questionnaire_id, version))
        return carried if carried is not None else catalogue(questionnaire_id, version)

    assessments = parse_records(data, name, lookup)
    outcomes = parse_outcome_records(data, name, bundled_metrics())
    invited = invited_by(data, name) if isinstance(data, Mapping) and assessments else None
    return ImportBundle(
        assessments,
        lookup,
        carried_notes(data, name, assessments),
        carried_followups(data, name, assessments),
        {assessments[0].uuid: invited} if invited is not None else {},
        name,
        outcomes,
        answers_checked=True,
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
            problems.extend(error.all_lines)
    if problems:
        raise AssessorError(*problems)
    return bundles


def export_csv(
    store: UnitOfWork, ids: Iterable[int | str] | None = None, organisation: str | None = None
) -> str:
    """One row per answer (and per note on an unanswered item), for spreadsheets."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for stored in export_records(store, ids, organisation):
        assessment = stored.assessment
        for questionnaire_id, questionnaire in definitions(store, stored.id).items():
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
