"""What the store hands back: stored assessments, list entries, cached scores, import reports;
and what an import takes in (:class:`ImportBatch`: the assessments of one file).

Also the one place where an :class:`~assessor.diagnosis.answers.Answer` is turned into table
columns and
back (values are JSON text; a multi-select's tuple becomes a JSON list, a checklist's
:class:`~assessor.diagnosis.answers.Checks` a JSON object).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from json.encoder import encode_basestring
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:  # kept out of the import: the home list reads Summary before the model loads
    from assessor.comparison.followup import FollowUp
    from assessor.diagnosis.answers import Answer
    from assessor.exchange.exchange_file import Assessment, QuestionnaireLookup
    from assessor.exchange.outcomes import OutcomesRecord
    from assessor.exchange.respondent_file import InvitedBy


@dataclass(frozen=True)
class StoredAssessment:
    """An assessment as stored, with the store's integer ``id`` (the exchange record has none)."""

    id: int
    assessment: Assessment
    #: questionnaire id -> item id -> when the answer (or note) last changed, UTC ISO 8601
    answered_at: dict[str, dict[str, str]] = field(default_factory=dict)
    #: notes typed on items that have no answer yet: questionnaire id -> item id -> note
    pending_notes: dict[str, dict[str, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Summary:
    """One entry of the list of assessments (the home screen and ``assessor list``)."""

    id: int
    uuid: str
    organisation: str
    unit: str
    respondent: str
    role: str
    period: str
    status: str
    created: str
    updated: str
    completed: str
    #: how many items have an answer or "don't know"
    answered: int

    def to_json(self) -> dict[str, Any]:
        """The entry as a JSON object (the shape ``assessor list --json`` prints)."""
        return asdict(self)


@dataclass(frozen=True)
class DimensionScoreRow:
    """One cached dimension score of a completed assessment (see ``Store.dimension_scores``)."""

    period: str
    assessment_id: int
    uuid: str
    unit: str
    role: str
    respondent: str
    questionnaire_id: str
    dimension_id: str
    #: 0–100, or None when too few answers ("not enough answers")
    score: float | None
    coverage: float
    band: str | None
    answered: int
    dont_know: int
    total: int


#: What happened to one imported assessment.
ImportKind = Literal["added", "replaced", "skipped"]


@dataclass(frozen=True)
class ImportOutcome:
    """What an import did with one assessment, and why."""

    uuid: str
    kind: ImportKind
    #: whose assessment, for whom: "Marta (marketing), Acme / EMEA 2026-Q3"
    who: str
    #: why it replaced the copy here or was skipped ("" when it was added)
    reason: str = ""

    def line(self) -> str:
        """One plain line: ``replaced Sam (sales), Acme 2026-Q3: <reason>``."""
        return f"{self.kind} {self.who}" + (f": {self.reason}" if self.reason else "")


@dataclass
class OutcomeCounts:
    """What an import did with outcome values: added, replaced (older here) or skipped."""

    added: int = 0
    replaced: int = 0
    skipped: int = 0

    @property
    def total(self) -> int:
        """How many values the import carried."""
        return self.added + self.replaced + self.skipped

    def line(self) -> str:
        """``36 outcome values: 30 added, 4 replaced, 2 skipped (the same or newer here)``."""
        text = f"{self.total} outcome value{'s' if self.total != 1 else ''}: "
        text += f"{self.added} added, {self.replaced} replaced, {self.skipped} skipped"
        return text + (" (the same or newer here)" if self.skipped else "")


@dataclass(frozen=True)
class ImportReport:
    """What an import did with each assessment: added, replaced the copy here, or skipped;
    and with the business outcomes the file carried (``outcome_values``)."""

    outcomes: list[ImportOutcome] = field(default_factory=list)
    #: the file the assessments came from, when known
    source: str = ""
    #: what became of the file's business outcome values
    outcome_values: OutcomeCounts = field(default_factory=OutcomeCounts)

    def _uuids(self, kind: ImportKind) -> list[str]:
        return [outcome.uuid for outcome in self.outcomes if outcome.kind == kind]

    @property
    def added(self) -> list[str]:
        """The UUIDs of the assessments added."""
        return self._uuids("added")

    @property
    def replaced(self) -> list[str]:
        """The UUIDs of the assessments that replaced an older or unfinished copy."""
        return self._uuids("replaced")

    @property
    def skipped_uuids(self) -> list[str]:
        """The UUIDs of the assessments left out (the copy here is the same or better)."""
        return self._uuids("skipped")


def import_totals(reports: Sequence[ImportReport]) -> str:
    """What several imports did, counted: ``2 added, 1 replaced, 0 skipped``."""
    counts = {
        kind: sum(1 for report in reports for outcome in report.outcomes if outcome.kind == kind)
        for kind in ("added", "replaced", "skipped")
    }
    return ", ".join(f"{count} {kind}" for kind, count in counts.items())


#: notes on unanswered items of each imported assessment: UUID -> questionnaire id -> item -> note
PendingNotes = Mapping[str, Mapping[str, Mapping[str, str]]]


@dataclass(frozen=True)
class ImportBatch:
    """The assessments of one exchange file and what their import needs."""

    assessments: Sequence[Assessment]
    #: finds each questionnaire id and version's definition (kept as the snapshot)
    lookup: QuestionnaireLookup
    pending_notes: PendingNotes = field(default_factory=dict)
    #: follow-up answers by assessment UUID
    followups: Mapping[str, list[FollowUp]] = field(default_factory=dict)
    #: who sent each assessment out (respondent files), by assessment UUID
    invitations: Mapping[str, InvitedBy] = field(default_factory=dict)
    #: how reports name the file
    source: str = ""
    #: the business outcomes of organisations the file carries (assessor.exchange.outcomes)
    outcome_records: Sequence[OutcomesRecord] = ()
    #: whether every answer was checked against its definition already (by the exchange
    #: reader, with this lookup), so that the import need not check it again
    answers_checked: bool = False


def value_to_sql(answer: Answer) -> str | None:
    """The ``value`` column for an answer: JSON text, or NULL for "don't know"."""
    from assessor.diagnosis.answers import plain

    if answer.dont_know or answer.value is None:
        return None
    if type(answer.value) is int:  # the commonest answer (agreement); JSON text of its own
        return str(answer.value)
    if type(answer.value) is str:  # an option id or a text answer: a JSON string
        return encode_basestring(answer.value)
    return json.dumps(plain(answer), ensure_ascii=False)


def answer_from_sql(value: str | None, dont_know: int, note: str) -> Answer | None:
    """The answer in a row of the answers table, or None for a row that holds only a note."""
    from assessor.diagnosis.answers import Answer, Checks

    if dont_know:
        return Answer(dont_know=True, note=note)
    if value is None:
        return None
    decoded = json.loads(value)
    if isinstance(decoded, list):
        decoded = tuple(decoded)
    elif isinstance(decoded, dict):
        decoded = Checks(decoded)
    return Answer(value=decoded, note=note)
