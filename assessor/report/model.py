"""The report model: everything a diagnosis report shows, as plain data with no layout.

:mod:`assessor.report.builder` fills it from an assessment and its diagnosis;
:mod:`assessor.report.render` lays it out as a PDF. Strings here are user or questionnaire text
as given: escaping for the PDF happens only in the renderer.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ScoreView:
    """A score with its band; ``score`` is None when there were not enough answers."""

    label: str
    score: float | None
    band: str = ""
    meaning: str = ""
    band_index: int = -1
    coverage: float = 1.0


@dataclass(frozen=True)
class DimensionView:
    """One dimension's score, coverage and how many answers it rests on."""

    questionnaire_id: str
    dimension_id: str
    title: str
    description: str
    result: ScoreView
    answered: int
    dont_know: int
    total: int


@dataclass(frozen=True)
class FindingView:
    """A fired finding as the reader sees it."""

    questionnaire_id: str
    finding_id: str
    questionnaire_title: str
    title: str
    severity: str
    explanation: str
    actions: tuple[str, ...]
    sources: tuple[str, ...]
    positive: bool


@dataclass(frozen=True)
class ActionView:
    """One action of the plan, ranked by priority (importance x gap)."""

    rank: int
    text: str
    priority: float
    aims_at: str


@dataclass(frozen=True)
class QuestionnaireView:
    """One questionnaire's section: its index, dimensions and the articles it draws on."""

    questionnaire_id: str
    title: str
    version: int
    description: str
    result: ScoreView
    dimensions: tuple[DimensionView, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class DeltaView:
    """How one dimension moved since the previous period."""

    questionnaire_title: str
    dimension_title: str
    before: float | None
    now: float | None

    @property
    def change(self) -> float | None:
        """The change in points, or None when either side has no score."""
        if self.before is None or self.now is None:
            return None
        return self.now - self.before


@dataclass(frozen=True)
class TrendPoint:
    """The overall and per-questionnaire indices of one period."""

    period: str
    overall: float | None
    indices: tuple[float | None, ...]


@dataclass(frozen=True)
class SinceLastView:
    """Changes against the previous period of the same organisation and unit."""

    previous_period: str
    deltas: tuple[DeltaView, ...]
    new_findings: tuple[str, ...]
    resolved_findings: tuple[str, ...]
    trend_headings: tuple[str, ...]
    trend: tuple[TrendPoint, ...]


@dataclass(frozen=True)
class AnswerView:
    """One question of the appendix with its answer, reason and note."""

    number: str
    text: str
    answer: str
    why: str
    source: str
    note: str


@dataclass(frozen=True)
class AppendixSection:
    """The answers given to one questionnaire."""

    title: str
    answers: tuple[AnswerView, ...]


@dataclass(frozen=True)
class Report:
    """A whole diagnosis report."""

    title: str
    organisation: str
    unit: str
    respondent: str
    role: str
    period: str
    generated: str
    status: str
    versions: tuple[str, ...]
    overall: ScoreView
    questionnaires: tuple[QuestionnaireView, ...]
    findings: tuple[FindingView, ...]
    actions: tuple[ActionView, ...]
    evidence_warnings: tuple[str, ...]
    band_legend: tuple[str, ...]
    appendix: tuple[AppendixSection, ...]
    since_last: SinceLastView | None = None
    not_evaluated: tuple[str, ...] = field(default_factory=tuple)

    @property
    def top_findings(self) -> tuple[FindingView, ...]:
        """The findings the executive summary shows (most severe first)."""
        return self.findings[:5]

    @property
    def top_actions(self) -> tuple[ActionView, ...]:
        """The five highest-priority actions."""
        return self.actions[:5]
