"""Importing exchange and respondent files as they are read: one transaction, all or nothing.

A file that is a list (what ``assessor export`` writes) is read one record at a time
(:class:`~assessor.files.json_stream.ListReader`): each record is checked as
:func:`~assessor.exchange.exchange_file.parse_records` would check it and stored at once, inside
the one write transaction of the whole import, so a 60 MB file never sits in memory as data.
A problem anywhere, in any file, even in the last record, rolls the transaction back: nothing is
imported. Reading goes on to the end of every file after a problem, storing nothing more, so
that the message lists every problem, in the order the whole-file readers use (a syntax error
alone; else the faults of the JSON data; else the carried definitions; else the records; …).

A respondent file, and a file of one assessment, is read whole by
:func:`~assessor.storage.transfer.read_import` (its seal covers the whole file).

``progress(done, total)`` is called after each assessment: ``total`` is counted beforehand
(records that say they are assessments), and returning False stops the import with
:class:`~assessor.errors.Cancelled`, nothing imported.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from itertools import chain
from pathlib import Path
from typing import Any

from assessor.errors import AssessorError, Cancelled, Progress
from assessor.exchange.exchange_file import (
    Assessment,
    ExchangeError,
    QuestionnaireLookup,
    duplicate_uuid_problem,
    is_outcomes_record,
    parse_record,
)
from assessor.exchange.outcomes import parse_outcome_items
from assessor.exchange.respondent_file import is_respondent_file_name
from assessor.files.documents import (
    EXCHANGE_DEPTH,
    MAX_FAULTS,
    DocumentFault,
    data_faults,
    json_place,
)
from assessor.files.inputs import EXCHANGE, input_chunks
from assessor.files.json_stream import ListReader, starts_a_list
from assessor.questionnaire.metrics import bundled_metrics
from assessor.questionnaire.model import Questionnaire
from assessor.storage.database import utc_now
from assessor.storage.errors import InvalidRecordError
from assessor.storage.exchange_records import (
    CarriedDefinitions,
    definition_key,
    definitions_place,
    record_followups,
    record_notes,
)
from assessor.storage.importing import import_assessment
from assessor.storage.outcomes import merge_outcome_records
from assessor.storage.records import ImportBatch, ImportReport
from assessor.storage.transfer import read_import
from assessor.storage.unit_of_work import Transaction, UnitOfWork

#: How a record says it is an assessment (counted for progress before the import).
_ASSESSMENT_RECORD = re.compile(rb'"format"\s*:\s*"assessor\.assessment"')
#: How a record carries definitions (then they are gathered before any record is checked).
_CARRIES_DEFINITIONS = b'"definitions"'
#: The bytes kept from one chunk to the next so that a mark cut in two is still found.
_OVERLAP = 64


@dataclass(frozen=True)
class Survey:
    """What a quick look through a file found: about how many assessments it holds, and
    whether a record may carry definitions."""

    assessments: int
    definitions: bool


def survey(path: Path) -> Survey:
    """Look through a file without parsing it (an unreadable one: nothing found; the import
    says why)."""
    count = 0
    definitions = False
    tail = b""
    try:
        for chunk in input_chunks(path, EXCHANGE):
            text = tail + chunk
            count += sum(1 for m in _ASSESSMENT_RECORD.finditer(text) if m.end() > len(tail))
            definitions = definitions or _CARRIES_DEFINITIONS in text
            tail = text[-_OVERLAP:]
    except AssessorError:
        return Survey(0, False)
    return Survey(count, definitions)


@dataclass
class _Problems:
    """The problems of one file, by kind; only the first kind found is told (as the
    whole-file readers would)."""

    faults: list[str] = field(default_factory=list)
    definitions: list[str] = field(default_factory=list)
    records: list[str] = field(default_factory=list)
    outcomes: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    followups: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        for kind in (
            self.faults,
            self.definitions,
            self.records,
            self.outcomes,
            self.notes,
            self.followups,
        ):
            if kind:
                return kind
        return []


class _Import:
    """One import of several files inside one write transaction."""

    def __init__(
        self, tx: Transaction, catalogue: QuestionnaireLookup, progress: Progress | None
    ) -> None:
        self.tx = tx
        self.catalogue = catalogue
        self.progress = progress
        self.now = utc_now()
        self.total = 0
        self.done = 0
        #: what could not be read, file by file
        self.problems: list[str] = []
        #: the first assessment that could not be stored (told when everything could be read)
        self.refused: InvalidRecordError | None = None
        self.reports: list[ImportReport] = []

    @property
    def storing(self) -> bool:
        """Whether assessments are still stored (no problem yet: after one, only read)."""
        return not self.problems and self.refused is None

    def step(self) -> None:
        """One more assessment done: tell ``progress``, which may cancel."""
        self.done += 1
        if self.progress is not None and not self.progress(self.done, max(self.total, self.done)):
            raise Cancelled("cancelled: nothing was imported")

    def store(self, batch: ImportBatch, position: int, assessment: Assessment) -> None:
        """Import one assessment unless an earlier problem stopped the storing."""
        if self.storing:
            try:
                outcome = import_assessment(self.tx, batch, position, assessment, self.now)
            except InvalidRecordError as error:
                self.refused = error
            else:
                self.reports[-1].outcomes.append(outcome)
        self.step()

    def file(self, path: Path, carries_definitions: bool) -> None:
        """Read one file and store what it holds (see the module's docstring)."""
        name = str(path)
        self.reports.append(ImportReport(source=name))
        problems = _Problems()
        try:
            chunks = input_chunks(path, EXCHANGE)
            first = next(chunks, b"")
            if is_respondent_file_name(name) or not starts_a_list(first):
                self._whole(first + b"".join(chunks), name)
                return
            lookup = self.catalogue
            if carries_definitions:
                lookup = self._carried(path, name, problems)
            self._records(
                ListReader(chain([first], chunks), EXCHANGE_DEPTH), name, lookup, problems
            )
        except Cancelled:
            raise
        except DocumentFault as fault:
            problems = _Problems(faults=[f"{name}: {fault}"])
        except AssessorError as error:
            problems = _Problems(faults=list(error.all_lines))
        self.problems.extend(problems.lines())

    def _whole(self, content: bytes, name: str) -> None:
        """A respondent file or a file of one assessment: read whole, then stored."""
        bundle = read_import(content, name, self.catalogue)
        for position, assessment in enumerate(bundle.assessments):
            self.store(bundle, position, assessment)
        if bundle.outcome_records and self.storing:
            counts = merge_outcome_records(self.tx, bundle.outcome_records, self.now)
            self.reports[-1] = replace(self.reports[-1], outcome_values=counts)

    def _carried(self, path: Path, name: str, problems: _Problems) -> QuestionnaireLookup:
        """The lookup of a file whose records may carry definitions: those it carries (read
        in a first pass), then the catalogue's."""
        carried = CarriedDefinitions()
        for element in ListReader(input_chunks(path, EXCHANGE), EXCHANGE_DEPTH).elements():
            carried.add(element.value, definitions_place(name, element.index))
        problems.definitions.extend(carried.problems)
        found = carried.found
        catalogue = self.catalogue

        def lookup(questionnaire_id: str, version: int) -> Questionnaire | None:
            """The definition carried in the file, else the catalogue's."""
            own = found.get(definition_key(questionnaire_id, version))
            return own if own is not None else catalogue(questionnaire_id, version)

        return lookup

    def _records(
        self, reader: ListReader, name: str, lookup: QuestionnaireLookup, problems: _Problems
    ) -> None:
        """Check and store the records of a list, one at a time."""
        outcome_items: list[tuple[int, Any]] = []
        uuids: dict[str, int] = {}
        position = 0
        count = 0
        for element in reader.elements():
            count += 1
            record, index = element.value, element.index
            if len(problems.faults) <= MAX_FAULTS:
                faults = data_faults(
                    record,
                    EXCHANGE_DEPTH,
                    surrogates=element.may_hold_surrogates,
                    location=(index,),
                    depth=2,
                )
                problems.faults.extend(
                    f"{name}: {json_place(fault.location)}: {fault.message}" for fault in faults
                )
                if len(problems.faults) > MAX_FAULTS:
                    del problems.faults[MAX_FAULTS:]
                    problems.faults.append(f"{name}: and more problems after these {MAX_FAULTS}")
            if problems.faults:
                continue  # only the faults will be told: the records need no more checking
            if is_outcomes_record(record):
                outcome_items.append((index, record))
                continue
            self._record(record, index, position, name, lookup, uuids, problems)
            position += 1
        if not count:
            problems.records.append(f"{name}: the file holds no assessment")
        try:
            outcomes = parse_outcome_items(outcome_items, name, bundled_metrics())
        except ExchangeError as error:
            problems.outcomes.extend(error.all_lines)
            return
        if outcomes and self.storing and not problems.lines():
            counts = merge_outcome_records(self.tx, outcomes, self.now)
            self.reports[-1] = replace(self.reports[-1], outcome_values=counts)

    def _record(
        self,
        record: Any,
        index: int,
        position: int,
        name: str,
        lookup: QuestionnaireLookup,
        uuids: dict[str, int],
        problems: _Problems,
    ) -> None:
        """Check one assessment record of a list and store it (while nothing is wrong)."""
        place = f"[{index}]"
        assessment, found = parse_record(record, place, lookup)
        problems.records.extend(f"{name}: {line}" for line in found)
        if (duplicate := duplicate_uuid_problem(record, index, uuids)) is not None:
            problems.records.append(f"{name}: {duplicate}")
        if assessment is None or problems.records:
            self.step()
            return
        notes, faults = record_notes(record, f"{name}: {place}.notes")
        problems.notes.extend(faults)
        try:
            followups = record_followups(record, f"{name}: {place}.followups")
        except InvalidRecordError as error:
            followups = None
            if not problems.followups:
                problems.followups.extend(error.all_lines)
        batch = ImportBatch(
            [assessment],
            lookup,
            {assessment.uuid: notes} if notes else {},
            {assessment.uuid: followups} if followups else {},
            source=name,
            answers_checked=True,
        )
        if problems.lines():
            self.step()
            return
        self.store(batch, position, assessment)


def import_files(
    store: UnitOfWork,
    paths: Sequence[Path],
    catalogue: QuestionnaireLookup,
    progress: Progress | None = None,
) -> list[ImportReport]:
    """Import exchange and respondent files in one transaction: all of them, or nothing.

    ``catalogue`` finds the definitions a file does not carry. What happens to an assessment
    already stored is :func:`~assessor.storage.importing.import_batches`' rule. Raises an
    :class:`~assessor.errors.AssessorError` listing every problem of every file (nothing
    imported), or :class:`~assessor.errors.Cancelled` when ``progress`` returns False. Returns
    one report per file, in order.
    """
    surveys = [survey(path) for path in paths]
    with store.writing() as tx:
        work = _Import(tx, catalogue, progress)
        work.total = sum(found.assessments for found in surveys)
        if progress is not None and not progress(0, work.total):
            raise Cancelled("cancelled: nothing was imported")
        for path, found in zip(paths, surveys, strict=True):
            work.file(path, found.definitions)
        if work.problems:
            raise AssessorError(*work.problems)
        if work.refused is not None:
            raise work.refused
    return work.reports
