"""What the store hands back: stored assessments, list entries, cached scores, import reports.

Also the one place where an :class:`~assessor.answers.Answer` is turned into table columns and
back (values are JSON text; a multi-select's tuple becomes a JSON list).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # kept out of the import: the home list reads Summary before the model loads
    from assessor.answers import Answer
    from assessor.exchange import Assessment


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


@dataclass(frozen=True)
class ImportReport:
    """What an import did: the UUIDs added and those skipped because they were already there."""

    added: list[str] = field(default_factory=list)
    skipped_uuids: list[str] = field(default_factory=list)


def value_to_sql(answer: Answer) -> str | None:
    """The ``value`` column for an answer: JSON text, or NULL for "don't know"."""
    if answer.dont_know or answer.value is None:
        return None
    value = list(answer.value) if isinstance(answer.value, tuple) else answer.value
    return json.dumps(value, ensure_ascii=False)


def answer_from_sql(value: str | None, dont_know: int, note: str) -> Answer | None:
    """The answer in a row of the answers table, or None for a row that holds only a note."""
    from assessor.answers import Answer

    if dont_know:
        return Answer(dont_know=True, note=note)
    if value is None:
        return None
    decoded = json.loads(value)
    return Answer(value=tuple(decoded) if isinstance(decoded, list) else decoded, note=note)
